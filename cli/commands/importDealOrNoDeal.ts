import path from 'node:path';
import type { Command } from 'commander';
import { formatRecordLine } from '../../shared/corpus/recordLines';
import {
  createDealOrNoDealImporter,
  type ImportReport,
} from '../../shared/import/dealOrNoDeal/importDealOrNoDeal';
import { commandConfig, failCommand } from '../cliRuntime';
import { resolveDataArgument } from '../data/dataArgument';
import { openLineWriter, readLines, type LineWriter } from '../lineFiles';

export function registerImportCommand(program: Command): void {
  const importCommand = program
    .command('import')
    .description('Import outside dialogue data as dialogue records.');
  importCommand
    .command('dealornodeal <file>')
    .summary('import a DealOrNoDeal file, or dealornodeal:train|val|test once fetched')
    .description(
      'Import the original DealOrNoDeal format (one line per side; the two sides become one dialogue), ' +
        'parsing utterances into coarse acts. Reports what it read; malformed lines are listed, not fatal.',
    )
    .option('--out <file>', 'write the dialogue records (JSONL) here; without it, only report')
    .option('--json', 'print the report as JSON')
    .action(async (argument: string, options: { out?: string; json?: boolean }) => {
      let file = argument;
      try {
        file = resolveDataArgument(argument, commandConfig().datasetsDir);
      } catch (error) {
        failCommand(error);
      }
      const importer = createDealOrNoDealImporter(path.basename(file));
      let out: LineWriter | null = null;
      try {
        out = options.out === undefined ? null : openLineWriter(options.out);
        let lineNumber = 0;
        for await (const line of readLines(file)) {
          lineNumber++;
          for (const record of importer.add(line, lineNumber)) {
            await out?.write(formatRecordLine(record));
          }
        }
        for (const record of importer.finish()) {
          await out?.write(formatRecordLine(record));
        }
        await out?.close();
      } catch (error) {
        failCommand(error);
      }
      const report = importer.report();
      console.log(
        options.json === true
          ? JSON.stringify(report, null, 2)
          : reportText(file, report, options.out),
      );
    });
}

function reportText(file: string, r: ImportReport, out: string | undefined): string {
  const share = (n: number, of: number) => (of === 0 ? '–' : `${((100 * n) / of).toFixed(1)} %`);
  const lines = [
    `${file}: ${r.lines} lines → ${r.dialogues} dialogues (${r.unpairedLines} lines without their other side)`,
    `turns: ${r.turns}, parsed ${r.parsedTurns} (${share(r.parsedTurns, r.turns)}; ${r.questionTurns} questions and ${r.greetingTurns} greetings among them), unknown ${r.unknownTurns}`,
    `deals: ${r.deals}, no deals: ${r.noDeals}`,
    `rejected lines: ${r.rejectedLines}`,
    ...r.rejections.slice(0, 20).map((x) => `  line ${x.line}: ${x.reason}`),
    ...(r.rejections.length > 20 ? [`  … and ${r.rejections.length - 20} more (see --json)`] : []),
    out === undefined ? '(no --out: records not written)' : `records written to ${out}`,
  ];
  return lines.join('\n');
}
