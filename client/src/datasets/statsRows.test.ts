import { describe, expect, it } from 'vitest';
import { corpusStats } from '../../../shared/corpus/corpusStats';
import { statsRows } from './statsRows';

describe('the D vs D_L statistics table', () => {
  it('puts each measure of both corpora side by side, then every act type of either', () => {
    const all = corpusStats([]);
    const rows = statsRows(
      {
        ...all,
        dialogues: 10,
        meanLength: 6.25,
        agreementRate: 0.5,
        meanScores: [5, 6.5],
        actDistribution: { propose: 0.6, agree: 0.4 },
      },
      {
        ...all,
        dialogues: 2,
        meanLength: 9,
        agreementRate: 0,
        meanScores: [1, 2],
        actDistribution: { propose: 0.9, insist: 0.1 },
      },
    );
    const byMeasure = Object.fromEntries(rows.map((r) => [r.measure, [r.all, r.lowQuality]]));
    expect(byMeasure.Dialogues).toEqual(['10', '2']);
    expect(byMeasure['Mean acts per dialogue']).toEqual(['6.3', '9.0']);
    expect(byMeasure.Agreement).toEqual(['50.0 %', '0.0 %']);
    expect(byMeasure['Pareto-optimal deals']).toEqual(['—', '—']);
    expect(byMeasure['Mean score (A / B)']).toEqual(['5.00 / 6.50', '1.00 / 2.00']);
    expect(rows.filter((r) => r.measure.startsWith('Acts: ')).map((r) => r.measure)).toEqual([
      'Acts: agree',
      'Acts: insist',
      'Acts: propose',
    ]);
    expect(byMeasure['Acts: insist']).toEqual(['0.0 %', '10.0 %']);
  });

  it('shows "—" for an empty D_L rather than zeros', () => {
    const empty = corpusStats([]);
    const rows = statsRows(empty, empty);
    expect(rows.find((r) => r.measure === 'Agreement')?.lowQuality).toBe('—');
  });
});
