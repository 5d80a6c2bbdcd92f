import { describe, expect, it } from 'vitest';
import { getDomain } from '../../shared/domain/domains';
import { buildAstraReport } from './astraReport';
import { recordAstraOffers, summariseBehaviour } from './astraBehaviour';

const options = { dialogues: 6, seed: 'behaviour', seeds: 1 };

describe('the behaviour analyses (ASTRA Figs. 3–7)', () => {
  const { moves, dialogues } = recordAstraOffers('casino', options);
  // Table 1 on the same seed and sizes.
  const report = buildAstraReport({
    domains: ['casino'],
    dialogues: options.dialogues,
    seed: options.seed,
    table3: false,
    readings: false,
  });

  it('records ASTRA’s offers in the Table 1 ASTRA rows’ dialogues', () => {
    expect(moves.length).toBeGreaterThan(0);
    // Each dialogue's first offer has no previous one; the rest follow one.
    const firsts = moves.filter((m) => m.previousOwnScore === null).length;
    expect(firsts).toBeLessThanOrEqual(3 * options.dialogues);
    for (const m of moves) {
      expect(m.frontierGap).toBeGreaterThanOrEqual(0);
      expect(m.ownScore).toBeLessThanOrEqual(getDomain('casino').maxScore);
    }
    // The same dialogues as Table 1's ASTRA rows, outcome for outcome.
    for (const row of report.table1.filter((r) => r.agent === 'with')) {
      expect(dialogues[row.persona]).toEqual(row.dialogues);
    }
    expect(report.behaviour[0]?.offers).toBe(moves.length);
  });

  it('summarises the offers by stance, fairness and tactic, counting by hand', () => {
    const summary = summariseBehaviour('casino', moves);
    for (const row of summary.lambdaByStance) {
      const group = moves.filter((m) => m.stance === row.stance);
      expect(row.offers).toBe(group.length);
      expect(row.meanLambda).toBe(
        group.length === 0 ? null : group.reduce((s, m) => s + m.lambda, 0) / group.length,
      );
    }
    expect(summary.tactics.reduce((n, r) => n + r.offers, 0)).toBe(moves.length);
    for (const row of summary.tactics.filter((r) => r.offers > 0)) {
      expect(Object.values(row.shares).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    }
    for (const row of summary.movesByStance) {
      const changes = moves
        .filter((m) => m.stance === row.stance && m.previousOwnScore !== null)
        .map((m) => m.ownScore - (m.previousOwnScore ?? 0));
      expect(row.moves).toBe(changes.length);
      expect(row.concede + row.hold + row.raise).toBe(changes.length);
      expect(row.concede).toBe(changes.filter((c) => c < 0).length);
    }
    expect(summary.movesByTactic.reduce((n, r) => n + r.offers, 0)).toBe(moves.length);
    for (const row of summary.frontierByStance.filter((r) => r.offers > 0)) {
      const group = moves.filter((m) => m.stance === row.stance);
      expect(row.onFrontier).toBe(group.filter((m) => m.frontierGap === 0).length / group.length);
    }
  });

  it('judges Fig. 3 against λ 0.9 / 0.5 / 0.3 by stance', () => {
    const verdict = report.verdicts.find((v) => v.claim.includes('Fig. 3'));
    expect(verdict?.verdict).toBe('holds');
    expect(verdict?.why).toMatch(/^by construction/);
  });
});
