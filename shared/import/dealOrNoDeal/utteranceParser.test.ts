import { describe, expect, it } from 'vitest';
import { formatAct } from '../../dialogue/acts';
import { parseUtterance, type UtteranceSituation } from './utteranceParser';
import { utteranceTokens } from './utteranceTokens';

/** Counts: 2 books, 3 hats, 1 ball unless said otherwise. */
const read = (text: string, situation: Partial<UtteranceSituation> = {}) => {
  const act = parseUtterance(text, { counts: [2, 3, 1], previousOffer: null, ...situation });
  return formatAct(act);
};

describe('utteranceTokens', () => {
  it('splits words and punctuation and spells contractions out', () => {
    expect(utteranceTokens("I'll take the Books, u can't have 'em!")).toEqual([
      'i',
      'will',
      'take',
      'the',
      'books',
      ',',
      'you',
      'can',
      'not',
      'have',
      "'em",
      '!',
    ]);
    expect(utteranceTokens('i don`t need it , gimme 2 basketballs')).toEqual([
      'i',
      'do',
      'not',
      'need',
      'it',
      ',',
      'give',
      'me',
      '2',
      'balls',
    ]);
  });
});

describe('parseUtterance: who gets what', () => {
  it.each([
    // The speaker's own share, the partner getting what is not named.
    ['i want the ball and one hat', 'propose(0,1,1)'],
    ['can i have 2 hats please', 'propose(0,2,0)'],
    ['i need the books', 'propose(2,0,0)'],
    ['hats', 'propose(0,3,0)'],
    // Only the partner's share named: the speaker keeps the rest.
    ['you can have the books', 'propose(0,3,1)'],
    ['you can have both books and a hat', 'propose(0,2,1)'],
    // Both sides, and "the rest" / "everything else".
    ['i get the ball , you get the rest', 'propose(0,0,1)'],
    ['you take the hats and i will take everything else', 'propose(2,0,1)'],
    ['the ball for me , the rest is yours', 'propose(0,0,1)'],
    ['two hats to me and the rest to you', 'propose(0,2,0)'],
    ['1 book and 1 hat for you and the rest for me', 'propose(1,2,1)'],
    ['you can have everything', 'propose(0,0,0)'],
    // Number words, "a", "both", "one of each", "the" meaning all of that item.
    ['i would like three hats and a book', 'propose(1,3,0)'],
    ['give me one of each', 'propose(1,1,1)'],
    ['i will take the hat', 'propose(0,3,0)'],
    ['split the books and i get the ball', 'propose(1,0,1)'],
    // Giving verbs, imperatives and "X for Y".
    ['i can give you the hats', 'propose(2,0,1)'],
    ['i can offer two hats and the ball', 'propose(2,1,0)'],
    ['take the hats and give me the rest', 'propose(2,0,1)'],
    ['i will trade you the ball for the books', 'propose(2,0,0)'],
    // Negations flip who gets it.
    ["i don't need the ball , i need the books", 'propose(2,0,0)'],
    ["you can't have the ball", 'propose(0,0,1)'],
    ["i can't do this without the ball", 'propose(0,0,1)'],
    ['no i need 2 hats', 'propose(0,2,0)'],
    // Talk about values is not an offer; the offer after it is.
    ['the hats are worthless to me i need the ball', 'propose(0,0,1)'],
    ['are the books worth much to you ?', 'inquire'],
    ['balls have 0 value on my end', 'unknown'],
    // Alternatives: the first stands.
    ['i want two hats or the ball', 'propose(0,2,0)'],
  ])('%s → %s', (text, act) => {
    expect(read(text)).toBe(act);
  });

  it('matches whole words only: "book" is not "ok", "hate" is not "hat"', () => {
    expect(read('i hate this')).toBe('unknown');
    expect(read('notebook')).toBe('unknown');
    expect(read('bookish')).toBe('unknown');
  });

  it('reads a repeat of the speaker’s previous offer as insist', () => {
    expect(read('i still need the ball', { previousOffer: [0, 0, 1] })).toBe('insist(0,0,1)');
    expect(read('i need the ball and a hat', { previousOffer: [0, 0, 1] })).toBe('propose(0,1,1)');
  });

  it('reads "how about X" answering an offer as the reading closer to that offer', () => {
    // The partner asked for both books and all hats; "how about the books and one hat" offers
    // it the books and a hat, not takes them.
    expect(read('how about the books and one hat ?', { partnerOffer: [2, 3, 0] })).toBe(
      'propose(0,2,1)',
    );
    expect(read('how about the books and one hat ?')).toBe('propose(2,1,0)');
  });

  it('refuses amounts beyond the counts instead of guessing', () => {
    expect(read('i want 3 books')).toBe('unknown');
    expect(read('no , i want 3 books')).toBe('disagree');
  });
});

describe('parseUtterance: agreement, disagreement, questions, greetings, unknown', () => {
  it.each([
    ['deal', 'agree'],
    ['ok sounds good', 'agree'],
    ['yeah that works for me', 'agree'],
    ['sure , no problem', 'agree'],
    ['no deal', 'disagree'],
    ["sorry , i can't do that", 'disagree'],
    ['that will not work', 'disagree'],
    ['nope', 'disagree'],
    ['what would you like ?', 'inquire'],
    ['what do you need the most', 'inquire'],
    ['so . how do you want to split this', 'inquire'],
    ['hello there', 'greet'],
    ['hi !', 'greet'],
    // A question word inside a sentence does not make it a question.
    ['that is what i have to offer', 'unknown'],
    ['same here', 'unknown'],
    ['', 'unknown'],
  ])('%s → %s', (text, act) => {
    expect(read(text)).toBe(act);
  });
});

describe('parseUtterance: patterns of the human data', () => {
  it('reads "the rest" with no item named against the latest offers', () => {
    // The partner asked for both books: the speaker takes everything else.
    expect(read("then i'll take the rest .", { partnerOffer: [2, 0, 0] })).toBe('propose(0,3,1)');
    expect(read('everything else to me then', { partnerOffer: [0, 3, 0] })).toBe('propose(2,0,1)');
    // The rest to the partner keeps the speaker's own offer.
    expect(read('you can have the rest', { previousOffer: [1, 0, 1] })).toBe('insist(1,0,1)');
    expect(read("i'll take all the items .")).toBe('propose(2,3,1)');
    expect(read('and i get the rest')).toBe('unknown');
  });

  it('reads misspelt items', () => {
    expect(read('i want the hates')).toBe('propose(0,3,0)');
    expect(read('give me 2 bks')).toBe('propose(2,0,0)');
  });

  it('reads acceptances and refusals without the usual words', () => {
    for (const text of [
      'thanks !',
      'thx',
      'all yours .',
      'i can live with that',
      'sold',
      'take them',
    ]) {
      expect(read(text), text).toBe('agree');
    }
    for (const text of ['nodeal', 'nd', 'nada .', 'negative', 'sorry .', 'that is too greedy']) {
      expect(read(text), text).toBe('disagree');
    }
  });

  it('reads answers before questions and greetings (He et al. 2018 order)', () => {
    expect(read('ok , what do you want ?')).toBe('agree');
    expect(read('no , what do you want ?')).toBe('disagree');
    expect(read('hi , what would you like ?')).toBe('inquire');
    expect(read('hi , i need the ball')).toBe('propose(0,0,1)');
  });
});
