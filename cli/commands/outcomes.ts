import type { Command } from 'commander';
import { answerScoringLine } from '../../shared/domain/scoringQuery';
import { openLineWriter, readLines } from '../lineFiles';

export function registerOutcomesCommand(program: Command): void {
  program
    .command('outcomes')
    .description(
      'Score deals: JSON lines on stdin ({domain, counts, utilities, allocation}), one JSON line ' +
        'out per line in ({scores, paretoOptimal, maxJoint, frontier} or {error}). See docs/formats.md.',
    )
    .action(async () => {
      const out = openLineWriter(undefined);
      for await (const line of readLines('-')) {
        // Every line in gets a line out, so that answers stay aligned with questions.
        const reply = line.trim() === '' ? { error: 'empty line' } : answerScoringLine(line);
        await out.write(JSON.stringify(reply));
      }
      await out.close();
    });
}
