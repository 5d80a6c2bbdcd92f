import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import mongoose, { type Connection } from 'mongoose';
import type { DialogueRecord } from '../../shared/corpus/dialogueRecord';
import { parseRecordLine } from '../../shared/corpus/recordLines';
import { experimentCheckpointBucket } from './gridCheckpointStore';

/**
 * A distributed run's data file travels through the database like its checkpoints: the command
 * that enqueues the run stores the records it read (JSON lines, in GridFS beside the run's
 * checkpoints), and each worker reads them from there, so no machine needs the file.
 */
const fileName = (runId: string) => `${runId}/data/records.jsonl`;

const bucket = (connection: Connection) =>
  new mongoose.mongo.GridFSBucket(connection.db!, { bucketName: experimentCheckpointBucket });

/** The data of a resumed run changed since it started (its units would mix two datasets). */
export class RunDataChangedError extends Error {
  override name = 'RunDataChangedError';
}

/** Stores the run's records once; a resumed run must bring the same ones. */
export async function storeRunRecords(
  connection: Connection,
  runId: string,
  records: readonly DialogueRecord[],
): Promise<void> {
  const text = records.map((record) => JSON.stringify(record)).join('\n');
  const sha256 = createHash('sha256').update(text).digest('hex');
  const [stored] = await bucket(connection)
    .find({ filename: fileName(runId) })
    .toArray();
  if (stored !== undefined) {
    const storedHash = (stored.metadata as { sha256?: string } | undefined)?.sha256;
    if (storedHash !== sha256) {
      throw new RunDataChangedError(
        `run ${runId} started on other data (${String(stored.metadata?.records)} records) than the ${records.length} given now: run it with the data it started with, or in a new --out directory`,
      );
    }
    return;
  }
  await pipeline(
    Readable.from([Buffer.from(text)]),
    bucket(connection).openUploadStream(fileName(runId), {
      metadata: { sha256, records: records.length },
    }),
  );
}

/** The run's records, or null when its command stored none. */
export async function loadRunRecords(
  connection: Connection,
  runId: string,
): Promise<DialogueRecord[] | null> {
  const [stored] = await bucket(connection)
    .find({ filename: fileName(runId) })
    .toArray();
  if (stored === undefined) {
    return null;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of bucket(connection).openDownloadStream(stored._id)) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line, index) => {
      const parsed = parseRecordLine(line);
      if (!parsed.ok) {
        throw new RangeError(`run ${runId}'s stored data, record ${index + 1}: ${parsed.error}`);
      }
      return parsed.record;
    });
}
