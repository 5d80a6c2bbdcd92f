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

describe('annotationFlags, at the thresholds', () => {
  const noDeal: Outcome = {
    agreed: false,
    walkedAway: false,
    allocation: null,
    scores: [0, 0],
    paretoOptimal: null,
  };
  // Bob values book, hat, ball at 3, 2, 5 and Alice at 4, 3, 3 (one of each): Alice taking the
  // book and the hat gives 7 / 5, the book and the ball 7 / 2, the hat and the ball 6 / 3.
  const oneEach: Context = {
    counts: [1, 1, 1],
    utilities: [
      [4, 3, 3],
      [3, 2, 5],
    ],
  };
  const aliceOffers = (...shares: number[][]) =>
    shares.flatMap((share, i) => [
      ...(i === 0 ? [] : [{ speaker: 1 as const, act: disagree }]),
      { speaker: 0 as const, act: propose(...share) },
    ]);

  it('is not too fast at exactly the time threshold', () => {
    expect(annotationFlags(input({ turns: timed([agree, end], 2_000) }))).toEqual([]);
  });

  it('compares the deal only with Alice’s earlier offers, not Bob’s', () => {
    // Alice's only offer gives Bob 4 (two balls); Bob had asked for nothing, which scored as
    // an offer of Alice's would be worth 10 to him.
    const prefix = [
      { speaker: 0 as const, act: propose(1, 2, 1) },
      { speaker: 1 as const, act: propose(0, 0, 0) },
      { speaker: 0 as const, act: propose(1, 2, 1) },
    ];
    const flags = annotationFlags(input({ prefix, outcome: agreed(dealContext, [1, 2, 1]) }));
    expect(codes(flags)).not.toContain('deal_below_earlier_offer');
  });

  it('needs both a share below 75 % of the best earlier offer and a gap of at least 2', () => {
    const earlier = (shares: number[][], deal: number[], context = dealContext) =>
      codes(
        annotationFlags(
          input({ context, prefix: aliceOffers(...shares), outcome: agreed(context, deal) }),
        ),
      ).includes('deal_below_earlier_offer');
    // 10 offered, 8 taken: a gap of 2 but 80 % of the offer.
    expect(
      earlier(
        [
          [0, 2, 0],
          [0, 2, 1],
        ],
        [0, 2, 1],
      ),
    ).toBe(false);
    // 8 offered, 6 taken: exactly 75 %, not below it.
    expect(
      earlier(
        [
          [0, 2, 1],
          [0, 2, 2],
        ],
        [0, 2, 2],
      ),
    ).toBe(false);
    // 6 offered, 4 taken: 67 % and a gap of exactly 2.
    expect(
      earlier(
        [
          [0, 2, 2],
          [1, 2, 1],
        ],
        [1, 2, 1],
      ),
    ).toBe(true);
    // 3 offered, 2 taken: 67 % but a gap of 1.
    expect(
      earlier(
        [
          [0, 1, 1],
          [1, 0, 1],
        ],
        [1, 0, 1],
        oneEach,
      ),
    ).toBe(false);
  });

  it('measures the share Bob could have had at the frontier, at Alice’s score or above', () => {
    const pareto = (deal: number[], context = oneEach) =>
      annotationFlags(
        input({ context, prefix: aliceOffers(deal), outcome: agreed(context, deal) }),
      ).filter((f) => f.code === 'far_below_pareto');
    // 7 / 2 where 7 / 5 was possible: 2 is below 60 % of 5.
    expect(pareto([1, 0, 1])).toEqual([
      {
        code: 'far_below_pareto',
        detail: '2 points where 5 was possible without Alice losing anything',
      },
    ]);
    // 6 / 3 where 7 / 5 was possible: 3 is exactly 60 % of 5, not below it.
    expect(pareto([0, 1, 1])).toEqual([]);
    // Alice indifferent between the hat and the ball (1 each), Bob valuing only the book:
    // Alice taking book and hat (2 / 0) could as well have taken hat and ball (2 / 5).
    const indifferent: Context = {
      counts: [1, 1, 1],
      utilities: [
        [1, 1, 1],
        [5, 0, 0],
      ],
    };
    expect(pareto([1, 1, 0], indifferent)).toHaveLength(1);
  });

  it('counts exactly 90 % agreeing first answers as always agreeing', () => {
    const nineOfTen = [...Array<'agree'>(9).fill('agree'), 'propose' as const];
    expect(codes(annotationFlags(input({ workerFirstResponses: nineOfTen })))).toEqual([
      'always_agree',
    ]);
  });

  it('orders flags by code, not by the order the checks run in', () => {
    // far_below_pareto is checked before always_agree but listed after it.
    const flags = annotationFlags(
      input({
        context: oneEach,
        prefix: aliceOffers([1, 0, 1]),
        outcome: agreed(oneEach, [1, 0, 1]),
        workerFirstResponses: ['agree', 'agree', 'agree', 'agree', 'agree'],
        invalidActs: 3,
      }),
    );
    expect(codes(flags)).toEqual(['invalid_acts', 'always_agree', 'far_below_pareto']);
  });

  it('sees an attempt in a no-deal of exactly the minimum number of acts', () => {
    const turns = timed([propose(1, 0, 0), disagree, end]);
    expect(annotationFlags(input({ turns, outcome: noDeal }))).toEqual([]);
  });
});

describe('firstResponse', () => {
  it("is the worker's first act", () => {
    expect(firstResponse([{ speaker: 1, act: agree }])).toEqual(agree);
    expect(firstResponse([{ speaker: 0, act: end }])).toBeNull();
  });
});
