import path from 'node:path';
import { writeFileAtomic } from '../../learning/atomicFile';

/** Writes a report's files (name → content) into `out`, each atomically; returns their paths. */
export function writeReportFiles(out: string, files: Record<string, string>): string[] {
  return Object.entries(files).map(([name, content]) => {
    const file = path.join(out, name);
    writeFileAtomic(file, content);
    return file;
  });
}
