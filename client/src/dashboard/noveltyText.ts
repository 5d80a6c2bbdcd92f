import type { Act } from '../../../shared/dialogue/acts';
import type { Domain } from '../../../shared/domain/types';
import type { NoveltyEntry, RoundView } from '../../../shared/protocol/rounds';
import { actSentence, sharePhrase } from '../annotate/sentences';

/**
 * An act of a ranked dialogue as a sentence. With the dialogue's item counts it is the
 * transcript's sentence; without them (a `NoveltyEntry` carries only the acts) an offer can say
 * only what the speaker asks for, since "you take the rest" needs the counts.
 */
export function noveltyActSentence(act: Act, domain: Domain, counts: readonly number[] | null) {
  if (counts !== null) {
    return actSentence(act, domain, counts);
  }
  if (act.type === 'propose' || act.type === 'insist') {
    const mine = sharePhrase(
      domain,
      act.allocation.map(() => Number.POSITIVE_INFINITY),
      act.allocation,
    );
    const offer =
      mine === 'nothing'
        ? "I'll take nothing; you take everything."
        : `I'd like ${mine}; you take the rest.`;
    return act.type === 'insist' ? `I insist. ${offer}` : offer;
  }
  return actSentence(act, domain, []);
}

/** Who continued a ranked dialogue, in words. */
export function oracleLabel(oracle: NoveltyEntry['oracle']): string {
  switch (oracle) {
    case 'human':
      return 'the crowd';
    case 'simulatedExpert':
      return 'the simulated expert';
    case 'astra':
      return 'ASTRA';
    case null:
      return 'not selected';
  }
}

/**
 * The novelty metric's name as the view shows it, for the entry's `novelty` (higher = more novel;
 * shared/metrics/noveltyScale.ts).
 */
export function metricLabel(metric: RoundView['noveltyMetric']): string {
  switch (metric) {
    case 'minLogProb':
      return 'max surprise (−min log p)';
    case 'meanLogProb':
      return 'mean surprise (−mean log p)';
    case 'meanProb':
      return 'novelty (1 − mean p)';
  }
}

/** Surprisal (−log p, in nats) with two decimals ("3.21"), or "" for Bob's own acts. */
export function formatSurprisal(value: number | null): string {
  return value === null ? '' : value.toFixed(2);
}
