import readline from 'node:readline';
import { InvalidArgumentError, type Command } from 'commander';
import { failCommand } from '../cliRuntime';

export function registerAstraCommand(program: Command): void {
  const astra = program.command('astra').description('ASTRA offer suggestions and tournaments.');

  astra
    .command('suggest')
    .description(
      'Read JSON lines {domain, counts, utilities, history, options?} on stdin; write one JSON line of ASTRA\'s suggestion (or {"error"}) per input line.',
    )
    .action(async () => {
      // Loaded here only: ASTRA (and its LP solver) is needed by these commands alone.
      const { suggestLine } = await import('../astra/suggestLine');
      const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
      let lineNumber = 0;
      for await (const line of lines) {
        lineNumber++;
        if (line.trim() === '') {
          continue;
        }
        process.stdout.write(`${JSON.stringify(suggestLine(line, lineNumber))}\n`);
      }
    });

  astra
    .command('tournament')
    .description(
      'Play ASTRA against each opponent (and itself); print agreement %, mean scores on agreements, walk-away % and Pareto % per pair.',
    )
    .requiredOption('--domain <id>', 'dealornodeal or casino')
    .option('--dialogues <n>', 'dialogues per pair', positiveInteger, 100)
    .option('--seed <seed>', 'seed for contexts and negotiators', '1')
    .option('--json', 'print the rows as JSON')
    .action(
      async (options: { domain: string; dialogues: number; seed: string; json?: boolean }) => {
        const { getDomain } = await import('../../shared/domain/domains');
        const { runTournament } = await import('../../shared/astra/tournament');
        const { astraEntrant, tournamentOpponents } =
          await import('../../shared/astra/tournamentOpponents');
        const { formatTable } = await import('../astra/tournamentTable');
        try {
          const domain = getDomain(options.domain);
          const rows = runTournament({
            domain,
            agent: astraEntrant,
            opponents: tournamentOpponents,
            dialogues: options.dialogues,
            seed: options.seed,
          });
          console.log(
            options.json === true ? JSON.stringify(rows, null, 2) : formatTable(domain.name, rows),
          );
        } catch (error) {
          failCommand(error);
        }
      },
    );
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError('expected a positive integer');
  }
  return n;
}
