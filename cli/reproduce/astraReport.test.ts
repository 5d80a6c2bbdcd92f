import { describe, expect, it } from 'vitest';
import { buildAstraReport, renderFigures, renderMarkdown, table3Alphas } from './astraReport';
import type { DialogueResult } from './astraRun';
import { publishedTable1, publishedTable3 } from './published';

// Small sizes: 6 dialogues per cell, CaSiNo only, with the α/β ablation.
const report = buildAstraReport({ domains: ['casino'], dialogues: 6, seed: 'test', table3: true });

/** Independent of cellStats: plain loops over the stored dialogues. */
function recompute(dialogues: readonly DialogueResult[]) {
  let agentAll = 0;
  let partnerAll = 0;
  let agentAgreed = 0;
  let partnerAgreed = 0;
  let agreements = 0;
  let walkAways = 0;
  for (const d of dialogues) {
    agentAll += d.agent;
    partnerAll += d.partner;
    if (d.agreed) {
      agreements += 1;
      agentAgreed += d.agent;
      partnerAgreed += d.partner;
    }
    if (d.walkedAway) {
      walkAways += 1;
    }
  }
  const n = dialogues.length;
  return {
    n,
    agreements,
    agentAll: agentAll / n,
    partnerAll: partnerAll / n,
    jointAll: (agentAll + partnerAll) / n,
    agentAgreed: agreements === 0 ? null : agentAgreed / agreements,
    partnerAgreed: agreements === 0 ? null : partnerAgreed / agreements,
    jointAgreed: agreements === 0 ? null : (agentAgreed + partnerAgreed) / agreements,
    walkAwayRate: walkAways / n,
  };
}

/** Compares means to 10 decimals, nulls (no agreements) exactly. */
const round = (x: number | null | undefined) =>
  x === null || x === undefined ? null : Number(x.toFixed(10));

function welchByHand(a: readonly number[], b: readonly number[]) {
  const ma = a.reduce((s, x) => s + x, 0) / a.length;
  const mb = b.reduce((s, x) => s + x, 0) / b.length;
  const va = a.reduce((s, x) => s + (x - ma) ** 2, 0) / (a.length - 1) / a.length;
  const vb = b.reduce((s, x) => s + (x - mb) ** 2, 0) / (b.length - 1) / b.length;
  return {
    t: (ma - mb) / Math.sqrt(va + vb),
    df: (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1)),
  };
}

describe('the ASTRA reproduction report', () => {
  it('has with and without ASTRA against every persona, and a not-run RL row', () => {
    const played = report.table1.filter((r) => r.stats !== null);
    expect(played.map((r) => `${r.agent}/${r.persona}`)).toEqual([
      'with/base',
      'with/greedy',
      'with/fair',
      'without/base',
      'without/greedy',
      'without/fair',
    ]);
    expect(played.every((r) => r.dialogues.length === 6)).toBe(true);
    const rl = report.table1.filter((r) => r.agent === 'rl');
    expect(rl).toHaveLength(3);
    expect(rl.every((r) => r.stats === null && r.notRun?.startsWith('not run'))).toBe(true);
  });

  it('computes every Table 1 cell from its stored dialogues', () => {
    for (const row of report.table1.filter((r) => r.stats !== null)) {
      const expected = recompute(row.dialogues);
      expect(row.stats?.n).toBe(expected.n);
      expect(row.stats?.agreements).toBe(expected.agreements);
      for (const key of [
        'agentAll',
        'partnerAll',
        'jointAll',
        'agentAgreed',
        'partnerAgreed',
        'jointAgreed',
        'walkAwayRate',
      ] as const) {
        expect(round(row.stats?.[key]), `${row.agent}/${row.persona} ${key}`).toEqual(
          round(expected[key]),
        );
      }
    }
  });

  it('marks a partner that never agrees with nulls, not NaN', () => {
    // The hard-headed partner leaves ASTRA below its BATNA in CaSiNo: it walks away (README).
    const greedy = report.table1.find((r) => r.agent === 'with' && r.persona === 'greedy');
    expect(greedy?.stats?.agreements).toBe(0);
    expect(greedy?.stats?.agentAgreed).toBeNull();
    const markdown = renderMarkdown(report, Object.keys(renderFigures(report)));
    expect(markdown).not.toMatch(/NaN|Infinity|undefined/);
    expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/);
  });

  it('tests with vs without on the stored dialogues (Welch, pooled and per persona)', () => {
    const stored = (agent: 'with' | 'without') =>
      report.table1.filter((r) => r.agent === agent).flatMap((r) => r.dialogues);
    const pooledAgreed = report.tTests.find(
      (t) => t.persona === 'all' && t.metric === 'agentAgreed',
    );
    const a = stored('with')
      .filter((d) => d.agreed)
      .map((d) => d.agent);
    const b = stored('without')
      .filter((d) => d.agreed)
      .map((d) => d.agent);
    expect(pooledAgreed?.nWith).toBe(a.length);
    expect(pooledAgreed?.nWithout).toBe(b.length);
    const byHand = welchByHand(a, b);
    expect(pooledAgreed?.test?.t).toBeCloseTo(byHand.t, 10);
    expect(pooledAgreed?.test?.df).toBeCloseTo(byHand.df, 10);
    expect(pooledAgreed?.test?.p).toBeGreaterThan(0);
    expect(pooledAgreed?.test?.p).toBeLessThanOrEqual(1);
    // Against the greedy stand-in there are no agreements: no test, and a sentence why.
    const greedy = report.tTests.find((t) => t.persona === 'greedy' && t.metric === 'agentAgreed');
    expect(greedy?.test).toBeNull();
    expect(greedy?.message).toMatch(/fewer than two agreements/);
  });

  it('has the six α/β settings, each pooled from its stored dialogues', () => {
    expect(report.table3.map((r) => [r.alpha, r.beta])).toEqual(
      table3Alphas.map((alpha) => [alpha, Math.round((1 - alpha) * 100) / 100]),
    );
    for (const row of report.table3) {
      const expected = recompute(Object.values(row.dialogues).flat());
      expect(row.stats.n).toBe(18);
      expect(row.stats.agentAll).toBeCloseTo(expected.agentAll, 10);
      expect(round(row.stats.agentAgreed)).toEqual(round(expected.agentAgreed));
      expect(row.stats.walkAwayRate).toBeCloseTo(expected.walkAwayRate, 10);
    }
  });

  it('prints each published number with its source, and a verdict per claim', () => {
    const markdown = renderMarkdown(report, []);
    for (const published of [
      publishedTable1.withAstraAgentAgreed,
      publishedTable1.withoutAstraAgentAgreed,
      publishedTable1.rlBaselineAgent,
    ]) {
      expect(markdown).toContain(`| ${published.value?.toFixed(2)} | ${published.source} |`);
    }
    expect(markdown).toContain(`t = ${publishedTable1.tWithVsWithout.value}, p < 0.001`);
    expect(markdown).toContain(publishedTable3.best.agentAll.source);
    expect(markdown).toContain(`${publishedTable3.best.agentAgreed.value?.toFixed(2)} (diff`);
    expect(report.verdicts.map((v) => v.verdict)).toHaveLength(5);
    for (const v of report.verdicts) {
      expect(['holds', 'does not hold', 'not comparable']).toContain(v.verdict);
      expect(markdown).toContain(`**${v.verdict}** | ${v.why} |`);
    }
  });

  it('pools several seeds: the first seed’s dialogues, then the next seed’s', () => {
    const one = buildAstraReport({
      domains: ['casino'],
      dialogues: 3,
      seed: 'test',
      table3: false,
    });
    const two = buildAstraReport({
      domains: ['casino'],
      dialogues: 3,
      seed: 'test',
      seeds: 2,
      table3: false,
    });
    expect(two.run.dialoguesPerCell).toBe(6);
    const first = (r: typeof one) => r.table1.find((row) => row.agent === 'with')?.dialogues ?? [];
    expect(first(two)).toHaveLength(6);
    expect(first(two).slice(0, 3)).toEqual(first(one));
    expect(() =>
      buildAstraReport({ domains: ['casino'], dialogues: 3, seed: 'x', seeds: 0, table3: false }),
    ).toThrow(/seeds must be a whole number ≥ 1, got 0/);
  });

  it("plays each of the paper's readings and all five against Parley's rules on the same partners", () => {
    const rows = report.readings.filter((r) => r.domain === 'casino');
    expect(rows.map((r) => r.reading)).toEqual([
      'askBeforeOpening',
      'stanceNoChangeIsNeutral',
      'competitiveAgainstNeutral',
      'acceptAtLatestOffer',
      'walkAwayAfterNoConcession',
      'all',
    ]);
    const parley = report.table1
      .filter((r) => r.domain === 'casino' && r.agent === 'with')
      .flatMap((r) => r.dialogues);
    for (const row of rows) {
      const mine = Object.values(row.dialogues).flat();
      expect(mine).toHaveLength(18);
      expect(row.stats.agentAll).toBeCloseTo(recompute(mine).agentAll, 12);
      // The test's difference is the reading's mean minus Parley's, from the stored dialogues.
      const difference = recompute(mine).agentAll - recompute(parley).agentAll;
      expect(row.vsDefault?.meanDifference ?? row.message).toSatisfy((d: number | string) =>
        typeof d === 'number' ? Math.abs(d - difference) < 1e-9 : difference === 0,
      );
    }
    // The paper's walk-away rule leaves more often than Parley's impasse rule (greedy partner).
    const walk = rows.find((r) => r.reading === 'walkAwayAfterNoConcession')!;
    expect(walk.stats.walkAwayRate).toBeGreaterThanOrEqual(recompute(parley).walkAwayRate);
    expect(renderMarkdown(report, [])).toContain(
      '| walk away after 3 turns without a concession (§2.2) | 18 |',
    );
  });

  it('resumes finished cells from its cache instead of replaying them', () => {
    const store = new Map<string, DialogueResult[]>();
    const cache = {
      get: (k: string) => store.get(k),
      set: (k: string, v: DialogueResult[]) => store.set(k, v),
    };
    const base = {
      domains: ['casino'] as const,
      dialogues: 2,
      seed: 'resume',
      table3: false,
      readings: false,
      cache,
    };
    const firstLines: string[] = [];
    const first = buildAstraReport({ ...base, progress: (l) => firstLines.push(l) });
    expect(store.size).toBe(6);
    expect(firstLines.filter((l) => l.endsWith('(resumed)'))).toHaveLength(0);
    const againLines: string[] = [];
    const again = buildAstraReport({ ...base, progress: (l) => againLines.push(l) });
    // Six cells, all from the cache; the behaviour pass replays ASTRA's offers (it keeps no cache).
    const cells = againLines.filter((l) => !l.includes(' behaviour: '));
    expect(cells).toHaveLength(6);
    expect(cells.every((l) => l.endsWith('(resumed)'))).toBe(true);
    expect(againLines).toHaveLength(7);
    expect(again.table1).toEqual(first.table1);
  });

  it('is deterministic for a seed and refuses zero dialogues with a sentence', () => {
    const again = buildAstraReport({
      domains: ['casino'],
      dialogues: 6,
      seed: 'test',
      table3: false,
    });
    expect(again.table1).toEqual(report.table1);
    expect(() =>
      buildAstraReport({ domains: ['casino'], dialogues: 0, seed: 'x', table3: false }),
    ).toThrow(/dialogues per cell must be a whole number ≥ 1, got 0/);
  });
});

describe('the spread over seeds', () => {
  it('is each seed’s cell mean, then their mean and 95 % interval, and absent with one seed', () => {
    const report = buildAstraReport({
      domains: ['dealornodeal'],
      dialogues: 4,
      seed: 'spread',
      seeds: 3,
      table3: false,
      readings: false,
    });
    const row = report.table1.find((r) => r.agent === 'with' && r.persona === 'base');
    expect(row?.dialogues).toHaveLength(12);
    // By hand: the three blocks of four, in seed order.
    const means = [0, 1, 2].map(
      (k) => (row?.dialogues.slice(4 * k, 4 * k + 4) ?? []).reduce((s, d) => s + d.agent, 0) / 4,
    );
    const mean = (means[0]! + means[1]! + means[2]!) / 3;
    const sd = Math.sqrt(means.reduce((s, m) => s + (m - mean) ** 2, 0) / 2);
    expect(row?.spread?.agentAll?.mean).toBeCloseTo(mean, 10);
    expect(row?.spread?.agentAll?.ci95).toBeCloseTo((4.303 * sd) / Math.sqrt(3), 10);
    expect(renderMarkdown(report, [])).toContain('Across the 3 seeds');
    const single = buildAstraReport({
      domains: ['dealornodeal'],
      dialogues: 4,
      seed: 'spread',
      table3: false,
      readings: false,
    });
    expect(single.table1.every((r) => r.spread === null)).toBe(true);
    expect(renderMarkdown(single, [])).not.toContain('Across the');
  });
});
