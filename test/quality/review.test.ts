import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDialogue } from '../../shared/corpus/generateCorpus';
import { parsePopulation } from '../../shared/corpus/population';
import { getDomain } from '../../shared/domain/domains';
import { krippendorffAlphaNominal } from '../../shared/metrics/krippendorff';
import type { TaskView } from '../../shared/protocol/annotation';
import type {
  AnnotationDetailView,
  AnnotationSummaryView,
  AuditEntryView,
  Page,
  RoundQualityView,
  WorkerStatsView,
} from '../../shared/protocol/review';
import type { RoundView } from '../../shared/protocol/rounds';
import type { Role } from '../../shared/protocol/roles';
import type { AdminUserView } from '../../shared/protocol/users';
import { annotationModel, type Annotation } from '../../platform/annotation/annotationModel';
import { goldSpecModel } from '../../platform/quality/goldSpecModel';
import { auditModel } from '../../platform/review/auditLog';
import { taskModel, type Task } from '../../platform/tasks/taskModel';
import { userModel } from '../../platform/users/userModel';
import {
  type AnnotateClient,
  claimed,
  connectAnnotate,
  nextEvent,
  request,
} from '../support/annotateClient';
import { createTestUser } from '../support/factories';
import { errorCode, HttpClient } from '../support/httpClient';
import { createTestTasks } from '../support/taskFactory';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

let platform: TestPlatform;
const sockets: AnnotateClient[] = [];

beforeAll(async () => {
  // No time threshold (scripted clients act at once), no `no_attempt` check (the scripted worker
  // ends at once: test/quality/noAttempt.test.ts covers that flag), and a fixed draw of 0.4 for
  // gold claims.
  platform = await startTestPlatform('quality', {
    minMsPerAct: 0,
    noAttempt: { minOffers: 0, minActs: 0 },
    goldRandom: () => 0.4,
  });
});
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await taskModel(platform.db.connection).deleteMany({});
  await annotationModel(platform.db.connection).deleteMany({});
});
afterAll(async () => {
  await platform.close();
});

interface Person {
  id: string;
  username: string;
  password: string;
  http: HttpClient;
}

async function person(roles: Role[]): Promise<Person> {
  const user = await createTestUser(platform.db.connection, roles);
  const http = new HttpClient(platform.server.url);
  await http.login(user.username, user.password);
  return { ...user, http };
}

async function socketOf(who: Person): Promise<AnnotateClient> {
  const socket = await connectAnnotate(platform.server.url, { cookie: who.http.cookie });
  sockets.push(socket);
  return socket;
}

/**
 * Plays one claimed task to its end as a scripted worker: `invalid` refused acts first, then
 * the first response (`end`, or a proposal of everything), `end` when it is Bob's turn again,
 * and "no agreement" as the selection. Returns the task id.
 */
async function annotate(
  socket: AnnotateClient,
  first: 'end' | 'propose',
  invalid = 0,
): Promise<{ taskId: string; view: TaskView }> {
  const view = await claimed(socket);
  const { taskId } = view;
  for (let i = 0; i < invalid; i++) {
    const tooMany = { type: 'propose', allocation: view.counts.map((c) => c + 1) };
    const ack = await request(socket, 'dialogue:act', { taskId, seq: 100 + i, act: tooMany });
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_allocation' } });
  }
  const act = first === 'end' ? { type: 'end' } : { type: 'propose', allocation: view.counts };
  expect(await request(socket, 'dialogue:act', { taskId, seq: 1, act })).toMatchObject({
    ok: true,
  });
  for (let attempt = 0; attempt < 100; attempt++) {
    const state = await request<TaskView>(socket, 'task:resume', { taskId });
    if (!state.ok) {
      throw new Error(JSON.stringify(state));
    }
    if (state.data.phase === 'selecting') {
      break;
    }
    if (state.data.nextSpeaker === 'bob') {
      await request(socket, 'dialogue:act', { taskId, seq: 2, act: { type: 'end' } });
    } else {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  expect(await request(socket, 'dialogue:select', { taskId, allocation: null })).toEqual({
    ok: true,
    data: { ended: true },
  });
  return { taskId, view };
}

const annotationOf = (taskId: string, workerId: string) =>
  annotationModel(platform.db.connection).findOne({ taskId, workerId }).lean<Annotation>().exec();

const auditCount = () => auditModel(platform.db.connection).countDocuments().exec();

describe('automatic flags and review', () => {
  it('auto-accepts a clean annotation and holds a flagged one for review', async () => {
    await createTestTasks(platform.db.connection, 2, { redundancy: 1 });
    const careful = await person(['worker']);
    const sloppy = await person(['worker']);
    const clean = await annotate(await socketOf(careful), 'end');
    const flagged = await annotate(await socketOf(sloppy), 'end', 3);

    const good = await annotationOf(clean.taskId, careful.id);
    expect(good).toMatchObject({
      status: 'completed',
      flags: [],
      invalidActs: 0,
      review: { status: 'accepted', decidedBy: 'auto', reviewerId: null },
    });
    expect(good?.checkedAt).toBeInstanceOf(Date);

    const bad = await annotationOf(flagged.taskId, sloppy.id);
    expect(bad).toMatchObject({
      status: 'completed',
      invalidActs: 3,
      flags: [{ code: 'invalid_acts', detail: '3 acts refused by the rules (more than 2)' }],
      review: { status: 'pending', decidedBy: null },
    });
  });

  it('gives reviewers a filtered queue, the full detail, and records decisions in the audit log', async () => {
    await createTestTasks(platform.db.connection, 2, { redundancy: 1 });
    const careful = await person(['worker']);
    const sloppy = await person(['worker']);
    await annotate(await socketOf(careful), 'end');
    const flagged = await annotate(await socketOf(sloppy), 'propose', 3);
    const reviewer = await person(['reviewer']);
    const admin = await person(['admin']);

    const queue = await reviewer.http.get('/api/review/annotations?flagged=true&status=pending');
    expect(queue.status).toBe(200);
    const page = queue.body as Page<AnnotationSummaryView>;
    expect(page).toMatchObject({ page: 1, pageSize: 20, total: 1 });
    const row = page.items[0] as AnnotationSummaryView;
    expect(row).toMatchObject({
      taskId: flagged.taskId,
      worker: { id: sloppy.id, username: sloppy.username },
      review: { status: 'pending' },
    });
    expect(row.flags.map((f) => f.code)).toContain('invalid_acts');
    const all = (await reviewer.http.get('/api/review/annotations?pageSize=1&page=2'))
      .body as Page<AnnotationSummaryView>;
    expect([all.total, all.items.length]).toEqual([2, 1]);
    const byWorker = (await reviewer.http.get(`/api/review/annotations?workerId=${careful.id}`))
      .body as Page<AnnotationSummaryView>;
    expect(byWorker.items.map((a) => a.worker.id)).toEqual([careful.id]);
    const unflagged = (await reviewer.http.get('/api/review/annotations?flagged=false'))
      .body as Page<AnnotationSummaryView>;
    expect(unflagged.items.map((a) => [a.worker.id, a.review.status, a.flags])).toEqual([
      [careful.id, 'accepted', []],
    ]);

    const detail = await reviewer.http.get(`/api/review/annotations/${row.id}`);
    expect(detail.status).toBe(200);
    const shown = (detail.body as { annotation: AnnotationDetailView }).annotation;
    const task = (await taskModel(platform.db.connection)
      .findById(flagged.taskId)
      .lean<Task>()
      .exec()) as Task;
    expect(shown.utilities).toEqual({ alice: task.aliceUtilities, bob: task.bobUtilities });
    expect(shown.turns.filter((t) => t.prefix)).toHaveLength(task.prefix.length);
    expect(shown.turns.find((t) => !t.prefix)).toMatchObject({
      speaker: 'bob',
      act: { type: 'propose', allocation: task.counts },
      offerScores: {
        alice: 0,
        bob: task.counts.reduce((s, c, i) => s + c * (task.bobUtilities[i] ?? 0), 0),
      },
    });
    expect(shown.frontier.length).toBeGreaterThan(0);
    expect(shown.invalidActs).toBe(3);

    const before = await auditCount();
    const decided = await reviewer.http.post(`/api/review/annotations/${row.id}/decision`, {
      decision: 'soft-rejected',
      reason: 'refused acts, then gave up',
      bonusCents: 25,
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      review: {
        status: 'soft-rejected',
        decidedBy: 'reviewer',
        reviewerId: reviewer.id,
        bonusCents: 25,
      },
    });
    expect((await annotationOf(flagged.taskId, sloppy.id))?.review.status).toBe('soft-rejected');
    expect(await auditCount()).toBe(before + 1);

    const audit = await admin.http.get(`/api/audit?targetId=${row.id}`);
    expect(audit.status).toBe(200);
    const entries = (audit.body as Page<AuditEntryView>).items;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: { id: reviewer.id, username: reviewer.username },
      action: 'review.decision',
      target: { type: 'annotation', id: row.id },
      reason: 'refused acts, then gave up',
      details: { decision: 'soft-rejected', previous: 'pending', bonusCents: 25 },
    });
    // A decision over a status the reviewer did not see is a conflict; naming it works.
    const stale = await reviewer.http.post(`/api/review/annotations/${row.id}/decision`, {
      decision: 'accepted',
    });
    expect([stale.status, errorCode(stale.body)]).toEqual([409, 'conflict']);
    const revised = await reviewer.http.post(`/api/review/annotations/${row.id}/decision`, {
      decision: 'accepted',
      expectedStatus: 'soft-rejected',
    });
    expect(revised.status).toBe(200);
  });

  it('lets exactly one of two concurrent decisions win (the other is a 409)', async () => {
    await createTestTasks(platform.db.connection, 1, { redundancy: 1 });
    const sloppy = await person(['worker']);
    const { taskId } = await annotate(await socketOf(sloppy), 'end', 4);
    const id = (await annotationOf(taskId, sloppy.id))?._id.toHexString() as string;
    const reviewers = await Promise.all([person(['reviewer']), person(['reviewer'])]);
    const before = await auditCount();
    const results = await Promise.all(
      reviewers.map((r, i) =>
        r.http.post(`/api/review/annotations/${id}/decision`, {
          decision: i === 0 ? 'accepted' : 'rejected',
          reason: 'checked',
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.findIndex((r) => r.status === 200);
    const stored = await annotationOf(taskId, sloppy.id);
    expect(stored?.review).toMatchObject({
      status: winner === 0 ? 'accepted' : 'rejected',
      reviewerId: reviewers[winner]?.id,
    });
    expect(await auditCount()).toBe(before + 1);
  });

  it('refuses bad bodies and queries with a 400 and writes nothing', async () => {
    await createTestTasks(platform.db.connection, 1, { redundancy: 1 });
    const sloppy = await person(['worker']);
    const { taskId } = await annotate(await socketOf(sloppy), 'end', 3);
    const id = (await annotationOf(taskId, sloppy.id))?._id.toHexString() as string;
    const reviewer = await person(['reviewer']);
    const admin = await person(['admin']);
    const before = await auditCount();
    for (const body of [
      { decision: 'rejected' },
      { decision: 'maybe', reason: 'x' },
      { decision: 'accepted', bonusCents: -5 },
      { decision: 'accepted', bonusCents: 1.5 },
      { decision: 'accepted', admin: true },
      { decision: 'accepted', expectedStatus: 'done' },
      'accepted',
      null,
    ]) {
      const res = await reviewer.http.post(`/api/review/annotations/${id}/decision`, body);
      expect([res.status, errorCode(res.body)], JSON.stringify(body)).toEqual([
        400,
        expect.stringMatching(/^(validation_failed|bad_request)$/),
      ]);
    }
    for (const query of ['pageSize=1000', 'page=0', 'status=sleeping', 'flagged=yes', 'x=1']) {
      const res = await reviewer.http.get(`/api/review/annotations?${query}`);
      expect(res.status, query).toBe(400);
    }
    expect((await reviewer.http.get('/api/review/annotations/not-an-id')).status).toBe(400);
    const block = await reviewer.http.post(`/api/review/workers/${sloppy.id}/block`, {});
    expect(block.status).toBe(400);
    const roles = await admin.http.request('PUT', `/api/admin/users/${sloppy.id}/roles`, {
      body: { roles: ['king'], reason: 'why not' },
    });
    expect(roles.status).toBe(400);
    const noReason = await admin.http.request('PUT', `/api/admin/users/${sloppy.id}/roles`, {
      body: { roles: ['reviewer'] },
    });
    expect(noReason.status).toBe(400);
    expect((await admin.http.post('/api/gold-tasks', { cutAt: 0, expectations: {} })).status).toBe(
      400,
    );

    expect((await annotationOf(taskId, sloppy.id))?.review.status).toBe('pending');
    const stored = await userModel(platform.db.connection).findById(sloppy.id).lean().exec();
    expect([stored?.blocked, stored?.roles]).toEqual([false, ['worker']]);
    expect(await auditCount()).toBe(before);
  });

  it('keeps reviewer, admin and gold routes from workers and researchers (403)', async () => {
    await createTestTasks(platform.db.connection, 2, { redundancy: 1 });
    const worker = await person(['worker']);
    const { taskId, view } = await annotate(await socketOf(worker), 'end', 3);
    const id = (await annotationOf(taskId, worker.id))?._id.toHexString() as string;
    // The worker's own view of a task carries only Bob's utilities.
    const task = (await taskModel(platform.db.connection).findById(taskId).lean<Task>()) as Task;
    expect(view.utilities).toEqual(task.bobUtilities);
    expect(JSON.stringify(view)).not.toContain('alice":[');
    expect(Object.keys(view)).not.toContain('aliceUtilities');

    const researcher = await person(['researcher']);
    const reviewer = await person(['reviewer']);
    for (const who of [worker, researcher]) {
      const attempts = [
        who.http.get('/api/review/annotations'),
        who.http.get(`/api/review/annotations/${id}`),
        who.http.post(`/api/review/annotations/${id}/decision`, { decision: 'accepted' }),
        who.http.get(`/api/review/workers/${worker.id}/stats`),
        who.http.post(`/api/review/workers/${worker.id}/block`, { reason: 'x' }),
        who.http.get('/api/audit'),
        who.http.get('/api/admin/users'),
      ];
      for (const res of await Promise.all(attempts)) {
        expect([res.status, errorCode(res.body)]).toEqual([403, 'forbidden']);
      }
    }
    for (const res of await Promise.all([
      reviewer.http.get('/api/audit'),
      reviewer.http.get('/api/admin/users'),
      worker.http.get('/api/gold-tasks'),
      reviewer.http.post('/api/gold-tasks', {}),
    ])) {
      expect(res.status).toBe(403);
    }
    // Reviewers moderate workers, not other staff; nobody reviews their own annotation.
    const staff = await reviewer.http.post(`/api/review/workers/${researcher.id}/block`, {
      reason: 'no',
    });
    expect(staff.status).toBe(403);
    const selfReview = await person(['reviewer']);
    const own = await annotate(await socketOf(selfReview), 'end', 3);
    const ownId = (await annotationOf(own.taskId, selfReview.id))?._id.toHexString() as string;
    const res = await selfReview.http.post(`/api/review/annotations/${ownId}/decision`, {
      decision: 'accepted',
    });
    expect(res.status).toBe(403);
    const anonymous = new HttpClient(platform.server.url);
    expect((await anonymous.get('/api/review/annotations')).status).toBe(401);
  });
});

describe('blocking workers', () => {
  it('cuts the live socket, frees the lease, refuses sign-in and claims; unblocking restores', async () => {
    await createTestTasks(platform.db.connection, 2, { redundancy: 1 });
    const worker = await person(['worker']);
    const reviewer = await person(['reviewer']);
    const admin = await person(['admin']);
    const socket = await socketOf(worker);
    const view = await claimed(socket);

    const cut = nextEvent(socket, 'disconnect' as never);
    const blocked = await reviewer.http.post(`/api/review/workers/${worker.id}/block`, {
      reason: 'random acts on every task',
    });
    expect(blocked.status).toBe(200);
    expect((blocked.body as { user: AdminUserView }).user).toMatchObject({
      id: worker.id,
      blocked: true,
    });
    expect(await cut).toBe('io server disconnect');
    expect(socket.connected).toBe(false);

    const task = await taskModel(platform.db.connection).findById(view.taskId).lean<Task>();
    expect(task?.openSlots).toBe(1);
    expect(task?.leases.map((l) => l.status)).toEqual(['abandoned']);
    expect((await annotationOf(view.taskId, worker.id))?.status).toBe('abandoned');

    expect((await worker.http.get('/api/auth/me')).status).toBe(401);
    const again = new HttpClient(platform.server.url);
    const login = await again.post('/api/auth/login', {
      username: worker.username,
      password: worker.password,
    });
    expect([login.status, errorCode(login.body)]).toEqual([403, 'account_blocked']);
    await expect(
      connectAnnotate(platform.server.url, { cookie: worker.http.cookie }),
    ).rejects.toThrow();
    const twice = await reviewer.http.post(`/api/review/workers/${worker.id}/block`, {
      reason: 'again',
    });
    expect(twice.status).toBe(409);

    const unblocked = await admin.http.post(`/api/admin/users/${worker.id}/unblock`, {
      reason: 'appeal upheld',
    });
    expect(unblocked.status).toBe(200);
    await again.login(worker.username, worker.password);
    const back = await connectAnnotate(platform.server.url, { cookie: again.cookie });
    sockets.push(back);
    const next = await claimed(back);
    expect(next.taskId).not.toBe(view.taskId); // never the same task twice

    const log = (await admin.http.get(`/api/audit?targetId=${worker.id}`))
      .body as Page<AuditEntryView>;
    expect(log.items.map((e) => [e.action, e.actor.id, e.reason])).toEqual([
      ['user.unblock', admin.id, 'appeal upheld'],
      ['user.block', reviewer.id, 'random acts on every task'],
    ]);
  });

  it('lets admins list users and change roles, with an audit entry', async () => {
    const admin = await person(['admin']);
    const worker = await person(['worker']);
    const changed = await admin.http.request('PUT', `/api/admin/users/${worker.id}/roles`, {
      body: { roles: ['worker', 'reviewer'], reason: 'promoted after 500 clean annotations' },
    });
    expect(changed.status).toBe(200);
    expect((changed.body as { user: AdminUserView }).user.roles).toEqual(['worker', 'reviewer']);
    const list = (await admin.http.get(`/api/admin/users?role=reviewer&search=${worker.username}`))
      .body as Page<AdminUserView>;
    expect(list.items.map((u) => u.id)).toEqual([worker.id]);
    expect(list.items[0]).not.toHaveProperty('passwordHash');
    const self = await admin.http.request('PUT', `/api/admin/users/${admin.id}/roles`, {
      body: { roles: ['worker'], reason: 'oops' },
    });
    expect(self.status).toBe(400);
    const entry = (await admin.http.get(`/api/audit?action=user.roles&targetId=${worker.id}`))
      .body as Page<AuditEntryView>;
    expect(entry.items[0]?.details).toEqual({ from: ['worker'], to: ['worker', 'reviewer'] });
  });
});

describe('gold tasks', () => {
  const domain = getDomain('dealornodeal');
  const population = parsePopulation('boulware:1,conceder:1');

  function goldBody(index: number, expectations: Record<string, unknown>) {
    for (let i = index; ; i++) {
      const record = generateDialogue({ domain, dialogues: i + 1, seed: 11, population }, i);
      const cutAt = record.turns.findIndex(
        (t, j) => t.speaker === 0 && j < record.turns.length - 3,
      );
      if (cutAt >= 0) {
        return { record, cutAt, expectations, redundancy: 5 };
      }
    }
  }

  it('are created by researchers, mixed into claims at a rate that decays with correct answers', async () => {
    const researcher = await person(['researcher']);
    const before = await auditCount();
    for (let i = 0; i < 3; i++) {
      const res = await researcher.http.post(
        '/api/gold-tasks',
        goldBody(i * 3, { agreement: false }),
      );
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    expect(await auditCount()).toBe(before + 3);
    expect(await goldSpecModel(platform.db.connection).countDocuments()).toBeGreaterThanOrEqual(3);
    const listed = await researcher.http.get('/api/gold-tasks');
    expect((listed.body as { goldTasks: unknown[] }).goldTasks).toHaveLength(3);
    // Ordinary tasks, more novel than the gold ones (novelty 0 … -2 vs 0, but sorted after
    // gold only when the draw prefers gold).
    await createTestTasks(platform.db.connection, 3, { redundancy: 1 });
    const worker = await person(['worker']);
    const socket = await socketOf(worker);
    const isGold = async (taskId: string) =>
      (await taskModel(platform.db.connection).findById(taskId).lean<Task>())?.gold;

    // Gold rate 0.1 outside rounds (the default), so the draw of 0.4 prefers ordinary tasks…
    const first = await annotate(socket, 'end');
    expect(await isGold(first.taskId)).toBe(false);
    // …a round's gold rate of 1 makes every claim of a new worker prefer gold: 1 × 0.5^0.
    const created = await researcher.http.post('/api/rounds', {
      name: 'gold round',
      domain: 'dealornodeal',
      selfPlayDialogues: 10,
      annotate: 5,
      oracleMix: { human: 1, simulatedExpert: 0, astra: 0 },
      goldRate: 1,
    });
    const roundId = (created.body as { round: RoundView }).round.id;
    await taskModel(platform.db.connection).updateMany({ gold: true }, { $set: { roundId } });

    const second = await annotate(socket, 'end');
    expect(await isGold(second.taskId)).toBe(true);
    expect((await annotationOf(second.taskId, worker.id))?.gold).toEqual({
      passed: true,
      failures: [],
    });
    // One correct gold answer: 1 × 0.5 = 0.5 > 0.4, still gold.
    const third = await annotate(socket, 'end');
    expect(await isGold(third.taskId)).toBe(true);
    // Two correct: 0.25 < 0.4, an ordinary task.
    const fourth = await annotate(socket, 'end');
    expect(await isGold(fourth.taskId)).toBe(false);

    // A worker who fails gold keeps getting it, and is flagged.
    const careless = await person(['worker']);
    const careless1 = await socketOf(careless);
    await taskModel(platform.db.connection).updateMany({ gold: true }, { $set: { roundId } });
    await goldSpecModel(platform.db.connection).updateMany(
      {},
      { $set: { expectations: { firstResponseTypes: ['propose'] } } },
    );
    const failed = await annotate(careless1, 'end');
    expect(await isGold(failed.taskId)).toBe(true);
    const graded = await annotationOf(failed.taskId, careless.id);
    expect(graded?.gold?.passed).toBe(false);
    expect(graded?.flags.map((f) => f.code)).toEqual(['gold_failed']);
    expect(graded?.review.status).toBe('pending');

    const reviewer = await person(['reviewer']);
    const stats = (await reviewer.http.get(`/api/review/workers/${worker.id}/stats`)).body as {
      stats: WorkerStatsView;
    };
    expect(stats.stats).toMatchObject({
      completed: 4,
      gold: { answered: 2, correct: 2, accuracy: 1 },
      goldRateFactor: 0.25,
      flaggedAnnotations: 0,
    });
    expect(stats.stats.reliability).toBeCloseTo(3 / 4, 10);
    const workersPage = (await reviewer.http.get('/api/review/workers?pageSize=100'))
      .body as Page<WorkerStatsView>;
    expect(workersPage.items.find((s) => s.worker.id === worker.id)).toEqual(stats.stats);
    expect(workersPage.items.every((s) => s.worker.username.startsWith('worker-'))).toBe(true);
    const carelessStats = (await reviewer.http.get(`/api/review/workers/${careless.id}/stats`))
      .body as { stats: WorkerStatsView };
    expect(carelessStats.stats).toMatchObject({
      gold: { answered: 1, correct: 0, accuracy: 0 },
      flags: 1,
      flagCounts: { gold_failed: 1 },
    });
  });
});

describe('agreement', () => {
  it("computes Krippendorff's alpha and outcome agreement per round and per worker", async () => {
    const researcher = await person(['researcher']);
    const created = await researcher.http.post('/api/rounds', {
      name: 'agreement round',
      domain: 'dealornodeal',
      selfPlayDialogues: 10,
      annotate: 3,
      oracleMix: { human: 1, simulatedExpert: 0, astra: 0 },
      redundancy: 2,
    });
    const roundId = (created.body as { round: RoundView }).round.id;
    const tasks = await createTestTasks(platform.db.connection, 3, { redundancy: 2 });
    await taskModel(platform.db.connection).updateMany({}, { $set: { roundId } });
    const one = await socketOf(await person(['worker']));
    const two = await socketOf(await person(['worker']));
    // Tasks are claimed most novel first: both workers meet them in the same order.
    const firsts = [
      ['end', 'end', 'propose'],
      ['end', 'propose', 'propose'],
    ] as const;
    for (const act of firsts[0]) {
      await annotate(one, act);
    }
    for (const act of firsts[1]) {
      await annotate(two, act);
    }

    const stats = await researcher.http.get(`/api/review/rounds/${roundId}/stats`);
    expect(stats.status).toBe(200);
    const view = (stats.body as { stats: RoundQualityView }).stats;
    const expected = krippendorffAlphaNominal(tasks.map((_, i) => [firsts[0][i], firsts[1][i]]));
    // Independently: units (end,end), (end,propose), (propose,propose) give α = 4/9.
    expect(expected).toBeCloseTo(4 / 9, 12);
    expect(view.alpha).toBeCloseTo(4 / 9, 12);
    expect(view).toMatchObject({
      redundantTasks: 3,
      annotations: { completed: 6 },
      // Every dialogue ended without a deal: all outcomes agree.
      outcomeAgreement: 1,
    });
    expect(view.workers.map((w) => w.agreement).sort()).toEqual([2 / 3, 2 / 3]);

    const other = await person(['researcher']);
    expect((await other.http.get(`/api/review/rounds/${roundId}/stats`)).status).toBe(404);
    const reviewer = await person(['reviewer']);
    expect((await reviewer.http.get(`/api/review/rounds/${roundId}/stats`)).status).toBe(200);
    // Queue rows name their round, so reviewers pick rounds by name (they cannot list rounds).
    const rows = (
      (await reviewer.http.get(`/api/review/annotations?roundId=${roundId}&pageSize=100`)).body as {
        items: AnnotationSummaryView[];
      }
    ).items;
    expect(rows.map((r) => [r.roundId, r.roundName])).toEqual(
      Array.from({ length: 6 }, () => [roundId, 'agreement round']),
    );
    const worker = await person(['worker']);
    expect((await worker.http.get(`/api/review/rounds/${roundId}/stats`)).status).toBe(403);
  });
});
