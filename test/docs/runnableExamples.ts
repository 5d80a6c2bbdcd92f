import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { documentFiles, fencedBlocks, repoRoot, type FencedBlock } from './markdownDocs';

/** The marker: a fence whose info string is `sh runnable` (test/README.md). */
export function isRunnable(block: FencedBlock): boolean {
  return block.info[0] === 'sh' && block.info.includes('runnable');
}

export function runnableExamples(): FencedBlock[] {
  return documentFiles().flatMap((file) => fencedBlocks(file).filter(isRunnable));
}

export interface ExampleRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The temporary directory the example ran in (removed by the caller). */
  dir: string;
}

/**
 * Runs an example as a reader would paste it, with bash (`set -euo pipefail`: any failing command
 * fails the example) in a fresh temporary directory. `npx parley …` and `parley …` run this
 * checkout's `bin/parley.js` (a shim on PATH), so no install is needed.
 */
export async function runExample(
  block: FencedBlock,
  env: NodeJS.ProcessEnv = {},
): Promise<ExampleRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-doc-example-'));
  const shims = path.join(dir, '.shims');
  fs.mkdirSync(shims);
  const bin = path.join(repoRoot, 'bin', 'parley.js');
  const realNpx = path.join(path.dirname(process.execPath), 'npx');
  fs.writeFileSync(
    path.join(shims, 'npx'),
    `#!/bin/sh\nif [ "$1" = parley ]; then shift; exec "${process.execPath}" "${bin}" "$@"; fi\nexec "${realNpx}" "$@"\n`,
    { mode: 0o755 },
  );
  fs.writeFileSync(
    path.join(shims, 'parley'),
    `#!/bin/sh\nexec "${process.execPath}" "${bin}" "$@"\n`,
    {
      mode: 0o755,
    },
  );
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', `set -euo pipefail\n${block.body}`], {
      cwd: dir,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        PARLEY_DATA_DIR: path.join(dir, '.parley', 'data'),
        ...env,
        PATH: `${shims}${path.delimiter}${process.env.PATH ?? ''}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr, dir }));
  });
}
