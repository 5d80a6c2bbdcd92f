import type { Candidate } from '../candidates';
import { fmt } from '../fairness';
import {
  clamp01,
  concessionOf,
  partnerConcession,
  type Tactic,
  type TacticContext,
} from './tactic';

const tolerance = 1e-9;

/** Collaborative tactics answer a partner that is not greedy (Tit-for-Tat). */
function notGreedy(c: TacticContext): boolean {
  return c.stance !== 'greedy';
}

export const initialGenerousConcession: Tactic = {
  id: 'initialGenerousConcession',
  group: 'collaborative',
  when: 'self has offered but never conceded, and the partner is not greedy',
  how: 'make a clear first concession of about initialConcessionShare of the maximum',
  applies: (c) =>
    c.ownOfferCount > 0 && notGreedy(c) && c.ownConcessions.every((x) => x <= tolerance)
      ? `no concession yet; the partner is ${c.stance}`
      : null,
  fit: (candidate, c) =>
    felt(candidate, c)
      ? 1 -
        clamp01(
          Math.abs(concessionOf(candidate, c) - c.initialConcession) /
            (c.initialConcession + c.scoreStep),
        )
      : 0,
};

export const smallerFollowUpConcession: Tactic = {
  id: 'smallerFollowUpConcession',
  group: 'collaborative',
  when: 'self has conceded before and the partner is not greedy',
  how: 'concede again, about half as much as last time (never more)',
  applies: (c) => {
    const last = lastConcession(c);
    return last !== null && notGreedy(c) ? `our last concession was ${fmt(last)}` : null;
  },
  fit: (candidate, c) => {
    const last = lastConcession(c) ?? 0;
    const concession = concessionOf(candidate, c);
    // Half the last concession, rounded up to a step of own score (a smaller one may not exist).
    const target = Math.max(c.scoreStep, Math.ceil(last / 2 / c.scoreStep) * c.scoreStep);
    return concession > last + tolerance || !felt(candidate, c)
      ? 0
      : 1 - clamp01(Math.abs(concession - target) / Math.max(target, last / 2));
  },
};

export const reciprocalConcession: Tactic = {
  id: 'reciprocalConcession',
  group: 'collaborative',
  when: 'the partner lowered its own score in its latest offer',
  how: 'concede about as much as the partner did',
  applies: (c) => {
    const change = partnerConcession(c);
    return change !== null && change > tolerance
      ? `the partner conceded ${fmt(change)} of its own score`
      : null;
  },
  fit: (candidate, c) => {
    const given = partnerConcession(c) ?? 0;
    return (
      1 - clamp01(Math.abs(concessionOf(candidate, c) - given) / Math.max(given, c.allowedGap))
    );
  },
};

export const logrolling: Tactic = {
  id: 'logrolling',
  group: 'collaborative',
  when: "the partner's behaviour shows it wants most an item self does not, and it is not greedy",
  how: 'trade rather than concede: give the partner more for at most the fair gap of own score, with the largest joint score (own + partner)',
  applies: (c) =>
    c.prioritiesDiffer && c.ippHasEvidence && notGreedy(c)
      ? 'the inferred priorities differ from ours'
      : null,
  fit: (candidate, c) => {
    if (
      !felt(candidate, c) ||
      concessionOf(candidate, c) > Math.max(c.allowedGap, c.scoreStep) + tolerance
    ) {
      return 0;
    }
    const span = c.jointRange.max - c.jointRange.min;
    return span <= tolerance
      ? 1
      : clamp01((candidate.ownScore + candidate.partnerScore - c.jointRange.min) / span);
  },
};

export const fairnessRestoringAdjustment: Tactic = {
  id: 'fairnessRestoringAdjustment',
  group: 'collaborative',
  when: "the partner's latest offer was fair but ours left us more than the fair gap ahead, and the partner is not greedy",
  how: 'move toward a fair split (own ahead by at most the fair gap): the closer the better',
  applies: (c) => {
    if (!notGreedy(c) || c.fairness.verdict !== 'fair') {
      return null;
    }
    const ownGap =
      c.ownLastScore === null || c.ownLastPartnerScore === null
        ? 0
        : c.ownLastScore - c.ownLastPartnerScore;
    return ownGap > c.allowedGap + tolerance ? `our latest offer was ${fmt(ownGap)} ahead` : null;
  },
  fit: (candidate, c) => {
    const lead = candidate.ownScore - candidate.partnerScore;
    const outside = lead < 0 ? -lead : Math.max(0, lead - c.allowedGap);
    return 1 - clamp01(outside / (c.maxScore / 2));
  },
};

/**
 * A concession counts only if the partner feels it: it gives the partner more, by the IPP, than
 * our latest offer did (giving away what the partner does not want concedes nothing).
 */
function felt(candidate: Candidate, c: TacticContext): boolean {
  return (
    c.ownLastPartnerScore === null || candidate.partnerScore > c.ownLastPartnerScore + tolerance
  );
}

function lastConcession(c: TacticContext): number | null {
  const conceded = c.ownConcessions.filter((x) => x > tolerance);
  return conceded.at(-1) ?? null;
}

export const collaborativeTactics: readonly Tactic[] = [
  initialGenerousConcession,
  smallerFollowUpConcession,
  reciprocalConcession,
  logrolling,
  fairnessRestoringAdjustment,
];
