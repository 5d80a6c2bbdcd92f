import type * as tfType from '@tensorflow/tfjs';
import { GraphBuilder } from './nativeGraph/graphBuilder';
import { graphsRunHere, loadGraph, type GraphSession } from './nativeGraph/graphSession';
import { eagerOps, type TensorOps } from './tensorOps';

type Tf = typeof tfType;
type Tensor = tfType.Tensor;
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
 * step backwards, this ~5, and the weight gradients are one product over all steps. On the
 * native engine each direction is one traced graph, run in one call (docs/native-engine.md).
 */
export function gruRecurrence(tf: Tf, inputs: GruRecurrenceInputs): Tensor3D {
  const S = inputs.gateInputs.shape[0];
  const H = inputs.recurrentCandidate.shape[1];
  const graphs = graphsRunHere(tf) ? recurrenceGraphs(tf, S, H) : null;
  const ops = eagerOps(tf);
  const recurrence = tf.customGrad<Tensor3D>((...args: (Tensor | tfType.GradSaveFunc)[]) => {
    const [gateInputs, candidateInputs, recurrentGates, recurrentCandidate, candidateB, save] =
      args as [Tensor, Tensor, Tensor, Tensor, Tensor, tfType.GradSaveFunc];
    const forwardInputs = [
      gateInputs,
      candidateInputs,
      recurrentGates,
      recurrentCandidate,
      candidateB,
    ];
    const [states, ...saved] =
      graphs === null
        ? recurrenceForward(ops, forwardInputs, S, H)
        : graphs.forward.run(forwardInputs);
    save([recurrentGates, recurrentCandidate, ...saved]);
    return {
      value: states as Tensor3D,
      gradFunc: (dy: Tensor, savedTensors: Tensor[]) =>
        graphs === null
          ? recurrenceBackward(ops, [dy, ...savedTensors], S, H)
          : graphs.backward.run([dy, ...savedTensors]),
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

/**
 * Forward over S steps: [states, then what the backward pass needs: the state before each step,
 * the gates (z | r), the candidates and the reset's operand], each stacked [S, N, ·].
 */
function recurrenceForward<V>(ops: TensorOps<V>, inputs: V[], S: number, H: number): V[] {
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
function recurrenceBackward<V>(ops: TensorOps<V>, inputs: V[], S: number, H: number): V[] {
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

interface RecurrenceGraphs {
  forward: GraphSession;
  backward: GraphSession;
}

/** Per native backend, the traced forward and backward graphs of each (S, H) met so far. */
const graphCache = new WeakMap<object, Map<string, RecurrenceGraphs>>();

/** `recurrenceForward` and `recurrenceBackward` traced for S steps of width H, loaded once. */
function recurrenceGraphs(tf: Tf, S: number, H: number): RecurrenceGraphs {
  const backend = tf.backend();
  let graphs = graphCache.get(backend);
  if (graphs === undefined) {
    graphs = new Map();
    graphCache.set(backend, graphs);
  }
  const key = `${S}x${H}`;
  let loaded = graphs.get(key);
  if (loaded === undefined) {
    loaded = {
      forward: traced(tf, 5, (ops, inputs) => recurrenceForward(ops, inputs, S, H)),
      backward: traced(tf, 7, (ops, inputs) => recurrenceBackward(ops, inputs, S, H)),
    };
    graphs.set(key, loaded);
  }
  return loaded;
}

function traced(
  tf: Tf,
  inputCount: number,
  compute: (ops: GraphBuilder, inputs: string[]) => string[],
): GraphSession {
  const graph = new GraphBuilder();
  const inputs = Array.from({ length: inputCount }, () => graph.input());
  return loadGraph(tf, graph, compute(graph, inputs));
}
