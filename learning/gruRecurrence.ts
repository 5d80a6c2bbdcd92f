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
    save([
      recurrentGates,
      recurrentCandidate,
      ...previous,
      ...gatesAt,
      ...candidates,
      ...recurrentParts,
    ]);
    return {
      value: tf.stack(states) as Tensor3D,
      gradFunc: (dy: tfType.Tensor, saved: tfType.Tensor[]) => {
        const [gatesW, candidateW] = saved as [Tensor2D, Tensor2D];
        const at = (block: number, t: number) => saved[2 + block * S + t] as Tensor2D;
        const dStates = tf.unstack(dy) as Tensor2D[];
        const dGates: Tensor2D[] = new Array<Tensor2D>(S);
        const dCandidateInputs: Tensor2D[] = new Array<Tensor2D>(S);
        const dRecurrentParts: Tensor2D[] = new Array<Tensor2D>(S);
        let dState: Tensor2D | null = null;
        for (let t = S - 1; t >= 0; t--) {
          const dh: Tensor2D = dState === null ? dStates[t]! : tf.add(dState, dStates[t]!);
          const [prev, gates, candidate, recurrentPart] = [at(0, t), at(1, t), at(2, t), at(3, t)];
          const [z, r] = tf.split(gates, 2, 1) as [Tensor2D, Tensor2D];
          // h = n + z·(h₋ − n): ∂h/∂n = 1 − z, ∂h/∂z = h₋ − n, ∂h/∂h₋ = z (directly).
          const dCandidate = tf.mul(dh, tf.sub(1, z));
          const dZ = tf.mul(dh, tf.sub(prev, candidate));
          // n = tanh(a): ∂a = ∂n·(1 − n²); a = cᵢ + r·(h₋·U + b).
          const dA = tf.mul<Tensor2D>(dCandidate, tf.sub(1, tf.square(candidate)));
          const dR = tf.mul(dA, recurrentPart);
          const dRecurrentPart = tf.mul<Tensor2D>(dA, r);
          // (z | r) = σ(gᵢ + h₋·U_g): ∂ = ∂(z | r)·σ(1 − σ).
          const dGate = tf.mul<Tensor2D>(tf.concat([dZ, dR], 1), tf.mul(gates, tf.sub(1, gates)));
          dState = tf.addN([
            tf.mul(dh, z),
            tf.matMul(dRecurrentPart, candidateW, false, true),
            tf.matMul(dGate, gatesW, false, true),
          ]) as Tensor2D;
          dGates[t] = dGate;
          dCandidateInputs[t] = dA;
          dRecurrentParts[t] = dRecurrentPart;
        }
        // The weights' gradients summed over steps: one product over all S·N rows.
        const allPrevious = tf.reshape(tf.stack(previous.map((_, t) => at(0, t))), [S * N, H]);
        const allDGates = tf.reshape(tf.stack(dGates), [S * N, 2 * H]);
        const allDRecurrent = tf.reshape(tf.stack(dRecurrentParts), [S * N, H]);
        return [
          tf.stack(dGates),
          tf.stack(dCandidateInputs),
          tf.matMul(allPrevious, allDGates, true, false),
          tf.matMul(allPrevious, allDRecurrent, true, false),
          tf.sum(allDRecurrent, 0),
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
