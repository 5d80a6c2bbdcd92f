import { describe, expect, it } from 'vitest';
import type * as tfType from '@tensorflow/tfjs';
import { recurrenceBackward, recurrenceForward } from './gruRecurrence';
import { eagerOps } from './tensorOps';
import { initTensorflow } from './tensorflowBackend';

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

/** The recurrence with its hand-written gradient, run op by op (sequenceModel.ts wires it so). */
function handWritten(tf: typeof tfType, inputs: Tensor[]): Tensor {
  const S = inputs[0]!.shape[0];
  const H = inputs[3]!.shape[1]!;
  const ops = eagerOps(tf);
  const recurrence = tf.customGrad((...args: (Tensor | tfType.GradSaveFunc)[]) => {
    const save = args.at(-1) as tfType.GradSaveFunc;
    const x = args.slice(0, -1) as Tensor[];
    const [states, ...saved] = recurrenceForward(ops, x, S, H);
    save([x[2]!, x[3]!, ...saved]);
    return {
      value: states!,
      gradFunc: (dy: Tensor, kept: Tensor[]) => recurrenceBackward(ops, [dy, ...kept], S, H),
    };
  });
  return recurrence(...inputs);
}

describe('the GRU recurrence with its hand-written gradient', () => {
  it("gives the plain loop's states and gradients", async () => {
    const { tf } = await initTensorflow();
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
    const fused = (...x: Tensor[]) => loss(handWritten(tf, x));
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
  });
});
