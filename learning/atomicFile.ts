import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes `content` to `file` so that a reader sees the old file or the whole new one, never a
 * part, even after a power cut: write a temporary file beside it, fsync it, rename it over `file`,
 * fsync the directory. Checkpoints, experiment results and reports that resumed runs read back
 * are written with it. (It lives in learning/, the lowest room that writes files, so that
 * checkpoints and the command line share it.)
 */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const temporary = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    const fd = fs.openSync(temporary, 'w');
    try {
      fs.writeFileSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, file);
  } catch (error) {
    // A full disk or a failed rename: what was there stays, and no stray temporary file.
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  const dirFd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(dirFd);
  } finally {
    fs.closeSync(dirFd);
  }
}
