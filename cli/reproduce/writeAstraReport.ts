import fs from 'node:fs';
import path from 'node:path';
import type { DomainId } from '../../shared/domain/types';
import { buildAstraReport, renderFigures, renderMarkdown, type AstraReport } from './astraReport';
import type { DialogueResult } from './astraRun';
import { writeFileAtomic } from '../../learning/atomicFile';
import { writeReportFiles } from './reportFiles';
import type { RlBaseline } from './astraRlBaseline';

/** results.json stores each dialogue as a tuple of these fields (1/0 for the flags). */
export const dialogueFields = ['agent', 'partner', 'agreed', 'walkedAway'] as const;

function compactDialogues(_key: string, value: unknown): unknown {
  if (
    Array.isArray(value) &&
    value.every((d) => typeof d === 'object' && d !== null && 'walkedAway' in d)
  ) {
    return (value as DialogueResult[]).map((d) => [
      d.agent,
      d.partner,
      d.agreed ? 1 : 0,
      d.walkedAway ? 1 : 0,
    ]);
  }
  return value;
}

/**
 * Runs the ASTRA reproduction and writes OUT/report.md, OUT/results.json and the SVG figures
 * (each atomically). Finished cells are kept in OUT/cells/, so a rerun with the same sizes and
 * seed resumes where an interrupted one stopped. Returns the written paths.
 */
export function writeAstraReport(options: {
  out: string;
  dialogues: number;
  seed: string;
  seeds: number;
  domains: readonly DomainId[];
  table3: boolean;
  readings?: boolean;
  rlBaselines?: readonly RlBaseline[];
  progress: (line: string) => void;
}): string[] {
  const cells = path.join(options.out, 'cells');
  const report: AstraReport = buildAstraReport({
    domains: options.domains,
    dialogues: options.dialogues,
    seed: options.seed,
    seeds: options.seeds,
    table3: options.table3,
    ...(options.readings === undefined ? {} : { readings: options.readings }),
    ...(options.rlBaselines === undefined ? {} : { rlBaselines: options.rlBaselines }),
    progress: options.progress,
    cache: {
      get(key) {
        const file = path.join(cells, `${key}.json`);
        return fs.existsSync(file)
          ? (JSON.parse(fs.readFileSync(file, 'utf8')) as DialogueResult[])
          : undefined;
      },
      set(key, results) {
        writeFileAtomic(path.join(cells, `${key}.json`), JSON.stringify(results));
      },
    },
  });
  const figures = renderFigures(report);
  const written = writeReportFiles(options.out, figures);
  const results = path.join(options.out, 'results.json');
  writeFileAtomic(results, `${JSON.stringify({ dialogueFields, ...report }, compactDialogues)}\n`);
  const markdown = path.join(options.out, 'report.md');
  writeFileAtomic(markdown, renderMarkdown(report, Object.keys(figures)));
  // The cell files only serve resuming: a finished run removes them.
  fs.rmSync(cells, { recursive: true, force: true });
  return [markdown, results, ...written];
}
