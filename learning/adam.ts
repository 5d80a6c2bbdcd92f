import type * as tfType from '@tensorflow/tfjs';

type Tf = typeof tfType;

/**
 * Adam with gradient clipping to a global norm, over all of a policy's weights as one flat
 * vector. The arithmetic is tfjs's `AdamOptimizer` op for op (same defaults, same bias
 * correction, same epsilon), so the weights it produces match `tf.train.adam`'s within float
 * rounding; the point is the kernel count: tfjs updates each of the 13 weights with its own ~15
 * kernels and the clipping adds ~40 more, which on this small model is a sixth of a training
 * step (docs/native-engine.md). Here the whole update is ~50 kernels whatever the weight count.
 */
export class FlatAdam {
  private firstMoment: tfType.Variable | null = null;
  private secondMoment: tfType.Variable | null = null;
  /** β₁ᵗ and β₂ᵗ, kept on the host (they are scalars that every step reads). */
  private beta1Power: number;
  private beta2Power: number;
  private readonly epsilon: number;

  constructor(
    private readonly tf: Tf,
    readonly learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    epsilon?: number,
  ) {
    this.epsilon = epsilon ?? tf.backend().epsilon();
    this.beta1Power = beta1;
    this.beta2Power = beta2;
  }

  /**
   * One step: `gradients[i]` is the gradient of `variables[i]` (same order on every call), or
   * undefined for a weight the loss does not reach (REINFORCE's loss and the selection head):
   * as in tfjs's optimisers, such a weight and its moments are left as they are.
   * Gradients are scaled by clipNorm / ‖g‖ when their global norm ‖g‖ exceeds clipNorm.
   */
  apply(
    variables: readonly tfType.Variable[],
    gradients: readonly (tfType.Tensor | undefined)[],
    clipNorm: number,
  ): void {
    const { tf } = this;
    const sizes = variables.map((v) => v.size);
    const total = sizes.reduce((a, b) => a + b, 0);
    this.firstMoment ??= tf.variable(tf.zeros([total]), false);
    this.secondMoment ??= tf.variable(tf.zeros([total]), false);
    if (this.firstMoment.size !== total) {
      throw new Error(`Adam was built for ${this.firstMoment.size} weights, given ${total}`);
    }
    const [first, second] = [this.firstMoment, this.secondMoment];
    const missing = gradients.some((g) => g === undefined);
    tf.tidy(() => {
      const flat = tf.concat(
        gradients.map((g, i) =>
          g === undefined ? tf.zeros([sizes[i]!]) : g.rank === 1 ? g : tf.reshape(g, [-1]),
        ),
      );
      // clipNorm / max(‖g‖, clipNorm) is exactly 1 when the norm is within the limit.
      const norm = tf.sqrt(tf.sum(tf.square(flat)));
      const gradient = tf.mul(flat, tf.div(clipNorm, tf.maximum(norm, clipNorm)));
      let newFirst = tf.add(tf.mul(first, this.beta1), tf.mul(gradient, 1 - this.beta1));
      let newSecond = tf.add(
        tf.mul(second, this.beta2),
        tf.mul(tf.square(gradient), 1 - this.beta2),
      );
      if (missing) {
        const reached = tf.tensor1d(
          gradients.flatMap((g, i) => new Array<boolean>(sizes[i]!).fill(g !== undefined)),
          'bool',
        );
        newFirst = tf.where(reached, newFirst, first);
        newSecond = tf.where(reached, newSecond, second);
      }
      const correctedFirst = tf.div(newFirst, 1 - this.beta1Power);
      const correctedSecond = tf.div(newSecond, 1 - this.beta2Power);
      first.assign(newFirst);
      second.assign(newSecond);
      const steps = tf.split(
        tf.mul(
          tf.div(correctedFirst, tf.add(tf.sqrt(correctedSecond), this.epsilon)),
          -this.learningRate,
        ),
        sizes,
      );
      // (A reshape is a kernel call on the native engine; vectors need none.)
      variables.forEach((variable, i) => {
        if (gradients[i] === undefined) {
          return;
        }
        const step = variable.rank === 1 ? steps[i]! : tf.reshape(steps[i]!, variable.shape);
        variable.assign(tf.add(step, variable));
      });
    });
    this.beta1Power *= this.beta1;
    this.beta2Power *= this.beta2;
  }

  dispose(): void {
    this.firstMoment?.dispose();
    this.secondMoment?.dispose();
  }
}
