import fs from 'node:fs';
import path from 'node:path';
import type { ExperimentResults } from '../../experiments/experimentResults';

/**
 * A tiny experiment over two seeds in which every method learns something (RL updates every 8
 * tasks), for the tests that split a run: `args(out, …more)` are the command's arguments.
 */
export function tinyExperiment(dir: string): {
  args: (out: string, ...more: string[]) => string[];
} {
  const config = path.join(dir, 'tiny.json');
  fs.writeFileSync(
    config,
    JSON.stringify({
      data: { dialogues: 60 },
      epochs: 1,
      tasksPerEpoch: 16,
      annotatePerEpoch: 4,
      evaluationContexts: 8,
      methods: [{ kind: 'sl' }, { kind: 'rl' }, { kind: 'tda', order: 'second' }],
      training: { expertEpochs: 1, initEpochs: 1, rlBatchSize: 8 },
    }),
  );
  return {
    args: (out, ...more) => [
      'experiment',
      '--preset',
      'medium',
      '--config',
      config,
      '--seeds',
      '2',
      '--out',
      out,
      ...more,
    ],
  };
}

export function readResults(out: string): ExperimentResults {
  return JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')) as ExperimentResults;
}

/** What must not depend on how a run was split: every evaluation but its timing, and the data. */
export function splitInvariant(results: ExperimentResults) {
  return {
    runs: results.runs.map(({ seconds: _seconds, ...rest }) => rest),
    data: results.data,
  };
}

/** The checkpoint files of a seed, sorted. */
export function checkpointFiles(out: string, seed: number): string[] {
  return fs.readdirSync(path.join(out, 'checkpoints', `seed-${seed}`)).sort();
}
