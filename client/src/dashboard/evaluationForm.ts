import type { EstimateView, Question } from '../../../shared/protocol/evaluation';

/** The questionnaire as the form edits it: one question a line, `id | likert or open | text`. */
export function questionnaireText(questions: readonly Question[]): string {
  return questions.map((q) => `${q.id} | ${q.kind} | ${q.text}`).join('\n');
}

/**
 * The questions of the form's text, or the first line it cannot read (the server checks the
 * ids and lengths again).
 */
export function parseQuestionnaire(
  text: string,
): { ok: true; questions: Question[] } | { ok: false; line: number; message: string } {
  const questions: Question[] = [];
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    if (raw.trim() === '') {
      continue;
    }
    const [id, kind, ...rest] = raw.split('|').map((part) => part.trim());
    const body = rest.join('|').trim();
    if (id === undefined || id === '' || (kind !== 'likert' && kind !== 'open') || body === '') {
      return { ok: false, line: index + 1, message: 'write it as: id | likert or open | text' };
    }
    questions.push({ id, kind, text: body });
  }
  return questions.length === 0
    ? { ok: false, line: 1, message: 'ask at least one question' }
    : { ok: true, questions };
}

/** "1.33 ± 0.42" (a 95 % CI half-width), "5.00" without one, "–" without any value. */
export function formatEstimate(estimate: EstimateView | null, asPercent = false): string {
  if (estimate === null) {
    return '–';
  }
  const scale = asPercent ? 100 : 1;
  const unit = asPercent ? ' %' : '';
  const mean = (estimate.mean * scale).toFixed(asPercent ? 0 : 2);
  return estimate.ci95 === null
    ? `${mean}${unit}`
    : `${mean} ± ${(estimate.ci95 * scale).toFixed(asPercent ? 0 : 2)}${unit}`;
}
