import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as tfType from '@tensorflow/tfjs';
import { gruRecurrence } from './gruRecurrence';
import { initTensorflow, switchBackend, type TensorflowBackend } from './tensorflowBackend';

type Tensor = tfType.Tensor;

/** The plain loop (as `sequenceLogProbs` ran it before), differentiated automatically. */
function plainLoop(tf: typeof tfType, [gi, ci, ug, uc, bc]: Tensor[]): Tensor {
  const [S, N] = gi!.shape as [number, number, number];
  const H = uc!.shape[1]!;
  const gates = tf.unstack(gi!);
  const cands = tf.unstack(ci!);
  let state: Tensor = tf.zeros([N, H]);
  const states: Tensor[] = [];
  for (let t = 0; t < S; t++) {
    const g = tf.sigmoid(
      tf.add(gates[t]!, tf.matMul(state as tfType.Tensor2D, ug as tfType.Tensor2D)),
    );
    const [z, r] = tf.split(g, 2, 1);
    const n = tf.tanh(
      tf.add(
        cands[t]!,
        tf.mul(r!, tf.add(tf.matMul(state as tfType.Tensor2D, uc as tfType.Tensor2D), bc!)),
      ),
    );
    state = tf.add(n, tf.mul(z!, tf.sub(state, n)));
    states.push(state);
  }
  return tf.stack(states);
}

describe('the GRU recurrence with its hand-written gradient', () => {
  let defaultBackend: TensorflowBackend;
  beforeAll(async () => {
    ({ backend: defaultBackend } = await initTensorflow());
  });
  afterAll(async () => {
    await switchBackend(defaultBackend);
  });

  // WASM runs the recurrence op by op; the native engine runs each direction as one traced graph.
  it.for(['wasm', 'tensorflow'] as const)(
    "gives the plain loop's states and gradients on %s",
    async (backend, context) => {
      const { tf } = await initTensorflow();
      if (!(await switchBackend(backend))) {
        context.skip(`backend ${backend} does not start here`);
        return;
      }
      const [S, N, H] = [5, 3, 4];
      const inputs = [
        tf.randomNormal([S, N, 2 * H], 0, 1, 'float32', 1),
        tf.randomNormal([S, N, H], 0, 1, 'float32', 2),
        tf.randomNormal([H, 2 * H], 0, 0.5, 'float32', 3),
        tf.randomNormal([H, H], 0, 0.5, 'float32', 4),
        tf.randomNormal([H], 0, 0.5, 'float32', 5),
      ];
      // A loss that weighs every state differently, so every step's gradient matters.
      const weights = tf.randomNormal([S, N, H], 0, 1, 'float32', 6);
      const loss = (states: Tensor) => tf.sum(tf.mul(states, weights));
      const [gi, ci, ug, uc, bc] = inputs as [
        tfType.Tensor3D,
        tfType.Tensor3D,
        tfType.Tensor2D,
        tfType.Tensor2D,
        tfType.Tensor1D,
      ];
      const fused = (...x: Tensor[]) =>
        loss(
          gruRecurrence(tf, {
            gateInputs: x[0] as tfType.Tensor3D,
            candidateInputs: x[1] as tfType.Tensor3D,
            recurrentGates: x[2] as tfType.Tensor2D,
            recurrentCandidate: x[3] as tfType.Tensor2D,
            candidateB: x[4] as tfType.Tensor1D,
          }),
        );
      const plain = (...x: Tensor[]) => loss(plainLoop(tf, x));
      expect(fused(gi, ci, ug, uc, bc).dataSync()[0]).toBeCloseTo(
        plain(gi, ci, ug, uc, bc).dataSync()[0]!,
        5,
      );
      const fusedGrads = tf.grads(fused)(inputs);
      const plainGrads = tf.grads(plain)(inputs);
      fusedGrads.forEach((g, i) => {
        expect(g.shape).toEqual(plainGrads[i]!.shape);
        const worst = tf.max(tf.abs(tf.sub(g, plainGrads[i]!))).dataSync()[0]!;
        expect(worst).toBeLessThan(1e-5);
      });
    },
  );

  it('runs as graphs on the native engine: no per-step kernel reaches JavaScript', async (context) => {
    const { tf } = await initTensorflow();
    if (!(await switchBackend('tensorflow'))) {
      context.skip('the native engine does not start here');
      return;
    }
    const [S, N, H] = [6, 2, 3];
    const run = () =>
      tf.tidy(() => {
        const gi = tf.randomNormal<tfType.Rank.R3>([S, N, 2 * H], 0, 1, 'float32', 1);
        const ci = tf.randomNormal<tfType.Rank.R3>([S, N, H], 0, 1, 'float32', 2);
        const ug = tf.randomNormal<tfType.Rank.R2>([H, 2 * H], 0, 1, 'float32', 3);
        const uc = tf.randomNormal<tfType.Rank.R2>([H, H], 0, 1, 'float32', 4);
        const bc = tf.randomNormal([H], 0, 1, 'float32', 5);
        const f = (x: Tensor) =>
          tf.sum(
            gruRecurrence(tf, {
              gateInputs: gi,
              candidateInputs: ci,
              recurrentGates: ug,
              recurrentCandidate: uc,
              candidateB: x,
            }),
          );
        tf.grad(f)(bc).dataSync();
      });
    const { kernels } = await tf.profile(run);
    const names = kernels.map((k) => k.name);
    // The op-by-op recurrence calls Sigmoid and Tanh once per step each, forwards.
    expect(names.filter((n) => n === 'Sigmoid' || n === 'Tanh')).toEqual([]);
    expect(names.length).toBeLessThan(40);
  });
});
