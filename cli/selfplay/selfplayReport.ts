import { loadPolicyFile } from '../../learning/checkpointFile';
import { evaluateAgainst } from '../../learning/evaluation';
import { initTensorflow } from '../../learning/tensorflowBackend';
import { corpusStats, type CorpusStats } from '../../shared/corpus/corpusStats';
import type { RunMetrics } from '../../shared/metrics/runMetrics';
import { readExperimentRecords } from '../../experiments/experimentRecords';

export interface SelfplayReport {
  checkpoint: string;
  file: string;
  temperature: number;
  seed: string;
  /** How the people in the file did. */
  people: CorpusStats;
  /** The policy against itself on the same contexts (first speakers as evaluations choose them). */
  policy: RunMetrics;
}

/** Plays the checkpoint against itself on the contexts of the file's dialogues. */
export async function selfplayReport(options: {
  checkpoint: string;
  file: string;
  temperature: number;
  seed: string;
  log: (line: string) => void;
}): Promise<SelfplayReport> {
  const { tf } = await initTensorflow();
  const { policy } = loadPolicyFile(tf, options.checkpoint);
  const domain = policy.shapes.domain.id;
  const all = readExperimentRecords(options.file, options.log);
  const records = all.filter((r) => r.domain === domain);
  if (records.length === 0) {
    throw new RangeError(
      `${options.file} has no ${domain} dialogue (${all.length} records read); the checkpoint plays ${domain}`,
    );
  }
  const metrics = await evaluateAgainst(
    policy,
    policy,
    records.map((r) => r.context),
    { seed: `selfplay/${options.seed}`, temperature: options.temperature },
  );
  return {
    checkpoint: options.checkpoint,
    file: options.file,
    temperature: options.temperature,
    seed: options.seed,
    people: corpusStats(records),
    policy: metrics,
  };
}

const pct = (v: number | null) => (v === null ? '—' : `${(100 * v).toFixed(1)} %`);
const num = (v: number | null) => (v === null ? '—' : v.toFixed(2));

/** People and policy side by side, as plain text. */
export function selfplayTable(r: SelfplayReport): string {
  const row = (name: string, people: string, policy: string) =>
    `${name.padEnd(24)} ${people.padStart(12)} ${policy.padStart(12)}`;
  return [
    `${r.checkpoint} against itself on the ${r.people.dialogues} contexts of ${r.file} (temperature ${r.temperature}, seed ${r.seed})`,
    row('', 'people', 'policy'),
    row('dialogues', String(r.people.dialogues), String(r.policy.dialogues)),
    row('agreement', pct(r.people.agreementRate), pct(r.policy.agreementRate)),
    row('Pareto-optimal deals', pct(r.people.paretoOptimalRate), pct(r.policy.paretoOptimalRate)),
    row(
      'mean scores (A / B)',
      r.people.meanScores === null
        ? '—'
        : `${num(r.people.meanScores[0])} / ${num(r.people.meanScores[1])}`,
      `${num(r.policy.meanScore)} / ${num(r.policy.meanPartnerScore)}`,
    ),
    row('mean length (acts)', num(r.people.meanLength), num(r.policy.meanLength)),
  ].join('\n');
}
