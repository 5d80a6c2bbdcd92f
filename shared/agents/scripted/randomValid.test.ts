import { describe, expect, it } from 'vitest';
import { actViolation } from '../../dialogue/actRules';
import { casino } from '../../domain/casino';
import type { Context } from '../../domain/types';
import { createRng } from '../../random/rng';
import { nextView, propose } from '../../testing/dialogues';
import { randomValidNegotiator } from './randomValid';

const context: Context = {
  counts: [3, 3, 3],
  utilities: [
    [4, 5, 3],
    [5, 3, 4],
  ],
};

describe('a random-valid negotiator', () => {
  it('says only acts the rules allow at that point, of every legal type', () => {
    const view = nextView(casino, context, [propose(1, 1, 1)]);
    const seen = new Set<string>();
    const rng = createRng(4);
    for (let i = 0; i < 500; i++) {
      const act = randomValidNegotiator('random', {}, rng).act(view);
      expect(actViolation(casino, context, view.turns, view.me, act)).toBeNull();
      seen.add(act.type);
    }
    // Agent 1 has made no offer yet, so it cannot insist.
    expect([...seen].sort()).toEqual(
      [
        'agree',
        'askPreference',
        'disagree',
        'end',
        'propose',
        'statePreference',
        'walkaway',
      ].sort(),
    );
  });

  it('follows its weights', () => {
    const onlyOffers = randomValidNegotiator(
      'random',
      { weights: { end: 0, walkaway: 0, askPreference: 0, statePreference: 0 } },
      createRng(1),
    );
    const view = nextView(casino, context, []);
    for (let i = 0; i < 50; i++) {
      expect(onlyOffers.act(view).type).toBe('propose');
    }
  });

  it('may insist once it has made an offer, and not before', () => {
    const weights = {
      propose: 1,
      end: 0,
      insist: 1000,
      agree: 0,
      disagree: 0,
      walkaway: 0,
      askPreference: 0,
      statePreference: 0,
    };
    const insistent = randomValidNegotiator('random', { weights }, createRng(1));
    expect(insistent.act(nextView(casino, context, [])).type).toBe('propose');
    const afterMine = nextView(casino, context, [
      { type: 'statePreference', item: 0, priority: 'high' },
      propose(1, 1, 1),
      propose(2, 2, 2),
    ]);
    expect(insistent.act(afterMine).type).toBe('insist');
  });
});
