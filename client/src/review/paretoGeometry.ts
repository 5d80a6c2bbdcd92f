import { niceAxis } from '../../../shared/charts/axis';

/** A point of the scatter: Alice's score on x, Bob's on y (shared AnnotationDetailView order). */
export interface ScorePoint {
  alice: number;
  bob: number;
}

export interface ScatterBox {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export interface ScatterGeometry {
  /** Axis maximum (both axes share it: scores are on one scale, so the plot stays honest). */
  max: number;
  ticks: number[];
  x(alice: number): number;
  y(bob: number): number;
  /** The frontier as an SVG polyline: points sorted by Alice's score, left to right. */
  frontierPath: string;
}

/**
 * Where the frontier, the offers and the deal go in a small square plot. Pure so that it can
 * be tested: scores map linearly from 0 to a rounded maximum covering every point given.
 */
export function scatterGeometry(
  frontier: readonly ScorePoint[],
  others: readonly ScorePoint[],
  box: ScatterBox,
): ScatterGeometry {
  const all = [...frontier, ...others];
  const top = Math.max(1, ...all.map((p) => Math.max(p.alice, p.bob)));
  const { max, ticks } = niceAxis([top], 3, { from: 0 });
  const plotW = box.width - box.margin.left - box.margin.right;
  const plotH = box.height - box.margin.top - box.margin.bottom;
  const x = (alice: number) => box.margin.left + (alice / max) * plotW;
  const y = (bob: number) => box.margin.top + (1 - bob / max) * plotH;
  const frontierPath = [...frontier]
    .sort((a, b) => a.alice - b.alice || b.bob - a.bob)
    .map((p) => `${x(p.alice).toFixed(1)},${y(p.bob).toFixed(1)}`)
    .join(' ');
  return { max, ticks, x, y, frontierPath };
}
