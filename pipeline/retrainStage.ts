import { annotationModel } from '../platform/annotation/annotationModel';
import { dialogueModel } from '../platform/dialogues/dialogueModel';
import type { JobContext, JobOutcome } from '../platform/jobs/jobRegistry';
import { enqueueRoundJob, updateRoundIn } from '../platform/rounds/roundPipeline';
import { stateFromRecord } from '../shared/corpus/recordConversion';
import { isLowQuality } from '../shared/corpus/uniqueActs';
import type { DialogueState } from '../shared/dialogue/dialogue';
import type { DomainId } from '../shared/domain/types';
import { trainableUnder } from '../shared/protocol/review';
import { serializePolicy } from '../learning/checkpoint';
import { disposePolicy } from '../learning/policy';
import { oracleActsOf } from '../learning/acquisition/continuation';
import { retrainOnAnnotations } from '../learning/acquisition/retraining';
import { corpusStates, trainingDataOf, type TrainingData } from './bootstrap';
import {
  aliceAfterSelfPlay,
  loadPolicy,
  pipelineOf,
  roundInStage,
  type RoundWorkDeps,
  type TrainedOn,
} from './roundWork';
import { FlatAdam } from '../learning/adam';

/** The version of Bob a round's retraining produces. */
export const retrainedBobVersion = (roundId: string) => `${roundId}-bob`;
/** The version of Alice a first-order round's retraining produces. */
export const retrainedAliceVersion = (roundId: string) => `${roundId}-alice`;

/**
 * `round.retrain`: Bob learns by SL, from his checkpoint, on D ∪ D′ — D as his checkpoint
 * records it (its synthetic corpus and earlier rounds' D′), D′ the oracle continuations plus
 * the completed human annotations that the round's retraining policy admits. The exact ids used
 * are recorded in `round.pipeline.trainedOn`. The new Bob is saved (ready) under a version named
 * by the round, so a rerun after a crash finds it and does not train again. It becomes nobody's
 * default here: the researcher promotes the round's checkpoints once they have seen its evaluation.
 */
export async function retrainStage(
  deps: RoundWorkDeps,
  roundId: string,
  _context: JobContext,
): Promise<JobOutcome> {
  const gate = await roundInStage(deps, roundId, 'retraining');
  if ('outcome' in gate) {
    return gate.outcome;
  }
  const round = gate.round;
  const state = pipelineOf(round);
  const versions = state.versions;
  if (versions === undefined) {
    return { status: 'failed', error: 'the round has no checkpoint versions' };
  }
  const version = retrainedBobVersion(roundId);
  const done = await deps.store.get(version);
  if (done?.status === 'ready' && state.trainedOn !== undefined) {
    await enqueueRoundJob(deps.connection, 'round.evaluate', roundId);
    return { status: 'done', result: { bobAfter: version, trainedOn: state.trainedOn } };
  }

  const bobDoc = await deps.store.get(versions.bob);
  const previous = trainingDataOf(bobDoc?.training);
  const { states: previousStates, annotations: previousAnnotations } = await previousData(
    deps,
    round.domain,
    previous,
  );

  const oracleRecords = await dialogueModel(deps.connection)
    .find({ roundId, source: 'annotation', taskId: null })
    .sort({ _id: 1 })
    .lean()
    .exec();
  const byOracle = (name: string) =>
    oracleRecords.filter((d) => (d.record.provenance as { oracle?: string }).oracle === name);
  const expertRecords = byOracle('simulated-expert');
  const astraRecords = byOracle('astra');

  const completed = await annotationModel(deps.connection)
    .find({ roundId, status: 'completed' })
    .sort({ _id: 1 })
    .lean()
    .exec();
  const admitted = completed.filter((a) =>
    trainableUnder(round.retrainingPolicy, {
      status: a.review.status,
      decidedBy: a.review.decidedBy ?? null,
    }),
  );
  const excluded = completed.filter((a) => !admitted.includes(a));
  const humanRecordIds = admitted.map((a) => `annotation-${a._id.toHexString()}`);
  const humanRecords = await dialogueModel(deps.connection)
    .find({ _id: { $in: humanRecordIds } })
    .lean()
    .exec();
  if (humanRecords.length !== humanRecordIds.length) {
    return { status: 'retry', error: 'some admitted annotations have no dialogue record yet' };
  }

  const annotations = [...expertRecords, ...astraRecords, ...humanRecords];
  const newStates = annotations.map((d) => stateFromRecord(d.record));
  const data = [...previousStates, ...newStates];
  // Oracle acts in all of D ∪ D′: this round's continuations and earlier rounds' in D.
  const oracleActs = oracleActsOf(
    [...previousAnnotations.map((d) => d.state), ...newStates],
    [...previousAnnotations.map((d) => d.cutAt), ...annotations.map((d) => cutAtOf(d.record))],
  );
  const trainedOn: TrainedOn = {
    previousDialogues: previousStates.length,
    humanAnnotationIds: admitted.map((a) => a._id.toHexString()),
    excludedHumanAnnotationIds: excluded.map((a) => a._id.toHexString()),
    simulatedExpertDialogueIds: expertRecords.map((d) => d._id),
    astraDialogueIds: astraRecords.map((d) => d._id),
    oracleActs,
    totalActs: data.reduce((sum, d) => sum + d.turns.length, 0),
  };

  const aliceStart = aliceAfterSelfPlay(round, versions);
  const aliceLearns = round.order === 'first' && newStates.length > 0;
  const aliceAfter = aliceLearns ? retrainedAliceVersion(roundId) : aliceStart;
  const bob = await loadPolicy(deps, versions.bob);
  const alice = aliceLearns ? await loadPolicy(deps, aliceStart) : undefined;
  try {
    const bobOptimizer = new FlatAdam(bob.tf, deps.settings.slLearningRate);
    const aliceOptimizer =
      alice === undefined ? undefined : new FlatAdam(alice.tf, deps.settings.slLearningRate);
    const losses = retrainOnAnnotations(
      { bob, bobOptimizer, alice, aliceOptimizer },
      data,
      newStates,
      {
        order: round.order,
        bobEpochs: deps.settings.retrainEpochs,
        aliceEpochs: deps.settings.retrainEpochs,
        seed: `${round.seed}/retrain`,
      },
    );
    bobOptimizer.dispose();
    aliceOptimizer?.dispose();
    const training: TrainingData = {
      corpus: previous.corpus,
      dialogueIds: [...previous.dialogueIds, ...annotations.map((d) => d._id)],
    };
    const stamp = { seed: round.seed, createdAt: new Date().toISOString() };
    await deps.store.save(
      {
        version,
        domain: round.domain,
        role: 'bob',
        roundId,
        owner: round.owner,
        parent: versions.bob,
        training: { ...training },
        metrics: { loss: losses.bobLoss ?? 0, dialogues: data.length },
      },
      serializePolicy(bob, { role: 'round-retrain', ...stamp }),
    );
    if (alice !== undefined) {
      await deps.store.save(
        {
          version: aliceAfter,
          domain: round.domain,
          role: 'alice',
          roundId,
          owner: round.owner,
          parent: aliceStart,
          metrics: { loss: losses.aliceLoss ?? 0, dialogues: newStates.length },
        },
        serializePolicy(alice, { role: 'round-retrain', ...stamp }),
      );
    }
  } finally {
    disposePolicy(bob);
    if (alice !== undefined) {
      disposePolicy(alice);
    }
  }
  await enqueueRoundJob(deps.connection, 'round.evaluate', roundId);
  await updateRoundIn(deps.connection, roundId, 'retraining', {
    'pipeline.bobAfter': version,
    'pipeline.aliceAfter': aliceAfter,
    'pipeline.trainedOn': trainedOn,
    'progress.retraining.done': 1,
  });
  return { status: 'done', result: { bobAfter: version, trainedOn } };
}

/**
 * D: Bob's corpus (its low-quality part, as the bootstrap trained him) and earlier rounds' D′,
 * with those continuations and their cuts apart (their oracle acts count in the oracle share).
 */
async function previousData(
  deps: RoundWorkDeps,
  domain: DomainId,
  previous: TrainingData,
): Promise<{ states: DialogueState[]; annotations: { state: DialogueState; cutAt: number }[] }> {
  const corpus =
    previous.corpus === null
      ? []
      : corpusStates(domain, previous.corpus).filter((d) => isLowQuality(d));
  const extra =
    previous.dialogueIds.length === 0
      ? []
      : await dialogueModel(deps.connection)
          .find({ _id: { $in: previous.dialogueIds } })
          .lean()
          .exec();
  const annotations = extra.map((d) => ({
    state: stateFromRecord(d.record),
    cutAt: cutAtOf(d.record),
  }));
  return { states: [...corpus, ...annotations.map((a) => a.state)], annotations };
}

/** Where an oracle took over a dialogue record (−1: a record without a cut, all of it D). */
function cutAtOf(record: { provenance?: unknown }): number {
  const cutAt = (record.provenance as { cutAt?: unknown } | undefined)?.cutAt;
  return typeof cutAt === 'number' ? cutAt : -1;
}
