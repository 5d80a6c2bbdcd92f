import { scoreOf } from '../../domain/scoring';
import type { Domain } from '../../domain/types';
import type { Candidate } from '../candidates';
import type { Fairness } from '../fairness';
import { latest, type NegotiationRecord } from '../negotiationRecord';
import { rankItems, type Ipp } from '../opponentModel';
import type { AstraOptions } from '../options';
import type { StanceAssessment } from '../stance';
import type { TacticContext } from './tactic';

/** Gathers what the tactic rules read from the stages before them. */
export function buildTacticContext(
  domain: Domain,
  record: NegotiationRecord,
  ownUtilities: readonly number[],
  ipp: Ipp,
  fairness: Fairness,
  stance: StanceAssessment,
  candidates: readonly Candidate[],
  options: AstraOptions,
): TacticContext {
  const ownScores = record.ownOffers.map((o) => scoreOf(ownUtilities, o.ownShare));
  const ownLast = latest(record.ownOffers);
  const joint = candidates.map((c) => c.ownScore + c.partnerScore);
  const scoreStep = ownUtilities.reduce((g, u) => gcd(g, Math.round(u)), 0) || 1;
  return {
    maxScore: domain.maxScore,
    allowedGap: Math.max(options.fairGapShare * domain.maxScore, Number.EPSILON),
    initialConcession: Math.max(options.initialConcessionShare * domain.maxScore, scoreStep),
    scoreStep,
    stance: stance.stance,
    fairness,
    ownOfferCount: record.ownOffers.length,
    ownLastScore: ownScores.at(-1) ?? null,
    ownLastPartnerScore: ownLast === null ? null : scoreOf(ipp.utilities, ownLast.partnerShare),
    ownConcessions: ownScores.slice(1).map((score, k) => (ownScores[k] ?? score) - score),
    partnerScores: stance.partnerScores,
    prioritiesDiffer: ipp.ranking[0] !== rankItems(ownUtilities)[0],
    ippHasEvidence: ipp.basis !== 'prior',
    jointRange: {
      min: joint.length === 0 ? 0 : Math.min(...joint),
      max: joint.length === 0 ? 0 : Math.max(...joint),
    },
  };
}

function gcd(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : gcd(b, a % b);
}
