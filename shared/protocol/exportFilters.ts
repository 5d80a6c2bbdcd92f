import { dialogueSources } from '../corpus/dialogueRecord';
import { domainIds } from '../domain/domains';
import { exportQuerySchema, sourceDatasetPrefix, type ExportQuery } from './datasets';
import { reviewStatuses } from './review';

/** An export's filters, or the first problem with them as a sentence that names the fix. */
export type ExportFiltersResult =
  { ok: true; query: ExportQuery } | { ok: false; field: string; message: string };

type Filter = keyof ExportQuery;
const filters = Object.keys(exportQuerySchema.shape) as Filter[];
const orList = (values: readonly string[]) =>
  `${values.slice(0, -1).join(', ')} or ${values.at(-1) ?? ''}`;
const instant = 'an ISO date (2026-12-01) or date-time (2026-12-01T08:00:00Z)';

/** What each filter accepts, said the way a person fixing the request needs it. */
const accepted: Record<Filter, string> = {
  dataset: `a dataset label (1 to 64 lower-case letters, digits, _, . or -) or one of ${orList(
    dialogueSources.map((s) => `${sourceDatasetPrefix}${s}`),
  )}`,
  round: 'a round id: 24 hexadecimal digits, as the Rounds page shows it',
  source: `one of ${orList(dialogueSources)}`,
  domain: `one of ${orList(domainIds)}`,
  review: `one of ${orList(reviewStatuses)}`,
  from: instant,
  to: instant,
};

const shown = (value: unknown) => (typeof value === 'string' ? `"${value}"` : 'a nested value');

/**
 * Validates an export's filters (the REST query, the CLI's options, the web form) so that a bad
 * or contradictory filter is refused with one sentence instead of widening or emptying the
 * export. `name` spells a filter the way the caller's user typed it (`review`, `--review`).
 */
export function parseExportFilters(
  input: Readonly<Record<string, unknown>>,
  name: (filter: string) => string = (filter) => filter,
): ExportFiltersResult {
  const fail = (field: string, message: string) => ({ ok: false as const, field, message });
  const given: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) {
      continue;
    }
    if (!(filters as string[]).includes(key)) {
      return fail(
        key,
        `Unknown filter ${name(key)}; the filters are ${orList(filters.map(name))}.`,
      );
    }
    const filter = key as Filter;
    if (Array.isArray(value)) {
      return fail(filter, `Give ${name(filter)} once (it was given ${value.length} times).`);
    }
    if (!exportQuerySchema.shape[filter].safeParse(value).success) {
      return fail(filter, `${name(filter)} ${shown(value)} is not valid; use ${accepted[filter]}.`);
    }
    given[filter] = value;
  }
  // Each filter passed on its own above, so the whole passes too.
  const query = exportQuerySchema.parse(given);
  return contradiction(query, name) ?? { ok: true, query };
}

/** Filters that are each valid but together select nothing, by construction. */
function contradiction(
  query: ExportQuery,
  name: (filter: string) => string,
): ExportFiltersResult | null {
  const fail = (field: string, message: string) => ({ ok: false as const, field, message });
  if (query.from !== undefined && query.to !== undefined) {
    if (Date.parse(query.from) >= Date.parse(query.to)) {
      return fail(
        'from',
        `${name('from')} (${query.from}) must be before ${name('to')} (${query.to}), which is ` +
          'exclusive; swap them or widen the range.',
      );
    }
  }
  const datasetSource = query.dataset?.startsWith(sourceDatasetPrefix)
    ? query.dataset.slice(sourceDatasetPrefix.length)
    : undefined;
  if (datasetSource !== undefined && query.source !== undefined && query.source !== datasetSource) {
    return fail(
      'source',
      `${name('source')} ${query.source} contradicts ${name('dataset')} ${query.dataset ?? ''}; ` +
        'drop one of them.',
    );
  }
  const source = query.source ?? datasetSource;
  if (query.review !== undefined && source !== undefined && source !== 'annotation') {
    return fail(
      'review',
      `${name('review')} applies only to annotations, not to ${source} records; drop ` +
        `${name('review')} or ask for source annotation.`,
    );
  }
  return null;
}
