import { partnerAcceptance } from './acceptance';
import type { Candidate } from './candidates';
import type { NegotiationRecord } from './negotiationRecord';
import type { AstraOptions } from './options';
import {
  preferredGroup,
  tactics,
  type TacticContext,
  type TacticGroup,
  type TacticId,
} from './tactics';

export interface ScoredCandidate extends Candidate {
  pap: number;
  /** PAP's parts: the partner's score share and its movement toward its best outcome. */
  papParts: { scoreShare: number; movement: number };
  /** Strategy assessment: the best fit among the tactics that apply now (0 when none does). */
  sa: number;
  /** The tactic that fits this candidate best, or null when no tactic applies. */
  tactic: TacticId | null;
  /** alpha·PAP + beta·SA, with alpha and beta normalised to sum to 1 (PAP alone for our final offer). */
  final: number;
}

export interface OfferSelection {
  /** The tactic group in use and why (Tit-for-Tat). */
  group: { group: TacticGroup; reason: string };
  /** Tactics of that group that apply now, with the reason. */
  applicable: { id: TacticId; why: string }[];
  /** Every candidate, in the candidate set's order. */
  scored: ScoredCandidate[];
  /** The highest final score (ties: more own score, then the earlier candidate); null if none. */
  chosen: ScoredCandidate | null;
  /** The weights of PAP and SA in `final`, normalised to sum to 1. */
  weights: { alpha: number; beta: number };
}

const tieTolerance = 1e-9;

/**
 * Stage 3: score every candidate by α·PAP + β·SA, SA being the best fit among the applicable
 * tactics of the group Tit-for-Tat picks, and choose the best. For our final offer (`finalOffer`)
 * the weights become PAP alone.
 */
export function selectOffer(
  candidates: readonly Candidate[],
  context: TacticContext,
  record: NegotiationRecord,
  partnerUtilities: readonly number[],
  options: AstraOptions,
  finalOffer: boolean,
): OfferSelection {
  const preferred = preferredGroup(context, options.competitiveAgainstNeutral);
  const inGroup = (group: TacticGroup) =>
    tactics.flatMap((tactic) => {
      const why = tactic.group === group ? tactic.applies(context) : null;
      return why === null ? [] : [{ tactic, why }];
    });
  let group = preferred;
  let applicable = inGroup(preferred.group);
  if (applicable.length === 0) {
    const other: TacticGroup = preferred.group === 'competitive' ? 'collaborative' : 'competitive';
    group = {
      group: other,
      reason: `${preferred.reason}, but no ${preferred.group} tactic applies`,
    };
    applicable = inGroup(other);
  }
  // Our final offer is judged by acceptance alone: a rejection leaves the partner's ultimatum or
  // no deal, so how well it fits a tactic no longer matters.
  const alpha = finalOffer ? 1 : options.alpha / (options.alpha + options.beta);
  const beta = finalOffer ? 0 : options.beta / (options.alpha + options.beta);
  const scored = candidates.map((candidate): ScoredCandidate => {
    const acceptance = partnerAcceptance(
      record,
      partnerUtilities,
      candidate.partnerShare,
      options.papScoreWeight,
    );
    let sa = 0;
    let tactic: TacticId | null = null;
    for (const { tactic: rule } of applicable) {
      const fit = rule.fit(candidate, context);
      if (tactic === null || fit > sa + tieTolerance) {
        sa = fit;
        tactic = rule.id;
      }
    }
    return {
      ...candidate,
      pap: acceptance.pap,
      papParts: { scoreShare: acceptance.scoreShare, movement: acceptance.movement },
      sa,
      tactic,
      final: alpha * acceptance.pap + beta * sa,
    };
  });
  let chosen: ScoredCandidate | null = null;
  for (const candidate of scored) {
    if (
      chosen === null ||
      candidate.final > chosen.final + tieTolerance ||
      (Math.abs(candidate.final - chosen.final) <= tieTolerance &&
        candidate.ownScore > chosen.ownScore)
    ) {
      chosen = candidate;
    }
  }
  return {
    group,
    applicable: applicable.map(({ tactic, why }) => ({ id: tactic.id, why })),
    scored,
    chosen,
    weights: { alpha, beta },
  };
}
