import { useLoad } from '../layout/useLoad';
import { ErrorAlert } from '../layout/ErrorAlert';
import { Link } from '../routing/router';
import { describeExpectations } from './goldExpectations';
import { listGoldTasks } from './goldTasksApi';
import { GoldTaskForm } from './GoldTaskForm';
import { roundLabel } from './RoundPicker';
import { listRounds } from './roundsApi';

/** Gold tasks: make one from a round's dialogue with its known-good answer, and see yours. */
export function GoldTasksPage() {
  const rounds = useLoad(listRounds, 'rounds');
  const gold = useLoad(listGoldTasks, 'gold');
  const roundById = new Map((rounds.data ?? []).map((r) => [r.id, r]));
  return (
    <main className="wide">
      <header className="page-head">
        <h1>Gold tasks</h1>
        <Link href="/rounds">All rounds</Link>
      </header>
      <p className="muted">
        A gold task is a dialogue cut where you know what a careful worker does next. Workers'
        answers are checked against the ranges you state; their gold accuracy feeds their
        reliability.
      </p>
      <ErrorAlert message={rounds.error} />
      {rounds.data !== null && <GoldTaskForm rounds={rounds.data} onCreated={gold.reload} />}
      <section className="card" aria-label="Your gold tasks">
        <h2>Your gold tasks</h2>
        <ErrorAlert message={gold.error} />
        {gold.data !== null && gold.data.length === 0 && <p className="muted">None yet.</p>}
        {gold.data !== null && gold.data.length > 0 && (
          <table className="rounds stats-table" aria-label="Gold tasks">
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Known-good answer</th>
                <th scope="col">Round</th>
                <th scope="col">Annotations per task</th>
              </tr>
            </thead>
            <tbody>
              {gold.data.map((g) => {
                const round = g.roundId === null ? undefined : roundById.get(g.roundId);
                return (
                  <tr key={g.taskId} data-testid="gold-task-row">
                    <td>
                      {new Date(g.createdAt).toLocaleString()}
                      <div className="muted small">task {g.taskId}</div>
                    </td>
                    <td>{describeExpectations(g.expectations)}</td>
                    <td>
                      {g.roundId === null
                        ? 'none (default gold rate)'
                        : round === undefined
                          ? 'a round not in your list'
                          : roundLabel(round)}
                    </td>
                    <td>{g.redundancy}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
