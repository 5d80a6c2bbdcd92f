import type { DialogueRecord } from '../shared/corpus/dialogueRecord';
import { generateCorpus } from '../shared/corpus/generateCorpus';
import { parsePopulation } from '../shared/corpus/population';
import { stateFromRecord } from '../shared/corpus/recordConversion';
import { isLowQuality } from '../shared/corpus/uniqueActs';
import type { DialogueState } from '../shared/dialogue/dialogue';
import type { Context, Domain } from '../shared/domain/types';
import { createRng } from '../shared/random/rng';
import type { ExperimentConfig } from './experimentConfig';

export interface ExperimentData {
  /** D_H: the full corpus the expert learns from. */
  high: DialogueState[];
  /** D_L: its dialogues with < 50 % unique acts, from which Alice and Bob start. */
  low: DialogueState[];
  /** Records that could not be learned from (unparsed turns, rule breaks), with why. */
  skipped: { id: string; reason: string }[];
  evaluationContexts: Context[];
}

/**
 * The data of one seed: D_H (synthetic from the config's population and the seed, or the given
 * records), D_L ⊂ D_H, and held-out evaluation contexts drawn apart from both.
 */
export function experimentData(
  domain: Domain,
  config: ExperimentConfig,
  seed: number,
  records?: readonly DialogueRecord[],
): ExperimentData {
  const source =
    config.data.source === 'synthetic'
      ? generateCorpus({
          domain,
          dialogues: config.data.dialogues,
          seed: `${seed}/data`,
          population: parsePopulation(config.data.population),
        })
      : (records ?? []);
  const high: DialogueState[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const record of source) {
    if (record.domain !== domain.id) {
      skipped.push({ id: record.id, reason: `domain ${record.domain}` });
      continue;
    }
    try {
      high.push(stateFromRecord(record));
    } catch (error) {
      skipped.push({ id: record.id, reason: (error as Error).message });
    }
  }
  const rng = createRng(`${seed}/evaluation`);
  return {
    high,
    low: high.filter(isLowQuality),
    skipped,
    evaluationContexts: Array.from({ length: config.evaluationContexts }, () =>
      domain.sampleContext(rng),
    ),
  };
}
