import { describe, expect, it } from 'vitest';
import { casino } from '../domain/casino';
import { dealOrNoDeal } from '../domain/dealOrNoDeal';
import type { AgentIndex } from '../domain/types';
import type { Act } from './acts';
import { casinoContext, dealContext, propose } from '../testing/dialogues';
import { actViolation, lastOffer } from './actRules';
import type { Turn } from './dialogue';

const context = dealContext;
const insist = (...allocation: number[]): Act => ({ type: 'insist', allocation });
/** Alternating turns from agent 0. */
const history = (...acts: Act[]): Turn[] =>
  acts.map((act, i) => ({ speaker: (i % 2) as AgentIndex, act }));
const codeOf = (h: Turn[], speaker: AgentIndex, act: Act, ctx = context, domain = dealOrNoDeal) =>
  actViolation(domain, ctx, h, speaker, act)?.code ?? null;

describe('actViolation', () => {
  it('accepts offers within the counts and refuses ones beyond them', () => {
    expect(codeOf([], 0, propose(1, 2, 3))).toBeNull();
    expect(codeOf([], 0, propose(0, 0, 0))).toBeNull();
    expect(codeOf([], 0, propose(2, 0, 0))).toBe('invalid_allocation');
    expect(codeOf([], 0, propose(1, 2))).toBe('invalid_allocation');
    expect(actViolation(dealOrNoDeal, context, [], 0, propose(0, 3, 0))?.message).toBe(
      'propose(0,3,0) asks for more than there is: the counts are 1,2,3',
    );
  });

  it('lets agree and disagree answer only the partner’s latest offer', () => {
    expect(codeOf([], 0, { type: 'agree' })).toBe('nothing_to_answer');
    expect(codeOf(history(propose(1, 0, 0)), 1, { type: 'agree' })).toBeNull();
    expect(codeOf(history(propose(1, 0, 0)), 1, { type: 'disagree' })).toBeNull();
    expect(codeOf(history(insist(1, 0, 0)), 1, { type: 'agree' })).toBeNull();
    // Its own offer is not there to be answered by itself.
    expect(codeOf(history(propose(1, 0, 0)), 0, { type: 'agree' })).toBe('nothing_to_answer');
    // The offer must be the latest act, not an earlier one.
    expect(codeOf(history(propose(1, 0, 0), { type: 'disagree' }), 0, { type: 'agree' })).toBe(
      'nothing_to_answer',
    );
    expect(codeOf(history(propose(1, 0, 0), { type: 'agree' }), 0, { type: 'agree' })).toBe(
      'nothing_to_answer',
    );
  });

  it('lets insist only repeat the speaker’s own latest offer', () => {
    expect(codeOf([], 0, insist(1, 0, 0))).toBe('insist_without_proposal');
    const h = history(propose(1, 0, 0), propose(0, 2, 0));
    expect(codeOf(h, 0, insist(1, 0, 0))).toBeNull();
    expect(codeOf(h, 0, insist(0, 2, 0))).toBe('insist_without_proposal'); // the partner's offer
    const changed = history(propose(1, 0, 0), propose(0, 2, 0), propose(1, 1, 0), {
      type: 'disagree',
    });
    expect(codeOf(changed, 0, insist(1, 0, 0))).toBe('insist_without_proposal'); // not the latest
    expect(codeOf(changed, 0, insist(1, 1, 0))).toBeNull();
    expect(
      codeOf(
        history(propose(1, 0, 0), propose(0, 2, 0), insist(1, 0, 0), { type: 'disagree' }),
        0,
        insist(1, 0, 0),
      ),
    ).toBeNull();
  });

  it('allows end at any point', () => {
    expect(codeOf([], 0, { type: 'end' })).toBeNull();
    expect(codeOf(history(propose(1, 0, 0)), 1, { type: 'end' })).toBeNull();
  });

  it('allows walk-away and preference acts only in domains that have them', () => {
    expect(codeOf([], 0, { type: 'walkaway' })).toBe('unsupported_act');
    expect(codeOf([], 0, { type: 'askPreference' })).toBe('unsupported_act');
    expect(codeOf([], 0, { type: 'statePreference', item: 0, priority: 'high' })).toBe(
      'unsupported_act',
    );
    const mib = (act: Act) => codeOf([], 0, act, casinoContext, casino);
    expect(mib({ type: 'walkaway' })).toBeNull();
    expect(mib({ type: 'askPreference' })).toBeNull();
    expect(mib({ type: 'statePreference', item: 2, priority: 'low' })).toBeNull();
    expect(mib({ type: 'statePreference', item: 0, priority: 'low' })).toBeNull();
    // CaSiNo has 3 items: 0, 1 and 2 are items, nothing else is.
    expect(mib({ type: 'statePreference', item: 3, priority: 'low' })).toBe('malformed_act');
    expect(mib({ type: 'statePreference', item: -1, priority: 'low' })).toBe('malformed_act');
    expect(mib({ type: 'statePreference', item: 1.5, priority: 'low' })).toBe('malformed_act');
    expect(
      actViolation(casino, casinoContext, [], 0, {
        type: 'statePreference',
        item: 3,
        priority: 'low',
      })?.message,
    ).toBe('item 3 is not one of the 3 items');
    expect(mib({ type: 'statePreference', item: 0, priority: 'urgent' as 'low' })).toBe(
      'malformed_act',
    );
  });

  it('refuses malformed acts from untyped input with a code instead of crashing', () => {
    expect(codeOf([], 0, { type: 'shout' } as unknown as Act)).toBe('malformed_act');
    expect(codeOf([], 0, { type: 'propose' } as unknown as Act)).toBe('malformed_act');
    expect(codeOf([], 0, { type: 'propose', allocation: ['1', 0, 0] } as unknown as Act)).toBe(
      'invalid_allocation',
    );
  });
});

describe('the refusals’ messages', () => {
  // Workers read these sentences (the practice dialogue shows them, the server sends them with
  // the rule's code), so each must say what was wrong, with the act and the numbers.
  const messageOf = (h: Turn[], act: Act, ctx = context, domain = dealOrNoDeal) =>
    actViolation(domain, ctx, h, (h.length % 2) as AgentIndex, act)?.message;

  it('names the act, the item or the domain that broke the rule', () => {
    expect(messageOf([], { type: 'shout' } as unknown as Act)).toBe('unknown act type "shout"');
    expect(messageOf([], { type: 'insist' } as unknown as Act)).toBe(
      'insist needs an allocation (one amount per item)',
    );
    expect(messageOf([], insist(1, 0, 0))).toBe(
      'insist repeats your own latest offer; to ask for something else, propose it',
    );
    expect(messageOf([], { type: 'disagree' })).toBe(
      "disagree answers the partner's offer, and there is none to answer",
    );
    expect(messageOf([], { type: 'walkaway' })).toBe('DealOrNoDeal has no walk-away');
    expect(messageOf([], { type: 'askPreference' })).toBe(
      'DealOrNoDeal has no preference statements',
    );
    expect(messageOf([], { type: 'statePreference', item: 0, priority: 'high' })).toBe(
      'DealOrNoDeal has no preference statements',
    );
    expect(
      messageOf([], { type: 'statePreference', item: -1, priority: 'low' }, casinoContext, casino),
    ).toBe('item -1 is not one of the 3 items');
    expect(
      messageOf(
        [],
        { type: 'statePreference', item: 0, priority: 'urgent' as 'low' },
        casinoContext,
        casino,
      ),
    ).toBe('priority must be one of high, medium, low');
  });

  it('is an ActError by name, as logs and stack traces show it', () => {
    expect(actViolation(dealOrNoDeal, context, [], 0, { type: 'agree' })?.name).toBe('ActError');
  });
});

describe('lastOffer', () => {
  it('finds the speaker’s latest propose or insist', () => {
    const h = history(propose(1, 0, 0), propose(0, 2, 0), insist(1, 0, 0), { type: 'agree' });
    expect(lastOffer(h, 0)).toEqual(insist(1, 0, 0));
    expect(lastOffer(h, 1)).toEqual(propose(0, 2, 0));
    expect(lastOffer([], 0)).toBeNull();
  });
});
