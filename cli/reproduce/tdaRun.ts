import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExperimentResults } from '../../experiments/experimentResults';
import { writeFileAtomic } from '../../learning/atomicFile';
import type { TdaStudy } from './tdaStudies';

const parleyBin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/parley.js');

/** Progress lines of `parley experiment` worth showing (the rest goes to the study's log). */
const progressLine = /^(seed \d+|done in|TensorFlow\.js backend|running the units)/;

export class StudyFailedError extends Error {
  override name = 'StudyFailedError';
}

/**
 * Runs one study as `parley experiment --preset human --config … --out OUT/studies/NAME` in a
 * child process: each study gets a fresh TensorFlow.js and its own resumable results.json, so
 * an interrupted reproduction picks up at the last finished (seed, method) of each study.
 * Its whole stderr goes to OUT/studies/NAME/log.txt; progress lines also to `progress`.
 */
export async function runStudy(options: {
  study: TdaStudy;
  out: string;
  data: string;
  /** Unit processes per study (`parley experiment --parallel`); one process when undefined. */
  parallel?: number;
  progress: (line: string) => void;
}): Promise<ExperimentResults> {
  const { study } = options;
  const dir = path.join(options.out, 'studies', study.name);
  fs.mkdirSync(dir, { recursive: true });
  const configFile = path.join(dir, 'config.json');
  writeFileAtomic(configFile, `${JSON.stringify(study.config, null, 2)}\n`);
  const log = fs.createWriteStream(path.join(dir, 'log.txt'), { flags: 'a' });
  const args = [
    parleyBin,
    'experiment',
    '--preset',
    'human',
    '--config',
    configFile,
    '--data',
    options.data,
    '--seeds',
    String(study.seeds),
    '--out',
    dir,
    ...(options.parallel === undefined ? [] : ['--parallel', String(options.parallel)]),
  ];
  options.progress(`[${study.name}] ${study.title}: ${study.seeds} seed(s), in ${dir}`);
  const tail: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let pending = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      log.write(chunk);
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 15) {
          tail.shift();
        }
        if (progressLine.test(line)) {
          options.progress(`[${study.name}] ${line}`);
        }
      }
    });
    child.on('error', reject);
    child.on('close', (exitCode) => resolve(exitCode));
  });
  await new Promise<void>((resolve) => log.end(resolve));
  if (code !== 0) {
    throw new StudyFailedError(
      `the ${study.name} study (${study.title}) stopped with exit code ${code}; its results so far are kept in ${dir} and a rerun resumes them. Its last lines:\n${tail.join('\n')}`,
    );
  }
  return JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as ExperimentResults;
}
