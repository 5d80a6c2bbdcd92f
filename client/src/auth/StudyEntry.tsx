import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  entryFromQuery,
  type EntryLink,
  type StudyEnterBody,
} from '../../../shared/protocol/studies';
import { ApiError } from '../api/http';
import { navigate } from '../routing/router';
import { useSession } from './session';
import { ErrorAlert } from '../layout/ErrorAlert';

/** What a refused entry tells the participant, by the error's code. */
export function entryErrorMessage(e: unknown): string {
  if (!(e instanceof ApiError)) {
    return String(e);
  }
  if (e.code === 'entry_unverified') {
    return `${e.message} If you followed the link from the study platform, contact the study team.`;
  }
  if (e.code === 'validation_failed') {
    return 'This study link is incomplete or malformed; use the link exactly as you were given it.';
  }
  // study_closed, study_full, entry_replayed, account_blocked, rate_limited: the server's words.
  return e.message;
}

function linkProblem(link: EntryLink): string | null {
  if (link.ok || link.reason === 'no_credential') {
    return null;
  }
  return link.reason === 'mturk_preview'
    ? 'This is a preview of the HIT: accept it on MTurk first, then the study opens here.'
    : 'This study link names no participant; use the link exactly as the study platform gave it.';
}

/**
 * `/study/:studyId?…`: a crowd participant's study link (Prolific's `PROLIFIC_PID`…, MTurk's
 * `workerId`…, or Parley's `participant`) with its signature (`sig`) or one-time `code` signs
 * them in as a worker of that study and sends them to the workspace. A link without either asks
 * for the one-time code the study team gave them (docs/studies.md).
 */
export function StudyEntry({ studyId, query }: { studyId: string; query: URLSearchParams }) {
  const { enterStudy } = useSession();
  const link = entryFromQuery(studyId, query);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(linkProblem(link));
  const [busy, setBusy] = useState(false);
  const tried = useRef(false);

  const enter = async (entry: StudyEnterBody) => {
    setBusy(true);
    setError(null);
    try {
      await enterStudy(entry);
      navigate('/annotate', { replace: true });
    } catch (e) {
      setError(entryErrorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (link.ok && !tried.current) {
      tried.current = true;
      void enter(link.body);
    }
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!link.ok && link.reason === 'no_credential') {
      void enter({ ...link.body, code: code.trim() });
    }
  };

  return (
    <main className="narrow">
      <h1>Welcome to the study</h1>
      <p>
        You will negotiate with a computer partner over a few items. It takes a few minutes per
        task; a completion code is shown at the end.
      </p>
      {link.ok && busy && <p className="muted">Entering the study…</p>}
      {!link.ok && link.reason === 'no_credential' && (
        <form onSubmit={submit} className="card stack" aria-label="Study entry">
          <label>
            Your one-time entry code
            <input
              name="code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              autoComplete="off"
              required
            />
          </label>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Entering…' : 'Enter the study'}
          </button>
        </form>
      )}
      <ErrorAlert message={error} />
    </main>
  );
}
