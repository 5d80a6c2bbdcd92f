import {
  exportQuerySchema,
  importQuerySchema,
  type DatasetView,
  type ImportReport,
} from '../protocol/datasets';
import { route } from './route';

/** Researchers' datasets: the list with corpus stats, the JSONL export and the JSONL import. */
export const datasetRoutes = {
  list: route<{ datasets: DatasetView[] }>()({
    method: 'get',
    path: '/api/datasets',
    summary:
      "The caller's datasets (import labels and one per source; admins: all) with corpus stats, all and D_L",
    tag: 'datasets',
    access: 'manageDatasets',
    success: { status: 200, description: '`{ datasets }`' },
  }),
  /** Streamed JSONL, not JSON: the client links to it (`hrefOf`) rather than calling it. */
  export: route<string>()({
    method: 'get',
    path: '/api/datasets/export',
    summary:
      "Stream the caller's dialogue records (own rounds and datasets; admins: all) as JSONL, filtered (a bad or contradictory filter is a 400); annotations carry `provenance.review`",
    tag: 'datasets',
    access: 'manageDatasets',
    query: exportQuerySchema,
    success: {
      status: 200,
      description: 'One dialogue record per line',
      type: 'application/x-ndjson',
    },
  }),
  import: route<{ report: ImportReport }>()({
    method: 'post',
    path: '/api/datasets/import',
    summary:
      "Import JSONL dialogue records under a dataset label: a new label becomes the caller's, another user's is a 403; JSON is a 415 (idempotent by record id)",
    tag: 'datasets',
    access: 'manageDatasets',
    query: importQuerySchema,
    bodyType: 'application/x-ndjson',
    success: { status: 200, description: '`{ report }` with per-line errors' },
  }),
};
