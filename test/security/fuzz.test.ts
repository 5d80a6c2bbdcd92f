import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  actPayloadSchema,
  claimPayloadSchema,
  selectPayloadSchema,
  taskRefPayloadSchema,
  type TaskView,
} from '../../shared/protocol/annotation';
import { errorCodes } from '../../shared/protocol/errorCodes';
import { ratePayloadSchema } from '../../shared/protocol/evaluation';
import { clientEventNames, type ClientEventName } from '../../shared/protocol/socketContract';
import { routeTable } from '../../server/openapi/routeTable';
import { connectAnnotate, request as emit, type AnnotateClient } from '../support/annotateClient';
import { registeredRoutes, routeKey } from '../support/expressRoutes';
import { createTestUser } from '../support/factories';
import { createTestTasks } from '../support/taskFactory';
import { startTestPlatform, type TestPlatform } from '../support/testServer';
import { snapshot } from './databaseSnapshot';
import { hostilePayload } from './hostileValues';
import { signIn } from './principals';
import { goldTaskBody } from './validBodies';

/**
 * Hostile input against every REST route the app registers and every event of the socket
 * contract: malformed, mistyped and oversized payloads, operator and prototype-pollution keys.
 * Each must end in a 4xx / ack error with a known code, never a crash, and write nothing.
 */
let platform: TestPlatform;
const runs = 20;
/**
 * Ids of things that exist, put in the path of routes with a body so a body that slipped
 * through validation would act on something (and the snapshot see it), not end in a 404.
 */
const realIds: Record<string, string> = {};

beforeAll(async () => {
  platform = await startTestPlatform('fuzz');
  await createTestTasks(platform.db.connection, 4, { redundancy: 1 });
  realIds.userId = (await createTestUser(platform.db.connection, ['worker'])).id;
});
afterAll(async () => {
  await platform.close();
});

const knownCode = (body: unknown) =>
  (errorCodes as readonly string[]).includes(
    (body as { error?: { code?: string } } | null)?.error?.code ?? '',
  );

/** Valid bodies that the fuzzer mutates field by field (other routes get unrelated payloads). */
const bodyTemplates: Record<string, Record<string, unknown>> = {
  'POST /api/auth/login': { username: 'admin', password: 'parley-admin' },
  'POST /api/study/enter': { studyId: 'demo', participantId: 'w1', sig: 'a'.repeat(64) },
  'POST /api/studies': {
    kind: 'annotation',
    name: 's',
    quota: 10,
    tasksPerParticipant: 2,
    completionCode: 'DONE-1',
    roundIds: ['0'.repeat(24)],
  },
  'PATCH /api/studies/:studyId': { name: 's', quota: 10 },
  'POST /api/studies/:studyId/codes': { count: 5 },
  'POST /api/studies/:studyId/links': { participantIds: ['p1'] },
  'POST /api/auth/tokens': { name: 'script', expiresInDays: 30 },
  'POST /api/rounds': {
    name: 'r',
    domain: 'dealornodeal',
    selfPlayDialogues: 100,
    annotate: 10,
    oracleMix: { human: 1, simulatedExpert: 0, astra: 0 },
    redundancy: 2,
  },
  'POST /api/rounds/:roundId/promote': { scope: 'owner' },
  'POST /api/review/annotations/:annotationId/decision': {
    decision: 'rejected',
    reason: 'copied answers',
    bonusCents: 0,
    expectedStatus: 'pending',
  },
  'POST /api/review/workers/:userId/block': { reason: 'spam' },
  'POST /api/review/workers/:userId/unblock': { reason: 'appeal' },
  'PUT /api/admin/users/:userId/roles': { roles: ['worker', 'reviewer'], reason: 'promoted' },
  'POST /api/admin/users/:userId/block': { reason: 'spam' },
  'POST /api/admin/users/:userId/unblock': { reason: 'appeal' },
  'POST /api/admin/users': { username: 'invitee', roles: ['worker'] },
  'POST /api/admin/users/:userId/password-reset': { reason: 'forgot it' },
  'POST /api/admin/users/:userId/unlock': { reason: 'verified by phone' },
  'POST /api/password-links/lookup': { token: 'a'.repeat(43) },
  'POST /api/password-links/redeem': { token: 'a'.repeat(43), password: 'a fine long passphrase' },
  'POST /api/gold-tasks': { ...goldTaskBody(), roundId: null },
};

const hostileParam = fc.oneof(
  fc.constantFrom(
    '{"$gt":""}',
    '__proto__',
    'constructor',
    '0'.repeat(24),
    'x'.repeat(500),
    '..%2F..',
  ),
  fc.string({ maxLength: 30 }),
);

const hostileQuery = fc.dictionary(
  fc.oneof(
    fc.constantFrom('round', 'source', 'dataset', 'review', 'from', '__proto__', 'round[$gt]'),
    fc.string({ maxLength: 8 }),
  ),
  fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('{"$gt":""}', '[$ne]', 'x'.repeat(2000))),
  { maxKeys: 3 },
);

async function healthy() {
  const res = await fetch(`${platform.server.url}/api/health`);
  expect(res.status).toBe(200);
}

describe('fuzzing REST', () => {
  const routes = () => registeredRoutes(platform.server.app);

  it('covers every registered route (each is in the route table the cases below come from)', () => {
    const documented = new Set(routeTable.map(routeKey));
    expect(
      routes()
        .map(routeKey)
        .filter((key) => !documented.has(key)),
    ).toEqual([]);
  });

  // One case per route of the table, so the time limit is per route as routes are added.
  it.each(routeTable.map((route) => [routeKey(route), route] as const))(
    '%s answers hostile bodies, params and queries with a known 4xx and writes nothing',
    async (key, route) => {
      const problems: string[] = [];
      const bodySchema: z.ZodType | undefined = route.body;
      const admin = await signIn(platform.db.connection, platform.server.url, 'admin');
      const before = await snapshot(platform.db.connection);
      await fc.assert(
        fc.asyncProperty(
          hostilePayload(bodyTemplates[key] ?? null).filter(
            (body) => bodySchema === undefined || !bodySchema.safeParse(body).success,
          ),
          fc.array(hostileParam, { minLength: 3, maxLength: 3 }),
          hostileQuery,
          // Half the cases carry well-formed ids, so the body is validated and not only the path.
          fc.boolean(),
          async (body, params, query, wellFormedIds) => {
            let i = 0;
            const path = route.path.replace(/:([A-Za-z]+)/g, (_match, name: string) =>
              !wellFormedIds
                ? encodeURIComponent(params[i++] ?? '')
                : bodySchema !== undefined
                  ? (realIds[name] ?? '0'.repeat(24))
                  : '0'.repeat(24),
            );
            const search = new URLSearchParams(query).toString();
            const res = await fetch(`${platform.server.url}${path}${search ? `?${search}` : ''}`, {
              method: route.method.toUpperCase(),
              headers: {
                'content-type': 'application/json',
                'x-parley-csrf': '1',
                ...(admin.client.cookie === null ? {} : { cookie: admin.client.cookie }),
              },
              body: route.method === 'get' ? undefined : JSON.stringify(body),
            });
            const text = await res.text();
            const parsed = text.startsWith('{') ? (JSON.parse(text) as unknown) : null;
            if (res.status >= 500) {
              problems.push(
                `${key} ${res.status} ${text.slice(0, 200)} for ${JSON.stringify(body).slice(0, 200)}`,
              );
            } else if (res.status >= 400 && !knownCode(parsed)) {
              problems.push(`${key} ${res.status} without a known code: ${text.slice(0, 200)}`);
            } else if (bodySchema !== undefined && res.status < 400) {
              problems.push(
                `${key} accepted an invalid body: ${JSON.stringify(body).slice(0, 200)}`,
              );
            }
          },
        ),
        { numRuns: runs, seed: 4242 },
      );
      const after = await snapshot(platform.db.connection);
      if (JSON.stringify(after) !== JSON.stringify(before)) {
        problems.push(`${key} wrote: ${JSON.stringify({ before, after })}`);
      }
      expect(problems).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      await healthy();
    },
  );

  it('refuses an oversized body on every write route with payload_too_large', async () => {
    const admin = await signIn(platform.db.connection, platform.server.url, 'admin');
    const before = await snapshot(platform.db.connection);
    for (const route of routes().filter((r) => r.method !== 'get')) {
      const res = await fetch(
        `${platform.server.url}${route.path.replace(/:[A-Za-z]+/g, '0'.repeat(24))}`,
        {
          method: route.method.toUpperCase(),
          headers: {
            'content-type': 'application/json',
            'x-parley-csrf': '1',
            cookie: admin.client.cookie ?? '',
          },
          body: JSON.stringify({ name: 'x'.repeat(200_000) }),
        },
      );
      const body = (await res.json()) as { error?: { code?: string } };
      // The import reads no JSON at all: a JSON body is the wrong type before it is too large.
      const refusal =
        routeKey(route) === 'POST /api/datasets/import'
          ? [415, 'unsupported_media_type']
          : [413, 'payload_too_large'];
      expect([res.status, body.error?.code], routeKey(route)).toEqual(refusal);
    }
    expect(await snapshot(platform.db.connection)).toEqual(before);
    await healthy();
  });
});

/** The schema each event validates with; a new event in the contract is a compile error here. */
const eventSchemas: Record<ClientEventName, z.ZodType> = {
  'task:claim': claimPayloadSchema,
  'task:resume': taskRefPayloadSchema,
  'task:heartbeat': taskRefPayloadSchema,
  'task:abandon': taskRefPayloadSchema,
  'dialogue:act': actPayloadSchema,
  'dialogue:select': selectPayloadSchema,
  'astra:suggest': taskRefPayloadSchema,
  'evaluation:rate': ratePayloadSchema,
};

describe('fuzzing /annotate', () => {
  it('every event answers hostile payloads with a known ack error and writes nothing', async () => {
    const worker = await signIn(platform.db.connection, platform.server.url, 'worker');
    let socket: AnnotateClient = await connectAnnotate(platform.server.url, {
      cookie: worker.client.cookie,
    });
    const claim = await emit<TaskView | null>(socket, 'task:claim', {});
    const view = claim.ok ? claim.data : null;
    expect(view).not.toBeNull();
    const taskId = view?.taskId ?? '';
    const templates: Record<ClientEventName, Record<string, unknown> | null> = {
      'task:claim': null,
      'task:resume': { taskId },
      'task:heartbeat': { taskId },
      'task:abandon': { taskId },
      'dialogue:act': { taskId, seq: 1, act: { type: 'propose', allocation: view?.counts } },
      'dialogue:select': { taskId, allocation: view?.counts },
      'astra:suggest': { taskId },
      'evaluation:rate': { taskId, answers: { quality: 4, comment: 'fine' } },
    };
    const problems: string[] = [];
    const before = await snapshot(platform.db.connection);
    for (const event of clientEventNames) {
      await fc.assert(
        fc.asyncProperty(
          hostilePayload(templates[event]).filter((p) => !eventSchemas[event].safeParse(p).success),
          async (payload) => {
            if (!socket.connected) {
              socket = await connectAnnotate(platform.server.url, { cookie: worker.client.cookie });
            }
            const ack = await emit(socket, event, payload);
            if (ack.ok) {
              problems.push(`${event} accepted ${JSON.stringify(payload).slice(0, 200)}`);
            } else if (
              !(errorCodes as readonly string[]).includes(ack.error.code) ||
              ack.error.code === 'internal'
            ) {
              problems.push(
                `${event} answered ${ack.error.code} to ${JSON.stringify(payload).slice(0, 200)}`,
              );
            }
          },
        ),
        { numRuns: runs, seed: 4242 },
      );
    }
    // Extra arguments and no ack at all must not crash the server either.
    (socket as unknown as { emit(...a: unknown[]): void }).emit(
      'dialogue:act',
      { taskId },
      'extra',
      3,
    );
    (socket as unknown as { emit(...a: unknown[]): void }).emit('task:resume');
    expect(await snapshot(platform.db.connection)).toEqual(before);
    expect(problems).toEqual([]);

    // A message over Socket.IO's size limit closes that connection only.
    const closed = new Promise((resolve) => socket.once('disconnect', resolve));
    (socket as unknown as { emit(...a: unknown[]): void }).emit('dialogue:act', {
      taskId,
      act: 'x'.repeat(100_000),
    });
    await closed;
    const again = await connectAnnotate(platform.server.url, { cookie: worker.client.cookie });
    const resumed = await emit<TaskView>(again, 'task:resume', { taskId });
    expect(resumed.ok).toBe(true);
    again.close();
    expect(await snapshot(platform.db.connection)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await healthy();
  });
});
