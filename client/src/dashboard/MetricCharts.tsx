import type { RoundView } from '../../../shared/protocol/rounds';
import { LineChart, type ChartSeries } from '../charts/LineChart';
import { metricSeries, plottedMetrics } from './metricSeries';

// Colour per experiment (colour-blind-safe palette); Alice dashed, Bob solid.
const palette = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9'];

/** The metric plots of one or several rounds (overlaid; seeds of one experiment averaged). */
export function MetricCharts({ rounds }: { rounds: readonly RoundView[] }) {
  const withResults = rounds.filter((r) => r.results !== null);
  if (withResults.length === 0) {
    return (
      <p className="muted" data-testid="no-results">
        No results yet: metrics appear once a round is evaluated.
      </p>
    );
  }
  return (
    <div className="charts">
      {plottedMetrics.map((metric) => {
        const series: ChartSeries[] = metricSeries(withResults, metric.id).map((s) => ({
          label: s.label,
          color: palette[s.group % palette.length] as string,
          dashed: s.agent === 'alice',
          points: s.points,
        }));
        return (
          <LineChart
            key={metric.id}
            title={metric.title}
            series={series}
            xLabel="Epoch"
            percent={metric.percent}
          />
        );
      })}
    </div>
  );
}
