import { authRoutes } from '../../shared/contracts/authRoutes';
import { datasetRoutes } from '../../shared/contracts/datasetRoutes';
import { goldTaskRoutes } from '../../shared/contracts/goldTaskRoutes';
import { reviewRoutes } from '../../shared/contracts/reviewRoutes';
import { userRoutes } from '../../shared/contracts/userRoutes';
import { roundActionRoutes, roundRoutes } from '../../shared/contracts/roundRoutes';
import type { RouteContract } from '../../shared/contracts/route';

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
  ...Object.values(datasetRoutes),
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
