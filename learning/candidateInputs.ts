import type { DialogueState } from '../shared/dialogue/dialogue';
import type { AgentIndex } from '../shared/domain/types';
import type { Policy } from './policyNetwork';
import { selectionCandidates, type SelectionCandidates } from './selectionCandidates';

export interface CandidateInputs {
  /** [B·M, K] candidate features; rows not selecting stay zero. */
  features: Float32Array;
  /** Per row: its candidates and which of the M slots hold one (null when not selecting). */
  perRow: ((SelectionCandidates & { mask: Uint8Array }) | null)[];
}

/** The selection candidates of the rows at their selection step, from `agent`'s side. */
export function candidateInputs(
  policy: Policy,
  states: readonly DialogueState[],
  selecting: Uint8Array,
  agent: AgentIndex,
): CandidateInputs {
  const { maxCandidates: M, candidateFeatures: K, domain } = policy.shapes;
  const features = new Float32Array(states.length * M * K);
  const perRow = states.map((state, i) => {
    if (selecting[i] !== 1) {
      return null;
    }
    const candidates = selectionCandidates(
      domain,
      state.context.counts,
      state.context.utilities[agent],
      state.turns,
      agent,
    );
    const mask = new Uint8Array(M);
    candidates.features.forEach((row, m) => {
      features.set(row, (i * M + m) * K);
      mask[m] = 1;
    });
    return { ...candidates, mask };
  });
  return { features, perRow };
}
