import type { TensorOps } from './tensorOps';

/*
 * The GRU recurrence over all S steps of a batch, from a zero state, as `gruStep`
 * (policyNetwork.ts) computes it one step at a time, with its gradient written by hand
 * (backpropagation through time). The input side of the gates is precomputed for all steps, so
 * only the recurrent product and the gate arithmetic run per step; automatic differentiation of
 * the loop would cost ~45 kernels per step backwards, this ~5, and the weight gradients are one
 * product over all steps. Written over `TensorOps`, so that `sequenceModel.ts` runs it op by op
 * or inside its traced graphs.
 */

/**
 * Forward over S steps, from [gate inputs (x·W + b for z | r) [S, N, 2H], candidate inputs
 * [S, N, H], recurrent weights of the gates [H, 2H] and of the candidate [H, H], the candidate's
 * recurrent bias [H]]: [states, then what the backward pass needs: the state before each step,
 * the gates (z | r), the candidates and the reset's operand], each stacked [S, N, ·].
 */
export function recurrenceForward<V>(ops: TensorOps<V>, inputs: V[], S: number, H: number): V[] {
  const [gateInputs, candidateInputs, recurrentGates, recurrentCandidate, candidateB] = inputs as [
    V,
    V,
    V,
    V,
    V,
  ];
  const gateSteps = ops.unstack(gateInputs, S);
  const candidateSteps = ops.unstack(candidateInputs, S);
  let state = ops.zerosLike(candidateSteps[0]!);
  const previous: V[] = [];
  const gatesAt: V[] = [];
  const candidates: V[] = [];
  const recurrentParts: V[] = [];
  const states: V[] = [];
  for (let t = 0; t < S; t++) {
    previous.push(state);
    const gates = ops.sigmoid(ops.add(gateSteps[t]!, ops.matMul(state, recurrentGates)));
    const [z, r] = ops.split(gates, [H, H], 1) as [V, V];
    const recurrentPart = ops.add(ops.matMul(state, recurrentCandidate), candidateB);
    const candidate = ops.tanh(ops.add(candidateSteps[t]!, ops.mul(r, recurrentPart)));
    // z·state + (1 − z)·candidate, in one op fewer.
    state = ops.add(candidate, ops.mul(z, ops.sub(state, candidate)));
    gatesAt.push(gates);
    candidates.push(candidate);
    recurrentParts.push(recurrentPart);
    states.push(state);
  }
  // Saved stacked: one copy each instead of one per step (every saved tensor is cloned).
  return [
    ops.stack(states),
    ops.stack(previous),
    ops.stack(gatesAt),
    ops.stack(candidates),
    ops.stack(recurrentParts),
  ];
}

/**
 * Backpropagation through time: from [∂states, the recurrent weights (gates, candidate), then
 * what the forward pass saved] to the gradients of the five inputs.
 */
export function recurrenceBackward<V>(ops: TensorOps<V>, inputs: V[], S: number, H: number): V[] {
  const [dy, gatesW, candidateW, previousAll, gatesAll, candidatesAll, recurrentAll] = inputs as [
    V,
    V,
    V,
    V,
    V,
    V,
    V,
  ];
  // Everything that does not depend on the incoming gradient, for all steps at once:
  // h = n + z·(h₋ − n), n = tanh(cᵢ + r·P), P = h₋·U_c + b, (z | r) = σ(gᵢ + h₋·U_g).
  //   ∂a (n's argument) = ∂h·(1 − z)·(1 − n²)
  //   ∂(z's argument)   = ∂h·(h₋ − n)·z(1 − z)
  //   ∂(r's argument)   = ∂a·P·r(1 − r),   ∂P = ∂a·r
  const [z, r] = ops.split(gatesAll, [H, H], 2) as [V, V];
  const [zSlope, rSlope] = ops.split(ops.mul(gatesAll, ops.sub(1, gatesAll)), [H, H], 2) as [V, V];
  const aFactor = ops.mul(ops.sub(1, z), ops.sub(1, ops.square(candidatesAll)));
  // [S, N, 3H]: multiplies (∂h | ∂h | ∂h) into (∂ z-argument | ∂ r-argument | ∂P), with
  // ∂a = ∂h·aFactor folded in, so a step costs five operations.
  const factors = ops.unstack(
    ops.concat(
      [
        ops.mul(ops.sub(previousAll, candidatesAll), zSlope),
        ops.mul(aFactor, ops.mul(recurrentAll, rSlope)),
        ops.mul(aFactor, r),
      ],
      2,
    ),
    S,
  );
  const zSteps = ops.unstack(z, S);
  // (U_g | U_c) transposed: ∂h₋ through the gates and the candidate is one product.
  const recurrentW = ops.concat([gatesW, candidateW], 1);
  const dStates = ops.unstack(dy, S);
  const dArguments: V[] = new Array<V>(S);
  const dhs: V[] = new Array<V>(S);
  // ∂h at step t: from the loss at t plus, through h₋, from step t + 1.
  let dh: V = dStates[S - 1]!;
  for (let t = S - 1; t >= 0; t--) {
    const dArgument = ops.mul(ops.concat([dh, dh, dh], 1), factors[t]!);
    dArguments[t] = dArgument;
    dhs[t] = dh;
    if (t > 0) {
      dh = ops.addN([
        ops.mul(dh, zSteps[t]!),
        ops.matMul(dArgument, recurrentW, false, true),
        dStates[t - 1]!,
      ]);
    }
  }
  // The weights' gradients summed over steps: one product over all S·N rows.
  const allDArguments = ops.stack(dArguments);
  const dW = ops.matMul(
    ops.reshape(previousAll, [-1, H]),
    ops.reshape(allDArguments, [-1, 3 * H]),
    true,
    false,
  );
  const [dGatesW, dCandidateW] = ops.split(dW, [2 * H, H], 1) as [V, V];
  const [dGateArguments, dRecurrentParts] = ops.split(allDArguments, [2 * H, H], 2) as [V, V];
  return [
    dGateArguments,
    ops.mul(ops.stack(dhs), aFactor),
    dGatesW,
    dCandidateW,
    ops.sumRows(ops.reshape(dRecurrentParts, [-1, H])),
  ];
}
