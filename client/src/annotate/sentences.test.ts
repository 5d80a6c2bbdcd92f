import { describe, expect, it } from 'vitest';
import { casino } from '../../../shared/domain/casino';
import { dealOrNoDeal } from '../../../shared/domain/dealOrNoDeal';
import { actSentence, itemPhrase, sharePhrase } from './sentences';

const counts = [3, 2, 1]; // 3 books, 2 hats, 1 ball

describe('acts as sentences', () => {
  it('says offers from the speaker’s side: what I take, then what you take', () => {
    expect(actSentence({ type: 'propose', allocation: [2, 0, 1] }, dealOrNoDeal, counts)).toBe(
      "I'd like 2 books and the ball; you take a book and both hats.",
    );
    expect(actSentence({ type: 'insist', allocation: [3, 1, 0] }, dealOrNoDeal, counts)).toBe(
      "I insist. I'd like all 3 books and a hat; you take a hat and the ball.",
    );
  });

  it('handles taking everything or nothing', () => {
    expect(actSentence({ type: 'propose', allocation: [3, 2, 1] }, dealOrNoDeal, counts)).toBe(
      "I'd like everything: all 3 books, both hats and the ball; you get nothing.",
    );
    expect(actSentence({ type: 'propose', allocation: [0, 0, 0] }, dealOrNoDeal, counts)).toBe(
      "You take everything; I'll have nothing.",
    );
  });

  it('renders every other act, including CaSiNo preferences', () => {
    expect(actSentence({ type: 'agree' }, dealOrNoDeal, counts)).toMatch(/accept/);
    expect(actSentence({ type: 'disagree' }, dealOrNoDeal, counts)).toMatch(/can't accept/);
    expect(actSentence({ type: 'end' }, dealOrNoDeal, counts)).toMatch(/end the negotiation/);
    expect(actSentence({ type: 'walkaway' }, casino, [3, 3, 3])).toMatch(/walking away/);
    expect(actSentence({ type: 'askPreference' }, casino, [3, 3, 3])).toBe(
      'What matters most to you?',
    );
    expect(
      actSentence({ type: 'statePreference', item: 1, priority: 'high' }, casino, [3, 3, 3]),
    ).toBe('Water packages are my high priority.');
  });

  it('phrases amounts naturally', () => {
    const [book, hat] = dealOrNoDeal.items;
    expect(itemPhrase(book!, 1, 1)).toBe('the book');
    expect(itemPhrase(hat!, 2, 2)).toBe('both hats');
    expect(itemPhrase(book!, 4, 4)).toBe('all 4 books');
    expect(itemPhrase(book!, 1, 3)).toBe('a book');
    expect(itemPhrase(book!, 2, 3)).toBe('2 books');
    expect(sharePhrase(dealOrNoDeal, counts, [1, 1, 1])).toBe('a book, a hat and the ball');
    expect(sharePhrase(dealOrNoDeal, counts, [0, 0, 0])).toBe('nothing');
  });
});
