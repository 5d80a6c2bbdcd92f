import fs from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

/** A fenced block of a markdown document. */
export interface FencedBlock {
  /** The document, relative to the repository root. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The fence's info string split on spaces: `sh runnable` → ['sh', 'runnable']. */
  info: string[];
  /** The nearest heading above the block. */
  heading: string;
  body: string;
}

const skipped = new Set(['node_modules', '.git', '.parley', 'dist', 'runs', 'coverage']);

/** README.md, docs/*.md and every folder's README.md, relative to the repository root. */
export function documentFiles(): string[] {
  const files = ['README.md'];
  for (const name of fs.readdirSync(path.join(repoRoot, 'docs')).sort()) {
    if (name.endsWith('.md')) {
      files.push(`docs/${name}`);
    }
  }
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
      if (!entry.isDirectory() || skipped.has(entry.name)) {
        continue;
      }
      const sub = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (sub !== 'docs' && fs.existsSync(path.join(repoRoot, sub, 'README.md'))) {
        files.push(`${sub}/README.md`);
      }
      walk(sub);
    }
  };
  walk('');
  return files;
}

export function readDocument(file: string): string {
  return fs.readFileSync(path.join(repoRoot, file), 'utf8');
}

/** Every fenced block (``` fences) of a document, with its info string and heading. */
export function fencedBlocks(file: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  let heading = '';
  let open: { line: number; info: string[]; lines: string[]; fence: string } | null = null;
  readDocument(file)
    .split('\n')
    .forEach((text, index) => {
      if (open !== null) {
        if (text.trim() === open.fence) {
          blocks.push({
            file,
            line: open.line,
            info: open.info,
            heading,
            body: open.lines.join('\n'),
          });
          open = null;
        } else {
          open.lines.push(text);
        }
        return;
      }
      const fence = /^\s*(`{3,})(.*)$/.exec(text);
      if (fence !== null) {
        const info = (fence[2] ?? '').trim();
        open = {
          line: index + 1,
          info: info === '' ? [] : info.split(/\s+/),
          lines: [],
          fence: fence[1]!,
        };
        return;
      }
      const title = /^#{1,6}\s+(.*)$/.exec(text);
      if (title !== null) {
        heading = title[1]!.trim();
      }
    });
  return blocks;
}

/** The text of a document outside its fenced blocks (where links and paths are prose). */
export function proseOf(file: string): string {
  let inFence: string | null = null;
  return readDocument(file)
    .split('\n')
    .map((text) => {
      const fence = /^\s*(`{3,})/.exec(text);
      if (inFence !== null) {
        if (text.trim() === inFence) {
          inFence = null;
        }
        return '';
      }
      if (fence !== null) {
        inFence = fence[1]!;
        return '';
      }
      return text;
    })
    .join('\n');
}
