import { allocationsEqual } from '../../domain/allocation';
import type { Act } from '../../dialogue/acts';
import { readSentence, type Mention, type Side } from './itemMentions';
import { utteranceTokens } from './utteranceTokens';
import {
  agreePhrases,
  agreeWords,
  disagreePhrases,
  greetingWords,
  negationWords,
  questionOpeners,
  sentenceBreaks,
} from './utteranceWords';

/** A parsed utterance: a coarse act, or `unknown` when no rule applies. */
export type ParsedAct = Act | { type: 'unknown' };

export interface UtteranceSituation {
  /** Item counts (book, hat, ball). */
  counts: readonly number[];
  /** The speaker's own latest offer (what the speaker gets), if any: a repeat is an `insist`. */
  previousOffer: readonly number[] | null;
  /** The partner's latest offer (what the partner gets), if any: to read counter-offers. */
  partnerOffer?: readonly number[] | null;
}

/**
 * Maps one DealOrNoDeal utterance to a coarse act, from the speaker's point of view:
 * 1. items mentioned with who gets them (see `readSentence`) → `propose(the speaker's share)`:
 *    the speaker's named amounts; the partner's named amounts leave the speaker the rest of
 *    that item; unnamed items go to whoever gets "the rest / everything else", else to the
 *    partner — unless only the partner's share was named ("you can have the hats");
 *    "you can have everything" → the partner gets all;
 *    no item named but "the rest" → the rest of the partner's latest offer for the speaker
 *    ("then i'll take the rest"), or the speaker's own latest offer when the rest goes to the
 *    partner ("you can have the rest");
 * 2. the same allocation as the speaker's previous offer → `insist` instead;
 * 3. otherwise a negation ("no", "not", "can't", "without", …) → `disagree`;
 * 4. otherwise agreement words ("deal", "ok", "yes", "sounds good", "thanks", "all yours",
 *    "i can live with that", …) → `agree`;
 * 5. otherwise a question (a "?", or a sentence opening with "what", "how", "do you", …) →
 *    `inquire`; a greeting ("hi", "hello", "hey") → `greet` (He et al. 2018's order);
 * 6. otherwise `unknown`.
 * Words are matched whole, so "book" never reads as "ok".
 */
export function parseUtterance(text: string, situation: UtteranceSituation): ParsedAct {
  const tokens = utteranceTokens(text);
  const allocation =
    counterOffer(tokens, situation) ??
    proposedAllocation(tokens, situation.counts) ??
    restOffer(tokens, situation);
  if (allocation !== null) {
    const previous = situation.previousOffer;
    return previous !== null && allocationsEqual(previous, allocation)
      ? { type: 'insist', allocation }
      : { type: 'propose', allocation };
  }
  const words = tokens.filter(
    (t, i) => !(t === 'no' && ['problem', 'worries', 'prob'].includes(tokens[i + 1] ?? '')),
  );
  const joined = ` ${words.join(' ')} `;
  const has = (phrases: readonly string[]) => phrases.some((p) => joined.includes(` ${p} `));
  if (words.some((t) => negationWords.has(t)) || has(disagreePhrases)) {
    return { type: 'disagree' };
  }
  if (words.some((t) => agreeWords.has(t)) || has(agreePhrases)) {
    return { type: 'agree' };
  }
  if (isQuestion(words)) {
    return { type: 'inquire' };
  }
  if (words.some((t) => greetingWords.has(t))) {
    return { type: 'greet' };
  }
  return { type: 'unknown' };
}

/** A "?" anywhere, or a sentence that opens with a question word. */
function isQuestion(words: readonly string[]): boolean {
  return words.some(
    (word, i) =>
      word === '?' ||
      (questionOpeners.has(word) && (i === 0 || sentenceBreaks.has(words[i - 1] ?? ''))),
  );
}

/**
 * "how about the book and one hat" answering an offer: whose are they? Whichever reading is
 * closer to what the partner last offered the speaker (a counter-offer moves a little).
 */
function counterOffer(tokens: readonly string[], situation: UtteranceSituation): number[] | null {
  const partnerOffer = situation.partnerOffer;
  const opening = tokens.slice(0, 3).join(' ');
  if (
    partnerOffer === null ||
    partnerOffer === undefined ||
    !/^(ok )?(how|what) (about|bout)/.test(opening)
  ) {
    return null;
  }
  const mine = proposedAllocation(tokens, situation.counts, 'self');
  const theirs = proposedAllocation(tokens, situation.counts, 'other');
  if (mine === null || theirs === null) {
    return null;
  }
  const offered = situation.counts.map((c, i) => c - (partnerOffer[i] ?? 0));
  const distance = (a: number[]) => a.reduce((s, n, i) => s + Math.abs(n - (offered[i] ?? 0)), 0);
  return distance(theirs) < distance(mine) ? theirs : mine;
}

/**
 * "then i'll take the rest" / "you can have the rest" with no item named: the rest of what the
 * partner last asked for goes to the speaker; "the rest" handed to the partner keeps the
 * speaker's own latest offer. Null without such an offer to be relative to.
 */
function restOffer(tokens: readonly string[], situation: UtteranceSituation): number[] | null {
  const side = restSideOf(tokens);
  const { counts, partnerOffer, previousOffer } = situation;
  if (side === 'self' && partnerOffer !== null && partnerOffer !== undefined) {
    return counts.map((c, i) => c - (partnerOffer[i] ?? 0));
  }
  if (side === 'self' && tokens.includes('all')) {
    return [...counts]; // "i'll take all the items"
  }
  if (side === 'other' && previousOffer !== null) {
    return [...previousOffer];
  }
  return null;
}

/** Who gets "the rest" in an utterance that names no item, if exactly one side does. */
function restSideOf(tokens: readonly string[]): Side | undefined {
  const rest = new Set<Side>();
  let sentence: string[] = [];
  for (const token of [...tokens, '.']) {
    if (sentenceBreaks.has(token)) {
      const reading = readSentence(sentence);
      if (reading.mentions.length > 0) {
        return undefined;
      }
      reading.rest.forEach((side) => rest.add(side));
      sentence = [];
    } else {
      sentence.push(token);
    }
  }
  return rest.size === 1 ? [...rest][0] : undefined;
}

/** The speaker's share the utterance proposes, or null when it names no split. */
export function proposedAllocation(
  tokens: readonly string[],
  counts: readonly number[],
  unclaimedSide: Side = 'self',
): number[] | null {
  const mentions: Mention[] = [];
  const rest = new Set<Side>();
  let sentence: string[] = [];
  for (const token of [...tokens, '.']) {
    if (sentenceBreaks.has(token)) {
      const reading = readSentence(sentence);
      mentions.push(...reading.mentions);
      reading.rest.forEach((side) => rest.add(side));
      sentence = [];
    } else {
      sentence.push(token);
    }
  }
  const restSide = rest.size === 1 ? [...rest][0] : undefined;
  if (mentions.length === 0) {
    // "you can have everything" / "i want everything": all to one side.
    const whole = tokens.some((t, i) => t === 'everything' && tokens[i + 1] !== 'else');
    return whole && restSide !== undefined
      ? counts.map((c) => (restSide === 'self' ? c : 0))
      : null;
  }
  // "how about the ball and a hat ? and i get the rest": unclaimed items against the speaker's
  // rest are what the partner is offered.
  if (restSide === 'self' && mentions.every((m) => m.side === 'self' && m.unclaimed === true)) {
    mentions.forEach((m) => (m.side = 'other'));
  } else if (unclaimedSide === 'other') {
    mentions.forEach((m) => m.unclaimed === true && (m.side = 'other'));
  }
  const named: Record<Side, (number | null)[]> = {
    self: counts.map(() => null),
    other: counts.map(() => null),
  };
  for (const m of mentions) {
    const count = counts[m.item] ?? 0;
    const amount =
      m.amount === 'all' ? count : m.amount === 'half' ? Math.floor(count / 2) : m.amount;
    if (amount > count) {
      return null; // asks for more than there is: a misreading or a typo, not an offer
    }
    named[m.side][m.item] = amount;
    if (m.amount === 'half') {
      named.other[m.item] = count - amount;
    }
  }
  const onlyPartnerNamed = named.self.every((a) => a === null);
  return counts.map((count, i) => {
    const mine = named.self[i];
    const theirs = named.other[i];
    if (mine !== null && mine !== undefined) {
      return mine;
    }
    if (theirs !== null && theirs !== undefined) {
      return count - theirs;
    }
    if (restSide !== undefined) {
      return restSide === 'self' ? count : 0;
    }
    return onlyPartnerNamed ? count : 0;
  });
}
