import type { Explanation } from '../../../shared/astra/explanation';
import { isOffer, type Act } from '../../../shared/dialogue/acts';

export interface ExplanationPoint {
  /** A short label for the point (Partner, Their offer, Tactic, Acceptance, Accepting, Why). */
  label: string;
  text: string;
  /** A tone for colour only; the text carries the meaning. */
  tone: 'good' | 'bad' | 'neutral';
}

const stanceWords = {
  greedy: { text: 'seems greedy', tone: 'bad' },
  generous: { text: 'seems generous', tone: 'good' },
  neutral: { text: 'seems neither greedy nor generous so far', tone: 'neutral' },
} as const;

/** "logrolling" → "logrolling", "holdFirmWhenPartnerHoldsFirm" → "hold firm when partner holds firm". */
export function tacticName(id: string): string {
  return id.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

const percent = (x: number) => `${Math.round(x * 100)} %`;

/**
 * The partner's latest offer in the worker's terms. ASTRA calls an offer "unfair" whichever side
 * it favours; an offer lopsided in the worker's favour is said plainly to be so, not "unfair".
 * The partner's score is ASTRA's estimate of Alice's values, hence "about".
 */
export function offerPoint(fairness: Explanation['fairness']): ExplanationPoint {
  const { verdict, ownScore, partnerScore } = fairness;
  if (verdict === 'unknown' || ownScore === null) {
    return { label: 'Their offer', text: 'They have not made an offer yet.', tone: 'neutral' };
  }
  const scores =
    partnerScore === null
      ? `it gives you ${ownScore} points`
      : `it gives you ${ownScore} points and them about ${Math.round(partnerScore)}`;
  if (verdict === 'fair') {
    return {
      label: 'Their offer',
      text: `Their latest offer looks fair: ${scores}.`,
      tone: 'good',
    };
  }
  if (partnerScore !== null && ownScore > partnerScore) {
    return {
      label: 'Their offer',
      text: `Their latest offer is lopsided in your favour: ${scores}.`,
      tone: 'good',
    };
  }
  return {
    label: 'Their offer',
    text: `Their latest offer looks unfair to you: ${scores}.`,
    tone: 'bad',
  };
}

/**
 * ASTRA's explanation (shared/astra/explanation.ts) of the suggested `act`, in plain words for
 * an annotator: the partner's stance, their latest offer, what they seem to want, the tactic
 * behind an offer and the chance the partner accepts it (only when the suggestion is an offer
 * of ours: accepting Alice's offer needs no acceptance from her), and the reason for the decision.
 */
export function explanationPoints(explanation: Explanation, act: Act): ExplanationPoint[] {
  const points: ExplanationPoint[] = [];
  const stance = stanceWords[explanation.stance.stance];
  points.push({
    label: 'Partner',
    text: `Your partner ${stance.text} (${explanation.stance.reason}).`,
    tone: stance.tone,
  });
  points.push(offerPoint(explanation.fairness));
  if (explanation.ipp.priorities.length > 0) {
    points.push({
      label: 'They want',
      text: `Most wanted first: ${explanation.ipp.priorities.join(' › ')} (confidence ${percent(explanation.ipp.confidence)}).`,
      tone: 'neutral',
    });
  }
  const chosen =
    explanation.chosen === null ? undefined : explanation.candidates[explanation.chosen];
  if (isOffer(act)) {
    if (explanation.tactic !== null) {
      points.push({
        label: 'Tactic',
        text: `${tacticName(explanation.tactic.id)} (${explanation.tactic.group}): ${explanation.tactic.how}.`,
        tone: 'neutral',
      });
    }
    if (chosen !== undefined) {
      points.push({
        label: 'Acceptance',
        text: `Expected chance they accept this offer: ${percent(chosen.pap)}.`,
        tone: chosen.pap >= 0.5 ? 'good' : 'neutral',
      });
    }
  } else if (act.type === 'agree' && explanation.fairness.ownScore !== null) {
    points.push({
      label: 'Accepting',
      text: `Agreeing to their offer makes the deal: ${explanation.fairness.ownScore} points for you.`,
      tone: 'good',
    });
  }
  points.push({ label: 'Why', text: `${explanation.decision.reason}.`, tone: 'neutral' });
  if (explanation.decision.warning !== null) {
    points.push({ label: 'Warning', text: `${explanation.decision.warning}.`, tone: 'bad' });
  }
  return points;
}
