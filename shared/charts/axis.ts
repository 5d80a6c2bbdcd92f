import { nice, ticks } from 'd3-array';

/** A chart axis: its domain, widened to round values, and about `count` round ticks inside it. */
export interface Axis {
  min: number;
  max: number;
  ticks: number[];
}

/**
 * The one axis rule of Parley's charts (the experiment and reproduction plots, and the client's
 * charts): d3-array's `nice` widens [min, max] to round values and `ticks` places 1, 2 or 5 × a
 * power of ten between them. `pad` widens the data's range first by that fraction on each side
 * (room for error bars and markers); `from` pins the low end (e.g. 0 for scores). A single value
 * gets a range around it; no values give [0, 1].
 */
export function niceAxis(
  values: readonly number[],
  count: number,
  options: { pad?: number; from?: number } = {},
): Axis {
  const finite = values.filter((v) => Number.isFinite(v));
  let lo = options.from ?? (finite.length === 0 ? 0 : Math.min(...finite));
  let hi = finite.length === 0 ? lo + 1 : Math.max(...finite, lo);
  if (lo === hi) {
    const spread = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo = options.from ?? lo - spread;
    hi += spread;
  }
  const pad = (hi - lo) * (options.pad ?? 0);
  if (options.from === undefined) {
    lo -= pad;
  }
  hi += pad;
  const [min, max] = nice(lo, hi, count);
  return { min, max, ticks: ticks(min, max, count) };
}
