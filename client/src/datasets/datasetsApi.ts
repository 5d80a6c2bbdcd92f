import { datasetRoutes } from '../../../shared/contracts/datasetRoutes';
import type { ExportQuery } from '../../../shared/protocol/datasets';
import { call, hrefOf } from '../api/call';

export const listDatasets = () => call(datasetRoutes.list, {}).then((r) => r.datasets);

/** Uploads a JSONL file as it is (the server reads it line by line as it arrives). */
export const importDataset = (label: string, file: Blob) =>
  call(datasetRoutes.import, { query: { dataset: label }, upload: file }).then((r) => r.report);

/** The export address: a plain link, so the browser streams the download to disk. */
export function exportHref(filters: ExportQuery): string {
  return hrefOf(datasetRoutes.export, { query: filters });
}
