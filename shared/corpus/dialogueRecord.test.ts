import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scriptedNegotiatorNames, scriptedNegotiators } from '../agents/scripted/catalogue';
import { playDialogue } from '../agents/playDialogue';
import { ActError } from '../dialogue/actRules';
import { casino } from '../domain/casino';
import { dealOrNoDeal } from '../domain/dealOrNoDeal';
import type { Context } from '../domain/types';
import { createRng } from '../random/rng';
import { domainAndContext } from '../testing/arbitraries';
import { played, propose } from '../testing/dialogues';
import { learnableState, recordFromState, stateFromRecord } from './recordConversion';
import { dealContext, dealRecord, syntheticMeta } from '../testing/records';
import { formatRecordLine, parseRecordLine } from './recordLines';

const casinoContext: Context = {
  counts: [3, 3, 3],
  utilities: [
    [5, 4, 3],
    [3, 4, 5],
  ],
};
const reparse = (value: unknown) => parseRecordLine(JSON.stringify(value));
const errorOf = (value: unknown) => {
  const parsed = reparse(value);
  return parsed.ok ? null : parsed.error;
};

describe('dialogue records', () => {
  it('round-trip through a JSONL line and a replay, for any scripted dialogue', () => {
    fc.assert(
      fc.property(
        domainAndContext,
        fc.constantFrom(...scriptedNegotiatorNames),
        fc.constantFrom(...scriptedNegotiatorNames),
        fc.integer(),
        ({ domain, context }, a, b, seed) => {
          const rng = createRng(seed);
          const state = playDialogue(domain, context, [
            scriptedNegotiators[a].create(rng.fork(0)),
            scriptedNegotiators[b].create(rng.fork(1)),
          ]);
          const record = recordFromState(state, syntheticMeta);
          const parsed = parseRecordLine(formatRecordLine(record));
          expect(parsed).toEqual({ ok: true, record });
          const replayed = stateFromRecord(record);
          expect(replayed.turns).toEqual(state.turns);
          expect(replayed.outcome).toEqual(state.outcome);
          expect(replayed.endedBy).toBe(state.endedBy);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keep utterances beside the acts when there are some', () => {
    const state = stateFromRecord(dealRecord());
    const record = recordFromState(state, { ...syntheticMeta, texts: ['hats for me', 'ok'] });
    expect(record.turns.map((t) => t.text)).toEqual(['hats for me', 'ok', undefined]);
    expect(reparse(record).ok).toBe(true);
  });

  it('refuse an unfinished dialogue', () => {
    expect(() => recordFromState(played(dealOrNoDeal, dealContext, []), syntheticMeta)).toThrow(
      /finished/,
    );
  });

  it('reject records that contradict their domain or themselves, saying why', () => {
    const good = dealRecord();
    expect(errorOf(good)).toBeNull();
    expect(errorOf({ ...good, domain: 'chess' })).toMatch(/domain/);
    expect(errorOf({ ...good, context: { ...good.context, counts: [1, 2, 2] } })).toMatch(
      /context: .*worth 10/,
    );
    expect(errorOf({ ...good, turns: [{ speaker: 0, act: propose(0, 3, 0) }] })).toMatch(
      /turn 0: propose\(0,3,0\) does not fit the counts 1,2,3/,
    );
    expect(errorOf({ ...good, turns: [{ speaker: 0, act: { type: 'walkaway' } }] })).toMatch(
      /no walk-away/,
    );
    expect(errorOf({ ...good, outcome: { ...good.outcome, scores: [10, 10] } })).toMatch(
      /does not follow from the selections/,
    );
    expect(errorOf({ ...good, selections: [[0, 2, 0], null] })).toMatch(/does not follow/);
    expect(
      errorOf({
        ...good,
        turns: [{ speaker: 0, act: { type: 'propose', allocation: [0, 2, 0], extra: 1 } }],
      }),
    ).toMatch(/extra/);
    expect(errorOf({ ...good, version: 2 })).toMatch(/version/);
    const broken = parseRecordLine('{"id":');
    expect(broken.ok ? null : broken.error).toMatch(/^not JSON/);
  });

  it('say what else is wrong only once the context is right, and check offers, insists and selections', () => {
    const good = dealRecord();
    // A context of another shape: its problem alone (the turns cannot be checked against it).
    const badContext = errorOf({
      ...good,
      context: { ...good.context, counts: [1, 2, 2] },
      turns: [{ speaker: 0, act: propose(0, 3, 0) }],
    });
    expect(badContext).toMatch(/context: /);
    expect(badContext).not.toMatch(/turn 0/);
    expect(
      errorOf({ ...good, turns: [{ speaker: 0, act: { type: 'insist', allocation: [2, 0, 0] } }] }),
    ).toMatch(/turn 0: insist\(2,0,0\) does not fit the counts 1,2,3/);
    // A selection that does not fit: that, and not the outcome (which cannot follow from it).
    const badSelection = errorOf({
      ...good,
      selections: [
        [0, 2, 0],
        [1, 0, 4],
      ],
    });
    expect(badSelection).toMatch(/selection of agent 1 does not fit the counts 1,2,3/);
    expect(badSelection).not.toMatch(/does not follow/);
    expect(
      errorOf({
        ...good,
        selections: [
          [0, 3, 0],
          [1, 0, 3],
        ],
      }),
    ).toMatch(/selection of agent 0 does not fit/);
  });

  it('allow preference acts only where the domain has them, about its own items', () => {
    const good = dealRecord();
    for (const act of [
      { type: 'askPreference' },
      { type: 'statePreference', item: 0, priority: 'high' },
    ]) {
      expect(errorOf({ ...good, turns: [{ speaker: 0, act }, ...good.turns] })).toMatch(
        /turn 0: DealOrNoDeal has no preference acts/,
      );
    }
    const walkedAway = recordFromState(
      played(casino, casinoContext, [{ type: 'askPreference' }, { type: 'walkaway' }]),
      syntheticMeta,
    );
    expect(errorOf(walkedAway)).toBeNull();
    const stating = (item: number) => ({
      ...walkedAway,
      turns: [
        { speaker: 0, act: { type: 'statePreference', item, priority: 'low' } },
        walkedAway.turns[1],
      ],
    });
    expect(errorOf(stating(2))).toBeNull();
    expect(errorOf(stating(3))).toMatch(/turn 0: item 3 is not one of the 3 items/);
  });

  it('pair each source with its own provenance', () => {
    const good = dealRecord();
    expect(errorOf({ ...good, source: 'import' })).toMatch(/provenance/);
    const imported = {
      ...good,
      source: 'import',
      provenance: { format: 'dealornodeal', file: 'val.txt', lines: [3, 4], output: 'items' },
    };
    expect(errorOf(imported)).toBeNull();
    expect(
      errorOf({ ...good, source: 'selfplay', provenance: { round: 'r1', anything: true } }),
    ).toBeNull();
  });

  it('hold unknown turns from any source; a learnable import keeps what people said', () => {
    const good = dealRecord();
    const withUnknown = {
      ...good,
      turns: [{ speaker: 0, act: { type: 'unknown' }, text: 'hello there' }, ...good.turns],
    };
    expect(errorOf(withUnknown)).toBeNull();
    // "deal" to an offer the parser missed: the rules refuse it, the learnable import keeps it.
    const imported = {
      ...good,
      turns: [{ speaker: 0 as const, act: { type: 'agree' as const } }, ...good.turns],
      source: 'import' as const,
      provenance: {
        format: 'dealornodeal' as const,
        file: 'val.txt',
        lines: [1],
        output: 'items' as const,
      },
    };
    const parsed = reparse(imported);
    expect(parsed.ok).toBe(true);
    expect(() => stateFromRecord(imported)).toThrow(ActError);
    const state = learnableState(imported);
    expect(state.turns.map((t) => t.act.type)).toEqual(imported.turns.map((t) => t.act.type));
    expect(state.outcome).toEqual(good.outcome);
    expect(state.selections).toEqual(good.selections);
    // Any other source is held to the rules.
    expect(() =>
      learnableState({ ...imported, source: 'synthetic', provenance: syntheticMeta.provenance }),
    ).toThrow(ActError);
  });

  it('refuse to replay a record whose acts break the rules', () => {
    const good = dealRecord();
    const agreeFirst = {
      ...good,
      turns: [{ speaker: 0 as const, act: { type: 'agree' as const } }, ...good.turns],
    };
    expect(() => stateFromRecord(agreeFirst)).toThrow(ActError);
    // A record (not read through the schema) whose outcome its replay does not give.
    const wrongOutcome = {
      ...good,
      outcome: { ...good.outcome, scores: [10, 10] as [number, number] },
    };
    expect(() => stateFromRecord(wrongOutcome)).toThrow(
      new RangeError('record d-1: replaying it gives a different outcome than recorded'),
    );
  });

  it("report what is wrong on one line, the report's lines joined by a space", () => {
    expect(errorOf({ ...dealRecord(), version: 2 })).toBe(
      '✖ Invalid input: expected 1   → at version',
    );
  });
});
