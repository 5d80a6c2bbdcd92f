/** The database's part of `GET /api/health` (platform/health/databaseHealth.ts). */
export interface DatabaseHealthView {
  ok: boolean;
  kind: 'external' | 'mongod' | 'mongo-java-server';
  /** The embedded server's own version when Parley started it, else what the server reports. */
  version: string | null;
  /** The wire protocol version the server speaks (`hello`'s `maxWireVersion`). */
  wireVersion?: number | null;
  /** The MongoDB release whose protocol that is, or what the server reports. */
  mongodbCompatible?: string;
  error?: string;
}

/**
 * `GET /api/health`: `{ status }` for everyone (503 and `unhealthy` while the database is down);
 * admins also get the database, the live workers (null while the database is down) and the
 * uptime in seconds.
 */
export interface HealthView {
  status: 'ok' | 'unhealthy';
  db?: DatabaseHealthView;
  workers?: { alive: number } | null;
  uptime?: number;
}

/** `GET /api/docs`: an OpenAPI 3.1 document (its parts as the server builds them). */
export interface OpenApiDocumentView {
  openapi: string;
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, unknown>>;
  [part: string]: unknown;
}
