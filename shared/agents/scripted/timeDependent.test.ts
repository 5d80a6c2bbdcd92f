import { describe, expect, it } from 'vitest';
import { complement } from '../../domain/allocation';
import { dealOrNoDeal } from '../../domain/dealOrNoDeal';
import { scoreOf } from '../../domain/scoring';
import type { Context } from '../../domain/types';
import { createRng } from '../../random/rng';
import { nextView, propose } from '../../testing/dialogues';
import { timeDependentNegotiator, timeDependentTarget } from './timeDependent';

const range = { k: 0, pMin: 4, pMax: 10 };

describe('timeDependentTarget', () => {
  it('runs from Pmax at t = 0 to Pmin at t = 1', () => {
    for (const e of [0.2, 1, 2]) {
      expect(timeDependentTarget(0, { ...range, e })).toBe(10);
      expect(timeDependentTarget(1, { ...range, e })).toBe(4);
    }
    expect(timeDependentTarget(0.5, { ...range, e: 1 })).toBe(7);
    // k concedes part of the range at once.
    expect(timeDependentTarget(0, { ...range, e: 1, k: 0.5 })).toBe(7);
  });

  it('starts from k of the way down: P(t) = Pmin + (Pmax − Pmin)(1 − k − (1 − k)·t^(1/e))', () => {
    const params = { e: 1, k: 0.2, pMin: 2, pMax: 10 };
    expect(timeDependentTarget(0, params)).toBeCloseTo(2 + 8 * 0.8, 12);
    expect(timeDependentTarget(0.5, params)).toBeCloseTo(2 + 8 * (1 - 0.2 - 0.8 * 0.5), 12);
    expect(timeDependentTarget(1, params)).toBeCloseTo(2, 12);
  });

  it('holds out with Boulware (e < 1) and gives in early as a conceder (e > 1)', () => {
    for (const t of [0.1, 0.3, 0.5, 0.7, 0.9]) {
      const boulware = timeDependentTarget(t, { ...range, e: 0.2 });
      const linear = timeDependentTarget(t, { ...range, e: 1 });
      const conceder = timeDependentTarget(t, { ...range, e: 2 });
      expect(boulware).toBeGreaterThan(linear);
      expect(linear).toBeGreaterThan(conceder);
    }
  });

  it('never concedes back up: the target falls with time', () => {
    let previous = Infinity;
    for (let t = 0; t <= 1; t += 0.05) {
      const target = timeDependentTarget(t, { ...range, e: 0.5 });
      expect(target).toBeLessThanOrEqual(previous);
      previous = target;
    }
  });
});

// A: book 1, hats 3 each, balls 1 each; everything A values is worth 10.
const context: Context = {
  counts: [1, 2, 3],
  utilities: [
    [1, 3, 1],
    [4, 0, 2],
  ],
};

describe('a time-dependent negotiator', () => {
  it('opens with its best deal and concedes as time passes, Boulware later than conceder', () => {
    // Its best deal leaves the partner something it values (by the opponent model): here all
    // but one ball or the book, 9 of 10.
    const offerValue = (e: number, turnsSoFar: number) => {
      // The partner (agent 1) repeats a stingy offer (3 for agent 0); agent 0 answers it.
      const acts = Array.from({ length: turnsSoFar }, (_, i) =>
        i % 2 === 0 ? propose(1, 2, 3) : propose(0, 2, 1),
      );
      const view = nextView(dealOrNoDeal, context, acts);
      const act = timeDependentNegotiator('td', { e }, createRng(1)).act(view);
      return act.type === 'propose' || act.type === 'insist'
        ? scoreOf(context.utilities[0], act.allocation)
        : null;
    };
    expect(offerValue(1, 0)).toBe(9);
    expect(offerValue(0.2, 10)).toBeGreaterThan(offerValue(2, 10) ?? 0);
    expect(offerValue(2, 16)).toBeLessThan(offerValue(2, 2) ?? 0);
  });

  it('agrees to an offer that meets its current target, and counters one that does not', () => {
    const negotiator = () => timeDependentNegotiator('linear', { e: 1 }, createRng(1));
    // Agent 1 offers agent 0 the hats and balls (9 of 10) at the start: accepted.
    const generous = nextView(dealOrNoDeal, context, [propose(1, 2, 3), propose(1, 0, 0)]);
    expect(negotiator().act(generous)).toEqual({ type: 'agree' });
    // The book alone (1 of 10) is far below the target: a counter-offer.
    const stingy = nextView(dealOrNoDeal, context, [propose(1, 2, 3), propose(0, 2, 3)]);
    expect(negotiator().act(stingy).type).toMatch(/propose|insist/);
    expect(scoreOf(context.utilities[0], complement(context.counts, [0, 2, 3]))).toBe(1);
  });

  it('refuses a non-positive exponent', () => {
    expect(() => timeDependentNegotiator('x', { e: 0 }, createRng(1))).toThrow(/e must be > 0/);
  });
});
