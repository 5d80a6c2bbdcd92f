import fs from 'node:fs';
import readline from 'node:readline';

/** The lines of a file ('-' for stdin), streamed, without their line ends. */
export async function* readLines(file: string): AsyncGenerator<string> {
  if (file !== '-') {
    // A clear message up front, rather than a stream error half-way through the loop.
    fs.accessSync(file, fs.constants.R_OK);
  }
  const input = file === '-' ? process.stdin : fs.createReadStream(file, { encoding: 'utf8' });
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    yield line;
  }
}

export interface LineWriter {
  write(line: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Writes lines to a file (stdout for '-' or no file), batched, waiting when the stream is
 * full, so that large corpora stream out in constant memory.
 */
export function openLineWriter(file: string | undefined): LineWriter {
  const toStdout = file === undefined || file === '-';
  const stream = toStdout ? process.stdout : fs.createWriteStream(file, { encoding: 'utf8' });
  let buffer: string[] = [];
  let size = 0;
  const flush = async () => {
    if (buffer.length === 0) {
      return;
    }
    const chunk = buffer.join('');
    buffer = [];
    size = 0;
    if (!stream.write(chunk)) {
      await new Promise<void>((resolve) => stream.once('drain', resolve));
    }
  };
  return {
    async write(line) {
      buffer.push(line, '\n');
      size += line.length + 1;
      if (size >= 1 << 16) {
        await flush();
      }
    },
    async close() {
      await flush();
      if (!toStdout) {
        await new Promise<void>((resolve, reject) => {
          stream.once('error', reject);
          stream.end(resolve);
        });
      }
    },
  };
}
