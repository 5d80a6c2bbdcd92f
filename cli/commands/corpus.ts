import { InvalidArgumentError, type Command } from 'commander';
import { createCorpusStats, type CorpusStats } from '../../shared/corpus/corpusStats';
import { generateCorpus } from '../../shared/corpus/generateCorpus';
import { defaultPopulation, parsePopulation } from '../../shared/corpus/population';
import { formatRecordLine, parseRecordLine } from '../../shared/corpus/recordLines';
import {
  defaultLowQualityRule,
  isLowQuality,
  lowQualityRules,
  type LowQualityRule,
} from '../../shared/corpus/uniqueActs';
import { getDomain } from '../../shared/domain/domains';
import { scriptedNegotiatorNames } from '../../shared/agents/scripted/catalogue';
import { failCommand } from '../cliRuntime';
import { openLineWriter, readLines } from '../lineFiles';
import { corpusStatsTable } from './corpusStatsTable';

interface GenerateOptions {
  domain: string;
  dialogues: string;
  seed: string;
  mix: string;
  out?: string;
}

function parseLowQualityRule(value: string): LowQualityRule {
  const rule = lowQualityRules.find((r) => r === value);
  if (rule === undefined) {
    throw new InvalidArgumentError(`choose one of ${lowQualityRules.join(', ')}.`);
  }
  return rule;
}

const lowQualityOption = [
  '--low-quality <rule>',
  `how D_L is read: ${lowQualityRules.join(' | ')} (act-types: at most 2 of propose, insist, agree, disagree, inquire, greet, unknown; literal: distinct acts / acts < 0.5)`,
  parseLowQualityRule,
  defaultLowQualityRule,
] as const;

export function registerCorpusCommand(program: Command): void {
  const corpus = program
    .command('corpus')
    .description('Synthetic dialogue corpora: generate, describe, filter.');

  corpus
    .command('generate')
    .description(
      'Scripted negotiators drawn from a population play sampled contexts; writes dialogue records (JSONL).',
    )
    .option('--domain <id>', 'dealornodeal or casino', 'dealornodeal')
    .requiredOption('--dialogues <n>', 'how many dialogues')
    .option('--seed <seed>', 'seed: the same seed gives the same corpus', '1')
    .option(
      '--mix <population>',
      `negotiators and weights, name:weight,… (names: ${scriptedNegotiatorNames.join(', ')})`,
      defaultPopulation,
    )
    .option('--out <file>', 'where to write (default: stdout)')
    .action(async (options: GenerateOptions) => {
      const started = performance.now();
      let written = 0;
      try {
        const dialogues = Number(options.dialogues);
        const spec = {
          domain: getDomain(options.domain),
          dialogues,
          seed: /^-?\d+$/.test(options.seed) ? Number(options.seed) : options.seed,
          population: parsePopulation(options.mix),
        };
        const out = openLineWriter(options.out);
        for (const record of generateCorpus(spec)) {
          await out.write(formatRecordLine(record));
          written++;
        }
        await out.close();
      } catch (error) {
        failCommand(error);
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      console.error(
        `wrote ${written} ${options.domain} dialogues (seed ${options.seed}) to ${options.out ?? 'stdout'} in ${seconds} s`,
      );
    });

  corpus
    .command('stats <file>')
    .description('Describe a corpus (JSONL, - for stdin) next to its low-quality subset D_L.')
    .option(...lowQualityOption)
    .option('--json', 'print JSON instead of a table')
    .action(async (file: string, options: { json?: boolean; lowQuality: LowQualityRule }) => {
      const rule = options.lowQuality;
      const invalid: { line: number; error: string }[] = [];
      let lineNumber = 0;
      const all = createCorpusStats(rule);
      const low = createCorpusStats(rule);
      try {
        for await (const line of readLines(file)) {
          lineNumber++;
          if (line.trim() === '') {
            continue;
          }
          const parsed = parseRecordLine(line);
          if (!parsed.ok) {
            invalid.push({ line: lineNumber, error: parsed.error });
            continue;
          }
          all.add(parsed.record);
          if (isLowQuality(parsed.record, rule)) {
            low.add(parsed.record);
          }
        }
      } catch (error) {
        failCommand(error);
      }
      const report: {
        file: string;
        lowQualityRule: LowQualityRule;
        all: CorpusStats;
        lowQuality: CorpusStats;
        invalidLines: number;
        invalid: typeof invalid;
      } = {
        file,
        lowQualityRule: rule,
        all: all.result(),
        lowQuality: low.result(),
        invalidLines: invalid.length,
        invalid: invalid.slice(0, 20),
      };
      console.log(
        options.json === true ? JSON.stringify(report, null, 2) : corpusStatsTable(report),
      );
    });

  corpus
    .command('filter-low <file>')
    .description('Write the low-quality subset D_L of a corpus.')
    .requiredOption('--out <file>', 'where to write the subset (- for stdout)')
    .option(...lowQualityOption)
    .action(async (file: string, options: { out: string; lowQuality: LowQualityRule }) => {
      let kept = 0;
      let read = 0;
      const rule = options.lowQuality;
      const invalid: number[] = [];
      try {
        const out = openLineWriter(options.out);
        let lineNumber = 0;
        for await (const line of readLines(file)) {
          lineNumber++;
          if (line.trim() === '') {
            continue;
          }
          const parsed = parseRecordLine(line);
          if (!parsed.ok) {
            invalid.push(lineNumber);
            continue;
          }
          read++;
          if (isLowQuality(parsed.record, rule)) {
            await out.write(line);
            kept++;
          }
        }
        await out.close();
      } catch (error) {
        failCommand(error);
      }
      console.error(`kept ${kept} of ${read} dialogues (D_L by the ${rule} rule)`);
      if (invalid.length > 0) {
        console.error(
          `skipped ${invalid.length} invalid lines: ${invalid.slice(0, 20).join(', ')}${invalid.length > 20 ? ', …' : ''}`,
        );
        process.exitCode = 1;
      }
    });
}
