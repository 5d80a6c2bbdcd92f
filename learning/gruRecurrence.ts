import type * as tfType from '@tensorflow/tfjs';

type Tf = typeof tfType;
type Tensor2D = tfType.Tensor2D;
type Tensor3D = tfType.Tensor3D;

/** The recurrent side of the GRU over all S steps; the input side is precomputed per step. */
export interface GruRecurrenceInputs {
  /** [S, N, 2H]: x·W + b for the update and reset gates (z | r). */
  gateInputs: Tensor3D;
  /** [S, N, H]: x·W + b for the candidate. */
  candidateInputs: Tensor3D;
  /** [H, 2H] and [H, H]: the recurrent weights of the gates and of the candidate. */
  recurrentGates: Tensor2D;
  recurrentCandidate: Tensor2D;
  /** [H]: the candidate's recurrent bias (inside the reset, reset_after); a weight variable. */
  candidateB: tfType.Tensor;
}

/**
 * The GRU states [S, N, H] from a zero state, as `gruStep` computes them one step at a time, with
 * a hand-written gradient (backpropagation through time). Same arithmetic as the plain loop; the
 * point is the number of kernel calls, which bounds this small model's training on every backend
 * (per-op dispatch, not arithmetic): automatic differentiation of the loop costs ~45 kernels per
 * step backwards, this ~20, and the weight gradients are one product over all steps.
 */
export function gruRecurrence(tf: Tf, inputs: GruRecurrenceInputs): Tensor3D {
  const recurrence = tf.customGrad<Tensor3D>((...args: (tfType.Tensor | tfType.GradSaveFunc)[]) => {
    const [gateInputs, candidateInputs, recurrentGates, recurrentCandidate, candidateB, save] =
      args as [Tensor3D, Tensor3D, Tensor2D, Tensor2D, tfType.Tensor, tfType.GradSaveFunc];
    const [S, N] = gateInputs.shape;
    const H = recurrentCandidate.shape[1];
    const gateSteps = tf.unstack(gateInputs) as Tensor2D[];
    const candidateSteps = tf.unstack(candidateInputs) as Tensor2D[];
    let state: Tensor2D = tf.zeros([N, H]);
    // Per step: the state before it, the gates (z | r), the candidate, and the reset's operand.
    const previous: Tensor2D[] = [];
    const gatesAt: Tensor2D[] = [];
    const candidates: Tensor2D[] = [];
    const recurrentParts: Tensor2D[] = [];
    const states: Tensor2D[] = [];
    for (let t = 0; t < S; t++) {
      previous.push(state);
      const gates = tf.sigmoid(tf.add(gateSteps[t]!, tf.matMul(state, recurrentGates))) as Tensor2D;
      const [z, r] = tf.split(gates, 2, 1) as [Tensor2D, Tensor2D];
      const recurrentPart = tf.add<Tensor2D>(tf.matMul(state, recurrentCandidate), candidateB);
      const candidate = tf.tanh(tf.add(candidateSteps[t]!, tf.mul(r, recurrentPart))) as Tensor2D;
      // z·state + (1 − z)·candidate, in one op fewer.
      state = tf.add(candidate, tf.mul(z, tf.sub(state, candidate)));
      gatesAt.push(gates);
      candidates.push(candidate);
      recurrentParts.push(recurrentPart);
      states.push(state);
    }
    // Saved stacked ([S, N, ·]): one copy each instead of one per step (every saved tensor is
    // cloned, a kernel call).
    save([
      recurrentGates,
      recurrentCandidate,
      tf.stack(previous),
      tf.stack(gatesAt),
      tf.stack(candidates),
      tf.stack(recurrentParts),
    ]);
    return {
      value: tf.stack(states) as Tensor3D,
      gradFunc: (dy: tfType.Tensor, saved: tfType.Tensor[]) => {
        const [gatesW, candidateW, previousAll, gatesAll, candidatesAll, recurrentAll] = saved as [
          Tensor2D,
          Tensor2D,
          Tensor3D,
          Tensor3D,
          Tensor3D,
          Tensor3D,
        ];
        // Everything that does not depend on the incoming gradient, for all steps at once:
        // h = n + z·(h₋ − n), n = tanh(cᵢ + r·P), P = h₋·U_c + b, (z | r) = σ(gᵢ + h₋·U_g).
        //   ∂a (n's argument) = ∂h·(1 − z)·(1 − n²)
        //   ∂(z's argument)   = ∂h·(h₋ − n)·z(1 − z)
        //   ∂(r's argument)   = ∂a·P·r(1 − r),   ∂P = ∂a·r
        const [z, r] = tf.split(gatesAll, 2, 2) as [Tensor3D, Tensor3D];
        const [zSlope, rSlope] = tf.split(tf.mul(gatesAll, tf.sub(1, gatesAll)), 2, 2) as [
          Tensor3D,
          Tensor3D,
        ];
        const aFactor = tf.mul(tf.sub(1, z), tf.sub(1, tf.square(candidatesAll)));
        // [S, N, 3H]: multiplies (∂h | ∂h | ∂h) into (∂ z-argument | ∂ r-argument | ∂P), with
        // ∂a = ∂h·aFactor folded in, so a step costs five kernels.
        const factors = tf.unstack(
          tf.concat(
            [
              tf.mul(tf.sub(previousAll, candidatesAll), zSlope),
              tf.mul(aFactor, tf.mul(recurrentAll, rSlope)),
              tf.mul(aFactor, r),
            ],
            2,
          ),
        ) as Tensor2D[];
        const zSteps = tf.unstack(z) as Tensor2D[];
        // (U_g | U_c) transposed: ∂h₋ through the gates and the candidate is one product.
        const recurrentW = tf.concat([gatesW, candidateW], 1);
        const dStates = tf.unstack(dy) as Tensor2D[];
        const dArguments: Tensor2D[] = new Array<Tensor2D>(S);
        const dhs: Tensor2D[] = new Array<Tensor2D>(S);
        // ∂h at step t: from the loss at t plus, through h₋, from step t + 1.
        let dh: Tensor2D = dStates[S - 1]!;
        for (let t = S - 1; t >= 0; t--) {
          const dArgument = tf.mul<Tensor2D>(tf.concat([dh, dh, dh], 1), factors[t]!);
          dArguments[t] = dArgument;
          dhs[t] = dh;
          if (t > 0) {
            dh = tf.addN([
              tf.mul(dh, zSteps[t]!),
              tf.matMul(dArgument, recurrentW, false, true),
              dStates[t - 1]!,
            ]) as Tensor2D;
          }
        }
        // The weights' gradients summed over steps: one product over all S·N rows.
        const allDArguments = tf.stack(dArguments) as Tensor3D;
        const dW = tf.matMul(
          tf.reshape(previousAll, [S * N, H]),
          tf.reshape(allDArguments, [S * N, 3 * H]),
          true,
          false,
        );
        const [dGatesW, dCandidateW] = tf.split(dW, [2 * H, H], 1);
        return [
          tf.slice(allDArguments, [0, 0, 0], [S, N, 2 * H]),
          tf.mul(tf.stack(dhs), aFactor),
          dGatesW!,
          dCandidateW!,
          tf.sum(tf.reshape(tf.slice(allDArguments, [0, 0, 2 * H], [S, N, H]), [S * N, H]), 0),
        ];
      },
    };
  });
  return recurrence(
    inputs.gateInputs,
    inputs.candidateInputs,
    inputs.recurrentGates,
    inputs.recurrentCandidate,
    inputs.candidateB,
  );
}
