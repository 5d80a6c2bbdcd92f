import { fmt } from '../fairness';
import { clamp01, concessionOf, partnerConcession, type Tactic } from './tactic';

/** A partner demand is extreme when it keeps at least this share of the maximum for itself. */
const extremeShare = 0.8;
const tolerance = 1e-9;

export const aggressiveEarlyOffer: Tactic = {
  id: 'aggressiveEarlyOffer',
  group: 'competitive',
  when: 'self has not made an offer yet',
  how: 'open high: the more own score the better',
  applies: (c) => (c.ownOfferCount === 0 ? 'this is our opening offer' : null),
  fit: (candidate, c) => clamp01(candidate.ownScore / c.maxScore),
};

export const matchExtremeDemands: Tactic = {
  id: 'matchExtremeDemands',
  group: 'competitive',
  when: `the partner's latest offer keeps at least ${extremeShare * 100} % of the maximum for itself`,
  how: 'mirror it: ask for as much as the partner asked for',
  applies: (c) => {
    const demand = c.fairness.partnerScore;
    return demand !== null && demand >= extremeShare * c.maxScore - tolerance
      ? `the partner asks for ${fmt(demand)} of ${c.maxScore}`
      : null;
  },
  fit: (candidate, c) =>
    1 - clamp01(Math.abs(candidate.ownScore - (c.fairness.partnerScore ?? 0)) / c.maxScore),
};

export const holdFirmWhenPartnerHoldsFirm: Tactic = {
  id: 'holdFirmWhenPartnerHoldsFirm',
  group: 'competitive',
  when: "self has offered and the partner's two latest offers are worth the same to it",
  how: 'do not concede: keep the own score of our latest offer',
  applies: (c) => {
    const change = partnerConcession(c);
    return c.ownOfferCount > 0 && change !== null && Math.abs(change) <= tolerance
      ? 'the partner did not move'
      : null;
  },
  fit: (candidate, c) => 1 - clamp01(concessionOf(candidate, c) / c.allowedGap),
};

export const holdWhenPartnerGotGreedier: Tactic = {
  id: 'holdWhenPartnerGotGreedier',
  group: 'competitive',
  when: 'self has offered and the partner raised its own score in its latest offer',
  how: 'do not concede, and give the partner no more than our latest offer did',
  applies: (c) => {
    const change = partnerConcession(c);
    return c.ownOfferCount > 0 && change !== null && change < -tolerance
      ? `the partner asked for ${fmt(-change)} more`
      : null;
  },
  fit: (candidate, c) => {
    const gift = candidate.partnerScore - (c.ownLastPartnerScore ?? candidate.partnerScore);
    return (
      1 -
      0.5 * clamp01(concessionOf(candidate, c) / c.allowedGap) -
      0.5 * clamp01(gift / c.allowedGap)
    );
  },
};

export const competitiveTactics: readonly Tactic[] = [
  aggressiveEarlyOffer,
  matchExtremeDemands,
  holdFirmWhenPartnerHoldsFirm,
  holdWhenPartnerGotGreedier,
];
