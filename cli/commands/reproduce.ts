import { InvalidArgumentError, type Command } from 'commander';
import { failCommand } from '../cliRuntime';
import { failUsage } from '../usageError';

/** Dialogues per cell: --quick (a few minutes here) and the full default. */
export const quickDialogues = 300;
export const fullDialogues = 1000;

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
    .option('--out <dir>', 'output directory', 'runs/reproduce/astra')
    .action(
      async (options: {
        quick?: boolean;
        dialogues?: number;
        seed: string;
        seeds: number;
        domain?: string;
        table3: boolean;
        out: string;
      }) => {
        const { isDomainId, domainIds } = await import('../../shared/domain/domains');
        if (options.domain !== undefined && !isDomainId(options.domain)) {
          failUsage(`--domain must be one of ${domainIds.join(', ')}; got "${options.domain}".`);
        }
        const { writeAstraReport } = await import('../reproduce/writeAstraReport');
        try {
          const started = Date.now();
          const written = writeAstraReport({
            out: options.out,
            dialogues:
              options.dialogues ?? (options.quick === true ? quickDialogues : fullDialogues),
            seed: options.seed,
            seeds: options.seeds,
            domains: options.domain === undefined ? ['casino', 'dealornodeal'] : [options.domain],
            table3: options.table3,
            progress: (line) => process.stderr.write(`${line}\n`),
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
    .description('Not built yet (issue 20): the TDA half of the reproduction.')
    .action(() => {
      failCommand(
        new Error('parley reproduce tda is not built yet (issue 20); see docs/reproduction.md.'),
      );
    });
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError('expected a whole number ≥ 1');
  }
  return n;
}
