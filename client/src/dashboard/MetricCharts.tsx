import { getDomain } from '../../../shared/domain/domains';
import type { RoundView } from '../../../shared/protocol/rounds';
import { LineChart, type ChartSeries } from '../charts/LineChart';
import { epochRange, metricSeries, plottedMetrics } from './metricSeries';

// Colour per experiment (colour-blind-safe palette); Alice dashed, Bob solid.
const palette = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9'];

/**
 * The metric plots of one or several rounds (overlaid; seeds of one experiment averaged).
 * Rounds of different domains score on different scales (DealOrNoDeal 0–10, CaSiNo 5–36), so
 * each domain gets its own set of charts rather than one shared score axis.
 */
export function MetricCharts({ rounds }: { rounds: readonly RoundView[] }) {
  const withResults = rounds.filter((r) => r.results !== null);
  if (withResults.length === 0) {
    return (
      <p className="muted" data-testid="no-results">
        No results yet: metrics appear once a round is evaluated.
      </p>
    );
  }
  const byDomain = new Map<string, RoundView[]>();
  for (const round of withResults) {
    byDomain.set(round.domain, [...(byDomain.get(round.domain) ?? []), round]);
  }
  if (byDomain.size === 1) {
    return <DomainCharts rounds={withResults} />;
  }
  return (
    <>
      <p className="muted" data-testid="domains-note">
        These rounds negotiate in {byDomain.size} domains whose scores are not comparable: each
        domain is plotted on its own axes.
      </p>
      {[...byDomain.entries()].map(([domain, group]) => {
        const name = getDomain(domain).name;
        return (
          <section key={domain} aria-label={`${name} rounds`} data-testid="domain-charts">
            <h3>{name}</h3>
            <DomainCharts rounds={group} />
          </section>
        );
      })}
    </>
  );
}

/** One chart per metric, all on the same epoch axis. */
function DomainCharts({ rounds }: { rounds: readonly RoundView[] }) {
  const xDomain = epochRange(rounds);
  return (
    <div className="charts">
      {plottedMetrics.map((metric) => {
        const series: ChartSeries[] = metricSeries(rounds, metric.id).map((s) => ({
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
            xDomain={xDomain}
          />
        );
      })}
    </div>
  );
}
