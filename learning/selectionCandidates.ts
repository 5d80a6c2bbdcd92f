import { complement, allocationsEqual } from '../shared/domain/allocation';
import { isOffer } from '../shared/dialogue/acts';
import { agreedShare } from '../shared/dialogue/agreement';
import type { Turn } from '../shared/dialogue/dialogue';
import type { AgentIndex, Allocation, Domain } from '../shared/domain/types';

/**
 * What the selection head chooses among: "no agreement", and one's own share under every offer
 * made in the dialogue (a pointer over the dialogue, in the spirit of the original model's
 * attention over it). Each candidate is described by its own share per item, who offered it,
 * how recently, whether the other side agreed to it, and what it is worth to oneself.
 *
 * Once an offer was agreed to (shared/dialogue/agreement.ts), the agreed share is the only
 * candidate: a policy keeps its word, as the scripted negotiators and ASTRA do. Left to the
 * head, a barely trained policy (a bootstrap's) pointed at "no agreement" after every agreement,
 * so no dialogue it played, in self-play or live, ever ended in a deal.
 */
export interface SelectionCandidates {
  allocations: (Allocation | null)[];
  /** One feature row per candidate (selectionFeatureCount(domain) numbers each). */
  features: number[][];
}

export function selectionFeatureCount(domain: Domain): number {
  return domain.items.length + 5;
}

/** The most candidates a dialogue of this domain can have: no agreement + one per turn. */
export function maxSelectionCandidates(domain: Domain): number {
  return domain.maxTurns + 1;
}

export function selectionCandidates(
  domain: Domain,
  counts: readonly number[],
  utilities: readonly number[],
  turns: readonly Turn[],
  me: AgentIndex,
): SelectionCandidates {
  const allocations: (Allocation | null)[] = [null];
  const features: number[][] = [
    [...domain.items.map(() => 0), 1, 0, 0, 0, domain.batna / domain.maxScore],
  ];
  // Newest first, so that a repeated offer keeps its most recent position.
  for (let t = turns.length - 1; t >= 0; t--) {
    const turn = turns[t]!;
    if (!isOffer(turn.act)) {
      continue;
    }
    const share =
      turn.speaker === me ? [...turn.act.allocation] : complement(counts, turn.act.allocation);
    const agreed = turns[t + 1]?.act.type === 'agree' && turns[t + 1]!.speaker !== turn.speaker;
    const existing = allocations.findIndex((a) => a !== null && allocationsEqual(a, share));
    if (existing >= 0) {
      if (agreed) {
        features[existing]![domain.items.length + 3] = 1;
      }
      continue;
    }
    allocations.push(share);
    features.push([
      ...share.map((n) => n / domain.maxCountPerItem),
      0,
      turn.speaker === me ? 1 : 0,
      (turns.length - t) / domain.maxTurns,
      agreed ? 1 : 0,
      share.reduce((s, n, i) => s + n * (utilities[i] ?? 0), 0) / domain.maxScore,
    ]);
  }
  const agreement = agreedShare(turns, me, counts);
  if (agreement === null) {
    return { allocations, features };
  }
  const kept = allocations.findIndex((a) => a !== null && allocationsEqual(a, agreement));
  return { allocations: [allocations[kept]!], features: [features[kept]!] };
}

/** Index of `selection` among the candidates, or -1 when the dialogue never offered it. */
export function candidateIndex(
  candidates: SelectionCandidates,
  selection: Allocation | null,
): number {
  return candidates.allocations.findIndex((a) =>
    a === null || selection === null ? a === selection : allocationsEqual(a, selection),
  );
}
