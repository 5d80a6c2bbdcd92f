import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { parseRecordLine } from '../../shared/corpus/recordLines';
import type { DialogueRecord } from '../../shared/corpus/dialogueRecord';
import {
  experimentConfigSchema,
  experimentPresets,
  isExperimentPreset,
  type ExperimentConfig,
} from '../../workers/experiments/experimentConfig';
import { alicePlotSvg, bobPlotSvg } from '../../workers/experiments/experimentPlots';
import {
  summarise,
  summaryMarkdown,
  type EpochResult,
  type ExperimentResults,
} from '../../workers/experiments/experimentResults';
import { failCommand } from '../cliRuntime';

interface ExperimentCliOptions {
  config?: string;
  preset?: string;
  seeds: string;
  out: string;
}

export function registerExperimentCommand(program: Command): void {
  program
    .command('experiment')
    .description(
      'Run the simulated active-learning comparison (SL, RL, RL+SL, reward-engineered RL, TDA); resumable.',
    )
    .option('--config <file>', 'experiment configuration (JSON)')
    .option('--preset <name>', `a preset: ${Object.keys(experimentPresets).join(', ')}`)
    .option('--seeds <k>', 'number of seeds (1..k)', '1')
    .requiredOption('--out <dir>', 'directory for results.json, plots and summary.md')
    .action(async (options: ExperimentCliOptions) => {
      try {
        await runExperimentCommand(options);
      } catch (error) {
        failCommand(error);
      }
    });
}

async function runExperimentCommand(options: ExperimentCliOptions): Promise<void> {
  const config = loadConfig(options);
  const seedCount = Number(options.seeds);
  if (!Number.isInteger(seedCount) || seedCount < 1) {
    throw new RangeError(`--seeds must be a whole number ≥ 1, not ${options.seeds}`);
  }
  const seeds = Array.from({ length: seedCount }, (_, i) => i + 1);
  fs.mkdirSync(options.out, { recursive: true });
  const resultsFile = path.join(options.out, 'results.json');
  const previous = previousRuns(resultsFile, config);
  const records = config.data.source === 'file' ? readRecords(config.data.path) : undefined;
  // Loaded here only: TensorFlow.js is heavy and only this command needs it.
  const { initTensorflow } = await import('../../workers/learning/tensorflowBackend');
  const { runExperiment } = await import('../../workers/experiments/runExperiment');
  const { savePolicyFile } = await import('../../workers/learning/checkpointFile');
  const { tf, backend } = await initTensorflow();
  console.error(
    `TensorFlow.js backend: ${backend}; ${previous.length} evaluations carried over from ${resultsFile}`,
  );
  const started = Date.now();
  const results: EpochResult[] = [...previous];
  const save = () =>
    writeAtomically(
      resultsFile,
      JSON.stringify(resultsDocument(config, seeds, backend, results), null, 1),
    );
  await runExperiment({
    tf,
    config,
    seeds,
    previous,
    ...(records === undefined ? {} : { records }),
    onResult: (result) => results.push(result),
    onRunFinished: save,
    saveCheckpoint: (seed, name, policy) =>
      savePolicyFile(
        path.join(options.out, 'checkpoints', `seed-${seed}`, `${fileName(name)}.ckpt`),
        policy,
        {
          createdAt: new Date().toISOString(),
          role: name,
          seed,
        },
      ),
    log: (message) => console.error(message),
  });
  const document = resultsDocument(config, seeds, backend, results);
  writeAtomically(resultsFile, JSON.stringify(document, null, 1));
  fs.writeFileSync(path.join(options.out, 'alice.svg'), alicePlotSvg(document));
  fs.writeFileSync(path.join(options.out, 'bob.svg'), bobPlotSvg(document));
  const summary = summaryMarkdown(document);
  fs.writeFileSync(path.join(options.out, 'summary.md'), `${summary}\n`);
  console.log(summary);
  console.error(
    `done in ${((Date.now() - started) / 1000).toFixed(1)} s; wrote ${options.out}/{results.json,alice.svg,bob.svg,summary.md,checkpoints/}`,
  );
}

function loadConfig(options: ExperimentCliOptions): ExperimentConfig {
  if ((options.config === undefined) === (options.preset === undefined)) {
    throw new RangeError('give exactly one of --config FILE and --preset NAME');
  }
  let input: unknown;
  if (options.preset !== undefined) {
    if (!isExperimentPreset(options.preset)) {
      throw new RangeError(
        `unknown preset "${options.preset}"; presets: ${Object.keys(experimentPresets).join(', ')}`,
      );
    }
    input = experimentPresets[options.preset];
  } else {
    input = JSON.parse(fs.readFileSync(options.config!, 'utf8')) as unknown;
  }
  const parsed = experimentConfigSchema.safeParse(input);
  if (!parsed.success) {
    throw new RangeError(`invalid experiment configuration:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** Evaluations of an earlier, interrupted run of the same configuration. */
function previousRuns(file: string, config: ExperimentConfig): EpochResult[] {
  if (!fs.existsSync(file)) {
    return [];
  }
  const earlier = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ExperimentResults>;
  if (JSON.stringify(earlier.config) !== JSON.stringify(config)) {
    throw new RangeError(`${file} holds results of another configuration; choose another --out`);
  }
  return earlier.runs ?? [];
}

function resultsDocument(
  config: ExperimentConfig,
  seeds: number[],
  backend: string,
  runs: readonly EpochResult[],
): ExperimentResults {
  const sorted = [...runs].sort(
    (a, b) => a.method.localeCompare(b.method) || a.seed - b.seed || a.epoch - b.epoch,
  );
  return {
    format: 'parley-experiment/1',
    config,
    seeds,
    backend,
    runs: sorted,
    summary: summarise(sorted),
  };
}

function readRecords(file: string): DialogueRecord[] {
  const records: DialogueRecord[] = [];
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') {
        return;
      }
      const parsed = parseRecordLine(line);
      if (!parsed.ok) {
        throw new RangeError(`${file}:${index + 1}: ${parsed.error}`);
      }
      records.push(parsed.record);
    });
  return records;
}

/** "TDA (second order)" → "tda-second-order". */
function fileName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function writeAtomically(file: string, content: string): void {
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, content);
  fs.renameSync(partial, file);
}
