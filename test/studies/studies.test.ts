import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskView } from '../../shared/protocol/annotation';
import { entryFromQuery, type StudyView } from '../../shared/protocol/studies';
import { auditModel } from '../../platform/review/auditLog';
import { studyModel, studyParticipantModel } from '../../platform/studies/studyModel';
import { signParticipant } from '../../platform/studies/studyService';
import { demoStudy, demoStudyPath, upgradeDemoStudy } from '../../platform/users/demoAccounts';
import { userModel } from '../../platform/users/userModel';
import {
  connectAnnotate,
  nextEvent,
  request,
  type AnnotateClient,
} from '../support/annotateClient';
import { createTestStudy, signedEntry } from '../support/factories';
import { errorCode, HttpClient } from '../support/httpClient';
import { createTestTasks } from '../support/taskFactory';
import { startTestPlatform, type TestPlatform } from '../support/testServer';
import { signIn, type SignedInPrincipal } from '../security/principals';

let platform: TestPlatform;
let owner: SignedInPrincipal;
let other: SignedInPrincipal;
let admin: SignedInPrincipal;

beforeAll(async () => {
  platform = await startTestPlatform('studies');
  [owner, other, admin] = await Promise.all([
    signIn(platform.db.connection, platform.server.url, 'researcher'),
    signIn(platform.db.connection, platform.server.url, 'researcher'),
    signIn(platform.db.connection, platform.server.url, 'admin'),
  ]);
});
afterAll(async () => {
  await platform.close();
});

const client = () => new HttpClient(platform.server.url);
const enter = (body: unknown) => client().post('/api/study/enter', body);

async function roundOf(by: HttpClient): Promise<string> {
  const created = await by.post('/api/rounds', {
    name: 'study round',
    domain: 'dealornodeal',
    selfPlayDialogues: 10,
    annotate: 5,
    oracleMix: { human: 1, simulatedExpert: 0, astra: 0 },
  });
  expect(created.status).toBe(201);
  return (created.body as { round: { id: string } }).round.id;
}

async function studyOf(
  by: HttpClient,
  fields: Record<string, unknown> = {},
  open = true,
): Promise<StudyView> {
  const created = await by.post('/api/studies', {
    kind: 'annotation',
    name: 'pilot',
    quota: 10,
    tasksPerParticipant: 1,
    completionCode: 'C0MPLETE',
    roundIds: [await roundOf(by)],
    ...fields,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const study = (created.body as { study: StudyView }).study;
  if (!open) {
    return study;
  }
  const opened = await by.post(`/api/studies/${study.id}/open`);
  expect(opened.status).toBe(200);
  return (opened.body as { study: StudyView }).study;
}

const secretOf = (study: StudyView): string => {
  if (study.secret === null) {
    throw new Error('the owner gets the secret');
  }
  return study.secret;
};

const signed = (study: StudyView, participantId: string) =>
  signedEntry({ studyId: study.id, secret: secretOf(study) }, participantId);

async function codesOf(by: HttpClient, studyId: string, count: number): Promise<string[]> {
  const res = await by.post(`/api/studies/${studyId}/codes`, { count });
  expect(res.status).toBe(201);
  return (res.body as { codes: string[] }).codes;
}

async function csv(by: HttpClient, path: string): Promise<string[][]> {
  const res = await fetch(`${platform.server.url}${path}`, {
    headers: { cookie: by.cookie ?? '' },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
  return (await res.text())
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));
}

describe('studies as objects', () => {
  it('creates a draft owned by its researcher, with a server-made id and secret', async () => {
    const study = await studyOf(owner.client, {}, false);
    expect(study).toMatchObject({
      kind: 'annotation',
      status: 'draft',
      ownerId: owner.user?.id,
      quota: 10,
      tasksPerParticipant: 1,
      entered: 0,
      codes: { total: 0, used: 0 },
    });
    expect(study.id).toMatch(/^st-[0-9a-f]{12}$/);
    expect(secretOf(study)).toMatch(/^[0-9a-f]{64}$/);
    const audit = await auditModel(platform.db.connection)
      .find({ targetType: 'study', targetId: study.id })
      .lean();
    expect(audit.map((a) => a.action)).toEqual(['study.create']);
  });

  it('is a 404 for another researcher, like a missing one; admins see it but not its secret', async () => {
    const study = await studyOf(owner.client, {}, false);
    for (const [method, path, body] of [
      ['GET', `/api/studies/${study.id}`, undefined],
      ['PATCH', `/api/studies/${study.id}`, { name: 'mine now' }],
      ['POST', `/api/studies/${study.id}/open`, undefined],
      ['POST', `/api/studies/${study.id}/close`, undefined],
      ['POST', `/api/studies/${study.id}/secret`, undefined],
      ['POST', `/api/studies/${study.id}/codes`, { count: 1 }],
      ['POST', `/api/studies/${study.id}/links`, { participantIds: ['p1'] }],
      ['GET', `/api/studies/${study.id}/codes`, undefined],
      ['GET', `/api/studies/${study.id}/participants`, undefined],
    ] as const) {
      const res = await other.client.request(method, path, { body });
      expect([res.status, errorCode(res.body)], `${method} ${path}`).toEqual([404, 'not_found']);
    }
    const missing = await other.client.get('/api/studies/st-000000000000');
    expect(missing.body).toEqual({
      error: expect.objectContaining({ code: 'not_found' }) as unknown,
    });
    const listed = (await other.client.get('/api/studies')).body as { studies: StudyView[] };
    expect(listed.studies.map((s) => s.id)).not.toContain(study.id);

    const seen = await admin.client.get(`/api/studies/${study.id}`);
    expect(seen.status).toBe(200);
    expect((seen.body as { study: StudyView }).study.secret).toBeNull();
    // The secret's uses are the owner's alone.
    expect((await admin.client.post(`/api/studies/${study.id}/secret`)).status).toBe(404);
  });

  it('binds only rounds the caller may see, and checkpoints that exist', async () => {
    const theirs = await roundOf(other.client);
    const res = await owner.client.post('/api/studies', {
      kind: 'annotation',
      name: 'borrowed',
      quota: 1,
      tasksPerParticipant: 1,
      completionCode: 'XXXX',
      roundIds: [theirs],
    });
    expect([res.status, errorCode(res.body)]).toEqual([404, 'not_found']);
    const evaluation = await owner.client.post('/api/studies', {
      kind: 'evaluation',
      name: 'eval',
      quota: 1,
      tasksPerParticipant: 1,
      completionCode: 'XXXX',
      evaluation: { domain: 'dealornodeal', checkpoints: ['no-such-checkpoint'] },
    });
    expect([evaluation.status, errorCode(evaluation.body)]).toEqual([404, 'not_found']);
    const mixed = await owner.client.post('/api/studies', {
      kind: 'annotation',
      name: 'no rounds',
      quota: 1,
      tasksPerParticipant: 1,
      completionCode: 'XXXX',
      roundIds: [],
    });
    expect([mixed.status, errorCode(mixed.body)]).toEqual([400, 'validation_failed']);
  });

  it('opens, pauses, reopens and closes; a closed study stays closed and unchangeable', async () => {
    const study = await studyOf(owner.client, {}, false);
    const step = async (action: string) =>
      (await owner.client.post(`/api/studies/${study.id}/${action}`)).status;
    expect(await step('pause')).toBe(409);
    expect(await step('open')).toBe(200);
    expect(await step('pause')).toBe(200);
    expect(await step('open')).toBe(200);
    expect(await step('close')).toBe(200);
    expect(await step('open')).toBe(409);
    expect(await step('close')).toBe(409);
    const edit = await owner.client.request('PATCH', `/api/studies/${study.id}`, {
      body: { name: 'late' },
    });
    expect([edit.status, errorCode(edit.body)]).toEqual([409, 'conflict']);
  });

  it('edits fields but never lowers the quota below the participants already in', async () => {
    const study = await studyOf(owner.client, { quota: 3 });
    expect((await enter(signed(study, 'q1'))).status).toBe(200);
    expect((await enter(signed(study, 'q2'))).status).toBe(200);
    const lower = await owner.client.request('PATCH', `/api/studies/${study.id}`, {
      body: { quota: 1 },
    });
    expect([lower.status, errorCode(lower.body)]).toEqual([409, 'conflict']);
    const edited = await owner.client.request('PATCH', `/api/studies/${study.id}`, {
      body: { quota: 2, name: 'renamed', tasksPerParticipant: 3 },
    });
    expect(edited.status).toBe(200);
    expect((edited.body as { study: StudyView }).study).toMatchObject({
      quota: 2,
      name: 'renamed',
      tasksPerParticipant: 3,
      entered: 2,
    });
    expect([(await enter(signed(study, 'q3'))).status]).toEqual([409]);
  });

  it('creates and opens an evaluation study: default questionnaire, one dialogue per agent', async () => {
    const created = await owner.client.post('/api/studies', {
      kind: 'evaluation',
      name: 'agents compared',
      quota: 6,
      tasksPerParticipant: 1,
      completionCode: 'EVAL-1',
      evaluation: { domain: 'dealornodeal', checkpoints: ['astra', 'scripted:boulware'] },
    });
    expect(created.status).toBe(201);
    const study = (created.body as { study: StudyView }).study;
    // The dialogues per participant follow from the agents, whatever was asked.
    expect(study.tasksPerParticipant).toBe(2);
    expect(study.evaluation?.dialoguesPerModel).toBe(1);
    expect(study.evaluation?.questionnaire.map((q) => q.kind)).toContain('open');
    const unknown = await owner.client.post('/api/studies', {
      kind: 'evaluation',
      name: 'bad agent',
      quota: 6,
      tasksPerParticipant: 1,
      completionCode: 'EVAL-1',
      evaluation: { domain: 'dealornodeal', checkpoints: ['scripted:nobody'] },
    });
    expect([unknown.status, errorCode(unknown.body)]).toEqual([400, 'validation_failed']);
    expect(study.evaluation?.listedContexts).toBeNull();
    // A study's own contexts (e.g. a test list) are checked by the domain's rules.
    const withContexts = (utilities: number[]) =>
      owner.client.post('/api/studies', {
        kind: 'evaluation',
        name: 'listed contexts',
        quota: 2,
        tasksPerParticipant: 1,
        completionCode: 'EVAL-1',
        evaluation: {
          domain: 'dealornodeal',
          checkpoints: ['astra'],
          contexts: [{ counts: [1, 2, 3], utilities: [utilities, [0, 2, 2]] }],
        },
      });
    const listed = await withContexts([4, 0, 2]);
    expect((listed.body as { study: StudyView }).study.evaluation?.listedContexts).toBe(1);
    // 9 + 0 + 6 is not the 10 points every DealOrNoDeal side is worth.
    const broken = await withContexts([9, 0, 2]);
    expect([broken.status, errorCode(broken.body)]).toEqual([400, 'validation_failed']);
    const opened = await owner.client.post(`/api/studies/${study.id}/open`);
    expect([opened.status, (opened.body as { study: StudyView }).study.status]).toEqual([
      200,
      'open',
    ]);
  });
});

describe('an evaluation study stored before evaluation studies ran', () => {
  it('reads with the defaults: one dialogue per agent, the default questionnaire', async () => {
    const doc = await createTestStudy(platform.db.connection, {
      status: 'draft',
      owner: owner.user?.id ?? null,
    });
    // As the earlier version stored it: only the domain and the agents.
    await studyModel(platform.db.connection).collection.updateOne(
      { _id: doc.studyId as never },
      {
        $set: {
          kind: 'evaluation',
          roundIds: [],
          evaluation: { domain: 'dealornodeal', checkpoints: ['astra'] },
        },
      },
    );
    const res = await owner.client.get(`/api/studies/${doc.studyId}`);
    expect(res.status).toBe(200);
    const evaluation = (res.body as { study: StudyView }).study.evaluation;
    expect(evaluation?.dialoguesPerModel).toBe(1);
    expect(evaluation?.questionnaire.length).toBeGreaterThan(1);
    expect(evaluation?.listedContexts).toBeNull();
  });
});

describe('verified entry', () => {
  it('admits a valid signature, and the same participant again into the same account', async () => {
    const study = await studyOf(owner.client);
    const first = await enter(signed(study, 'PID-1'));
    expect(first.status).toBe(200);
    expect((first.body as { user: { study: unknown } }).user.study).toEqual({
      studyId: study.id,
      externalWorkerId: 'PID-1',
    });
    const again = await enter(signed(study, 'PID-1'));
    expect((again.body as { user: { id: string } }).user.id).toBe(
      (first.body as { user: { id: string } }).user.id,
    );
    // The quota counts distinct participants: re-entry takes no second place.
    const view = (await owner.client.get(`/api/studies/${study.id}`)).body as { study: StudyView };
    expect(view.study.entered).toBe(1);
  });

  it("refuses forged signatures, another participant's and another study's, writing nothing", async () => {
    const study = await studyOf(owner.client);
    const elsewhere = await studyOf(owner.client);
    const users = userModel(platform.db.connection);
    const before = await users.countDocuments();
    for (const body of [
      { studyId: study.id, participantId: 'mallory', sig: 'f'.repeat(64) },
      { ...signed(study, 'alice'), participantId: 'mallory' },
      { ...signed(elsewhere, 'mallory'), studyId: study.id },
      { studyId: study.id, participantId: 'mallory', sig: signParticipant('guess', 'mallory') },
    ]) {
      const res = await enter(body);
      expect([res.status, errorCode(res.body)], JSON.stringify(body)).toEqual([
        403,
        'entry_unverified',
      ]);
      expect(res.setCookie).toBeNull();
    }
    expect(await users.countDocuments()).toBe(before);
    const missing = await enter({ studyId: study.id, participantId: 'mallory' });
    expect([missing.status, errorCode(missing.body)]).toEqual([400, 'validation_failed']);
  });

  it('stops old links when the secret is rotated', async () => {
    const study = await studyOf(owner.client);
    const old = signed(study, 'rot-1');
    const rotated = await owner.client.post(`/api/studies/${study.id}/secret`);
    const fresh = (rotated.body as { study: StudyView }).study;
    expect(fresh.secret).not.toBe(study.secret);
    expect(errorCode((await enter(old)).body)).toBe('entry_unverified');
    expect((await enter(signed(fresh, 'rot-1'))).status).toBe(200);
  });

  it('admits a one-time code once: a replay, even by its own participant, is refused', async () => {
    const study = await studyOf(owner.client);
    const [code = ''] = await codesOf(owner.client, study.id, 3);
    expect(code).toMatch(/^[A-Z0-9]{12}$/);
    const first = await enter({ studyId: study.id, participantId: 'c1', code: code.toLowerCase() });
    expect(first.status).toBe(200);
    for (const participantId of ['c2', 'c1']) {
      const replay = await enter({ studyId: study.id, participantId, code });
      expect([replay.status, errorCode(replay.body)]).toEqual([409, 'entry_replayed']);
    }
    const unknown = await enter({ studyId: study.id, participantId: 'c3', code: 'ABCDEFGHJKLM' });
    expect([unknown.status, errorCode(unknown.body)]).toEqual([403, 'entry_unverified']);
    // The refusals gave their quota places back.
    const view = (await owner.client.get(`/api/studies/${study.id}`)).body as { study: StudyView };
    expect(view.study).toMatchObject({ entered: 1, codes: { total: 3, used: 1 } });
  });

  it('lets one of many parallel entries with the same code in', async () => {
    const study = await studyOf(owner.client);
    const [code = ''] = await codesOf(owner.client, study.id, 1);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        enter({ studyId: study.id, participantId: `r${i}`, code }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => errorCode(r.body) === 'entry_replayed')).toHaveLength(7);
    const doc = await studyModel(platform.db.connection).findById(study.id).lean();
    expect(doc?.entered).toBe(1);
  });

  it('admits exactly the quota when more participants enter at once', async () => {
    const quota = 4;
    const study = await studyOf(owner.client, { quota });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => enter(signed(study, `crowd-${i}`))),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(quota);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused.map((r) => [r.status, errorCode(r.body)])).toEqual(
      Array(12 - quota).fill([409, 'study_full']),
    );
    expect(
      await studyParticipantModel(platform.db.connection).countDocuments({ studyId: study.id }),
    ).toBe(quota);
    // Those admitted still get back in.
    const admitted = results.findIndex((r) => r.status === 200);
    expect((await enter(signed(study, `crowd-${admitted}`))).status).toBe(200);
  });

  it('refuses paused, closed, draft and missing studies with study_closed', async () => {
    const paused = await studyOf(owner.client);
    expect((await owner.client.post(`/api/studies/${paused.id}/pause`)).status).toBe(200);
    const closed = await studyOf(owner.client);
    expect((await owner.client.post(`/api/studies/${closed.id}/close`)).status).toBe(200);
    const draft = await studyOf(owner.client, {}, false);
    for (const study of [paused, closed, draft]) {
      const res = await enter(signed(study, 'late'));
      expect([res.status, errorCode(res.body)], study.status).toEqual([403, 'study_closed']);
    }
    const pausedRes = await enter(signed(paused, 'late'));
    expect((pausedRes.body as { error: { message: string } }).error.message).toMatch(/paused/);
    const missing = await enter({ ...signed(paused, 'late'), studyId: 'no-such-study' });
    expect(errorCode(missing.body)).toBe('study_closed');
  });

  it("accepts Prolific's and MTurk's link parameters, and refuses an MTurk preview", async () => {
    const study = await studyOf(owner.client);
    const secret = secretOf(study);
    const prolific = entryFromQuery(
      study.id,
      new URLSearchParams({
        PROLIFIC_PID: '5f9a1b2c3d4e5f6a7b8c9d0e',
        STUDY_ID: '6000aaaabbbbccccddddeeee',
        SESSION_ID: 'sess123',
        sig: signParticipant(secret, '5f9a1b2c3d4e5f6a7b8c9d0e'),
      }),
    );
    const mturk = entryFromQuery(
      study.id,
      new URLSearchParams({
        workerId: 'A1B2C3D4E5',
        assignmentId: '3ASSIGN',
        hitId: '3HIT',
        turkSubmitTo: 'https://workersandbox.mturk.com/',
        sig: signParticipant(secret, 'A1B2C3D4E5'),
      }),
    );
    const preview = entryFromQuery(
      study.id,
      new URLSearchParams({ assignmentId: 'ASSIGNMENT_ID_NOT_AVAILABLE', hitId: '3HIT' }),
    );
    expect(preview).toEqual({ ok: false, reason: 'mturk_preview' });
    const bodies = [prolific, mturk].map((link) => {
      if (!link.ok) {
        throw new Error(`not an entry: ${link.reason}`);
      }
      return link.body;
    });
    for (const body of bodies) {
      expect((await enter(body)).status, JSON.stringify(body)).toBe(200);
    }
    const stored = await studyParticipantModel(platform.db.connection)
      .find({ studyId: study.id })
      .sort({ participantId: 1 })
      .lean();
    expect(
      stored.map((p) => [p.participantId, p.platform, p.sessionId, p.assignmentId, p.turkSubmitTo]),
    ).toEqual([
      ['5f9a1b2c3d4e5f6a7b8c9d0e', 'prolific', 'sess123', null, null],
      ['A1B2C3D4E5', 'mturk', null, '3ASSIGN', 'https://workersandbox.mturk.com'],
    ]);
    // Only MTurk's own submit hosts are accepted (no open redirect).
    const evil = await enter({ ...bodies[1], turkSubmitTo: 'https://evil.example' });
    expect([evil.status, errorCode(evil.body)]).toEqual([400, 'validation_failed']);
  });

  it('signs links for known participants (the owner only) that the entry accepts', async () => {
    const study = await studyOf(owner.client);
    const res = await owner.client.post(`/api/studies/${study.id}/links`, {
      participantIds: ['known-1', 'known-2'],
    });
    expect(res.status).toBe(200);
    const links = (res.body as { links: { participantId: string; path: string }[] }).links;
    expect(links.map((l) => l.participantId)).toEqual(['known-1', 'known-2']);
    for (const link of links) {
      const url = new URL(link.path, platform.server.url);
      expect(url.pathname).toBe(`/study/${study.id}`);
      const entry = entryFromQuery(study.id, url.searchParams);
      expect(entry.ok).toBe(true);
      const body = entry.ok ? entry.body : null;
      expect((await enter(body)).status).toBe(200);
    }
  });
});

describe('the demo study of an older database', () => {
  it('gets its secret on start, so the printed signed link works', async () => {
    await studyModel(platform.db.connection).collection.insertOne({
      _id: demoStudy._id as never,
      name: 'Demo study',
      completionCode: 'PARLEY-DEMO',
      open: true,
      createdAt: new Date(),
    });
    expect(await upgradeDemoStudy(platform.db.connection)).toBe(true);
    expect(await upgradeDemoStudy(platform.db.connection)).toBe(false);
    const link = new URL(demoStudyPath('old-db-participant'), platform.server.url);
    const entry = entryFromQuery(demoStudy._id, link.searchParams);
    expect(entry.ok).toBe(true);
    expect((await enter(entry.ok ? entry.body : null)).status).toBe(200);
  });
});

describe('claims of study participants', () => {
  it("take only the study's rounds' tasks, and none while the study is paused", async () => {
    const study = await studyOf(owner.client);
    const otherRound = await roundOf(owner.client);
    await createTestTasks(platform.db.connection, 2, { roundId: otherRound, seed: 41 });
    const http = client();
    expect((await http.post('/api/study/enter', signed(study, 'claimer'))).status).toBe(200);
    const socket = await connectAnnotate(platform.server.url, { cookie: http.cookie });
    try {
      // Only the other round has tasks yet.
      expect(await request(socket, 'task:claim', {})).toEqual({ ok: true, data: null });
      const [own] = await createTestTasks(platform.db.connection, 1, {
        roundId: study.roundIds[0] ?? '',
        seed: 43,
      });
      expect((await owner.client.post(`/api/studies/${study.id}/pause`)).status).toBe(200);
      expect(await request(socket, 'task:claim', {})).toEqual({ ok: true, data: null });
      expect((await owner.client.post(`/api/studies/${study.id}/open`)).status).toBe(200);
      const claim = await request<TaskView | null>(socket, 'task:claim', {});
      expect(claim.ok && claim.data?.taskId).toBe(own?._id.toHexString());
    } finally {
      socket.close();
    }
  });
});

describe('exports', () => {
  it('lists the codes with their entry links and who used them', async () => {
    const study = await studyOf(owner.client);
    const codes = await codesOf(owner.client, study.id, 2);
    expect(
      (await enter({ studyId: study.id, participantId: 'user-a', code: codes[0] })).status,
    ).toBe(200);
    const rows = await csv(owner.client, `/api/studies/${study.id}/codes`);
    expect(rows[0]).toEqual(['code', 'entry_link', 'used_by', 'used_at']);
    // Made at once, codes are listed in code order.
    const used = new Map(rows.slice(1).map((r) => [r[0], r[2]]));
    expect(used).toEqual(
      new Map([
        [codes[0], 'user-a'],
        [codes[1], ''],
      ]),
    );
    const link = rows.find((r) => r[0] === codes[0])?.[1];
    expect(link).toBe(`${platform.server.url}/study/${study.id}?code=${codes[0]}`);
  });

  it("exports each participant's status and time on task for payment", async () => {
    const study = await studyOf(owner.client, { tasksPerParticipant: 1 });
    await createTestTasks(platform.db.connection, 3, {
      redundancy: 3,
      roundId: study.roundIds[0] ?? '',
      seed: 17,
    });
    const sockets: AnnotateClient[] = [];
    try {
      const socketOf = async (participantId: string) => {
        const http = client();
        expect((await http.post('/api/study/enter', signed(study, participantId))).status).toBe(
          200,
        );
        const socket = await connectAnnotate(platform.server.url, { cookie: http.cookie });
        sockets.push(socket);
        return socket;
      };
      // Finishes: ends the dialogue at once and selects "no agreement".
      const finisher = await socketOf('finisher');
      const task = await request<TaskView | null>(finisher, 'task:claim', {});
      const taskId = task.ok && task.data !== null ? task.data.taskId : '';
      expect(task.ok && task.data?.taskId).toBe(taskId);
      expect(
        await request(finisher, 'dialogue:act', { taskId, seq: 1, act: { type: 'end' } }),
      ).toEqual(expect.objectContaining({ ok: true }));
      const ended = nextEvent(finisher, 'task:ended');
      await expect
        .poll(async () => {
          const state = await request<TaskView>(finisher, 'task:resume', { taskId });
          return state.ok ? state.data.phase : 'error';
        })
        .toBe('selecting');
      expect(await request(finisher, 'dialogue:select', { taskId, allocation: null })).toEqual({
        ok: true,
        data: { ended: true },
      });
      expect(await ended).toMatchObject({ completionCode: 'C0MPLETE' });
      // Done: no more tasks for them.
      expect(await request(finisher, 'task:claim', {})).toEqual({ ok: true, data: null });

      // Returns: claims and gives the task up.
      const returner = await socketOf('returner');
      const held = await request<TaskView | null>(returner, 'task:claim', {});
      const heldId = held.ok && held.data !== null ? held.data.taskId : '';
      expect(await request(returner, 'task:abandon', { taskId: heldId })).toEqual(
        expect.objectContaining({ ok: true }),
      );
      // Idle: entered long ago and did nothing since.
      await socketOf('idle');
      await studyParticipantModel(platform.db.connection).updateOne(
        { studyId: study.id, participantId: 'idle' },
        { $set: { lastEntryAt: new Date(Date.now() - 3 * 3_600_000) } },
      );
      // Just arrived.
      await socketOf('fresh');
    } finally {
      for (const socket of sockets) {
        socket.close();
      }
    }
    const rows = await csv(owner.client, `/api/studies/${study.id}/participants`);
    const header = rows[0] ?? [];
    expect(header).toEqual([
      'participant_id',
      'platform',
      'status',
      'tasks_completed',
      'tasks_abandoned',
      'entered_at',
      'last_activity_at',
      'seconds_on_task',
      'session_id',
      'assignment_id',
      'hit_id',
    ]);
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    const column = (id: string, name: string) => byId.get(id)?.[header.indexOf(name)];
    expect(['finisher', 'returner', 'idle', 'fresh'].map((id) => column(id, 'status'))).toEqual([
      'completed',
      'returned',
      'timed_out',
      'in_progress',
    ]);
    expect(column('finisher', 'tasks_completed')).toBe('1');
    expect(column('returner', 'tasks_abandoned')).toBe('1');
    expect(Number(column('finisher', 'seconds_on_task'))).toBeGreaterThanOrEqual(0);
    expect(column('fresh', 'platform')).toBe('direct');
  });
});
