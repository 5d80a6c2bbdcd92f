import { describe, expect, it } from 'vitest';
import { paretoFrontier } from '../../../shared/domain/scoring';
import { scatterGeometry } from './paretoGeometry';

const box = { width: 200, height: 200, margin: { top: 0, right: 0, bottom: 0, left: 0 } };

describe('the Pareto scatter geometry', () => {
  it('maps scores linearly from 0 to a rounded maximum shared by both axes', () => {
    const g = scatterGeometry(
      [
        { alice: 0, bob: 10 },
        { alice: 7, bob: 0 },
      ],
      [],
      box,
    );
    expect(g.max).toBe(10);
    expect(g.ticks).toEqual([0, 5, 10]);
    expect(g.x(0)).toBe(0);
    expect(g.x(10)).toBe(200);
    expect(g.x(5)).toBe(100);
    // SVG y grows downwards: Bob's 0 at the bottom, his maximum at the top.
    expect(g.y(0)).toBe(200);
    expect(g.y(10)).toBe(0);
  });

  it('covers the offers and the deal too, not only the frontier', () => {
    const g = scatterGeometry([{ alice: 4, bob: 4 }], [{ alice: 13, bob: 1 }], box);
    expect(g.max).toBe(15);
    expect(g.x(13)).toBeLessThanOrEqual(200);
  });

  it('draws the frontier left to right, so the line never doubles back', () => {
    const g = scatterGeometry(
      [
        { alice: 8, bob: 2 },
        { alice: 2, bob: 8 },
        { alice: 5, bob: 6 },
      ],
      [],
      box,
    );
    const xs = g.frontierPath.split(' ').map((p) => Number(p.split(',')[0]));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    // The axis ends at the largest score (8): 8 is a whole number of steps of 2.
    expect(g.frontierPath).toBe('50.0,0.0 125.0,50.0 200.0,150.0');
  });

  it('plots a real frontier inside the box, each point of it on the polyline', () => {
    const frontier = paretoFrontier({
      counts: [1, 2, 3],
      utilities: [
        [4, 0, 2],
        [1, 3, 1],
      ],
    }).map((p) => ({ alice: p.scores[0], bob: p.scores[1] }));
    expect(frontier.length).toBeGreaterThan(1);
    const framed = {
      width: 260,
      height: 240,
      margin: { top: 10, right: 12, bottom: 36, left: 40 },
    };
    const g = scatterGeometry(frontier, [], framed);
    for (const p of frontier) {
      expect(g.x(p.alice)).toBeGreaterThanOrEqual(40);
      expect(g.x(p.alice)).toBeLessThanOrEqual(248);
      expect(g.y(p.bob)).toBeGreaterThanOrEqual(10);
      expect(g.y(p.bob)).toBeLessThanOrEqual(204);
      expect(g.frontierPath).toContain(`${g.x(p.alice).toFixed(1)},${g.y(p.bob).toFixed(1)}`);
    }
  });

  it('keeps a degenerate plot (all zeros) finite', () => {
    const g = scatterGeometry([{ alice: 0, bob: 0 }], [], box);
    expect(g.max).toBeGreaterThan(0);
    expect(Number.isFinite(g.y(0))).toBe(true);
  });
});
