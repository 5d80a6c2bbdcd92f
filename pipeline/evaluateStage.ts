import type { JobContext, JobOutcome } from '../platform/jobs/jobRegistry';
import { moveRound } from '../platform/rounds/roundPipeline';
import { getDomain } from '../shared/domain/domains';
import type { RoundResults } from '../shared/protocol/rounds';
import { createRng } from '../shared/random/rng';
import { evaluateAgainst } from '../learning/evaluation';
import { disposePolicy } from '../learning/policy';
import { loadPolicy, pipelineOf, roundInStage, type RoundWorkDeps } from './roundWork';

/**
 * `round.evaluate`: Alice and Bob before and after the round against the simulated expert on
 * held-out contexts (their own seed stream, apart from self-play's), and each new checkpoint
 * against the one the round started from, with common random numbers so the before/after
 * difference is the models'. Fills `results` and moves retraining → evaluated in one
 * compare-and-set; a rerun computes the same numbers.
 */
export async function evaluateStage(
  deps: RoundWorkDeps,
  roundId: string,
  _context: JobContext,
): Promise<JobOutcome> {
  const gate = await roundInStage(deps, roundId, 'retraining');
  if ('outcome' in gate) {
    return gate.outcome;
  }
  const round = gate.round;
  const { versions, bobAfter, trainedOn, plan } = pipelineOf(round);
  if (versions === undefined || bobAfter === undefined || trainedOn === undefined) {
    return { status: 'retry', error: 'Bob is not retrained yet' };
  }
  // Rounds retrained before Alice learned in them have no aliceAfter: she is the one they started with.
  const aliceAfter = pipelineOf(round).aliceAfter ?? versions.alice;
  const domain = getDomain(round.domain);
  const rng = createRng(`${round.seed}/round/evaluation-contexts`);
  const contexts = Array.from({ length: deps.settings.evaluationContexts }, () =>
    domain.sampleContext(rng),
  );
  const options = {
    seed: `${round.seed}/evaluation`,
    temperature: deps.settings.evaluationTemperature,
  };
  const expert = await loadPolicy(deps, versions.expert);
  const aliceBefore = await loadPolicy(deps, versions.alice);
  const aliceAfterPolicy = await loadPolicy(deps, aliceAfter);
  const bobBefore = await loadPolicy(deps, versions.bob);
  const bobAfterPolicy = await loadPolicy(deps, bobAfter);
  let results: RoundResults;
  try {
    const aliceBeforeMetrics = await evaluateAgainst(aliceBefore, expert, contexts, options);
    const aliceAfterMetrics = await evaluateAgainst(aliceAfterPolicy, expert, contexts, options);
    const before = await evaluateAgainst(bobBefore, expert, contexts, options);
    const after = await evaluateAgainst(bobAfterPolicy, expert, contexts, options);
    const versusPrevious = {
      alice: await evaluateAgainst(aliceAfterPolicy, aliceBefore, contexts, options),
      bob: await evaluateAgainst(bobAfterPolicy, bobBefore, contexts, options),
    };
    const completedHuman =
      trainedOn.humanAnnotationIds.length + trainedOn.excludedHumanAnnotationIds.length;
    results = {
      evaluations: [
        { epoch: 0, alice: aliceBeforeMetrics, bob: before, oracleShare: 0 },
        {
          epoch: 1,
          alice: aliceAfterMetrics,
          bob: after,
          oracleShare: trainedOn.oracleActs / Math.max(1, trainedOn.totalActs),
        },
      ],
      versusPrevious,
      checkpoints: { alice: versions.alice, aliceAfter, bobBefore: versions.bob, bobAfter },
      training: {
        previousDialogues: trainedOn.previousDialogues,
        humanAnnotations: trainedOn.humanAnnotationIds.length,
        simulatedExpertAnnotations: trainedOn.simulatedExpertDialogueIds.length,
        astraAnnotations: trainedOn.astraDialogueIds.length,
        excludedHumanAnnotations: trainedOn.excludedHumanAnnotationIds.length,
      },
    };
    deps.log.info({ roundId, completedHuman, plan }, 'round evaluated');
  } finally {
    [expert, aliceBefore, aliceAfterPolicy, bobBefore, bobAfterPolicy].forEach(disposePolicy);
  }
  await moveRound(deps.connection, roundId, 'retraining', 'evaluated', {
    results,
    'progress.retraining.done': 2,
  });
  return { status: 'done', result: { evaluated: true } };
}
