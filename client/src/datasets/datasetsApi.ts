import type { DatasetView, ExportQuery, ImportReport } from '../../../shared/protocol/datasets';
import { api, queryString } from '../api/http';

export const listDatasets = () =>
  api<{ datasets: DatasetView[] }>('GET', '/datasets').then((r) => r.datasets);

/** Uploads a JSONL file as it is (the server reads it line by line as it arrives). */
export const importDataset = (label: string, file: Blob) =>
  api<{ report: ImportReport }>(
    'POST',
    `/datasets/import${queryString({ dataset: label })}`,
    undefined,
    {
      contentType: 'application/x-ndjson',
      body: file,
    },
  ).then((r) => r.report);

/** The export address: a plain link, so the browser streams the download to disk. */
export function exportHref(filters: Partial<Record<keyof ExportQuery, string>>): string {
  return `/api/datasets/export${queryString(filters)}`;
}
