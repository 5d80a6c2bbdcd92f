import { describe, expect, it } from 'vitest';
import { describeExpectations, expectationsOf, noExpectations } from './goldExpectations';
import { roundLabel } from './RoundPicker';

describe('gold expectations from the form', () => {
  it('states only what was filled in, in act order', () => {
    const result = expectationsOf({
      outcome: 'no deal',
      minBobScore: '',
      firstResponseTypes: ['disagree', 'propose'],
    });
    expect(result).toEqual({
      ok: true,
      expectations: { agreement: false, firstResponseTypes: ['propose', 'disagree'] },
    });
    expect(result.ok && describeExpectations(result.expectations)).toBe(
      'no deal; first answer propose or disagree',
    );
  });

  it('asks for at least one expectation, and a score within the schema’s limits, in words', () => {
    expect(expectationsOf(noExpectations)).toEqual({
      ok: false,
      messages: [expect.stringMatching(/^State at least one expectation/)],
    });
    expect(expectationsOf({ ...noExpectations, minBobScore: '-1' })).toEqual({
      ok: false,
      messages: ["Bob's least score must be at least 0."],
    });
    expect(expectationsOf({ ...noExpectations, minBobScore: 'x' })).toEqual({
      ok: false,
      messages: ["Bob's least score must be a number."],
    });
  });
});

describe('round labels in pickers', () => {
  it('name a round by name, domain and date, never by id', () => {
    const label = roundLabel({
      name: 'pilot',
      domain: 'casino',
      createdAt: '2026-03-04T10:00:00Z',
    });
    expect(label).toBe('pilot · CaSiNo · 4 Mar 2026');
  });
});
