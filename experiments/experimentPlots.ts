import type { Estimate } from '../shared/metrics/aggregate';
import type { EpochSummary, ExperimentResults, MetricsSummary } from './experimentResults';
import { panelsSvg, type ChartPanel } from './lineChartSvg';

interface MetricPanel {
  title: string;
  yLabel: string;
  scale: number;
  pick: (e: EpochSummary) => Estimate | null;
}

const agentPanels = (who: 'alice' | 'bob'): MetricPanel[] => {
  const metric = (key: keyof MetricsSummary) => (e: EpochSummary) => e[who][key];
  return [
    { title: 'Advantage', yLabel: 'mean(r_self − r_expert)', scale: 1, pick: metric('advantage') },
    {
      title: 'Pareto-optimality',
      yLabel: '% of deals',
      scale: 100,
      pick: metric('paretoOptimalRate'),
    },
    { title: 'Agreement', yLabel: '% of dialogues', scale: 100, pick: metric('agreementRate') },
    { title: 'Novelty', yLabel: '1 − mean p_expert(act)', scale: 1, pick: metric('novelty') },
  ];
};

function panels(
  results: ExperimentResults,
  metrics: readonly MetricPanel[],
  who: string,
): ChartPanel[] {
  return metrics.map((m) => ({
    title: `${who}: ${m.title}`,
    xLabel: 'epoch',
    yLabel: m.yLabel,
    series: Object.entries(results.summary).map(([name, epochs]) => ({
      name,
      points: epochs.map((e) => {
        const value = m.pick(e);
        return {
          x: e.epoch,
          y: value === null ? null : value.mean * m.scale,
          error: value === null || value.ci95 === null ? null : value.ci95 * m.scale,
        };
      }),
    })),
  }));
}

/** Alice's metrics against the expert per epoch, plus the share of oracle-annotated data. */
export function alicePlotSvg(results: ExperimentResults): string {
  const annotated: MetricPanel = {
    title: 'Oracle-annotated data',
    yLabel: "% of Bob's training acts",
    scale: 100,
    pick: (e) => e.oracleShare,
  };
  return panelsSvg(
    [...panels(results, agentPanels('alice'), 'Alice'), ...panels(results, [annotated], 'Bob')],
    3,
  );
}

/** Bob's metrics against the expert per epoch (Bob learns only in TDA). */
export function bobPlotSvg(results: ExperimentResults): string {
  return panelsSvg(panels(results, agentPanels('bob'), 'Bob'), 2);
}
