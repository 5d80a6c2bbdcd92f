import type { DialogueRecord } from './dialogueRecord';
import {
  actTypesUsed,
  defaultLowQualityRule,
  isLowQuality,
  uniqueActRatio,
  type LowQualityRule,
} from './uniqueActs';

/** Summary of a corpus, comparable between D_H and D_L and with imported human data. */
export interface CorpusStats {
  dialogues: number;
  /** Mean acts per dialogue. */
  meanLength: number | null;
  /** Share of all acts by act type (`unknown` included for imports), by type name. */
  actDistribution: Record<string, number>;
  agreementRate: number | null;
  /** Pareto-optimal deals / deals. */
  paretoOptimalRate: number | null;
  walkAwayRate: number | null;
  meanScores: [number, number] | null;
  /** Mean over dialogues of distinct acts / acts. */
  meanUniqueActRatio: number | null;
  /** Mean over dialogues of how many of propose, insist, agree, disagree, unknown they use. */
  meanActTypes: number | null;
  /** Dialogues that fall in D_L (by the rule the stats were made with). */
  lowQuality: number;
  /** Dialogues by source. */
  sources: Record<string, number>;
}

/**
 * Accumulates stats one record at a time, so that a large file streams through. `rule` decides
 * which dialogues count as D_L.
 */
export function createCorpusStats(rule: LowQualityRule = defaultLowQualityRule): {
  add(record: DialogueRecord): void;
  result(): CorpusStats;
} {
  let dialogues = 0;
  let acts = 0;
  let agreed = 0;
  let pareto = 0;
  let walkAways = 0;
  let uniqueSum = 0;
  let typesSum = 0;
  let lowQuality = 0;
  const scores: [number, number] = [0, 0];
  const byType = new Map<string, number>();
  const sources = new Map<string, number>();
  return {
    add(record) {
      dialogues++;
      acts += record.turns.length;
      for (const turn of record.turns) {
        byType.set(turn.act.type, (byType.get(turn.act.type) ?? 0) + 1);
      }
      const { outcome } = record;
      agreed += outcome.agreed ? 1 : 0;
      pareto += outcome.paretoOptimal === true ? 1 : 0;
      walkAways += outcome.walkedAway ? 1 : 0;
      scores[0] += outcome.scores[0];
      scores[1] += outcome.scores[1];
      uniqueSum += uniqueActRatio(record.turns);
      typesSum += actTypesUsed(record.turns);
      lowQuality += isLowQuality(record, rule) ? 1 : 0;
      sources.set(record.source, (sources.get(record.source) ?? 0) + 1);
    },
    result() {
      const per = (x: number, n: number) => (n === 0 ? null : x / n);
      return {
        dialogues,
        meanLength: per(acts, dialogues),
        actDistribution: Object.fromEntries(
          [...byType.entries()]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([type, n]) => [type, n / acts]),
        ),
        agreementRate: per(agreed, dialogues),
        paretoOptimalRate: per(pareto, agreed),
        walkAwayRate: per(walkAways, dialogues),
        meanScores: dialogues === 0 ? null : [scores[0] / dialogues, scores[1] / dialogues],
        meanUniqueActRatio: per(uniqueSum, dialogues),
        meanActTypes: per(typesSum, dialogues),
        lowQuality,
        sources: Object.fromEntries(sources),
      };
    },
  };
}

/** Stats of a whole array of records. */
export function corpusStats(records: Iterable<DialogueRecord>): CorpusStats {
  const stats = createCorpusStats();
  for (const record of records) {
    stats.add(record);
  }
  return stats.result();
}
