import type { Turn } from '../shared/dialogue/dialogue';
import { validActMask } from '../shared/dialogue/validActs';
import { vocabularyFor } from '../shared/dialogue/vocabulary';
import type { AgentIndex, Allocation, Context, Domain } from '../shared/domain/types';
import { contextFeatureCount, contextFeatures } from './contextFeatures';
import { stepKinds } from './policyWeights';
import {
  candidateIndex,
  maxSelectionCandidates,
  selectionCandidates,
  selectionFeatureCount,
} from './selectionCandidates';

/** The part of a dialogue the models learn from (a `DialogueState` or a stored record fits). */
export interface LearnableDialogue {
  context: Context;
  firstSpeaker: AgentIndex;
  turns: readonly Turn[];
  selections: readonly [Allocation | null | undefined, Allocation | null | undefined];
}

/** One training example: a dialogue seen from one side (each dialogue gives two). */
export interface PerspectiveExample {
  dialogue: LearnableDialogue;
  perspective: AgentIndex;
}

/**
 * Teacher-forcing arrays for a batch of examples, padded to the longest. Step t < length feeds
 * the previous act (or the start token) and predicts act t, whoever says it (the model is a
 * language model of the dialogue from its side); step `length` is the selection step.
 */
export interface SequenceBatch {
  size: number;
  steps: number;
  features: Float32Array; // [N, F]
  tokens: Int32Array; // [N, S]
  kinds: Float32Array; // [N, S, 4]: own act next, partner act next, selection, turn / max turns
  targets: Int32Array; // [N, S]
  actMasks: Uint8Array; // [N, S, V]: 1 where the act is allowed
  /** Per-step weights of the act log-probabilities (SL: 1 on every act; RL: advantages on own acts). */
  stepWeights: Float32Array; // [N, S]
  ownStep: Uint8Array; // [N, S]: 1 where the act at this step is the perspective's own
  selectionStep: Int32Array; // [N]
  /** Up to `candidates` selection candidates per example (see selectionCandidates.ts). */
  candidates: number;
  candidateFeatures: Float32Array; // [N, M, K]
  candidateMasks: Float32Array; // [N, M]
  selectionTargets: Int32Array; // [N]: index of the selected candidate
  /** 1 where the example's selection is one of its candidates (else the selection is not learned). */
  selectionWeights: Float32Array; // [N]
}

export function buildSequenceBatch(
  domain: Domain,
  examples: readonly PerspectiveExample[],
): SequenceBatch {
  const vocabulary = vocabularyFor(domain);
  const V = vocabulary.size;
  const F = contextFeatureCount(domain);
  const K = selectionFeatureCount(domain);
  const M = maxSelectionCandidates(domain);
  const N = examples.length;
  const S = 1 + Math.max(0, ...examples.map((e) => e.dialogue.turns.length));
  const batch: SequenceBatch = {
    size: N,
    steps: S,
    features: new Float32Array(N * F),
    tokens: new Int32Array(N * S).fill(V),
    kinds: new Float32Array(N * S * stepKinds),
    targets: new Int32Array(N * S),
    actMasks: new Uint8Array(N * S * V),
    stepWeights: new Float32Array(N * S),
    ownStep: new Uint8Array(N * S),
    selectionStep: new Int32Array(N),
    candidates: M,
    candidateFeatures: new Float32Array(N * M * K),
    candidateMasks: new Float32Array(N * M),
    selectionTargets: new Int32Array(N),
    selectionWeights: new Float32Array(N),
  };
  examples.forEach(({ dialogue, perspective }, n) => {
    const { context, turns } = dialogue;
    batch.features.set(
      contextFeatures(domain, context.counts, context.utilities[perspective]),
      n * F,
    );
    const encoded = encodedTurns(domain, dialogue);
    turns.forEach((turn, t) => {
      const step = n * S + t;
      if (t > 0) {
        batch.tokens[step] = encoded.acts[t - 1]!;
      }
      const own = turn.speaker === perspective;
      batch.kinds[step * stepKinds + (own ? 0 : 1)] = 1;
      batch.kinds[step * stepKinds + 3] = t / domain.maxTurns;
      batch.ownStep[step] = own ? 1 : 0;
      batch.targets[step] = encoded.acts[t]!;
      batch.stepWeights[step] = 1;
    });
    batch.actMasks.set(encoded.masks, n * S * V);
    const length = turns.length;
    if (length > 0) {
      batch.tokens[n * S + length] = encoded.acts[length - 1]!;
    }
    batch.kinds[(n * S + length) * stepKinds + 2] = 1;
    batch.kinds[(n * S + length) * stepKinds + 3] = length / domain.maxTurns;
    batch.selectionStep[n] = length;
    const candidates = selectionCandidates(
      domain,
      context.counts,
      context.utilities[perspective],
      turns,
      perspective,
    );
    candidates.features.forEach((row, m) => {
      batch.candidateFeatures.set(row, (n * M + m) * K);
      batch.candidateMasks[n * M + m] = 1;
    });
    const selection = dialogue.selections[perspective];
    const target = selection === undefined ? -1 : candidateIndex(candidates, selection);
    if (target >= 0) {
      batch.selectionTargets[n] = target;
      batch.selectionWeights[n] = 1;
    }
  });
  return batch;
}

interface EncodedTurns {
  domainId: string;
  turns: readonly Turn[];
  length: number;
  /** The vocabulary id of each turn's act. */
  acts: Int32Array;
  /** [T, V]: the acts allowed at each turn (the same from either side). */
  masks: Uint8Array;
}

// Each dialogue is encoded once, not once per side and epoch: the act masks are most of the
// cost of building a batch. Keyed by the dialogue object; a changed turn list is re-encoded.
const encodings = new WeakMap<LearnableDialogue, EncodedTurns>();

function encodedTurns(domain: Domain, dialogue: LearnableDialogue): EncodedTurns {
  const { turns, context } = dialogue;
  const cached = encodings.get(dialogue);
  if (
    cached !== undefined &&
    cached.domainId === domain.id &&
    cached.turns === turns &&
    cached.length === turns.length
  ) {
    return cached;
  }
  const vocabulary = vocabularyFor(domain);
  const V = vocabulary.size;
  const acts = Int32Array.from(turns, (turn) => vocabulary.encode(turn.act));
  const masks = new Uint8Array(turns.length * V);
  const mask = new Uint8Array(V);
  turns.forEach((turn, t) => {
    validActMask(domain, context, turns.slice(0, t), turn.speaker, mask);
    // People break the rules agents play by ("deal" to an offer the parser missed): what
    // was said is always possible when learning from it.
    mask[acts[t]!] = 1;
    masks.set(mask, t * V);
  });
  const encoded = { domainId: domain.id, turns, length: turns.length, acts, masks };
  encodings.set(dialogue, encoded);
  return encoded;
}

/** Both sides of every dialogue, as the paper trains: two examples per dialogue. */
export function bothPerspectives(dialogues: readonly LearnableDialogue[]): PerspectiveExample[] {
  return dialogues.flatMap((dialogue) => [
    { dialogue, perspective: 0 as const },
    { dialogue, perspective: 1 as const },
  ]);
}
