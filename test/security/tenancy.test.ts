import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathOf, type RouteSpec } from '../../shared/contracts/route';
import type { TaskView } from '../../shared/protocol/annotation';
import type { RoundProgressEvent } from '../../shared/protocol/rounds';
import { clientEventNames } from '../../shared/protocol/socketContract';
import { annotationModel } from '../../platform/annotation/annotationModel';
import { checkpointModel } from '../../platform/checkpoints/checkpointModel';
import { createCheckpointStore } from '../../platform/checkpoints/checkpointStore';
import { importedRecordId } from '../../platform/dialogues/dialogueModel';
import { routeTable } from '../../server/openapi/routeTable';
import {
  claimed,
  connectAnnotate,
  nextEvent,
  request as emit,
  type AnnotateClient,
} from '../support/annotateClient';
import { postJsonl, storedSelfPlay, syntheticRecord } from '../support/datasetsClient';
import { registeredRoutes, routeKey } from '../support/expressRoutes';
import { connectRounds, type RoundsClient } from '../support/roundsClient';
import { createTestTasks } from '../support/taskFactory';
import { startTestPlatform, type TestPlatform } from '../support/testServer';
import { openUserSockets, type UserSockets } from '../support/userSockets';
import { propertySeed } from '../setup/propertySeed';
import { snapshot } from './databaseSnapshot';
import { signIn, uniqueName, type SignedInPrincipal } from './principals';
import {
  knownGaps,
  socketTenancy,
  tenancyTable,
  type Absent,
  type Call,
  type OwnedProbe,
  type RestTenancy,
  type SelfCall,
  type Tenants,
  type Who,
} from './tenancyTable';
import { goldTaskBody, validRound } from './validBodies';

/**
 * The cross-tenant suite, generated from test/security/tenancyTable.ts: researcher A and worker
 * W1 own things (made through the real routes and a real `/annotate` socket), researcher B and
 * worker W2 try every route contract and client event on them. See the table for what each
 * scope checks.
 */

// ---- the contracts, listed from shared/contracts/ itself (not from what Express registered)

const contractsDir = fileURLToPath(new URL('../../shared/contracts/', import.meta.url));

const isContract = (value: unknown): value is RouteSpec =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as RouteSpec).method === 'string' &&
  typeof (value as RouteSpec).path === 'string' &&
  'access' in value;

function contractsIn(value: unknown): RouteSpec[] {
  if (isContract(value)) {
    return [value];
  }
  return typeof value === 'object' && value !== null
    ? Object.values(value).flatMap(contractsIn)
    : [];
}

/** `METHOD /path` of every route contract exported by any module of shared/contracts/. */
async function contractKeys(): Promise<string[]> {
  const files = readdirSync(contractsDir).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
  );
  const modules = await Promise.all(
    files.map((f) => import(/* @vite-ignore */ `${contractsDir}${f}`) as Promise<unknown>),
  );
  return [...new Set(modules.flatMap(contractsIn).map(routeKey))].sort();
}

/** The keys that have no entry in `table`, named. */
const withoutEntry = (keys: readonly string[], table: object) =>
  keys.filter((key) => !Object.hasOwn(table, key));

// ---- seeded ids that do not exist

const seed = propertySeed();

/** mulberry32: a small seeded generator, so a failing run can be replayed with its seed. */
function generator(start: number) {
  let state = start >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const random = generator(seed);
const hex = (length: number) =>
  Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');

const absentOf: Record<Absent, () => string> = {
  objectId: () => hex(24),
  label: () => `absent-${hex(8)}`,
  checkpoint: () => `absent-checkpoint-${hex(8)}`,
  recordId: () => `selfplay-${hex(8)}-${hex(4)}`,
  studyId: () => `st-${hex(12)}`,
};

// ---- the platform and the two tenants

let platform: TestPlatform;
let researcherA: SignedInPrincipal;
let researcherB: SignedInPrincipal;
let workerW2: SignedInPrincipal;
let w1Socket: AnnotateClient;
let w2Socket: AnnotateClient;
/** Everything W2's `/annotate` socket hears pushed (acks aside). */
const heardByW2: unknown[] = [];
let tenants: Tenants;
/** A's and W1's identifying strings: none may appear in an answer to B or W2. */
let markers: string[];
/** W1's alone: what a worker must never get of another worker. */
let w1Markers: string[];
/** What A reads of A's own things, as set up: every probe must leave it so. */
let viewOfA: unknown;

const connection = () => platform.db.connection;

async function setUp(): Promise<void> {
  const url = platform.server.url;
  researcherA = await signIn(connection(), url, 'researcher');
  researcherB = await signIn(connection(), url, 'researcher');
  const workerW1 = await signIn(connection(), url, 'worker');
  workerW2 = await signIn(connection(), url, 'worker');
  const byA = researcherA.client;

  const roundName = uniqueName('a-round');
  const roundId = (
    (await byA.post('/api/rounds', validRound(roundName))).body as { round: { id: string } }
  ).round.id;

  // W1 claims A's round's only task through a real socket (before any other task exists).
  await createTestTasks(connection(), 1, { redundancy: 1, roundId, seed: 31 });
  w1Socket = await connectAnnotate(url, { cookie: workerW1.client.cookie });
  w2Socket = await connectAnnotate(url, { cookie: workerW2.client.cookie });
  w2Socket.onAny((event: string, ...args: unknown[]) => heardByW2.push({ event, args }));
  const view: TaskView = await claimed(w1Socket);
  const annotation = await annotationModel(connection())
    .findOne({ taskId: view.taskId, workerId: workerW1.user?.id })
    .lean()
    .exec();

  const datasetLabel = uniqueName('a-data');
  const imported = syntheticRecord(0, `tenancy-a-${seed}`);
  const report = await postJsonl(
    byA,
    `/api/datasets/import?dataset=${datasetLabel}`,
    JSON.stringify(imported),
  );
  expect(report.body.report?.imported).toBe(1);
  const selfPlay = await storedSelfPlay(connection(), { index: 0, roundId });

  const tokenName = uniqueName('a-token');
  const token = (await byA.post('/api/auth/tokens', { name: tokenName })).body as {
    token: { id: string; token: string };
  };
  const gold = (await byA.post('/api/gold-tasks', { ...goldTaskBody(), roundId })).body as {
    goldTask: { taskId: string };
  };
  const studyName = uniqueName('a-study');
  const study = await byA.post('/api/studies', {
    kind: 'annotation',
    name: studyName,
    quota: 10,
    tasksPerParticipant: 1,
    completionCode: 'A-DONE-1',
    roundIds: [roundId],
  });
  expect(study.status).toBe(201);
  const studyId = (study.body as { study: { id: string } }).study.id;

  // What retraining and a promotion leave: A's round's checkpoints, owned by A, A's default.
  const checkpoints = { bob: `${roundId}-bob`, alice: `${roundId}-alice` };
  const now = new Date();
  for (const role of ['bob', 'alice'] as const) {
    await checkpointModel(connection()).create({
      _id: checkpoints[role],
      domain: 'dealornodeal',
      role,
      roundId,
      owner: researcherA.user?.id ?? '',
      status: 'ready',
      createdAt: now,
      readyAt: now,
    });
    await createCheckpointStore(connection()).makeCurrent(checkpoints[role], {
      owner: researcherA.user?.id ?? '',
    });
  }

  tenants = {
    a: {
      userId: researcherA.user?.id ?? '',
      username: researcherA.user?.username ?? '',
      roundId,
      roundName,
      datasetLabel,
      importedRecordId: imported.id,
      importedStoredId: importedRecordId(datasetLabel, imported.id),
      selfPlayRecordId: selfPlay.id,
      tokenId: token.token.id,
      tokenName,
      goldTaskId: gold.goldTask.taskId,
      checkpoints,
      studyId,
      studyName,
    },
    w1: {
      userId: workerW1.user?.id ?? '',
      username: workerW1.user?.username ?? '',
      taskId: view.taskId,
      annotationId: annotation?._id.toHexString() ?? '',
      counts: view.counts,
    },
    freshJsonl: JSON.stringify(syntheticRecord(0, `tenancy-b-${seed}`)),
    goldBody: goldTaskBody(),
  };
  const { a, w1 } = tenants;
  w1Markers = [w1.userId, w1.username, w1.taskId, w1.annotationId];
  markers = [
    ...[a.userId, a.username, a.roundId, a.roundName, a.datasetLabel, a.importedRecordId],
    ...[a.importedStoredId, a.selfPlayRecordId, a.tokenId, a.tokenName, token.token.token],
    ...[a.goldTaskId, a.checkpoints.bob, a.checkpoints.alice, a.studyId, a.studyName],
    ...w1Markers,
  ];
  viewOfA = await readViewOfA();
}

/** A's own reads of everything A owns. */
async function readViewOfA(): Promise<unknown> {
  const reads = [
    '/api/rounds',
    `/api/rounds/${tenants.a.roundId}/counts`,
    '/api/auth/tokens',
    '/api/datasets',
    '/api/datasets/export',
    '/api/gold-tasks',
    '/api/checkpoints?domain=dealornodeal&role=bob',
    '/api/checkpoints?domain=dealornodeal&role=alice',
    '/api/studies',
    `/api/studies/${tenants.a.studyId}/codes`,
    `/api/studies/${tenants.a.studyId}/participants`,
  ];
  return Promise.all(reads.map(async (path) => researcherA.client.raw('GET', path)));
}

beforeAll(async () => {
  console.log(`[tenancy] random ids from seed ${seed} (PARLEY_PROPERTY_SEED to change)`);
  console.log(
    knownGaps.length === 0
      ? '[tenancy] known gaps: none'
      : `[tenancy] known gaps, run with it.fails:\n  ${knownGaps.join('\n  ')}`,
  );
  platform = await startTestPlatform('tenancy');
  await setUp();
});
afterAll(async () => {
  w1Socket.close();
  w2Socket.close();
  await platform.close();
});

// ---- sending a contract's request as B or W2

const principalOf = (who: Who) => (who === 'researcher' ? researcherB : workerW2);

interface Answer {
  status: number;
  text: string;
}

async function send(who: Who, key: string, call: Call): Promise<Answer> {
  const [method = '', path = ''] = key.split(' ');
  const query = call.query === undefined ? '' : `?${new URLSearchParams(call.query).toString()}`;
  const { status, text } = await principalOf(who).client.raw(
    method,
    `${pathOf(path, call.params)}${query}`,
    { body: call.body, jsonl: call.jsonl },
  );
  return { status, text };
}

/** A's and W1's strings in an answer, but for those the caller sent itself (echoes tell nothing). */
function leaked(answer: string, sent: unknown, of: readonly string[] = markers): string[] {
  const own = JSON.stringify(sent);
  return of.filter((m) => m !== '' && !own.includes(m) && answer.includes(m));
}

/** An answer with the id it was about masked, to compare A's id with a missing one. */
const masked = (answer: Answer, id: string) => ({
  status: answer.status,
  text: id === '' ? answer.text : answer.text.split(id).join('<id>'),
});

// ---- the checks of each scope

async function seesNothingOfA(key: string, sees: SelfCall): Promise<void> {
  const before = await snapshot(connection());
  const call = sees.call(tenants);
  const answer = await send(sees.as, key, call);
  // A read writes nothing; a write of B's own must leave A's things as they were (below).
  const after = key.startsWith('GET ') ? await snapshot(connection()) : before;
  expect(after).toEqual(before);
  expect(answer.status, answer.text).toBeGreaterThanOrEqual(200);
  expect(answer.status, answer.text).toBeLessThan(300);
  expect(leaked(answer.text, call)).toEqual([]);
  expect(await readViewOfA()).toEqual(viewOfA);
}

async function sameAsMissing(key: string, probe: OwnedProbe): Promise<void> {
  const id = probe.target(tenants);
  const missing = absentOf[probe.absent]();
  const before = await snapshot(connection());
  const call = probe.call(id, tenants);
  const real = await send('researcher', key, call);
  expect(await snapshot(connection())).toEqual(before);
  const fake = await send('researcher', key, probe.call(missing, tenants));
  expect([403, 404]).toContain(real.status);
  expect(masked(real, id)).toEqual(masked(fake, missing));
  expect(leaked(real.text, call)).toEqual([]);
  expect(await readViewOfA()).toEqual(viewOfA);
}

/** A documented existence oracle: A's id gets its own status, and still nothing is written. */
async function refusedWithOracle(key: string, probe: OwnedProbe): Promise<void> {
  const id = probe.target(tenants);
  const before = await snapshot(connection());
  const call = probe.call(id, tenants);
  const real = await send('researcher', key, call);
  expect(await snapshot(connection())).toEqual(before);
  expect(real.status).toBe(probe.oracle?.status);
  expect(leaked(real.text, call)).toEqual([]);
  expect(await readViewOfA()).toEqual(viewOfA);
}

async function refused(
  key: string,
  entry: Extract<RestTenancy, { scope: 'admin-only' | 'staff-only' }>,
  who: Who,
): Promise<void> {
  const real = entry.target?.id(tenants) ?? '';
  const missing = entry.target === undefined ? '' : absentOf.objectId();
  const callOf = (id: string) => entry.target?.call(id) ?? entry.call ?? {};
  const before = await snapshot(connection());
  const forReal = await send(who, key, callOf(real));
  expect(await snapshot(connection())).toEqual(before);
  const forMissing = await send(who, key, callOf(missing));
  expect(forReal.status).toBe(403);
  expect(masked(forReal, real)).toEqual(masked(forMissing, missing));
  expect(leaked(forReal.text, callOf(real))).toEqual([]);
}

async function globalAnswer(key: string, call: Call, who: Who): Promise<void> {
  const before = await snapshot(connection());
  const answer = await send(who, key, call);
  expect(await snapshot(connection())).toEqual(before);
  expect(answer.status).toBe(200);
  expect(leaked(answer.text, call)).toEqual([]);
}

// ---- the generated tests

interface Generated {
  name: string;
  run: () => Promise<void>;
}

function generated(key: string, entry: RestTenancy): Generated[] {
  switch (entry.scope) {
    case 'global':
      return entry.call === undefined
        ? []
        : (['researcher', 'worker'] as const).map((who) => ({
            name: `${key} global (${entry.why}): nothing of A's as ${who}`,
            run: () => globalAnswer(key, entry.call ?? {}, who),
          }));
    case 'admin-only':
    case 'staff-only':
      return (['researcher', 'worker'] as const).map((who) => ({
        name: `${key} ${entry.scope}: refused to ${who === 'researcher' ? 'B' : 'W2'}${entry.target === undefined ? '' : ` with ${entry.target.what}`}`,
        run: () => refused(key, entry, who),
      }));
    case 'self':
    case 'owned':
      return [
        ...(entry.sees ?? []).map((sees) => ({
          name: `${key} sees: ${sees.what}`,
          run: () => seesNothingOfA(key, sees),
        })),
        ...(entry.scope === 'owned' ? entry.probes : []).map((probe) => ({
          name: `${key} probe: ${probe.what}`,
          run: () =>
            probe.oracle === undefined ? sameAsMissing(key, probe) : refusedWithOracle(key, probe),
        })),
      ];
  }
}

/** Known gaps run last: what they wrongly let B do (a round on A's checkpoint) stays out of the rest. */
const restTests = Object.entries(tenancyTable)
  .flatMap(([key, entry]) => generated(key, entry))
  .sort((x, y) => Number(knownGaps.includes(x.name)) - Number(knownGaps.includes(y.name)));

describe('tenancy table', () => {
  it('has an entry for every route contract and client event, and none for anything else', async () => {
    const contracts = await contractKeys();
    expect(contracts.length).toBeGreaterThan(40);
    expect(
      withoutEntry(contracts, tenancyTable),
      'route contracts without a tenancy entry',
    ).toEqual([]);
    expect(
      Object.keys(tenancyTable).filter((key) => !contracts.includes(key)),
      'tenancy entries of no route contract',
    ).toEqual([]);
    expect(
      withoutEntry(clientEventNames, socketTenancy),
      'client events without a tenancy entry',
    ).toEqual([]);
    expect(Object.keys(socketTenancy).sort()).toEqual([...clientEventNames].sort());
  });

  it('names a contract missing from the table (a new route fails the suite)', async () => {
    const contracts = await contractKeys();
    expect(withoutEntry([...contracts, 'POST /api/rounds/:roundId/share'], tenancyTable)).toEqual([
      'POST /api/rounds/:roundId/share',
    ]);
  });

  it('lists the same contracts as the OpenAPI table, and the app serves each of them', async () => {
    const contracts = await contractKeys();
    expect([...new Set(routeTable.map(routeKey))].sort()).toEqual(contracts);
    expect([...new Set(registeredRoutes(platform.server.app).map(routeKey))].sort()).toEqual(
      contracts,
    );
  });

  it('says why each global route is global, and every known gap names a generated check', () => {
    const whys = Object.values(tenancyTable).flatMap((e) => (e.scope === 'global' ? [e.why] : []));
    expect(whys.filter((why) => why.split(' ').length < 3)).toEqual([]);
    const names = restTests.map((t) => t.name);
    expect(knownGaps.filter((gap) => !names.includes(gap))).toEqual([]);
  });
});

describe('tenancy: REST, B and W2 against A', () => {
  for (const test of restTests) {
    (knownGaps.includes(test.name) ? it.fails : it)(test.name, test.run);
  }
});

describe('tenancy: /annotate, W2 against W1', () => {
  const ownedEvents = Object.entries(socketTenancy).flatMap(([event, entry]) =>
    entry.scope === 'worker-owned' ? [{ event, payload: entry.payload }] : [],
  );

  it.each(ownedEvents)(
    "$event with W1's task answers W2 as a missing task",
    async ({ event, payload }) => {
      const missing = absentOf.objectId();
      const sent = payload(tenants.w1.taskId, tenants);
      const before = await snapshot(connection());
      const real = await emit(w2Socket, event as never, sent);
      expect(await snapshot(connection())).toEqual(before);
      const fake = await emit(w2Socket, event as never, payload(missing, tenants));
      expect(real.ok).toBe(false);
      expect(JSON.stringify(real).split(tenants.w1.taskId).join('<id>')).toEqual(
        JSON.stringify(fake).split(missing).join('<id>'),
      );
      expect(leaked(JSON.stringify(real), sent)).toEqual([]);
      expect(JSON.stringify(real)).not.toContain('utilities');
      // W1's lease is untouched.
      expect((await emit(w1Socket, 'task:resume', { taskId: tenants.w1.taskId })).ok).toBe(true);
    },
  );

  it(`task:claim (${socketTenancy['task:claim'].scope}) never gives W2 the task W1 holds`, async () => {
    const ack = await emit<TaskView | null>(w2Socket, 'task:claim', {});
    expect(ack.ok).toBe(true);
    const taskId = ack.ok ? (ack.data?.taskId ?? null) : 'refused';
    expect(taskId).not.toBe(tenants.w1.taskId);
    // Tasks are the crowd's (W2 may get A's gold task): only W1's things are off limits.
    expect(leaked(JSON.stringify(ack), {}, w1Markers)).toEqual([]);
  });

  it("W2 hears nothing pushed for W1's dialogue (an ack on W2's socket is the barrier)", async () => {
    const reply = nextEvent(w1Socket, 'dialogue:act');
    const act = await emit(w1Socket, 'dialogue:act', {
      taskId: tenants.w1.taskId,
      seq: 1,
      act: { type: 'propose', allocation: tenants.w1.counts },
    });
    expect(act.ok).toBe(true);
    await reply;
    // Packets of one connection arrive in order: this ack comes after anything sent to W2 before.
    expect((await emit(w2Socket, 'task:heartbeat', { taskId: absentOf.objectId() })).ok).toBe(
      false,
    );
    expect(heardByW2).toEqual([]);
  });
});

describe('tenancy: /rounds, B against A', () => {
  let roundsOfA: RoundsClient | undefined;
  let socketsOfB: UserSockets | undefined;
  afterAll(() => {
    roundsOfA?.close();
    socketsOfB?.close();
  });

  it("B's /rounds socket hears nothing of A's round (an ack on B's multiplexed /annotate is the barrier)", async () => {
    const ofA = await connectRounds(platform.server.url, researcherA.client.cookie);
    roundsOfA = ofA;
    const ofB = await openUserSockets(
      platform.server.url,
      { cookie: researcherB.client.cookie ?? '' },
      'one',
    );
    socketsOfB = ofB;
    const heardByB: RoundProgressEvent[] = [];
    ofB.rounds.on('round:progress', (event) => heardByB.push(event));
    const heardByA = new Promise<RoundProgressEvent>((resolve) => {
      ofA.on('round:progress', (event) => {
        if (event.roundId === tenants.a.roundId) {
          resolve(event);
        }
      });
    });
    // A's last move: it changes A's round, so it comes after every probe above.
    expect((await researcherA.client.post(`/api/rounds/${tenants.a.roundId}/cancel`)).status).toBe(
      200,
    );
    expect((await heardByA).stage).toBe('cancelled');
    const barrier = await emit(ofB.annotate, 'task:heartbeat', {
      taskId: absentOf.objectId(),
    });
    expect(barrier.ok).toBe(false);
    expect(heardByB).toEqual([]);
  });
});
