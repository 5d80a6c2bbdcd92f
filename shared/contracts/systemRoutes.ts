import type { HealthView, OpenApiDocumentView } from '../protocol/system';
import { route } from './route';

/** Operations: health, this API's OpenAPI document, and the Prometheus metrics. */
export const systemRoutes = {
  /** The handler answers `{ status }` to everyone and the details to admins, 503 when down. */
  health: route<HealthView>()({
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
  }),
  docs: route<OpenApiDocumentView>()({
    method: 'get',
    path: '/api/docs',
    summary: 'This OpenAPI 3.1 description of the REST API',
    tag: 'operations',
    access: 'public',
    success: { status: 200, description: 'The OpenAPI document' },
  }),
  /** Text, not JSON: the response type is the exposition text. */
  metrics: route<string>()({
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
  }),
};
