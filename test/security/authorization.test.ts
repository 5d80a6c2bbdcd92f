import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDialogue } from '../../shared/corpus/generateCorpus';
import { parsePopulation } from '../../shared/corpus/population';
import { getDomain } from '../../shared/domain/domains';
import type { TaskView } from '../../shared/protocol/annotation';
import { roundsNamespace } from '../../shared/protocol/rounds';
import { annotationModel, type Annotation } from '../../platform/annotation/annotationModel';
import { loginFailureModel } from '../../platform/security/loginLockout';
import { createPasswordLinks } from '../../platform/users/passwordLinks';
import { userModel } from '../../platform/users/userModel';
import { roundModel } from '../../platform/rounds/roundModel';
import { clientEventNames, type ClientEventName } from '../../shared/protocol/socketContract';
import { io } from 'socket.io-client';
import { connectAnnotate, request as emit, type AnnotateClient } from '../support/annotateClient';
import { registeredRoutes, routeKey } from '../support/expressRoutes';
import { createTestStudy, createTestUser, signedEntry } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { createTestTasks } from '../support/taskFactory';
import { startTestPlatform, type TestPlatform } from '../support/testServer';
import {
  annotateMatrix,
  restMatrix,
  roundsConnectMatrix,
  type RestOutcome,
  type SocketOutcome,
} from './authorizationMatrix';
import { evaluatedRound } from '../support/evaluatedRound';
import { principals, signIn, uniqueName, type SignedInPrincipal } from './principals';
import { goldTaskBody, validRound } from './validBodies';

let platform: TestPlatform;
let owner: SignedInPrincipal;
let study: { studyId: string; secret: string };

beforeAll(async () => {
  platform = await startTestPlatform('authorization');
  owner = await signIn(platform.db.connection, platform.server.url, 'researcher');
  study = await createTestStudy(platform.db.connection);
});
afterAll(async () => {
  await platform.close();
});

async function roundIn(
  state: 'draft' | 'active' | 'paused' | 'failed',
  by: HttpClient,
): Promise<string> {
  const created = await by.post('/api/rounds', validRound('matrix round'));
  const id = (created.body as { round: { id: string } }).round.id;
  if (state !== 'draft') {
    expect((await by.post(`/api/rounds/${id}/launch`)).status).toBe(200);
  }
  if (state === 'paused') {
    expect((await by.post(`/api/rounds/${id}/pause`)).status).toBe(200);
  }
  if (state === 'failed') {
    // What a worker's permanently failed self-play job leaves (platform/rounds/roundFailure.ts).
    await roundModel(platform.db.connection).updateOne(
      { _id: id },
      {
        $set: {
          status: 'failed',
          failure: { stage: 'self-play', job: 'round.selfplay', reason: 'matrix', at: new Date() },
        },
      },
    );
  }
  return id;
}

/** A study of `by` bound to a draft round of theirs, in the given status. */
async function studyIn(state: 'draft' | 'open', by: HttpClient): Promise<string> {
  const roundId = await roundIn('draft', by);
  const created = await by.post('/api/studies', {
    kind: 'annotation',
    name: 'matrix study',
    quota: 5,
    tasksPerParticipant: 1,
    completionCode: 'MATRIX-1',
    roundIds: [roundId],
  });
  const id = (created.body as { study: { id: string } }).study.id;
  if (state === 'open') {
    expect((await by.post(`/api/studies/${id}/open`)).status).toBe(200);
  }
  return id;
}

/** A fresh crowd worker to moderate (blocked already when the route unblocks). */
async function targetWorker(blocked: boolean): Promise<string> {
  const user = await createTestUser(platform.db.connection, ['worker']);
  if (blocked) {
    await userModel(platform.db.connection).updateOne({ _id: user.id }, { $set: { blocked } });
  }
  return user.id;
}

/** A worker whose sign-in is locked by failed attempts. */
async function lockedWorker(): Promise<string> {
  const user = await createTestUser(platform.db.connection, ['worker']);
  await loginFailureModel(platform.db.connection).create({
    _id: user.username,
    count: 10,
    windowStart: new Date(),
    lockedUntil: new Date(Date.now() + 3_600_000),
  });
  return user.id;
}

/** The secret of a new password-reset link of a fresh worker. */
async function freshLinkToken(): Promise<string> {
  const user = await createTestUser(platform.db.connection, ['worker']);
  const links = createPasswordLinks(platform.db.connection, { lifetimeMs: 3_600_000 });
  const link = await links.issue(user.id, 'reset');
  return link.path.split('#token=')[1] ?? '';
}

let annotated: Promise<string> | undefined;

/**
 * The id of a completed annotation, played once through the real `/annotate` socket by a crowd
 * worker of its own: Bob ends the dialogue at once and selects "no agreement".
 */
function completedAnnotation(): Promise<string> {
  annotated ??= (async () => {
    const worker = await signIn(platform.db.connection, platform.server.url, 'worker');
    await createTestTasks(platform.db.connection, 1, { seed: 91 });
    const socket = await connectAnnotate(platform.server.url, { cookie: worker.client.cookie });
    try {
      const claim = await emit<TaskView | null>(socket, 'task:claim', {});
      if (!claim.ok || claim.data === null) {
        throw new Error(`claim failed: ${JSON.stringify(claim)}`);
      }
      const { taskId } = claim.data;
      expect(await emit(socket, 'dialogue:act', { taskId, seq: 1, act: { type: 'end' } })).toEqual(
        expect.objectContaining({ ok: true }),
      );
      for (let attempt = 0; attempt < 200; attempt++) {
        const state = await emit<TaskView>(socket, 'task:resume', { taskId });
        if (!state.ok || state.data.phase === 'selecting') {
          break;
        }
        if (state.data.nextSpeaker === 'bob') {
          await emit(socket, 'dialogue:act', { taskId, seq: 2, act: { type: 'end' } });
        } else {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
      expect(await emit(socket, 'dialogue:select', { taskId, allocation: null })).toEqual({
        ok: true,
        data: { ended: true },
      });
      const stored = await annotationModel(platform.db.connection)
        .findOne({ taskId, workerId: worker.user?.id, status: 'completed' })
        .lean<Annotation>()
        .exec();
      if (stored === null) {
        throw new Error('the annotation was not completed');
      }
      return stored._id.toHexString();
    } finally {
      socket.close();
    }
  })();
  return annotated;
}

interface Built {
  path: string;
  body?: unknown;
  jsonl?: string;
  /** The answer is not JSON (Prometheus text): only its status is read. */
  plain?: true;
}

/** A request that succeeds for an allowed principal: real ids, valid bodies, rounds in the right state. */
async function build(key: string, p: SignedInPrincipal): Promise<Built> {
  const [, path = ''] = key.split(' ');
  // The round's owner: the researcher themself, otherwise another researcher (admins see all).
  const roundOwner = p.who === 'researcher' ? p.client : owner.client;
  switch (key) {
    case 'POST /api/auth/login': {
      const user = await createTestUser(platform.db.connection, ['worker']);
      return { path, body: { username: user.username, password: user.password } };
    }
    case 'POST /api/study/enter':
      return { path, body: signedEntry(study, uniqueName('w')) };
    case 'POST /api/auth/tokens':
      return { path, body: { name: 'matrix' } };
    case 'DELETE /api/auth/tokens/:tokenId': {
      const mine = p.who === 'researcher' || p.who === 'admin' ? p.client : owner.client;
      const token = await mine.post('/api/auth/tokens', { name: 'to revoke' });
      return { path: path.replace(':tokenId', (token.body as { token: { id: string } }).token.id) };
    }
    case 'POST /api/rounds':
      return { path, body: validRound('matrix round') };
    case 'GET /api/rounds/:roundId':
    case 'GET /api/rounds/:roundId/counts':
    case 'GET /api/rounds/:roundId/novelty':
    case 'POST /api/rounds/:roundId/launch':
    case 'POST /api/rounds/:roundId/cancel':
      return { path: path.replace(':roundId', await roundIn('draft', roundOwner)) };
    case 'POST /api/rounds/:roundId/pause':
      return { path: path.replace(':roundId', await roundIn('active', roundOwner)) };
    case 'POST /api/rounds/:roundId/resume':
      return { path: path.replace(':roundId', await roundIn('paused', roundOwner)) };
    case 'POST /api/rounds/:roundId/retry':
      return { path: path.replace(':roundId', await roundIn('failed', roundOwner)) };
    case 'POST /api/rounds/:roundId/promote': {
      const ownerUser = p.who === 'researcher' ? p.user : owner.user;
      const id = await evaluatedRound(platform.db.connection, roundOwner, ownerUser?.id ?? '');
      return { path: path.replace(':roundId', id), body: {} };
    }
    case 'GET /api/checkpoints':
      return { path: `${path}?domain=dealornodeal&role=bob` };
    case 'GET /api/datasets/export':
      return { path: `${path}?source=synthetic` };
    case 'POST /api/datasets/import': {
      const record = generateDialogue(
        {
          domain: getDomain('dealornodeal'),
          dialogues: 1,
          seed: uniqueName('s'),
          population: parsePopulation('boulware:1'),
        },
        0,
      );
      // A label of its own: labels have owners, and another principal's would be refused.
      return { path: `${path}?dataset=${uniqueName('matrix')}`, jsonl: JSON.stringify(record) };
    }
    case 'GET /api/review/annotations/:annotationId':
      return { path: path.replace(':annotationId', await completedAnnotation()) };
    case 'POST /api/review/annotations/:annotationId/decision': {
      const id = await completedAnnotation();
      // A compare-and-set on the status the reviewer saw: decide over the current one.
      const current = await annotationModel(platform.db.connection)
        .findById(id)
        .lean<Annotation>()
        .exec();
      return {
        path: path.replace(':annotationId', id),
        body: {
          decision: 'soft-rejected',
          reason: 'matrix',
          expectedStatus: current?.review.status,
        },
      };
    }
    case 'GET /api/review/workers/:userId/stats':
      return { path: path.replace(':userId', await targetWorker(false)) };
    case 'POST /api/review/workers/:userId/block':
    case 'POST /api/admin/users/:userId/block':
      return { path: path.replace(':userId', await targetWorker(false)), body: { reason: 'x' } };
    case 'POST /api/review/workers/:userId/unblock':
    case 'POST /api/admin/users/:userId/unblock':
      return { path: path.replace(':userId', await targetWorker(true)), body: { reason: 'x' } };
    case 'POST /api/admin/users':
      return { path, body: { username: uniqueName('invitee'), roles: ['worker'] } };
    case 'POST /api/admin/users/:userId/password-reset':
      return { path: path.replace(':userId', await targetWorker(false)), body: { reason: 'x' } };
    case 'POST /api/admin/users/:userId/unlock':
      return { path: path.replace(':userId', await lockedWorker()), body: { reason: 'x' } };
    case 'POST /api/password-links/lookup':
      return { path, body: { token: await freshLinkToken() } };
    case 'POST /api/password-links/redeem':
      return { path, body: { token: await freshLinkToken(), password: 'a fine long passphrase' } };
    case 'PUT /api/admin/users/:userId/roles':
      return {
        path: path.replace(':userId', await targetWorker(false)),
        body: { roles: ['worker', 'reviewer'], reason: 'matrix' },
      };
    case 'GET /api/review/rounds/:roundId/stats':
      return { path: path.replace(':roundId', await roundIn('draft', roundOwner)) };
    case 'GET /api/metrics':
      return { path, plain: true };
    case 'POST /api/studies':
      return {
        path,
        body: {
          kind: 'annotation',
          name: 'matrix study',
          quota: 5,
          tasksPerParticipant: 1,
          completionCode: 'MATRIX-1',
          roundIds: [await roundIn('draft', roundOwner)],
        },
      };
    case 'GET /api/studies/:studyId':
    case 'GET /api/studies/:studyId/results':
    case 'POST /api/studies/:studyId/open':
    case 'POST /api/studies/:studyId/close':
      return { path: path.replace(':studyId', await studyIn('draft', roundOwner)) };
    case 'PATCH /api/studies/:studyId':
      return {
        path: path.replace(':studyId', await studyIn('draft', roundOwner)),
        body: { name: 'renamed', quota: 7 },
      };
    case 'POST /api/studies/:studyId/pause':
      return { path: path.replace(':studyId', await studyIn('open', roundOwner)) };
    case 'POST /api/studies/:studyId/codes':
      return {
        path: path.replace(':studyId', await studyIn('draft', roundOwner)),
        body: { count: 2 },
      };
    case 'GET /api/studies/:studyId/codes':
    case 'GET /api/studies/:studyId/participants':
    case 'GET /api/studies/:studyId/dialogues':
      return { path: path.replace(':studyId', await studyIn('draft', roundOwner)), plain: true };
    // Only the owner uses the secret: an admin acts on a study of their own.
    case 'POST /api/studies/:studyId/secret':
      return { path: path.replace(':studyId', await studyIn('draft', ownStudyClient(p))) };
    case 'POST /api/studies/:studyId/links':
      return {
        path: path.replace(':studyId', await studyIn('draft', ownStudyClient(p))),
        body: { participantIds: ['p1', 'p2'] },
      };
    case 'POST /api/gold-tasks':
      return { path, body: goldTaskBody() };
    default:
      return { path };
  }
}

/** The principal's own client when they may own studies; the other researcher's otherwise. */
function ownStudyClient(p: SignedInPrincipal): HttpClient {
  return p.who === 'researcher' || p.who === 'admin' ? p.client : owner.client;
}

async function send(method: string, built: Built, client: HttpClient): Promise<number> {
  if (built.jsonl !== undefined || built.plain === true) {
    return (await client.raw(method, built.path, { jsonl: built.jsonl })).status;
  }
  return (await client.request(method, built.path, { body: built.body })).status;
}

const sessionChanging = new Set([
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /api/study/enter',
]);

const matches = (expected: RestOutcome, status: number) =>
  expected === 'ok' ? status >= 200 && status < 300 : status === expected;

describe('authorization matrix: REST', () => {
  it('has an entry for every registered route, and a registered route for every entry', () => {
    const registered = registeredRoutes(platform.server.app).map(routeKey);
    expect(registered.length).toBeGreaterThan(10);
    expect(
      registered.filter((key) => restMatrix[key] === undefined),
      'routes without a row in test/security/authorizationMatrix.ts',
    ).toEqual([]);
    expect(Object.keys(restMatrix).filter((key) => !registered.includes(key))).toEqual([]);
  });

  it.each(principals)('%s gets exactly what the matrix says on every route', async (who) => {
    const wrong: string[] = [];
    const shared = await signIn(platform.db.connection, platform.server.url, who);
    for (const route of registeredRoutes(platform.server.app)) {
      const key = routeKey(route);
      const expected = restMatrix[key]?.[who];
      if (expected === undefined) {
        continue; // reported by the coverage test above
      }
      // Sign-in, sign-out and study entry replace the session: those get a session of their own.
      const principal = sessionChanging.has(key)
        ? await signIn(platform.db.connection, platform.server.url, who)
        : shared;
      const status = await send(
        route.method.toUpperCase(),
        await build(key, principal),
        principal.client,
      );
      if (!matches(expected, status)) {
        wrong.push(`${key}: expected ${expected}, got ${status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

async function connectOrRefusal(
  cookie: string | null,
): Promise<{ socket: AnnotateClient } | { refused: string }> {
  try {
    return { socket: await connectAnnotate(platform.server.url, { cookie }) };
  } catch (error) {
    return { refused: (error as { data?: { code?: string } }).data?.code ?? 'unknown' };
  }
}

function payloadFor(event: ClientEventName, view: TaskView): unknown {
  switch (event) {
    case 'task:claim':
      return {};
    case 'dialogue:act':
      return { taskId: view.taskId, seq: 1, act: { type: 'propose', allocation: view.counts } };
    case 'dialogue:select':
      return { taskId: view.taskId, allocation: view.counts };
    case 'task:resume':
    case 'task:heartbeat':
    case 'task:abandon':
    case 'astra:suggest':
      return { taskId: view.taskId };
    case 'evaluation:rate':
      return { taskId: view.taskId, answers: { quality: 4 } };
  }
}

describe('authorization matrix: sockets', () => {
  it('has a row for every client event of the typed contract', () => {
    expect(Object.keys(annotateMatrix).sort()).toEqual([...clientEventNames].sort());
  });

  it.each(principals)(
    '%s gets exactly what the matrix says on every /annotate event',
    async (who) => {
      const wrong: string[] = [];
      // One principal for all events; each event gets a task of its own (the last is given up).
      const principal = await signIn(platform.db.connection, platform.server.url, who);
      for (const [index, event] of clientEventNames.entries()) {
        const expected: SocketOutcome = annotateMatrix[event][who];
        // A task of its own per event, from a fixed seed per principal and event.
        const seed = 1_000 * (principals.indexOf(who) + 1) + index;
        await createTestTasks(platform.db.connection, 1, { seed });
        const connected = await connectOrRefusal(principal.client.cookie);
        if ('refused' in connected) {
          if (expected !== `refused:${connected.refused}`) {
            wrong.push(`${event}: expected ${expected}, connection refused (${connected.refused})`);
          }
          continue;
        }
        const { socket } = connected;
        try {
          const claim = await emit<TaskView | null>(socket, 'task:claim', {});
          if (!claim.ok || claim.data === null) {
            wrong.push(`${event}: could not claim a task first (${JSON.stringify(claim)})`);
            continue;
          }
          const ack = await emit(socket, event, payloadFor(event, claim.data));
          const got = ack.ok ? 'ok' : ack.error.code;
          if (got !== expected) {
            wrong.push(`${event}: expected ${expected}, got ${got}`);
          }
          await emit(socket, 'task:abandon', { taskId: claim.data.taskId });
        } finally {
          socket.close();
        }
      }
      expect(wrong).toEqual([]);
    },
  );

  it.each(principals)('%s connects to /rounds as the matrix says', async (who) => {
    const principal = await signIn(platform.db.connection, platform.server.url, who);
    const socket = io(`${platform.server.url}${roundsNamespace}`, {
      transports: ['websocket'],
      extraHeaders: principal.client.cookie === null ? {} : { cookie: principal.client.cookie },
      forceNew: true,
      reconnection: false,
    });
    const outcome = await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('ok'));
      socket.once('connect_error', (error) =>
        resolve(`refused:${(error as { data?: { code?: string } }).data?.code ?? 'unknown'}`),
      );
    });
    socket.close();
    expect(outcome).toBe(roundsConnectMatrix[who]);
  });
});
