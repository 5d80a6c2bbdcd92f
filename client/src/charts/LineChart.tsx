import { niceAxis } from '../../../shared/charts/axis';

export interface ChartSeries {
  label: string;
  color: string;
  dashed?: boolean;
  points: { x: number; y: number; err?: number }[];
}

const width = 420;
const height = 240;
const margin = { top: 12, right: 12, bottom: 36, left: 48 };

/**
 * A small SVG line chart: lines with point markers, optional error bars (± err), integer x
 * ticks (epochs), a legend below. No chart library: the dashboard needs only this.
 */
export function LineChart(props: {
  title: string;
  series: ChartSeries[];
  xLabel: string;
  percent?: boolean;
  /** The x range to draw, so charts shown together share one axis (default: the data's). */
  xDomain?: readonly [number, number];
}) {
  const points = props.series.flatMap((s) => s.points);
  if (points.length === 0) {
    return (
      <figure className="chart empty">
        <figcaption>{props.title}</figcaption>
        <p className="muted">No data yet.</p>
      </figure>
    );
  }
  const xs = points.map((p) => p.x);
  const lows = points.map((p) => p.y - (p.err ?? 0));
  const highs = points.map((p) => p.y + (p.err ?? 0));
  const xMin = Math.min(...xs, props.xDomain?.[0] ?? Infinity);
  const xMax = Math.max(...xs, xMin + 1, props.xDomain?.[1] ?? -Infinity);
  const percent = props.percent === true;
  // A share lies in 0–100 %: error bars (± one standard deviation) may reach past it, the axis not.
  const share = (y: number) => (percent ? Math.min(1, Math.max(0, y)) : y);
  const yLow = share(Math.min(...lows, percent ? 0 : Infinity));
  // A share that is 0 everywhere plots on 0–100 %, not on a padded −100 %…100 %.
  const yHigh = percent && Math.max(...highs) <= yLow ? 1 : share(Math.max(...highs));
  // Differences far below the values' size (a metric that barely moved) are not drawn as a
  // dramatic slope on an axis of six-decimal ticks: the axis spans at least 2 % of the values.
  const minSpan = 0.02 * Math.max(Math.abs(yLow), Math.abs(yHigh), percent ? 1 : 0);
  const padding = Math.max(0, (minSpan - (yHigh - yLow)) / 2);
  const ticks = niceAxis([yLow - padding, yHigh + padding], 5).ticks.filter(
    (y) => !percent || (y >= -1e-9 && y <= 1 + 1e-9),
  );
  const yTicks = ticks.length >= 2 ? ticks : [0, 1];
  const yMin = yTicks[0] as number;
  const yMax = yTicks.at(-1) as number;
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const sx = (x: number) => margin.left + ((x - xMin) / (xMax - xMin)) * plotW;
  const sy = (y: number) => margin.top + (1 - (y - yMin) / (yMax - yMin || 1)) * plotH;
  // As many decimals as the tick spacing needs (0.34, 0.36… not 0.3, 0.4, 0.4).
  const step = yTicks.length > 1 ? (yTicks[1] as number) - yMin : 1;
  const decimals = Math.max(0, -Math.floor(Math.log10(step * (percent ? 100 : 1)) + 1e-9));
  const fmt = (y: number) => (percent ? `${(y * 100).toFixed(decimals)}%` : y.toFixed(decimals));
  const exact = (y: number) =>
    percent ? `${Number((y * 100).toFixed(1))}%` : String(Number(y.toFixed(3)));
  const xTicks: number[] = [];
  for (let x = Math.ceil(xMin); x <= xMax; x++) {
    xTicks.push(x);
  }

  return (
    <figure className="chart" data-testid="chart">
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.title}>
        {yTicks.map((y) => (
          <g key={`y${y}`}>
            <line
              x1={margin.left}
              x2={width - margin.right}
              y1={sy(y)}
              y2={sy(y)}
              className="grid"
            />
            <text x={margin.left - 6} y={sy(y) + 4} textAnchor="end" className="tick">
              {fmt(y)}
            </text>
          </g>
        ))}
        {xTicks.map((x) => (
          <text
            key={`x${x}`}
            x={sx(x)}
            y={height - margin.bottom + 16}
            textAnchor="middle"
            className="tick"
          >
            {x}
          </text>
        ))}
        <text x={margin.left + plotW / 2} y={height - 4} textAnchor="middle" className="axis-label">
          {props.xLabel}
        </text>
        <line
          x1={margin.left}
          x2={margin.left}
          y1={margin.top}
          y2={margin.top + plotH}
          className="axis"
        />
        <line
          x1={margin.left}
          x2={width - margin.right}
          y1={margin.top + plotH}
          y2={margin.top + plotH}
          className="axis"
        />
        {props.series.map((s) => (
          <g key={s.label} stroke={s.color} fill={s.color} data-testid="series">
            <polyline
              fill="none"
              strokeWidth={2}
              strokeDasharray={s.dashed === true ? '6 4' : undefined}
              points={s.points.map((p) => `${sx(p.x)},${sy(p.y)}`).join(' ')}
            />
            {s.points.map((p) => (
              <g key={p.x}>
                {p.err !== undefined && p.err > 0 && (
                  <g strokeWidth={1.5} data-testid="error-bar">
                    <line
                      x1={sx(p.x)}
                      x2={sx(p.x)}
                      y1={sy(share(p.y - p.err))}
                      y2={sy(share(p.y + p.err))}
                    />
                    <line
                      x1={sx(p.x) - 4}
                      x2={sx(p.x) + 4}
                      y1={sy(share(p.y - p.err))}
                      y2={sy(share(p.y - p.err))}
                    />
                    <line
                      x1={sx(p.x) - 4}
                      x2={sx(p.x) + 4}
                      y1={sy(share(p.y + p.err))}
                      y2={sy(share(p.y + p.err))}
                    />
                  </g>
                )}
                <circle cx={sx(p.x)} cy={sy(p.y)} r={3.5}>
                  <title>{`${s.label}: ${exact(p.y)}${p.err === undefined ? '' : ` ± ${exact(p.err)}`} at ${props.xLabel.toLowerCase()} ${p.x}`}</title>
                </circle>
              </g>
            ))}
          </g>
        ))}
      </svg>
      <ul className="legend">
        {props.series.map((s) => (
          <li key={s.label}>
            <svg width="22" height="10" aria-hidden="true">
              <line
                x1="0"
                x2="22"
                y1="5"
                y2="5"
                stroke={s.color}
                strokeWidth="2"
                strokeDasharray={s.dashed === true ? '5 3' : undefined}
              />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
