import type { EvaluationResultsView } from '../../../shared/protocol/evaluation';
import { ErrorAlert } from '../layout/ErrorAlert';
import { useLoad } from '../layout/useLoad';
import { formatEstimate } from './evaluationForm';
import { evaluationExportHref, evaluationResults } from './studiesApi';

/**
 * An evaluation study's results per agent: the objective metrics against the humans and the
 * mean rating per Likert question, each with its 95 % CI; n is the dialogues (deals for the
 * Pareto rate, answers for a rating). `version` reloads them (the study card's changes).
 */
export function EvaluationResults({ studyId, version }: { studyId: string; version: string }) {
  const results = useLoad<EvaluationResultsView>(
    () => evaluationResults(studyId),
    `${studyId}/${version}`,
  );
  const likert = results.data?.questionnaire.filter((q) => q.kind === 'likert') ?? [];
  return (
    <section className="stack" aria-label="Evaluation results" data-testid="evaluation-results">
      <h3>Results per agent (mean ± 95 % CI)</h3>
      <ErrorAlert message={results.error} />
      {results.data !== null && (
        <>
          <p className="muted">
            {results.data.participants} participant(s) with a finished dialogue.{' '}
            <a href={evaluationExportHref(studyId, 'jsonl')} download>
              Dialogues (JSONL)
            </a>{' '}
            <a href={evaluationExportHref(studyId, 'csv')} download>
              Dialogues and ratings (CSV)
            </a>
          </p>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th>Agent</th>
                  <th title="finished dialogues (deals for the Pareto rate, answers for a rating)">
                    n
                  </th>
                  <th title="agent score − human score">Advantage</th>
                  <th>Agreement</th>
                  <th>Pareto-optimal deals</th>
                  <th>Agent score</th>
                  <th>Human score</th>
                  {likert.map((q) => (
                    <th key={q.id} title={q.text}>
                      Rated {q.id} (1–5)
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {results.data.agents.map((a) => (
                  <tr key={a.agent} data-testid="evaluation-agent">
                    <th scope="row">{a.agent}</th>
                    <td>{a.dialogues}</td>
                    <td>{formatEstimate(a.advantage)}</td>
                    <td>{formatEstimate(a.agreement, true)}</td>
                    <td>{formatEstimate(a.paretoOptimal, true)}</td>
                    <td>{formatEstimate(a.agentScore)}</td>
                    <td>{formatEstimate(a.humanScore)}</td>
                    {likert.map((q) => (
                      <td key={q.id} data-testid={`rating-${q.id}`}>
                        {formatEstimate(a.ratings[q.id] ?? null)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
