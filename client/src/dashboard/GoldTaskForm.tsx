import { useState, type FormEvent } from 'react';
import { actTypes, type ActType } from '../../../shared/dialogue/acts';
import { getDomain } from '../../../shared/domain/domains';
import type { Domain } from '../../../shared/domain/types';
import type { NoveltyEntry, RoundView } from '../../../shared/protocol/rounds';
import { ApiError } from '../api/http';
import { ErrorAlert } from '../layout/ErrorAlert';
import { useLoad } from '../layout/useLoad';
import { createGoldTask } from './goldTasksApi';
import { expectationsOf, noExpectations, type ExpectationFields } from './goldExpectations';
import { noveltyActSentence, oracleLabel } from './noveltyText';
import { getRoundNovelty } from './roundsApi';
import { RoundPicker } from './RoundPicker';

/** The act types a worker can answer with in the domain (all of them before one is chosen). */
function answerTypes(domain: Domain | null): readonly ActType[] {
  return actTypes.filter(
    (type) =>
      domain === null ||
      ((type !== 'walkaway' || domain.supportsWalkaway) &&
        ((type !== 'askPreference' && type !== 'statePreference') || domain.supportsPreferences)),
  );
}

/**
 * A gold task from one of a round's most novel dialogues: where to cut it (after one of Alice's
 * acts) and the known-good answer ranges a careful worker's continuation falls in.
 */
export function GoldTaskForm(props: { rounds: readonly RoundView[]; onCreated: () => void }) {
  const [roundId, setRoundId] = useState('');
  const [dialogueId, setDialogueId] = useState('');
  const [cutAt, setCutAt] = useState<number | null>(null);
  const [wanted, setWanted] = useState<ExpectationFields>(noExpectations);
  const [redundancy, setRedundancy] = useState('3');
  const [inRound, setInRound] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [serverError, setServerError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const round = props.rounds.find((r) => r.id === roundId);
  const novelty = useLoad<NoveltyEntry[]>(
    () => (roundId === '' ? Promise.resolve([]) : getRoundNovelty(roundId)),
    roundId,
  );
  const entry = novelty.data?.find((d) => d.dialogueId === dialogueId);

  const pickRound = (id: string) => {
    setRoundId(id);
    setDialogueId('');
    setCutAt(null);
  };
  const pickDialogue = (id: string) => {
    setDialogueId(id);
    setCutAt(novelty.data?.find((d) => d.dialogueId === id)?.cutAt ?? null);
  };
  const toggleType = (type: ActType) =>
    setWanted((e) => ({
      ...e,
      firstResponseTypes: e.firstResponseTypes.includes(type)
        ? e.firstResponseTypes.filter((t) => t !== type)
        : [...e.firstResponseTypes, type],
    }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    setServerError(null);
    const found: string[] = [];
    if (entry === undefined || cutAt === null) {
      found.push('Choose a round and one of its dialogues to cut.');
    }
    const expectations = expectationsOf(wanted);
    if (!expectations.ok) {
      found.push(...expectations.messages);
    }
    const copies = Number(redundancy);
    if (!Number.isInteger(copies) || copies < 1 || copies > 20) {
      found.push('Annotations per task must be a whole number from 1 to 20.');
    }
    setProblems(found);
    if (found.length > 0 || !expectations.ok || entry === undefined || cutAt === null) {
      return;
    }
    setBusy(true);
    try {
      const gold = await createGoldTask({
        dialogueId: entry.dialogueId,
        cutAt,
        expectations: expectations.expectations,
        redundancy: copies,
        roundId: inRound ? roundId : null,
      });
      setCreated(`Gold task created (task ${gold.taskId}).`);
      setWanted(noExpectations);
      props.onCreated();
    } catch (e) {
      setServerError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const domain = round === undefined ? null : getDomain(round.domain);
  return (
    <form
      className="card form-grid"
      aria-label="New gold task"
      noValidate
      onSubmit={(e) => void submit(e)}
    >
      <RoundPicker label="Round" rounds={props.rounds} value={roundId} onChange={pickRound} />
      <label>
        Dialogue
        <select
          value={dialogueId}
          onChange={(e) => pickDialogue(e.target.value)}
          disabled={(novelty.data ?? []).length === 0}
        >
          <option value="">
            {roundId === ''
              ? 'choose a round first'
              : (novelty.data ?? []).length === 0
                ? 'no ranked dialogues in this round yet'
                : 'choose one of its most novel dialogues…'}
          </option>
          {(novelty.data ?? []).map((d) => (
            <option key={d.dialogueId} value={d.dialogueId}>
              {`#${d.rank} · ${d.turns.length} acts · continued by ${oracleLabel(d.oracle)}`}
            </option>
          ))}
        </select>
      </label>
      <ErrorAlert message={novelty.error} />
      {entry !== undefined && domain !== null && (
        <fieldset className="wide-field">
          <legend>Cut after Alice's act (the worker continues from there as Bob)</legend>
          <ol className="transcript small" start={0}>
            {entry.turns.map((turn, index) => (
              <li key={index}>
                {turn.speaker === 'alice' ? (
                  <label className="inline">
                    <input
                      type="radio"
                      name="cutAt"
                      checked={cutAt === index}
                      onChange={() => setCutAt(index)}
                    />
                    Alice: {noveltyActSentence(turn.act, domain, entry.counts)}
                  </label>
                ) : (
                  <span className="muted">
                    Bob: {noveltyActSentence(turn.act, domain, entry.counts)}
                  </span>
                )}
              </li>
            ))}
          </ol>
        </fieldset>
      )}
      <fieldset className="wide-field">
        <legend>Known-good answer (every stated expectation must hold)</legend>
        <label>
          Outcome
          <select
            value={wanted.outcome}
            onChange={(e) =>
              setWanted((x) => ({ ...x, outcome: e.target.value as ExpectationFields['outcome'] }))
            }
          >
            <option value="">any (not checked)</option>
            <option value="deal">a deal</option>
            <option value="no deal">no deal</option>
          </select>
        </label>
        <label>
          Bob scores at least
          <input
            type="number"
            value={wanted.minBobScore}
            placeholder="not checked"
            onChange={(e) => setWanted((x) => ({ ...x, minBobScore: e.target.value }))}
          />
          {domain !== null && <span className="hint">out of {domain.maxScore}</span>}
        </label>
        <div role="group" aria-label="Acceptable first answers">
          <span>Acceptable first answers (none ticked: not checked)</span>
          {answerTypes(domain).map((type) => (
            <label key={type} className="inline">
              <input
                type="checkbox"
                checked={wanted.firstResponseTypes.includes(type)}
                onChange={() => toggleType(type)}
              />
              {type}
            </label>
          ))}
        </div>
      </fieldset>
      <label>
        Annotations per task
        <input type="number" value={redundancy} onChange={(e) => setRedundancy(e.target.value)} />
      </label>
      <label className="inline">
        <input type="checkbox" checked={inRound} onChange={(e) => setInRound(e.target.checked)} />
        Serve it in this round (its gold rate; the round waits for its annotations)
      </label>
      {problems.map((m) => (
        <p key={m} role="alert" className="error field-error">
          {m}
        </p>
      ))}
      <ErrorAlert message={serverError} />
      {created !== null && (
        <p role="status" className="notice">
          {created}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create gold task'}
      </button>
    </form>
  );
}
