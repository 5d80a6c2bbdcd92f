import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../learning/atomicFile';
import type { CheckpointStore } from './experimentUnits';

/** out/checkpoints/seed-N/<name>.ckpt, "TDA (second order)" → "tda-second-order". */
export function checkpointFile(out: string, seed: number, name: string): string {
  const file = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return path.join(out, 'checkpoints', `seed-${seed}`, `${file}.ckpt`);
}

/** The checkpoints of a run directory: what local processes share (one machine's disk). */
export function directoryCheckpointStore(out: string): CheckpointStore {
  return {
    put: (seed, name, bytes) => {
      writeFileAtomic(checkpointFile(out, seed, name), bytes);
      return Promise.resolve();
    },
    get: async (seed, name) => {
      try {
        return new Uint8Array(await fs.promises.readFile(checkpointFile(out, seed, name)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return null;
        }
        throw error;
      }
    },
  };
}
