import { z } from 'zod';
import { dialogueSources } from '../corpus/dialogueRecord';
import type { CorpusStats } from '../corpus/corpusStats';
import { domainIds } from '../domain/domains';
import type { DomainId } from '../domain/types';
import { reviewStatuses, type ReviewStatus } from './review';

/** A dataset's label: what an import is filed under, and what the client lists. */
export const datasetLabelSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, '1 to 64 lower-case letters, digits, _, . or -');

/**
 * Records no import labelled (annotations, self-play) form one dataset per source, listed and
 * exported as `source:<source>`; the colon keeps them apart from import labels.
 */
export const sourceDatasetPrefix = 'source:';

const datasetRefSchema = z.union([
  datasetLabelSchema,
  z.enum(dialogueSources.map((s) => `${sourceDatasetPrefix}${s}`) as [string, ...string[]]),
]);

const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/** `GET /api/datasets/export`: which records to stream (every filter optional, all must hold). */
export const exportQuerySchema = z.strictObject({
  dataset: datasetRefSchema.optional(),
  round: z
    .string()
    .regex(/^[a-f0-9]{24}$/, 'a round id')
    .optional(),
  source: z.enum(dialogueSources).optional(),
  domain: z.enum(domainIds as [DomainId, ...DomainId[]]).optional(),
  /** Only annotations in this review state (other sources have no review and are left out). */
  review: z.enum(reviewStatuses).optional(),
  /** Stored at or after / before this instant (ISO date or date-time). */
  from: instant.optional(),
  to: instant.optional(),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** What a dataset label may be, said as the fix (the REST import and `parley datasets import`). */
export const datasetLabelRule =
  '1 to 64 lower-case letters, digits, _, . or - (starting with a letter or digit)';

/** `POST /api/datasets/import?dataset=<label>`: the body is JSONL (`application/x-ndjson`). */
export const importQuerySchema = z.strictObject({ dataset: datasetLabelSchema });

/** The review status an export adds to an annotation's provenance (`provenance.review`). */
export interface ExportedReview {
  status: ReviewStatus;
  decidedBy: 'auto' | 'reviewer' | null;
}

export interface ImportLineError {
  /** 1-based line number in the uploaded file. */
  line: number;
  error: string;
}

/** What `POST /api/datasets/import` answers. */
export interface ImportReport {
  dataset: string;
  /** Non-blank lines read. */
  lines: number;
  imported: number;
  /** Records whose id was already stored (imports are idempotent by record id). */
  duplicates: number;
  invalid: number;
  /** The first invalid lines (at most 100), with line numbers. */
  errors: ImportLineError[];
}

/** One row of `GET /api/datasets`: a dataset and its corpus statistics, all and D_L side by side. */
export interface DatasetView {
  dataset: string;
  /** Import label, or the source of an unlabelled dataset. */
  kind: 'import' | 'source';
  stats: CorpusStats;
  /** The low-quality subset D_L, by the default rule (`defaultLowQualityRule`). */
  lowQuality: CorpusStats;
  /** Annotations by review status (empty when the dataset has none). */
  review: Partial<Record<ReviewStatus, number>>;
  firstStoredAt: string | null;
  lastStoredAt: string | null;
}
