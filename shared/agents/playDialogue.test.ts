import { describe, expect, it } from 'vitest';
import { ActError } from '../dialogue/actRules';
import type { Act } from '../dialogue/acts';
import { casino } from '../domain/casino';
import { dealOrNoDeal } from '../domain/dealOrNoDeal';
import type { Context } from '../domain/types';
import type { Negotiator, NegotiatorView } from './negotiator';
import { playDialogue } from './playDialogue';

/** A negotiator that says `acts` in order and selects `selection`, recording what it saw. */
function scripted(
  acts: Act[],
  selection: number[] | null,
  seen: NegotiatorView[] = [],
): Negotiator {
  let next = 0;
  return {
    name: 'script',
    act(view) {
      seen.push(view);
      const act = acts[next++];
      if (act === undefined) {
        throw new Error('script ran out of acts');
      }
      return act;
    },
    select: () => selection,
  };
}

const context: Context = {
  counts: [1, 2, 3],
  utilities: [
    [1, 3, 1],
    [4, 0, 2],
  ],
};

describe('playDialogue', () => {
  it('alternates the negotiators, shows each only its own utilities, then asks both to select', () => {
    const seenByB: NegotiatorView[] = [];
    const state = playDialogue(
      dealOrNoDeal,
      context,
      [
        scripted([{ type: 'propose', allocation: [0, 2, 0] }, { type: 'end' }], [0, 2, 0]),
        scripted([{ type: 'agree' }], [1, 0, 3], seenByB),
      ],
      0,
    );
    expect(state.turns.map((t) => [t.speaker, t.act.type])).toEqual([
      [0, 'propose'],
      [1, 'agree'],
      [0, 'end'],
    ]);
    expect(seenByB[0]?.utilities).toEqual([4, 0, 2]);
    expect(seenByB[0]?.me).toBe(1);
    expect(state.outcome).toMatchObject({ agreed: true, scores: [6, 10], paretoOptimal: true });
  });

  it('starts with the given first speaker', () => {
    const state = playDialogue(
      dealOrNoDeal,
      context,
      [scripted([], null), scripted([{ type: 'end' }], null)],
      1,
    );
    expect(state.turns).toEqual([{ speaker: 1, act: { type: 'end' } }]);
    expect(state.outcome?.agreed).toBe(false);
  });

  it('skips selection after a walk-away', () => {
    const casinoContext: Context = {
      counts: [3, 3, 3],
      utilities: [
        [5, 4, 3],
        [3, 4, 5],
      ],
    };
    const state = playDialogue(casino, casinoContext, [
      scripted([{ type: 'walkaway' }], [3, 3, 3]),
      scripted([], null),
    ]);
    expect(state.outcome).toMatchObject({ walkedAway: true, scores: [5, 5] });
  });

  it('throws the ActError of an illegal act: a bug in the negotiator', () => {
    expect(() =>
      playDialogue(dealOrNoDeal, context, [
        scripted([{ type: 'agree' }], null),
        scripted([], null),
      ]),
    ).toThrow(ActError);
  });
});
