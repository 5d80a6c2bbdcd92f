import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import mongoose, { type Connection } from 'mongoose';
import type { CheckpointStore } from '../experimentUnits';

export const experimentCheckpointBucket = 'experimentCheckpoints';

/**
 * A distributed run's checkpoints in GridFS (`<runId>/seed-N/<name>`), so that workers on other
 * machines share them. GridFS lists a file only once all its chunks are written, so a reader
 * never sees half a checkpoint; a unit run twice writes the same weights again (the newest is
 * read).
 */
export function gridCheckpointStore(connection: Connection, runId: string): CheckpointStore {
  const bucket = () =>
    new mongoose.mongo.GridFSBucket(connection.db!, { bucketName: experimentCheckpointBucket });
  const fileName = (seed: number, name: string) => `${runId}/seed-${seed}/${name}`;
  return {
    put: async (seed, name, bytes) => {
      const filename = fileName(seed, name);
      const earlier = await bucket().find({ filename }).toArray();
      await pipeline(Readable.from([Buffer.from(bytes)]), bucket().openUploadStream(filename));
      for (const file of earlier) {
        await bucket()
          .delete(file._id)
          .catch(() => undefined);
      }
    },
    get: async (seed, name) => {
      const [file] = await bucket()
        .find({ filename: fileName(seed, name) })
        .sort({ uploadDate: -1 })
        .limit(1)
        .toArray();
      if (file === undefined) {
        return null;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of bucket().openDownloadStream(file._id)) {
        chunks.push(chunk as Buffer);
      }
      return new Uint8Array(Buffer.concat(chunks));
    },
  };
}
