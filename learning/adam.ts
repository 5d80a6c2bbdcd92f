import type * as tfType from '@tensorflow/tfjs';
import { GraphBuilder } from './nativeGraph/graphBuilder';
import { graphsRunHere, loadGraph, type GraphSession } from './nativeGraph/graphSession';
import { variableFrom } from './policyWeights';
import { eagerOps, type TensorOps } from './tensorOps';

type Tf = typeof tfType;

/**
 * Adam with gradient clipping to a global norm, over all of a policy's weights as one flat
 * vector. The arithmetic is tfjs's `AdamOptimizer` op for op (same defaults, same bias
 * correction, same epsilon), so the weights it produces match `tf.train.adam`'s within float
 * rounding; the point is the kernel count: tfjs updates each of the 13 weights with its own ~15
 * kernels and the clipping adds ~40 more, which on this small model is a sixth of a training
 * step (docs/native-engine.md). Here the whole update is ~50 kernels whatever the weight count,
 * and on the native engine one traced graph, run in one call.
 */
export class FlatAdam {
  private firstMoment: tfType.Variable | null = null;
  private secondMoment: tfType.Variable | null = null;
  /** β₁ᵗ and β₂ᵗ, kept on the host (they are scalars that every step reads). */
  private beta1Power: number;
  private beta2Power: number;
  private readonly epsilon: number;
  private readonly graphs = new Map<string, GraphSession>();

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
    const total = variables.reduce((sum, v) => sum + v.size, 0);
    this.firstMoment ??= variableFrom(tf, tf.zeros([total]), false);
    this.secondMoment ??= variableFrom(tf, tf.zeros([total]), false);
    if (this.firstMoment.size !== total) {
      throw new Error(`Adam was built for ${this.firstMoment.size} weights, given ${total}`);
    }
    const [first, second] = [this.firstMoment, this.secondMoment];
    const reached = gradients.map((g) => g !== undefined);
    const setting: AdamSetting = {
      shapes: variables.map((v) => v.shape),
      reached,
      clipNorm,
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
    };
    tf.tidy(() => {
      const inputs = [
        ...gradients.map((g, i) => g ?? tf.zeros(variables[i]!.shape)),
        ...variables,
        first,
        second,
        tf.scalar(1 - this.beta1Power),
        tf.scalar(1 - this.beta2Power),
      ];
      const [newFirst, newSecond, ...newVariables] = graphsRunHere(tf)
        ? this.graphFor(setting).run(inputs)
        : adamUpdate(eagerOps(tf), setting, inputs);
      first.assign(newFirst!);
      second.assign(newSecond!);
      variables.forEach((variable, i) => {
        if (reached[i]) {
          variable.assign(newVariables[i]!);
        }
      });
    });
    this.beta1Power *= this.beta1;
    this.beta2Power *= this.beta2;
  }

  /** The update traced as a graph for the native engine, once per setting. */
  private graphFor(setting: AdamSetting): GraphSession {
    const key = JSON.stringify(setting);
    let session = this.graphs.get(key);
    if (session === undefined) {
      const graph = new GraphBuilder();
      const inputs = Array.from({ length: 2 * setting.shapes.length + 4 }, () => graph.input());
      session = loadGraph(this.tf, graph, adamUpdate(graph, setting, inputs));
      this.graphs.set(key, session);
    }
    return session;
  }

  dispose(): void {
    this.firstMoment?.dispose();
    this.secondMoment?.dispose();
  }
}

/** What fixes an update's arithmetic (a graph is traced once per setting). */
interface AdamSetting {
  shapes: number[][];
  /** Whether each weight has a gradient (a weight without one keeps its value and moments). */
  reached: boolean[];
  clipNorm: number;
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/**
 * One Adam step over all weights as one vector. Inputs: the gradients (a zero tensor for a weight
 * without one), the weights, the two moments, then 1 − β₁ᵗ and 1 − β₂ᵗ. Returns the new moments,
 * then every weight's new value (callers keep the old one where `reached` is false).
 */
function adamUpdate<V>(ops: TensorOps<V>, setting: AdamSetting, inputs: V[]): V[] {
  const { shapes, reached, clipNorm, learningRate, beta1, beta2, epsilon } = setting;
  const count = shapes.length;
  const gradients = inputs.slice(0, count);
  const variables = inputs.slice(count, 2 * count);
  const [first, second, firstCorrection, secondCorrection] = inputs.slice(2 * count) as [
    V,
    V,
    V,
    V,
  ];
  const sizes = shapes.map((shape) => shape.reduce((a, b) => a * b, 1));
  // (A reshape is a kernel call on the native engine's eager path; vectors need none.)
  const flat = ops.concat(
    gradients.map((g, i) => (shapes[i]!.length === 1 ? g : ops.reshape(g, [-1]))),
    0,
  );
  // clipNorm / max(‖g‖, clipNorm) is exactly 1 when the norm is within the limit.
  const norm = ops.sqrt(ops.sumRows(ops.square(flat)));
  const limit = ops.scalar(clipNorm);
  const gradient = ops.mul(flat, ops.div(limit, ops.maximum(norm, limit)));
  let newFirst = ops.add(
    ops.mul(first, ops.scalar(beta1)),
    ops.mul(gradient, ops.scalar(1 - beta1)),
  );
  let newSecond = ops.add(
    ops.mul(second, ops.scalar(beta2)),
    ops.mul(ops.square(gradient), ops.scalar(1 - beta2)),
  );
  if (reached.includes(false)) {
    const mask = ops.concat(
      sizes.map((size, i) => ops.fill([size], reached[i] ? 1 : 0)),
      0,
    );
    newFirst = ops.where(mask, newFirst, first);
    newSecond = ops.where(mask, newSecond, second);
  }
  const correctedFirst = ops.div(newFirst, firstCorrection);
  const correctedSecond = ops.div(newSecond, secondCorrection);
  const steps = ops.split(
    ops.mul(
      ops.div(correctedFirst, ops.add(ops.sqrt(correctedSecond), ops.scalar(epsilon))),
      ops.scalar(-learningRate),
    ),
    sizes,
    0,
  );
  const newVariables = variables.map((variable, i) =>
    ops.add(shapes[i]!.length === 1 ? steps[i]! : ops.reshape(steps[i]!, shapes[i]!), variable),
  );
  return [newFirst, newSecond, ...newVariables];
}
