import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { casino } from '../domain/casino';
import { dealOrNoDeal } from '../domain/dealOrNoDeal';
import type { AgentIndex, Domain } from '../domain/types';
import { allocationWithin, domainAndContext } from '../testing/arbitraries';
import type { Act } from './acts';
import { casinoContext, dealContext, propose } from '../testing/dialogues';
import { ActError, type ActErrorCode } from './actRules';
import {
  applyAct,
  applySelection,
  nextSpeaker,
  phaseOf,
  startDialogue,
  type DialogueState,
} from './dialogue';

const context = dealContext;

/** Plays `acts` in turn from the first speaker. */
function play(acts: Act[], domain: Domain = dealOrNoDeal, ctx = context, first: AgentIndex = 0) {
  let state = startDialogue(domain, ctx, first);
  for (const act of acts) {
    state = applyAct(state, nextSpeaker(state) ?? 0, act);
  }
  return state;
}

function expectActError(run: () => unknown, code: ActErrorCode): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ActError);
    expect((error as ActError).code).toBe(code);
    return;
  }
  throw new Error(`expected an ActError with code ${code}`);
}

describe('the dialogue state machine', () => {
  it('alternates turns from the first speaker and refuses out-of-turn acts', () => {
    const state = startDialogue(dealOrNoDeal, context, 1);
    expect(nextSpeaker(state)).toBe(1);
    expectActError(() => applyAct(state, 0, propose(1, 0, 0)), 'not_your_turn');
    const after = applyAct(state, 1, propose(1, 0, 0));
    expect(nextSpeaker(after)).toBe(0);
    expectActError(() => applyAct(after, 1, propose(1, 1, 0)), 'not_your_turn');
  });

  it('is immutable: a transition leaves the previous state as it was', () => {
    const state = play([propose(1, 0, 0)]);
    const turns = state.turns;
    const next = applyAct(state, 1, { type: 'agree' });
    expect(state.turns).toBe(turns);
    expect(state.turns).toHaveLength(1);
    expect(next.turns).toHaveLength(2);
  });

  it('refuses an invalid context when it starts', () => {
    expect(() =>
      startDialogue(dealOrNoDeal, {
        counts: [1, 2, 3],
        utilities: [
          [1, 1, 1],
          [4, 0, 2],
        ],
      }),
    ).toThrow(/Invalid DealOrNoDeal context: agent 0's items must be worth 10/);
  });

  it('lists every problem of an invalid context, one after the other', () => {
    // Worth 1·1 + 2·1 + 3·1 = 6 to each agent instead of 10: two problems, both named.
    expect(() =>
      startDialogue(dealOrNoDeal, {
        counts: [1, 2, 3],
        utilities: [
          [1, 1, 1],
          [1, 1, 1],
        ],
      }),
    ).toThrow(
      "Invalid DealOrNoDeal context: agent 0's items must be worth 10 in total, not 6; " +
        "agent 1's items must be worth 10 in total, not 6",
    );
  });

  it('says in words why an act or a selection is refused', () => {
    const messageOf = (run: () => unknown): string => {
      try {
        run();
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
      return 'nothing thrown';
    };
    const opened = startDialogue(dealOrNoDeal, context, 1);
    expect(messageOf(() => applyAct(opened, 0, propose(1, 0, 0)))).toBe("it is agent 1's turn");
    const negotiating = play([propose(1, 0, 0)]);
    expect(messageOf(() => applySelection(negotiating, 0, [1, 0, 0]))).toBe(
      'select after the dialogue ends',
    );
    const ended = play([propose(1, 0, 0), { type: 'agree' }, { type: 'end' }]);
    expect(messageOf(() => applyAct(ended, 1, { type: 'end' }))).toBe(
      'the dialogue is over; no more acts',
    );
    expect(messageOf(() => applySelection(ended, 0, [2, 0, 0]))).toBe(
      'the selection must be within the counts 1,2,3',
    );
    const once = applySelection(ended, 0, [1, 0, 0]);
    expect(messageOf(() => applySelection(once, 0, [1, 0, 0]))).toBe(
      'agent 0 has already selected',
    );
    const done = applySelection(once, 1, [0, 2, 3]);
    expect(messageOf(() => applySelection(done, 1, null))).toBe('the dialogue is over');
  });

  it('passes the act rules through with their codes', () => {
    expectActError(() => play([{ type: 'agree' }]), 'nothing_to_answer');
    expectActError(
      () => play([{ type: 'insist', allocation: [1, 0, 0] }]),
      'insist_without_proposal',
    );
    expectActError(() => play([propose(2, 0, 0)]), 'invalid_allocation');
    expectActError(() => play([{ type: 'walkaway' }]), 'unsupported_act');
  });

  it('moves to selection after end, and accepts no more acts', () => {
    const state = play([propose(1, 0, 0), { type: 'agree' }, { type: 'end' }]);
    expect(state.endedBy).toBe('end');
    expect(phaseOf(state)).toBe('selecting');
    expect(nextSpeaker(state)).toBeNull();
    expectActError(() => applyAct(state, 1, propose(1, 0, 0)), 'dialogue_over');
  });

  it('ends at the turn limit', () => {
    const acts = Array.from({ length: dealOrNoDeal.maxTurns }, (_, i) => propose(i % 2, 0, 0));
    const before = play(acts.slice(0, -1));
    expect(phaseOf(before)).toBe('negotiating');
    const state = play(acts);
    expect(state.turns).toHaveLength(20);
    expect(state.endedBy).toBe('maxTurns');
    expect(phaseOf(state)).toBe('selecting');
    expectActError(() => applyAct(state, 0, { type: 'end' }), 'dialogue_over');
  });

  it('ends a walk-away at once with each side’s BATNA', () => {
    const state = play([propose(3, 3, 0), { type: 'walkaway' }], casino, casinoContext);
    expect(state.endedBy).toBe('walkaway');
    expect(phaseOf(state)).toBe('done');
    expect(state.outcome).toEqual({
      agreed: false,
      walkedAway: true,
      allocation: null,
      scores: [casino.batna, casino.batna],
      paretoOptimal: null,
    });
    expectActError(() => applySelection(state, 0, [3, 3, 0]), 'selection_not_open');
  });

  it('opens selection only after the acts, once per agent, within the counts', () => {
    const negotiating = play([propose(1, 0, 0)]);
    expectActError(() => applySelection(negotiating, 0, [1, 0, 0]), 'selection_not_open');
    const ended = play([propose(1, 0, 0), { type: 'agree' }, { type: 'end' }]);
    expectActError(() => applySelection(ended, 0, [2, 0, 0]), 'invalid_allocation');
    const once = applySelection(ended, 0, [1, 0, 0]);
    expect(phaseOf(once)).toBe('selecting');
    expect(once.outcome).toBeNull();
    expectActError(() => applySelection(once, 0, [1, 0, 0]), 'already_selected');
    const done = applySelection(once, 1, [0, 2, 3]);
    expect(phaseOf(done)).toBe('done');
    expect(done.outcome).toMatchObject({ agreed: true, allocation: [1, 0, 0], scores: [1, 6] });
    expectActError(() => applySelection(done, 1, null), 'selection_not_open');
  });

  it('makes a deal exactly when the selections are complementary', () => {
    fc.assert(
      fc.property(
        domainAndContext.chain(({ domain, context: ctx }) =>
          fc.record({
            domain: fc.constant(domain),
            context: fc.constant(ctx),
            a: fc.option(allocationWithin(ctx.counts)),
            b: fc.option(allocationWithin(ctx.counts)),
            complementary: fc.boolean(),
          }),
        ),
        ({ domain, context: ctx, a, b, complementary }) => {
          const selectionB =
            complementary && a !== null ? ctx.counts.map((n, i) => n - (a[i] ?? 0)) : b;
          let state: DialogueState = applyAct(startDialogue(domain, ctx), 0, { type: 'end' });
          state = applySelection(applySelection(state, 1, selectionB), 0, a);
          const outcome = state.outcome;
          // From the rules: a deal iff both selected and, item by item, the two selections
          // add up to the counts; then each scores its own utilities · its share.
          const deal =
            a !== null &&
            selectionB !== null &&
            ctx.counts.every((n, i) => (a[i] ?? -1) + (selectionB[i] ?? -1) === n);
          const dot = (u: readonly number[], x: readonly number[]) =>
            u.reduce((sum, ui, i) => sum + ui * (x[i] ?? 0), 0);
          expect(outcome?.agreed).toBe(deal);
          expect(outcome?.walkedAway).toBe(false);
          expect(outcome?.scores).toEqual(
            deal
              ? [dot(ctx.utilities[0], a), dot(ctx.utilities[1], selectionB)]
              : [domain.batna, domain.batna],
          );
          expect(outcome?.allocation ?? null).toEqual(deal ? a : null);
          expect(outcome?.paretoOptimal === null).toBe(!deal); // a deal is judged, no deal is not
        },
      ),
      { numRuns: 300 },
    );
  });
});
