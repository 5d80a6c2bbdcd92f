import { parseExportFilters } from '../../../shared/protocol/exportFilters';
import type { ExportQuery } from '../../../shared/protocol/datasets';
import { exportHref } from './datasetsApi';

/** The export form's fields, as typed (an empty field is no filter). */
export type ExportFormFields = Record<keyof ExportQuery, string>;

/** How the form names each filter, so that a problem names the field the user sees. */
const fieldNames: Record<string, string> = {
  dataset: 'Dataset',
  round: 'Round',
  source: 'Source',
  domain: 'Domain',
  review: 'Review',
  from: 'From',
  to: 'To',
};

/**
 * The download address of the filters, or the sentence saying what to fix. A bad filter is
 * never left out: the export would silently hold more (or nothing) than was asked for.
 */
export function exportLink(
  fields: ExportFormFields,
): { ok: true; href: string } | { ok: false; message: string } {
  const given = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== ''));
  const parsed = parseExportFilters(given, (filter) => fieldNames[filter] ?? filter);
  return parsed.ok ? { ok: true, href: exportHref(parsed.query) } : parsed;
}
