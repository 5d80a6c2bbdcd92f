import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/http';
import { navigate } from '../routing/router';
import { useSession } from './session';
import { ErrorAlert } from '../layout/ErrorAlert';

/** Query parameters crowd platforms put in study links (Prolific, MTurk, or our own). */
const workerIdParams = ['worker', 'PROLIFIC_PID', 'workerId'];

export function workerIdFrom(query: URLSearchParams): string | null {
  for (const name of workerIdParams) {
    const value = query.get(name);
    if (value !== null && value !== '') {
      return value;
    }
  }
  return null;
}

/**
 * `/study/:studyId?worker=…`: a crowd worker's study link signs them in as a worker of that
 * study (the server creates the account on first entry) and sends them to the workspace.
 */
export function StudyEntry({ studyId, query }: { studyId: string; query: URLSearchParams }) {
  const { enterStudy } = useSession();
  const fromLink = workerIdFrom(query);
  const [workerId, setWorkerId] = useState(fromLink ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tried = useRef(false);

  const enter = async (id: string) => {
    setBusy(true);
    setError(null);
    try {
      await enterStudy(studyId, id);
      navigate('/annotate', { replace: true });
    } catch (e) {
      setError(
        e instanceof ApiError
          ? e.code === 'study_closed'
            ? 'This study is closed or the link is wrong. Contact the study team.'
            : e.code === 'validation_failed'
              ? 'The worker id may only contain letters, digits, _ and - (at most 64).'
              : e.message
          : String(e),
      );
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (fromLink !== null && !tried.current) {
      tried.current = true;
      void enter(fromLink);
    }
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void enter(workerId.trim());
  };

  return (
    <main className="narrow">
      <h1>Welcome to the study</h1>
      <p>
        You will negotiate with a computer partner over a few items. It takes a few minutes per
        task; a completion code is shown at the end.
      </p>
      <form onSubmit={submit} className="card stack" aria-label="Study entry">
        <label>
          Your worker id
          <input
            name="workerId"
            value={workerId}
            onChange={(e) => setWorkerId(e.target.value)}
            required
          />
        </label>
        <ErrorAlert message={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Entering…' : 'Enter the study'}
        </button>
      </form>
    </main>
  );
}
