import { performance } from 'node:perf_hooks';
import { generateCorpus } from '../../shared/corpus/generateCorpus';
import { defaultPopulation, parsePopulation } from '../../shared/corpus/population';
import { stateFromRecord } from '../../shared/corpus/recordConversion';
import { isLowQuality } from '../../shared/corpus/uniqueActs';
import { dealOrNoDeal } from '../../shared/domain/dealOrNoDeal';
import { createRng } from '../../shared/random/rng';
import { experimentConfigSchema, experimentPresets } from '../../experiments/experimentConfig';
import { noveltyOf } from '../../learning/novelty';
import { clonePolicy, createPolicy } from '../../learning/policy';
import { defaultPolicyConfig } from '../../learning/policyConfig';
import { reinforceState } from '../../learning/reinforce';
import { plainReward } from '../../learning/reward';
import { selfPlay } from '../../learning/selfPlay';
import { supervisedBatches, supervisedStep } from '../../learning/supervised';
import { bothPerspectives } from '../../learning/sequenceBatch';
import { trainingDefaults } from '../../learning/trainingDefaults';
import { acquisitionEpoch } from '../../learning/acquisition/epoch';
import { scoreDialogues } from '../../learning/teacherForcedScoring';
import { initTensorflow, type TensorflowBackend } from '../../learning/tensorflowBackend';
import type { LearnBenchResult } from './learnBenchResult';
import { FlatAdam } from '../../learning/adam';

export type { LearnBenchResult } from './learnBenchResult';

export { formatLearnBench } from './learnTargets';

const seconds = (since: number) => (performance.now() - since) / 1000;

/**
 * The learning benchmarks of issue 5 on DealOrNoDeal with the default model: batched self-play of
 * 4,096 negotiations (and one-at-a-time for the ratio), novelty scoring of 4,096 dialogues, one SL
 * epoch over 10,000 dialogues, and one full TDA epoch of the `paper` preset.
 */
export async function benchLearn(options: {
  backend?: TensorflowBackend;
  skipTda?: boolean;
  /** Runs of the SL epoch's steps; the median counts (as in the reference). */
  slRepeats?: number;
  log: (m: string) => void;
}): Promise<LearnBenchResult> {
  const { tf, backend } = await initTensorflow(options.backend);
  const slRepeats = options.slRepeats ?? 3;
  const config = defaultPolicyConfig('dealornodeal', 1);
  const corpus = [
    ...generateCorpus({
      domain: dealOrNoDeal,
      dialogues: 10_000,
      seed: 'bench',
      population: parsePopulation(defaultPopulation),
    }),
  ].map(stateFromRecord);
  const policy = createPolicy(tf, config);
  options.log(
    `backend ${backend}; one SL epoch over ${corpus.length} dialogues, its steps run ${slRepeats} times`,
  );
  // Built first, then stepped through, so the model's part can be compared with the reference's,
  // whose batches are made before its clock starts (trainSupervised interleaves the two). Like
  // the reference, the steps run several times over (training on) and the median counts: the
  // first pass also pays the engine's and the JIT's warm-up.
  let start = performance.now();
  const batches = [...supervisedBatches(dealOrNoDeal, bothPerspectives(corpus), createRng('sl/1'))];
  const batchSeconds = seconds(start);
  const optimizer = new FlatAdam(tf, trainingDefaults.slLearningRate);
  const stepRuns: number[] = [];
  for (let run = 0; run < slRepeats; run++) {
    start = performance.now();
    for (const batch of batches) {
      supervisedStep(policy, optimizer, batch);
    }
    stepRuns.push(seconds(start));
  }
  const stepSeconds = [...stepRuns].sort((a, b) => a - b)[Math.floor(slRepeats / 2)]!;
  optimizer.dispose();

  const rng = createRng('bench-contexts');
  const contexts = Array.from({ length: 4096 }, () => dealOrNoDeal.sampleContext(rng));
  await selfPlay([policy, policy], contexts.slice(0, 64), { seed: 'warm-up' });
  options.log('batched self-play of 4,096 negotiations');
  start = performance.now();
  const played = await selfPlay([policy, policy], contexts, { seed: 1 });
  const selfPlaySeconds = seconds(start);
  const unbatchedCount = 100;
  start = performance.now();
  for (let i = 0; i < unbatchedCount; i++) {
    await selfPlay([policy, policy], [contexts[i]!], { seed: i });
  }
  const unbatchedSeconds = seconds(start);

  options.log('novelty scoring of 4,096 dialogues');
  start = performance.now();
  const scores = await scoreDialogues(
    policy,
    played.map((d) => d.state),
    1,
  );
  played.forEach((d, i) => noveltyOf(d.state.turns, scores[i]!, 0));
  const noveltySeconds = seconds(start);

  let acquisition: LearnBenchResult['acquisitionEpoch'] = null;
  if (options.skipTda !== true) {
    const paper = experimentConfigSchema.parse(experimentPresets.paper);
    const alice = clonePolicy(policy);
    const bob = clonePolicy(policy);
    const data = corpus.filter((d) => isLowQuality(d));
    const bobData = data.length;
    options.log(
      `one TDA epoch of the paper preset: N = ${paper.tasksPerEpoch}, k = ${paper.annotatePerEpoch}, Bob retrained on ${bobData} + k dialogues`,
    );
    const taskRng = createRng('bench-tasks');
    start = performance.now();
    const epoch = await acquisitionEpoch(
      {
        alice,
        bob,
        oracle: { policy },
        rl: reinforceState(tf, paper.training.rlLearningRate),
        bobOptimizer: new FlatAdam(tf, paper.training.slLearningRate),
      },
      Array.from({ length: paper.tasksPerEpoch }, () => dealOrNoDeal.sampleContext(taskRng)),
      data,
      {
        seed: 1,
        annotate: paper.annotatePerEpoch,
        metric: 'minLogProb',
        order: 'second',
        bobEpochs: paper.training.bobEpochs,
        reinforce: { reward: plainReward, batchSize: paper.training.rlBatchSize },
      },
    );
    acquisition = {
      tasks: paper.tasksPerEpoch,
      annotated: epoch.annotated.length,
      bobData,
      seconds: seconds(start),
    };
  }
  return {
    backend,
    model: {
      embedding: config.embedding,
      context: config.context,
      hidden: config.hidden,
      selection: config.selection,
    },
    selfPlay: {
      dialogues: contexts.length,
      seconds: selfPlaySeconds,
      perSecond: contexts.length / selfPlaySeconds,
      meanLength: played.reduce((s, d) => s + d.state.turns.length, 0) / played.length,
    },
    unbatched: { dialogues: unbatchedCount, perSecond: unbatchedCount / unbatchedSeconds },
    novelty: { dialogues: played.length, seconds: noveltySeconds },
    supervisedEpoch: {
      dialogues: corpus.length,
      seconds: batchSeconds + stepSeconds,
      batchSeconds,
      stepSeconds,
      stepRuns,
    },
    acquisitionEpoch: acquisition,
  };
}
