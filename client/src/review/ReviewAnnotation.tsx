import { useState } from 'react';
import type { AnnotationDetailView, ReviewDecisionBody } from '../../../shared/protocol/review';
import { getDomain } from '../../../shared/domain/domains';
import { ApiError } from '../api/http';
import { actSentence, sharePhrase } from '../annotate/sentences';
import { useLoad } from '../layout/useLoad';
import { Link } from '../routing/router';
import { FlagChips, ReviewBadge } from './FlagChips';
import { formatCents, formatWhen } from './format';
import { ParetoScatter } from './ParetoScatter';
import { ReviewTabs } from './ReviewTabs';
import { decide, getAnnotation, setWorkerBlocked } from './reviewApi';
import { ErrorAlert } from '../layout/ErrorAlert';

/** One annotation replayed for a reviewer, with both sides' scores, and the decision form. */
export function ReviewAnnotation({ annotationId }: { annotationId: string }) {
  const { data: a, error, reload } = useLoad(() => getAnnotation(annotationId), annotationId);
  if (error !== null) {
    return (
      <main className="wide">
        <p role="alert" className="error">
          {error}
        </p>
        <Link href="/review">Back to the queue</Link>
      </main>
    );
  }
  if (a === null) {
    return <main className="wide">Loading…</main>;
  }
  const offers = a.turns.flatMap((t) =>
    t.offerScores === null ? [] : [{ ...t.offerScores, speaker: t.speaker }],
  );
  return (
    <main className="wide">
      <header className="page-head">
        <h1>Annotation {a.id.slice(-6)}</h1>
        <ReviewBadge status={a.review.status} />
        <ReviewTabs current="" />
      </header>
      <p>
        By <strong>{a.worker.username ?? a.worker.id}</strong>, {formatWhen(a.startedAt)} →{' '}
        {formatWhen(a.endedAt)}; {a.invalidActs} refused acts, {a.suggestionsAsked} ASTRA
        suggestions asked.
      </p>
      <FlagChips flags={a.flags} />
      {a.flags.length > 0 && (
        <ul className="flag-details small">
          {a.flags.map((f, i) => (
            <li key={i}>
              <strong>{f.code}</strong>: {f.detail}
            </li>
          ))}
        </ul>
      )}
      <div className="review-grid">
        <Replay annotation={a} />
        <div>
          <section className="card" aria-label="Scores">
            <h2>Scores</h2>
            <Values annotation={a} />
            <ParetoScatter
              frontier={a.frontier}
              offers={offers}
              deal={a.deal === null ? null : { alice: a.deal.alice, bob: a.deal.bob }}
            />
            <p className="small">
              {a.deal === null
                ? 'No deal.'
                : `Deal: Alice ${a.deal.alice}, Bob ${a.deal.bob}${
                    a.deal.paretoOptimal === true
                      ? ' — Pareto-optimal.'
                      : a.deal.paretoOptimal === false
                        ? ' — not Pareto-optimal.'
                        : '.'
                  }`}{' '}
              No deal is worth {a.batna} to each side.
            </p>
          </section>
          <Decision annotation={a} onDone={reload} />
        </div>
      </div>
    </main>
  );
}

function Replay({ annotation: a }: { annotation: AnnotationDetailView }) {
  const domain = getDomain(a.domain);
  const selection = (share: number[] | null | undefined) =>
    share === null || share === undefined ? 'none' : sharePhrase(domain, a.counts, share);
  return (
    <section className="card transcript" aria-label="Dialogue">
      <h2>Dialogue</h2>
      <ol>
        {a.turns.map((t) => (
          <li
            key={t.turn}
            className={`bubble ${t.speaker} ${t.prefix ? 'prefix' : ''}`}
            data-testid="replay-turn"
          >
            <span className="who">
              {t.speaker === 'alice' ? 'Alice' : 'Bob'}
              {t.prefix ? ' (self-play)' : t.speaker === 'bob' ? ' (worker)' : ''}
            </span>
            <span className="said">{actSentence(t.act, domain, a.counts)}</span>
            {t.offerScores !== null && (
              <span className="offer-scores small">
                Alice {t.offerScores.alice} · Bob {t.offerScores.bob}
              </span>
            )}
            {t.suggested !== null && (
              <span className="suggested small">
                ASTRA suggested: {actSentence(t.suggested, domain, a.counts)}
              </span>
            )}
          </li>
        ))}
      </ol>
      <p className="small">
        Selections: Alice {selection(a.selections.alice)}; Bob {selection(a.selections.bob)}.
      </p>
    </section>
  );
}

function Values({ annotation: a }: { annotation: AnnotationDetailView }) {
  const domain = getDomain(a.domain);
  return (
    <table className="values-table small" aria-label="Values">
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Count</th>
          <th scope="col">Alice's value</th>
          <th scope="col">Bob's value</th>
        </tr>
      </thead>
      <tbody>
        {domain.items.map((item, i) => (
          <tr key={item.id}>
            <th scope="row">{item.plural}</th>
            <td>{a.counts[i]}</td>
            <td>{a.utilities.alice[i]}</td>
            <td>{a.utilities.bob[i]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Decision(props: { annotation: AnnotationDetailView; onDone: () => void }) {
  const a = props.annotation;
  const [reason, setReason] = useState(a.review.reason);
  const [bonus, setBonus] = useState('0');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Rejecting is the decision a worker feels most: it takes a second, deliberate click.
  const [confirmingReject, setConfirmingReject] = useState(false);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setNotice(await work());
      props.onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const submit = (decision: ReviewDecisionBody['decision'], confirmed = false) => {
    setConfirmingReject(false);
    const cents = Math.round(Number(bonus) * 100);
    if (!Number.isFinite(cents) || cents < 0 || cents > 10_000) {
      setError('The bonus is between $0 and $100.');
      return;
    }
    if (decision !== 'accepted' && reason.trim() === '') {
      setError('Say why: a rejection needs a reason the worker can read.');
      return;
    }
    if (decision === 'rejected' && !confirmed) {
      setError(null);
      setConfirmingReject(true);
      return;
    }
    void run(async () => {
      const review = await decide(a.id, {
        decision,
        reason: reason.trim(),
        bonusCents: cents,
        expectedStatus: a.review.status,
      });
      return `Saved: ${review.status}${review.bonusCents > 0 ? `, bonus ${formatCents(review.bonusCents)}` : ''}.`;
    });
  };
  const block = () => {
    if (reason.trim() === '') {
      setError('Say why the worker is blocked (the reason field).');
      return;
    }
    void run(async () => {
      await setWorkerBlocked(a.worker.id, true, reason.trim());
      return `${a.worker.username ?? 'The worker'} is blocked.`;
    });
  };
  return (
    <section className="card stack" aria-label="Decision">
      <h2>Decision</h2>
      {a.review.decidedBy !== null && (
        <p className="small">
          Decided by {a.review.decidedBy} {formatWhen(a.review.at)}
          {a.review.reason !== '' && <>: “{a.review.reason}”</>}
          {a.review.bonusCents > 0 && <>, bonus {formatCents(a.review.bonusCents)}</>}
        </p>
      )}
      <label>
        Reason (shown to the worker; needed to reject or block)
        <textarea
          value={reason}
          maxLength={500}
          rows={3}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <label>
        Bonus ($)
        <input
          type="number"
          min={0}
          max={100}
          step={0.01}
          value={bonus}
          onChange={(e) => setBonus(e.target.value)}
        />
      </label>
      <div className="actions">
        <button type="button" className="good" disabled={busy} onClick={() => submit('accepted')}>
          Accept
        </button>
        <button type="button" disabled={busy} onClick={() => submit('soft-rejected')}>
          Soft-reject
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => submit('rejected')}>
          Reject
        </button>
        <button type="button" className="danger" disabled={busy} onClick={block}>
          Block worker
        </button>
      </div>
      {confirmingReject && (
        <div role="alertdialog" aria-label="Confirm rejection" className="notice stack">
          <p>
            Reject this annotation by {a.worker.username ?? 'this worker'}? They will read your
            reason: “{reason.trim()}”
          </p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => submit('rejected', true)}
            >
              Yes, reject
            </button>
            <button type="button" onClick={() => setConfirmingReject(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <ErrorAlert message={error} />
      {notice !== null && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
    </section>
  );
}
