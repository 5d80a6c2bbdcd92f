import { describe, expect, it } from 'vitest';
import { scriptedNegotiators } from '../agents/scripted/catalogue';
import { casino } from '../domain/casino';
import { dealOrNoDeal } from '../domain/dealOrNoDeal';
import { astraFactory } from './astraNegotiator';
import { runTournament } from './tournament';

describe('runTournament', () => {
  const agent = { name: 'astra', factory: astraFactory() };
  const opponents = [
    { name: 'greedy', factory: scriptedNegotiators.greedy.create },
    { name: 'astra', factory: astraFactory() },
  ];

  it('is reproducible from its seed and reports one row per opponent', () => {
    const run = () => runTournament({ domain: casino, agent, opponents, dialogues: 12, seed: 7 });
    const rows = run();
    expect(rows).toEqual(run());
    expect(rows.map((r) => r.opponent)).toEqual(['greedy', 'astra']);
    for (const row of rows) {
      expect(row.dialogues).toBe(12);
      expect(row.agreementRate + row.walkAwayRate).toBeLessThanOrEqual(1);
    }
  });

  it('reaches agreement in ASTRA self-play, with no walk-aways', () => {
    for (const domain of [casino, dealOrNoDeal]) {
      const [self] = runTournament({
        domain,
        agent,
        opponents: [opponents[1]!],
        dialogues: 20,
        seed: 3,
      });
      expect(self?.agreementRate).toBeGreaterThan(0.9);
      expect(self?.walkAwayRate).toBe(0);
    }
  });

  it('walks away from a partner that never concedes in CaSiNo rather than accept nothing', () => {
    const [row] = runTournament({
      domain: casino,
      agent,
      opponents: [opponents[0]!],
      dialogues: 10,
      seed: 5,
    });
    expect(row?.walkAwayRate).toBe(1);
    expect(row?.meanOwnScoreAll).toBe(casino.batna);
  });
});
