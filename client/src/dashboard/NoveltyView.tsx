import { useState } from 'react';
import { getDomain } from '../../../shared/domain/domains';
import type { NoveltyEntry, RoundView } from '../../../shared/protocol/rounds';
import { useLoad } from '../layout/useLoad';
import { formatSurprisal, metricLabel, noveltyActSentence, oracleLabel } from './noveltyText';
import { getRoundNovelty } from './roundsApi';

/**
 * The round's most novel self-play dialogues: score, who continued each, and the dialogue with
 * the act it was cut after (the one that surprised Bob) highlighted.
 */
export function NoveltyView({ round }: { round: RoundView }) {
  const { data, error } = useLoad(() => getRoundNovelty(round.id), `${round.id}:${round.status}`);
  const [open, setOpen] = useState<string | null>(null);
  if (error !== null) {
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  }
  if (data === null) {
    return <p>Loading…</p>;
  }
  if (data.length === 0) {
    return <p className="muted">No ranked dialogues yet (ranking comes after self-play).</p>;
  }
  const metric = metricLabel(round.noveltyMetric);
  return (
    <>
      <p className="small muted">
        Most novel first, by the {metric} of Alice's acts under Bob's model: higher means Bob
        expected them less. Open one to see the act it was cut after.
      </p>
      <ol className="novelty-list" aria-label="Most novel dialogues">
        {data.map((entry) => (
          <li key={entry.dialogueId} data-testid="novelty-entry">
            <button
              type="button"
              className="novelty-head"
              aria-expanded={open === entry.dialogueId}
              onClick={() => setOpen(open === entry.dialogueId ? null : entry.dialogueId)}
            >
              <span className="rank">#{entry.rank}</span>
              <span className="score">
                {metric} {entry.novelty.toFixed(2)}
              </span>
              <span className={`chip oracle-${entry.oracle ?? 'none'}`}>
                {oracleLabel(entry.oracle)}
              </span>
              <span className="muted small">
                cut after act {entry.cutAt + 1} of {entry.turns.length}
              </span>
            </button>
            {open === entry.dialogueId && <NoveltyDialogue entry={entry} domainId={round.domain} />}
          </li>
        ))}
      </ol>
    </>
  );
}

function NoveltyDialogue({ entry, domainId }: { entry: NoveltyEntry; domainId: string }) {
  const domain = getDomain(domainId);
  const counts = entry.counts;
  return (
    <ol className="transcript-lines">
      {entry.turns.map((turn, i) => (
        <li
          key={i}
          className={`bubble ${turn.speaker} ${i === entry.cutAt ? 'novel' : ''} ${i > entry.cutAt ? 'after-cut' : ''}`}
          data-testid={i === entry.cutAt ? 'novel-act' : 'novelty-turn'}
        >
          <span className="who">{turn.speaker === 'alice' ? 'Alice' : 'Bob'}</span>
          <span className="said">{noveltyActSentence(turn.act, domain, counts)}</span>
          {(entry.actNovelty[i] ?? null) !== null && (
            <span className="surprisal small" title="−log p of this act under Bob's model">
              surprise {formatSurprisal(entry.actNovelty[i] ?? null)}
            </span>
          )}
          {i === entry.cutAt && (
            <span className="chip novel-chip">the task starts after this act</span>
          )}
        </li>
      ))}
    </ol>
  );
}
