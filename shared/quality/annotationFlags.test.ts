import { describe, expect, it } from 'vitest';
import type { Act } from '../dialogue/acts';
import type { Outcome } from '../dialogue/outcome';
import { dealScores, isParetoOptimal } from '../domain/scoring';
import { getDomain } from '../domain/domains';
import type { Context } from '../domain/types';
import { dealContext, propose } from '../testing/dialogues';
import {
  annotationFlags,
  defaultFlagThresholds,
  firstResponse,
  type FlagInput,
  type TimedTurn,
} from './annotationFlags';

const dealOrNoDeal = getDomain('dealornodeal');
const agree: Act = { type: 'agree' };
const end: Act = { type: 'end' };
const disagree: Act = { type: 'disagree' };

function agreed(context: Context, aliceShare: number[]): Outcome {
  return {
    agreed: true,
    walkedAway: false,
    allocation: aliceShare,
    scores: dealScores(context, aliceShare),
    paretoOptimal: isParetoOptimal(context, aliceShare),
  };
}

/** Turns alternating Bob, Alice, Bob… from t = 5 s, 5 s apart (unless told otherwise). */
function timed(acts: Act[], stepMs = 5_000): TimedTurn[] {
  return acts.map((act, i) => ({ speaker: i % 2 === 0 ? 1 : 0, act, at: (i + 1) * stepMs }));
}

function input(overrides: Partial<FlagInput>): FlagInput {
  return {
    domain: dealOrNoDeal,
    context: dealContext,
    // Alice keeps the hats and a ball; Bob would get the book and two balls (8 points).
    prefix: [{ speaker: 0, act: propose(0, 2, 1) }],
    turns: timed([agree, end]),
    startedAt: 0,
    outcome: agreed(dealContext, [0, 2, 1]),
    invalidActs: 0,
    workerFirstResponses: ['agree'],
    ...overrides,
  };
}

const codes = (flags: { code: string }[]) => flags.map((f) => f.code);

describe('annotationFlags', () => {
  it('raises nothing for a careful, Pareto-optimal deal', () => {
    expect(annotationFlags(input({}))).toEqual([]);
  });

  it('flags too many refused acts', () => {
    expect(codes(annotationFlags(input({ invalidActs: 2 })))).toEqual([]);
    expect(annotationFlags(input({ invalidActs: 3 }))).toEqual([
      { code: 'invalid_acts', detail: '3 acts refused by the rules (more than 2)' },
    ]);
  });

  it('flags acts faster than the time threshold, measured from the previous act', () => {
    expect(codes(annotationFlags(input({ turns: timed([agree, end], 500) })))).toEqual([
      'too_fast',
    ]);
    expect(
      codes(
        annotationFlags(input({ turns: timed([agree, end], 500) }), {
          ...defaultFlagThresholds,
          minMsPerTurn: 400,
        }),
      ),
    ).toEqual([]);
  });

  it('flags a deal much worse than what Alice offered earlier', () => {
    // Alice first offered Bob 10 points (the book and all three balls),
    // then Bob settled for her greedier offer worth 4.
    const prefix = [
      { speaker: 0 as const, act: propose(0, 2, 0) },
      { speaker: 1 as const, act: disagree },
      { speaker: 0 as const, act: propose(1, 2, 1) },
    ];
    const flags = annotationFlags(input({ prefix, outcome: agreed(dealContext, [1, 2, 1]) }));
    expect(codes(flags)).toEqual(['deal_below_earlier_offer']);
    expect(flags[0]?.detail).toBe('agreed to 4 points after Alice had offered 10');
  });

  it('flags a deal below the BATNA (CaSiNo: walking away is worth 5)', () => {
    const casino = getDomain('casino');
    const context: Context = {
      counts: [3, 3, 3],
      utilities: [
        [5, 4, 3],
        [3, 5, 4],
      ],
    };
    const outcome: Outcome = { ...agreed(context, [3, 3, 3]), scores: [36, 0] };
    const flags = annotationFlags(
      input({ domain: casino, context, prefix: [{ speaker: 0, act: propose(3, 3, 3) }], outcome }),
    );
    expect(codes(flags)).toContain('deal_below_batna');
  });

  it('flags ignoring own utilities: far below what the frontier gave Bob for free', () => {
    // Bob values only the book; Alice values every item alike and asked for the book.
    const context: Context = {
      counts: [1, 1, 1],
      utilities: [
        [1, 1, 1],
        [5, 0, 0],
      ],
    };
    const flags = annotationFlags(
      input({
        context,
        prefix: [{ speaker: 0, act: propose(1, 0, 0) }],
        outcome: agreed(context, [1, 0, 0]),
      }),
    );
    expect(flags).toEqual([
      {
        code: 'far_below_pareto',
        detail: '0 points where 5 was possible without Alice losing anything',
      },
    ]);
  });

  it('flags always-agree behaviour once the worker has enough annotations', () => {
    const always = ['agree', 'agree', 'agree', 'agree', 'agree'] as const;
    expect(codes(annotationFlags(input({ workerFirstResponses: always.slice(0, 4) })))).toEqual([]);
    expect(codes(annotationFlags(input({ workerFirstResponses: always })))).toEqual([
      'always_agree',
    ]);
    expect(codes(annotationFlags(input({ workerFirstResponses: [...always, 'propose'] })))).toEqual(
      [],
    );
  });

  it('flags the same act three times in a row', () => {
    const turns = timed([disagree, propose(0, 2, 1), disagree, propose(0, 2, 1), disagree, end]);
    const noDeal: Outcome = {
      agreed: false,
      walkedAway: false,
      allocation: null,
      scores: [0, 0],
      paretoOptimal: null,
    };
    expect(annotationFlags(input({ turns, outcome: noDeal }))).toEqual([
      // Disagreeing without ever offering is no attempt either.
      { code: 'no_attempt', detail: 'no deal, and the worker made 0 offers (fewer than 1)' },
      { code: 'repeated_acts', detail: 'the same act 3 times in a row' },
    ]);
  });

  describe('no attempt at negotiating', () => {
    const noDeal: Outcome = {
      agreed: false,
      walkedAway: false,
      allocation: null,
      scores: [0, 0],
      paretoOptimal: null,
    };

    it('flags ending at once with no deal, which is not too fast at 5 s', () => {
      expect(annotationFlags(input({ turns: timed([end]), outcome: noDeal }))).toEqual([
        { code: 'no_attempt', detail: 'no deal, and the worker made 0 offers (fewer than 1)' },
      ]);
    });

    it('flags a no-deal that ended after fewer acts than the threshold, offer or not', () => {
      const turns = timed([propose(1, 0, 0), end]);
      expect(annotationFlags(input({ turns, outcome: noDeal }))).toEqual([
        { code: 'no_attempt', detail: 'no deal after 2 acts (fewer than 3)' },
      ]);
    });

    it('does not flag a real attempt that ended without a deal, nor any deal', () => {
      const turns = timed([propose(1, 0, 0), propose(0, 2, 1), propose(1, 0, 1), disagree, end]);
      expect(annotationFlags(input({ turns, outcome: noDeal }))).toEqual([]);
      // A deal after one act (agree, Alice ends) was negotiated: Alice's offer was worth taking.
      expect(annotationFlags(input({}))).toEqual([]);
    });

    it('follows the configured thresholds (0 turns the check off)', () => {
      const turns = timed([propose(1, 0, 0), end]);
      const strict = { ...defaultFlagThresholds, noAttemptMinOffers: 2, noAttemptMinActs: 0 };
      expect(codes(annotationFlags(input({ turns, outcome: noDeal }), strict))).toEqual([
        'no_attempt',
      ]);
      const off = { ...defaultFlagThresholds, noAttemptMinOffers: 0, noAttemptMinActs: 0 };
      expect(annotationFlags(input({ turns: timed([end]), outcome: noDeal }), off)).toEqual([]);
    });
  });

  it('flags a failed gold task with its reasons, and orders flags by code', () => {
    const flags = annotationFlags(
      input({ invalidActs: 5, gold: { passed: false, failures: ['expected no deal'] } }),
    );
    expect(flags).toEqual([
      { code: 'invalid_acts', detail: '5 acts refused by the rules (more than 2)' },
      { code: 'gold_failed', detail: 'expected no deal' },
    ]);
  });
});

describe('annotationFlags, in words', () => {
  // The review queue shows each flag's detail to the researcher: it must carry the numbers.
  const noDeal: Outcome = {
    agreed: false,
    walkedAway: false,
    allocation: null,
    scores: [0, 0],
    paretoOptimal: null,
  };
  const detailOf = (flags: { code: string; detail: string }[], code: string) =>
    flags.filter((f) => f.code === code).map((f) => f.detail);

  it('gives the mean time per act of the worker, from the act before each', () => {
    // Bob at 500 ms after the start, Alice at 1,000: one gap of 500 ms.
    expect(annotationFlags(input({ turns: timed([agree, end], 500) }))).toEqual([
      { code: 'too_fast', detail: '500 ms per act on average (under 2000 ms)' },
    ]);
    // Bob 1.5 s after the start, Alice at 9 s, Bob at 9.9 s: gaps 1,500 and 900, mean 1,200.
    const turns: TimedTurn[] = [
      { speaker: 1, act: disagree, at: 1_500 },
      { speaker: 0, act: propose(0, 2, 1), at: 9_000 },
      { speaker: 1, act: agree, at: 9_900 },
    ];
    expect(detailOf(annotationFlags(input({ turns })), 'too_fast')).toEqual([
      '1200 ms per act on average (under 2000 ms)',
    ]);
    // A clock that runs backwards between two acts counts as no time, not as negative time:
    // gaps 0 (clamped from −1,000) and 3,000 average 1,500.
    const skewed: TimedTurn[] = [
      { speaker: 1, act: disagree, at: 1_000 },
      { speaker: 0, act: propose(0, 2, 1), at: 2_000 },
      { speaker: 1, act: agree, at: 5_000 },
    ];
    expect(
      detailOf(annotationFlags(input({ turns: skewed, startedAt: 2_000 })), 'too_fast'),
    ).toEqual(['1500 ms per act on average (under 2000 ms)']);
  });

  it('names the deal’s points against the no-deal value, and the share of agreeing', () => {
    const casino = getDomain('casino');
    const context: Context = {
      counts: [3, 3, 3],
      utilities: [
        [5, 4, 3],
        [3, 5, 4],
      ],
    };
    const outcome: Outcome = { ...agreed(context, [3, 3, 3]), scores: [36, 0] };
    const flags = annotationFlags(
      input({ domain: casino, context, prefix: [{ speaker: 0, act: propose(3, 3, 3) }], outcome }),
    );
    expect(detailOf(flags, 'deal_below_batna')).toEqual([
      'agreed to 0 points, less than the 5 of no deal',
    ]);
    const always = ['agree', 'agree', 'agree', 'agree', 'agree', 'agree'] as const;
    expect(annotationFlags(input({ workerFirstResponses: always }))).toEqual([
      { code: 'always_agree', detail: 'answered Alice with agree in 6 of 6 annotations' },
    ]);
  });

  it('writes one offer and one act in the singular', () => {
    const oneOffer = { ...defaultFlagThresholds, noAttemptMinOffers: 2 };
    // Bob proposes once, then disagrees and ends; Alice disagrees twice.
    const turns = timed([propose(1, 0, 0), disagree, disagree, propose(0, 2, 1), end]);
    expect(annotationFlags(input({ turns, outcome: noDeal }), oneOffer)).toEqual([
      { code: 'no_attempt', detail: 'no deal, and the worker made 1 offer (fewer than 2)' },
    ]);
    const actsOnly = { ...defaultFlagThresholds, noAttemptMinOffers: 0 };
    expect(annotationFlags(input({ turns: timed([end]), outcome: noDeal }), actsOnly)).toEqual([
      { code: 'no_attempt', detail: 'no deal after 1 act (fewer than 3)' },
    ]);
  });

  it('joins a failed gold task’s reasons', () => {
    const gold = { passed: false, failures: ['expected no deal', 'scored 8, expected at least 9'] };
    expect(annotationFlags(input({ gold }))).toEqual([
      { code: 'gold_failed', detail: 'expected no deal; scored 8, expected at least 9' },
    ]);
  });
});

describe('firstResponse', () => {
  it("is the worker's first act", () => {
    expect(firstResponse([{ speaker: 1, act: agree }])).toEqual(agree);
    expect(firstResponse([{ speaker: 0, act: end }])).toBeNull();
  });
});
