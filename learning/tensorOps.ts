import type * as tfType from '@tensorflow/tfjs';

/**
 * The few tensor operations the GRU recurrence is written in, over any value type: run eagerly
 * (`eagerOps`, values are tensors) or traced into a graph that the native engine runs in one
 * call (`learning/nativeGraph/`, values are the graph's output names). One description of the
 * arithmetic, two ways to execute it.
 */
export interface TensorOps<V> {
  matMul(a: V, b: V, transposeA?: boolean, transposeB?: boolean): V;
  add(a: V, b: V): V;
  /** `a` may be a number (broadcast). */
  sub(a: V | number, b: V): V;
  mul(a: V, b: V): V;
  div(a: V, b: V): V;
  maximum(a: V, b: V): V;
  addN(values: V[]): V;
  /** A float32 scalar. */
  scalar(value: number): V;
  /** A float32 tensor of `shape` filled with `value`. */
  fill(shape: number[], value: number): V;
  /** `a` where `mask` (0 or 1) is 1, else `b`. */
  where(mask: V, a: V, b: V): V;
  sigmoid(x: V): V;
  tanh(x: V): V;
  square(x: V): V;
  sqrt(x: V): V;
  exp(x: V): V;
  relu(x: V): V;
  /** 1 where x > 0, else 0 (float). */
  positive(x: V): V;
  /** Along the last axis. */
  logSoftmax(x: V): V;
  /** Σ along `axis`. */
  sum(x: V, axis: number, keepDims?: boolean): V;
  /** Rows of `x` (first axis) by int32 `indices`. */
  gather(x: V, indices: V): V;
  /** [n, depth] float rows, one-hot of int32 `indices`. */
  oneHot(indices: V, depth: number): V;
  zerosLike(x: V): V;
  split(x: V, sizes: number[], axis: number): V[];
  concat(values: V[], axis: number): V;
  /** Along a new first axis. */
  stack(values: V[]): V;
  /** Along the first axis, of length `count`. */
  unstack(x: V, count: number): V[];
  /** One dimension may be -1 (inferred). */
  reshape(x: V, shape: number[]): V;
  /** Σ over the first axis. */
  sumRows(x: V): V;
}

type Tensor = tfType.Tensor;

/** `TensorOps` as TensorFlow.js's own operations, on whatever backend is active. */
export function eagerOps(tf: typeof tfType): TensorOps<Tensor> {
  return {
    matMul: (a, b, transposeA = false, transposeB = false) =>
      tf.matMul(a, b, transposeA, transposeB),
    add: (a, b) => tf.add(a, b),
    sub: (a, b) => tf.sub(a, b),
    mul: (a, b) => tf.mul(a, b),
    div: (a, b) => tf.div(a, b),
    maximum: (a, b) => tf.maximum(a, b),
    scalar: (value) => tf.scalar(value),
    fill: (shape, value) => tf.fill(shape, value),
    where: (mask, a, b) => tf.where(tf.greater(mask, 0), a, b),
    addN: (values) => tf.addN(values),
    sigmoid: (x) => tf.sigmoid(x),
    tanh: (x) => tf.tanh(x),
    square: (x) => tf.square(x),
    sqrt: (x) => tf.sqrt(x),
    exp: (x) => tf.exp(x),
    relu: (x) => tf.relu(x),
    positive: (x) => tf.cast(tf.greater(x, 0), 'float32'),
    logSoftmax: (x) => tf.logSoftmax(x),
    sum: (x, axis, keepDims = false) => tf.sum(x, axis, keepDims),
    gather: (x, indices) => tf.gather(x, indices),
    oneHot: (indices, depth) => tf.oneHot(indices as tfType.Tensor1D, depth).toFloat(),
    zerosLike: (x) => tf.zerosLike(x),
    split: (x, sizes, axis) => tf.split(x, sizes, axis),
    concat: (values, axis) => tf.concat(values, axis),
    stack: (values) => tf.stack(values),
    unstack: (x) => tf.unstack(x),
    reshape: (x, shape) => tf.reshape(x, shape),
    sumRows: (x) => tf.sum(x, 0),
  };
}
