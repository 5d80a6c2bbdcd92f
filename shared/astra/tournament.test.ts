import { describe, expect, it } from 'vitest';
import { scriptedNegotiatorNames, scriptedNegotiators } from '../agents/scripted/catalogue';
import { casino } from '../domain/casino';
import { dealOrNoDeal } from '../domain/dealOrNoDeal';
import { astraFactory } from './astraNegotiator';
import { runTournament } from './tournament';

const agent = { name: 'astra', factory: astraFactory() };
const greedy = { name: 'greedy', factory: scriptedNegotiators.greedy.create };
const self = { name: 'astra', factory: astraFactory() };

describe('runTournament', () => {
  it('is reproducible from its seed and reports one row per opponent', () => {
    const run = () =>
      runTournament({ domain: casino, agent, opponents: [greedy, self], dialogues: 8, seed: 7 });
    const rows = run();
    expect(rows).toEqual(run());
    expect(rows.map((r) => r.opponent)).toEqual(['greedy', 'astra']);
    for (const row of rows) {
      expect(row.dialogues).toBe(8);
      expect(row.agreementRate + row.walkAwayRate).toBeLessThanOrEqual(1);
    }
  });

  it('mostly reaches agreement in ASTRA self-play, with no walk-aways', () => {
    // Both sides hold out for the fair split that favours them; in DealOrNoDeal each side's
    // estimate of the other is rough, so some final offers look lopsided to the receiver.
    for (const [domain, least] of [
      [casino, 0.9],
      [dealOrNoDeal, 0.6],
    ] as const) {
      const [row] = runTournament({ domain, agent, opponents: [self], dialogues: 20, seed: 3 });
      expect(row?.agreementRate).toBeGreaterThanOrEqual(least);
      expect(row?.walkAwayRate).toBe(0);
    }
  });

  it('walks away from the hard-headed partner in CaSiNo, whose every offer leaves it below BATNA', () => {
    const [row] = runTournament({
      domain: casino,
      agent,
      opponents: [greedy],
      dialogues: 10,
      seed: 5,
    });
    expect(row?.walkAwayRate).toBe(1);
    expect(row?.meanOwnScoreAll).toBe(casino.batna);
  });
});

/**
 * The targets, as a regression guard on a modest sample (40 dialogues per pairing, a fixed
 * seed; `parley astra tournament --dialogues 200` gives the full tables): against every scripted
 * negotiator except the hard-headed one, ASTRA's mean own score over the agreed dialogues exceeds
 * the partner's over the same dialogues, fewer than 20 % of dialogues end in a walk-away, and most
 * end in an agreement. (Against `greedy` no agreement can favour ASTRA: see README.md.)
 */
describe('tournament targets against the scripted negotiators', () => {
  const opponents = scriptedNegotiatorNames
    .filter((name) => name !== 'greedy')
    .map((name) => ({ name, factory: scriptedNegotiators[name].create }));

  for (const domain of [dealOrNoDeal, casino]) {
    it(`beats each of them in ${domain.name} without walk-away wins`, () => {
      const rows = runTournament({ domain, agent, opponents, dialogues: 40, seed: 2 });
      for (const row of rows) {
        const summary = `${row.opponent}: ${JSON.stringify(row)}`;
        expect(row.meanOwnScore ?? 0, summary).toBeGreaterThan(row.meanPartnerScore ?? Infinity);
        expect(row.walkAwayRate, summary).toBeLessThan(0.2);
        expect(row.agreementRate, summary).toBeGreaterThanOrEqual(0.6);
      }
    });
  }
});
