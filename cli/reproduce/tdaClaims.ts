import type { Estimate } from '../../shared/metrics/aggregate';
import type { ExperimentResults } from '../../experiments/experimentResults';
import type { VerdictKind } from './astraReport';
import { tdaClaimSources } from './published';
import {
  formatMeasure,
  measureLabels,
  pairedDifference,
  type Measure,
  type Point,
  type Who,
} from './tdaMeasures';
import type { TdaStudyName } from './tdaStudies';

export const methods = {
  sl: 'SL',
  rl: 'RL',
  rlSl: 'RL+SL (n=4)',
  pareto: 'RL + Pareto',
  paretoTenth: 'RL + Pareto (rA/10)',
  tda2: 'TDA (second order)',
  tda1: 'TDA (first order)',
} as const;

export const rlSlName = (every: number): string => `RL+SL (n=${every})`;

/** One side of a comparison: a method at an epoch of a study. */
export interface ClaimPoint extends Point {
  study: TdaStudyName;
}

/** "a is higher (or lower) than b" on a measure, judged per seed. */
export interface Comparison {
  who: Who;
  measure: Measure;
  a: ClaimPoint;
  expect: 'higher' | 'lower';
  b: ClaimPoint;
}

export interface TdaClaim {
  id: string;
  /** The paper's figure or section the claim belongs to. */
  where: string;
  statement: string;
  source: string;
  comparisons: Comparison[];
}

export type ComparisonOutcome =
  'supported' | 'contradicted' | 'within noise' | 'one seed' | 'missing';

export interface JudgedComparison extends Comparison {
  difference: Estimate | null;
  outcome: ComparisonOutcome;
}

export interface TdaVerdict {
  claim: TdaClaim;
  comparisons: JudgedComparison[];
  verdict: VerdictKind;
  why: string;
}

const final = (study: TdaStudyName, method: string): ClaimPoint => ({
  study,
  method,
  epoch: 'final',
});
const main = (method: string) => final('main', method);

function each(
  who: Who,
  measure: Measure,
  a: ClaimPoint,
  expect: 'higher' | 'lower',
  others: readonly ClaimPoint[],
): Comparison[] {
  return others.map((b) => ({ who, measure, a, expect, b }));
}

/**
 * The claims the report tests, each as comparisons of final-epoch evaluations against the expert
 * (or of an epoch against another). A claim holds when every comparison is supported: the 95 %
 * interval of the per-seed difference lies on the claimed side of 0.
 */
export function tdaClaims(sweep: readonly number[]): TdaClaim[] {
  const ours = [main(methods.tda2), main(methods.tda1)];
  const baselines = [
    methods.sl,
    methods.rlSl,
    methods.pareto,
    methods.paretoTenth,
    methods.tda2,
    methods.tda1,
  ].map(main);
  const claims: TdaClaim[] = [
    {
      id: 'sl-passive',
      where: 'Fig. 2',
      statement:
        'SL on D_L is passive: lower advantage and more Pareto-optimal deals than RL (the abstract: “either high utility or cooperation, but not both”)',
      source: `${tdaClaimSources.issue13}; ${tdaClaimSources.abstract}`,
      comparisons: [
        {
          who: 'alice',
          measure: 'advantage',
          a: main(methods.sl),
          expect: 'lower',
          b: main(methods.rl),
        },
        {
          who: 'alice',
          measure: 'paretoOptimalRate',
          a: main(methods.sl),
          expect: 'higher',
          b: main(methods.rl),
        },
      ],
    },
    {
      id: 'rl-aggressive',
      where: 'Fig. 2',
      statement:
        'RL is aggressive: the highest advantage, the lowest Pareto-optimality and agreement of the methods',
      source: tdaClaimSources.issue13,
      comparisons: [
        ...each('alice', 'advantage', main(methods.rl), 'higher', baselines),
        ...each('alice', 'paretoOptimalRate', main(methods.rl), 'lower', baselines),
        ...each('alice', 'agreementRate', main(methods.rl), 'lower', baselines),
      ],
    },
    {
      id: 'rl-sl-opposite',
      where: 'Fig. 2',
      statement:
        'RL+SL is the opposite of RL: lower advantage, more Pareto-optimal deals and more agreement',
      source: tdaClaimSources.issue13,
      comparisons: [
        {
          who: 'alice',
          measure: 'advantage',
          a: main(methods.rlSl),
          expect: 'lower',
          b: main(methods.rl),
        },
        {
          who: 'alice',
          measure: 'paretoOptimalRate',
          a: main(methods.rlSl),
          expect: 'higher',
          b: main(methods.rl),
        },
        {
          who: 'alice',
          measure: 'agreementRate',
          a: main(methods.rlSl),
          expect: 'higher',
          b: main(methods.rl),
        },
      ],
    },
  ];
  for (const tda of ours) {
    const order = tda.method === methods.tda2 ? 'second' : 'first';
    claims.push(
      {
        id: `tda-${order}-balance`,
        where: 'Fig. 2',
        statement: `${tda.method} keeps a high advantage (above SL) with more Pareto-optimal deals and more agreement than RL`,
        source: tdaClaimSources.issue13,
        comparisons: [
          { who: 'alice', measure: 'advantage', a: tda, expect: 'higher', b: main(methods.sl) },
          {
            who: 'alice',
            measure: 'paretoOptimalRate',
            a: tda,
            expect: 'higher',
            b: main(methods.rl),
          },
          { who: 'alice', measure: 'agreementRate', a: tda, expect: 'higher', b: main(methods.rl) },
        ],
      },
      {
        id: `tda-${order}-beats-sl-rl`,
        where: 'Fig. 2',
        statement: `${tda.method} obtains higher reward and more Pareto-optimal solutions than SL and RL`,
        source: tdaClaimSources.abstract,
        comparisons: [methods.sl, methods.rl].flatMap((b) => [
          {
            who: 'alice' as const,
            measure: 'meanScore' as const,
            a: tda,
            expect: 'higher' as const,
            b: main(b),
          },
          {
            who: 'alice' as const,
            measure: 'paretoOptimalRate' as const,
            a: tda,
            expect: 'higher' as const,
            b: main(b),
          },
        ]),
      },
      {
        id: `tda-${order}-beats-variants`,
        where: '§7.2, §7.3 (Fig. 6, 7)',
        statement: `${tda.method} also beats RL+SL at every schedule n and both reward-engineered RL variants on reward and Pareto-optimality`,
        source: tdaClaimSources.abstract,
        comparisons: [
          ...[methods.pareto, methods.paretoTenth].map(main),
          ...sweep.map((n) => final('rl-sl', rlSlName(n))),
        ].flatMap((b) => [
          {
            who: 'alice' as const,
            measure: 'meanScore' as const,
            a: tda,
            expect: 'higher' as const,
            b,
          },
          {
            who: 'alice' as const,
            measure: 'paretoOptimalRate' as const,
            a: tda,
            expect: 'higher' as const,
            b,
          },
        ]),
      },
      {
        id: `tda-${order}-bob`,
        where: 'Fig. 3',
        statement: `${tda.method} makes Bob more Pareto-optimal against the expert (after the last epoch vs before the first)`,
        source: tdaClaimSources.issue13,
        comparisons: [
          {
            who: 'bob',
            measure: 'paretoOptimalRate',
            a: tda,
            expect: 'higher',
            b: { ...tda, epoch: 0 },
          },
        ],
      },
      {
        id: `tda-${order}-oracle-share`,
        where: 'Fig. 3',
        statement: `With ${tda.method}, the expert's share of the data Bob learns from falls as training goes on (Parley's reading: the oracle's share of each epoch's annotations, last epoch vs first)`,
        source: tdaClaimSources.issue20,
        comparisons: [
          {
            who: 'bob',
            measure: 'annotatedOracleShare',
            a: tda,
            expect: 'lower',
            b: { ...tda, epoch: 1 },
          },
        ],
      },
    );
  }
  claims.push(
    {
      id: 'reward-engineering-pareto',
      where: '§7.3 (Fig. 7)',
      statement:
        'Reward-engineered RL (rA + pA, and rA/10 + pA) reaches more Pareto-optimal deals than RL — what its reward asks for',
      source: `the reward's purpose; ${tdaClaimSources.abstract} (“tailored reward functions that explicitly optimize for utility and Pareto-optimality”)`,
      comparisons: [methods.pareto, methods.paretoTenth].map((a) => ({
        who: 'alice' as const,
        measure: 'paretoOptimalRate' as const,
        a: main(a),
        expect: 'higher' as const,
        b: main(methods.rl),
      })),
    },
    {
      id: 'alternative-metrics-order',
      where: '§6 alternative metrics',
      statement:
        'The order of the alternative metrics (share of all negotiations at the maximal joint score, and with equal scores): SL above RL+SL above TDA above RL (issue 20 quotes 7/8, 6/7, 4/5 and 3/4 %)',
      source: 'TDA paper §6 as quoted in issue 20 (not checked against the paper)',
      comparisons: (['maxJointOfAll', 'equalScoreOfAll'] as const).flatMap((measure) => [
        {
          who: 'alice' as const,
          measure,
          a: main(methods.sl),
          expect: 'higher' as const,
          b: main(methods.rlSl),
        },
        {
          who: 'alice' as const,
          measure,
          a: main(methods.rlSl),
          expect: 'higher' as const,
          b: main(methods.tda2),
        },
        {
          who: 'alice' as const,
          measure,
          a: main(methods.tda2),
          expect: 'higher' as const,
          b: main(methods.rl),
        },
      ]),
    },
    {
      id: 'scratch-longer',
      where: '§7.1 (Fig. 5)',
      statement:
        'Agents learned from scratch negotiate in longer dialogues than agents that start from SL (issue 20 quotes 12 vs 5.9 acts)',
      source: 'TDA paper §7.1 as quoted in issue 20 (our reading of which number is which)',
      comparisons: [methods.rl, methods.tda2].map((m) => ({
        who: 'alice' as const,
        measure: 'meanLength' as const,
        a: final('scratch', m),
        expect: 'higher' as const,
        b: main(m),
      })),
    },
  );
  return claims;
}

/** Judges every claim on the studies' results; a claim whose study did not run is not comparable. */
export function judgeClaims(
  claims: readonly TdaClaim[],
  studies: Partial<Record<TdaStudyName, ExperimentResults>>,
): TdaVerdict[] {
  return claims.map((claim) => {
    const comparisons = claim.comparisons.map((c) => judge(c, studies));
    return { claim, comparisons, ...verdictOf(comparisons) };
  });
}

function judge(
  c: Comparison,
  studies: Partial<Record<TdaStudyName, ExperimentResults>>,
): JudgedComparison {
  const a = studies[c.a.study];
  const b = studies[c.b.study];
  if (a === undefined || b === undefined) {
    return { ...c, difference: null, outcome: 'missing' };
  }
  const difference = pairedDifference(
    c.who,
    c.measure,
    { ...c.a, results: a },
    { ...c.b, results: b },
  );
  if (difference === null) {
    return { ...c, difference, outcome: 'missing' };
  }
  if (difference.ci95 === null) {
    return { ...c, difference, outcome: 'one seed' };
  }
  const signed = c.expect === 'higher' ? difference.mean : -difference.mean;
  const outcome: ComparisonOutcome =
    signed - difference.ci95 > 0
      ? 'supported'
      : signed + difference.ci95 < 0
        ? 'contradicted'
        : 'within noise';
  return { ...c, difference, outcome };
}

function verdictOf(comparisons: readonly JudgedComparison[]): {
  verdict: VerdictKind;
  why: string;
} {
  const count = (o: ComparisonOutcome) => comparisons.filter((c) => c.outcome === o).length;
  const total = comparisons.length;
  if (count('missing') > 0) {
    return {
      verdict: 'not comparable',
      why: `${count('missing')} of ${total} comparisons have no results (a method or study that did not run, or a metric with nothing to average)`,
    };
  }
  if (count('one seed') > 0) {
    return {
      verdict: 'not comparable',
      why: 'one seed: no interval to judge a difference by (run with --seeds 2 or more)',
    };
  }
  if (count('supported') === total) {
    return {
      verdict: 'holds',
      why: `every comparison (${total}) is on the claimed side beyond the 95 % interval`,
    };
  }
  if (count('contradicted') > 0) {
    return {
      verdict: 'does not hold',
      why: `${count('contradicted')} of ${total} comparisons go the other way beyond the 95 % interval (${describe(comparisons.find((c) => c.outcome === 'contradicted')!)})`,
    };
  }
  return {
    verdict: 'does not hold',
    why: `not shown: ${count('within noise')} of ${total} comparisons are within the 95 % interval (e.g. ${describe(comparisons.find((c) => c.outcome === 'within noise')!)}), ${count('supported')} supported`,
  };
}

/** "RL − SL advantage (points) +0.46 ± 0.06". */
export function describe(c: JudgedComparison): string {
  const d = c.difference;
  const sign = (v: number) => (v >= 0 ? '+' : '−');
  const value =
    d === null
      ? '—'
      : `${sign(d.mean)}${formatMeasure(Math.abs(d.mean), c.measure)}${d.ci95 === null ? '' : ` ± ${formatMeasure(d.ci95, c.measure)}`}`;
  const at = (p: ClaimPoint) =>
    `${p.method}${p.epoch === 'final' ? '' : ` @${p.epoch}`}${p.study === 'main' ? '' : ` [${p.study}]`}`;
  return `${c.who === 'bob' ? 'Bob ' : ''}${at(c.a)} − ${at(c.b)} ${measureLabels[c.measure].label} ${value}`;
}
