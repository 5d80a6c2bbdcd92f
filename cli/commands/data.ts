import { InvalidArgumentError, type Command } from 'commander';
import {
  dealOrNoDealBaseUrl,
  dealOrNoDealSource,
  dealOrNoDealSplits,
  type DealOrNoDealSplit,
} from '../data/dealOrNoDealSource';
import { dealOrNoDealDir } from '../data/dataArgument';
import { fetchCorpusFiles, type CorpusOrigin, type FetchedFile } from '../data/fetchCorpusFiles';
import { commandConfig, failCommand } from '../cliRuntime';

interface FetchOptions {
  from?: string;
  url: string;
  splits: DealOrNoDealSplit[];
  allowModified?: boolean;
  json?: boolean;
}

function parseSplits(value: string): DealOrNoDealSplit[] {
  const asked = value.split(',').map((s) => s.trim());
  const splits = asked.filter((s): s is DealOrNoDealSplit =>
    dealOrNoDealSplits.some((known) => known === s),
  );
  if (splits.length !== asked.length || splits.length === 0) {
    throw new InvalidArgumentError(
      `give a comma-separated list of ${dealOrNoDealSplits.join(', ')}.`,
    );
  }
  return splits;
}

export function registerDataCommand(program: Command): void {
  const data = program.command('data').description('Outside corpora Parley learns from.');
  data
    .command('fetch')
    .argument('<corpus>', 'the corpus: dealornodeal')
    .description(
      `Download the human DealOrNoDeal splits (${dealOrNoDealSource.repository}, ${dealOrNoDealSource.directory}, licence ${dealOrNoDealSource.licence}) into PARLEY_DATASETS_DIR, checking each file against its git blob id. Afterwards --data dealornodeal:train (val, test) names them.`,
    )
    .option('--from <dir>', 'take the files from this folder instead of downloading them')
    .option('--url <base>', 'download from this address instead (a mirror)', dealOrNoDealBaseUrl)
    .option('--splits <list>', 'which splits', parseSplits, [...dealOrNoDealSplits])
    .option('--allow-modified', 'keep files that differ from the pinned ones (marked unverified)')
    .option('--json', 'print what was fetched as JSON')
    .action(async (corpus: string, options: FetchOptions) => {
      if (corpus !== dealOrNoDealSource.name) {
        failCommand(
          new RangeError(`unknown corpus "${corpus}"; the corpus Parley can fetch is dealornodeal`),
        );
      }
      const config = commandConfig();
      const origin: CorpusOrigin =
        options.from === undefined
          ? { kind: 'url', base: options.url }
          : { kind: 'dir', dir: options.from };
      const destination = dealOrNoDealDir(config.datasetsDir);
      const progress = createProgress();
      let fetched: FetchedFile[];
      try {
        fetched = await fetchCorpusFiles({
          files: dealOrNoDealSource.files.filter((f) => options.splits.includes(f.split)),
          origin,
          destination,
          allowModified: options.allowModified === true,
          onProgress: progress,
          about: {
            corpus: dealOrNoDealSource.name,
            source: `${dealOrNoDealSource.repository}@${dealOrNoDealSource.commit}/${dealOrNoDealSource.directory}`,
            licence: dealOrNoDealSource.licence,
          },
        });
      } catch (error) {
        progress.end();
        failCommand(error);
      }
      progress.end();
      if (options.json === true) {
        console.log(JSON.stringify({ destination, files: fetched }, null, 2));
        return;
      }
      for (const f of fetched) {
        const state = f.alreadyPresent
          ? 'already there, verified'
          : f.verified
            ? 'verified'
            : 'NOT the pinned file (kept with --allow-modified)';
        console.log(
          `${f.split.padEnd(5)}  ${String(f.lines).padStart(6)} lines  ${String(f.bytes).padStart(8)} bytes  ${state}  → ${f.path}`,
        );
      }
      console.log(
        `Use it as --data dealornodeal:${fetched[0]?.split ?? 'train'}. Licence: ${dealOrNoDealSource.licence}.`,
      );
    });
}

/** Progress on stderr: a line rewritten in place on a terminal, nothing when piped. */
function createProgress(): ((file: string, received: number, total: number | null) => void) & {
  end(): void;
} {
  let shown = false;
  const mb = (n: number) => (n / 1_048_576).toFixed(1);
  const report = (file: string, received: number, total: number | null) => {
    if (process.stderr.isTTY !== true) {
      return;
    }
    shown = true;
    const of = total === null ? '' : ` of ${mb(total)}`;
    process.stderr.write(`\r${file}: ${mb(received)}${of} MB   `);
  };
  return Object.assign(report, {
    end() {
      if (shown) {
        process.stderr.write('\n');
      }
    },
  });
}
