import fs from 'node:fs';
import path from 'node:path';
import { layerConfig } from '../../experiments/configLayers';
import type { ExperimentConfigInput } from '../../experiments/experimentConfig';
import type { ExperimentResults } from '../../experiments/experimentResults';
import { writeFileAtomic } from '../../learning/atomicFile';
import { writeReportFiles } from './reportFiles';
import { tdaFigures } from './tdaFigures';
import { buildTdaReport, renderTdaMarkdown } from './tdaReport';
import { runStudy } from './tdaRun';
import { fullSweep, quickSweep, tdaStudies, type TdaMode, type TdaStudyName } from './tdaStudies';

/**
 * Runs the TDA reproduction's studies one after the other (each resumable on its own) and writes
 * OUT/report.md, OUT/results.json and the SVG figures, each atomically. With `reportOnly`, no
 * study runs: the report is drawn from the studies' results already in OUT/studies/.
 * Returns the written paths.
 */
export async function writeTdaReport(options: {
  out: string;
  mode: TdaMode;
  seeds?: number;
  /** The data argument given to `parley experiment --data` (`dealornodeal:train` or a path). */
  data: string;
  only?: readonly TdaStudyName[];
  /** Unit processes per study (`parley experiment --parallel`). */
  parallel?: number;
  /** Laid over every study's configuration (e.g. other sizes), as `parley experiment --config`. */
  overrides?: unknown;
  reportOnly: boolean;
  command: string;
  progress: (line: string) => void;
}): Promise<string[]> {
  const plan = tdaStudies(options.mode, options.seeds)
    .filter((s) => options.only === undefined || options.only.includes(s.name))
    .map((s) =>
      options.overrides === undefined
        ? s
        : { ...s, config: layerConfig(s.config, options.overrides) as ExperimentConfigInput },
    );
  const sweep = options.mode === 'quick' ? quickSweep : fullSweep;
  const studies: Partial<Record<TdaStudyName, ExperimentResults>> = {};
  for (const study of plan) {
    if (options.reportOnly) {
      const file = path.join(options.out, 'studies', study.name, 'results.json');
      if (fs.existsSync(file)) {
        studies[study.name] = JSON.parse(fs.readFileSync(file, 'utf8')) as ExperimentResults;
      } else {
        options.progress(`[${study.name}] no results in ${file}: left out of the report`);
      }
      continue;
    }
    studies[study.name] = await runStudy({
      study,
      out: options.out,
      data: options.data,
      ...(options.parallel === undefined ? {} : { parallel: options.parallel }),
      progress: options.progress,
    });
  }
  if (Object.keys(studies).length === 0) {
    throw new RangeError(
      `no study has results in ${path.join(options.out, 'studies')}: run without --report-only first`,
    );
  }
  const report = buildTdaReport({
    mode: options.mode,
    data: options.data,
    sweep,
    plan,
    studies,
  });
  const figures = tdaFigures(studies, sweep);
  const written = writeReportFiles(options.out, figures);
  const results = path.join(options.out, 'results.json');
  const summaries = Object.fromEntries(
    Object.entries(studies).map(([name, r]) => [
      name,
      { config: r.config, seeds: r.seeds, backend: r.backend, data: r.data, summary: r.summary },
    ]),
  );
  writeFileAtomic(results, `${JSON.stringify({ ...report, studies: summaries }, null, 1)}\n`);
  const markdown = path.join(options.out, 'report.md');
  writeFileAtomic(
    markdown,
    renderTdaMarkdown(report, studies, Object.keys(figures), options.command),
  );
  return [markdown, results, ...written];
}
