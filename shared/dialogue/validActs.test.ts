import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dealOrNoDeal } from '../domain/dealOrNoDeal';
import { domains } from '../domain/domains';
import type { Context } from '../domain/types';
import { dealContext } from '../testing/dialogues';
import { createRng } from '../random/rng';
import type { Act } from './acts';
import { actViolation } from './actRules';
import type { Turn } from './dialogue';
import { validActMask } from './validActs';
import { vocabularyFor } from './vocabulary';

describe('validActMask', () => {
  for (const domain of Object.values(domains)) {
    it(`allows exactly the acts the rules accept (${domain.name})`, () => {
      const vocabulary = vocabularyFor(domain);
      fc.assert(
        fc.property(fc.integer(), fc.integer({ min: 0, max: 12 }), (seed, length) => {
          const rng = createRng(seed);
          const context = domain.sampleContext(rng);
          // A random legal history: each step picks uniformly among the acts the rules accept.
          const history: Turn[] = [];
          for (let t = 0; t < length; t++) {
            const speaker = (t % 2) as 0 | 1;
            const legal = vocabulary.acts.filter(
              (act) =>
                act.type !== 'end' &&
                act.type !== 'walkaway' &&
                actViolation(domain, context, history, speaker, act) === null,
            );
            history.push({ speaker, act: rng.pick(legal) });
          }
          const speaker = (length % 2) as 0 | 1;
          const mask = validActMask(domain, context, history, speaker);
          vocabulary.acts.forEach((act: Act, id) => {
            expect(mask[id], `${JSON.stringify(act)} after ${history.length} turns`).toBe(
              actViolation(domain, context, history, speaker, act) === null ? 1 : 0,
            );
          });
        }),
        { numRuns: 60 },
      );
    });
  }

  it('does not let a speaker answer its own offer, as the rules do not', () => {
    // A history that does not alternate (a speaker's offer followed by the same speaker): the
    // mask must still match actViolation, which allows agree only to the partner.
    const vocabulary = vocabularyFor(dealOrNoDeal);
    const history: Turn[] = [{ speaker: 0, act: { type: 'propose', allocation: [1, 0, 0] } }];
    const agree = vocabulary.encode({ type: 'agree' });
    const disagree = vocabulary.encode({ type: 'disagree' });
    expect(actViolation(dealOrNoDeal, dealContext, history, 0, { type: 'agree' })?.code).toBe(
      'nothing_to_answer',
    );
    expect(validActMask(dealOrNoDeal, dealContext, history, 0)[agree]).toBe(0);
    expect(validActMask(dealOrNoDeal, dealContext, history, 0)[disagree]).toBe(0);
    expect(validActMask(dealOrNoDeal, dealContext, history, 1)[agree]).toBe(1);
  });

  it('keeps the masks of different counts apart', () => {
    const vocabulary = vocabularyFor(dealOrNoDeal);
    const small = dealContext; // counts 1,2,3
    const large: Context = { ...dealContext, counts: [3, 2, 1] };
    const id = vocabulary.encode({ type: 'propose', allocation: [3, 0, 0] });
    // Alternately, so that a mask kept from the other counts would show.
    expect(validActMask(dealOrNoDeal, small, [], 0)[id]).toBe(0);
    expect(validActMask(dealOrNoDeal, large, [], 0)[id]).toBe(1);
    expect(validActMask(dealOrNoDeal, small, [], 0)[id]).toBe(0);
  });
});
