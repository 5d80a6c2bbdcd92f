import { describe, expect, it } from 'vitest';
import { defaultQuestionnaire } from '../../../shared/protocol/evaluation';
import { formatEstimate, parseQuestionnaire, questionnaireText } from './evaluationForm';

describe('the questionnaire field', () => {
  it('reads back the default questionnaire it writes', () => {
    expect(parseQuestionnaire(questionnaireText(defaultQuestionnaire))).toEqual({
      ok: true,
      questions: defaultQuestionnaire,
    });
  });

  it('names the first line it cannot read', () => {
    expect(parseQuestionnaire('quality | likert | Good?\nbroken line')).toMatchObject({
      ok: false,
      line: 2,
    });
    expect(parseQuestionnaire('x | scale | text')).toMatchObject({ ok: false, line: 1 });
    expect(parseQuestionnaire('  \n')).toMatchObject({ ok: false });
  });
});

describe('formatEstimate', () => {
  it('shows the mean with its 95 % CI, as a number or a percentage', () => {
    expect(formatEstimate({ mean: 4 / 3, ci95: 0.5, n: 6 })).toBe('1.33 ± 0.50');
    expect(formatEstimate({ mean: 0.5, ci95: 0.25, n: 6 }, true)).toBe('50 ± 25 %');
    expect(formatEstimate({ mean: 5, ci95: null, n: 1 })).toBe('5.00');
    expect(formatEstimate(null)).toBe('–');
  });
});
