import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskEndedEvent, TaskView } from '../../shared/protocol/annotation';
import type { EvaluationResultsView, RateAckData } from '../../shared/protocol/evaluation';
import type { StudyView } from '../../shared/protocol/studies';
import { createRng } from '../../shared/random/rng';
import { studyParticipantModel } from '../../platform/studies/studyModel';
import { taskModel, type Task } from '../../platform/tasks/taskModel';
import { propertySeed } from '../setup/propertySeed';
import { connectAnnotate, request, type AnnotateClient } from '../support/annotateClient';
import { defaultAnswers, negotiate, okData } from '../support/evaluationParticipant';
import { signedEntry } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { startTestPlatform, type TestPlatform } from '../support/testServer';
import { signIn, type SignedInPrincipal } from '../security/principals';

/**
 * A whole evaluation study (docs/studies.md §7) run by simulated participants over real
 * Socket.IO clients against the real embedded database: three agents, six participants (two
 * full Latin squares), each negotiating with every agent in Bob's seat and rating it after.
 */

const agents = ['astra', 'scripted:boulware', 'scripted:fair'];
const participants = 6;
const seed = propertySeed();
console.log(`[evaluation study] participants' choices from seed ${seed} (PARLEY_PROPERTY_SEED)`);

let platform: TestPlatform;
let owner: SignedInPrincipal;
const sockets: AnnotateClient[] = [];

beforeAll(async () => {
  platform = await startTestPlatform('evaluation-study');
  owner = await signIn(platform.db.connection, platform.server.url, 'researcher');
});
afterAll(async () => {
  for (const socket of sockets) {
    socket.close();
  }
  await platform.close();
});

/** What a simulated participant did in one dialogue, as the participant saw it. */
interface Played {
  participantId: string;
  taskId: string;
  partner: string;
  ended: TaskEndedEvent;
  answers: Record<string, number | string>;
}

async function runParticipant(study: StudyView, index: number): Promise<Played[]> {
  const participantId = `P${index}`;
  const rng = createRng(`${seed}:${participantId}`);
  const http = new HttpClient(platform.server.url);
  const entry = await http.post(
    '/api/study/enter',
    signedEntry({ studyId: study.id, secret: study.secret ?? '' }, participantId),
  );
  expect(entry.status).toBe(200);
  const socket = await connectAnnotate(platform.server.url, { cookie: http.cookie });
  sockets.push(socket);
  const played: Played[] = [];
  for (;;) {
    const view = okData(await request<TaskView | null>(socket, 'task:claim', {}), 'claim');
    if (view === null) {
      break;
    }
    // Blind: the participant sees "Partner n", never the agent.
    expect(view.aliceAgent).toEqual({
      kind: 'hidden',
      name: `Partner ${played.length + 1}`,
      label: `Partner ${played.length + 1}`,
    });
    expect(JSON.stringify(view)).not.toMatch(/astra|boulware|scripted/);
    expect(view.evaluation).toMatchObject({ position: played.length, of: agents.length });
    expect(view.history.length).toBeLessThanOrEqual(1);
    // Unaided: no ASTRA suggestions in an evaluation.
    const aid = await request(socket, 'astra:suggest', { taskId: view.taskId });
    expect(aid.ok ? 'suggested' : aid.error.code).toBe('conflict');
    const ended = await negotiate(socket, view, rng);
    // Not done before the questionnaire: no code yet, and no next dialogue either.
    expect(ended.completionCode).toBeUndefined();
    const early = await request(socket, 'task:claim', {});
    expect(early.ok ? 'claimed' : early.error.code).toBe('questionnaire_pending');
    const answers = defaultAnswers(rng, `from ${participantId}`);
    const rated = okData(
      await request<RateAckData>(socket, 'evaluation:rate', { taskId: view.taskId, answers }),
      'rate',
    );
    expect(rated.remaining).toBe(agents.length - played.length - 1);
    expect(rated.completionCode).toBe(
      played.length + 1 === agents.length ? 'EVAL-DONE' : undefined,
    );
    // Once only.
    const again = await request(socket, 'evaluation:rate', { taskId: view.taskId, answers });
    expect(again.ok ? 'stored twice' : again.error.code).toBe('conflict');
    played.push({
      participantId,
      taskId: view.taskId,
      partner: view.aliceAgent.label,
      ended,
      answers,
    });
  }
  return played;
}

/** Mean and 95 % CI half-width by hand: t(0.975, 5) = 2.571 for six values. */
function byHand(values: number[]) {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const t = { 6: 2.571 }[n];
  return { mean, ci95: t === undefined ? Number.NaN : (t * sd) / Math.sqrt(n), n };
}

describe('an evaluation study run by simulated participants', () => {
  it('counterbalances the agents, stores every rating, and reports what the dialogues say', async () => {
    const created = await owner.client.post('/api/studies', {
      kind: 'evaluation',
      name: 'three agents',
      quota: participants,
      tasksPerParticipant: 1,
      completionCode: 'EVAL-DONE',
      evaluation: { domain: 'dealornodeal', checkpoints: agents },
    });
    expect(created.status).toBe(201);
    const opened = await owner.client.post(
      `/api/studies/${(created.body as { study: StudyView }).study.id}/open`,
    );
    expect(opened.status).toBe(200);
    const study = (opened.body as { study: StudyView }).study;

    // All at once: seats (the Latin square's rows) are handed out by one atomic counter.
    const runs = await Promise.all(
      Array.from({ length: participants }, (_, i) => runParticipant(study, i)),
    );
    const played = runs.flat();
    expect(runs.map((r) => r.length)).toEqual(Array.from({ length: participants }, () => 3));

    // Counterbalancing, from the stored tasks: participant with seat s met agent (s + q) mod 3
    // at position q, and over the six seats every agent was at every position twice.
    const db = platform.db.connection;
    const seats = await studyParticipantModel(db).find({ studyId: study.id }).lean().exec();
    expect(seats.map((p) => p.evaluationIndex).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const tasks = await taskModel(db)
      .find({ 'evaluation.studyId': study.id })
      .lean<Task[]>()
      .exec();
    expect(tasks).toHaveLength(participants * agents.length);
    const atPosition = agents.map(() => new Map<string, number>());
    for (const task of tasks) {
      const seat = seats.find((p) => p.participantId === task.evaluation?.participantId);
      const position = task.evaluation?.position ?? -1;
      expect(task.evaluation?.agent).toBe(
        agents[((seat?.evaluationIndex ?? 0) + position) % agents.length],
      );
      const counts = atPosition[position];
      const agent = task.evaluation?.agent ?? '';
      counts?.set(agent, (counts.get(agent) ?? 0) + 1);
    }
    for (const counts of atPosition) {
      expect(Object.fromEntries(counts)).toEqual({
        astra: 2,
        'scripted:boulware': 2,
        'scripted:fair': 2,
      });
    }

    // The results page against what the participants saw (scores from task:ended, their own
    // answers), grouped by the stored task's agent.
    const agentOf = new Map(tasks.map((t) => [t._id.toHexString(), t.evaluation?.agent ?? '']));
    const res = await owner.client.get(`/api/studies/${study.id}/results`);
    expect(res.status).toBe(200);
    const results = (res.body as { results: EvaluationResultsView }).results;
    expect(results.participants).toBe(participants);
    expect(results.agents.map((a) => a.agent)).toEqual(agents);
    for (const result of results.agents) {
      const mine = played.filter((p) => agentOf.get(p.taskId) === result.agent);
      expect(mine).toHaveLength(participants);
      const advantage = byHand(mine.map((p) => p.ended.scores.alice - p.ended.scores.bob));
      expect(result.advantage?.n).toBe(advantage.n);
      expect(result.advantage?.mean).toBeCloseTo(advantage.mean, 9);
      expect(result.advantage?.ci95 ?? Number.NaN).toBeCloseTo(advantage.ci95, 9);
      expect(result.agreement?.mean).toBeCloseTo(
        mine.filter((p) => p.ended.outcome.agreed).length / mine.length,
        9,
      );
      expect(result.agentScore?.mean).toBeCloseTo(
        byHand(mine.map((p) => p.ended.scores.alice)).mean,
        9,
      );
      const deals = mine.filter((p) => p.ended.outcome.agreed);
      expect(result.paretoOptimal?.n ?? 0).toBe(deals.length);
      for (const question of [
        'advantage',
        'fairness',
        'pareto',
        'novelty',
        'humanlike',
        'quality',
      ]) {
        const expected = byHand(mine.map((p) => Number(p.answers[question])));
        expect(result.ratings[question]?.mean).toBeCloseTo(expected.mean, 9);
        expect(result.ratings[question]?.ci95 ?? Number.NaN).toBeCloseTo(expected.ci95, 9);
        expect(result.ratings[question]?.n).toBe(participants);
      }
    }

    // Exports: one line per dialogue (JSONL), and a header plus one line per dialogue (CSV).
    const jsonl = await owner.client.raw('GET', `/api/studies/${study.id}/dialogues`);
    expect(jsonl.status).toBe(200);
    const lines = jsonl.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { taskId: string });
    expect(lines.map((l) => l.taskId).sort()).toEqual(played.map((p) => p.taskId).sort());
    const csv = await owner.client.raw('GET', `/api/studies/${study.id}/dialogues?format=csv`);
    expect(csv.text.trim().split('\r\n')).toHaveLength(1 + played.length);
    expect(csv.text.split('\r\n')[0]).toContain('q_quality');

    // Payment: everyone who rated every dialogue is completed.
    const participantsCsv = await owner.client.raw('GET', `/api/studies/${study.id}/participants`);
    const states = participantsCsv.text
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[2]);
    expect(states).toEqual(Array.from({ length: participants }, () => 'completed'));
  });

  it("refuses to rate another participant's dialogue, like a missing one", async () => {
    const other = await taskModel(platform.db.connection)
      .findOne({ evaluation: { $ne: null } })
      .lean<Task>()
      .exec();
    const worker = await signIn(platform.db.connection, platform.server.url, 'worker');
    const socket = await connectAnnotate(platform.server.url, { cookie: worker.client.cookie });
    sockets.push(socket);
    const taskId = other?._id.toHexString() ?? 'f'.repeat(24);
    const theirs = await request(socket, 'evaluation:rate', { taskId, answers: { quality: 3 } });
    const missing = await request(socket, 'evaluation:rate', {
      taskId: 'f'.repeat(24),
      answers: { quality: 3 },
    });
    expect([theirs.ok, theirs.ok ? '' : theirs.error.code]).toEqual([false, 'not_found']);
    expect(missing.ok ? '' : missing.error.code).toBe('not_found');
  });
});
