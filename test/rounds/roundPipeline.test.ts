import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { annotationModel } from '../../platform/annotation/annotationModel';
import type { TaskView } from '../../shared/protocol/annotation';
import {
  connectAnnotate,
  nextEvent,
  request,
  type AnnotateClient,
} from '../support/annotateClient';
import { createCheckpointStore } from '../../platform/checkpoints/checkpointStore';
import { dialogueModel } from '../../platform/dialogues/dialogueModel';
import { jobModel } from '../../platform/jobs/jobModel';
import { taskModel } from '../../platform/tasks/taskModel';
import {
  type NoveltyEntry,
  type RoundCounts,
  type RoundProgressEvent,
  type RoundResults,
  type RoundView,
} from '../../shared/protocol/rounds';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import type { RoundPipelineState } from '../../pipeline/roundWork';
import { readRound, roundRunner, runJobsUntil } from '../support/roundWorkers';
import { startTestPlatform, type TestPlatform } from '../support/testServer';
import { connectRounds, type RoundsClient } from '../support/roundsClient';

let platform: TestPlatform;
let client: HttpClient;
const sockets: AnnotateClient[] = [];
const roundSockets: Socket[] = [];

beforeAll(async () => {
  platform = await startTestPlatform('round_pipeline');
  const user = await createTestUser(platform.db.connection, ['researcher']);
  client = new HttpClient(platform.server.url);
  await client.login(user.username, user.password);
});
afterAll(async () => {
  sockets.forEach((socket) => socket.close());
  roundSockets.forEach((socket) => socket.close());
  await platform.close();
});

async function createRound(body: Record<string, unknown>): Promise<string> {
  const created = await client.post('/api/rounds', {
    name: 'pipeline round',
    domain: 'dealornodeal',
    selfPlayDialogues: 12,
    annotate: 4,
    ...body,
  });
  expect(created.status).toBe(201);
  return (created.body as { round: RoundView }).round.id;
}

describe('the round pipeline with simulated oracles', () => {
  it('runs a round from launch to evaluated through real jobs', async () => {
    const connection = platform.db.connection;
    const roundId = await createRound({
      oracleMix: { human: 0, simulatedExpert: 0.5, astra: 0.5 },
      seed: 7,
    });
    const listener = await roundsSocket(client.cookie);
    const heard: RoundProgressEvent[] = [];
    listener.on('round:progress', (event) => heard.push(event));
    expect((await client.post(`/api/rounds/${roundId}/launch`, {})).status).toBe(200);
    const queued = await jobModel(connection).find({ 'payload.roundId': roundId }).lean();
    expect(queued.map((j) => j.kind)).toEqual(['round.selfplay']);

    const runner = roundRunner(connection, 'test-worker');
    const round = await runJobsUntil(runner, connection, roundId, (r) => r.status === 'evaluated');

    expect(round.progress?.['self-play']).toEqual({ done: 12, total: 12 });
    expect(round.progress?.ranking).toEqual({ done: 12, total: 12 });
    const selfPlay = await dialogueModel(connection).countDocuments({
      roundId,
      source: 'selfplay',
    });
    expect(selfPlay).toBe(12);
    const oracleRecords = await dialogueModel(connection)
      .find({ roundId, source: 'annotation' })
      .lean();
    expect(oracleRecords.length).toBe(4);
    expect(await taskModel(connection).countDocuments({ roundId })).toBe(0);

    const results = round.results as RoundResults;
    expect(results.evaluations.map((e) => e.epoch)).toEqual([0, 1]);
    expect(results.evaluations[1]!.oracleShare).toBeGreaterThan(0);
    expect(results.evaluations[0]!.bob.dialogues).toBe(8);
    expect(results.training.simulatedExpertAnnotations + results.training.astraAnnotations).toBe(4);
    expect(results.training.humanAnnotations).toBe(0);
    expect(results.checkpoints.bobAfter).toBe(`${roundId}-bob`);
    expect(results.checkpoints.bobBefore).toBe('bootstrap-dealornodeal-s7-bob');

    const store = createCheckpointStore(connection);
    expect((await store.get(`${roundId}-bob`))?.status).toBe('ready');
    // Retraining makes the new Bob nobody's default: its owner promotes it after the evaluation.
    expect(await store.currentVersion('dealornodeal', 'bob')).toBe('bootstrap-dealornodeal-s7-bob');
    expect(await store.currentVersion('dealornodeal', 'bob', round.owner)).toBe(
      'bootstrap-dealornodeal-s7-bob',
    );
    expect(await store.currentVersion('dealornodeal', 'expert')).toBe(
      'bootstrap-dealornodeal-s7-expert',
    );
    // Every job of the round ended done; none is left to run.
    const jobs = await jobModel(connection).find({ 'payload.roundId': roundId }).lean();
    expect(jobs.every((j) => j.status === 'done')).toBe(true);
    // Progress written by the worker reaches /rounds (the server polls for changed rounds).
    await vi.waitFor(() => expect(heard.at(-1)?.stage).toBe('evaluated'), {
      timeout: 60_000,
      interval: 50,
    });
    expect(heard[0]).toMatchObject({ roundId, stage: 'self-play', done: 0, total: 12 });
    expect(heard.at(-1)).toMatchObject({ roundId, stage: 'evaluated', done: 0, total: 0 });
    // The last push carries every stage's counters, as the round ends up.
    expect(heard.at(-1)?.progress).toEqual(
      ((await client.get(`/api/rounds/${roundId}`)).body as { round: RoundView }).round.progress,
    );
    // No push repeats the one before it (a state may come back: the bootstrap's activity is
    // set, then cleared, before self-play's counters move).
    const repeats = heard.filter(
      (e, i) => i > 0 && JSON.stringify(e) === JSON.stringify(heard[i - 1]),
    );
    expect(repeats).toEqual([]);
    const view = await client.get(`/api/rounds/${roundId}`);
    expect((view.body as { round: RoundView }).round.results).toEqual(results);
    void readRound;
  }, 120_000);
});

async function roundsSocket(cookie: string | null): Promise<RoundsClient> {
  const socket = await connectRounds(platform.server.url, cookie);
  roundSockets.push(socket);
  return socket;
}

async function workerSocket(): Promise<AnnotateClient> {
  const user = await createTestUser(platform.db.connection, ['worker']);
  const http = new HttpClient(platform.server.url);
  await http.login(user.username, user.password);
  const socket = await connectAnnotate(platform.server.url, { cookie: http.cookie });
  sockets.push(socket);
  return socket;
}

/** A scripted annotator: claims tasks until none is left, ending each at once without a deal. */
async function annotateAll(socket: AnnotateClient): Promise<number> {
  let finished = 0;
  for (;;) {
    const claim = await request<TaskView | null>(socket, 'task:claim', {});
    if (!claim.ok) {
      throw new Error(`claim failed: ${JSON.stringify(claim)}`);
    }
    if (claim.data === null) {
      return finished;
    }
    const taskId = claim.data.taskId;
    const act = await request(socket, 'dialogue:act', { taskId, seq: 1, act: { type: 'end' } });
    expect(act.ok).toBe(true);
    const ended = nextEvent(socket, 'task:ended');
    expect(await request(socket, 'dialogue:select', { taskId, allocation: null })).toEqual({
      ok: true,
      data: { ended: true },
    });
    await ended;
    finished++;
  }
}

describe('the round pipeline with human annotators', () => {
  it('waits for every human annotation and review, then retrains on exactly the accepted ones', async () => {
    const connection = platform.db.connection;
    const roundId = await createRound({
      oracleMix: { human: 1, simulatedExpert: 0, astra: 0 },
      annotate: 3,
      redundancy: 2,
      retrainingPolicy: 'reviewed-accepted',
      seed: 11,
    });
    await client.post(`/api/rounds/${roundId}/launch`, {});
    const runner = roundRunner(connection, 'human-round-worker');
    let round = await runJobsUntil(runner, connection, roundId, (r) => r.status === 'annotating');
    const tasks = await taskModel(connection).find({ roundId }).lean();
    expect(tasks).toHaveLength(3);
    // Annotators meet the Alice that the round's RL self-play trained.
    expect(tasks.map((t) => [t.redundancy, t.models.alice, t.alice])).toEqual(
      tasks.map(() => [2, `${roundId}-alice-rl`, { kind: 'policy', name: `${roundId}-alice-rl` }]),
    );
    expect(round.progress?.annotating).toEqual({ done: 0, total: 6 });
    // Claims take the highest task novelty first: the most novel dialogue (lowest log p).
    const ranking = (round.pipeline as { ranking: { dialogueId: string; novelty: number }[] })
      .ranking;
    for (const task of tasks) {
      const ranked = ranking.find((r) => r.dialogueId === task.source.dialogueId);
      expect(task.novelty).toBe(-(ranked?.novelty ?? NaN));
    }

    // Nothing moves while annotations are missing: the annotating job only re-enqueues itself.
    for (let i = 0; i < 3; i++) {
      await runner.runOnce();
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    expect((await readRound(connection, roundId)).status).toBe('annotating');

    const workers = [await workerSocket(), await workerSocket()];
    const counts = await Promise.all(workers.map(annotateAll));
    expect(counts).toEqual([3, 3]);

    // Bots answer in milliseconds: the quality checks flag every annotation `too_fast`, so all
    // six wait for a reviewer, and retraining waits for them.
    const annotations = await annotationModel(connection).find({ roundId }).sort({ _id: 1 }).lean();
    expect(annotations).toHaveLength(6);
    expect(annotations.every((a) => a.review.status === 'pending')).toBe(true);
    const countsNow = await client.get(`/api/rounds/${roundId}/counts`);
    expect((countsNow.body as { counts: RoundCounts }).counts).toMatchObject({
      tasks: { queued: 0, leased: 0, done: 3, closed: 0 },
      annotations: { active: 0, pending: 6, accepted: 0 },
    });
    const novelty = (
      (await client.get(`/api/rounds/${roundId}/novelty`)).body as { dialogues: NoveltyEntry[] }
    ).dialogues;
    // Every self-play dialogue in which Alice said something is ranked.
    const selfPlayed = await dialogueModel(connection).find({ roundId, source: 'selfplay' }).lean();
    expect(selfPlayed).toHaveLength(12);
    expect(novelty.map((d) => d.dialogueId).sort()).toEqual(
      selfPlayed
        .filter((d) => d.record.turns.some((t) => t.speaker === 0))
        .map((d) => d.record.id)
        .sort(),
    );
    expect(novelty.map((d) => d.rank)).toEqual(novelty.map((_, i) => i + 1));
    expect(novelty.filter((d) => d.oracle === 'human')).toHaveLength(3);
    for (const entry of novelty) {
      expect(entry.turns[entry.cutAt]?.speaker).toBe('alice');
      expect(entry.actNovelty[entry.cutAt]).toBeGreaterThan(0);
      // One sign: higher = more novel. With minLogProb a dialogue's novelty is its largest
      // surprisal, the one of the act it was cut after.
      expect(entry.novelty).toBeCloseTo(entry.actNovelty[entry.cutAt] ?? NaN, 6);
      expect(entry.novelty).toBeCloseTo(
        Math.max(...entry.actNovelty.filter((v): v is number => v !== null)),
        6,
      );
    }
    // Most novel first: the numbers never increase down the list.
    const scores = novelty.map((d) => d.novelty);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // Tasks carry the same number, so the first one claimed is the most novel.
    for (const task of tasks) {
      const entry = novelty.find((d) => d.dialogueId === task.source.dialogueId);
      expect(task.novelty).toBeCloseTo(entry?.novelty ?? NaN, 6);
    }

    const reviewer = await createTestUser(connection, ['reviewer']);
    const reviewing = new HttpClient(platform.server.url);
    await reviewing.login(reviewer.username, reviewer.password);
    const decide = async (i: number, decision: string) => {
      const res = await reviewing.post(
        `/api/review/annotations/${annotations[i]!._id.toHexString()}/decision`,
        { decision, reason: decision === 'accepted' ? '' : 'not a real attempt' },
      );
      expect(res.status).toBe(200);
    };
    await decide(0, 'accepted');
    await decide(1, 'accepted');
    await decide(2, 'rejected');
    await decide(3, 'accepted');
    await decide(4, 'soft-rejected');
    // One annotation still pending: the round keeps waiting.
    for (let i = 0; i < 3; i++) {
      await runner.runOnce();
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    expect((await readRound(connection, roundId)).status).toBe('annotating');
    await decide(5, 'rejected');
    round = await runJobsUntil(runner, connection, roundId, (r) => r.status === 'evaluated');
    const id = (i: number) => annotations[i]!._id.toHexString();
    expect((round.pipeline as RoundPipelineState).trainedOn?.humanAnnotationIds).toEqual([
      id(0),
      id(1),
      id(3),
    ]);
    expect(
      [
        ...((round.pipeline as RoundPipelineState).trainedOn?.excludedHumanAnnotationIds ?? []),
      ].sort(),
    ).toEqual([id(2), id(4), id(5)].sort());
    expect(round.progress?.annotating).toEqual({ done: 6, total: 6 });
    const results = round.results as RoundResults;
    expect(results.training).toMatchObject({
      humanAnnotations: 3,
      excludedHumanAnnotations: 3,
      simulatedExpertAnnotations: 0,
      astraAnnotations: 0,
    });
  }, 120_000);
});
