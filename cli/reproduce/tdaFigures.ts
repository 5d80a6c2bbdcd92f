import type { ExperimentResults } from '../../experiments/experimentResults';
import { panelsSvg, type ChartPanel, type ChartSeries } from '../../experiments/lineChartSvg';
import { methods, rlSlName } from './tdaClaims';
import {
  expertLevel,
  fig2Measures,
  finalEpoch,
  measureEstimate,
  measureLabels,
  type Measure,
  type Who,
} from './tdaMeasures';
import type { TdaStudyName } from './tdaStudies';

const scale = (measure: Measure) => (measureLabels[measure].percent ? 100 : 1);

/** One line per method over the epochs, mean and 95 % band over seeds. */
function epochSeries(
  results: ExperimentResults,
  who: Who,
  measure: Measure,
  method: string,
  name = method,
): ChartSeries {
  const epochs = [...new Set(results.runs.map((r) => r.epoch))].sort((a, b) => a - b);
  return {
    name,
    points: epochs.map((epoch) => {
      const value = measureEstimate(results, who, measure, { method, epoch });
      return {
        x: epoch,
        y: value === null ? null : value.mean * scale(measure),
        error: value?.ci95 === null || value === null ? null : value.ci95 * scale(measure),
      };
    }),
  };
}

function epochPanel(
  results: ExperimentResults,
  who: Who,
  measure: Measure,
  methodNames: readonly string[],
  extra: readonly ChartSeries[] = [],
): ChartPanel {
  return {
    title: `${who === 'alice' ? 'Alice' : 'Bob'}: ${measureLabels[measure].label}`,
    xLabel: 'epoch',
    yLabel: measureLabels[measure].label,
    errors: 'band',
    series: [
      ...methodNames
        .filter((m) => results.runs.some((r) => r.method === m))
        .map((m) => epochSeries(results, who, measure, m)),
      ...extra,
    ],
  };
}

/** The expert against itself (the mean over seeds), as a flat dashed line over the epochs. */
function expertReference(results: ExperimentResults, measure: Measure): ChartSeries[] {
  if (measure === 'annotatedOracleShare') {
    return [];
  }
  const level = expertLevel(results, measure);
  if (level === null) {
    return [];
  }
  return [
    {
      name: 'expert (self-play)',
      reference: true,
      points: [0, finalEpoch(results)].map((x) => ({ x, y: level.mean * scale(measure) })),
    },
  ];
}

/** The report's figures, by file name. A figure whose study did not run is left out. */
export function tdaFigures(
  studies: Partial<Record<TdaStudyName, ExperimentResults>>,
  sweep: readonly number[],
): Record<string, string> {
  const figures: Record<string, string> = {};
  const main = studies.main;
  if (main !== undefined) {
    const all = Object.values(methods);
    figures['fig2-alice.svg'] = panelsSvg(
      fig2Measures.map((m) => epochPanel(main, 'alice', m, all)),
      3,
    );
    const tdas = [methods.tda2, methods.tda1];
    const bobPanels = (['advantage', 'paretoOptimalRate', 'agreementRate'] as const).map((m) =>
      epochPanel(main, 'bob', m, tdas, [
        { ...epochSeries(main, 'bob', m, methods.sl, 'Bob unchanged (SL)'), reference: true },
        ...expertReference(main, m),
      ]),
    );
    const share = epochPanel(main, 'bob', 'annotatedOracleShare', tdas);
    figures['fig3-bob.svg'] = panelsSvg(
      [...bobPanels, { ...share, title: "Expert's share of each epoch's annotations" }],
      2,
    );
    figures['fig7-reward.svg'] = panelsSvg(
      (['advantage', 'paretoOptimalRate', 'agreementRate'] as const).map((m) =>
        epochPanel(main, 'alice', m, [
          methods.rl,
          methods.pareto,
          methods.paretoTenth,
          methods.tda2,
        ]),
      ),
      3,
    );
    figures['fig8-order.svg'] = panelsSvg(
      [
        ...(['advantage', 'paretoOptimalRate'] as const).map((m) =>
          epochPanel(main, 'alice', m, tdas),
        ),
        ...(['advantage', 'paretoOptimalRate'] as const).map((m) =>
          epochPanel(main, 'bob', m, tdas),
        ),
      ],
      2,
    );
  }
  const scratch = studies.scratch;
  if (scratch !== undefined) {
    figures['fig5-scratch.svg'] = panelsSvg(
      (['advantage', 'paretoOptimalRate', 'agreementRate', 'meanLength'] as const).map((m) =>
        epochPanel(scratch, 'alice', m, [methods.sl, methods.rl, methods.tda2]),
      ),
      2,
    );
  }
  const rlSl = studies['rl-sl'];
  if (rlSl !== undefined) {
    figures['fig6-rl-sl.svg'] = panelsSvg(
      (['advantage', 'paretoOptimalRate', 'agreementRate'] as const).map((m) =>
        sweepPanel(rlSl, main, m, sweep),
      ),
      3,
    );
  }
  return figures;
}

/** Final-epoch values over the schedule n (log₂ scale), with the main study's RL, SL and TDA as levels. */
function sweepPanel(
  rlSl: ExperimentResults,
  main: ExperimentResults | undefined,
  measure: Measure,
  sweep: readonly number[],
): ChartPanel {
  const xs = sweep.map((n) => Math.log2(n));
  const points = sweep.map((n, i) => {
    const value = measureEstimate(rlSl, 'alice', measure, { method: rlSlName(n), epoch: 'final' });
    return {
      x: xs[i]!,
      y: value === null ? null : value.mean * scale(measure),
      error: value === null || value.ci95 === null ? null : value.ci95 * scale(measure),
    };
  });
  const levels: ChartSeries[] =
    main === undefined
      ? []
      : [methods.sl, methods.rl, methods.tda2].flatMap((method) => {
          const value = measureEstimate(main, 'alice', measure, { method, epoch: 'final' });
          return value === null
            ? []
            : [
                {
                  name: `${method} (main study)`,
                  reference: true,
                  points: [xs[0]!, xs.at(-1)!].map((x) => ({ x, y: value.mean * scale(measure) })),
                },
              ];
        });
  return {
    title: `Alice after the last epoch: ${measureLabels[measure].label}`,
    xLabel: 'n (one SL example every n RL tasks)',
    yLabel: measureLabels[measure].label,
    errors: 'band',
    xTickLabel: (x) => String(Math.round(2 ** x)),
    series: [{ name: 'RL+SL', points }, ...levels],
  };
}
