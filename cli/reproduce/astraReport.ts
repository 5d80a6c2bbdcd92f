import { scriptedNegotiators } from '../../shared/agents/scripted/catalogue';
import { getDomain } from '../../shared/domain/domains';
import type { DomainId } from '../../shared/domain/types';
import {
  estimate,
  welchTTest,
  type Estimate,
  type WelchTest,
} from '../../shared/metrics/aggregate';
import {
  cellStats,
  mean,
  personas,
  playCell,
  seedName,
  table1Agents,
  type CellStats,
  type DialogueResult,
  type PersonaName,
} from './astraRun';
import { publishedFigures, publishedTable1, publishedTable3 } from './published';
import type { RlBaseline } from './astraRlBaseline';
import {
  behaviourLines,
  recordAstraOffers,
  summariseBehaviour,
  type BehaviourSummary,
} from './astraBehaviour';
import {
  paperReadings,
  type AstraOptionsInput,
  type PaperReading,
} from '../../shared/astra/options';

/** Table 3's six α/β settings in Parley (β = 1 − α); the paper's own five others are unread. */
export const table3Alphas = [1, 0.65, 0.5, 0.35, 0.2, 0] as const;

export interface AstraReproduceOptions {
  domains: readonly DomainId[];
  /** Dialogues per cell (agent × persona, or α/β setting × persona). */
  dialogues: number;
  seed: string;
  /**
   * How many seeds (default 1): seed, seed+1, … (`${seed}+k`); each plays its own contexts and
   * partners, and a cell pools its dialogues over them. Cells are cached per seed.
   */
  seeds?: number;
  /** Whether to run the Table 3 analogue. */
  table3: boolean;
  /** Whether to play the paper's readings of ASTRA's rules against Parley's (default true). */
  readings?: boolean;
  /** Whether to record ASTRA's offers for the Figs. 3–7 analogues (default true). */
  behaviour?: boolean;
  progress?: (line: string) => void;
  /** The RL baseline's dialogues (`playRlBaseline`), for its domain; other domains say not run. */
  rlBaselines?: readonly RlBaseline[];
  /** Where finished cells are kept, so an interrupted run resumes (the CLI's files). */
  cache?: {
    get(key: string): DialogueResult[] | undefined;
    set(key: string, results: DialogueResult[]): void;
  };
}

export interface Table1Row {
  domain: DomainId;
  agent: 'with' | 'without' | 'rl';
  label: string;
  persona: PersonaName;
  standIn: string;
  /** Null for a row that was not run (see `notRun`). */
  stats: CellStats | null;
  notRun: string | null;
  dialogues: DialogueResult[];
  /**
   * With several seeds: each seed's cell mean, then their mean ± 95 % CI over seeds (the
   * seed-to-seed spread that pooling hides). Null with one seed or for a row not run.
   */
  spread: SeedSpread | null;
}

export interface SeedSpread {
  agentAll: Estimate | null;
  agentAgreed: Estimate | null;
  agreementRate: Estimate | null;
  walkAwayRate: Estimate | null;
}

/** The spread over seeds of a row whose dialogues are `perSeed` blocks, one per seed, in order. */
export function seedSpread(
  dialogues: readonly DialogueResult[],
  perSeed: number,
): SeedSpread | null {
  const seeds = dialogues.length / perSeed;
  if (!Number.isInteger(seeds) || seeds < 2) {
    return null;
  }
  const cells = Array.from({ length: seeds }, (_, k) =>
    cellStats(dialogues.slice(k * perSeed, (k + 1) * perSeed)),
  );
  return {
    agentAll: estimate(cells.map((c) => c.agentAll)),
    agentAgreed: estimate(cells.map((c) => c.agentAgreed)),
    agreementRate: estimate(cells.map((c) => (c.n === 0 ? null : c.agreements / c.n))),
    walkAwayRate: estimate(cells.map((c) => c.walkAwayRate)),
  };
}

export interface TTestRow {
  domain: DomainId;
  persona: PersonaName | 'all';
  metric: 'agentAgreed' | 'agentAll';
  nWith: number;
  nWithout: number;
  test: WelchTest | null;
  /** Why there is no test (too few values, no variance), else null. */
  message: string | null;
}

/** The paper's readings of ASTRA's rules, each alone, then all of them together. */
export const readingNames = [...(Object.keys(paperReadings) as PaperReading[]), 'all'] as const;
export type ReadingName = (typeof readingNames)[number];

export const readingLabels: Record<ReadingName, string> = {
  askBeforeOpening: 'ask before the opening offer (§2.2)',
  stanceNoChangeIsNeutral: 'no change in the partner’s offers is neutral (§2.2)',
  competitiveAgainstNeutral: 'competitive tactics against neutral partners too (§4.3)',
  acceptAtLatestOffer: 'accept at least our most recent offer (§2.2)',
  walkAwayAfterNoConcession: 'walk away after 3 turns without a concession (§2.2)',
  all: 'all five readings together',
};

export function readingOptions(name: ReadingName): AstraOptionsInput {
  if (name !== 'all') {
    return paperReadings[name];
  }
  const all: AstraOptionsInput = {};
  for (const reading of Object.values(paperReadings)) {
    Object.assign(all, reading);
  }
  return all;
}

/** ASTRA with one of the paper's readings against ASTRA with Parley's rules, pooled over partners. */
export interface ReadingRow {
  domain: DomainId;
  reading: ReadingName;
  stats: CellStats;
  /** Welch test of the reading's all-case agent points against Parley's rules' (Table 1's ASTRA). */
  vsDefault: WelchTest | null;
  message: string | null;
  dialogues: Record<PersonaName, DialogueResult[]>;
}

export interface Table3Row {
  domain: DomainId;
  alpha: number;
  beta: number;
  /** Pooled over the three personas. */
  stats: CellStats;
  dialogues: Record<PersonaName, DialogueResult[]>;
}

export type VerdictKind = 'holds' | 'does not hold' | 'not comparable';

export interface Verdict {
  claim: string;
  source: string;
  published: string;
  parley: string;
  verdict: VerdictKind;
  why: string;
}

export interface AstraReport {
  run: {
    domains: readonly DomainId[];
    dialoguesPerCell: number;
    seed: string;
    seeds: number;
    /** The RL baseline's policy (a checkpoint file) and its domain; null when none was given. */
    rlPolicies: { domain: DomainId; source: string }[];
  };
  personas: typeof personas;
  table1: Table1Row[];
  tTests: TTestRow[];
  table3: Table3Row[];
  readings: ReadingRow[];
  behaviour: BehaviourSummary[];
  verdicts: Verdict[];
}

const rlNotRun = (domain: DomainId) =>
  `not run: give --rl-policy a policy checkpoint trained on ${domain} (an experiment's RL Alice, e.g. runs/NAME/checkpoints/seed-1/rl-alice.ckpt)`;

export function buildAstraReport(options: AstraReproduceOptions): AstraReport {
  if (!Number.isInteger(options.dialogues) || options.dialogues < 1) {
    throw new RangeError(`dialogues per cell must be a whole number ≥ 1, got ${options.dialogues}`);
  }
  const seeds = options.seeds ?? 1;
  if (!Number.isInteger(seeds) || seeds < 1) {
    throw new RangeError(`seeds must be a whole number ≥ 1, got ${seeds}`);
  }
  const progress = options.progress ?? (() => undefined);
  const totalCells =
    options.domains.length *
    personas.length *
    (2 +
      (options.table3 ? table3Alphas.length : 0) +
      (options.readings === false ? 0 : readingNames.length));
  let done = 0;
  const cell = (
    domainId: DomainId,
    what: string,
    astraOptions: Record<string, unknown>,
    persona: (typeof personas)[number],
  ): DialogueResult[] => {
    const started = Date.now();
    let resumed = 0;
    const results: DialogueResult[] = [];
    for (let k = 0; k < seeds; k++) {
      const seed = seedName(options.seed, k);
      const key = `${domainId}-${what}-${persona.name}-n${options.dialogues}-s${seed}`;
      const cached = options.cache?.get(key);
      const played =
        cached ??
        playCell({
          domain: getDomain(domainId),
          astraOptions,
          partner: scriptedNegotiators[persona.standIn].create,
          // The persona and the seed fix the contexts and partners: every agent meets the same ones.
          dialogues: options.dialogues,
          seed: `${seed}/${domainId}/${persona.name}`,
        });
      if (cached === undefined) {
        options.cache?.set(key, played);
      } else {
        resumed++;
      }
      results.push(...played);
    }
    done++;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    progress(
      `[${done}/${totalCells}] ${domainId} ${what} vs ${persona.name}: ${results.length} dialogues ${
        resumed === seeds
          ? '(resumed)'
          : `in ${seconds} s${resumed > 0 ? ` (${resumed} seeds resumed)` : ''}`
      }`,
    );
    return results;
  };

  const table1: Table1Row[] = [];
  const tTests: TTestRow[] = [];
  const table3: Table3Row[] = [];
  const readings: ReadingRow[] = [];
  for (const domain of options.domains) {
    for (const agent of ['with', 'without'] as const) {
      for (const persona of personas) {
        const dialogues = cell(domain, agent, table1Agents[agent].options, persona);
        table1.push({
          domain,
          agent,
          label: table1Agents[agent].label,
          persona: persona.name,
          standIn: persona.standIn,
          stats: cellStats(dialogues),
          notRun: null,
          dialogues,
          spread: seedSpread(dialogues, options.dialogues),
        });
      }
    }
    const rl = options.rlBaselines?.find((b) => b.domain === domain);
    for (const persona of personas) {
      const dialogues = rl?.byPersona[persona.name] ?? [];
      table1.push({
        domain,
        agent: 'rl',
        label: 'RL baseline',
        persona: persona.name,
        standIn: persona.standIn,
        stats: rl === undefined ? null : cellStats(dialogues),
        notRun: rl === undefined ? rlNotRun(domain) : null,
        dialogues,
        spread: rl === undefined ? null : seedSpread(dialogues, options.dialogues),
      });
    }
    const rows = (agent: 'with' | 'without', persona: PersonaName | 'all') =>
      table1
        .filter((r) => r.domain === domain && r.agent === agent)
        .filter((r) => persona === 'all' || r.persona === persona)
        .flatMap((r) => r.dialogues);
    for (const persona of ['all', ...personas.map((p) => p.name)] as const) {
      for (const metric of ['agentAgreed', 'agentAll'] as const) {
        const pick = (results: DialogueResult[]) =>
          (metric === 'agentAgreed' ? results.filter((r) => r.agreed) : results).map(
            (r) => r.agent,
          );
        const a = pick(rows('with', persona));
        const b = pick(rows('without', persona));
        const test = welchTTest(a, b);
        tTests.push({
          domain,
          persona,
          metric,
          nWith: a.length,
          nWithout: b.length,
          test,
          message:
            test !== null
              ? null
              : a.length < 2 || b.length < 2
                ? `no test: fewer than two ${metric === 'agentAgreed' ? 'agreements' : 'dialogues'} in a group (${a.length} with, ${b.length} without)`
                : 'no test: every value is the same in both groups (no variance)',
        });
      }
    }
    if (options.table3) {
      for (const alpha of table3Alphas) {
        const beta = Math.round((1 - alpha) * 100) / 100;
        const byPersona = {} as Record<PersonaName, DialogueResult[]>;
        for (const persona of personas) {
          byPersona[persona.name] = cell(domain, `alpha${alpha}`, { alpha, beta }, persona);
        }
        table3.push({
          domain,
          alpha,
          beta,
          stats: cellStats(Object.values(byPersona).flat()),
          dialogues: byPersona,
        });
      }
    }
    if (options.readings !== false) {
      const parley = rows('with', 'all').map((r) => r.agent);
      for (const reading of readingNames) {
        const byPersona = {} as Record<PersonaName, DialogueResult[]>;
        for (const persona of personas) {
          byPersona[persona.name] = cell(
            domain,
            `reading-${reading}`,
            readingOptions(reading),
            persona,
          );
        }
        const all = Object.values(byPersona).flat();
        const vsDefault = welchTTest(
          all.map((r) => r.agent),
          parley,
        );
        readings.push({
          domain,
          reading,
          stats: cellStats(all),
          vsDefault,
          message:
            vsDefault === null ? 'no test: the same points in every dialogue (no variance)' : null,
          dialogues: byPersona,
        });
      }
    }
  }
  const behaviour =
    options.behaviour === false
      ? []
      : options.domains.map((domain) => {
          const started = Date.now();
          const summary = summariseBehaviour(
            domain,
            recordAstraOffers(domain, { dialogues: options.dialogues, seed: options.seed, seeds })
              .moves,
          );
          progress(
            `${domain} behaviour: ${summary.offers} ASTRA offers recorded in ${((Date.now() - started) / 1000).toFixed(1)} s`,
          );
          return summary;
        });
  const report = {
    run: {
      domains: options.domains,
      dialoguesPerCell: options.dialogues * seeds,
      seed: options.seed,
      seeds,
      rlPolicies: (options.rlBaselines ?? []).map((b) => ({ domain: b.domain, source: b.source })),
    },
    personas,
    table1,
    tTests,
    table3,
    readings,
    behaviour,
    verdicts: [],
  };
  return { ...report, verdicts: verdictsFor(report) };
}

const fmt = (x: number | null, digits = 2) => (x === null ? '—' : x.toFixed(digits));
const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)} %`);
export const formatP = (p: number) => (p < 0.001 ? '< 0.001' : p.toFixed(3));

function pooled(
  report: Omit<AstraReport, 'verdicts'>,
  domain: DomainId,
  agent: 'with' | 'without' | 'rl',
) {
  return cellStats(
    report.table1
      .filter((r) => r.domain === domain && r.agent === agent)
      .flatMap((r) => r.dialogues),
  );
}

/**
 * Table 1's "ASTRA beats the RL baseline" (24.31 vs 18.86 points on agreements), judged within
 * Parley: ASTRA's agreement-case points against the RL policy's on the same contexts and
 * partners, pooled over personas, two-sided Welch.
 */
function rlVerdict(report: Omit<AstraReport, 'verdicts'>, domain: DomainId): Verdict {
  const t1 = publishedTable1;
  const base = {
    claim: `${domain}: ASTRA beats the RL baseline on agreements (Table 1: ${t1.withAstraAgentAgreed.value} vs ${t1.rlBaselineAgent.value})`,
    source: t1.rlBaselineAgent.source,
    published: `${t1.withAstraAgentAgreed.value} vs ${t1.rlBaselineAgent.value}`,
  };
  const rlRows = report.table1.filter((r) => r.domain === domain && r.agent === 'rl');
  if (rlRows.some((r) => r.stats === null)) {
    return {
      ...base,
      parley: 'not run',
      verdict: 'not comparable',
      why: rlRows[0]?.notRun ?? rlNotRun(domain),
    };
  }
  const agreed = (agent: 'with' | 'rl') =>
    report.table1
      .filter((r) => r.domain === domain && r.agent === agent)
      .flatMap((r) => r.dialogues.filter((d) => d.agreed).map((d) => d.agent));
  const astra = agreed('with');
  const rl = agreed('rl');
  const test = welchTTest(astra, rl);
  const parley = `${fmt(mean(astra))} vs ${fmt(mean(rl))} (${astra.length} and ${rl.length} agreements)${test === null ? '' : `, t = ${test.t.toFixed(2)}, p ${formatP(test.p).startsWith('<') ? '' : '= '}${formatP(test.p)}`}`;
  if (test === null) {
    return {
      ...base,
      parley,
      verdict: 'not comparable',
      why: `no test: fewer than two agreements in a group (${astra.length} ASTRA, ${rl.length} RL)`,
    };
  }
  const holds = test.meanDifference > 0 && test.p < 0.05;
  return {
    ...base,
    parley,
    verdict: holds ? 'holds' : 'does not hold',
    why: holds
      ? `ASTRA scores ${fmt(test.meanDifference)} more on agreements (two-sided Welch); the RL policy is the one given with --rl-policy, Parley's own, not the paper's`
      : test.meanDifference <= 0
        ? `the RL policy scores at least as much on agreements (difference ${fmt(test.meanDifference)})`
        : `ASTRA scores ${fmt(test.meanDifference)} more but not significantly`,
  };
}

/** Fig. 3: λ by stance. Parley fixes λ per stance to the values the paper observed. */
function lambdaVerdict(behaviour: BehaviourSummary): Verdict {
  const published = publishedFigures.lambdaByStance;
  const rows = behaviour.lambdaByStance;
  const matches = rows.every(
    (r) =>
      r.meanLambda === null || Math.abs(r.meanLambda - (published[r.stance].value ?? NaN)) < 1e-9,
  );
  const missing = rows.filter((r) => r.offers === 0).map((r) => r.stance);
  return {
    claim: `${behaviour.domain}: λ is 0.9 / 0.5 / 0.3 against greedy / neutral / generous partners (Fig. 3)`,
    source: published.greedy.source,
    published: `${published.greedy.value} / ${published.neutral.value} / ${published.generous.value}`,
    parley: rows.map((r) => `${r.stance} ${fmt(r.meanLambda)} (${r.offers} offers)`).join(', '),
    verdict: matches ? 'holds' : 'does not hold',
    why: matches
      ? `by construction: Parley sets λ per stance to these values (shared/astra/options.ts, lambdaByStance)${missing.length > 0 ? `; no offer met a ${missing.join(' or ')} partner here` : ''}`
      : 'λ differs from the fixed per-stance values: the options were changed',
  };
}

function verdictsFor(report: Omit<AstraReport, 'verdicts'>): Verdict[] {
  const verdicts: Verdict[] = [];
  const t1 = publishedTable1;
  for (const domain of report.run.domains) {
    const test = report.tTests.find(
      (r) => r.domain === domain && r.persona === 'all' && r.metric === 'agentAgreed',
    );
    const withStats = pooled(report, domain, 'with');
    const withoutStats = pooled(report, domain, 'without');
    const parleyTest =
      test?.test === null || test === undefined
        ? (test?.message ?? 'no test')
        : `${fmt(withStats.agentAgreed)} vs ${fmt(withoutStats.agentAgreed)}, t = ${test.test.t.toFixed(2)}, df = ${test.test.df.toFixed(1)}, p ${formatP(test.test.p).startsWith('<') ? '' : '= '}${formatP(test.test.p)}`;
    let verdict: VerdictKind;
    let why: string;
    if (test?.test === null || test === undefined) {
      verdict = 'not comparable';
      why = test?.message ?? 'no test';
    } else if (test.test.meanDifference > 0 && test.test.p < 0.05) {
      verdict = 'holds';
      why = `with > without, p ${formatP(test.test.p)} (two-sided Welch; the paper reports p < 0.001${test.test.p < 0.001 ? ', reached here too' : ', not reached here'})`;
    } else if (test.test.meanDifference <= 0) {
      verdict = 'does not hold';
      why = `without ASTRA scores at least as much on agreements (difference ${fmt(test.test.meanDifference)})`;
    } else {
      verdict = 'does not hold';
      why = `with > without by ${fmt(test.test.meanDifference)} but not significant (p = ${formatP(test.test.p)})`;
    }
    verdicts.push({
      claim: `${domain}: ASTRA scores more on agreements with its offer stages than without (Table 1)`,
      source: t1.withAstraAgentAgreed.source,
      published: `${t1.withAstraAgentAgreed.value} vs ${t1.withoutAstraAgentAgreed.value}, t = ${t1.tWithVsWithout.value}, p < ${t1.pBound.value}`,
      parley: parleyTest,
      verdict,
      why,
    });
    verdicts.push({
      claim: `${domain}: the level of ASTRA's agreement-case points (Table 1: ${t1.withAstraAgentAgreed.value})`,
      source: t1.withAstraAgentAgreed.source,
      published: String(t1.withAstraAgentAgreed.value),
      parley:
        withStats.agentAgreed === null
          ? 'no agreements'
          : `${fmt(withStats.agentAgreed)} (difference ${fmt(withStats.agentAgreed - (t1.withAstraAgentAgreed.value ?? 0))})`,
      verdict: 'not comparable',
      why:
        domain === 'casino'
          ? 'same 36-point scale, but the partners are scripted stand-ins, not the paper’s prompted LLMs, and the dialogues are act-level'
          : 'DealOrNoDeal scores out of 10, the paper’s task out of 36; the partners are scripted stand-ins',
    });
    verdicts.push(rlVerdict(report, domain));
    const behaviour = report.behaviour.find((b) => b.domain === domain);
    if (behaviour !== undefined) {
      verdicts.push(lambdaVerdict(behaviour));
    }
    const rows3 = report.table3.filter((r) => r.domain === domain);
    if (rows3.length > 0) {
      const best = rows3.reduce((b, r) =>
        (r.stats.agentAll ?? -Infinity) > (b.stats.agentAll ?? -Infinity) ? r : b,
      );
      const paperSetting = rows3.find((r) => r.alpha === publishedTable3.best.alpha.value);
      const bestHolds = best.alpha === publishedTable3.best.alpha.value;
      const agentPoints = (row: Table3Row | undefined) =>
        row === undefined ? [] : Object.values(row.dialogues).flatMap((d) => d.map((r) => r.agent));
      const gap = bestHolds ? null : welchTTest(agentPoints(best), agentPoints(paperSetting));
      const lead = fmt((best.stats.agentAll ?? 0) - (paperSetting?.stats.agentAll ?? 0));
      verdicts.push({
        claim: `${domain}: α 0.35 / β 0.65 is the best of the α/β settings by all-case points (Table 3)`,
        source: publishedTable3.best.agentAll.source,
        published: `α 0.35 / β 0.65: ${publishedTable3.best.agentAll.value} all cases, ${publishedTable3.best.agentAgreed.value} agreements, ${pct(publishedTable3.best.walkAwayRate.value)} walk-away`,
        parley: `best α ${best.alpha} / β ${best.beta}: ${fmt(best.stats.agentAll)} all cases; α 0.35 / β 0.65: ${fmt(paperSetting?.stats.agentAll ?? null)} all cases, ${fmt(paperSetting?.stats.agentAgreed ?? null)} agreements, ${pct(paperSetting?.stats.walkAwayRate ?? null)} walk-away`,
        verdict: bestHolds ? 'holds' : 'does not hold',
        why: bestHolds
          ? 'the same setting is best here (by mean; Parley’s grid is not the paper’s, whose other five settings are unread)'
          : gap === null || gap.p >= 0.05
            ? `no setting stands out: α ${best.alpha} / β ${best.beta} leads α 0.35 / β 0.65 by ${lead} points${gap === null ? '' : ` (Welch p = ${formatP(gap.p)})`}; the weights make no measurable difference here (Parley’s grid; the paper’s other five settings are unread)`
            : `α ${best.alpha} / β ${best.beta} is better by ${lead} points (Welch p ${formatP(gap.p)}) (Parley’s grid; the paper’s other five settings are unread)`,
      });
    }
  }
  return verdicts;
}

/** report.md: every table beside the published one, with sources, differences and verdicts. */
export function renderMarkdown(report: AstraReport, figures: readonly string[]): string {
  const lines: string[] = [];
  const p1 = publishedTable1;
  lines.push(
    '# Reproduction: ASTRA (Kwon et al. 2025), Tables 1 and 3',
    '',
    `Generated by \`parley reproduce astra\` — ${report.run.dialoguesPerCell} dialogues per cell, seed ${report.run.seed}${report.run.seeds > 1 ? ` and ${report.run.seeds - 1} more (${report.run.seed}+1 …)` : ''}, domains ${report.run.domains.join(', ')}. ASTRA plays in Bob's seat; the first speaker alternates; every agent and α/β setting meets the same contexts and partners.`,
    '',
    'Published numbers come from `cli/reproduce/published.ts`; each is marked with its table. They were transcribed from issue 20’s quotation of the paper (arXiv 2503.07129v2), not checked against the paper’s own tables; cells that could not be read are “—”.',
    '',
    '## Partners',
    '',
    '| paper persona | Parley stand-in | why |',
    '|---|---|---|',
    ...report.personas.map((p) => `| ${p.name} | \`${p.standIn}\` | ${p.why} |`),
    '',
    '**without ASTRA**: the same negotiator with `offerStages: false` — no Tit-for-Tat λ, no LP, no PAP/SA selection; it proposes the allocation just above its concession floor (shared/astra/withoutAstra.ts). Opponent model, acceptance, walk-away and questions are unchanged.',
    '',
  );
  for (const domain of report.run.domains) {
    const name = getDomain(domain).name;
    lines.push(
      `## Table 1 analogue — ${name}`,
      '',
      '| agent | partner (stand-in) | n | agent (all) | partner (all) | joint (all) | agent (agreed) | partner (agreed) | joint (agreed) | agreement | walk-away |',
      '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    );
    for (const row of report.table1.filter((r) => r.domain === domain)) {
      const s = row.stats;
      lines.push(
        s === null
          ? `| ${row.label} | ${row.persona} (${row.standIn}) | — | ${row.notRun ?? ''} | | | | | | | |`
          : `| ${row.label} | ${row.persona} (${row.standIn}) | ${s.n} | ${fmt(s.agentAll)} | ${fmt(s.partnerAll)} | ${fmt(s.jointAll)} | ${fmt(s.agentAgreed)} | ${fmt(s.partnerAgreed)} | ${fmt(s.jointAgreed)} | ${pct(s.n === 0 ? null : s.agreements / s.n)} | ${pct(s.walkAwayRate)} |`,
      );
    }
    const nullCells = report.table1.some(
      (r) => r.domain === domain && r.stats !== null && r.stats.agreements === 0,
    );
    if (nullCells) {
      lines.push('', '“—” in an agreed column: that partner never agreed, so there is no mean.');
    }
    if (report.run.seeds > 1) {
      const ci = (e: Estimate | null, scale = 1, digits = 2) =>
        e === null
          ? '—'
          : `${(e.mean * scale).toFixed(digits)} ± ${e.ci95 === null ? '—' : (e.ci95 * scale).toFixed(digits)}`;
      lines.push(
        '',
        `Across the ${report.run.seeds} seeds (each seed's cell mean, then their mean ± the 95 % interval over seeds, Student's t):`,
        '',
        '| agent | partner (stand-in) | agent (all) | agent (agreed) | agreement % | walk-away % |',
        '|---|---|--:|--:|--:|--:|',
        ...report.table1
          .filter((r) => r.domain === domain && r.spread !== null)
          .map(
            (r) =>
              `| ${r.label} | ${r.persona} (${r.standIn}) | ${ci(r.spread?.agentAll ?? null)} | ${ci(r.spread?.agentAgreed ?? null)} | ${ci(r.spread?.agreementRate ?? null, 100, 1)} | ${ci(r.spread?.walkAwayRate ?? null, 100, 1)} |`,
          ),
      );
    }
    const rlPolicy = report.run.rlPolicies.find((p) => p.domain === domain);
    if (rlPolicy !== undefined) {
      lines.push(
        '',
        `RL baseline: the policy in \`${rlPolicy.source}\`, in the agent's seat, sampling from its own distribution, on the same contexts, first speakers and partners as ASTRA.`,
      );
    }
    const w = pooled(report, domain, 'with');
    const wo = pooled(report, domain, 'without');
    const rl = report.table1.some(
      (r) => r.domain === domain && r.agent === 'rl' && r.stats !== null,
    )
      ? pooled(report, domain, 'rl')
      : null;
    const diff = (parley: number | null, published: number | null) =>
      parley === null || published === null ? '—' : fmt(parley - published);
    lines.push(
      '',
      'Pooled over the three partners, beside the published Table 1:',
      '',
      '| quantity | published | source | Parley | Parley − published |',
      '|---|--:|---|--:|--:|',
      `| ASTRA, agent points on agreements | ${fmt(p1.withAstraAgentAgreed.value)} | ${p1.withAstraAgentAgreed.source} | ${fmt(w.agentAgreed)} | ${diff(w.agentAgreed, p1.withAstraAgentAgreed.value)} |`,
      `| without ASTRA, agent points on agreements | ${fmt(p1.withoutAstraAgentAgreed.value)} | ${p1.withoutAstraAgentAgreed.source} | ${fmt(wo.agentAgreed)} | ${diff(wo.agentAgreed, p1.withoutAstraAgentAgreed.value)} |`,
      `| RL baseline, agent points on agreements | ${fmt(p1.rlBaselineAgent.value)} | ${p1.rlBaselineAgent.source} | ${rl === null ? 'not run' : fmt(rl.agentAgreed)} | ${rl === null ? '—' : diff(rl.agentAgreed, p1.rlBaselineAgent.value)} |`,
      `| partner and joint points | — | ${p1.partnerPoints.note ?? ''} | see above | — |`,
      `| walk-away per persona | — | ${p1.walkAwayByPersona.base.note ?? ''} | see above | — |`,
      '',
      'Welch t-test, ASTRA with vs without (two-sided):',
      '',
      '| partners | metric | n with | n without | mean difference | t | df | p |',
      '|---|---|--:|--:|--:|--:|--:|--:|',
    );
    for (const t of report.tTests.filter((r) => r.domain === domain)) {
      const metric =
        t.metric === 'agentAgreed' ? 'agent points, agreements' : 'agent points, all cases';
      lines.push(
        t.test === null
          ? `| ${t.persona} | ${metric} | ${t.nWith} | ${t.nWithout} | ${t.message ?? ''} | | | |`
          : `| ${t.persona} | ${metric} | ${t.nWith} | ${t.nWithout} | ${fmt(t.test.meanDifference)} | ${t.test.t.toFixed(2)} | ${t.test.df.toFixed(1)} | ${formatP(t.test.p)} |`,
      );
    }
    lines.push(
      '',
      `Published: t = ${p1.tWithVsWithout.value}, p < ${p1.pBound.value} (${p1.tWithVsWithout.source}).`,
      '',
    );
    const fig1 = figures.find((f) => f === `table1-${domain}.svg`);
    if (fig1 !== undefined) {
      lines.push(`![Agent points on agreements, with vs without ASTRA — ${name}](${fig1})`, '');
    }
    const rows3 = report.table3.filter((r) => r.domain === domain);
    if (rows3.length > 0) {
      const b = publishedTable3.best;
      lines.push(
        `## Table 3 analogue — ${name}: α (PAP) / β (SA) weights`,
        '',
        'Pooled over the three partners. The paper reports six settings; only its best (α 0.35 / β 0.65) was transcribed, so Parley’s grid is its own: α ∈ {1, 0.65, 0.5, 0.35, 0.2, 0}, β = 1 − α.',
        '',
        '| α | β | n | agent (all) | published | agent (agreed) | published | walk-away | published |',
        '|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
        ...rows3.map((r) => {
          const isBest = r.alpha === b.alpha.value;
          return `| ${r.alpha} | ${r.beta} | ${r.stats.n} | ${fmt(r.stats.agentAll)} | ${isBest ? `${fmt(b.agentAll.value)} (diff ${fmt((r.stats.agentAll ?? 0) - (b.agentAll.value ?? 0))})` : '—'} | ${fmt(r.stats.agentAgreed)} | ${isBest ? `${fmt(b.agentAgreed.value)} (diff ${r.stats.agentAgreed === null ? '—' : fmt(r.stats.agentAgreed - (b.agentAgreed.value ?? 0))})` : '—'} | ${pct(r.stats.walkAwayRate)} | ${isBest ? pct(b.walkAwayRate.value) : '—'} |`;
        }),
        '',
        `Published values: ${b.agentAll.source}. Unread: ${publishedTable3.otherSettings.note ?? ''}.`,
        '',
      );
      const fig3 = figures.find((f) => f === `table3-${domain}.svg`);
      if (fig3 !== undefined) {
        lines.push(`![Agent points by α — ${name}](${fig3})`, '');
      }
    }
  }
  lines.push(...readingLines(report));
  lines.push(...behaviourLines(report.behaviour, (id) => getDomain(id).name));
  lines.push(
    '## Verdicts',
    '',
    '| claim | published | Parley | verdict | why |',
    '|---|---|---|---|---|',
  );
  for (const v of report.verdicts) {
    lines.push(
      `| ${v.claim} | ${v.published} (${v.source}) | ${v.parley} | **${v.verdict}** | ${v.why} |`,
    );
  }
  lines.push('');
  return lines.join('\n');
}

/** The paper's readings of ASTRA's rules against Parley's, per domain. */
function readingLines(report: AstraReport): string[] {
  if (report.readings.length === 0) {
    return [];
  }
  const lines = [
    '## The paper’s readings of ASTRA’s rules',
    '',
    'Where the paper’s text reads differently from Parley’s rules (shared/astra/README.md), each reading is an option (`shared/astra/options.ts`, `paperReadings`); here each one alone, then all five, plays the same contexts and partners as Table 1’s ASTRA, pooled over the three partners. The Welch test compares agent points over all cases with Parley’s rules (Table 1’s ASTRA row).',
    '',
  ];
  for (const domain of report.run.domains) {
    const parley = pooled(report, domain, 'with');
    lines.push(
      `### ${getDomain(domain).name}`,
      '',
      '| rules | n | agent (all) | agent (agreed) | joint (all) | agreement | walk-away | − Parley (all) | t | p |',
      '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
      `| Parley’s (Table 1’s ASTRA) | ${parley.n} | ${fmt(parley.agentAll)} | ${fmt(parley.agentAgreed)} | ${fmt(parley.jointAll)} | ${pct(parley.n === 0 ? null : parley.agreements / parley.n)} | ${pct(parley.walkAwayRate)} | | | |`,
    );
    for (const row of report.readings.filter((r) => r.domain === domain)) {
      const s = row.stats;
      const t = row.vsDefault;
      lines.push(
        `| ${readingLabels[row.reading]} | ${s.n} | ${fmt(s.agentAll)} | ${fmt(s.agentAgreed)} | ${fmt(s.jointAll)} | ${pct(s.n === 0 ? null : s.agreements / s.n)} | ${pct(s.walkAwayRate)} | ${t === null ? (row.message ?? '—') : fmt(t.meanDifference)} | ${t === null ? '' : t.t.toFixed(2)} | ${t === null ? '' : formatP(t.p)} |`,
      );
    }
    lines.push('');
  }
  return lines;
}

/** A plain grouped bar chart (no dependencies): one group per label, one bar per series. */
export function barChart(options: {
  title: string;
  labels: readonly string[];
  series: readonly { name: string; values: readonly (number | null)[] }[];
  yLabel: string;
}): string {
  const width = 560;
  const height = 300;
  const left = 50;
  const bottom = 40;
  const top = 40;
  const plotH = height - top - bottom;
  const all = options.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const max = Math.max(1, ...all) * 1.1;
  const groupW = (width - left - 20) / Math.max(1, options.labels.length);
  const barW = (groupW * 0.8) / Math.max(1, options.series.length);
  const colours = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728'];
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<text x="${width / 2}" y="16" text-anchor="middle" font-size="13">${esc(options.title)}</text>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${height - bottom}" stroke="#333"/>`,
    `<line x1="${left}" y1="${height - bottom}" x2="${width - 10}" y2="${height - bottom}" stroke="#333"/>`,
    `<text x="12" y="${top + plotH / 2}" transform="rotate(-90 12 ${top + plotH / 2})" text-anchor="middle">${esc(options.yLabel)}</text>`,
  ];
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    const y = height - bottom - (plotH * k) / 4;
    parts.push(`<text x="${left - 4}" y="${y + 4}" text-anchor="end">${v.toFixed(1)}</text>`);
  }
  options.labels.forEach((label, g) => {
    const x0 = left + g * groupW + groupW * 0.1;
    parts.push(
      `<text x="${x0 + groupW * 0.4}" y="${height - bottom + 14}" text-anchor="middle">${esc(label)}</text>`,
    );
    options.series.forEach((s, i) => {
      const v = s.values[g] ?? null;
      const x = x0 + i * barW;
      if (v === null) {
        parts.push(
          `<text x="${x + barW / 2}" y="${height - bottom - 4}" text-anchor="middle">—</text>`,
        );
        return;
      }
      const h = (plotH * v) / max;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${(height - bottom - h).toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${colours[i % colours.length]}"/>`,
        `<text x="${(x + barW / 2).toFixed(1)}" y="${(height - bottom - h - 3).toFixed(1)}" text-anchor="middle" font-size="9">${v.toFixed(1)}</text>`,
      );
    });
  });
  options.series.forEach((s, i) => {
    parts.push(
      `<rect x="${left + 10 + i * 140}" y="${height - 16}" width="10" height="10" fill="${colours[i % colours.length]}"/>`,
      `<text x="${left + 24 + i * 140}" y="${height - 7}">${esc(s.name)}</text>`,
    );
  });
  parts.push('</svg>', '');
  return parts.join('\n');
}

/** The report's figures by file name. */
export function renderFigures(report: AstraReport): Record<string, string> {
  const figures: Record<string, string> = {};
  for (const domain of report.run.domains) {
    const name = getDomain(domain).name;
    const value = (agent: 'with' | 'without', persona: PersonaName) =>
      report.table1.find((r) => r.domain === domain && r.agent === agent && r.persona === persona)
        ?.stats?.agentAgreed ?? null;
    figures[`table1-${domain}.svg`] = barChart({
      title: `${name}: ASTRA's points on agreements, with vs without ASTRA`,
      labels: personas.map((p) => p.name),
      series: (['with', 'without'] as const).map((agent) => ({
        name: table1Agents[agent].label,
        values: personas.map((p) => value(agent, p.name)),
      })),
      yLabel: 'agent points',
    });
    const rows3 = report.table3.filter((r) => r.domain === domain);
    if (rows3.length > 0) {
      figures[`table3-${domain}.svg`] = barChart({
        title: `${name}: ASTRA's points by α (β = 1 − α)`,
        labels: rows3.map((r) => `α ${r.alpha}`),
        series: [
          { name: 'all cases', values: rows3.map((r) => r.stats.agentAll) },
          { name: 'agreements', values: rows3.map((r) => r.stats.agentAgreed) },
        ],
        yLabel: 'agent points',
      });
    }
  }
  return figures;
}
