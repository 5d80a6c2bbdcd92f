import { complement } from '../domain/allocation';
import { paretoFrontier, scoreOf } from '../domain/scoring';
import type { Context, Domain } from '../domain/types';
import { formatAct, isOffer, type Act, type ActType } from '../dialogue/acts';
import type { Outcome } from '../dialogue/outcome';

/**
 * Stable codes of the automatic quality flags (docs/protocol.md §6). Clients key on these;
 * the `detail` next to each is for people.
 */
export const flagCodes = [
  'invalid_acts',
  'too_fast',
  'no_attempt',
  'deal_below_batna',
  'deal_below_earlier_offer',
  'always_agree',
  'repeated_acts',
  'far_below_pareto',
  'gold_failed',
] as const;
export type FlagCode = (typeof flagCodes)[number];

export interface AnnotationFlag {
  code: FlagCode;
  detail: string;
}

export interface FlagThresholds {
  /** More rejected act attempts than this flags the annotation. */
  maxInvalidActs: number;
  /** Bob's mean time per act (since the previous act) below this flags it. */
  minMsPerTurn: number;
  /** An agreed deal worth less than this share of the best offer Alice made Bob earlier… */
  earlierOfferRatio: number;
  /** …and at least this many points less. */
  earlierOfferMinGap: number;
  /** Bob's score below this share of the best he could get without Alice losing anything. */
  paretoRatio: number;
  /** Always-agree needs this many of the worker's completed annotations… */
  alwaysAgreeMinAnnotations: number;
  /** …with at least this share answering Alice first with `agree`. */
  alwaysAgreeShare: number;
  /** The same act this many times in a row from Bob. */
  repeatRun: number;
  /** A no-deal annotation in which the worker made fewer offers than this… */
  noAttemptMinOffers: number;
  /** …or that ended after fewer acts than this (both sides, after the prefix) was no attempt. */
  noAttemptMinActs: number;
}

export const defaultFlagThresholds: FlagThresholds = {
  maxInvalidActs: 2,
  minMsPerTurn: 2_000,
  earlierOfferRatio: 0.75,
  earlierOfferMinGap: 2,
  paretoRatio: 0.6,
  alwaysAgreeMinAnnotations: 5,
  alwaysAgreeShare: 0.9,
  repeatRun: 3,
  noAttemptMinOffers: 1,
  noAttemptMinActs: 3,
};

export interface TimedTurn {
  speaker: 0 | 1;
  act: Act;
  /** Milliseconds since the epoch. */
  at: number;
}

/** One completed annotation, as the checks see it (Alice is agent 0, the worker agent 1). */
export interface FlagInput {
  domain: Domain;
  context: Context;
  /** The task's prefix (ends with Alice's act the worker answers first). */
  prefix: readonly { speaker: 0 | 1; act: Act }[];
  /** The acts said during the annotation, with their times. */
  turns: readonly TimedTurn[];
  startedAt: number;
  outcome: Outcome | null;
  invalidActs: number;
  /** The first-response act types of the worker's completed annotations, this one included. */
  workerFirstResponses: readonly ActType[];
  /** The gold evaluation, for a gold task. */
  gold?: { passed: boolean; failures: readonly string[] } | null;
}

/** The first act the worker said in the annotation (its answer to Alice's novel act). */
export function firstResponse(turns: readonly { speaker: 0 | 1; act: Act }[]): Act | null {
  return turns.find((t) => t.speaker === 1)?.act ?? null;
}

/** Every automatic flag one completed annotation raises, in `flagCodes` order. */
export function annotationFlags(
  input: FlagInput,
  thresholds: FlagThresholds = defaultFlagThresholds,
): AnnotationFlag[] {
  const flags: AnnotationFlag[] = [];
  const bobUtilities = input.context.utilities[1];

  if (input.invalidActs > thresholds.maxInvalidActs) {
    flags.push({
      code: 'invalid_acts',
      detail: `${input.invalidActs} acts refused by the rules (more than ${thresholds.maxInvalidActs})`,
    });
  }

  const gaps: number[] = [];
  let previous = input.startedAt;
  for (const turn of input.turns) {
    if (turn.speaker === 1) {
      gaps.push(Math.max(0, turn.at - previous));
    }
    previous = turn.at;
  }
  if (gaps.length > 0) {
    const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
    if (mean < thresholds.minMsPerTurn) {
      flags.push({
        code: 'too_fast',
        detail: `${Math.round(mean)} ms per act on average (under ${thresholds.minMsPerTurn} ms)`,
      });
    }
  }

  const outcome = input.outcome;
  const noAttempt = noAttemptDetail(input, thresholds);
  if (noAttempt !== null) {
    flags.push({ code: 'no_attempt', detail: noAttempt });
  }

  if (outcome?.agreed === true && outcome.allocation !== null) {
    const bobScore = outcome.scores[1];
    if (bobScore < input.domain.batna) {
      flags.push({
        code: 'deal_below_batna',
        detail: `agreed to ${bobScore} points, less than the ${input.domain.batna} of no deal`,
      });
    }
    const offered = [...input.prefix, ...input.turns]
      .filter((t) => t.speaker === 0 && isOffer(t.act))
      .map((t) =>
        isOffer(t.act)
          ? scoreOf(bobUtilities, complement(input.context.counts, t.act.allocation))
          : 0,
      );
    const bestOffered = Math.max(-Infinity, ...offered);
    if (
      offered.length > 0 &&
      bobScore < thresholds.earlierOfferRatio * bestOffered &&
      bestOffered - bobScore >= thresholds.earlierOfferMinGap
    ) {
      flags.push({
        code: 'deal_below_earlier_offer',
        detail: `agreed to ${bobScore} points after Alice had offered ${bestOffered}`,
      });
    }
    const aliceScore = outcome.scores[0];
    const reachable = paretoFrontier(input.context)
      .filter((p) => p.scores[0] >= aliceScore)
      .map((p) => p.scores[1]);
    const bestForBob = Math.max(bobScore, ...reachable);
    if (bobScore < thresholds.paretoRatio * bestForBob) {
      flags.push({
        code: 'far_below_pareto',
        detail: `${bobScore} points where ${bestForBob} was possible without Alice losing anything`,
      });
    }
  }

  const history = input.workerFirstResponses;
  if (history.length >= thresholds.alwaysAgreeMinAnnotations) {
    const agreeing = history.filter((t) => t === 'agree').length;
    if (agreeing / history.length >= thresholds.alwaysAgreeShare) {
      flags.push({
        code: 'always_agree',
        detail: `answered Alice with agree in ${agreeing} of ${history.length} annotations`,
      });
    }
  }

  let run = 0;
  let longest = 0;
  let last: string | null = null;
  for (const turn of input.turns) {
    if (turn.speaker !== 1) {
      continue;
    }
    const text = formatAct(turn.act);
    run = text === last ? run + 1 : 1;
    last = text;
    longest = Math.max(longest, run);
  }
  if (longest >= thresholds.repeatRun) {
    flags.push({
      code: 'repeated_acts',
      detail: `the same act ${longest} times in a row`,
    });
  }

  if (input.gold?.passed === false) {
    flags.push({ code: 'gold_failed', detail: input.gold.failures.join('; ') });
  }

  const order = (code: FlagCode) => flagCodes.indexOf(code);
  return flags.sort((a, b) => order(a.code) - order(b.code));
}

/**
 * Why a finished annotation without a deal was no real attempt at negotiating (the worker made
 * too few offers, or it ended after too few acts), or null. Ending at once with "no deal" is
 * quick but not under the time threshold, so `too_fast` alone lets it through.
 */
function noAttemptDetail(input: FlagInput, thresholds: FlagThresholds): string | null {
  if (input.outcome === null || input.outcome.agreed) {
    return null;
  }
  const offers = input.turns.filter((t) => t.speaker === 1 && isOffer(t.act)).length;
  if (offers < thresholds.noAttemptMinOffers) {
    return `no deal, and the worker made ${offers} offer${offers === 1 ? '' : 's'} (fewer than ${thresholds.noAttemptMinOffers})`;
  }
  if (input.turns.length < thresholds.noAttemptMinActs) {
    return `no deal after ${input.turns.length} act${input.turns.length === 1 ? '' : 's'} (fewer than ${thresholds.noAttemptMinActs})`;
  }
  return null;
}
