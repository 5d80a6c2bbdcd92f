import {
  clauseBreaks,
  determiners,
  fillers,
  givingVerbs,
  imperativeVerbs,
  itemWords,
  negationWords,
  numberWords,
  otherWords,
  ownerWords,
  restWords,
  selfWords,
  splitWords,
  valueWords,
} from './utteranceWords';

export type Side = 'self' | 'other';

/** "Side gets `amount` of item" (amount 'all' = the whole count, 'half' = floor(count / 2)). */
export interface Mention {
  item: number;
  amount: number | 'all' | 'half';
  side: Side;
  /** No pronoun said whose it is ("how about the ball and a hat ?"): the speaker's by default. */
  unclaimed?: boolean;
}

/** Who gets what in one sentence, plus who gets "the rest / everything else". */
export interface SentenceReading {
  mentions: Mention[];
  rest: Side[];
}

export function opposite(side: Side): Side {
  return side === 'self' ? 'other' : 'self';
}

interface Entry {
  /** An item mention, or null for "the rest". */
  mention: Omit<Mention, 'side'> | null;
  side: Side | null;
  flipped: boolean;
  clause: number;
}

/**
 * Reads one sentence (tokens without sentence punctuation):
 * - the side of an item is set by the latest pronoun: I/me → the speaker, you → the partner;
 *   "for/to me|you" right after items, or "mine/yours", hands them to that side; items still
 *   unclaimed at the end of the sentence are the speaker's;
 * - giving verbs after "i" send the object to the partner ("i can offer the hats"); a
 *   clause-initial imperative does too ("take the hats"); "X for Y" swaps sides for Y;
 * - an odd number of negations in the clause flips the side ("i don't need the ball"); "no"
 *   opening a clause is an interjection ("no i need the hats");
 * - split/share/half gives the speaker half (rounded down) of the items that follow;
 * - items in a clause about values ("the hats are worthless to me") are not offers.
 */
export function readSentence(sentence: readonly string[]): SentenceReading {
  const entries: Entry[] = [];
  let side: Side | null = null;
  let negations = 0;
  let splitting = false;
  let valueTalk = false;
  let clause = 0;
  let clauseStart = 0;
  const claim = (owner: Side) => {
    for (const entry of entries) {
      entry.side ??= owner;
    }
  };
  const add = (i: number, mention: Omit<Mention, 'side'> | null) => {
    if (!valueTalk) {
      const owner = splitting ? 'self' : (ownerAfter(sentence, i) ?? side);
      entries.push({ mention, side: owner, flipped: !splitting && negations % 2 === 1, clause });
    }
  };
  for (let i = 0; i < sentence.length; i++) {
    const token = sentence[i] ?? '';
    const previous = sentence[i - 1] ?? '';
    const word = itemWords[token];
    if (selfWords.has(token) || otherWords.has(token)) {
      const pronoun: Side = selfWords.has(token) ? 'self' : 'other';
      if (previous === 'for' || previous === 'to') {
        // "the hats and a ball for me": closes that group; what follows is open again.
        claim(pronoun);
        side = null;
      } else {
        side = pronoun;
      }
      splitting = false;
      // A new "i" starts a new statement: "the hats are worthless to me i need the ball",
      // "can't argue with that i'll take the books".
      if (token === 'i') {
        [valueTalk, negations] = [false, 0];
      }
    } else if (ownerWords[token] !== undefined) {
      claim(ownerWords[token]);
    } else if (clauseBreaks.has(token)) {
      if (token === 'or' && entries.some((e) => e.mention !== null)) {
        break; // "two books or three hats": alternatives; the first one stands
      }
      // "more valuable to you - hats or balls": the question goes on past "or".
      valueTalk &&= token === 'or';
      [negations, splitting, clauseStart] = [0, false, i + 1];
      clause++;
    } else if (valueWords.has(token)) {
      valueTalk = true;
      // What this clause said about items so far was about their value, not an offer.
      for (let k = entries.length - 1; k >= 0 && entries[k]?.clause === clause; k--) {
        entries.splice(k, 1);
      }
    } else if (negationWords.has(token)) {
      const interjection =
        token === 'no' && (isItemAhead(sentence, i) || atClauseStart(sentence, i, clauseStart));
      negations += interjection ? 0 : 1;
    } else if (token === 'for' && isItemAhead(sentence, i)) {
      side = side === null ? 'other' : opposite(side); // "the ball for the hats"
    } else if (givingVerbs.has(token) && side === 'self' && sentence[i + 1] !== 'me') {
      side = 'other';
    } else if (imperativeVerbs.has(token) && atClauseStart(sentence, i, clauseStart)) {
      side = 'other';
    } else if (splitWords.has(token)) {
      splitting = true;
    } else if (token === 'each' && previous === 'of') {
      [0, 1, 2].forEach((item) => add(i, { item, amount: 1 })); // "one of each"
    } else if (restWords.has(token) || isAllOnItsOwn(sentence, i)) {
      // "everything else" is one rest, owned by what follows "else".
      if (!(token === 'everything' && sentence[i + 1] === 'else')) {
        add(i, null);
      }
    } else if (word !== undefined) {
      add(i, {
        item: word.item,
        amount: splitting ? 'half' : amountBefore(sentence, i, word.plural),
      });
    }
  }
  const reading: SentenceReading = { mentions: [], rest: [] };
  for (const entry of entries) {
    const owner = entry.side ?? 'self';
    const s = entry.flipped ? opposite(owner) : owner;
    if (entry.mention === null) {
      reading.rest.push(s);
    } else {
      reading.mentions.push({
        ...entry.mention,
        side: s,
        ...(entry.side === null ? { unclaimed: true } : {}),
      });
    }
  }
  return reading;
}

/** "for me" / "to you" / "is yours" right after a word: who it is for. */
function ownerAfter(sentence: readonly string[], i: number): Side | null {
  const [link, word] = [sentence[i + 1] ?? '', sentence[i + 2] ?? ''];
  if (link === 'for' || link === 'to') {
    return selfWords.has(word) ? 'self' : otherWords.has(word) ? 'other' : null;
  }
  // "the rest is yours", "the hats are mine"
  return link === 'is' || link === 'are' ? (ownerWords[word] ?? null) : null;
}

/** "all" meaning everything ("you can have all"), not "all the hats", "at all" or "all the rest". */
function isAllOnItsOwn(sentence: readonly string[], i: number): boolean {
  const next = sentence[i + 1] ?? '';
  return (
    sentence[i] === 'all' &&
    sentence[i - 1] !== 'at' &&
    !isItemAhead(sentence, i) &&
    !['the', 'of', 'that', 'this'].includes(next) &&
    !restWords.has(next)
  );
}

/** Whether only fillers ("ok", "so", "no", …) come between the clause start and i. */
function atClauseStart(sentence: readonly string[], i: number, clauseStart: number): boolean {
  return sentence.slice(clauseStart, i).every((t) => fillers.has(t));
}

/** Whether an item word follows within the next few determiner/number tokens. */
export function isItemAhead(sentence: readonly string[], i: number): boolean {
  for (let j = i + 1; j < Math.min(sentence.length, i + 4); j++) {
    const token = sentence[j] ?? '';
    if (itemWords[token] !== undefined) {
      return true;
    }
    if (!(determiners.has(token) || numberWords[token] !== undefined || /^\d+$/.test(token))) {
      return false;
    }
  }
  return false;
}

/** The amount written before the item word at i: a number, "a", "both", "half"; "all", "the" or a bare plural mean all. */
function amountBefore(
  sentence: readonly string[],
  i: number,
  plural: boolean,
): number | 'all' | 'half' {
  for (let j = i - 1; j >= Math.max(0, i - 4); j--) {
    const token = sentence[j] ?? '';
    if (/^\d+$/.test(token)) {
      return Number(token);
    }
    const n = numberWords[token];
    if (n !== undefined) {
      return n;
    }
    if (token === 'both') {
      return 2;
    }
    if (token === 'all' || token === 'every') {
      return 'all';
    }
    if (token === 'half') {
      return 'half';
    }
    if (!determiners.has(token)) {
      break;
    }
  }
  // "the ball" with two balls on the table means both of them (so the data says).
  return plural || sentence[i - 1] === 'the' ? 'all' : 1;
}
