import fs from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { commandConfig, failCommand } from '../cliRuntime';
import { resolveDataArgument } from '../data/dataArgument';
import { failUsage } from '../usageError';

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    throw new InvalidArgumentError(`expected a number > 0, got "${value}".`);
  }
  return n;
}

/**
 * `parley selfplay CHECKPOINT --data FILE`: a policy against itself on the contexts people
 * negotiated in FILE, beside how the people did (e.g. an experiment's expert on the human test
 * split: issue 13's check of the expert).
 */
export function registerSelfplayCommand(program: Command): void {
  program
    .command('selfplay')
    .description(
      'Play a policy checkpoint against itself on the contexts of a dialogue file (DealOrNoDeal lines or JSONL records) and print its agreement, Pareto rate, scores and length beside the people’s in that file.',
    )
    .argument('<checkpoint>', 'a policy checkpoint (e.g. runs/NAME/checkpoints/seed-1/expert.ckpt)')
    .requiredOption(
      '--data <file>',
      'the dialogues whose contexts to play: a path or dealornodeal:test (val, train)',
    )
    .option('--temperature <t>', 'sampling temperature', positiveNumber, 0.5)
    .option('--seed <seed>', 'seed of the sampling', '1')
    .option('--json', 'print JSON')
    .action(
      async (
        checkpoint: string,
        options: { data: string; temperature: number; seed: string; json?: boolean },
      ) => {
        if (!fs.existsSync(checkpoint)) {
          failUsage(`no checkpoint ${checkpoint}`);
        }
        try {
          const file = resolveDataArgument(options.data, commandConfig().datasetsDir);
          const { selfplayReport, selfplayTable } = await import('../selfplay/selfplayReport');
          const report = await selfplayReport({
            checkpoint,
            file,
            temperature: options.temperature,
            seed: options.seed,
            log: (line) => process.stderr.write(`${line}\n`),
          });
          console.log(
            options.json === true ? JSON.stringify(report, null, 2) : selfplayTable(report),
          );
        } catch (error) {
          failCommand(error);
        }
      },
    );
}
