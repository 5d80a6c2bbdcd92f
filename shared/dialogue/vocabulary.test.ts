import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { casino } from '../domain/casino';
import { dealOrNoDeal } from '../domain/dealOrNoDeal';
import type { Domain } from '../domain/types';
import { allocationWithin } from '../testing/arbitraries';
import { formatAct, priorityLevels, type Act } from './acts';
import { buildVocabulary, sameAct, vocabularyFor } from './vocabulary';

/** Any act the domain allows, with allocations up to the domain's largest count. */
function domainAct(domain: Domain): fc.Arbitrary<Act> {
  const maxCounts = domain.items.map(() => domain.maxCountPerItem);
  const options: fc.Arbitrary<Act>[] = [
    allocationWithin(maxCounts).map((allocation) => ({ type: 'propose', allocation })),
    allocationWithin(maxCounts).map((allocation) => ({ type: 'insist', allocation })),
    fc.constantFrom<Act>({ type: 'agree' }, { type: 'disagree' }, { type: 'end' }),
  ];
  if (domain.supportsWalkaway) {
    options.push(fc.constant<Act>({ type: 'walkaway' }));
  }
  if (domain.supportsPreferences) {
    options.push(
      fc.constant<Act>({ type: 'askPreference' }),
      fc.record({
        type: fc.constant('statePreference' as const),
        item: fc.integer({ min: 0, max: domain.items.length - 1 }),
        priority: fc.constantFrom(...priorityLevels),
      }),
    );
  }
  return fc.oneof(...options);
}

describe.each([dealOrNoDeal, casino])('the $name vocabulary', (domain) => {
  const vocabulary = vocabularyFor(domain);

  it('round-trips every token id and every act of the domain', () => {
    for (let id = 0; id < vocabulary.size; id++) {
      expect(vocabulary.encode(vocabulary.decode(id))).toBe(id);
    }
    fc.assert(
      fc.property(domainAct(domain), (act) => {
        const back = vocabulary.decode(vocabulary.encode(act));
        expect(sameAct(back, act)).toBe(true);
        expect(formatAct(back)).toBe(formatAct(act));
      }),
    );
  });

  it('gives every act its own id', () => {
    expect(new Set(vocabulary.acts.map((a) => formatAct(a))).size).toBe(vocabulary.size);
  });

  it('refuses acts and ids outside it with clear messages', () => {
    const tooMany = domain.items.map(() => domain.maxCountPerItem + 1);
    expect(() => vocabulary.encode({ type: 'propose', allocation: tooMany })).toThrow(
      `is not in the ${domain.name} vocabulary`,
    );
    expect(() => vocabulary.decode(vocabulary.size)).toThrow(`size ${vocabulary.size}`);
    expect(() => vocabulary.decode(-1)).toThrow(RangeError);
  });

  it('is built once per domain', () => {
    expect(vocabularyFor(domain)).toBe(vocabulary);
  });
});

describe('vocabulary layout (a contract with saved models)', () => {
  it('puts fixed acts first, then propose and insist allocations in lexicographic order', () => {
    const dnd = buildVocabulary(dealOrNoDeal);
    expect(dnd.size).toBe(3 + 2 * 5 ** 3 + 3);
    expect(dnd.acts.slice(0, 5).map((a) => formatAct(a))).toEqual([
      'agree',
      'disagree',
      'end',
      'propose(0,0,0)',
      'propose(0,0,1)',
    ]);
    expect(dnd.encode({ type: 'insist', allocation: [0, 0, 0] })).toBe(3 + 125);
    expect(() => dnd.encode({ type: 'walkaway' })).toThrow(/not in the DealOrNoDeal vocabulary/);

    const mib = buildVocabulary(casino);
    expect(mib.size).toBe(3 + 1 + 1 + 3 * 3 + 2 * 4 ** 3 + 3);
    expect(mib.acts.slice(0, 6).map((a) => formatAct(a, casino))).toEqual([
      'agree',
      'disagree',
      'end',
      'walkaway',
      'askPreference',
      'statePreference(food,high)',
    ]);
    expect(formatAct(mib.decode(5 + 3 * 3), casino)).toBe('propose(0,0,0)');
    // The talk acts come last, in the order they joined the vocabulary.
    expect(mib.acts.slice(-3).map((a) => formatAct(a))).toEqual(['unknown', 'greet', 'inquire']);
    // The cached vocabulary is the same layout.
    expect(vocabularyFor(casino).acts.map((a) => formatAct(a))).toEqual(
      mib.acts.map((a) => formatAct(a)),
    );
  });
});

describe('sameAct', () => {
  it('compares offers by type and allocation, other acts by their content', () => {
    expect(
      sameAct({ type: 'propose', allocation: [1, 2] }, { type: 'propose', allocation: [1, 2] }),
    ).toBe(true);
    expect(
      sameAct({ type: 'propose', allocation: [1, 2] }, { type: 'insist', allocation: [1, 2] }),
    ).toBe(false);
    expect(
      sameAct({ type: 'propose', allocation: [1, 2] }, { type: 'propose', allocation: [2, 1] }),
    ).toBe(false);
    expect(
      sameAct(
        { type: 'statePreference', item: 1, priority: 'low' },
        { type: 'statePreference', item: 1, priority: 'high' },
      ),
    ).toBe(false);
    expect(sameAct({ type: 'agree' }, { type: 'agree' })).toBe(true);
  });
});
