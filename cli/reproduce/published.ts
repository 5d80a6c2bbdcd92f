/**
 * The ASTRA paper's published numbers that `parley reproduce astra` compares with — the only
 * place they live. Each number carries its source. A cell that could not be read is null, never
 * guessed.
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
