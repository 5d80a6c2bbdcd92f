import type { Context } from '../shared/domain/types';
import { runMetrics, type RunMetrics } from '../shared/metrics/runMetrics';
import type { Policy } from './policyNetwork';
import { selfPlay } from './selfPlay';

/**
 * Metrics of `agent` (seat 0) against `partner` (seat 1) on fixed held-out contexts. Novelty uses
 * the partner's probability of each of the agent's acts, as the paper measures it against the
 * expert.
 */
export async function evaluateAgainst(
  agent: Policy,
  partner: Policy,
  contexts: readonly Context[],
  options: { seed: string; temperature: number },
): Promise<RunMetrics> {
  const played = await selfPlay([agent, partner], contexts, options);
  return runMetrics(
    played.map((d) => d.state),
    {
      agent: 0,
      partnerProbabilities: played.map((d) =>
        d.state.turns.flatMap((turn, t) =>
          turn.speaker === 0 ? [Math.exp(d.listenerLogProbs[t]!)] : [],
        ),
      ),
    },
  );
}
