import type { Act } from '../../../shared/dialogue/acts';
import type { Domain, ItemType } from '../../../shared/domain/types';

/** "the ball", "both hats", "all 3 books", "a book", "2 books". */
export function itemPhrase(item: ItemType, amount: number, count: number): string {
  if (amount === count) {
    if (count === 1) {
      return `the ${item.singular}`;
    }
    return count === 2 ? `both ${item.plural}` : `all ${count} ${item.plural}`;
  }
  return amount === 1 ? `a ${item.singular}` : `${amount} ${item.plural}`;
}

/** "2 books and the ball", "a book, a hat and 2 balls", or "nothing". */
export function sharePhrase(domain: Domain, counts: readonly number[], share: readonly number[]) {
  const parts = domain.items
    .map((item, i) => ({ item, amount: share[i] ?? 0, count: counts[i] ?? 0 }))
    .filter(({ amount }) => amount > 0)
    .map(({ item, amount, count }) => itemPhrase(item, amount, count));
  if (parts.length === 0) {
    return 'nothing';
  }
  const last = parts.pop() as string;
  return parts.length === 0 ? last : `${parts.join(', ')} and ${last}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * An act as the sentence its speaker says, first person: an offer's allocation is what the
 * speaker takes, so "I'd like 2 books and the ball; you take the hats". Pure, so the transcript,
 * the composer's preview and the ASTRA panel all say the same thing.
 */
export function actSentence(act: Act, domain: Domain, counts: readonly number[]): string {
  switch (act.type) {
    case 'propose':
    case 'insist': {
      const mine = sharePhrase(domain, counts, act.allocation);
      const theirs = sharePhrase(
        domain,
        counts,
        counts.map((c, i) => c - (act.allocation[i] ?? 0)),
      );
      const offer =
        mine === 'nothing'
          ? `You take everything; I'll have nothing`
          : theirs === 'nothing'
            ? `I'd like everything: ${mine}; you get nothing`
            : `I'd like ${mine}; you take ${theirs}`;
      return act.type === 'insist' ? `I insist. ${offer}.` : `${offer}.`;
    }
    case 'agree':
      return 'Deal — I accept your offer.';
    case 'disagree':
      return "No, I can't accept that.";
    case 'end':
      return "Let's end the negotiation here.";
    case 'greet':
      return 'Hello!';
    case 'inquire':
      return '(asks a question)';
    case 'unknown':
      return '(something that is not an offer or an answer)';
    case 'walkaway':
      return "I'm walking away; no deal.";
    case 'askPreference':
      return 'What matters most to you?';
    case 'statePreference': {
      const item = domain.items[act.item];
      return `${capitalise(item?.plural ?? `item ${act.item}`)} are my ${act.priority} priority.`;
    }
  }
}

/** The confirmation asked before walking away (the composer and ASTRA's suggestion alike). */
export function walkAwayQuestion(domain: Domain): string {
  return `Walk away? The negotiation ends at once with no deal: you get ${domain.batna} points, and so does Alice.`;
}
