import { authRoutes } from '../../shared/contracts/authRoutes';
import { goldTaskRoutes } from '../../shared/contracts/goldTaskRoutes';
import { reviewRoutes } from '../../shared/contracts/reviewRoutes';
import { userRoutes } from '../../shared/contracts/userRoutes';
import { roundActionRoutes, roundRoutes } from '../../shared/contracts/roundRoutes';
import type { RouteContract } from '../../shared/contracts/route';
import { exportQuerySchema, importQuerySchema } from '../../shared/protocol/datasets';

export type { RouteAccess } from '../../shared/contracts/route';
/** A route as the OpenAPI document describes it: its contract, whatever its types. */
export type RouteDoc = RouteContract;

/**
 * Every REST route, as the OpenAPI document (`GET /api/docs`) describes it. Schemas are the
 * shared zod schemas the routes validate with, so the document cannot drift from validation;
 * test/security/openApi.test.ts fails when the Express app registers a route missing here.
 */
export const routeTable: readonly RouteDoc[] = [
  {
    method: 'get',
    path: '/api/health',
    summary: 'Liveness and database health',
    tag: 'operations',
    access: 'public',
    success: {
      status: 200,
      description:
        '{status} (503 when the database is down); database, workers and uptime for admins',
    },
  },
  {
    method: 'get',
    path: '/api/docs',
    summary: 'This OpenAPI 3.1 description of the REST API',
    tag: 'operations',
    access: 'public',
    success: { status: 200, description: 'The OpenAPI document' },
  },
  ...Object.values(authRoutes),
  ...Object.values(roundRoutes),
  ...Object.values(roundActionRoutes),
  {
    method: 'get',
    path: '/api/datasets',
    summary:
      "The caller's datasets (import labels and one per source; admins: all) with corpus stats, all and D_L",
    tag: 'datasets',
    access: 'manageDatasets',
    success: { status: 200, description: '`{ datasets }`' },
  },
  {
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
  },
  {
    method: 'post',
    path: '/api/datasets/import',
    summary:
      "Import JSONL dialogue records under a dataset label: a new label becomes the caller's, another user's is a 403; JSON is a 415 (idempotent by record id)",
    tag: 'datasets',
    access: 'manageDatasets',
    query: importQuerySchema,
    bodyType: 'application/x-ndjson',
    success: { status: 200, description: '`{ report }` with per-line errors' },
  },
  ...Object.values(reviewRoutes),
  ...Object.values(userRoutes),
  ...Object.values(goldTaskRoutes),
  {
    method: 'get',
    path: '/api/metrics',
    summary: 'Prometheus metrics (a scraper uses an admin’s API token)',
    tag: 'operations',
    access: 'viewMetrics',
    success: {
      status: 200,
      description: 'Prometheus text exposition format',
      type: 'text/plain',
    },
  },
];
