import { describe, expect, it } from 'vitest';
import { parseExportFilters } from './exportFilters';

// The sentences are what a researcher reads when an export is refused (REST, CLI, web form):
// checked word for word, with the lists spelled out here rather than built from the code's.
const flag = (filter: string) => `--${filter}`;
const refused = (field: string, message: string) => ({ ok: false, field, message });

describe('export filters', () => {
  it('accepts no filters, and filters given as undefined are not given', () => {
    expect(parseExportFilters({})).toEqual({ ok: true, query: {} });
    // Strictly: not even a key left with undefined, and an unknown name given as undefined
    // is not given either (a CLI option the user did not set).
    expect(
      parseExportFilters({ review: undefined, domain: undefined, colour: undefined }),
    ).toStrictEqual({ ok: true, query: {} });
  });

  it('accepts every filter at once when they agree, and returns them as given', () => {
    const input = {
      dataset: 'pilot-1.b_2',
      round: '0123456789abcdef01234567',
      source: 'annotation',
      domain: 'casino',
      review: 'soft-rejected',
      from: '2026-12-01',
      to: '2026-12-01T08:00:00Z',
    };
    expect(parseExportFilters(input)).toEqual({ ok: true, query: input });
  });

  it('refuses an unknown filter, naming every filter as the caller spells them', () => {
    expect(parseExportFilters({ colour: 'red' })).toEqual(
      refused(
        'colour',
        'Unknown filter colour; the filters are dataset, round, source, domain, review, from or to.',
      ),
    );
    expect(parseExportFilters({ domain: 'casino', colour: 'red' }, flag)).toEqual(
      refused(
        'colour',
        'Unknown filter --colour; the filters are --dataset, --round, --source, --domain, ' +
          '--review, --from or --to.',
      ),
    );
  });

  it('refuses a filter given twice, with how many times', () => {
    expect(parseExportFilters({ review: ['accepted', 'rejected', 'pending'] }, flag)).toEqual(
      refused('review', 'Give --review once (it was given 3 times).'),
    );
  });

  it('refuses each invalid value with what the filter accepts', () => {
    const cases: [string, unknown, string][] = [
      [
        'dataset',
        'Pilot',
        'dataset "Pilot" is not valid; use a dataset label (1 to 64 lower-case letters, digits, ' +
          '_, . or -) or one of source:synthetic, source:import, source:selfplay or ' +
          'source:annotation.',
      ],
      [
        'round',
        '0123456789ABCDEF01234567',
        'round "0123456789ABCDEF01234567" is not valid; use a round id: 24 hexadecimal digits, ' +
          'as the Rounds page shows it.',
      ],
      [
        'source',
        'human',
        'source "human" is not valid; use one of synthetic, import, selfplay or annotation.',
      ],
      [
        'domain',
        { id: 'casino' },
        'domain a nested value is not valid; use one of dealornodeal or casino.',
      ],
      [
        'review',
        'maybe',
        'review "maybe" is not valid; use one of pending, accepted, soft-rejected or rejected.',
      ],
      [
        'from',
        'yesterday',
        'from "yesterday" is not valid; use an ISO date (2026-12-01) or date-time ' +
          '(2026-12-01T08:00:00Z).',
      ],
      [
        'to',
        '12/01/2026',
        'to "12/01/2026" is not valid; use an ISO date (2026-12-01) or date-time ' +
          '(2026-12-01T08:00:00Z).',
      ],
    ];
    for (const [field, value, message] of cases) {
      expect(parseExportFilters({ [field]: value })).toEqual(refused(field, message));
    }
  });

  it('refuses a range that is empty because from is not before to (to is exclusive)', () => {
    const message = (from: string, to: string) =>
      `--from (${from}) must be before --to (${to}), which is exclusive; swap them or widen the range.`;
    expect(parseExportFilters({ from: '2026-12-02', to: '2026-12-01' }, flag)).toEqual(
      refused('from', message('2026-12-02', '2026-12-01')),
    );
    expect(parseExportFilters({ from: '2026-12-01', to: '2026-12-01' }, flag)).toEqual(
      refused('from', message('2026-12-01', '2026-12-01')),
    );
    expect(parseExportFilters({ from: '2026-12-01', to: '2026-12-01T00:00:01Z' })).toEqual({
      ok: true,
      query: { from: '2026-12-01', to: '2026-12-01T00:00:01Z' },
    });
  });

  it('refuses a source that contradicts a source: dataset, and accepts the one it names', () => {
    expect(parseExportFilters({ dataset: 'source:import', source: 'annotation' }, flag)).toEqual(
      refused(
        'source',
        '--source annotation contradicts --dataset source:import; drop one of them.',
      ),
    );
    expect(parseExportFilters({ dataset: 'source:import', source: 'import' })).toEqual({
      ok: true,
      query: { dataset: 'source:import', source: 'import' },
    });
    // A labelled dataset says nothing about the source.
    expect(parseExportFilters({ dataset: 'pilot', source: 'selfplay' })).toMatchObject({
      ok: true,
    });
  });

  it('refuses a review state for records that have no review, from the source or the dataset', () => {
    const message = (source: string) =>
      `--review applies only to annotations, not to ${source} records; drop --review or ask ` +
      'for source annotation.';
    expect(parseExportFilters({ review: 'accepted', source: 'import' }, flag)).toEqual(
      refused('review', message('import')),
    );
    expect(parseExportFilters({ review: 'accepted', dataset: 'source:selfplay' }, flag)).toEqual(
      refused('review', message('selfplay')),
    );
    for (const agreeing of [
      { source: 'annotation' },
      { dataset: 'source:annotation' },
      { dataset: 'pilot' },
      {},
    ]) {
      expect(parseExportFilters({ review: 'accepted', ...agreeing })).toMatchObject({ ok: true });
    }
  });
});
