import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialogueModel, storeDialogueRecord } from '../../platform/dialogues/dialogueModel';
import { prepareDatabase } from '../../platform/database/prepareModels';
import { jobModel } from '../../platform/jobs/jobModel';
import type { JobContext } from '../../platform/jobs/jobRegistry';
import { createLogger } from '../../platform/logger';
import { roundModel } from '../../platform/rounds/roundModel';
import { taskModel } from '../../platform/tasks/taskModel';
import { defaultPipelineSettings } from '../../pipeline/pipelineSettings';
import { rankStage, type RankedDialogue } from '../../pipeline/rankStage';
import { roundWorkDeps, type RoundWorkDeps } from '../../pipeline/roundWork';
import { selfPlayId } from '../../pipeline/selfPlayStage';
import type { DialogueRecord } from '../../shared/corpus/dialogueRecord';
import { generateDialogue } from '../../shared/corpus/generateCorpus';
import { parsePopulation } from '../../shared/corpus/population';
import { getDomain } from '../../shared/domain/domains';
import { openTestDatabase } from '../setup/testDatabase';
import { readRound } from '../support/roundWorkers';
import { saveUntrainedCheckpoints } from '../support/smallCheckpoints';
import { storeRound } from '../support/storedRound';

/**
 * The ranking stage called directly on a stored round and its stored self-play dialogues (no
 * launch, no self-play run): what it plans, the tasks and oracle continuations it makes, where it
 * leaves the round, and that a second attempt changes nothing. rounds/selection.test.ts checks
 * which dialogues a whole round selects and where it cuts them.
 */

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let deps: RoundWorkDeps;
const context: JobContext = { jobId: 'job', attempt: 1, signal: new AbortController().signal };
const versions = { alice: 'r-alice', bob: 'r-bob', expert: 'r-expert' };
const dialogues = 16;

beforeAll(async () => {
  db = await openTestDatabase('rankStage');
  await prepareDatabase(db.connection);
  deps = roundWorkDeps(db.connection, createLogger('silent'), defaultPipelineSettings);
  await saveUntrainedCheckpoints(db.connection, [
    { version: versions.alice, role: 'alice' },
    { version: versions.bob, role: 'bob' },
    { version: versions.expert, role: 'expert' },
  ]);
}, 120_000);
afterAll(async () => {
  await db.drop();
});

/** A round in ranking with its self-play dialogues stored as the self-play stage stores them. */
async function rankingRound(
  fields: { annotate: number; oracleMix: Record<string, number>; redundancy: number },
  pipeline: Record<string, unknown> | null = { versions },
): Promise<string> {
  const roundId = await storeRound(db.connection, 'ranking', pipeline, { seed: 6 });
  // Frozen unless a test says otherwise: a learning round plays its RL-trained Alice.
  await roundModel(db.connection).updateOne(
    { _id: roundId },
    { $set: { aliceLearning: 'frozen', ...fields } },
  );
  const spec = {
    domain: getDomain('dealornodeal'),
    dialogues,
    seed: `rank-${roundId}`,
    population: parsePopulation('boulware:1,conceder:1'),
  };
  for (let i = 0; i < dialogues; i++) {
    const record = {
      ...generateDialogue(spec, i),
      id: selfPlayId(roundId, i),
      source: 'selfplay',
      provenance: { round: roundId },
    } as DialogueRecord;
    await storeDialogueRecord(db.connection, record, { taskId: null, roundId });
  }
  return roundId;
}

describe('the ranking stage', () => {
  it('plans the annotation, makes tasks for the human share and continues the rest by oracle', async () => {
    const roundId = await rankingRound({
      annotate: 6,
      oracleMix: { human: 0.4, simulatedExpert: 0.3, astra: 0.3 },
      redundancy: 3,
    });

    const outcome = await rankStage(deps, roundId, context);

    const round = await readRound(db.connection, roundId);
    expect(round.status).toBe('annotating');
    const ranking = (round.pipeline as { ranking: RankedDialogue[] }).ranking;
    const plan = (round.pipeline as { plan: Record<string, number> }).plan;
    const byOracle = (oracle: string) => ranking.filter((e) => e.oracle === oracle);
    const tasks = await taskModel(db.connection).find({ roundId }).lean();
    const continued = await dialogueModel(db.connection)
      .find({ roundId, source: 'annotation' })
      .lean();

    // Every selected dialogue has an oracle, the human ones a task each with r slots.
    const selected = ranking.filter((e) => e.oracle !== null);
    expect(selected).toHaveLength(6);
    // The seeded draw gives each oracle some (the checks below are not empty).
    expect(['human', 'simulatedExpert', 'astra'].map((o) => byOracle(o).length > 0)).toEqual([
      true,
      true,
      true,
    ]);
    expect(tasks.map((t) => t.source.dialogueId).sort()).toEqual(
      byOracle('human')
        .map((e) => e.dialogueId)
        .sort(),
    );
    for (const task of tasks) {
      const entry = ranking.find((e) => e.dialogueId === task.source.dialogueId);
      expect(task.source.cutAt).toBe(entry?.cutAt);
      // Claimed highest novelty first: the stored novelty is minus the log-probability.
      expect(task.novelty).toBe(-(entry?.novelty ?? Number.NaN));
      expect(task.redundancy).toBe(3);
      expect(task.models).toEqual({ alice: versions.alice, bob: versions.bob });
      expect(task.alice).toMatchObject({ kind: 'policy', name: versions.alice });
    }
    // The oracles' continuations, stored under their parents' ids.
    const expected = [
      ...byOracle('simulatedExpert').map((e) => `${e.dialogueId}-expert`),
      ...byOracle('astra').map((e) => `${e.dialogueId}-astra`),
    ].sort();
    expect(continued.map((d) => d.record.id).sort()).toEqual(expected);
    expect(continued.length).toBeGreaterThan(0);
    for (const stored of continued) {
      expect(stored.record.provenance).toMatchObject({
        round: roundId,
        oracle: stored.record.id.endsWith('-expert') ? 'simulated-expert' : 'astra',
        models: versions,
      });
    }
    expect(plan).toEqual({
      humanTasks: tasks.length,
      oracleAnnotations: continued.length,
      humanSlots: 3 * tasks.length,
    });
    expect(outcome).toEqual({ status: 'done', result: { selected: 6, ...plan } });
    expect(round.progress?.ranking).toEqual({ done: dialogues, total: dialogues });
    expect(round.progress?.annotating).toEqual({
      done: continued.length,
      total: 3 * tasks.length + continued.length,
    });
    const annotatingJobs = await jobModel(db.connection)
      .find({ kind: 'round.annotating', 'payload.roundId': roundId })
      .lean();
    expect(annotatingJobs).toHaveLength(1);

    // A second attempt finds the round moved on and makes nothing again.
    expect(await rankStage(deps, roundId, context)).toEqual({
      status: 'done',
      result: { skipped: 'round is already annotating' },
    });
    expect(await taskModel(db.connection).countDocuments({ roundId })).toBe(tasks.length);
  });

  it('ranks the dialogues most novel first and gives the selected ones to the mix’s only oracle', async () => {
    const roundId = await rankingRound({
      annotate: 2,
      oracleMix: { human: 1, simulatedExpert: 0, astra: 0 },
      redundancy: 1,
    });
    await rankStage(deps, roundId, context);
    const ranking = (
      (await readRound(db.connection, roundId)).pipeline as {
        ranking: RankedDialogue[];
      }
    ).ranking;
    expect(ranking.length).toBeGreaterThan(2);
    expect(ranking.length).toBeLessThanOrEqual(dialogues);
    const scores = ranking.map((e) => e.novelty);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(ranking.filter((e) => e.oracle === 'human')).toHaveLength(2);
    expect(ranking.filter((e) => e.oracle !== 'human' && e.oracle !== null)).toEqual([]);
  });

  it('plays the RL-trained Alice of a learning round in its tasks', async () => {
    const roundId = await rankingRound({
      annotate: 2,
      oracleMix: { human: 1, simulatedExpert: 0, astra: 0 },
      redundancy: 1,
    });
    await roundModel(db.connection).updateOne({ _id: roundId }, { $set: { aliceLearning: 'rl' } });
    // Without the RL-trained Alice the stage cannot play: the frozen starting one is not used.
    await expect(rankStage(deps, roundId, context)).rejects.toThrow(
      `checkpoint ${roundId}-alice-rl is not ready`,
    );
    await saveUntrainedCheckpoints(db.connection, [
      { version: `${roundId}-alice-rl`, role: 'alice' },
    ]);

    await rankStage(deps, roundId, context);

    const tasks = await taskModel(db.connection).find({ roundId }).lean();
    expect(tasks).toHaveLength(2);
    for (const task of tasks) {
      expect(task.models).toEqual({ alice: `${roundId}-alice-rl`, bob: versions.bob });
      expect(task.alice).toMatchObject({ kind: 'policy', name: `${roundId}-alice-rl` });
    }
  });

  it('fails a round whose self-play left no checkpoint versions, saying so', async () => {
    const roundId = await rankingRound(
      { annotate: 2, oracleMix: { human: 1, simulatedExpert: 0, astra: 0 }, redundancy: 1 },
      null,
    );
    expect(await rankStage(deps, roundId, context)).toEqual({
      status: 'failed',
      error: 'the round has no checkpoint versions (self-play did not run)',
    });
    expect((await readRound(db.connection, roundId)).status).toBe('ranking');
  });
});
