import { useState, type FormEvent } from 'react';
import type { StudyKind, StudyView } from '../../../shared/protocol/studies';
import { ApiError } from '../api/http';
import { ErrorAlert } from '../layout/ErrorAlert';
import { useLoad } from '../layout/useLoad';
import { defaultQuestionnaire } from '../../../shared/protocol/evaluation';
import { EvaluationFields, type EvaluationDraft } from './EvaluationFields';
import { EvaluationResults } from './EvaluationResults';
import { parseQuestionnaire, questionnaireText } from './evaluationForm';
import { roundLabel } from './RoundPicker';
import { listRounds } from './roundsApi';
import {
  actOnStudy,
  addStudyCodes,
  codesCsvHref,
  createStudy,
  linksCsv,
  listStudies,
  mturkTemplate,
  parseParticipantIds,
  participantsCsvHref,
  prolificTemplate,
  rotateStudySecret,
  signStudyLinks,
  studyActionsFor,
  updateStudy,
} from './studiesApi';

const messageOf = (e: unknown) => (e instanceof ApiError ? e.message : String(e));

/**
 * Researchers' crowd studies (docs/studies.md): create one bound to rounds, open, pause or
 * close it, paste its link into Prolific or MTurk, make one-time codes or signed links, and
 * download the participants' status for payment.
 */
export function StudiesPage() {
  const studies = useLoad(listStudies, 'studies');
  return (
    <main className="wide">
      <header className="page-head">
        <h1>Studies</h1>
      </header>
      <p className="muted">
        A study brings crowd participants (Prolific, MTurk) to the tasks of your rounds, or has them
        negotiate with the agents you compare (an evaluation study). Each entry is verified: a
        signed link or a one-time code. How to set one up on each platform: docs/studies.md.
      </p>
      <CreateStudyForm onCreated={studies.reload} />
      <ErrorAlert message={studies.error} />
      {studies.data !== null && studies.data.length === 0 && (
        <p className="muted">No studies yet.</p>
      )}
      {studies.data?.map((study) => (
        <StudyCard key={study.id} study={study} onChanged={studies.reload} />
      ))}
    </main>
  );
}

function CreateStudyForm({ onCreated }: { onCreated: () => void }) {
  const rounds = useLoad(listRounds, 'rounds');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<StudyKind>('annotation');
  const [roundIds, setRoundIds] = useState<string[]>([]);
  const [evaluation, setEvaluation] = useState<EvaluationDraft>({
    agents: [],
    dialoguesPerModel: 1,
    questionnaire: questionnaireText(defaultQuestionnaire),
  });
  const [quota, setQuota] = useState(50);
  const [tasks, setTasks] = useState(3);
  const [completionCode, setCompletionCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const questions = parseQuestionnaire(evaluation.questionnaire);
    if (kind === 'evaluation' && !questions.ok) {
      setError(`Questionnaire, line ${questions.line}: ${questions.message}.`);
      return;
    }
    setBusy(true);
    try {
      await createStudy({
        kind,
        name,
        quota,
        tasksPerParticipant: tasks,
        completionCode,
        ...(kind === 'annotation'
          ? { roundIds }
          : {
              evaluation: {
                domain: 'dealornodeal',
                checkpoints: evaluation.agents,
                dialoguesPerModel: evaluation.dialoguesPerModel,
                ...(questions.ok ? { questionnaire: questions.questions } : {}),
              },
            }),
      });
      setName('');
      setCompletionCode('');
      onCreated();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card stack" aria-label="New study" onSubmit={(e) => void submit(e)}>
      <h2>New study</h2>
      <label>
        Name
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label>
        Kind
        <select
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value === 'evaluation' ? 'evaluation' : 'annotation')}
        >
          <option value="annotation">Annotation (tasks of rounds)</option>
          <option value="evaluation">Evaluation (agents negotiate with participants)</option>
        </select>
      </label>
      {kind === 'annotation' ? (
        <fieldset>
          <legend>Rounds whose tasks participants annotate</legend>
          <ErrorAlert message={rounds.error} />
          {rounds.data?.length === 0 && <p className="muted">Create a round first.</p>}
          {rounds.data?.map((r) => (
            <label key={r.id} className="inline">
              <input
                type="checkbox"
                checked={roundIds.includes(r.id)}
                onChange={(e) =>
                  setRoundIds((ids) =>
                    e.target.checked ? [...ids, r.id] : ids.filter((id) => id !== r.id),
                  )
                }
              />{' '}
              {roundLabel(r)}
            </label>
          ))}
        </fieldset>
      ) : (
        <EvaluationFields draft={evaluation} onChange={setEvaluation} />
      )}
      <StudySizeFields
        quota={quota}
        onQuota={setQuota}
        tasks={tasks}
        onTasks={setTasks}
        completionCode={completionCode}
        onCompletionCode={setCompletionCode}
      />
      <ErrorAlert message={error} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create study'}
      </button>
    </form>
  );
}

function StudyCard({ study, onChanged }: { study: StudyView; onChanged: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const origin = window.location.origin;
  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <section className="card stack" aria-label={`Study ${study.name}`} data-testid="study">
      <header className="page-head">
        <h2>
          {study.name} <span className="muted small">{study.id}</span>
        </h2>
        <span className={`status status-${study.status}`} data-testid="study-status">
          {study.status}
        </span>
      </header>
      <p>
        {study.kind} · {study.entered} of {study.quota} participants in ·{' '}
        {study.tasksPerParticipant} task(s) each · completion code{' '}
        <code>{study.completionCode}</code> · one-time codes used {study.codes.used} of{' '}
        {study.codes.total}
      </p>
      <div className="actions">
        {studyActionsFor(study.status).map((action) => (
          <button
            key={action}
            type="button"
            onClick={() => void run(() => actOnStudy(study.id, action))}
          >
            {action === 'open' ? 'Open' : action === 'pause' ? 'Pause' : 'Close'}
          </button>
        ))}
        {study.status !== 'closed' && (
          <button type="button" onClick={() => setEditing((v) => !v)}>
            {editing ? 'Cancel edit' : 'Edit'}
          </button>
        )}
        <a href={participantsCsvHref(study.id)} download>
          Participants (CSV)
        </a>
      </div>
      <ErrorAlert message={error} />
      {editing && (
        <EditStudyForm
          study={study}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
        />
      )}
      {study.kind === 'evaluation' && (
        <EvaluationResults studyId={study.id} version={`${study.updatedAt}/${study.entered}`} />
      )}
      <details>
        <summary>Links to paste into the crowd platform</summary>
        <p>
          Prolific study URL (participants then need a one-time code, or a signed link you send
          them):
        </p>
        <pre data-testid="prolific-template">{prolificTemplate(origin, study.id)}</pre>
        <p>MTurk ExternalQuestion URL (with one-time codes or per-HIT signed links):</p>
        <pre>{mturkTemplate(origin, study.id)}</pre>
        <p>
          A signed link: <code>{`${origin}/study/${study.id}?participant=<id>&sig=<hex>`}</code>,
          where <code>sig</code> is HMAC-SHA256 of the participant id with the study secret.
        </p>
      </details>
      {study.secret !== null && <OwnerTools study={study} origin={origin} run={run} />}
    </section>
  );
}

function OwnerTools({
  study,
  origin,
  run,
}: {
  study: StudyView;
  origin: string;
  run: (work: () => Promise<unknown>) => Promise<void>;
}) {
  const [count, setCount] = useState(10);
  const [ids, setIds] = useState('');
  const [download, setDownload] = useState<string | null>(null);
  const makeLinks = () =>
    run(async () => {
      const links = await signStudyLinks(study.id, parseParticipantIds(ids));
      const csv = linksCsv(origin, links);
      setDownload(URL.createObjectURL(new Blob([csv], { type: 'text/csv' })));
    });
  return (
    <details>
      <summary>Entry codes, signed links and the secret</summary>
      <div className="stack">
        <div className="actions">
          <label>
            One-time codes to add
            <input
              type="number"
              min={1}
              max={1000}
              value={count}
              onChange={(e) => setCount(Number(e.target.value))}
            />
          </label>
          <button type="button" onClick={() => void run(() => addStudyCodes(study.id, count))}>
            Make codes
          </button>
          <a href={codesCsvHref(study.id)} download>
            Codes (CSV)
          </a>
        </div>
        <label>
          Participant ids for signed links (one a line)
          <textarea value={ids} onChange={(e) => setIds(e.target.value)} rows={3} />
        </label>
        <div className="actions">
          <button type="button" onClick={() => void makeLinks()}>
            Make signed links
          </button>
          {download !== null && (
            <a href={download} download={`${study.id}-links.csv`} data-testid="links-csv">
              Signed links (CSV)
            </a>
          )}
        </div>
        <p>
          Secret (keep it private; rotating it stops every signed link made so far):{' '}
          <code data-testid="study-secret">{study.secret}</code>{' '}
          <button type="button" onClick={() => void run(() => rotateStudySecret(study.id))}>
            Rotate secret
          </button>
        </p>
      </div>
    </details>
  );
}

/** The quota, the tasks per participant and the completion code: the same in both forms. */
function StudySizeFields(props: {
  quota: number;
  onQuota: (quota: number) => void;
  tasks: number;
  onTasks: (tasks: number) => void;
  completionCode: string;
  onCompletionCode: (code: string) => void;
}) {
  return (
    <>
      <label>
        Participants (quota)
        <input
          name="quota"
          type="number"
          min={1}
          value={props.quota}
          onChange={(e) => props.onQuota(Number(e.target.value))}
        />
      </label>
      <label>
        Tasks per participant
        <input
          name="tasksPerParticipant"
          type="number"
          min={1}
          max={100}
          value={props.tasks}
          onChange={(e) => props.onTasks(Number(e.target.value))}
        />
      </label>
      <label>
        Completion code (from the crowd platform)
        <input
          name="completionCode"
          value={props.completionCode}
          onChange={(e) => props.onCompletionCode(e.target.value)}
          required
        />
      </label>
    </>
  );
}

function EditStudyForm({ study, onSaved }: { study: StudyView; onSaved: () => void }) {
  const [name, setName] = useState(study.name);
  const [quota, setQuota] = useState(study.quota);
  const [tasks, setTasks] = useState(study.tasksPerParticipant);
  const [completionCode, setCompletionCode] = useState(study.completionCode);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await updateStudy(study.id, { name, quota, tasksPerParticipant: tasks, completionCode });
      onSaved();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <form className="stack" aria-label="Edit study" onSubmit={(e) => void submit(e)}>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <StudySizeFields
        quota={quota}
        onQuota={setQuota}
        tasks={tasks}
        onTasks={setTasks}
        completionCode={completionCode}
        onCompletionCode={setCompletionCode}
      />
      <ErrorAlert message={error} />
      <button type="submit" className="primary">
        Save
      </button>
    </form>
  );
}
