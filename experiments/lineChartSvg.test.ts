import { describe, expect, it } from 'vitest';
import { panelsSvg } from './lineChartSvg';

describe('panelsSvg', () => {
  const svg = panelsSvg([
    {
      title: 'Advantage',
      xLabel: 'epoch',
      yLabel: 'points',
      series: [
        {
          name: 'RL',
          points: [
            { x: 0, y: 1, error: 0.5 },
            { x: 1, y: 2, error: 0 },
          ],
        },
        {
          name: 'TDA <2nd>',
          points: [
            { x: 0, y: 0.5 },
            { x: 1, y: null },
          ],
        },
      ],
    },
    {
      title: 'Agreement',
      xLabel: 'epoch',
      yLabel: '%',
      series: [{ name: 'RL', points: [{ x: 0, y: 50 }] }],
    },
  ]);

  it('draws one titled line per method and panel, and one legend entry per method', () => {
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<title>RL<\/title>/g)).toHaveLength(2);
    expect(svg).toContain('<title>TDA &lt;2nd&gt;</title>');
    expect(svg.match(/stroke-width="2.5"/g)).toHaveLength(2); // legend swatches
  });

  it('draws error bars only where there is an error, and skips missing values', () => {
    const rlLine = /<title>RL<\/title><path d="([^"]*)"/.exec(svg)?.[1] ?? '';
    expect(rlLine.match(/[ML]/g)).toHaveLength(2);
    const tdaLine = /<title>TDA &lt;2nd&gt;<\/title><path d="([^"]*)"/.exec(svg)?.[1] ?? '';
    expect(tdaLine.match(/[ML]/g)).toHaveLength(1);
    expect(svg.match(/<path d="M[\d.]+,[\d.]+ L[\d.]+,[\d.]+ M/g)).toHaveLength(1);
  });

  it('draws a 95 % band instead of bars when asked, a dashed reference line, and custom x ticks', () => {
    const banded = panelsSvg([
      {
        title: 'Advantage',
        xLabel: 'n',
        yLabel: 'points',
        errors: 'band',
        xTickLabel: (x) => `2^${x}`,
        series: [
          {
            name: 'RL',
            points: [
              { x: 0, y: 1, error: 0.5 },
              { x: 2, y: 2, error: 0.25 },
            ],
          },
          {
            name: 'expert',
            reference: true,
            points: [
              { x: 0, y: 1.5 },
              { x: 2, y: 1.5 },
            ],
          },
        ],
      },
    ]);
    // One closed band (two upper corners, two lower), no error bars.
    const band = /<path d="(M[^"]*Z)" fill="#0072B2" fill-opacity="0.15"/.exec(banded)?.[1] ?? '';
    expect(band.split(' L')).toHaveLength(4);
    expect(banded).not.toMatch(/<path d="M[\d.]+,[\d.]+ L[\d.]+,[\d.]+ M/);
    expect(banded.match(/stroke-dasharray="6 4"/g)).toHaveLength(1);
    expect(banded).toContain('>2^2</text>');
    // The reference line has no markers: two dots, RL's only.
    expect(banded.match(/<circle/g)).toHaveLength(2);
  });
});
