import type * as tfType from '@tensorflow/tfjs';
import type { DialogueRecord } from '../shared/corpus/dialogueRecord';
import type { Domain } from '../shared/domain/types';
import { createPolicy, disposePolicy, type Policy } from '../learning/policy';
import { evaluateAgainst } from '../learning/evaluation';
import type { ExperimentConfig } from './experimentConfig';
import {
  dataTable,
  DegenerateDataError,
  experimentData,
  type DataSummary,
  type ExperimentData,
} from './experimentData';
import { policyConfig, trainedPolicy } from './experimentPolicies';

export interface PreparedSeed {
  data: ExperimentData;
  /** SL on D_H: every method's evaluation partner (and TDA's simulated oracle). */
  expert: Policy;
  /** Where every method's Alice and Bob start: SL on D_L, or random weights (`scratch`). */
  initial: Policy;
}

/**
 * What every method of a seed shares: its data, the expert and the initial policy. Logs the data
 * and the expert's self-play, and reports them through `onData`; stops with DegenerateDataError
 * when the expert never agrees with itself.
 */
export async function prepareSeed(args: {
  tf: typeof tfType;
  config: ExperimentConfig;
  domain: Domain;
  seed: number;
  records?: readonly DialogueRecord[];
  log: (message: string) => void;
  onData?: (seed: number, summary: Partial<DataSummary>) => void;
}): Promise<PreparedSeed> {
  const { tf, config, domain, seed, log } = args;
  const data = experimentData(domain, config, seed, args.records);
  const reasons = countBy(data.skipped.map((s) => s.reason));
  log(
    `seed ${seed}: D_H ${data.high.length} dialogues, D_L ${data.low.length} (${config.lowQuality})${
      data.skipped.length > 0
        ? `, ${data.skipped.length} records left out: ${Object.entries(reasons)
            .map(([why, n]) => `${n} × ${why}`)
            .join('; ')}`
        : ', every record used'
    }\n${dataTable(data.stats)}`,
  );
  args.onData?.(seed, {
    used: data.high.length,
    leftOut: reasons,
    lowQuality: config.lowQuality,
    high: data.stats.high,
    low: data.stats.low,
  });
  const expert = trainedPolicy(
    tf,
    policyConfig(config, domain, seed * 100 + 1),
    data.high,
    config,
    `${seed}/expert`,
    config.training.expertEpochs,
  );
  const expertSelfPlay = await evaluateAgainst(expert, expert, data.evaluationContexts, {
    seed: `${seed}/expert-check`,
    temperature: config.training.evaluationTemperature,
  });
  log(
    `seed ${seed}: the expert in self-play: agreement ${pct(expertSelfPlay.agreementRate)}, Pareto ${pct(expertSelfPlay.paretoOptimalRate)} (D_H: ${pct(data.stats.high.agreementRate)}, ${pct(data.stats.high.paretoOptimalRate)})`,
  );
  args.onData?.(seed, { expertSelfPlay });
  if ((expertSelfPlay.agreementRate ?? 0) === 0) {
    disposePolicy(expert);
    throw new DegenerateDataError(
      `seed ${seed}: the expert (SL on D_H's ${data.high.length} dialogues, ${config.training.expertEpochs} epochs) reaches 0 % agreement in self-play on ${data.evaluationContexts.length} contexts; every method would be measured against a partner that never agrees`,
    );
  }
  const initial =
    config.init === 'scratch'
      ? createPolicy(tf, policyConfig(config, domain, seed * 100 + 2))
      : trainedPolicy(
          tf,
          policyConfig(config, domain, seed * 100 + 2),
          data.low,
          config,
          `${seed}/init`,
          config.training.initEpochs,
        );
  return { data, expert, initial };
}

function countBy(items: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    counts[item] = (counts[item] ?? 0) + 1;
  }
  return counts;
}

const pct = (v: number | null) => (v === null ? '—' : `${(100 * v).toFixed(1)} %`);
