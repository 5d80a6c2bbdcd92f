import { describe, expect, it } from 'vitest';
import { FlatAdam } from './adam';
import { deserializePolicy, serializePolicy } from './checkpoint';
import { clonePolicy, createPolicy, disposePolicy } from './policy';
import { defaultPolicyConfig } from './policyConfig';
import { initTensorflow } from './tensorflowBackend';

/**
 * A worker or server makes, loads and copies policies round after round: once disposed, each
 * must leave no tensor behind (a handle left alive keeps its weights' memory with it).
 */
describe('policy memory', () => {
  it('leaves nothing behind a policy made, copied, saved and loaded, once each is disposed', async () => {
    const { tf } = await initTensorflow();
    const before = tf.memory();
    const made = createPolicy(tf, { ...defaultPolicyConfig('dealornodeal', 3), hidden: 16 });
    const weightTensors = tf.memory().numTensors - before.numTensors;
    expect(weightTensors).toBeGreaterThan(0);
    const copy = clonePolicy(made);
    const loaded = deserializePolicy(tf, serializePolicy(made, { createdAt: 'now' })).policy;
    // Each holds exactly its own weights.
    expect(tf.memory().numTensors - before.numTensors).toBe(3 * weightTensors);
    for (const policy of [made, copy, loaded]) {
      disposePolicy(policy);
    }
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
  });

  it("leaves nothing behind Adam's moments once it is disposed", async () => {
    const { tf } = await initTensorflow();
    const weights = [tf.variable(tf.zeros([3, 2])), tf.variable(tf.zeros([4]))];
    const before = tf.memory().numTensors;
    const adam = new FlatAdam(tf, 0.01);
    const gradients = weights.map((w) => tf.onesLike(w));
    adam.apply(weights, gradients, 1);
    gradients.forEach((g) => g.dispose());
    adam.dispose();
    expect(tf.memory().numTensors).toBe(before);
    weights.forEach((w) => w.dispose());
  });
});
