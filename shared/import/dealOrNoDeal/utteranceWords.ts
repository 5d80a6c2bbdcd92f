/** The words the DealOrNoDeal utterance rules look for, after `utteranceTokens`. */

export const itemWords: Readonly<Record<string, { item: number; plural: boolean }>> = {
  book: { item: 0, plural: false },
  books: { item: 0, plural: true },
  hat: { item: 1, plural: false },
  hats: { item: 1, plural: true },
  ball: { item: 2, plural: false },
  balls: { item: 2, plural: true },
};

export const numberWords: Readonly<Record<string, number>> = {
  zero: 0,
  no: 0,
  none: 0,
  one: 1,
  a: 1,
  an: 1,
  single: 1,
  another: 1,
  two: 2,
  couple: 2,
  pair: 2,
  three: 3,
  four: 4,
};

/** Words that may stand between an amount and its item ("two of the hats", "all my books"). */
export const determiners = new Set([
  'the',
  'those',
  'these',
  'my',
  'your',
  'of',
  'extra',
  'only',
  'just',
  'all',
  'every',
  'both',
]);

export const selfWords = new Set(['i', 'me', 'myself']);
export const otherWords = new Set(['you', 'yourself']);
/** Predicates that hand what came before to someone: "the hats are yours". */
export const ownerWords: Readonly<Record<string, 'self' | 'other'>> = {
  mine: 'self',
  yours: 'other',
};

export const restWords = new Set([
  'rest',
  'remaining',
  'remainder',
  'else',
  'others',
  'everything',
]);
export const negationWords = new Set([
  'not',
  'no',
  'never',
  'without',
  'nope',
  'nah',
  'nothing',
  'neither',
  'nor',
  'nada',
  'ne',
  'negative',
  'nay',
  'pass',
  'refuse',
  'decline',
  'impasse',
  'standoff',
  'unfortunately',
]);
/** Refusals without a negation word. */
export const disagreePhrases = [
  'sorry',
  'too much',
  'too greedy',
  'greedy',
  'unfair',
  'walk away',
  'i need more',
  'need more',
];
/** Verbs whose object goes to the partner when the speaker is the subject: "i can offer the hats". */
export const givingVerbs = new Set([
  'give',
  'giving',
  'offer',
  'offering',
  'cede',
  'spare',
  'budge',
  'budging',
  'part',
  'parting',
  'sacrifice',
  'let',
  'leave',
]);
/** Clause-initial imperatives addressed to the partner: "take the hats and give me the rest". */
export const imperativeVerbs = new Set(['take', 'have', 'keep', 'get', 'grab']);
/** Words that may come before an imperative without making it less of one. */
export const fillers = new Set([
  'ok',
  'yes',
  'so',
  'then',
  'just',
  'please',
  'well',
  'fine',
  'sure',
  'alright',
  'hmm',
  'how',
  'about',
  'no',
]);
export const splitWords = new Set(['split', 'share', 'divide', 'half', 'evenly']);

export const sentenceBreaks = new Set(['.', '!', '?', ';', ':']);
/** Where a clause ends: negation stops here; so do split and the side after , and "but". */
export const clauseBreaks = new Set([
  ',',
  'but',
  'if',
  'unless',
  'so',
  'then',
  'because',
  'since',
  'or',
  'as',
]);
/** Sentences about what things are worth describe values, not who gets what. */
export const valueWords = new Set([
  'worth',
  'value',
  'values',
  'valuable',
  'worthless',
  'useless',
  'points',
  'point',
  'score',
  'important',
]);

export const agreeWords = new Set([
  'deal',
  'ok',
  'yes',
  'sure',
  'agreed',
  'agree',
  'accept',
  'accepted',
  'fine',
  'great',
  'perfect',
  'good',
  'alright',
  'works',
  'work',
  'done',
  'cool',
  'awesome',
  'excellent',
  'absolutely',
  'definitely',
  'fair',
  'correct',
  'understood',
  // Thanks answering an offer accept it (in the data, "thanks" ends a deal).
  'thanks',
  'thank',
  'gracias',
  'sold',
  'confirmed',
  'sweet',
  'fantastic',
  'indeed',
  'nice',
  'super',
  'wonderful',
  'yay',
  'awesome',
]);
export const agreePhrases = [
  'sounds good',
  'do that',
  'do it',
  'got it',
  'very well',
  'all yours',
  'take it',
  'take them',
  'take em',
  "take 'em",
  'they are yours',
  'it is yours',
  'live with that',
  'live with it',
  'i guess so',
  'i guess',
  'go for it',
  'why not',
  'if you insist',
  'will do',
  'works for me',
  'fair enough',
  'let us do',
];

/** A clause opening with one of these asks something ("what do you need", "do you want …"). */
export const questionOpeners = new Set([
  'what',
  'whats',
  'which',
  'how',
  'hows',
  'why',
  'where',
  'wheres',
  'who',
  'when',
  'do',
  'does',
  'did',
  'are',
  'is',
  'would',
  'will',
  'can',
  'could',
  'any',
]);

export const greetingWords = new Set([
  'hi',
  'hello',
  'hey',
  'hiya',
  'howdy',
  'greetings',
  'morning',
  'afternoon',
  'evening',
  'bye',
  'goodbye',
]);
