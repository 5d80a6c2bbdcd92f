import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import { domainIds } from '../../../shared/domain/domains';
import {
  acquisitionOrders,
  aliceLearningModes,
  createRoundBodySchema,
  noveltyMetrics,
  retrainingPolicies,
  roundLearningDefaults,
} from '../../../shared/protocol/rounds';
import { ApiError } from '../api/http';
import { navigate } from '../routing/router';
import { CheckpointPicker } from './CheckpointPicker';
import { createRound } from './roundsApi';
import { ErrorAlert } from '../layout/ErrorAlert';
import { fieldOfPath, plainMessage } from './roundFormMessages';

interface Fields {
  name: string;
  domain: string;
  aliceCheckpoint: string;
  bobCheckpoint: string;
  selfPlayDialogues: string;
  annotate: string;
  noveltyMetric: string;
  human: string;
  simulatedExpert: string;
  astra: string;
  redundancy: string;
  goldRate: string;
  retrainingPolicy: string;
  aliceLearning: string;
  order: string;
  seed: string;
}

const initial: Fields = {
  name: '',
  domain: 'dealornodeal',
  aliceCheckpoint: '',
  bobCheckpoint: '',
  selfPlayDialogues: '200',
  annotate: '20',
  noveltyMetric: 'minLogProb',
  human: '50',
  simulatedExpert: '25',
  astra: '25',
  redundancy: '1',
  goldRate: '0',
  retrainingPolicy: 'reviewed-accepted',
  aliceLearning: roundLearningDefaults.aliceLearning,
  order: roundLearningDefaults.order,
  seed: '1',
};

const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** The request body from the form (percentages → fractions, no checkpoint → the researcher's default). */
export function bodyOf(f: Fields): unknown {
  return {
    name: f.name,
    domain: f.domain,
    checkpoints: {
      alice: f.aliceCheckpoint.trim() === '' ? null : f.aliceCheckpoint.trim(),
      bob: f.bobCheckpoint.trim() === '' ? null : f.bobCheckpoint.trim(),
    },
    selfPlayDialogues: num(f.selfPlayDialogues),
    annotate: num(f.annotate),
    noveltyMetric: f.noveltyMetric,
    oracleMix: {
      human: num(f.human) / 100,
      simulatedExpert: num(f.simulatedExpert) / 100,
      astra: num(f.astra) / 100,
    },
    redundancy: num(f.redundancy),
    goldRate: num(f.goldRate) / 100,
    retrainingPolicy: f.retrainingPolicy,
    aliceLearning: f.aliceLearning,
    order: f.order,
    seed: num(f.seed),
  };
}

/** Field → messages, from the shared schema (the same the server applies), in the form's words. */
export function validate(f: Fields): Record<string, string[]> {
  const parsed = createRoundBodySchema.safeParse(bodyOf(f));
  const problems: Record<string, string[]> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const messages = (problems[fieldOfPath(issue.path)] ??= []);
      const message = plainMessage(issue);
      if (!messages.includes(message)) {
        messages.push(message);
      }
    }
  }
  return problems;
}

export function CreateRoundForm() {
  const [fields, setFields] = useState(initial);
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof Fields) => (value: string) => setFields((f) => ({ ...f, [key]: value }));
  const setAlice = useCallback((v: string) => setFields((f) => ({ ...f, aliceCheckpoint: v })), []);
  const setBob = useCallback((v: string) => setFields((f) => ({ ...f, bobCheckpoint: v })), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate(fields);
    setProblems(found);
    setServerError(null);
    if (Object.keys(found).length > 0) {
      return;
    }
    setBusy(true);
    try {
      const round = await createRound(createRoundBodySchema.parse(bodyOf(fields)));
      navigate(`/rounds/${round.id}`);
    } catch (e) {
      setServerError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const field = (key: keyof Fields, label: string, input: ReactNode, hint?: string) => (
    <label className={problems[key] === undefined ? '' : 'invalid'}>
      {label}
      {input}
      {hint !== undefined && <span className="hint">{hint}</span>}
      {problems[key]?.map((m) => (
        <span key={m} className="error field-error" role="alert">
          {m}
        </span>
      ))}
    </label>
  );
  const text = (key: keyof Fields, type = 'text') => (
    <input
      name={key}
      type={type}
      value={fields[key]}
      onChange={(e) => set(key)(e.target.value)}
      aria-invalid={problems[key] !== undefined}
    />
  );
  const picker = (key: 'aliceCheckpoint' | 'bobCheckpoint', role: 'alice' | 'bob') => (
    <CheckpointPicker
      name={key}
      domain={fields.domain}
      role={role}
      value={fields[key]}
      onChange={role === 'alice' ? setAlice : setBob}
    />
  );
  const select = (key: keyof Fields, options: readonly string[]) => (
    <select name={key} value={fields[key]} onChange={(e) => set(key)(e.target.value)}>
      {options.map((o) => (
        <option key={o}>{o}</option>
      ))}
    </select>
  );

  return (
    <main className="narrow">
      <h1>New acquisition round</h1>
      <form
        className="card form-grid"
        onSubmit={(e) => void submit(e)}
        noValidate
        aria-label="New round"
      >
        {field('name', 'Name', text('name'))}
        {field('domain', 'Domain', select('domain', domainIds))}
        {field('aliceCheckpoint', 'Alice checkpoint', picker('aliceCheckpoint', 'alice'))}
        {field('bobCheckpoint', 'Bob checkpoint', picker('bobCheckpoint', 'bob'))}
        {field('selfPlayDialogues', 'Self-play dialogues (N)', text('selfPlayDialogues', 'number'))}
        {field('annotate', 'Dialogues to annotate (k)', text('annotate', 'number'), 'at most N')}
        {field('noveltyMetric', 'Novelty metric', select('noveltyMetric', noveltyMetrics))}
        <fieldset className={`mix ${problems.oracleMix === undefined ? '' : 'invalid'}`}>
          <legend>Oracle mix (%; must add up to 100)</legend>
          <span className="hint mix-hint">
            Target shares: each selected dialogue's oracle is drawn at random by them (seeded), so
            the counts drawn differ a little; the round page shows both.
          </span>
          {field('human', 'Human crowd', text('human', 'number'))}
          {field('simulatedExpert', 'Simulated expert', text('simulatedExpert', 'number'))}
          {field('astra', 'ASTRA', text('astra', 'number'))}
          {problems.oracleMix?.map((m) => (
            <span key={m} className="error field-error" role="alert">
              {m}
            </span>
          ))}
        </fieldset>
        {field('redundancy', 'Annotations per task', text('redundancy', 'number'))}
        {field(
          'goldRate',
          'Gold task rate (%)',
          text('goldRate', 'number'),
          'a target: each human task is drawn gold with this chance',
        )}
        {field(
          'retrainingPolicy',
          'Bob retrains on',
          select('retrainingPolicy', retrainingPolicies),
        )}
        {field(
          'aliceLearning',
          'Alice in self-play',
          select('aliceLearning', aliceLearningModes),
          'rl: she learns by REINFORCE against Bob, as in the paper’s epoch; frozen: she does not',
        )}
        {field(
          'order',
          'Who learns from the annotations',
          select('order', acquisitionOrders),
          'second: Bob only; first: Bob and Alice',
        )}
        {field('seed', 'Seed', text('seed', 'number'))}
        <ErrorAlert message={serverError} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create round'}
        </button>
      </form>
    </main>
  );
}
