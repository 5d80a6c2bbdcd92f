import { describe, expect, it } from 'vitest';
import type { Candidate } from '../candidates';
import type { Fairness } from '../fairness';
import { collaborativeTactics } from './collaborative';
import { competitiveTactics } from './competitive';
import { preferredGroup, tactics, type TacticContext, type TacticId } from './index';

const unknownFairness: Fairness = {
  verdict: 'unknown',
  ownScore: null,
  partnerScore: null,
  allowedGap: 3.6,
  partnerLevel: 21.6,
  reason: '',
};

/** A CaSiNo-scale situation after one own offer worth 30 (partner 10) and no partner offer. */
function context(overrides: Partial<TacticContext> = {}): TacticContext {
  return {
    maxScore: 36,
    allowedGap: 3.6,
    initialConcession: 3.6,
    scoreStep: 1,
    stance: 'neutral',
    fairness: unknownFairness,
    ownOfferCount: 1,
    ownLastScore: 30,
    ownLastPartnerScore: 10,
    ownConcessions: [],
    partnerScores: [],
    prioritiesDiffer: false,
    ippHasEvidence: false,
    jointRange: { min: 30, max: 44 },
    ...overrides,
  };
}

function candidate(ownScore: number, partnerScore: number): Candidate {
  return { allocation: [], partnerShare: [], ownScore, partnerScore, sources: [] };
}

function tactic(id: TacticId) {
  const found = tactics.find((t) => t.id === id);
  if (found === undefined) {
    throw new Error(id);
  }
  return found;
}

describe('the nine tactics', () => {
  it('are nine, four competitive and five collaborative', () => {
    expect(competitiveTactics).toHaveLength(4);
    expect(collaborativeTactics).toHaveLength(5);
    expect(new Set(tactics.map((t) => t.id)).size).toBe(9);
  });

  it('aggressiveEarlyOffer: applies to the opening only and prefers high own score', () => {
    const t = tactic('aggressiveEarlyOffer');
    const opening = context({ ownOfferCount: 0, ownLastScore: null, ownLastPartnerScore: null });
    expect(t.applies(opening)).not.toBeNull();
    expect(t.applies(context())).toBeNull();
    expect(t.fit(candidate(33, 5), opening)).toBeGreaterThan(t.fit(candidate(20, 18), opening));
  });

  it('matchExtremeDemands: applies when the partner keeps ≥ 80 % and mirrors that demand', () => {
    const t = tactic('matchExtremeDemands');
    const extreme = context({
      fairness: { ...unknownFairness, verdict: 'unfair', ownScore: 3, partnerScore: 33 },
    });
    const modest = context({
      fairness: { ...unknownFairness, verdict: 'fair', ownScore: 18, partnerScore: 17 },
    });
    expect(t.applies(extreme)).not.toBeNull();
    expect(t.applies(modest)).toBeNull();
    expect(t.fit(candidate(33, 5), extreme)).toBe(1);
    expect(t.fit(candidate(25, 12), extreme)).toBeLessThan(1);
  });

  it('holdFirmWhenPartnerHoldsFirm: applies when the partner did not move; no concession fits best', () => {
    const t = tactic('holdFirmWhenPartnerHoldsFirm');
    const firm = context({ partnerScores: [30, 30] });
    expect(t.applies(firm)).not.toBeNull();
    expect(t.applies(context({ partnerScores: [30, 27] }))).toBeNull();
    expect(t.applies(context({ partnerScores: [30] }))).toBeNull();
    expect(t.fit(candidate(30, 10), firm)).toBe(1);
    expect(t.fit(candidate(27, 14), firm)).toBeLessThan(0.2);
  });

  it('holdWhenPartnerGotGreedier: applies when the partner asked for more; no gift fits best', () => {
    const t = tactic('holdWhenPartnerGotGreedier');
    const greedier = context({ stance: 'greedy', partnerScores: [27, 30] });
    expect(t.applies(greedier)).not.toBeNull();
    expect(t.applies(context({ partnerScores: [30, 27] }))).toBeNull();
    expect(t.fit(candidate(30, 10), greedier)).toBe(1);
    expect(t.fit(candidate(29, 12), greedier)).toBeLessThan(t.fit(candidate(30, 10), greedier));
  });

  it('initialGenerousConcession: applies before any concession to a non-greedy partner; targets its size', () => {
    const t = tactic('initialGenerousConcession');
    expect(t.applies(context())).not.toBeNull();
    expect(t.applies(context({ stance: 'greedy' }))).toBeNull();
    expect(t.applies(context({ ownConcessions: [3] }))).toBeNull();
    const c = context();
    expect(t.fit(candidate(26, 14), c)).toBeGreaterThan(t.fit(candidate(30, 10), c));
    expect(t.fit(candidate(26, 14), c)).toBeGreaterThan(t.fit(candidate(18, 20), c));
    // A concession the partner does not value (its score does not rise) is no concession.
    expect(t.fit(candidate(26, 10), c)).toBe(0);
  });

  it('smallerFollowUpConcession: applies after a concession; half of it fits best, more fits not', () => {
    const t = tactic('smallerFollowUpConcession');
    const after = context({ ownConcessions: [4], ownLastScore: 26, ownLastPartnerScore: 14 });
    expect(t.applies(after)).not.toBeNull();
    expect(t.applies(context())).toBeNull();
    expect(t.fit(candidate(24, 16), after)).toBe(1);
    expect(t.fit(candidate(21, 19), after)).toBe(0);
  });

  it('reciprocalConcession: applies when the partner conceded; matching its size fits best', () => {
    const t = tactic('reciprocalConcession');
    const conceded = context({ stance: 'generous', partnerScores: [33, 28] });
    expect(t.applies(conceded)).not.toBeNull();
    expect(t.applies(context({ partnerScores: [28, 33] }))).toBeNull();
    expect(t.fit(candidate(25, 15), conceded)).toBe(1);
    expect(t.fit(candidate(29, 11), conceded)).toBeLessThan(1);
  });

  it('logrolling: applies with evidence of different priorities; favours joint score within the fair gap', () => {
    const t = tactic('logrolling');
    const trade = context({ prioritiesDiffer: true, ippHasEvidence: true });
    expect(t.applies(trade)).not.toBeNull();
    expect(t.applies(context({ prioritiesDiffer: true }))).toBeNull();
    expect(t.applies({ ...trade, stance: 'greedy' })).toBeNull();
    expect(t.fit(candidate(28, 16), trade)).toBeGreaterThan(t.fit(candidate(28, 12), trade));
    // Giving up more than the fair gap is a concession, not a trade.
    expect(t.fit(candidate(20, 24), trade)).toBe(0);
  });

  it('fairnessRestoringAdjustment: applies when the partner was fair but we are far ahead; fair splits fit best', () => {
    const t = tactic('fairnessRestoringAdjustment');
    const fair = context({
      fairness: { ...unknownFairness, verdict: 'fair', ownScore: 18, partnerScore: 17 },
    });
    expect(t.applies(fair)).not.toBeNull();
    expect(t.applies(context())).toBeNull();
    expect(t.applies({ ...fair, ownLastScore: 20, ownLastPartnerScore: 18 })).toBeNull();
    expect(t.fit(candidate(20, 18), fair)).toBe(1);
    expect(t.fit(candidate(30, 10), fair)).toBeLessThan(0.5);
  });

  it('Tit-for-Tat picks competitive tactics for the opening and a greedy partner, collaborative otherwise', () => {
    expect(preferredGroup(context({ ownOfferCount: 0 })).group).toBe('competitive');
    expect(preferredGroup(context({ stance: 'greedy' })).group).toBe('competitive');
    expect(preferredGroup(context({ stance: 'generous' })).group).toBe('collaborative');
    expect(preferredGroup(context()).group).toBe('collaborative');
  });
});
