import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import {
  experimentConfigSchema,
  experimentPresets,
  isExperimentPreset,
  type ExperimentConfig,
} from '../../experiments/experimentConfig';
import { layerConfig } from '../../experiments/configLayers';
import { experimentConfigMarkdown } from '../../experiments/experimentConfigDoc';
import { alicePlotSvg, bobPlotSvg } from '../../experiments/experimentPlots';
import {
  summarise,
  summaryMarkdown,
  type EpochResult,
  type ExperimentResults,
} from '../../experiments/experimentResults';
import { readJsonOption } from '../jsonFile';
import { writeFileAtomic } from '../../learning/atomicFile';
import { commandConfig, failCommand } from '../cliRuntime';
import { resolveDataArgument } from '../data/dataArgument';
import type { DataSummary } from '../../experiments/experimentData';
import { readExperimentRecords } from '../../experiments/experimentRecords';
import { checkpointFile } from '../../experiments/checkpointDirectory';
import { failUsage } from '../usageError';
import { withPlatformDatabase } from '../platformDatabase';
import type { DialogueRecord } from '../../shared/corpus/dialogueRecord';

interface ExperimentCliOptions {
  config?: string;
  preset?: string;
  data?: string;
  seeds: string;
  parallel?: string;
  distributed?: boolean;
  out?: string;
  schema?: boolean;
}

export function registerExperimentCommand(program: Command): void {
  program
    .command('experiment')
    .description(
      'Run the simulated active-learning comparison (SL, RL, RL+SL, reward-engineered RL, TDA); resumable.',
    )
    .option(
      '--config <file>',
      'experiment configuration (JSON; fields: --schema); with --preset, only the fields to change',
    )
    .option('--preset <name>', `a preset: ${Object.keys(experimentPresets).join(', ')}`)
    .option(
      '--data <file>',
      'D_H from this file: dealornodeal:train (after parley data fetch dealornodeal), DealOrNoDeal lines (the original .txt) or JSONL dialogue records',
    )
    .option('--seeds <k>', 'number of seeds (1..k)', '1')
    .option(
      '--parallel <n>',
      'run the (seed, method) units on n child processes (same results as without; resumable)',
    )
    .option(
      '--distributed',
      'run the units as jobs on the database in MONGODB_URI, for `parley worker` processes on any machine',
    )
    .option('--out <dir>', 'directory for results.json, plots and summary.md (required)')
    .option('--schema', "print the configuration's fields as markdown tables, and exit")
    .action(async (options: ExperimentCliOptions) => {
      try {
        if (options.schema === true) {
          console.log(experimentConfigMarkdown());
          return;
        }
        await runExperimentCommand(options);
      } catch (error) {
        failCommand(error);
      }
    });
}

async function runExperimentCommand(options: ExperimentCliOptions): Promise<void> {
  if (options.out === undefined) {
    throw new RangeError('give --out DIR, the directory for the results (e.g. --out runs/smoke)');
  }
  const out = options.out;
  const { config, source } = loadConfig(options);
  // What runs is the preset and the file together: show it whole, before hours of work.
  console.error(`effective configuration (${source}):\n${JSON.stringify(config, null, 2)}`);
  const seedCount = Number(options.seeds);
  if (!Number.isInteger(seedCount) || seedCount < 1) {
    throw new RangeError(`--seeds must be a whole number ≥ 1, not ${options.seeds}`);
  }
  const parallel = parallelOption(options);
  if (options.distributed === true) {
    checkDistributed(parallel);
  }
  const seeds = Array.from({ length: seedCount }, (_, i) => i + 1);
  fs.mkdirSync(out, { recursive: true });
  const resultsFile = path.join(out, 'results.json');
  const previous = previousRuns(resultsFile, config);
  const log = (message: string) => console.error(message);
  // Read here to check it before any unit starts; the unit processes of --parallel read it
  // again, and --distributed stores these records with the run for the workers.
  const records =
    config.data.source === 'file' ? readExperimentRecords(config.data.path, log) : undefined;
  // A resumed run keeps what the earlier one recorded of the seeds it does not redo.
  const dataBySeed: Record<string, Partial<DataSummary>> = previousData(resultsFile);
  const started = Date.now();
  const results: EpochResult[] = [...previous];
  let backend = 'distributed (the workers’)';
  const save = () =>
    writeFileAtomic(
      resultsFile,
      JSON.stringify(resultsDocument(config, seeds, backend, results, dataBySeed), null, 1),
    );
  const onData = (seed: number, summary: Partial<DataSummary>) => {
    dataBySeed[String(seed)] = { ...dataBySeed[String(seed)], ...summary };
  };
  const units = {
    config,
    seeds,
    out,
    previous,
    onResult: (result: EpochResult) => results.push(result),
    onUnitFinished: save,
    onData,
    log,
  };
  console.error(`${previous.length} evaluations carried over from ${resultsFile}`);
  if (options.distributed === true) {
    const { runExperimentDistributed } =
      await import('../../experiments/distributed/distributedExperiment');
    await withPlatformDatabase('experiment', (connection) =>
      runExperimentDistributed({
        ...units,
        connection,
        ...(records === undefined ? {} : { records }),
      }),
    );
  } else {
    if (parallel !== undefined) {
      // The units' processes load TensorFlow.js; this one only hands out units (starting an
      // engine here would delay theirs).
      const { runExperimentInParallel } = await import('../../experiments/parallelExperiment');
      console.error(`running the units on ${parallel} processes`);
      const backends = await runExperimentInParallel({
        ...units,
        parallel,
        previousData: dataBySeed,
      });
      backend = backends.length === 0 ? 'none (every unit had run)' : backends.join(', ');
    } else {
      // Loaded here only: TensorFlow.js is heavy and only this command needs it.
      const { initTensorflow } = await import('../../learning/tensorflowBackend');
      ({ backend } = await initTensorflow());
      console.error(`TensorFlow.js backend: ${backend}`);
      await runInThisProcess(units, records);
    }
  }
  const document = resultsDocument(config, seeds, backend, results, dataBySeed);
  writeFileAtomic(resultsFile, JSON.stringify(document, null, 1));
  fs.writeFileSync(path.join(out, 'alice.svg'), alicePlotSvg(document));
  fs.writeFileSync(path.join(out, 'bob.svg'), bobPlotSvg(document));
  const summary = summaryMarkdown(document);
  fs.writeFileSync(path.join(out, 'summary.md'), `${summary}\n`);
  console.log(summary);
  console.error(
    `done in ${((Date.now() - started) / 1000).toFixed(1)} s; wrote ${out}/{results.json,alice.svg,bob.svg,summary.md,checkpoints/}`,
  );
}

/**
 * The configuration: a preset, a file, or the file's fields laid over the preset. A file alone
 * gets the schema's defaults for what it leaves out (`--schema`).
 */
function loadConfig(options: ExperimentCliOptions): { config: ExperimentConfig; source: string } {
  if (options.config === undefined && options.preset === undefined) {
    throw new RangeError(
      'give --preset NAME (smoke, medium, paper, scratch), --config FILE, or both (the file changes the preset)',
    );
  }
  let input: unknown = {};
  const sources: string[] = [];
  if (options.preset !== undefined) {
    if (!isExperimentPreset(options.preset)) {
      throw new RangeError(
        `unknown preset "${options.preset}"; presets: ${Object.keys(experimentPresets).join(', ')}`,
      );
    }
    input = experimentPresets[options.preset];
    sources.push(`preset ${options.preset}`);
  }
  if (options.config !== undefined) {
    input = layerConfig(input, readJsonOption('--config', options.config));
    sources.push(options.preset === undefined ? options.config : `${options.config} over it`);
  }
  if (options.data !== undefined) {
    const file = resolveDataArgument(options.data, commandConfig().datasetsDir);
    input = layerConfig(input, { data: { source: 'file', path: file } });
    sources.push(`--data ${options.data}`);
  } else if (options.preset?.startsWith('human') === true) {
    throw new RangeError(
      `the preset ${options.preset} runs on human DealOrNoDeal data: give --data dealornodeal:train (after npx parley data fetch dealornodeal) or --data FILE (the original train.txt of facebookresearch/end-to-end-negotiator, or JSONL records from parley import dealornodeal)`,
    );
  }
  const parsed = experimentConfigSchema.safeParse(input);
  if (!parsed.success) {
    throw new RangeError(
      `invalid experiment configuration (${sources.join(', ')}):\n${z.prettifyError(parsed.error)}\nThe fields and their defaults: npx parley experiment --schema`,
    );
  }
  return { config: parsed.data, source: sources.join(', ') };
}

/** What an earlier run of the same directory recorded of each seed's data. */
function previousData(file: string): Record<string, Partial<DataSummary>> {
  if (!fs.existsSync(file)) {
    return {};
  }
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ExperimentResults>).data ?? {};
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
  data: Record<string, Partial<DataSummary>>,
): ExperimentResults {
  const sorted = [...runs].sort(
    (a, b) => a.method.localeCompare(b.method) || a.seed - b.seed || a.epoch - b.epoch,
  );
  return {
    format: 'parley-experiment/1',
    config,
    seeds,
    backend,
    data,
    runs: sorted,
    summary: summarise(sorted),
  };
}

/** The sequential run, in this process (the expert and initial policy stay in memory). */
async function runInThisProcess(
  units: {
    config: ExperimentConfig;
    seeds: number[];
    out: string;
    previous: EpochResult[];
    onResult: (result: EpochResult) => void;
    onUnitFinished: () => void;
    onData: (seed: number, summary: Partial<DataSummary>) => void;
    log: (message: string) => void;
  },
  records: readonly DialogueRecord[] | undefined,
): Promise<void> {
  const { initTensorflow } = await import('../../learning/tensorflowBackend');
  const { runExperiment } = await import('../../experiments/runExperiment');
  const { savePolicyFile } = await import('../../learning/checkpointFile');
  const { tf } = await initTensorflow();
  const { out } = units;
  await runExperiment({
    tf,
    config: units.config,
    seeds: units.seeds,
    previous: units.previous,
    ...(records === undefined ? {} : { records }),
    onResult: units.onResult,
    onRunFinished: units.onUnitFinished,
    saveCheckpoint: (seed, name, policy) =>
      savePolicyFile(checkpointFile(out, seed, name), policy, {
        createdAt: new Date().toISOString(),
        role: name,
        seed,
      }),
    log: units.log,
    onData: units.onData,
  });
}

/** --distributed: not with --parallel (the workers are the parallelism). */
function checkDistributed(parallel: number | undefined): void {
  if (parallel !== undefined) {
    failUsage(
      `--parallel ${parallel} and --distributed do not go together: with --distributed the units run on every \`parley worker\` on the database (start more workers for more at once)`,
    );
  }
}

/** --parallel N: a whole number of processes ≥ 1, or undefined (in this process). */
function parallelOption(options: ExperimentCliOptions): number | undefined {
  if (options.parallel === undefined) {
    return undefined;
  }
  const parallel = Number(options.parallel);
  if (!Number.isInteger(parallel) || parallel < 1 || parallel > maxParallel) {
    failUsage(
      `--parallel must be a whole number of processes from 1 to ${maxParallel}, not ${options.parallel}`,
    );
  }
  return parallel;
}

const maxParallel = 64;
