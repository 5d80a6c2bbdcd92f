import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../platform/database/prepareModels';
import type { JobContext } from '../../platform/jobs/jobRegistry';
import { createLogger } from '../../platform/logger';
import { evaluateStage } from '../../pipeline/evaluateStage';
import { defaultPipelineSettings } from '../../pipeline/pipelineSettings';
import { loadPolicy, roundWorkDeps, type RoundWorkDeps } from '../../pipeline/roundWork';
import { dealOrNoDeal } from '../../shared/domain/dealOrNoDeal';
import type { RoundResults } from '../../shared/protocol/rounds';
import { createRng } from '../../shared/random/rng';
import { evaluateAgainst } from '../../learning/evaluation';
import { disposePolicy } from '../../learning/policy';
import { initTensorflow } from '../../learning/tensorflowBackend';
import { openTestDatabase } from '../setup/testDatabase';
import { readRound } from '../support/roundWorkers';
import { saveUntrainedCheckpoints } from '../support/smallCheckpoints';
import { storeRound } from '../support/storedRound';

/**
 * The evaluation stage called directly on a stored round in retraining, with five distinct small
 * checkpoints (untrained, each from its own seed) so that every before/after and every seat can
 * be told apart: which checkpoint is measured against which, on which contexts, and what the
 * round's results record of its training.
 */

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let deps: RoundWorkDeps;
const contextsPerEvaluation = 4;
const temperature = 0.5;
const context: JobContext = { jobId: 'job', attempt: 1, signal: new AbortController().signal };
const versions = { alice: 'e-alice', bob: 'e-bob', expert: 'e-expert' };
const after = { alice: 'e-alice-after', bob: 'e-bob-after' };
const trainedOn = {
  previousDialogues: 40,
  humanAnnotationIds: ['h1', 'h2', 'h3'],
  excludedHumanAnnotationIds: ['x1'],
  simulatedExpertDialogueIds: ['s1', 's2'],
  astraDialogueIds: ['a1', 'a2', 'a3', 'a4', 'a5'],
  oracleActs: 6,
  totalActs: 24,
};

beforeAll(async () => {
  db = await openTestDatabase('evaluateStage');
  await prepareDatabase(db.connection);
  deps = roundWorkDeps(db.connection, createLogger('silent'), {
    ...defaultPipelineSettings,
    evaluationContexts: contextsPerEvaluation,
    evaluationTemperature: temperature,
  });
  await saveUntrainedCheckpoints(db.connection, [
    { version: versions.alice, role: 'alice' },
    { version: versions.bob, role: 'bob' },
    { version: versions.expert, role: 'expert' },
    { version: after.alice, role: 'alice' },
    { version: after.bob, role: 'bob' },
  ]);
}, 120_000);
afterAll(async () => {
  await db.drop();
});

/** One evaluation recomputed from its definition: `agent` in seat 0 against `partner`. */
async function evaluation(agent: string, partner: string, seed: number) {
  const rng = createRng(`${seed}/round/evaluation-contexts`);
  const contexts = Array.from({ length: contextsPerEvaluation }, () =>
    dealOrNoDeal.sampleContext(rng),
  );
  const [a, b] = [await loadPolicy(deps, agent), await loadPolicy(deps, partner)];
  try {
    return await evaluateAgainst(a, b, contexts, { seed: `${seed}/evaluation`, temperature });
  } finally {
    disposePolicy(a);
    disposePolicy(b);
  }
}

describe('the evaluation stage', () => {
  it('measures each checkpoint before and after against the expert and its predecessor, and records the training', async () => {
    const seed = 17;
    const roundId = await storeRound(
      db.connection,
      'retraining',
      { versions, aliceAfter: after.alice, bobAfter: after.bob, trainedOn },
      { seed },
    );

    const { tf } = await initTensorflow();
    const tensorsBefore = tf.memory().numTensors;
    expect(await evaluateStage(deps, roundId, context)).toEqual({
      status: 'done',
      result: { evaluated: true },
    });
    // The five policies it loaded are freed: a worker evaluates round after round.
    expect(tf.memory().numTensors).toBe(tensorsBefore);

    const round = await readRound(db.connection, roundId);
    expect(round.status).toBe('evaluated');
    expect(round.progress?.retraining?.done).toBe(2);
    const results = round.results as RoundResults;
    expect(results.evaluations).toEqual([
      {
        epoch: 0,
        alice: await evaluation(versions.alice, versions.expert, seed),
        bob: await evaluation(versions.bob, versions.expert, seed),
        oracleShare: 0,
      },
      {
        epoch: 1,
        alice: await evaluation(after.alice, versions.expert, seed),
        bob: await evaluation(after.bob, versions.expert, seed),
        oracleShare: 6 / 24,
      },
    ]);
    expect(results.versusPrevious).toEqual({
      alice: await evaluation(after.alice, versions.alice, seed),
      bob: await evaluation(after.bob, versions.bob, seed),
    });
    expect(results.checkpoints).toEqual({
      alice: versions.alice,
      aliceAfter: after.alice,
      bobBefore: versions.bob,
      bobAfter: after.bob,
    });
    expect(results.training).toEqual({
      previousDialogues: 40,
      humanAnnotations: 3,
      simulatedExpertAnnotations: 2,
      astraAnnotations: 5,
      excludedHumanAnnotations: 1,
    });
    // The numbers differ between checkpoints: the comparisons above could tell them apart.
    const aliceNumbers = results.evaluations.map((e) => JSON.stringify(e.alice));
    expect(new Set(aliceNumbers).size).toBe(2);
  });

  it('takes the Alice a round started from when none was retrained, and a share of 0 acts as 0', async () => {
    const seed = 18;
    const roundId = await storeRound(
      db.connection,
      'retraining',
      { versions, bobAfter: after.bob, trainedOn: { ...trainedOn, oracleActs: 0, totalActs: 0 } },
      { seed },
    );

    await evaluateStage(deps, roundId, context);

    const results = (await readRound(db.connection, roundId)).results as RoundResults;
    expect(results.checkpoints.aliceAfter).toBe(versions.alice);
    expect(results.evaluations[1]?.alice).toEqual(
      await evaluation(versions.alice, versions.expert, seed),
    );
    expect(results.evaluations[1]?.oracleShare).toBe(0);
  });

  it('retries while Bob is not retrained yet, and writes nothing', async () => {
    for (const pipeline of [
      { versions, trainedOn },
      { versions, bobAfter: after.bob },
      { bobAfter: after.bob, trainedOn },
    ]) {
      const roundId = await storeRound(db.connection, 'retraining', pipeline);
      expect(await evaluateStage(deps, roundId, context)).toEqual({
        status: 'retry',
        error: 'Bob is not retrained yet',
      });
      const round = await readRound(db.connection, roundId);
      expect(round.status).toBe('retraining');
      expect(round.results).toBeNull();
    }
  });

  it('leaves a round that moved on alone', async () => {
    const roundId = await storeRound(db.connection, 'paused', {
      versions,
      bobAfter: after.bob,
      trainedOn,
    });
    expect(await evaluateStage(deps, roundId, context)).toEqual({
      status: 'done',
      result: { stopped: 'paused' },
    });
    expect((await readRound(db.connection, roundId)).results).toBeNull();
  });
});
