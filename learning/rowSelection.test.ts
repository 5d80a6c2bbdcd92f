import { describe, expect, it } from 'vitest';
import { selectRows } from './rowSelection';
import { initTensorflow } from './tensorflowBackend';

describe('selectRows', () => {
  it('takes rows in a new order, zeros for the extra index, and puts gradients back', async () => {
    const { tf } = await initTensorflow();
    // x: 4 rows of 2; out row j = x row take[j], 4 = a zero row; row 2 of x is not taken.
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
    ]);
    const take = Int32Array.from([3, 4, 0, 1]);
    const putBack = Int32Array.from([2, 3, 4, 0]);
    expect(selectRows(tf, x, take, putBack).arraySync()).toEqual([
      [7, 8],
      [0, 0],
      [1, 2],
      [3, 4],
    ]);
    // d/dx of Σ out ⊙ W: row r of x gets W's row j where out row j came from r, 0 if none.
    const weights = tf.tensor2d([
      [10, 20],
      [30, 40],
      [50, 60],
      [70, 80],
    ]);
    const gradient = tf.grad((input) =>
      tf.sum(tf.mul(selectRows(tf, input as typeof x, take, putBack), weights)),
    )(x);
    expect(gradient.arraySync()).toEqual([
      [50, 60],
      [70, 80],
      [0, 0],
      [10, 20],
    ]);
  });
});
