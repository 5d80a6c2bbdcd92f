import { formatAct, type Act } from '../dialogue/acts';

/** The literal reading's threshold: fewer than this share of distinct acts. */
export const lowQualityThreshold = 0.5;

/**
 * How D_L, the low-quality subset of a corpus (Kwon et al. 2021: dialogues "with less than 50 %
 * unique dialogue acts"), is read:
 * - `act-types` (the default): a dialogue that uses at most 2 of He et al.'s act types (propose,
 *   insist, agree, disagree, inquire, greet, unknown; `end` aside). On the human DealOrNoDeal
 *   train split it picks short, agreeable dialogues (3,583 of 5,211: 4.8 acts, 82 % deals,
 *   against 6.0 and 76 % for all), which is what the paper says of its D_L: more agree acts,
 *   shorter. The limit is 2, not "fewer than half of seven" (3): that picks 4,665 dialogues, 90 %
 *   of D_H, hardly a low-quality subset. (Before greet and inquire were split out of unknown, 2
 *   was also fewer than half of five; the subset is the same to 3 dialogues.)
 * - `literal`: distinct act tokens / acts < 0.5. On the same data it picks 82 dialogues with
 *   1 % deals — insist/disagree loops, the opposite of the paper's description.
 */
export const lowQualityRules = ['act-types', 'literal'] as const;
export type LowQualityRule = (typeof lowQualityRules)[number];
export const defaultLowQualityRule: LowQualityRule = 'act-types';

const countedTypes = new Set([
  'propose',
  'insist',
  'agree',
  'disagree',
  'inquire',
  'greet',
  'unknown',
]);
/** The act-types reading's limit: a D_L dialogue uses at most this many of `countedTypes`. */
export const lowQualityMaxActTypes = 2;

/**
 * Distinct acts / acts in a dialogue, both speakers together. Acts are compared as the models
 * see them (their vocabulary token: `formatAct`, whoever says them), so `propose(1,0,2)` said
 * twice counts once; every `unknown` (or `greet`, or `inquire`) turn is the same token. 1 for an empty dialogue.
 */
export function uniqueActRatio(turns: readonly { act: Act }[]): number {
  if (turns.length === 0) {
    return 1;
  }
  const distinct = new Set(turns.map((t) => formatAct(t.act)));
  return distinct.size / turns.length;
}

/** How many of propose, insist, agree, disagree, inquire, greet and unknown a dialogue uses. */
export function actTypesUsed(turns: readonly { act: { type: string } }[]): number {
  return new Set(turns.map((t) => t.act.type).filter((type) => countedTypes.has(type))).size;
}

/** Whether a dialogue belongs to the low-quality set D_L under `rule`. */
export function isLowQuality(
  dialogue: { turns: readonly { act: Act }[] },
  rule: LowQualityRule = defaultLowQualityRule,
): boolean {
  switch (rule) {
    case 'act-types':
      return actTypesUsed(dialogue.turns) <= lowQualityMaxActTypes;
    case 'literal':
      return uniqueActRatio(dialogue.turns) < lowQualityThreshold;
  }
}
