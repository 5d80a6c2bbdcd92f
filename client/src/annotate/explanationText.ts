import type { Explanation } from '../../../shared/astra/explanation';

export interface ExplanationPoint {
  /** A short label for the point (Partner, Their offer, Tactic, Acceptance, Why). */
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

const fairnessWords = {
  fair: 'Their latest offer looks fair',
  unfair: 'Their latest offer looks unfair',
  unknown: 'They have not made an offer yet',
} as const;

/** "logrolling" → "logrolling", "holdFirmWhenPartnerHoldsFirm" → "hold firm when partner holds firm". */
export function tacticName(id: string): string {
  return id.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

const percent = (x: number) => `${Math.round(x * 100)} %`;

/**
 * ASTRA's explanation (shared/astra/explanation.ts) in plain words for an annotator: the
 * partner's stance, the fairness of its latest offer, what it seems to want, the tactic behind
 * the suggestion, the chance the partner accepts it, and the reason for the decision.
 */
export function explanationPoints(explanation: Explanation): ExplanationPoint[] {
  const points: ExplanationPoint[] = [];
  const stance = stanceWords[explanation.stance.stance];
  points.push({
    label: 'Partner',
    text: `Your partner ${stance.text} (${explanation.stance.reason}).`,
    tone: stance.tone,
  });
  // "Unfair" may be unfair to either side; it is bad news only when it favours the partner.
  const { verdict, ownScore, partnerScore } = explanation.fairness;
  const score = ownScore === null ? '' : `: it gives you ${ownScore} points`;
  points.push({
    label: 'Their offer',
    text: `${fairnessWords[verdict]}${score}.`,
    tone:
      verdict === 'fair'
        ? 'good'
        : verdict === 'unfair' &&
            ownScore !== null &&
            partnerScore !== null &&
            ownScore < partnerScore
          ? 'bad'
          : 'neutral',
  });
  if (explanation.ipp.priorities.length > 0) {
    points.push({
      label: 'They want',
      text: `Most wanted first: ${explanation.ipp.priorities.join(' › ')} (confidence ${percent(explanation.ipp.confidence)}).`,
      tone: 'neutral',
    });
  }
  if (explanation.tactic !== null) {
    points.push({
      label: 'Tactic',
      text: `${tacticName(explanation.tactic.id)} (${explanation.tactic.group}): ${explanation.tactic.how}.`,
      tone: 'neutral',
    });
  }
  const chosen =
    explanation.chosen === null ? undefined : explanation.candidates[explanation.chosen];
  if (chosen !== undefined) {
    points.push({
      label: 'Acceptance',
      text: `Expected chance they accept this offer: ${percent(chosen.pap)}.`,
      tone: chosen.pap >= 0.5 ? 'good' : 'neutral',
    });
  }
  points.push({ label: 'Why', text: `${explanation.decision.reason}.`, tone: 'neutral' });
  if (explanation.decision.warning !== null) {
    points.push({ label: 'Warning', text: `${explanation.decision.warning}.`, tone: 'bad' });
  }
  return points;
}
