import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actViolation } from '../../dialogue/actRules';
import { formatAct, isOffer } from '../../dialogue/acts';
import { agreedShare } from '../../dialogue/agreement';
import { createRng } from '../../random/rng';
import { domainAndContext } from '../../testing/arbitraries';
import { playDialogue } from '../playDialogue';
import { scriptedNegotiatorNames, scriptedNegotiators } from './catalogue';

const pairing = fc.record({
  setting: domainAndContext,
  a: fc.constantFrom(...scriptedNegotiatorNames),
  b: fc.constantFrom(...scriptedNegotiatorNames),
  seed: fc.integer(),
  first: fc.constantFrom(0 as const, 1 as const),
});

type Pairing = typeof pairing extends fc.Arbitrary<infer T> ? T : never;

function play({ setting, a, b, seed, first }: Pairing) {
  const rng = createRng(seed);
  return playDialogue(
    setting.domain,
    setting.context,
    [scriptedNegotiators[a].create(rng.fork(0)), scriptedNegotiators[b].create(rng.fork(1))],
    first,
  );
}

describe('every scripted negotiator, against every other, in both domains', () => {
  it('says only legal acts, ends after an agreement, and selects the agreed share', () => {
    fc.assert(
      fc.property(pairing, (p) => {
        const state = play(p);
        const { domain, context } = p.setting;
        state.turns.forEach((turn, i) => {
          expect(
            actViolation(domain, context, state.turns.slice(0, i), turn.speaker, turn.act),
          ).toBeNull();
          // The offerer closes the dialogue as soon as its offer is agreed to.
          const previous = state.turns[i - 1];
          if (i >= 2 && previous?.act.type === 'agree') {
            expect(turn.act.type).toBe('end');
          }
        });
        expect(state.outcome).not.toBeNull();
        const agreedByTalk = agreedShare(state.turns, 0, context.counts);
        if (state.endedBy === 'walkaway') {
          expect(state.outcome?.scores).toEqual([domain.batna, domain.batna]);
        } else {
          expect(state.selections[0]).toEqual(agreedByTalk);
          expect(state.outcome?.agreed).toBe(agreedByTalk !== null);
          expect(state.outcome?.allocation).toEqual(agreedByTalk);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('plays the same dialogue for the same seed', () => {
    fc.assert(
      fc.property(pairing, (p) => {
        const once = play(p).turns.map((t) => formatAct(t.act));
        expect(play(p).turns.map((t) => formatAct(t.act))).toEqual(once);
      }),
      { numRuns: 100 },
    );
  });

  it('reach deals and vary their offers: the population is not degenerate', () => {
    let deals = 0;
    const offers = new Set<string>();
    fc.assert(
      fc.property(pairing, (p) => {
        const state = play(p);
        deals += state.outcome?.agreed === true ? 1 : 0;
        state.turns.forEach((t) => isOffer(t.act) && offers.add(formatAct(t.act)));
      }),
      { numRuns: 300, seed: 11 },
    );
    expect(deals).toBeGreaterThan(150);
    expect(offers.size).toBeGreaterThan(100);
  });
});
