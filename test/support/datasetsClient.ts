import { randomUUID } from 'node:crypto';
import { Types, type Connection } from 'mongoose';
import type { DialogueRecord } from '../../shared/corpus/dialogueRecord';
import { generateDialogue } from '../../shared/corpus/generateCorpus';
import { parsePopulation } from '../../shared/corpus/population';
import { getDomain } from '../../shared/domain/domains';
import type { DomainId } from '../../shared/domain/types';
import type { ImportReport } from '../../shared/protocol/datasets';
import type { ReviewStatus } from '../../shared/protocol/review';
import { annotationModel } from '../../platform/annotation/annotationModel';
import { storeDialogueRecord } from '../../platform/dialogues/dialogueModel';
import { roundModel } from '../../platform/rounds/roundModel';
import type { HttpClient } from './httpClient';

/** Synthetic dialogue records (seeded: the same seed and index give the same record). */
export function syntheticRecord(
  index: number,
  seed = 'datasets',
  domain: DomainId = 'dealornodeal',
) {
  return generateDialogue(
    {
      domain: getDomain(domain),
      dialogues: 100_000,
      seed,
      population: parsePopulation('boulware:1,conceder:1'),
    },
    index,
  );
}

/** A dataset label no other test uses. */
export const uniqueLabel = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** Posts a JSONL body (the HTTP client only sends JSON). */
export async function postJsonl(
  client: HttpClient,
  path: string,
  body: string,
  type = 'application/x-ndjson',
) {
  const res = await fetch(`${client.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': type, 'x-parley-csrf': '1', cookie: client.cookie ?? '' },
    body,
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      report?: ImportReport;
      error?: { code: string; message: string };
    },
  };
}

/** `GET /api/datasets/export…`: the status, the raw text and, on success, the records. */
export async function exportLines(client: HttpClient, query: string) {
  const res = await fetch(`${client.baseUrl}/api/datasets/export${query}`, {
    headers: { cookie: client.cookie ?? '' },
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    chunked: res.headers.get('transfer-encoding'),
    records:
      res.status === 200
        ? text
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as DialogueRecord)
        : [],
    error:
      res.status === 200
        ? null
        : (JSON.parse(text) as { error: { code: string; message: string } }).error,
    text,
  };
}

/** The ids of records, sorted (exports come in id order). */
export const idsOf = (records: readonly { id: string }[]) => records.map((r) => r.id).sort();

/** A round owned by `owner` (only the fields the datasets routes read). */
export async function ownedRound(connection: Connection, owner: string): Promise<string> {
  const round = await roundModel(connection).collection.insertOne({ owner, name: 'datasets' });
  return round.insertedId.toHexString();
}

/** An annotation document and its record in D′ (`source: annotation`), reviewed as given. */
export async function storedAnnotation(
  connection: Connection,
  options: {
    index: number;
    review: Extract<ReviewStatus, 'pending' | 'accepted' | 'rejected'>;
    roundId: string | null;
    domain?: DomainId;
  },
): Promise<DialogueRecord> {
  const { review, roundId } = options;
  const annotation = await annotationModel(connection).create({
    taskId: new Types.ObjectId().toHexString(),
    roundId,
    workerId: new Types.ObjectId().toHexString(),
    leaseId: 'lease',
    status: 'completed',
    startedAt: new Date(),
    review: { status: review, decidedBy: review === 'pending' ? null : 'reviewer' },
  });
  const base = syntheticRecord(options.index, 'annotations', options.domain);
  const record = {
    ...base,
    id: `annotation-${annotation._id.toHexString()}`,
    source: 'annotation',
    provenance: { taskId: annotation.taskId, annotator: annotation.workerId },
  } as DialogueRecord;
  await storeDialogueRecord(connection, record, { taskId: annotation.taskId, roundId });
  return record;
}

/** A round's self-play record (`source: selfplay`), stored as the round workers store it. */
export async function storedSelfPlay(
  connection: Connection,
  options: { index: number; roundId: string | null; domain?: DomainId },
): Promise<DialogueRecord> {
  const base = syntheticRecord(options.index, 'selfplay', options.domain);
  const record = {
    ...base,
    id: `selfplay-${randomUUID()}`,
    source: 'selfplay',
    provenance: { round: options.roundId },
  } as DialogueRecord;
  await storeDialogueRecord(connection, record, { taskId: null, roundId: options.roundId });
  return record;
}
