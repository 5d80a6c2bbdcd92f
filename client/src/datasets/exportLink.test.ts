import { describe, expect, it } from 'vitest';
import { exportLink, type ExportFormFields } from './exportLink';

const empty: ExportFormFields = {
  dataset: '',
  round: '',
  source: '',
  domain: '',
  review: '',
  from: '',
  to: '',
};

describe('the export link', () => {
  it('carries every filter given, and none of the empty fields', () => {
    expect(exportLink({ ...empty, dataset: 'pilot-1', from: '2026-01-01' })).toEqual({
      ok: true,
      href: '/api/datasets/export?dataset=pilot-1&from=2026-01-01',
    });
    expect(exportLink(empty)).toEqual({ ok: true, href: '/api/datasets/export' });
  });

  it('refuses a bad round id instead of dropping it (which exported everything)', () => {
    const link = exportLink({ ...empty, round: '123' });
    expect(link).toEqual({
      ok: false,
      field: 'round',
      message:
        'Round "123" is not valid; use a round id: 24 hexadecimal digits, as the Rounds page shows it.',
    });
  });

  it('refuses From on or after To (which exported nothing), naming both fields', () => {
    const link = exportLink({ ...empty, from: '2026-03-01', to: '2026-02-01' });
    expect(link.ok).toBe(false);
    expect(link.ok ? '' : link.message).toBe(
      'From (2026-03-01) must be before To (2026-02-01), which is exclusive; swap them or widen the range.',
    );
  });
});
