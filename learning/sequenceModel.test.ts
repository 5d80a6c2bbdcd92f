import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as tfType from '@tensorflow/tfjs';
import { generateCorpus } from '../shared/corpus/generateCorpus';
import { defaultPopulation, parsePopulation } from '../shared/corpus/population';
import { stateFromRecord } from '../shared/corpus/recordConversion';
import { dealOrNoDeal } from '../shared/domain/dealOrNoDeal';
import { createPolicy } from './policy';
import { defaultPolicyConfig } from './policyConfig';
import {
  actLogits,
  encodeContext,
  gruStep,
  maskedLogit,
  selectionScores,
  type Policy,
} from './policyNetwork';
import { stepKinds, weightNames } from './policyWeights';
import { bothPerspectives, buildSequenceBatch, type SequenceBatch } from './sequenceBatch';
import { sequenceLogProbs } from './sequenceLogProbs';
import { initTensorflow, switchBackend, type TensorflowBackend } from './tensorflowBackend';

type Tensor = tfType.Tensor;
type Tensor2D = tfType.Tensor2D;

/** log-softmax over the allowed entries only (mask 1 = allowed). */
function maskedLogSoftmax(tf: typeof tfType, logits: Tensor2D, mask: Tensor2D): Tensor2D {
  return tf.logSoftmax(tf.add(logits, tf.mul(tf.sub(1, mask), maskedLogit))) as Tensor2D;
}

/**
 * The oracle: the same log-probabilities from the one-step model of live play (`gruStep` and the
 * heads of policyNetwork.ts), step by step, differentiated by TensorFlow.js itself.
 */
function stepByStep(policy: Policy, batch: SequenceBatch): { acts: Tensor; selections: Tensor } {
  const { tf, shapes } = policy;
  const { size: N, steps: S } = batch;
  const V = shapes.vocabularySize;
  const M = batch.candidates;
  const context = encodeContext(policy, tf.tensor2d(batch.features, [N, shapes.features]));
  const column = <T extends Int32Array | Float32Array | Uint8Array>(
    data: T,
    t: number,
    width: number,
  ) => {
    const out: number[] = [];
    for (let n = 0; n < N; n++) {
      out.push(...data.subarray((n * S + t) * width, (n * S + t + 1) * width));
    }
    return out;
  };
  let state: Tensor2D = tf.zeros([N, policy.config.hidden]);
  const acts: Tensor[] = [];
  const states: Tensor2D[] = [];
  for (let t = 0; t < S; t++) {
    // One-hot × embedding: the gather's gradient kernel is missing on WASM.
    const embedded = tf.matMul<Tensor2D>(
      tf.oneHot(tf.tensor1d(column(batch.tokens, t, 1), 'int32'), V + 1).toFloat(),
      policy.weights.embedding,
    );
    const kinds = tf.tensor2d(column(batch.kinds, t, stepKinds), [N, stepKinds]);
    state = gruStep(policy, embedded, kinds, context, state);
    states.push(state);
    const logProbs = maskedLogSoftmax(
      tf,
      actLogits(policy, state),
      tf.tensor2d(Float32Array.from(column(batch.actMasks, t, V)), [N, V]),
    );
    const picked = tf.sum(
      tf.mul(logProbs, tf.oneHot(tf.tensor1d(column(batch.targets, t, 1), 'int32'), V)),
      1,
    );
    const live = Float32Array.from(batch.selectionStep, (step) => (t < step ? 1 : 0));
    acts.push(tf.mul(picked, tf.tensor1d(live)));
  }
  const atSelection = tf.stack(
    Array.from(batch.selectionStep, (step, n) => tf.slice(states[step]!, [n, 0], [1, -1])),
  );
  const selectionLogProbs = maskedLogSoftmax(
    tf,
    selectionScores(
      policy,
      tf.reshape(atSelection, [N, -1]),
      context,
      tf.tensor2d(batch.candidateFeatures, [N * M, shapes.candidateFeatures]),
    ),
    tf.tensor2d(batch.candidateMasks, [N, M]),
  );
  return {
    acts: tf.stack(acts, 1),
    selections: tf.sum(
      tf.mul(selectionLogProbs, tf.oneHot(tf.tensor1d(batch.selectionTargets, 'int32'), M)),
      1,
    ),
  };
}

describe('the teacher-forced pass and its hand-written gradient', () => {
  let defaultBackend: TensorflowBackend;
  beforeAll(async () => {
    ({ backend: defaultBackend } = await initTensorflow());
  });
  afterAll(async () => {
    await switchBackend(defaultBackend);
  });

  // WASM runs the pass op by op; the native engine runs each direction as one traced graph.
  it.for(['wasm', 'tensorflow'] as const)(
    "give the step-by-step model's log-probabilities and gradients on %s",
    async (backend, context) => {
      const { tf } = await initTensorflow();
      if (!(await switchBackend(backend))) {
        context.skip(`backend ${backend} does not start here`);
        return;
      }
      const seed = 'sequence-model';
      console.log(`corpus and weights seed ${seed}`);
      const policy = createPolicy(tf, defaultPolicyConfig('dealornodeal', 7));
      const dialogues = [
        ...generateCorpus({
          domain: dealOrNoDeal,
          dialogues: 12,
          seed,
          population: parsePopulation(defaultPopulation),
        }),
      ].map(stateFromRecord);
      const batch = buildSequenceBatch(dealOrNoDeal, bothPerspectives(dialogues));
      // Padding, selection steps and several lengths: every index path is taken.
      expect(new Set(batch.selectionStep).size).toBeGreaterThan(2);
      // A loss that weighs every output differently, so that each one's gradient matters.
      const actWeights = tf.randomNormal([batch.size, batch.steps], 0, 1, 'float32', 8);
      const selectionWeights = tf.randomNormal([batch.size], 0, 1, 'float32', 9);
      const loss = (f: (p: Policy, b: SequenceBatch) => { acts: Tensor; selections: Tensor }) => {
        const { acts, selections } = f(policy, batch);
        return tf.add<tfType.Scalar>(
          tf.sum(tf.mul(acts, actWeights)),
          tf.sum(tf.mul(selections, selectionWeights)),
        );
      };
      const variables = weightNames.map((name) => policy.weights[name]);
      const ours = tf.variableGrads(() => loss(sequenceLogProbs), variables);
      const oracle = tf.variableGrads(() => loss(stepByStep), variables);
      expect(ours.value.dataSync()[0]!).toBeCloseTo(oracle.value.dataSync()[0]!, 2);
      const outputs = tf.tidy(() => [sequenceLogProbs(policy, batch), stepByStep(policy, batch)]);
      const worst = (a: Tensor, b: Tensor) => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;
      expect(worst(outputs[0]!.acts, outputs[1]!.acts)).toBeLessThan(1e-4);
      expect(worst(outputs[0]!.selections, outputs[1]!.selections)).toBeLessThan(1e-4);
      for (const [i, variable] of variables.entries()) {
        const [mine, theirs] = [ours.grads[variable.name]!, oracle.grads[variable.name]!];
        expect(mine.shape).toEqual(theirs.shape);
        const scale = Math.max(1, tf.max(tf.abs(theirs)).dataSync()[0]!);
        // The gradient reaches every weight.
        expect(tf.max(tf.abs(theirs)).dataSync()[0]!).toBeGreaterThan(0);
        expect(worst(mine, theirs) / scale, weightNames[i]).toBeLessThan(1e-4);
      }
    },
  );

  it('runs as two graphs on the native engine: no per-step kernel reaches JavaScript', async (context) => {
    const { tf } = await initTensorflow();
    if (!(await switchBackend('tensorflow'))) {
      context.skip('the native engine does not start here');
      return;
    }
    const policy = createPolicy(tf, defaultPolicyConfig('dealornodeal', 7));
    const dialogues = [
      ...generateCorpus({
        domain: dealOrNoDeal,
        dialogues: 4,
        seed: 'graphs',
        population: parsePopulation(defaultPopulation),
      }),
    ].map(stateFromRecord);
    const batch = buildSequenceBatch(dealOrNoDeal, bothPerspectives(dialogues));
    const variables = weightNames.map((name) => policy.weights[name]);
    const step = () =>
      tf.tidy(() => {
        const { grads } = tf.variableGrads(
          () => tf.sum<tfType.Scalar>(sequenceLogProbs(policy, batch).acts),
          variables,
        );
        Object.values(grads).forEach((g) => g.dataSync());
      });
    const { kernels } = await tf.profile(step);
    const names = kernels.map((k) => k.name);
    // Op by op, the recurrence alone calls Sigmoid and Tanh once per step each, forwards.
    expect(names.filter((n) => n === 'Sigmoid' || n === 'Tanh' || n === 'BatchMatMul')).toEqual([]);
    expect(names.length).toBeLessThan(80);
  });
});
