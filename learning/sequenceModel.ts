import type * as tfType from '@tensorflow/tfjs';
import { recurrenceBackward, recurrenceForward } from './gruRecurrence';
import { GraphBuilder } from './nativeGraph/graphBuilder';
import { graphsRunHere, loadGraph, type GraphSession } from './nativeGraph/graphSession';
import { maskedLogit } from './policyNetwork';
import { stepKinds, weightNames } from './policyWeights';
import { eagerOps, type TensorOps } from './tensorOps';

type Tf = typeof tfType;
type Tensor = tfType.Tensor;

/**
 * The model's teacher-forced pass over a batch, arranged for few kernel calls (the same GRU as
 * `gruStep` in policyNetwork.ts; every step's input is known up front), with its gradient written
 * by hand. Written once over `TensorOps`: on WASM and CPU the operations run one by one; on the
 * native engine the forward pass and the backward pass are one traced graph each
 * (docs/native-engine.md), which is what makes an epoch fast there.
 *
 * Output [N, S + 1]: log p(target act) at each step that predicts an act (0 at the selection
 * step and in the padding), then log p(selection target) in the last column.
 */
export interface SequenceModelShape {
  /** Steps S. */
  steps: number;
  /** Selection candidates per example M. */
  candidates: number;
  hidden: number;
  context: number;
  embedding: number;
  vocabulary: number;
  selection: number;
}

/**
 * The batch as the pass reads it (time-major rows: row t·N + n is example n at step t). Index
 * arrays point one past the end (a zero row) where there is nothing to take.
 */
export interface SequenceModelBatch {
  features: Tensor; // [N, F]
  tokens: Tensor; // [S·N] int32
  kinds: Tensor; // [S·N, stepKinds]
  /** The L rows that predict an act: their rows of the states, and back (L: none). */
  actRows: Tensor; // [L] int32
  actRowOf: Tensor; // [S·N] int32
  /** [N, S] batch-major → its act row (L: none), and back. */
  actPositions: Tensor; // [N·S] int32
  actPositionOf: Tensor; // [L] int32
  /** The act mask as a bias (0 or a large negative number) and the one-hot targets. */
  actBias: Tensor; // [L, V]
  actTargets: Tensor; // [L, V]
  /** Each example's state row at its selection step, and back (N: none). */
  selectionRows: Tensor; // [N] int32
  selectionRowOf: Tensor; // [S·N] int32
  candidateFeatures: Tensor; // [N·M, K]
  candidateMasks: Tensor; // [N, M]
  selectionTargets: Tensor; // [N] int32
}

const batchFields = [
  'features',
  'tokens',
  'kinds',
  'actRows',
  'actRowOf',
  'actPositions',
  'actPositionOf',
  'actBias',
  'actTargets',
  'selectionRows',
  'selectionRowOf',
  'candidateFeatures',
  'candidateMasks',
  'selectionTargets',
] as const satisfies readonly (keyof SequenceModelBatch)[];
const intFields = new Set<string>([
  'tokens',
  'actRows',
  'actRowOf',
  'actPositions',
  'actPositionOf',
  'selectionRows',
  'selectionRowOf',
  'selectionTargets',
]);

/** The pass over `weights` (in `weightNames` order), differentiable with respect to them. */
export function sequenceModel(
  tf: Tf,
  shape: SequenceModelShape,
  weights: readonly tfType.Variable[],
  batch: SequenceModelBatch,
): tfType.Tensor2D {
  const batchInputs = batchFields.map((field) => batch[field]);
  const graphs = graphsRunHere(tf) ? sequenceGraphs(tf, shape) : null;
  const ops = eagerOps(tf);
  const pass = tf.customGrad((...args: (Tensor | tfType.GradSaveFunc)[]) => {
    const save = args.at(-1) as tfType.GradSaveFunc;
    const weightInputs = args.slice(0, -1) as Tensor[];
    const [output, ...saved] =
      graphs === null
        ? sequenceForward(ops, shape, [...weightInputs, ...batchInputs])
        : graphs.forward.run([...weightInputs, ...batchInputs]);
    // The batch is saved too: tensors made in the forward pass are disposed before the
    // backward pass unless saved (closing over them is not enough).
    save([...batchInputs, ...saved]);
    return {
      value: output!,
      gradFunc: (dy: Tensor, savedTensors: Tensor[]) => {
        const inputs = [dy, ...weightInputs, ...savedTensors];
        return graphs === null ? sequenceBackward(ops, shape, inputs) : graphs.backward.run(inputs);
      },
    };
  });
  return pass(...weights) as tfType.Tensor2D;
}

const weightCount = weightNames.length;
/** What the forward pass keeps for the backward pass, in this order (after the output). */
const savedNames = [
  'context',
  'stepInputs',
  'live',
  'logProbs',
  'stateAndContext',
  'hidden',
  'selectionLogProbs',
  'previous',
  'gates',
  'candidates',
  'recurrentParts',
] as const;
type Saved<V> = Record<(typeof savedNames)[number], V>;
const savedCount = savedNames.length;

type Named<V> = Record<(typeof weightNames)[number], V> & Record<(typeof batchFields)[number], V>;

function named<V>(values: readonly V[]): Named<V> {
  const out: Record<string, V> = {};
  weightNames.forEach((name, i) => (out[name] = values[i]!));
  batchFields.forEach((field, i) => (out[field] = values[weightCount + i]!));
  return out as Named<V>;
}

/**
 * Forward: inputs are the weights then the batch (`batchFields` order); returns the output, then
 * what the backward pass reads again (`savedNames`).
 */
function sequenceForward<V>(ops: TensorOps<V>, shape: SequenceModelShape, inputs: V[]): V[] {
  const { steps: S, candidates: M, hidden: H, context: C, embedding: E, selection: Z } = shape;
  const w = named(inputs);
  const context = ops.tanh(ops.add(ops.matMul(w.features, w.contextW), w.contextB));
  const embedded = ops.matMul(ops.oneHot(w.tokens, shape.vocabulary + 1), w.embedding);
  const stepInputs = ops.concat([embedded, w.kinds], 1);
  // x·W for x = (embedding, kinds, context): the context is the same at every step, so its part
  // is one [N, C] product broadcast over the steps rather than S copies in the step product.
  const [stepW, contextW] = ops.split(w.inputW, [E + stepKinds, C], 0) as [V, V];
  const allInputs = ops.add(
    ops.reshape(ops.matMul(stepInputs, stepW), [S, -1, 3 * H]),
    ops.add(ops.matMul(context, contextW), w.gateB),
  );
  // Update and reset gates share one recurrent product; the candidate has its own (its
  // recurrent part is reset-gated, reset_after).
  const [gateInputs, candidateInputs] = ops.split(allInputs, [2 * H, H], 2) as [V, V];
  const [recurrentGates, recurrentCandidate] = ops.split(w.recurrentW, [2 * H, H], 1) as [V, V];
  const [states3, ...recurrenceSaved] = recurrenceForward(
    ops,
    [gateInputs, candidateInputs, recurrentGates, recurrentCandidate, w.candidateB],
    S,
    H,
  );
  const states = ops.concat([ops.reshape(states3!, [-1, H]), ops.fill([1, H], 0)], 0);

  // The act head, on the rows that predict an act only; Σ over the vocabulary as a product with
  // a ones column.
  const live = ops.gather(states, w.actRows);
  const logProbs = ops.logSoftmax(ops.add(ops.add(ops.matMul(live, w.actW), w.actB), w.actBias));
  const picked = ops.matMul(ops.mul(logProbs, w.actTargets), ops.fill([shape.vocabulary, 1], 1));
  const acts = ops.reshape(
    ops.gather(ops.concat([picked, ops.fill([1, 1], 0)], 0), w.actPositions),
    [-1, S],
  );

  // The selection head: each example's state at its selection step and its candidates.
  const stateAndContext = ops.concat([ops.gather(states, w.selectionRows), context], 1);
  const hidden = ops.reshape(
    ops.relu(
      ops.add(
        ops.add(
          ops.reshape(ops.matMul(stateAndContext, w.selectionStateW), [-1, 1, Z]),
          ops.reshape(ops.matMul(w.candidateFeatures, w.selectionCandidateW), [-1, M, Z]),
        ),
        w.selectionB,
      ),
    ),
    [-1, Z],
  );
  const scores = ops.reshape(ops.matMul(hidden, w.selectionV), [-1, M]);
  const selectionLogProbs = ops.logSoftmax(
    ops.add(scores, ops.mul(ops.sub(1, w.candidateMasks), ops.scalar(maskedLogit))),
  );
  const selections = ops.sum(
    ops.mul(selectionLogProbs, ops.oneHot(w.selectionTargets, M)),
    1,
    true,
  );
  const [previous, gates, candidates, recurrentParts] = recurrenceSaved as [V, V, V, V];
  const saved: Saved<V> = {
    context,
    stepInputs,
    live,
    logProbs,
    stateAndContext,
    hidden,
    selectionLogProbs,
    previous,
    gates,
    candidates,
    recurrentParts,
  };
  return [ops.concat([acts, selections], 1), ...savedNames.map((name) => saved[name])];
}

/**
 * Backward: inputs are ∂output, the weights, the batch, then what the forward pass saved;
 * returns the gradient of each weight (`weightNames` order).
 */
function sequenceBackward<V>(ops: TensorOps<V>, shape: SequenceModelShape, inputs: V[]): V[] {
  const { steps: S, candidates: M, hidden: H, context: C, embedding: E, selection: Z } = shape;
  const dOutput = inputs[0]!;
  const w = named(inputs.slice(1));
  const savedInputs = inputs.slice(1 + weightCount + batchFields.length);
  const {
    context,
    stepInputs,
    live,
    logProbs,
    stateAndContext,
    hidden,
    selectionLogProbs,
    previous,
    gates,
    candidates,
    recurrentParts,
  } = Object.fromEntries(savedNames.map((name, i) => [name, savedInputs[i]!])) as Saved<V>;
  const [dActs, dSelections] = ops.split(dOutput, [S, 1], 1) as [V, V];
  const withZeroRow = (x: V, width: number) => ops.concat([x, ops.fill([1, width], 0)], 0);
  // log-softmax: ∂x = ∂y − softmax(x)·Σ∂y.
  const logSoftmaxGradient = (dy: V, logSoftmax: V) =>
    ops.sub(dy, ops.mul(ops.exp(logSoftmax), ops.sum(dy, 1, true)));

  // Selection head.
  const dScores = logSoftmaxGradient(
    ops.mul(dSelections, ops.oneHot(w.selectionTargets, M)),
    selectionLogProbs,
  );
  const dScoreRows = ops.reshape(dScores, [-1, 1]);
  const dSelectionV = ops.matMul(hidden, dScoreRows, true, false);
  const dHidden = ops.mul(ops.matMul(dScoreRows, w.selectionV, false, true), ops.positive(hidden));
  const dSelectionB = ops.sumRows(dHidden);
  const dSelectionCandidateW = ops.matMul(w.candidateFeatures, dHidden, true, false);
  const dFromState = ops.sum(ops.reshape(dHidden, [-1, M, Z]), 1);
  const dSelectionStateW = ops.matMul(stateAndContext, dFromState, true, false);
  const [dSelectionState, dContextFromSelection] = ops.split(
    ops.matMul(dFromState, w.selectionStateW, false, true),
    [H, C],
    1,
  ) as [V, V];

  // Act head: ∂ of each act row's picked log-probability, back from [N, S].
  const dPicked = ops.gather(withZeroRow(ops.reshape(dActs, [-1, 1]), 1), w.actPositionOf);
  const dLogits = logSoftmaxGradient(ops.mul(dPicked, w.actTargets), logProbs);
  const dActW = ops.matMul(live, dLogits, true, false);
  const dActB = ops.sumRows(dLogits);
  const dLive = ops.matMul(dLogits, w.actW, false, true);

  // The states: from both heads, then through the recurrence.
  const dStates = ops.add(
    ops.gather(withZeroRow(dLive, H), w.actRowOf),
    ops.gather(withZeroRow(dSelectionState, H), w.selectionRowOf),
  );
  const [recurrentGates, recurrentCandidate] = ops.split(w.recurrentW, [2 * H, H], 1) as [V, V];
  const [dGateInputs, dCandidateInputs, dRecurrentGates, dRecurrentCandidate, dCandidateB] =
    recurrenceBackward(
      ops,
      [
        ops.reshape(dStates, [S, -1, H]),
        recurrentGates,
        recurrentCandidate,
        previous,
        gates,
        candidates,
        recurrentParts,
      ],
      S,
      H,
    ) as [V, V, V, V, V];
  const dAllInputs = ops.concat([dGateInputs, dCandidateInputs], 2);
  const dRecurrentW = ops.concat([dRecurrentGates, dRecurrentCandidate], 1);

  // The input product: the steps' part, and the context's part broadcast over the steps.
  const [stepW, contextW] = ops.split(w.inputW, [E + stepKinds, C], 0) as [V, V];
  const dContextPart = ops.sumRows(dAllInputs);
  const dGateB = ops.sumRows(dContextPart);
  const dInputRows = ops.reshape(dAllInputs, [-1, 3 * H]);
  const dInputW = ops.concat(
    [
      ops.matMul(stepInputs, dInputRows, true, false),
      ops.matMul(context, dContextPart, true, false),
    ],
    0,
  );
  const [dEmbedded] = ops.split(ops.matMul(dInputRows, stepW, false, true), [E, stepKinds], 1);
  const dEmbedding = ops.matMul(
    ops.oneHot(w.tokens, shape.vocabulary + 1),
    dEmbedded!,
    true,
    false,
  );

  // The context encoder: tanh'(a) = 1 − tanh(a)².
  const dContext = ops.add(dContextFromSelection, ops.matMul(dContextPart, contextW, false, true));
  const dContextArgument = ops.mul(dContext, ops.sub(1, ops.square(context)));
  const gradients: Record<(typeof weightNames)[number], V> = {
    embedding: dEmbedding,
    contextW: ops.matMul(w.features, dContextArgument, true, false),
    contextB: ops.sumRows(dContextArgument),
    inputW: dInputW,
    recurrentW: dRecurrentW,
    gateB: dGateB,
    candidateB: dCandidateB,
    actW: dActW,
    actB: dActB,
    selectionStateW: dSelectionStateW,
    selectionCandidateW: dSelectionCandidateW,
    selectionB: dSelectionB,
    selectionV: dSelectionV,
  };
  return weightNames.map((name) => gradients[name]);
}

interface SequenceGraphs {
  forward: GraphSession;
  backward: GraphSession;
}

/** Per native backend, the traced passes of each shape met so far. */
const graphCache = new WeakMap<object, Map<string, SequenceGraphs>>();

function sequenceGraphs(tf: Tf, shape: SequenceModelShape): SequenceGraphs {
  const backend = tf.backend();
  let graphs = graphCache.get(backend);
  if (graphs === undefined) {
    graphs = new Map();
    graphCache.set(backend, graphs);
  }
  const key = JSON.stringify(shape);
  let loaded = graphs.get(key);
  if (loaded === undefined) {
    loaded = {
      forward: traced(tf, 0, 0, (ops, inputs) => sequenceForward(ops, shape, inputs)),
      backward: traced(tf, 1, savedCount, (ops, inputs) => sequenceBackward(ops, shape, inputs)),
    };
    graphs.set(key, loaded);
  }
  return loaded;
}

/** A pass traced with its inputs: `before` floats, the weights and the batch, `after` floats. */
function traced(
  tf: Tf,
  before: number,
  after: number,
  compute: (ops: GraphBuilder, inputs: string[]) => string[],
): GraphSession {
  const graph = new GraphBuilder();
  const inputs = [
    ...Array.from({ length: before + weightCount }, () => graph.input()),
    ...batchFields.map((field) => graph.input(intFields.has(field) ? 'int32' : 'float32')),
    ...Array.from({ length: after }, () => graph.input()),
  ];
  return loadGraph(tf, graph, compute(graph, inputs));
}
