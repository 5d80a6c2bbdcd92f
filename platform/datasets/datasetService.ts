import type { Connection, FilterQuery } from 'mongoose';
import { Types } from 'mongoose';
import { createCorpusStats } from '../../shared/corpus/corpusStats';
import type { DialogueRecord } from '../../shared/corpus/dialogueRecord';
import { parseRecordLine } from '../../shared/corpus/recordLines';
import { isLowQuality } from '../../shared/corpus/uniqueActs';
import {
  sourceDatasetPrefix,
  type DatasetView,
  type ExportQuery,
  type ExportedReview,
  type ImportLineError,
  type ImportReport,
} from '../../shared/protocol/datasets';
import type { ReviewStatus } from '../../shared/protocol/review';
import { annotationModel } from '../annotation/annotationModel';
import { dialogueModel, type StoredDialogue } from '../dialogues/dialogueModel';

const lookupBatch = 200;
const writeBatch = 500;
const reportedErrors = 100;
const annotationIdPrefix = 'annotation-';

/** The stored query of an export's filters (the review filter is applied per batch). */
export function exportFilter(query: ExportQuery): FilterQuery<StoredDialogue> {
  const filter: FilterQuery<StoredDialogue> = {};
  if (query.dataset !== undefined) {
    if (query.dataset.startsWith(sourceDatasetPrefix)) {
      filter.dataset = null;
      filter.source = query.dataset.slice(sourceDatasetPrefix.length);
    } else {
      filter.dataset = query.dataset;
    }
  }
  if (query.source !== undefined) {
    // Both a source dataset and a source filter: they must agree (else nothing matches).
    filter.source =
      filter.source === undefined || filter.source === query.source ? query.source : '\u0000';
  }
  if (query.review !== undefined && filter.source === undefined) {
    filter.source = 'annotation';
  }
  if (query.round !== undefined) {
    filter.roundId = query.round;
  }
  if (query.domain !== undefined) {
    filter.domain = query.domain;
  }
  if (query.from !== undefined || query.to !== undefined) {
    filter.createdAt = {
      ...(query.from === undefined ? {} : { $gte: new Date(query.from) }),
      ...(query.to === undefined ? {} : { $lt: new Date(query.to) }),
    };
  }
  return filter;
}

/**
 * The records an export selects within what the viewer may see (`scope`, from recordScope.ts),
 * in id order, read through a cursor a batch at a time (a large export is never held in
 * memory). Annotations carry their review status in `provenance.review`, looked up per batch
 * (no joins in the database).
 */
export async function* exportRecords(
  connection: Connection,
  query: ExportQuery,
  scope: FilterQuery<StoredDialogue>,
): AsyncGenerator<{ record: DialogueRecord; createdAt: Date; dataset: string | null }> {
  const cursor = dialogueModel(connection)
    .find({ $and: [scope, exportFilter(query)] })
    .sort({ _id: 1 })
    .lean()
    .cursor({ batchSize: lookupBatch });
  let batch: StoredDialogue[] = [];
  try {
    for await (const doc of cursor) {
      batch.push(doc);
      if (batch.length >= lookupBatch) {
        yield* withReviews(connection, batch, query.review);
        batch = [];
      }
    }
    yield* withReviews(connection, batch, query.review);
  } finally {
    await cursor.close();
  }
}

async function* withReviews(
  connection: Connection,
  docs: StoredDialogue[],
  onlyStatus: ReviewStatus | undefined,
) {
  const ids = docs
    .filter((d) => d.source === 'annotation' && d._id.startsWith(annotationIdPrefix))
    .map((d) => d._id.slice(annotationIdPrefix.length))
    .filter((id) => Types.ObjectId.isValid(id))
    .map((id) => new Types.ObjectId(id));
  const reviews = new Map<string, ExportedReview>();
  if (ids.length > 0) {
    const annotations = await annotationModel(connection)
      .find({ _id: { $in: ids } }, { review: 1 })
      .lean();
    for (const a of annotations) {
      reviews.set(`${annotationIdPrefix}${a._id.toHexString()}`, {
        status: a.review.status,
        decidedBy: a.review.decidedBy ?? null,
      });
    }
  }
  for (const doc of docs) {
    const review = doc.source === 'annotation' ? (reviews.get(doc._id) ?? null) : null;
    if (onlyStatus !== undefined && review?.status !== onlyStatus) {
      continue;
    }
    const record =
      doc.record.source === 'annotation'
        ? { ...doc.record, provenance: { ...doc.record.provenance, review } }
        : doc.record;
    yield { record, createdAt: doc.createdAt, dataset: doc.dataset ?? null };
  }
}

/**
 * Imports JSONL lines under a dataset label: each line is validated on its own (bad lines are
 * reported with their numbers, good ones kept), and a record id already stored is a duplicate
 * that changes nothing, so importing a file twice imports it once.
 */
export async function importLines(
  connection: Connection,
  dataset: string,
  lines: AsyncIterable<string>,
): Promise<ImportReport> {
  const report: ImportReport = {
    dataset,
    lines: 0,
    imported: 0,
    duplicates: 0,
    invalid: 0,
    errors: [],
  };
  const errors: ImportLineError[] = report.errors;
  let pending: DialogueRecord[] = [];
  const flush = async () => {
    if (pending.length === 0) {
      return;
    }
    const upserted = await storeRecords(connection, dataset, pending);
    report.imported += upserted;
    report.duplicates += pending.length - upserted;
    pending = [];
  };
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') {
      continue;
    }
    report.lines++;
    const parsed = parseRecordLine(line);
    if (!parsed.ok) {
      report.invalid++;
      if (errors.length < reportedErrors) {
        errors.push({ line: lineNumber, error: parsed.error });
      }
      continue;
    }
    pending.push(parsed.record);
    if (pending.length >= writeBatch) {
      await flush();
    }
  }
  await flush();
  return report;
}

async function storeRecords(
  connection: Connection,
  dataset: string,
  records: DialogueRecord[],
): Promise<number> {
  const now = new Date();
  const result = await dialogueModel(connection).bulkWrite(
    records.map((record) => ({
      updateOne: {
        filter: { _id: record.id },
        update: {
          $setOnInsert: {
            source: record.source,
            domain: record.domain,
            taskId: null,
            roundId: null,
            dataset,
            record,
            createdAt: now,
          },
        },
        upsert: true,
      },
    })),
    { ordered: true },
  );
  return result.upsertedCount;
}

/**
 * Every dataset the viewer may see (`scope`, from recordScope.ts) — import labels, then one per
 * source of unlabelled records — with the stats of the records in it they may see.
 */
export async function listDatasets(
  connection: Connection,
  scope: FilterQuery<StoredDialogue>,
): Promise<DatasetView[]> {
  const dialogues = dialogueModel(connection);
  const labels = ((await dialogues.distinct('dataset', scope)) as (string | null)[])
    .filter((l): l is string => typeof l === 'string')
    .sort();
  const sources = (await dialogues.distinct('source', { $and: [scope, { dataset: null }] }))
    .map(String)
    .sort();
  const views: DatasetView[] = [];
  for (const label of labels) {
    views.push(await datasetView(connection, scope, label, 'import'));
  }
  for (const source of sources) {
    views.push(await datasetView(connection, scope, `${sourceDatasetPrefix}${source}`, 'source'));
  }
  return views;
}

async function datasetView(
  connection: Connection,
  scope: FilterQuery<StoredDialogue>,
  dataset: string,
  kind: DatasetView['kind'],
): Promise<DatasetView> {
  const all = createCorpusStats();
  const low = createCorpusStats();
  const review: DatasetView['review'] = {};
  let first = Infinity;
  let last = -Infinity;
  for await (const { record, createdAt } of exportRecords(connection, { dataset }, scope)) {
    all.add(record);
    if (isLowQuality(record)) {
      low.add(record);
    }
    if (record.source === 'annotation') {
      const status = (record.provenance.review as ExportedReview | null)?.status;
      if (status !== undefined) {
        review[status] = (review[status] ?? 0) + 1;
      }
    }
    first = Math.min(first, createdAt.getTime());
    last = Math.max(last, createdAt.getTime());
  }
  return {
    dataset,
    kind,
    stats: all.result(),
    lowQuality: low.result(),
    review,
    firstStoredAt: Number.isFinite(first) ? new Date(first).toISOString() : null,
    lastStoredAt: Number.isFinite(last) ? new Date(last).toISOString() : null,
  };
}
