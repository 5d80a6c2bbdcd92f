import { describe, expect, it } from 'vitest';
import { relu } from './relu';
import { initTensorflow } from './tensorflowBackend';

describe('relu with the lighter gradient', () => {
  it("gives tf.relu's values and gradient", async () => {
    const { tf } = await initTensorflow();
    const x = tf.tensor2d([
      [-2, -0.5, 0, 0.5],
      [3, -1, 2, -4],
    ]);
    const weights = tf.tensor2d([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
    ]);
    expect(relu(tf, x).arraySync()).toEqual(tf.relu(x).arraySync());
    const ours = tf.grad((input) => tf.sum(tf.mul(relu(tf, input), weights)))(x);
    const theirs = tf.grad((input) => tf.sum(tf.mul(tf.relu(input), weights)))(x);
    expect(ours.arraySync()).toEqual(theirs.arraySync());
    // From the definition: the weight where x > 0, else 0.
    expect(ours.arraySync()).toEqual([
      [0, 0, 0, 4],
      [5, 0, 7, 0],
    ]);
  });
});
