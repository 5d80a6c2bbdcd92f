import { useState } from 'react';
import type { PromotionScope, RoundAction, RoundView } from '../../../shared/protocol/rounds';
import { useSession } from '../auth/session';
import { ApiError } from '../api/http';
import { Link } from '../routing/router';
import { useLoad } from '../layout/useLoad';
import { RoundQualityPanel } from '../review/RoundQualityPanel';
import { CountsPanel } from './CountsPanel';
import { MetricCharts } from './MetricCharts';
import { NoveltyView } from './NoveltyView';
import { ProgressBars, StatusBadge } from './ProgressBars';
import { actOnRound, allowedActions, getRoundCounts, promoteRound } from './roundsApi';
import { useRounds } from './useRounds';
import { ErrorAlert } from '../layout/ErrorAlert';

const pct = (x: number) => `${Math.round(x * 100)} %`;

export function RoundDetail({ roundId }: { roundId: string }) {
  const { rounds, error, live, replace } = useRounds(roundId);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const round = rounds?.[0];
  const { user } = useSession();
  const isAdmin = user?.roles.includes('admin') === true;

  const attempt = async (change: () => Promise<RoundView>) => {
    setConfirmingCancel(false);
    setBusy(true);
    setActionError(null);
    try {
      replace(await change());
    } catch (e) {
      setActionError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const run = (action: RoundAction) => attempt(() => actOnRound(roundId, action));
  const promote = (scope: PromotionScope) => attempt(() => promoteRound(roundId, scope));

  if (error !== null) {
    return (
      <main className="wide">
        <p role="alert" className="error">
          {error}
        </p>
        <Link href="/rounds">Back to rounds</Link>
      </main>
    );
  }
  if (round === undefined) {
    return <main className="wide">Loading…</main>;
  }
  return (
    <main className="wide">
      <header className="page-head">
        <h1>{round.name}</h1>
        <StatusBadge round={round} />
        <span className={`live ${live ? 'on' : ''}`}>{live ? '● live' : '○ offline'}</span>
        <Link href="/rounds">All rounds</Link>
      </header>
      <div className="actions">
        {allowedActions(round).map((action) => (
          <button
            key={action}
            type="button"
            className={
              action === 'launch' || action === 'resume' || action === 'retry'
                ? 'primary'
                : action === 'cancel'
                  ? 'danger'
                  : ''
            }
            disabled={busy || (action === 'cancel' && confirmingCancel)}
            // Cancelling cannot be undone: it asks first.
            onClick={() => (action === 'cancel' ? setConfirmingCancel(true) : void run(action))}
          >
            {action[0]?.toUpperCase()}
            {action.slice(1)}
          </button>
        ))}
      </div>
      {confirmingCancel && (
        <CancelConfirmation
          busy={busy}
          onConfirm={() => void run('cancel')}
          onKeep={() => setConfirmingCancel(false)}
        />
      )}
      <ErrorAlert message={actionError} />
      {round.status === 'failed' && round.failure !== null && (
        <section className="card failure" aria-label="Failure" role="alert">
          <h2>This round failed in {round.failure.stage}</h2>
          <p data-testid="failure-reason">{round.failure.reason}</p>
          <p className="hint">
            Fix the cause, then Retry: the {round.failure.stage} stage runs again from its stored
            progress.
          </p>
        </section>
      )}
      <div className="detail-grid">
        <section className="card" aria-label="Progress">
          <h2>Progress</h2>
          <ProgressBars round={round} />
        </section>
        <section className="card" aria-label="Configuration">
          <h2>Configuration</h2>
          <Configuration round={round} />
        </section>
      </div>
      <section className="card" aria-label="Counts">
        <h2>Tasks and annotations</h2>
        <Counts round={round} />
      </section>
      <section className="card" aria-label="Results">
        <h2>Results</h2>
        {round.results !== null && <Training round={round} />}
        <MetricCharts rounds={[round]} />
        {round.status === 'evaluated' && (
          <Promotion
            round={round}
            own={round.owner === user?.id}
            isAdmin={isAdmin}
            busy={busy}
            onPromote={promote}
          />
        )}
      </section>
      {round.status !== 'draft' &&
        round.status !== 'self-play' &&
        round.failure?.stage !== 'self-play' && (
          <section className="card" aria-label="Novelty">
            <h2>Most novel dialogues</h2>
            <NoveltyView round={round} />
          </section>
        )}
      {round.oracleMix.human > 0 && round.status !== 'draft' && (
        <section className="card" aria-label="Annotation quality">
          <h2>Annotation quality</h2>
          <RoundQualityPanel roundId={round.id} />
        </section>
      )}
    </main>
  );
}

function CancelConfirmation(props: { busy: boolean; onConfirm: () => void; onKeep: () => void }) {
  return (
    <div className="confirm card" role="alertdialog" aria-label="Cancel the round?">
      <p>
        Cancel this round for good? Its work stops and its open annotation tasks close; a cancelled
        round cannot be resumed.
      </p>
      <button type="button" className="danger" disabled={props.busy} onClick={props.onConfirm}>
        Yes, cancel the round
      </button>
      <button type="button" disabled={props.busy} onClick={props.onKeep}>
        Keep it
      </button>
    </div>
  );
}

function Configuration({ round }: { round: RoundView }) {
  return (
    <dl className="config">
      <dt>Domain</dt>
      <dd>{round.domain}</dd>
      <dt>Checkpoints</dt>
      <dd>
        Alice {round.checkpoints.alice ?? 'the owner’s default'}, Bob{' '}
        {round.checkpoints.bob ?? 'the owner’s default'}
      </dd>
      <dt>Self-play → annotate</dt>
      <dd>
        {round.selfPlayDialogues} dialogues → {round.annotate} most novel ({round.noveltyMetric})
      </dd>
      <dt>Oracle mix (target)</dt>
      <dd>
        human {pct(round.oracleMix.human)}, expert {pct(round.oracleMix.simulatedExpert)}, ASTRA{' '}
        {pct(round.oracleMix.astra)}
      </dd>
      <dt>Redundancy, gold rate (target)</dt>
      <dd>
        {round.redundancy} per task, gold {pct(round.goldRate)} of human tasks
      </dd>
      <dt>Learning</dt>
      <dd>
        Alice {round.aliceLearning === 'rl' ? 'learns by RL in self-play' : 'frozen in self-play'};{' '}
        {round.order === 'first' ? 'Bob and Alice learn' : 'Bob learns'} from the annotations
      </dd>
      <dt>Retraining policy</dt>
      <dd>{round.retrainingPolicy}</dd>
      <dt>Seed</dt>
      <dd>{round.seed}</dd>
    </dl>
  );
}

function Training({ round }: { round: RoundView }) {
  const results = round.results;
  if (results === null) {
    return null;
  }
  const t = results.training;
  return (
    <dl className="config">
      <dt>Checkpoints</dt>
      <dd>
        Alice {results.checkpoints.alice} →{' '}
        {results.checkpoints.aliceAfter ?? results.checkpoints.alice}; Bob{' '}
        {results.checkpoints.bobBefore} → {results.checkpoints.bobAfter ?? 'not retrained'}
      </dd>
      {results.versusPrevious !== undefined && (
        <>
          <dt>New against previous</dt>
          <dd>
            new Alice vs the round’s first Alice: advantage{' '}
            {signed(results.versusPrevious.alice.advantage)}, agreement{' '}
            {pctOrDash(results.versusPrevious.alice.agreementRate)}; new Bob vs the round’s first
            Bob: advantage {signed(results.versusPrevious.bob.advantage)}, agreement{' '}
            {pctOrDash(results.versusPrevious.bob.agreementRate)}
          </dd>
        </>
      )}
      <dt>Bob retrained on</dt>
      <dd>
        {t.previousDialogues} earlier dialogues + {t.humanAnnotations} human,{' '}
        {t.simulatedExpertAnnotations} expert, {t.astraAnnotations} ASTRA annotations (
        {t.excludedHumanAnnotations} human annotations excluded by the policy)
      </dd>
    </dl>
  );
}

/**
 * An evaluated round's checkpoints become a default only when a person says so, after reading
 * the evaluation above: the owner's next rounds (with no checkpoint of their own) start from them.
 */
function Promotion(props: {
  round: RoundView;
  own: boolean;
  isAdmin: boolean;
  busy: boolean;
  onPromote: (scope: PromotionScope) => Promise<void>;
}) {
  const promotion = props.round.promotion;
  return (
    <div className="promotion" aria-label="Promotion">
      <p data-testid="promotion-status">
        {promotion === null
          ? 'These checkpoints are nobody’s default yet.'
          : `Promoted to ${promotion.scope === 'everyone' ? 'everyone’s' : 'the owner’s'} default ` +
            `on ${new Date(promotion.at).toLocaleString()}: Bob ${promotion.bob}` +
            (promotion.alice === null ? '' : `, Alice ${promotion.alice}`) +
            '.'}
      </p>
      <button
        type="button"
        className="primary"
        disabled={props.busy}
        onClick={() => void props.onPromote('owner')}
      >
        {props.own ? 'Make them my default' : 'Make them the owner’s default'}
      </button>
      {props.isAdmin && (
        <button
          type="button"
          disabled={props.busy}
          onClick={() => void props.onPromote('everyone')}
        >
          Make them everyone’s default
        </button>
      )}
    </div>
  );
}

const signed = (v: number | null) => (v === null ? '—' : `${v >= 0 ? '+' : ''}${v.toFixed(2)}`);
const pctOrDash = (v: number | null) => (v === null ? '—' : pct(v));

/** The counts, fetched again whenever a progress push changes the round. */
function Counts({ round }: { round: RoundView }) {
  const { data, error } = useLoad(
    () => getRoundCounts(round.id),
    `${round.id}:${round.status}:${JSON.stringify(round.progress)}`,
  );
  if (error !== null) {
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  }
  return data === null ? <p>Loading…</p> : <CountsPanel counts={data} round={round} />;
}
