import fs from 'node:fs';
import path from 'node:path';
import { gitBlobId } from './gitBlobId';

/** A file of a corpus, as the pinned source has it. */
export interface CorpusFile {
  split: string;
  file: string;
  gitBlob: string;
}

/** Where the files come from: a web address holding them, or a folder a user filled by hand. */
export type CorpusOrigin = { kind: 'url'; base: string } | { kind: 'dir'; dir: string };

export interface FetchedFile {
  split: string;
  path: string;
  origin: string;
  bytes: number;
  lines: number;
  gitBlob: string;
  /** Whether the content is the pinned one; false only with `allowModified`. */
  verified: boolean;
  /** True when a verified copy was already there and nothing was fetched. */
  alreadyPresent: boolean;
}

/** A download or check that failed; the message says which file, what went wrong and what to do. */
export class CorpusFetchError extends Error {
  override name = 'CorpusFetchError';
}

export interface FetchOptions {
  files: readonly CorpusFile[];
  origin: CorpusOrigin;
  /** The corpus's own folder (created if needed). */
  destination: string;
  /** Keep a file whose content is not the pinned one (marked unverified in the manifest). */
  allowModified?: boolean;
  onProgress?: (file: string, received: number, total: number | null) => void;
  /** Written at the top of the manifest: where the corpus comes from, its licence. */
  about?: Record<string, string>;
  /** Injected so that runs are reproducible in tests (the manifest records it). */
  now?: () => Date;
}

export const manifestName = 'manifest.json';

/**
 * Gets each file, checks it against its git blob id and writes it (to a temporary name, then
 * renamed, so a cut download never looks like data). Files are done one by one: a failure leaves
 * the files before it in place, and a rerun skips what is already there and verified.
 */
export async function fetchCorpusFiles(options: FetchOptions): Promise<FetchedFile[]> {
  fs.mkdirSync(options.destination, { recursive: true });
  const done: FetchedFile[] = [];
  for (const file of options.files) {
    const target = path.join(options.destination, file.file);
    const present = readIfPresent(target);
    if (present !== null && gitBlobId(present) === file.gitBlob) {
      done.push(describe(file, target, 'already present', present, file.gitBlob, true));
      continue;
    }
    const { content, origin } = await obtain(file, options);
    const blob = gitBlobId(content);
    const verified = blob === file.gitBlob;
    if (!verified && options.allowModified !== true) {
      throw new CorpusFetchError(
        `${file.file} from ${origin} is not the pinned file: its git blob id is ${blob}, expected ${file.gitBlob} ` +
          `(${content.byteLength} bytes, ${countLines(content)} lines). Nothing was written for it. ` +
          'A download cut short or a changed copy does this; rerun, or keep this copy with --allow-modified.',
      );
    }
    const partial = `${target}.partial`;
    fs.writeFileSync(partial, content);
    fs.renameSync(partial, target);
    done.push(describe(file, target, origin, content, blob, false));
    writeManifest(options, done);
  }
  writeManifest(options, done);
  return done;
}

/** What was fetched, from the content and its already computed git blob id. */
function describe(
  file: CorpusFile,
  target: string,
  origin: string,
  content: Uint8Array,
  gitBlob: string,
  alreadyPresent: boolean,
): FetchedFile {
  return {
    split: file.split,
    path: target,
    origin,
    bytes: content.byteLength,
    lines: countLines(content),
    gitBlob,
    verified: gitBlob === file.gitBlob,
    alreadyPresent,
  };
}

async function obtain(
  file: CorpusFile,
  options: FetchOptions,
): Promise<{ content: Uint8Array; origin: string }> {
  if (options.origin.kind === 'dir') {
    const candidates = [file.file, `dealornodeal-${file.file}`].map((name) =>
      path.join((options.origin as { dir: string }).dir, name),
    );
    const found = candidates.find((candidate) => fs.existsSync(candidate));
    if (found === undefined) {
      throw new CorpusFetchError(
        `--from: no ${file.file} in ${options.origin.dir} (looked for ${candidates.join(' and ')})`,
      );
    }
    return { content: fs.readFileSync(found), origin: found };
  }
  const url = `${options.origin.base.replace(/\/+$/, '')}/${file.file}`;
  return { content: await download(url, file.file, options.onProgress), origin: url };
}

async function download(
  url: string,
  name: string,
  onProgress: FetchOptions['onProgress'],
): Promise<Uint8Array> {
  const offline =
    'Without internet access, download the files on another machine and run `parley data fetch dealornodeal --from DIR`.';
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new CorpusFetchError(
      `could not download ${name} from ${url}: ${cause?.code ?? cause?.message ?? (error as Error).message}. ${offline}`,
    );
  }
  if (!response.ok || response.body === null) {
    throw new CorpusFetchError(
      `could not download ${name} from ${url}: HTTP ${response.status} ${response.statusText}. ${offline}`,
    );
  }
  const header = Number(response.headers.get('content-length'));
  const total = Number.isFinite(header) && header > 0 ? header : null;
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      chunks.push(chunk);
      received += chunk.byteLength;
      onProgress?.(name, received, total);
    }
  } catch (error) {
    throw new CorpusFetchError(
      `the download of ${name} from ${url} broke off after ${received} bytes: ${(error as Error).message}. Rerun to try again.`,
    );
  }
  return Buffer.concat(chunks);
}

function readIfPresent(file: string): Uint8Array | null {
  return fs.existsSync(file) ? fs.readFileSync(file) : null;
}

function countLines(content: Uint8Array): number {
  const text = Buffer.from(content).toString('utf8');
  return text.split('\n').filter((line) => line.trim() !== '').length;
}

function writeManifest(options: FetchOptions, files: readonly FetchedFile[]): void {
  const manifest = path.join(options.destination, manifestName);
  const earlier = fs.existsSync(manifest)
    ? (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { files?: Record<string, unknown> })
    : {};
  const at = (options.now ?? (() => new Date()))().toISOString();
  const entries = Object.fromEntries(
    files
      // A file found in place keeps the record of when it was fetched.
      .filter((f) => !f.alreadyPresent || earlier.files?.[f.split] === undefined)
      .map((f) => [f.split, { ...f, path: path.basename(f.path), fetchedAt: at }]),
  );
  fs.writeFileSync(
    manifest,
    `${JSON.stringify({ ...options.about, files: { ...earlier.files, ...entries } }, null, 2)}\n`,
  );
}
