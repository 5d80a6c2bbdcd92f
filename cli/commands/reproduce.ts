import fs from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { failCommand } from '../cliRuntime';
import { failUsage } from '../usageError';
import { readJsonOption } from '../jsonFile';
import { tdaStudyNames, type TdaStudyName } from '../reproduce/tdaStudies';
import type { RlBaseline } from '../reproduce/astraRlBaseline';

/** Dialogues per cell: --quick (a few minutes here) and the full default. */
export const quickDialogues = 300;
export const fullDialogues = 1000;

/**
 * Loads the RL baselines' policies (one per domain) and plays them; each domain must be one the
 * run covers, and no domain may have two.
 */
async function rlBaselinesOf(
  files: readonly string[],
  domains: readonly string[],
  options: { dialogues: number; seed: string; seeds: number; progress: (line: string) => void },
): Promise<RlBaseline[]> {
  if (files.length === 0) {
    return [];
  }
  const { initTensorflow } = await import('../../learning/tensorflowBackend');
  const { loadPolicyFile } = await import('../../learning/checkpointFile');
  const { playRlBaseline } = await import('../reproduce/astraRlBaseline');
  const { tf } = await initTensorflow();
  const baselines: RlBaseline[] = [];
  for (const file of files) {
    const { policy } = loadPolicyFile(tf, file);
    const domain = policy.shapes.domain.id;
    if (!domains.includes(domain)) {
      failUsage(
        `--rl-policy: ${file} plays ${domain}, and this run covers ${domains.join(', ')}; add --domain ${domain} or drop --domain.`,
      );
    }
    const twin = baselines.find((b) => b.domain === domain);
    if (twin !== undefined) {
      failUsage(
        `--rl-policy: ${twin.source} and ${file} both play ${domain}; give one per domain.`,
      );
    }
    baselines.push(await playRlBaseline({ policy, source: file, ...options }));
  }
  return baselines;
}

export function registerReproduceCommand(program: Command): void {
  const reproduce = program
    .command('reproduce')
    .description('Reproduce a paper’s tables with Parley and write report.md and results.json.');

  reproduce
    .command('astra')
    .description(
      'ASTRA (Kwon et al. 2025): Table 1 (with vs without ASTRA per partner persona, Welch t-test) and Table 3 (α/β settings), in CaSiNo and DealOrNoDeal, beside the published numbers.',
    )
    .option('--quick', `${quickDialogues} dialogues per cell (a few minutes)`)
    .option(
      '--dialogues <n>',
      `dialogues per cell (default ${fullDialogues}; overrides --quick)`,
      positiveInteger,
    )
    .option('--seed <seed>', 'seed for contexts and partners', '1')
    .option(
      '--seeds <n>',
      'seeds per cell: seed, seed+1, … pooled (resumable per seed)',
      positiveInteger,
      1,
    )
    .option('--domain <id>', 'casino or dealornodeal (default: both)')
    .option('--no-table3', 'skip the α/β ablation')
    .option('--no-readings', 'skip the paper’s readings of ASTRA’s rules')
    .option(
      '--rl-policy <checkpoints...>',
      'the RL baseline of Table 1: policy checkpoints, one per domain (e.g. an experiment’s RL Alice), each played against the same partners in its domain',
    )
    .option('--out <dir>', 'output directory', 'runs/reproduce/astra')
    .action(
      async (options: {
        quick?: boolean;
        dialogues?: number;
        seed: string;
        seeds: number;
        domain?: string;
        table3: boolean;
        readings: boolean;
        rlPolicy?: string[];
        out: string;
      }) => {
        const { isDomainId, domainIds } = await import('../../shared/domain/domains');
        if (options.domain !== undefined && !isDomainId(options.domain)) {
          failUsage(`--domain must be one of ${domainIds.join(', ')}; got "${options.domain}".`);
        }
        for (const file of options.rlPolicy ?? []) {
          if (!fs.existsSync(file)) {
            failUsage(`--rl-policy: no file ${file}`);
          }
        }
        const { writeAstraReport } = await import('../reproduce/writeAstraReport');
        try {
          const started = Date.now();
          const domains =
            options.domain === undefined ? (['casino', 'dealornodeal'] as const) : [options.domain];
          const dialogues =
            options.dialogues ?? (options.quick === true ? quickDialogues : fullDialogues);
          const progress = (line: string) => process.stderr.write(`${line}\n`);
          const rlBaselines = await rlBaselinesOf(options.rlPolicy ?? [], domains, {
            dialogues,
            seed: options.seed,
            seeds: options.seeds,
            progress,
          });
          const written = writeAstraReport({
            out: options.out,
            dialogues,
            seed: options.seed,
            seeds: options.seeds,
            domains,
            table3: options.table3,
            readings: options.readings,
            rlBaselines,
            progress,
          });
          process.stderr.write(
            `reproduce astra: done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
          );
          console.log(written.join('\n'));
        } catch (error) {
          failCommand(error);
        }
      },
    );

  reproduce
    .command('tda')
    .description(
      'Targeted data acquisition (Kwon et al. 2021) on human DealOrNoDeal: Fig. 2 and 3, the alternative metrics, §7.1–7.4, each beside the published claims, with a verdict per claim.',
    )
    .option('--quick', 'small sizes: 2 epochs of N = 128, k = 16, 3 seeds (minutes)')
    .option('--seeds <n>', 'seeds per study (default: 3 quick, 5 full)', positiveInteger)
    .option('--data <data>', 'D_H: dealornodeal:train or a file', 'dealornodeal:train')
    .option(
      '--parallel <n>',
      'unit processes per study (parley experiment --parallel)',
      positiveInteger,
    )
    .option('--study <names>', `only these studies (comma-separated): ${tdaStudyNames.join(', ')}`)
    .option(
      '--config <file>',
      'JSON laid over every study’s configuration (as parley experiment --config), e.g. other sizes',
    )
    .option('--report-only', 'run nothing: redraw the report from the studies already in --out')
    .option('--out <dir>', 'output directory', 'runs/reproduce/tda')
    .action(
      async (options: {
        quick?: boolean;
        seeds?: number;
        data: string;
        parallel?: number;
        study?: string;
        config?: string;
        reportOnly?: boolean;
        out: string;
      }) => {
        const only = options.study?.split(',').map((s) => s.trim());
        const unknown = only?.filter((s) => !tdaStudyNames.includes(s as TdaStudyName)) ?? [];
        if (unknown.length > 0) {
          failUsage(
            `--study names ${unknown.map((s) => `"${s}"`).join(', ')} are not studies; choose from ${tdaStudyNames.join(', ')}.`,
          );
        }
        try {
          if (options.reportOnly !== true) {
            // Fail before any study starts when the data is not there (it says how to get it).
            const { resolveDataArgument } = await import('../data/dataArgument');
            const { commandConfig } = await import('../cliRuntime');
            const file = resolveDataArgument(options.data, commandConfig().datasetsDir);
            if (!fs.existsSync(file)) {
              throw new RangeError(`--data ${options.data}: no such file`);
            }
          }
          const overrides =
            options.config === undefined ? undefined : readJsonOption('--config', options.config);
          const { writeTdaReport } = await import('../reproduce/writeTdaReport');
          const started = Date.now();
          const written = await writeTdaReport({
            out: options.out,
            mode: options.quick === true ? 'quick' : 'full',
            ...(options.seeds === undefined ? {} : { seeds: options.seeds }),
            data: options.data,
            ...(options.parallel === undefined ? {} : { parallel: options.parallel }),
            ...(only === undefined ? {} : { only: only as TdaStudyName[] }),
            ...(overrides === undefined ? {} : { overrides }),
            reportOnly: options.reportOnly === true,
            // What produced the numbers: a redraw (--report-only) changes none of them.
            command: [
              'parley reproduce tda',
              ...process.argv.slice(4).filter((a) => a !== '--report-only'),
            ].join(' '),
            progress: (line) => process.stderr.write(`${line}\n`),
          });
          process.stderr.write(
            `reproduce tda: done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
          );
          console.log(written.join('\n'));
        } catch (error) {
          failCommand(error);
        }
      },
    );
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError('expected a whole number ≥ 1');
  }
  return n;
}
