import { describe, expect, it } from 'vitest';
import { casino } from '../domain/casino';
import { dealOrNoDeal } from '../domain/dealOrNoDeal';
import { generateCorpus, generateDialogue, type CorpusSpec } from './generateCorpus';
import { parsePopulation } from './population';
import { formatRecordLine, parseRecordLine } from './recordLines';
import { stateFromRecord } from './recordConversion';

const spec = (overrides: Partial<CorpusSpec> = {}): CorpusSpec => ({
  domain: dealOrNoDeal,
  dialogues: 60,
  seed: 7,
  population: parsePopulation('boulware:2,conceder:1,tft:1,greedy:1,fair:1,random:0.5'),
  ...overrides,
});

describe('generateCorpus', () => {
  it('is deterministic for a seed, and differs between seeds', () => {
    const lines = (s: CorpusSpec) => [...generateCorpus(s)].map(formatRecordLine);
    expect(lines(spec())).toEqual(lines(spec()));
    expect(lines(spec({ seed: 8 }))).not.toEqual(lines(spec()));
  });

  it('makes dialogue i depend only on the seed and i', () => {
    const corpus = [...generateCorpus(spec())];
    expect(generateDialogue(spec(), 42)).toEqual(corpus[42]);
    expect([...generateCorpus(spec({ dialogues: 10 }))]).toEqual(corpus.slice(0, 10));
  });

  it('writes valid, replayable synthetic records with their provenance', () => {
    for (const domain of [dealOrNoDeal, casino]) {
      for (const record of generateCorpus(spec({ domain, dialogues: 40 }))) {
        expect(parseRecordLine(formatRecordLine(record))).toEqual({ ok: true, record });
        expect(stateFromRecord(record).outcome).toEqual(record.outcome);
        expect(record.source).toBe('synthetic');
        expect(record.provenance).toMatchObject({ generator: 'parley corpus generate', seed: 7 });
      }
    }
    expect(generateDialogue(spec(), 3).id).toBe('dealornodeal-7-3');
  });

  it('draws seats by the population weights', () => {
    const seats = new Map<string, number>();
    for (const record of generateCorpus(
      spec({ dialogues: 600, population: parsePopulation('greedy:3,fair:1,tft:0') }),
    )) {
      if (record.source === 'synthetic') {
        for (const name of record.provenance.negotiators) {
          seats.set(name, (seats.get(name) ?? 0) + 1);
        }
      }
    }
    expect(seats.get('tft')).toBeUndefined();
    const greedyShare = (seats.get('greedy') ?? 0) / 1200;
    expect(greedyShare).toBeGreaterThan(0.7);
    expect(greedyShare).toBeLessThan(0.8);
  });

  it("is pinned: a seed's dialogues stay the same from one version of Parley to the next", () => {
    // Each part of a dialogue draws from its own named fork of the seed (seats, context, first
    // speaker, each negotiator); renaming or sharing a fork would change these.
    const pinned = [
      ...generateCorpus(spec({ dialogues: 3, population: parsePopulation('random:1,fair:1') })),
    ].map((record) => ({
      context: record.context,
      firstSpeaker: record.firstSpeaker,
      negotiators: record.source === 'synthetic' ? record.provenance.negotiators : null,
      acts: record.turns
        .map((t) =>
          t.act.type === 'propose' ? `propose(${t.act.allocation.join(',')})` : t.act.type,
        )
        .join(' '),
    }));
    expect(pinned).toEqual([
      {
        context: {
          counts: [2, 2, 2],
          utilities: [
            [2, 1, 2],
            [2, 3, 0],
          ],
        },
        firstSpeaker: 0,
        negotiators: ['random', 'fair'],
        acts: 'propose(2,0,0) agree end',
      },
      {
        context: {
          counts: [4, 1, 2],
          utilities: [
            [1, 2, 2],
            [1, 0, 3],
          ],
        },
        firstSpeaker: 0,
        negotiators: ['random', 'random'],
        acts: 'propose(1,1,0) disagree propose(4,0,0) end',
      },
      {
        context: {
          counts: [1, 2, 3],
          utilities: [
            [4, 0, 2],
            [8, 1, 0],
          ],
        },
        firstSpeaker: 1,
        negotiators: ['random', 'random'],
        acts: 'propose(0,0,3) agree end',
      },
    ]);
  });

  it('refuses a bad dialogue count; none is a count', () => {
    expect([...generateCorpus(spec({ dialogues: 0 }))]).toEqual([]);
    expect(() => [...generateCorpus(spec({ dialogues: -1 }))]).toThrow(/whole number/);
    expect(() => [...generateCorpus(spec({ dialogues: 1.5 }))]).toThrow(/whole number/);
  });
});
