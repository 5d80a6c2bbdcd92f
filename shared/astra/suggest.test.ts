import { describe, expect, it } from 'vitest';
import { actViolation } from '../dialogue/actRules';
import { getDomain } from '../domain/domains';
import { domainIds } from '../domain/domains';
import { scoreOf } from '../domain/scoring';
import { createRng } from '../random/rng';
import { defaultAstraOptions } from './options';
import { randomAstraState } from './randomStates';
import { suggest } from './suggest';
import type { AstraState, AstraTurn } from './types';

const dot = (u: readonly number[], x: readonly number[]) =>
  u.reduce((sum, ui, i) => sum + ui * (x[i] ?? 0), 0);

/**
 * The offer program's optimum by enumeration, written from its definition: maximise
 * λ·own + (1 − λ)·partner over whole allocations with own ≤ maxScore, own ≥ max(BATNA, the
 * concession floor, maxScore − window), and partner ≥ BATNA when BATNA is positive.
 */
function enumeratedOptimum(
  state: AstraState,
  partnerUtilities: readonly number[],
  lambda: number,
  maxScore: number,
  bounds: { floor: number; batna: number; window: number },
): number | null {
  const minOwn = Math.max(bounds.batna, bounds.floor, maxScore - bounds.window);
  let best: number | null = null;
  const visit = (prefix: number[]): void => {
    if (prefix.length === state.counts.length) {
      const own = dot(state.utilities, prefix);
      const partner = dot(
        partnerUtilities,
        state.counts.map((n, i) => n - (prefix[i] ?? 0)),
      );
      const feasible =
        own <= maxScore && own >= minOwn && (bounds.batna <= 0 || partner >= bounds.batna - 1e-9);
      const objective = lambda * own + (1 - lambda) * partner;
      best = feasible && (best === null || objective > best) ? objective : best;
      return;
    }
    for (let k = 0; k <= (state.counts[prefix.length] ?? 0); k++) {
      visit([...prefix, k]);
    }
  };
  visit([]);
  return best;
}

function randomStates(count: number, seed: string): AstraState[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) =>
    randomAstraState(getDomain(domainIds[i % domainIds.length] ?? 'casino'), rng),
  );
}

describe('suggest on random states', () => {
  const states = randomStates(120, 'suggest-properties');

  it('always returns a legal act and an explanation', () => {
    for (const state of states) {
      const domain = getDomain(state.domain);
      const result = suggest(state);
      const turns = state.history.map(
        (t) => ({ speaker: t.speaker === 'self' ? 1 : 0, act: t.act }) as const,
      );
      const context = {
        counts: [...state.counts],
        utilities: [[...state.utilities], [...state.utilities]] as [number[], number[]],
      };
      expect(actViolation(domain, context, turns, 1, result.act)).toBeNull();
      expect(result.explanation.summary.length).toBeGreaterThan(0);
      expect(result.explanation.ipp.priorities).toHaveLength(domain.items.length);
      expect(['fair', 'unfair', 'unknown']).toContain(result.explanation.fairness.verdict);
    }
  });

  it('never proposes more own score than its previous offer', () => {
    let checked = 0;
    for (const state of states) {
      const previous = state.history
        .filter(
          (t) => t.speaker === 'self' && (t.act.type === 'propose' || t.act.type === 'insist'),
        )
        .at(-1);
      const result = suggest(state);
      if (previous !== undefined && result.action === 'propose' && result.offer !== undefined) {
        const allocation =
          previous.act.type === 'propose' || previous.act.type === 'insist'
            ? previous.act.allocation
            : [];
        expect(scoreOf(state.utilities, result.offer)).toBeLessThanOrEqual(
          scoreOf(state.utilities, allocation),
        );
        expect(result.explanation.maxScore).toBe(scoreOf(state.utilities, allocation));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('never proposes a selected offer below its concession floor, a floor never above its latest offer', () => {
    let checked = 0;
    for (const state of states) {
      const { offer, explanation: e } = suggest(state);
      expect(e.concession.target).toBeLessThanOrEqual(e.maxScore + 1e-9);
      expect(e.concession.reservation).toBeLessThanOrEqual(e.concession.opening + 1e-9);
      if (e.decision.rule === 'proposeSelectedOffer' && offer !== undefined) {
        expect(scoreOf(state.utilities, offer)).toBeGreaterThanOrEqual(e.concession.target - 1e-9);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('explains the chosen offer consistently: best final score, its tactic, LP-optimal sources', () => {
    let explained = 0;
    let proposed = 0;
    let feasibleRuns = 0;
    let infeasibleRuns = 0;
    for (const state of states) {
      const { action, offer, explanation: e } = suggest(state);
      // No candidate is chosen exactly when there are none.
      expect(e.chosen === null).toBe(e.candidates.length === 0);
      const chosen = e.chosen === null ? undefined : e.candidates[e.chosen];
      const { alpha, beta } = e.selectionWeights;
      // PAP alone for our final offer, the paper's α = 0.35, β = 0.65 otherwise.
      expect([alpha, beta]).toEqual(e.concession.finalOffer ? [1, 0] : [0.35, 0.65]);
      for (const c of e.candidates) {
        expect(c.final).toBeLessThanOrEqual((chosen?.final ?? Number.NaN) + 1e-9);
        expect(c.final).toBeCloseTo(alpha * c.pap + beta * c.sa, 9);
        expect(c.ownScore).toBe(dot(state.utilities, c.allocation));
        expect(c.partnerScore).toBeCloseTo(
          dot(
            e.ipp.utilities,
            state.counts.map((n, i) => n - (c.allocation[i] ?? 0)),
          ),
          9,
        );
      }
      expect(e.tactic?.id ?? null).toBe(chosen?.tactic ?? null);
      explained += chosen === undefined ? 0 : 1;
      const proposesChosen = action === 'propose' && e.decision.rule === 'proposeSelectedOffer';
      expect(proposesChosen ? offer : null).toEqual(proposesChosen ? chosen?.allocation : null);
      proposed += proposesChosen ? 1 : 0;
      // Every solved program's optimum is the optimum found by enumerating every allocation
      // against the program as the paper and candidates.ts define it (recomputed here).
      const domain = getDomain(state.domain);
      for (const run of e.lp.runs) {
        const optimum = enumeratedOptimum(state, e.ipp.utilities, run.lambda, run.maxScore, {
          floor: e.concession.target,
          batna: domain.batna,
          window: defaultAstraOptions.scoreWindowShare * domain.maxScore,
        });
        expect(run.objective === null).toBe(optimum === null);
        expect(Math.abs((run.objective ?? 0) - (optimum ?? 0))).toBeLessThanOrEqual(
          1e-7 * Math.max(1, Math.abs(optimum ?? 0)),
        );
        feasibleRuns += optimum === null ? 0 : 1;
        infeasibleRuns += optimum === null ? 1 : 0;
      }
    }
    // The random states reach every branch above, many times.
    expect(explained).toBeGreaterThan(60);
    expect(proposed).toBeGreaterThan(20);
    expect(feasibleRuns).toBeGreaterThan(500);
    expect(infeasibleRuns).toBeGreaterThan(0);
  });

  it('is a pure function: the same state gives the same suggestion', () => {
    for (const state of states.slice(0, 30)) {
      expect(suggest(structuredClone(state))).toEqual(suggest(state));
    }
  });
});

describe('suggest, scenarios', () => {
  const casino = (history: AstraState['history'], utilities = [5, 4, 3]): AstraState => ({
    domain: 'casino',
    counts: [3, 3, 3],
    utilities,
    history,
  });

  it('opens with an aggressive offer and no partner information', () => {
    const result = suggest(casino([]));
    expect(result.action).toBe('propose');
    expect(result.explanation.fairness.verdict).toBe('unknown');
    expect(result.explanation.stance.stance).toBe('neutral');
    expect(result.explanation.tactic?.id).toBe('aggressiveEarlyOffer');
    expect(result.explanation.ipp.basis).toBe('prior');
    // Opposite of own: food (own high) is the partner's least wanted.
    expect(result.explanation.ipp.priorities).toEqual(['firewood', 'water', 'food']);
  });

  it('accepts an offer worth at least its own latest offer', () => {
    const result = suggest(
      casino([
        { speaker: 'self', act: { type: 'propose', allocation: [3, 2, 0] } },
        { speaker: 'partner', act: { type: 'propose', allocation: [0, 0, 3] } },
      ]),
    );
    expect(result.action).toBe('accept');
    expect(result.act).toEqual({ type: 'agree' });
    expect(result.offer).toEqual([3, 3, 0]);
  });

  it('ends the dialogue once the partner agreed to its offer', () => {
    const result = suggest(
      casino([
        { speaker: 'self', act: { type: 'propose', allocation: [3, 2, 0] } },
        { speaker: 'partner', act: { type: 'agree' } },
      ]),
    );
    expect(result.act).toEqual({ type: 'end' });
  });

  it('gives a greedy partner a λ no lower than a generous one', () => {
    const opening: AstraTurn = { speaker: 'self', act: { type: 'propose', allocation: [3, 3, 1] } };
    const greedy = suggest(
      casino([
        opening,
        { speaker: 'partner', act: { type: 'propose', allocation: [1, 1, 3] } },
        { speaker: 'self', act: { type: 'insist', allocation: [3, 3, 1] } },
        { speaker: 'partner', act: { type: 'propose', allocation: [2, 2, 3] } },
      ]),
    );
    const generous = suggest(
      casino([
        opening,
        { speaker: 'partner', act: { type: 'propose', allocation: [2, 2, 3] } },
        { speaker: 'self', act: { type: 'insist', allocation: [3, 3, 1] } },
        { speaker: 'partner', act: { type: 'propose', allocation: [1, 1, 3] } },
      ]),
    );
    expect(greedy.explanation.stance.stance).toBe('greedy');
    expect(generous.explanation.stance.stance).toBe('generous');
    expect(greedy.explanation.lambda).toBeGreaterThan(generous.explanation.lambda);
    expect(greedy.explanation.tacticGroup.group).toBe('competitive');
    expect(generous.explanation.tacticGroup.group).toBe('collaborative');
  });
});
