import { useState, type FormEvent } from 'react';
import { likertMax, likertMin, type EvaluationTaskInfo } from '../../../shared/protocol/evaluation';

const scale = Array.from({ length: likertMax - likertMin + 1 }, (_, i) => likertMin + i);

/**
 * The questionnaire after an evaluation dialogue: every Likert question on its 1–5 scale
 * (required), open questions optional. `onSubmit` resolves with an error message or null.
 */
export function Questionnaire({
  info,
  onSubmit,
}: {
  info: EvaluationTaskInfo;
  onSubmit: (answers: Record<string, number | string>) => Promise<string | null>;
}) {
  const [answers, setAnswers] = useState<Record<string, number | string>>({});
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const complete = info.questionnaire.every(
    (q) => q.kind === 'open' || typeof answers[q.id] === 'number',
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    const trimmed = Object.fromEntries(
      Object.entries(answers).filter(([, a]) => typeof a === 'number' || a.trim() !== ''),
    );
    const problem = await onSubmit(trimmed);
    setSending(false);
    setError(problem);
  };

  return (
    <form className="questionnaire" data-testid="questionnaire" onSubmit={(e) => void submit(e)}>
      <h2>About {info.partner}</h2>
      <p className="muted">
        Negotiation {info.position + 1} of {info.of}. 1 = strongly disagree, 5 = strongly agree.
      </p>
      {info.questionnaire.map((q) =>
        q.kind === 'likert' ? (
          <fieldset key={q.id} className="likert" data-testid={`question-${q.id}`}>
            <legend>{q.text}</legend>
            {scale.map((value) => (
              <label key={value}>
                <input
                  type="radio"
                  name={q.id}
                  value={value}
                  checked={answers[q.id] === value}
                  onChange={() => setAnswers({ ...answers, [q.id]: value })}
                />
                {value}
              </label>
            ))}
          </fieldset>
        ) : (
          <label key={q.id} className="open-question" data-testid={`question-${q.id}`}>
            {q.text}
            <textarea
              maxLength={2000}
              value={typeof answers[q.id] === 'string' ? String(answers[q.id]) : ''}
              onChange={(e) => setAnswers({ ...answers, [q.id]: e.target.value })}
            />
          </label>
        ),
      )}
      {error !== null && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={!complete || sending}>
        {sending ? 'Sending…' : 'Send my answers'}
      </button>
    </form>
  );
}
