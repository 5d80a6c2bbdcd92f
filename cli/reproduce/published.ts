/**
 * The published numbers and claims that `parley reproduce` compares with — the only place they
 * live, for both papers (ASTRA first, then TDA at the end). Each carries its source. A cell that
 * could not be read is null, never guessed.
 *
 * How they were transcribed: the stored copies of the paper available when this was written
 * (arXiv HTML 2503.07129v2, ar5iv 2503.07129) gave only its opening section, not its tables. The
 * numbers below are therefore those quoted in issue 20 ("ASTRA paper's Table 1 … Table 3 …"),
 * marked `checked: false` until someone compares them with the paper's own tables.
 */
export const astraPaper = {
  citation:
    'Kwon, Hae, Clift, Shamsoddini, Gratch, Lucas (2025). ASTRA: A Negotiation Agent with Adaptive and Strategic Reasoning via Tool-integrated Action for Dynamic Offer Optimization. EMNLP 2025.',
  arxiv: 'https://arxiv.org/abs/2503.07129v2',
} as const;

export interface PublishedNumber {
  value: number | null;
  /** Paper version and table, and how the value reached this file. */
  source: string;
  /** False: transcribed from issue 20's quotation of the paper, not from the paper itself. */
  checked: boolean;
  note?: string;
}

const quoted = (table: string, value: number, note?: string): PublishedNumber => ({
  value,
  source: `ASTRA paper arXiv 2503.07129v2, ${table}, as quoted in issue 20`,
  checked: false,
  ...(note === undefined ? {} : { note }),
});

const unread = (table: string, what: string): PublishedNumber => ({
  value: null,
  source: `ASTRA paper arXiv 2503.07129v2, ${table}`,
  checked: false,
  note: `${what}: not transcribed — the paper's table could not be read here`,
});

/**
 * Table 1: the ASTRA agent against LLM partners (personas base, greedy, fair) on a CaSiNo-style
 * camping task (max 36 points), with and without the ASTRA module, and an RL baseline.
 */
export const publishedTable1 = {
  withAstraAgentAgreed: quoted('Table 1', 24.31, 'agent points on agreements, with ASTRA'),
  withoutAstraAgentAgreed: quoted('Table 1', 20.75, 'agent points on agreements, without ASTRA'),
  tWithVsWithout: quoted('Table 1', 8.55, 't statistic of with vs without ASTRA'),
  /** Reported as p < 0.001: the bound, not a value. */
  pBound: quoted('Table 1', 0.001, 'reported as p < 0.001 (an upper bound)'),
  rlBaselineAgent: quoted(
    'Table 1',
    18.86,
    'the RL baseline agent’s points, quoted beside the agreement-case points',
  ),
  partnerPoints: unread('Table 1', 'partner points per row'),
  jointPoints: unread('Table 1', 'joint points per row'),
  walkAwayByPersona: {
    base: unread('Table 1', 'walk-away rate against the base partner'),
    greedy: unread('Table 1', 'walk-away rate against the greedy partner'),
    fair: unread('Table 1', 'walk-away rate against the fair partner'),
  },
  n: unread('Table 1', 'number of dialogues per row'),
} as const;

/**
 * Table 3: the α (PAP) / β (SA) weight ablation over six settings. Only the best setting's row
 * was quoted; the other five settings (their α/β and values) could not be read.
 */
export const publishedTable3 = {
  settingsRead: 1,
  settingsInPaper: 6,
  best: {
    alpha: quoted('Table 3', 0.35, 'α of the best setting'),
    beta: quoted('Table 3', 0.65, 'β of the best setting'),
    agentAll: quoted('Table 3', 23.45, 'agent points over all cases'),
    agentAgreed: quoted('Table 3', 25.84, 'agent points over agreement cases'),
    walkAwayRate: quoted('Table 3', 0.11, 'walk-away rate (11 %)'),
  },
  otherSettings: unread('Table 3', 'the other five α/β settings and their values'),
} as const;

/**
 * Figs. 3–7, the behaviour analyses. Only Fig. 3's λ by stance is quoted (issue 20: "λ 0.9 / 0.5
 * / 0.3 by stance", which Parley fixes as its defaults); the other figures' values are unread.
 */
export const publishedFigures = {
  lambdaByStance: {
    greedy: quoted('Fig. 3', 0.9, 'λ against a greedy partner'),
    neutral: quoted('Fig. 3', 0.5, 'λ against a neutral partner'),
    generous: quoted('Fig. 3', 0.3, 'λ against a generous partner'),
  },
  tactics: unread('Fig. 4', 'tactic distribution by fairness × stance'),
  movesByStance: unread('Fig. 5', 'offer-score moves by stance'),
  movesByTactic: unread('Fig. 6', 'offer-score moves by tactic'),
  frontier: unread('Fig. 7', 'offers against the Pareto frontier'),
} as const;

/**
 * The TDA paper (Kwon, Karamcheti, Cuéllar, Sadigh 2021). The stored copies available here gave
 * its title, abstract and the opening of §1 only (arXiv 2106.07728: hf.co papers mirror and
 * vdocument.in), none of §5–7 or its figures. So: the abstract's claims are quoted from the
 * abstract (checked); the numbers are those quoted in issue 20 and the per-method findings those
 * stated in issue 13, all marked `checked: false` until someone compares them with the paper.
 */
export const tdaPaper = {
  citation:
    'Kwon, Karamcheti, Cuéllar, Sadigh (2021). Targeted Data Acquisition for Evolving Negotiation Agents. ICML 2021.',
  arxiv: 'https://arxiv.org/abs/2106.07728',
} as const;

const tdaQuoted = (where: string, value: number, note: string): PublishedNumber => ({
  value,
  source: `TDA paper arXiv 2106.07728, ${where}, as quoted in issue 20`,
  checked: false,
  note,
});

/**
 * §6 "alternative metrics": the share of **all** negotiations that reach the maximal joint score
 * and that end with equal scores, per method (in percent).
 */
export const publishedAlternativeMetrics = {
  tda: {
    maxJoint: tdaQuoted('§6 alternative metrics', 4, 'Ours: % of all at the maximal joint score'),
    equal: tdaQuoted('§6 alternative metrics', 5, 'Ours: % of all with equal scores'),
  },
  rl: {
    maxJoint: tdaQuoted('§6 alternative metrics', 3, 'RL: % of all at the maximal joint score'),
    equal: tdaQuoted('§6 alternative metrics', 4, 'RL: % of all with equal scores'),
  },
  rlSl: {
    maxJoint: tdaQuoted('§6 alternative metrics', 6, 'RL+SL: % of all at the maximal joint score'),
    equal: tdaQuoted('§6 alternative metrics', 7, 'RL+SL: % of all with equal scores'),
  },
  sl: {
    maxJoint: tdaQuoted('§6 alternative metrics', 7, 'SL: % of all at the maximal joint score'),
    equal: tdaQuoted('§6 alternative metrics', 8, 'SL: % of all with equal scores'),
  },
} as const;

/**
 * §7.1 (Fig. 5), learning from scratch: mean dialogue length in acts. Issue 20 quotes "12 vs
 * 5.9 acts"; Parley reads it as from scratch (12) against agents that start from SL (5.9).
 */
export const publishedScratchLengths = {
  fromScratch: tdaQuoted('§7.1, Fig. 5', 12, 'mean dialogue length from scratch (our reading)'),
  fromSl: tdaQuoted('§7.1, Fig. 5', 5.9, 'mean dialogue length starting from SL (our reading)'),
} as const;

/** Where each TDA claim comes from. */
export const tdaClaimSources = {
  abstract: 'TDA paper abstract (arXiv 2106.07728), quoted',
  issue13: 'the paper’s §6 findings as stated in issue 13 (not checked against the paper)',
  issue20: 'the paper’s Fig. 3 as described in issue 20 (not checked against the paper)',
} as const;
