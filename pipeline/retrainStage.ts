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
import { trainSupervised } from '../learning/supervised';
import { corpusStates, trainingDataOf, type TrainingData } from './bootstrap';
import {
  loadPolicy,
  pipelineOf,
  roundInStage,
  type RoundWorkDeps,
  type TrainedOn,
} from './roundWork';

/** The version of Bob a round's retraining produces. */
export const retrainedBobVersion = (roundId: string) => `${roundId}-bob`;

/**
 * `round.retrain`: Bob learns by SL, from his checkpoint, on D ∪ D′ — D as his checkpoint
 * records it (its synthetic corpus and earlier rounds' D′), D′ the oracle continuations plus
 * the completed human annotations that the round's retraining policy admits. The exact ids used
 * are recorded in `round.pipeline.trainedOn`. The new Bob is saved (ready, then current) under
 * a version named by the round, so a rerun after a crash finds it and does not train again.
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
    await deps.store.makeCurrent(version);
    await enqueueRoundJob(deps.connection, 'round.evaluate', roundId);
    return { status: 'done', result: { bobAfter: version, trainedOn: state.trainedOn } };
  }

  const bobDoc = await deps.store.get(versions.bob);
  const previous = trainingDataOf(bobDoc?.training);
  const previousStates = await previousData(deps, round.domain, previous);

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
  const oracleActs = annotations.reduce((sum, d) => {
    const cutAt = (d.record.provenance as { cutAt?: number }).cutAt ?? -1;
    return sum + d.record.turns.slice(cutAt + 1).filter((t) => t.speaker === 1).length;
  }, 0);
  const trainedOn: TrainedOn = {
    previousDialogues: previousStates.length,
    humanAnnotationIds: admitted.map((a) => a._id.toHexString()),
    excludedHumanAnnotationIds: excluded.map((a) => a._id.toHexString()),
    simulatedExpertDialogueIds: expertRecords.map((d) => d._id),
    astraDialogueIds: astraRecords.map((d) => d._id),
    oracleActs,
    totalActs: data.reduce((sum, d) => sum + d.turns.length, 0),
  };

  const bob = await loadPolicy(deps, versions.bob);
  try {
    const optimizer = bob.tf.train.adam(0.003);
    const losses = trainSupervised(
      bob,
      data,
      { epochs: deps.settings.retrainEpochs, seed: `${round.seed}/retrain` },
      optimizer,
    );
    optimizer.dispose();
    const training: TrainingData = {
      corpus: previous.corpus,
      dialogueIds: [...previous.dialogueIds, ...annotations.map((d) => d._id)],
    };
    await deps.store.save(
      {
        version,
        domain: round.domain,
        role: 'bob',
        roundId,
        parent: versions.bob,
        training: { ...training },
        metrics: { loss: losses.at(-1) ?? 0, dialogues: data.length },
      },
      serializePolicy(bob, {
        role: 'round-retrain',
        seed: round.seed,
        createdAt: new Date().toISOString(),
      }),
    );
  } finally {
    disposePolicy(bob);
  }
  await deps.store.makeCurrent(version);
  await enqueueRoundJob(deps.connection, 'round.evaluate', roundId);
  await updateRoundIn(deps.connection, roundId, 'retraining', {
    'pipeline.bobAfter': version,
    'pipeline.trainedOn': trainedOn,
    'progress.retraining.done': 1,
  });
  return { status: 'done', result: { bobAfter: version, trainedOn } };
}

/** D: Bob's corpus (its low-quality part, as the bootstrap trained him) and earlier D′. */
async function previousData(
  deps: RoundWorkDeps,
  domain: DomainId,
  previous: TrainingData,
): Promise<DialogueState[]> {
  const corpus =
    previous.corpus === null ? [] : corpusStates(domain, previous.corpus).filter(isLowQuality);
  const extra =
    previous.dialogueIds.length === 0
      ? []
      : await dialogueModel(deps.connection)
          .find({ _id: { $in: previous.dialogueIds } })
          .lean()
          .exec();
  return [...corpus, ...extra.map((d) => stateFromRecord(d.record))];
}
