import { formatAct, type Act } from '../dialogue/acts';

/** D_L (Kwon et al. 2021): dialogues with fewer than this share of unique acts. */
export const lowQualityThreshold = 0.5;

/**
 * Distinct acts / acts in a dialogue, both speakers together. Acts are compared as the models
 * see them (their vocabulary token: `formatAct`, whoever says them), so `propose(1,0,2)` said
 * twice counts once; every unparsed (`unknown`) turn is the same token. 1 for an empty dialogue.
 */
export function uniqueActRatio(turns: readonly { act: Act | { type: 'unknown' } }[]): number {
  if (turns.length === 0) {
    return 1;
  }
  const distinct = new Set(
    turns.map((t) => (t.act.type === 'unknown' ? 'unknown' : formatAct(t.act))),
  );
  return distinct.size / turns.length;
}

/** Whether a dialogue belongs to the low-quality set D_L. */
export function isLowQuality(dialogue: {
  turns: readonly { act: Act | { type: 'unknown' } }[];
}): boolean {
  return uniqueActRatio(dialogue.turns) < lowQualityThreshold;
}
