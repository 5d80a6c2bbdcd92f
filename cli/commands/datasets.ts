import type { Command } from 'commander';
import { formatRecordLine } from '../../shared/corpus/recordLines';
import { datasetLabelRule, datasetLabelSchema } from '../../shared/protocol/datasets';
import { parseExportFilters } from '../../shared/protocol/exportFilters';
import { exportRecords, importLines, listDatasets } from '../../platform/datasets/datasetService';
import { claimDataset, everyRecord } from '../../platform/datasets/recordScope';
import { userModel } from '../../platform/users/userModel';
import { failUsage } from '../usageError';
import { openLineWriter, readLines } from '../lineFiles';
import { withPlatformDatabase } from '../platformDatabase';

/**
 * `parley datasets list | export | import`: the REST datasets routes for the operator's shell,
 * straight against the platform's database (MONGODB_URI; `parley db` prints the embedded one).
 * The operator holds the database, so these see every dataset, like an admin.
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
        console.log(JSON.stringify(await listDatasets(connection, everyRecord), null, 2));
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
    .action((options: Record<string, string | undefined>) => {
      const { out, ...filters } = options;
      const parsed = parseExportFilters(filters, (filter) => `--${filter}`);
      if (!parsed.ok) {
        failUsage(parsed.message);
      }
      return withPlatformDatabase('datasets', async (connection) => {
        const writer = openLineWriter(out);
        let count = 0;
        for await (const { record } of exportRecords(connection, parsed.query, everyRecord)) {
          await writer.write(formatRecordLine(record));
          count++;
        }
        await writer.close();
        console.error(`exported ${count} records`);
      });
    });

  datasets
    .command('import <file>')
    .description(
      'Import a JSONL file (- for stdin) under a dataset label; idempotent by record id.',
    )
    .requiredOption('--dataset <name>', 'the dataset label')
    .option(
      '--owner <username>',
      'who owns a new label (default: no one; only admins see it on the web)',
    )
    .action((file: string, options: { dataset: string; owner?: string }) => {
      const label = datasetLabelSchema.safeParse(options.dataset);
      if (!label.success) {
        failUsage(
          `--dataset "${options.dataset}" is not a dataset label; use ${datasetLabelRule}.`,
        );
      }
      return withPlatformDatabase('datasets', async (connection) => {
        const owner = await ownerId(options.owner, (username) =>
          userModel(connection).findOne({ username }, { _id: 1 }).lean().exec(),
        );
        const dataset = await claimDataset(connection, null, label.data, owner);
        if (owner !== null && dataset.owner !== owner) {
          failUsage(
            `--owner: dataset "${label.data}" already exists and is not ${options.owner ?? ''}'s; ` +
              'drop --owner to add to it, or choose a new label.',
          );
        }
        const report = await importLines(connection, label.data, readLines(file));
        console.log(JSON.stringify(report, null, 2));
        if (report.invalid > 0) {
          process.exitCode = 1;
        }
      });
    });
}

async function ownerId(
  username: string | undefined,
  find: (username: string) => Promise<{ _id: { toHexString(): string } } | null>,
): Promise<string | null> {
  if (username === undefined) {
    return null;
  }
  const user = await find(username);
  if (user === null) {
    failUsage(`--owner: no user "${username}"; \`parley users list\` shows them.`);
  }
  return user._id.toHexString();
}
