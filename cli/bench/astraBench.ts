import { performance } from 'node:perf_hooks';
import { bruteForceOptimum, sameObjective } from '../../shared/astra/bruteForce';
import { offerProgramFor } from '../../shared/astra/candidates';
import { resolveOptions } from '../../shared/astra/options';
import { randomAstraState } from '../../shared/astra/randomStates';
import { suggest } from '../../shared/astra/suggest';
import { domainIds, getDomain } from '../../shared/domain/domains';
import { createRng } from '../../shared/random/rng';
import { quantile } from './quantile';

export interface AstraBenchResult {
  domain: string;
  states: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** Programs the LP solved, and how many of those hit the brute-force optimum. */
  lpSolved: number;
  lpExact: number;
  /** Programs the LP called infeasible, and how many brute force agrees have no solution. */
  lpInfeasible: number;
  lpInfeasibleAgreed: number;
}

const warmUp = 50;

/**
 * Times `suggest` on `count` random states per domain (after a warm-up, so the JIT is measured
 * warm), then checks every LP program those suggestions solved against enumeration.
 */
export function benchAstra(count: number, seed: string): AstraBenchResult[] {
  return domainIds.map((id) => {
    const domain = getDomain(id);
    const rng = createRng(`${seed}/${id}`);
    const states = Array.from({ length: count }, () => randomAstraState(domain, rng));
    for (const state of states.slice(0, warmUp)) {
      suggest(state);
    }
    const times: number[] = [];
    const results = states.map((state) => {
      const start = performance.now();
      const result = suggest(state);
      times.push(performance.now() - start);
      return result;
    });
    const options = resolveOptions(undefined);
    let lpSolved = 0;
    let lpExact = 0;
    let lpInfeasible = 0;
    let lpInfeasibleAgreed = 0;
    results.forEach((result, i) => {
      const state = states[i];
      if (state === undefined) {
        return;
      }
      for (const run of result.explanation.lp.runs) {
        const oracle = bruteForceOptimum(
          offerProgramFor(
            domain,
            state.counts,
            state.utilities,
            result.explanation.ipp.utilities,
            run.lambda,
            run.maxScore,
            result.explanation.concession.target,
            options,
          ),
        );
        if (run.objective === null) {
          lpInfeasible++;
          lpInfeasibleAgreed += oracle === null ? 1 : 0;
        } else {
          lpSolved++;
          lpExact += oracle !== null && sameObjective(run.objective, oracle.objective) ? 1 : 0;
        }
      }
    });
    times.sort((a, b) => a - b);
    return {
      domain: id,
      states: count,
      medianMs: quantile(times, 0.5),
      p95Ms: quantile(times, 0.95),
      maxMs: times.at(-1) ?? 0,
      lpSolved,
      lpExact,
      lpInfeasible,
      lpInfeasibleAgreed,
    };
  });
}
