import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiPath } from '../../server/openapi/openApiDocument';
import { registeredRoutes, routeKey } from '../support/expressRoutes';
import { HttpClient } from '../support/httpClient';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform('openapi');
});
afterAll(async () => {
  await platform.close();
});

interface OpenApi {
  openapi: string;
  paths: Record<
    string,
    Record<string, { parameters: { name: string; in: string }[]; requestBody?: unknown }>
  >;
}

describe('GET /api/docs', () => {
  it('serves an OpenAPI 3.1 document covering every route the app registers', async () => {
    const res = await new HttpClient(platform.server.url).get('/api/docs');
    expect(res.status).toBe(200);
    const doc = res.body as OpenApi;
    expect(doc.openapi).toBe('3.1.0');

    const routes = registeredRoutes(platform.server.app);
    // The walk itself must find the routes we know exist (else this test could pass vacuously).
    expect(routes.map(routeKey)).toEqual(
      expect.arrayContaining(['POST /api/auth/login', 'GET /api/rounds/:roundId', 'GET /api/docs']),
    );
    const undocumented = routes.filter(
      (route) => doc.paths[openApiPath(route.path)]?.[route.method] === undefined,
    );
    expect(undocumented.map(routeKey), 'routes missing from server/openapi/routeTable.ts').toEqual(
      [],
    );
    // And nothing documented that the app does not serve.
    const served = new Set(routes.map((r) => `${r.method} ${openApiPath(r.path)}`));
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    );
    expect(documented.filter((d) => !served.has(d))).toEqual([]);
  });

  it('describes bodies and parameters from the shared zod schemas', async () => {
    const doc = (await new HttpClient(platform.server.url).get('/api/docs')).body as OpenApi;
    const login = doc.paths['/api/auth/login']?.post as unknown as {
      requestBody: {
        content: {
          'application/json': { schema: { properties: object; additionalProperties: boolean } };
        };
      };
    };
    expect(Object.keys(login.requestBody.content['application/json'].schema.properties)).toEqual([
      'username',
      'password',
    ]);
    expect(login.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    const round = doc.paths['/api/rounds/{roundId}']?.get;
    expect(round?.parameters).toEqual([expect.objectContaining({ name: 'roundId', in: 'path' })]);
    const exportOp = doc.paths['/api/datasets/export']?.get;
    expect(exportOp?.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['round', 'source', 'domain', 'review', 'from', 'to']),
    );
  });

  it('lists the study routes, and study entry asks for a signature or a one-time code', async () => {
    const doc = (await new HttpClient(platform.server.url).get('/api/docs')).body as OpenApi;
    const studyOps = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/studies'))
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`));
    expect(studyOps.sort()).toEqual([
      'get /api/studies',
      'get /api/studies/{studyId}',
      'get /api/studies/{studyId}/codes',
      'get /api/studies/{studyId}/dialogues',
      'get /api/studies/{studyId}/participants',
      'get /api/studies/{studyId}/results',
      'patch /api/studies/{studyId}',
      'post /api/studies',
      'post /api/studies/{studyId}/close',
      'post /api/studies/{studyId}/codes',
      'post /api/studies/{studyId}/links',
      'post /api/studies/{studyId}/open',
      'post /api/studies/{studyId}/pause',
      'post /api/studies/{studyId}/secret',
    ]);
    const enter = doc.paths['/api/study/enter']?.post as unknown as {
      requestBody: { content: { 'application/json': { schema: { properties: object } } } };
    };
    expect(Object.keys(enter.requestBody.content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['studyId', 'participantId', 'sig', 'code']),
    );
  });
});
