import { useState } from 'react';
import type { DatasetView } from '../../../shared/protocol/datasets';
import { dialogueSources } from '../../../shared/corpus/dialogueRecord';
import { domainIds } from '../../../shared/domain/domains';
import { reviewStatuses } from '../../../shared/protocol/review';
import { RoundPicker } from '../dashboard/RoundPicker';
import { listRounds } from '../dashboard/roundsApi';
import { ErrorAlert } from '../layout/ErrorAlert';
import { useLoad } from '../layout/useLoad';
import { exportLink, type ExportFormFields } from './exportLink';

/** Filters for a JSONL export; the result is a download link (the server streams it). */
export function ExportForm({ datasets }: { datasets: readonly DatasetView[] }) {
  const [f, setF] = useState<ExportFormFields>({
    dataset: '',
    source: '',
    domain: '',
    review: '',
    round: '',
    from: '',
    to: '',
  });
  const field = (key: keyof typeof f) => ({
    value: f[key],
    onChange: (e: { target: { value: string } }) =>
      setF((old) => ({ ...old, [key]: e.target.value })),
  });
  const link = exportLink(f);
  // The rounds the caller may see (their own; an admin's, all), picked by name.
  const rounds = useLoad(listRounds, 'rounds');
  const name = `${f.dataset === '' ? 'parley' : f.dataset.replace(':', '-')}.jsonl`;
  return (
    <form className="card stack" aria-label="Export" onSubmit={(e) => e.preventDefault()}>
      <h2>Export JSONL</h2>
      <div className="filters">
        <label>
          Dataset
          <select {...field('dataset')}>
            <option value="">all</option>
            {datasets.map((d) => (
              <option key={d.dataset} value={d.dataset}>
                {d.dataset}
              </option>
            ))}
          </select>
        </label>
        <label>
          Source
          <select {...field('source')}>
            <option value="">any</option>
            {dialogueSources.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Domain
          <select {...field('domain')}>
            <option value="">any</option>
            {domainIds.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        </label>
        <label>
          Review
          <select {...field('review')}>
            <option value="">any</option>
            {reviewStatuses.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <RoundPicker
          label="Round"
          rounds={rounds.data ?? []}
          value={f.round}
          emptyLabel="any"
          onChange={(round) => setF((old) => ({ ...old, round }))}
        />
        <label>
          From
          <input type="date" {...field('from')} />
        </label>
        <label>
          To (exclusive)
          <input type="date" {...field('to')} />
        </label>
      </div>
      <ErrorAlert message={link.ok ? null : link.message} />
      <div>
        {link.ok ? (
          <a className="button primary" href={link.href} download={name} data-testid="export-link">
            Download {name}
          </a>
        ) : (
          <button type="button" className="primary" disabled data-testid="export-link">
            Download {name}
          </button>
        )}
      </div>
      {link.ok && (
        <p className="small muted">
          <code>{link.href}</code>
        </p>
      )}
    </form>
  );
}
