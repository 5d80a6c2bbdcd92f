import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as tfType from '@tensorflow/tfjs';
import { FlatAdam } from './adam';
import { initTensorflow, switchBackend, type TensorflowBackend } from './tensorflowBackend';

type Tf = typeof tfType;
let tf: Tf;
let defaultBackend: TensorflowBackend;

beforeAll(async () => {
  ({ tf, backend: defaultBackend } = await initTensorflow());
});
afterAll(async () => {
  await switchBackend(defaultBackend);
});

// The native engine runs the update as one traced graph, WASM op by op: both must be Adam.
const nativeEngineHere = await switchBackend('tensorflow');

/** Three weights of different ranks and a fixed sequence of gradients (seeded; seed printed). */
function setup(seed: number) {
  const weights = [
    tf.variable(tf.randomNormal([3, 4], 0, 1, 'float32', seed)),
    tf.variable(tf.randomNormal([5], 0, 1, 'float32', seed + 1)),
    tf.variable(tf.randomNormal([2, 2], 0, 1, 'float32', seed + 2)),
  ];
  const gradients = (step: number) =>
    weights.map((w, i) => tf.randomNormal(w.shape, 0, 0.1, 'float32', seed * 100 + step * 10 + i));
  return { weights, gradients };
}

const values = (ws: readonly tfType.Variable[]) => ws.flatMap((w) => Array.from(w.dataSync()));

describe.for([
  ['wasm', true],
  ['tensorflow', nativeEngineHere],
] as const)('FlatAdam on %s', ([backend, available]) => {
  beforeAll(async () => {
    await switchBackend(backend);
  });
  if (!available) {
    it('runs where the backend starts', (context) => {
      context.skip(`the ${backend} backend does not start here`);
    });
    return;
  }

  it("takes tfjs's Adam steps when no clipping applies", () => {
    const seed = 11;
    console.log(`FlatAdam test seed ${seed}`);
    const ours = setup(seed);
    const theirs = setup(seed);
    const flat = new FlatAdam(tf, 0.01);
    const reference = tf.train.adam(0.01);
    for (let step = 0; step < 5; step++) {
      flat.apply(ours.weights, ours.gradients(step), 1e6);
      const grads = theirs.gradients(step);
      reference.applyGradients(theirs.weights.map((w, i) => ({ name: w.name, tensor: grads[i]! })));
    }
    const [a, b] = [values(ours.weights), values(theirs.weights)];
    expect(a.length).toBe(12 + 5 + 4);
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 5));
    // The weights did move (five steps of ~0.01 each).
    expect(Math.abs(a[0]! - values(setup(seed).weights)[0]!)).toBeGreaterThan(0.02);
  });

  it('scales the gradients down to the global norm limit when they exceed it', () => {
    const seed = 12;
    console.log(`FlatAdam test seed ${seed}`);
    const ours = setup(seed);
    const clipped = setup(seed);
    const unclipped = setup(seed);
    const flat = new FlatAdam(tf, 0.01);
    const [clippedAdam, unclippedAdam] = [tf.train.adam(0.01), tf.train.adam(0.01)];
    // Gradients of growing size, so that later steps are clipped and the first is not.
    const limit = 0.6;
    let clippedSteps = 0;
    for (let step = 0; step < 4; step++) {
      const grads = ours.gradients(step).map((g) => tf.mul(g, step + 1));
      // The global norm from its definition: every component squared, summed, square-rooted.
      const components = grads.flatMap((g) => Array.from(g.dataSync()));
      const norm = Math.sqrt(components.reduce((sum, x) => sum + x * x, 0));
      const scale = norm > limit ? limit / norm : 1;
      clippedSteps += scale < 1 ? 1 : 0;
      flat.apply(ours.weights, grads, limit);
      const byName = (ws: tfType.Variable[], factor: number) =>
        ws.map((w, i) => ({ name: w.name, tensor: tf.mul(grads[i]!, factor) }));
      clippedAdam.applyGradients(byName(clipped.weights, scale));
      unclippedAdam.applyGradients(byName(unclipped.weights, 1));
    }
    expect(clippedSteps).toBeGreaterThanOrEqual(2);
    const [a, b, c] = [values(ours.weights), values(clipped.weights), values(unclipped.weights)];
    a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 5));
    // Clipping made a difference that the comparison above would see.
    expect(Math.max(...a.map((v, i) => Math.abs(v - c[i]!)))).toBeGreaterThan(1e-4);
  });

  it('leaves a weight without a gradient, and its moments, as they were', () => {
    const seed = 13;
    console.log(`FlatAdam test seed ${seed}`);
    const ours = setup(seed);
    const start = values(ours.weights);
    const flat = new FlatAdam(tf, 0.01);
    // The oracle: Adam from its definition, in doubles, one weight array per variable. The bias
    // correction counts every step (as tfjs's Adam does), reached or not.
    const sizes = ours.weights.map((w) => w.size);
    const offsets = sizes.map((_, i) => sizes.slice(0, i).reduce((a, b) => a + b, 0));
    const w = [...start];
    const m = new Array<number>(w.length).fill(0);
    const v = new Array<number>(w.length).fill(0);
    const [b1, b2, lr, eps] = [0.9, 0.999, 0.01, tf.backend().epsilon()];
    for (let step = 0; step < 4; step++) {
      const g = ours.gradients(step);
      // The middle weight gets a gradient only at steps 0 and 3.
      const given = step === 0 || step === 3 ? g : [g[0]!, undefined, g[2]!];
      flat.apply(ours.weights, given, 1e6);
      given.forEach((gradient, k) => {
        if (gradient === undefined) {
          return;
        }
        Array.from(gradient.dataSync()).forEach((x, j) => {
          const i = offsets[k]! + j;
          m[i] = b1 * m[i]! + (1 - b1) * x;
          v[i] = b2 * v[i]! + (1 - b2) * x * x;
          const mHat = m[i] / (1 - b1 ** (step + 1));
          const vHat = v[i] / (1 - b2 ** (step + 1));
          w[i] = w[i]! - (lr * mHat) / (Math.sqrt(vHat) + eps);
        });
      });
    }
    const got = values(ours.weights);
    got.forEach((x, i) => expect(x).toBeCloseTo(w[i]!, 5));
    // The middle weight did move (at steps 0 and 3).
    const middle = (xs: number[]) => xs.slice(offsets[1], offsets[1]! + sizes[1]!);
    expect(middle(got)).not.toEqual(middle(start));
  });

  it('refuses weights of another size than it was built for', () => {
    const { weights, gradients } = setup(14);
    const flat = new FlatAdam(tf, 0.01);
    flat.apply(weights, gradients(0), 1);
    expect(() => flat.apply(weights.slice(1), gradients(1).slice(1), 1)).toThrow(
      /built for 21 weights, given 9/,
    );
  });
});

describe('FlatAdam as a graph', () => {
  it('takes a step in a few kernel calls on the native engine: one graph', async (context) => {
    if (!(await switchBackend('tensorflow'))) {
      context.skip('the native engine does not start here');
      return;
    }
    const { weights, gradients } = setup(15);
    const flat = new FlatAdam(tf, 0.01);
    const grads = gradients(0);
    const { kernels } = await tf.profile(() => flat.apply(weights, grads, 1));
    // Op by op, a step is ~30 kernels here (~50 for a model's 13 weights).
    expect(kernels.length).toBeLessThan(8);
  });
});
