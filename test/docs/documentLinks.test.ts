import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentFiles, proseOf, repoRoot } from './markdownDocs';

/** Relative markdown links, `[text](target)`, without their #anchor. */
function relativeLinks(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!.split('#')[0]!)
    .filter((target) => target !== '' && !/^[a-z]+:/i.test(target));
}

/**
 * Backticked paths that look like repository paths: `a/b.ts`, `platform/tasks/`, whose first
 * segment is a folder of the repository (from its root, or from the document's folder).
 * Placeholders (…, <x>, *) and home or output paths are not paths of the repository.
 */
function backtickedPaths(text: string, base: string): string[] {
  return [...text.matchAll(/`([^`\s]+)`/g)]
    .map((m) => m[1]!)
    .filter((token) => /^[\w.@-]+(\/[\w.@-]+)*\/[\w.@-]*$/.test(token) && !token.startsWith('.'))
    .filter((token) => {
      const first = token.split('/')[0]!;
      return [repoRoot, base].some((dir) => isTrackedFolder(path.join(dir, first)));
    });
}

function isTrackedFolder(dir: string): boolean {
  const name = path.basename(dir);
  return (
    !['node_modules', 'runs', 'dist', 'coverage'].includes(name) &&
    fs.existsSync(dir) &&
    fs.statSync(dir).isDirectory()
  );
}

const exists = (target: string, bases: string[]) =>
  bases.some((base) => fs.existsSync(path.join(base, target)) || isGenerated(base, target));

/** Build and test output (`client/dist`, screenshots) is named by the docs but git-ignored. */
function isGenerated(base: string, target: string): boolean {
  const file = path.relative(repoRoot, path.join(base, target));
  // A folder pattern (`client/dist/`) matches what is inside the folder.
  return [file, `${file}/file`].some(
    (f) =>
      spawnSync('git', ['check-ignore', '--no-index', '-q', f], { cwd: repoRoot }).status === 0,
  );
}

describe('every repository path the documents name exists', () => {
  it.each(documentFiles())('%s', (file) => {
    const text = proseOf(file);
    const base = path.join(repoRoot, path.dirname(file));
    const missing = [
      ...relativeLinks(text).filter((target) => !exists(target, [base])),
      ...backtickedPaths(text, base).filter((target) => !exists(target, [repoRoot, base])),
    ];
    expect(missing).toEqual([]);
  });
});
