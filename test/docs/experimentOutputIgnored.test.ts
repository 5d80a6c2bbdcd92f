import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { documentFiles, readDocument, repoRoot } from './markdownDocs';

/** Every `--out DIR` of a `parley experiment` command the documents suggest. */
function suggestedOutputDirs(): string[] {
  const dirs = new Set<string>();
  for (const file of documentFiles()) {
    for (const match of readDocument(file).matchAll(
      /parley experiment [^\n`]*?--out ([\w.-]+(?:\/[\w.-]+)*)/g,
    )) {
      dirs.add(match[1]!);
    }
  }
  return [...dirs].sort();
}

// What a run writes (results, summary, plots, checkpoints), and a script someone drops there.
const outputs = ['results.json', 'summary.md', 'alice.svg', 'checkpoints/seed-1/expert.ckpt'];

describe('the experiment output directories the documents suggest', () => {
  const dirs = suggestedOutputDirs();

  it('are found (README: runs/smoke)', () => {
    expect(dirs).toContain('runs/smoke');
  });

  it.each(dirs)('%s is ignored by git, prettier and eslint', async (dir) => {
    for (const output of outputs) {
      const file = `${dir}/${output}`;
      const git = spawnSync('git', ['check-ignore', '--no-index', '-q', file], { cwd: repoRoot });
      expect(git.status, `git check-ignore ${file}`).toBe(0);
      const info = await prettier.getFileInfo(path.join(repoRoot, file), {
        ignorePath: path.join(repoRoot, '.prettierignore'),
      });
      expect(info.ignored, `prettier ignores ${file}`).toBe(true);
    }
    const eslint = new ESLint({ cwd: repoRoot });
    expect(await eslint.isPathIgnored(path.join(repoRoot, dir, 'analysis.js'))).toBe(true);
  });
});
