import { describe, expect, it } from 'vitest';
import { actViolation } from '../dialogue/actRules';
import { allocationsEqual, complement } from '../domain/allocation';
import { getDomain } from '../domain/domains';
import { domainIds } from '../domain/domains';
import { scoreOf } from '../domain/scoring';
import { createRng } from '../random/rng';
import { bruteForceOptimum, sameObjective } from './bruteForce';
import { offerProgramFor } from './candidates';
import { defaultAstraOptions } from './options';
import { randomAstraState } from './randomStates';
import { suggest } from './suggest';
import type { AstraState, AstraTurn } from './types';

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
    for (const state of states) {
      const { action, offer, explanation: e } = suggest(state);
      if (e.chosen === null) {
        expect(e.candidates).toHaveLength(0);
        continue;
      }
      const chosen = e.candidates[e.chosen];
      expect(chosen).toBeDefined();
      if (chosen === undefined) {
        continue;
      }
      const { alpha, beta } = e.selectionWeights;
      // PAP alone for our final offer, the paper's α = 0.35, β = 0.65 otherwise.
      expect([alpha, beta]).toEqual(e.concession.finalOffer ? [1, 0] : [0.35, 0.65]);
      for (const c of e.candidates) {
        expect(c.final).toBeLessThanOrEqual(chosen.final + 1e-9);
        expect(c.final).toBeCloseTo(alpha * c.pap + beta * c.sa, 9);
        expect(c.ownScore).toBe(scoreOf(state.utilities, c.allocation));
        expect(c.partnerScore).toBeCloseTo(
          scoreOf(e.ipp.utilities, complement(state.counts, c.allocation)),
          9,
        );
      }
      expect(e.tactic?.id ?? null).toBe(chosen.tactic);
      if (action === 'propose' && e.decision.rule === 'proposeSelectedOffer') {
        expect(offer !== undefined && allocationsEqual(offer, chosen.allocation)).toBe(true);
      }
      // Every solved program's optimum is the brute-force optimum.
      const domain = getDomain(state.domain);
      for (const run of e.lp.runs) {
        const oracle = bruteForceOptimum(
          offerProgramFor(
            domain,
            state.counts,
            state.utilities,
            e.ipp.utilities,
            run.lambda,
            run.maxScore,
            e.concession.target,
            defaultAstraOptions,
          ),
        );
        expect(run.objective === null).toBe(oracle === null);
        if (run.objective !== null && oracle !== null) {
          expect(sameObjective(run.objective, oracle.objective)).toBe(true);
        }
      }
    }
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
