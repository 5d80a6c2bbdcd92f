import { niceAxis } from '../shared/charts/axis';

/** One line of a chart: points with optional ± error (standard error across seeds). */
export interface ChartSeries {
  name: string;
  points: readonly { x: number; y: number | null; error?: number | null }[];
  /** A reference line (e.g. the expert's own level): drawn dashed, without markers. */
  reference?: boolean;
}

export interface ChartPanel {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly ChartSeries[];
  /** How the ± error is drawn: bars at each point (the default) or a shaded band. */
  errors?: 'bars' | 'band';
  /** The label of an x tick (e.g. 2^x for a log scale); the number itself by default. */
  xTickLabel?: (x: number) => string;
}

// Colour-blind-safe palette (Okabe–Ito).
const palette = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#000000',
  '#F0E442',
];

const width = 360;
const height = 240;
const margin = { top: 28, right: 12, bottom: 40, left: 52 };

/**
 * Panels of line charts (epochs on x, one line per method, error bars) in one SVG, with a
 * shared legend: the figure shape of the TDA paper's results. Dependency-free, so experiments
 * can write plots anywhere, and a browser shows them as they are.
 */
export function panelsSvg(panels: readonly ChartPanel[], columns = 3): string {
  const names = [...new Set(panels.flatMap((p) => p.series.map((s) => s.name)))];
  const colour = new Map(names.map((name, i) => [name, palette[i % palette.length]!]));
  const rows = Math.ceil(panels.length / columns);
  const legendHeight = 24 * Math.ceil(names.length / 4) + 8;
  const totalWidth = columns * width;
  const totalHeight = rows * height + legendHeight;
  const body = panels
    .map(
      (panel, i) =>
        `<g transform="translate(${(i % columns) * width},${Math.floor(i / columns) * height})">${panelSvg(panel, colour)}</g>`,
    )
    .join('\n');
  const legend = names
    .map((name, i) => {
      const x = 16 + (i % 4) * (totalWidth / 4);
      const y = rows * height + 18 + Math.floor(i / 4) * 24;
      return `<g transform="translate(${x},${y})"><line x1="0" y1="-4" x2="22" y2="-4" stroke="${colour.get(name)}" stroke-width="2.5"/><text x="28" y="0">${escape(name)}</text></g>`;
    })
    .join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${totalWidth}" height="${totalHeight}" viewBox="0 0 ${totalWidth} ${totalHeight}" font-family="system-ui, sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    body,
    legend,
    '</svg>',
  ].join('\n');
}

function panelSvg(panel: ChartPanel, colour: Map<string, string>): string {
  const values = panel.series.flatMap((s) =>
    s.points.flatMap((p) => (p.y === null ? [] : [p.y - (p.error ?? 0), p.y + (p.error ?? 0)])),
  );
  const xs = panel.series.flatMap((s) => s.points.map((p) => p.x));
  const axis = niceAxis(values, 5, { pad: 0.08 });
  const [yMin, yMax] = [axis.min, axis.max];
  const [xMin, xMax] =
    xs.length === 0 ? [0, 1] : [Math.min(...xs), Math.max(...xs, Math.min(...xs) + 1)];
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const sx = (x: number) => margin.left + ((x - xMin) / (xMax - xMin)) * plotW;
  const sy = (y: number) => margin.top + (1 - (y - yMin) / (yMax - yMin)) * plotH;
  const yTicks = axis.ticks;
  const xTicks = [...new Set(xs)].sort((a, b) => a - b);
  const grid = yTicks
    .map(
      (t) =>
        `<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${sy(t)}" y2="${sy(t)}" stroke="#e5e7eb"/><text x="${margin.left - 6}" y="${sy(t) + 4}" text-anchor="end">${formatTick(t)}</text>`,
    )
    .join('');
  const xAxis = xTicks
    .map(
      (t) =>
        `<text x="${sx(t)}" y="${margin.top + plotH + 16}" text-anchor="middle">${escape(panel.xTickLabel?.(t) ?? String(t))}</text>`,
    )
    .join('');
  const lines = panel.series
    .map((s) => {
      const stroke = colour.get(s.name) ?? '#000';
      const pts = s.points.filter(
        (p): p is { x: number; y: number; error?: number | null } => p.y !== null,
      );
      const path = pts
        .map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`)
        .join(' ');
      const dash = s.reference === true ? ' stroke-dasharray="6 4"' : '';
      if (panel.errors === 'band') {
        const band = bandPath(pts, sx, sy);
        const dots =
          s.reference === true
            ? ''
            : pts
                .map(
                  (p) =>
                    `<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="2.5" fill="${stroke}"/>`,
                )
                .join('');
        return `<g><title>${escape(s.name)}</title>${band === '' ? '' : `<path d="${band}" fill="${stroke}" fill-opacity="0.15" stroke="none"/>`}<path d="${path}" fill="none" stroke="${stroke}" stroke-width="2"${dash}/>${dots}</g>`;
      }
      const bars = pts
        .filter((p) => (p.error ?? 0) > 0)
        .map((p) => {
          const x = sx(p.x).toFixed(1);
          const lo = sy(p.y - p.error!).toFixed(1);
          const hi = sy(p.y + p.error!).toFixed(1);
          return `<path d="M${x},${lo} L${x},${hi} M${Number(x) - 3},${lo} L${Number(x) + 3},${lo} M${Number(x) - 3},${hi} L${Number(x) + 3},${hi}" stroke="${stroke}"/>`;
        })
        .join('');
      const dots = pts
        .map(
          (p) =>
            `<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="2.5" fill="${stroke}"/>`,
        )
        .join('');
      return `<g><title>${escape(s.name)}</title><path d="${path}" fill="none" stroke="${stroke}" stroke-width="2"${dash}/>${bars}${dots}</g>`;
    })
    .join('');
  return [
    `<text x="${width / 2}" y="16" text-anchor="middle" font-weight="600" font-size="13">${escape(panel.title)}</text>`,
    grid,
    `<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${margin.top + plotH}" stroke="#9ca3af"/>`,
    `<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${margin.top + plotH}" y2="${margin.top + plotH}" stroke="#9ca3af"/>`,
    xAxis,
    `<text x="${margin.left + plotW / 2}" y="${height - 6}" text-anchor="middle">${escape(panel.xLabel)}</text>`,
    `<text transform="translate(12,${margin.top + plotH / 2}) rotate(-90)" text-anchor="middle">${escape(panel.yLabel)}</text>`,
    lines,
  ].join('\n');
}

/**
 * The 95 % band of a line: along the upper ends, back along the lower ends. Points without an
 * error (a single seed) have none, so a band is drawn only through a run of points that all have
 * one; with fewer than two such points there is no band.
 */
function bandPath(
  pts: readonly { x: number; y: number; error?: number | null }[],
  sx: (x: number) => number,
  sy: (y: number) => number,
): string {
  const withError = pts.filter((p) => p.error !== null && p.error !== undefined);
  if (withError.length < 2 || withError.length !== pts.length) {
    return '';
  }
  const upper = withError.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y + p.error!).toFixed(1)}`);
  const lower = [...withError]
    .reverse()
    .map((p) => `${sx(p.x).toFixed(1)},${sy(p.y - p.error!).toFixed(1)}`);
  return `M${upper.join(' L')} L${lower.join(' L')} Z`;
}

function formatTick(value: number): string {
  return Math.abs(value) >= 100 || Number.isInteger(value)
    ? String(value)
    : value.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
