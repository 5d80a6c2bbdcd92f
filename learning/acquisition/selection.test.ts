import { describe, expect, it } from 'vitest';
import type { Act } from '../../shared/dialogue/acts';
import { applyAct, startDialogue, type DialogueState } from '../../shared/dialogue/dialogue';
import { dealOrNoDeal } from '../../shared/domain/dealOrNoDeal';
import type { AgentIndex } from '../../shared/domain/types';
import { createRng } from '../../shared/random/rng';
import type { NoveltyScore } from '../novelty';
import { selectForAnnotation } from './selection';

const context = dealOrNoDeal.sampleContext(createRng('selection-test'));
const propose = (allocation: number[]): Act => ({ type: 'propose', allocation });
const disagree: Act = { type: 'disagree' };
const agree: Act = { type: 'agree' };
const end: Act = { type: 'end' };

/** A dialogue played act by act under the rules (speakers alternate from `first`). */
function played(acts: Act[], first: AgentIndex = 0): DialogueState {
  let state = startDialogue(dealOrNoDeal, context, first);
  acts.forEach((act, t) => {
    state = applyAct(state, ((first + t) % 2) as AgentIndex, act);
  });
  return state;
}
const score = (value: number, mostNovelTurn: number): NoveltyScore => ({
  score: value,
  mostNovelTurn,
});

// Lower score = more novel. Each dialogue's cut is its most novel turn (an act of Alice's, seat 0).
const dialogues = [
  /* 0 eligible */ played([propose([0, 0, 0]), disagree, propose([1, 0, 0]), disagree, end]),
  /* 1 agreement in the prefix, cut at Alice's end */ played([propose([0, 0, 0]), agree, end]),
  /* 2 Alice agrees at the cut */ played([propose([0, 0, 0]), propose([1, 0, 0]), agree, end]),
  /* 3 the cut ends the dialogue */ played([propose([0, 0, 0]), disagree, end]),
  /* 4 no act of Alice's scored */ played([propose([0, 0, 0]), disagree, end]),
  /* 5 eligible */ played([propose([1, 1, 0]), disagree, propose([0, 1, 0]), disagree, end]),
  /* 6 eligible, Bob opened */ played([propose([0, 0, 0]), disagree, end], 1),
];
const novelty = [
  score(-5, 2),
  score(-9, 2),
  score(-8, 2),
  score(-7, 2),
  score(-20, -1),
  score(-3, 0),
  score(-3, 1),
];

describe('selectForAnnotation: the k most novel dialogues the oracle can continue', () => {
  it('skips cuts after an agreement or that end the dialogue, most novel first, ties in order', () => {
    const chosen = selectForAnnotation(dealOrNoDeal, dialogues, novelty, { annotate: 3 });
    expect(chosen.map((c) => c.index)).toEqual([0, 5, 6]);
    expect(chosen.map((c) => c.cutAt)).toEqual([2, 0, 1]);
    expect(chosen[0]!.prefix).toEqual(dialogues[0]!.turns.slice(0, 3));
    expect(chosen[2]!.prefix).toEqual(dialogues[6]!.turns.slice(0, 2));
  });

  it('stops at k', () => {
    const chosen = selectForAnnotation(dealOrNoDeal, dialogues, novelty, { annotate: 2 });
    expect(chosen.map((c) => c.index)).toEqual([0, 5]);
  });

  it('lets the caller refuse a prefix', () => {
    const chosen = selectForAnnotation(dealOrNoDeal, dialogues, novelty, {
      annotate: 3,
      accepts: (prefix) => prefix.length !== 3,
    });
    expect(chosen.map((c) => c.index)).toEqual([5, 6]);
  });

  it("refuses a cut after which it is Alice's turn: the oracle takes Bob's seat", () => {
    // Scored at Bob's disagree (turn 1): Alice would speak next, so the oracle has nothing to say.
    const atBob = played([propose([0, 0, 0]), disagree, propose([1, 0, 0]), disagree, end]);
    const chosen = selectForAnnotation(
      dealOrNoDeal,
      [atBob, dialogues[0]!],
      [score(-30, 1), score(-5, 2)],
      { annotate: 2 },
    );
    expect(chosen.map((c) => c.index)).toEqual([1]);
  });

  it('hands out fewer than k when too few dialogues qualify', () => {
    const chosen = selectForAnnotation(dealOrNoDeal, dialogues.slice(0, 5), novelty.slice(0, 5), {
      annotate: 4,
    });
    expect(chosen.map((c) => c.index)).toEqual([0]);
  });
});
