import type { Command } from 'commander';
import { formatRecordLine } from '../../shared/corpus/recordLines';
import { exportQuerySchema, importQuerySchema } from '../../shared/protocol/datasets';
import { exportRecords, importLines, listDatasets } from '../../server/datasets/datasetService';
import { openLineWriter, readLines } from '../lineFiles';
import { withPlatformDatabase } from '../platformDatabase';

/**
 * `parley datasets list | export | import`: the REST datasets routes for the operator's shell,
 * straight against the platform's database (MONGODB_URI; `parley db` prints the embedded one).
 */
export function registerDatasetsCommand(program: Command): void {
  const datasets = program
    .command('datasets')
    .description('List, export (JSONL) and import datasets of dialogue records in the database.');

  datasets
    .command('list')
    .description('Each dataset with its corpus stats (all and D_L), as JSON.')
    .action(() =>
      withPlatformDatabase('datasets', async (connection) => {
        console.log(JSON.stringify(await listDatasets(connection), null, 2));
      }),
    );

  datasets
    .command('export')
    .description('Write dialogue records as JSONL (annotations with provenance.review).')
    .option('--dataset <name>', 'an import label or source:<source>')
    .option('--round <id>', 'a round id')
    .option('--source <source>', 'synthetic, import, selfplay or annotation')
    .option('--domain <domain>', 'a domain id')
    .option('--review <status>', 'pending, accepted, soft-rejected or rejected')
    .option('--from <date>', 'stored at or after (ISO date or date-time)')
    .option('--to <date>', 'stored before (ISO date or date-time)')
    .option('-o, --out <file>', 'output file (default: stdout)')
    .action((options: Record<string, string | undefined>) =>
      withPlatformDatabase('datasets', async (connection) => {
        const { out, ...filters } = options;
        const query = exportQuerySchema.parse(filters);
        const writer = openLineWriter(out);
        let count = 0;
        for await (const { record } of exportRecords(connection, query)) {
          await writer.write(formatRecordLine(record));
          count++;
        }
        await writer.close();
        console.error(`exported ${count} records`);
      }),
    );

  datasets
    .command('import <file>')
    .description(
      'Import a JSONL file (- for stdin) under a dataset label; idempotent by record id.',
    )
    .requiredOption('--dataset <name>', 'the dataset label')
    .action((file: string, options: { dataset: string }) =>
      withPlatformDatabase('datasets', async (connection) => {
        const { dataset } = importQuerySchema.parse(options);
        const report = await importLines(connection, dataset, readLines(file));
        console.log(JSON.stringify(report, null, 2));
        if (report.invalid > 0) {
          process.exitCode = 1;
        }
      }),
    );
}
