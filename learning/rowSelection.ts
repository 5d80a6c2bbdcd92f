import type * as tfType from '@tensorflow/tfjs';

type Tf = typeof tfType;

/**
 * Rows of `x` ([R, W]) in a new order: output row j is row `take[j]` of x, or zeros where
 * `take[j]` is R. Each row of x is taken at most once, so the gradient is the inverse
 * selection: `putBack[r]` is the output row that took row r, or take.length if none did.
 * (tfjs's own gather gradient needs UnsortedSegmentSum, which the WASM backend lacks; this one
 * is a gather both ways and works on every backend.)
 */
export function selectRows(
  tf: Tf,
  x: tfType.Tensor2D,
  take: Int32Array,
  putBack: Int32Array,
): tfType.Tensor2D {
  const select = tf.customGrad((...args: (tfType.Tensor | tfType.GradSaveFunc)[]) => {
    const input = args[0] as tfType.Tensor2D;
    const withZero = (t: tfType.Tensor2D) =>
      tf.concat<tfType.Tensor2D>([t, tf.zeros([1, t.shape[1]])]);
    return {
      value: tf.gather(withZero(input), take),
      gradFunc: (dy: tfType.Tensor) => tf.gather(withZero(dy as tfType.Tensor2D), putBack),
    };
  });
  return select(x) as tfType.Tensor2D;
}
