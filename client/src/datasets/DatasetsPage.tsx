import { useState } from 'react';
import type { DatasetView, ImportReport } from '../../../shared/protocol/datasets';
import { datasetLabelSchema } from '../../../shared/protocol/datasets';
import { ApiError } from '../api/http';
import { useLoad } from '../layout/useLoad';
import { formatWhen } from '../review/format';
import { ExportForm } from './ExportForm';
import { importDataset, listDatasets } from './datasetsApi';
import { statsRows } from './statsRows';
import { ErrorAlert } from '../layout/ErrorAlert';

/** Researchers' datasets: stats of each (all vs D_L), JSONL import with a per-line report, export. */
export function DatasetsPage() {
  const { data, error, reload } = useLoad(listDatasets, 'datasets');
  return (
    <main className="wide">
      <header className="page-head">
        <h1>Datasets</h1>
      </header>
      <div className="detail-grid">
        <ImportForm onImported={reload} />
        <ExportForm datasets={data ?? []} />
      </div>
      <ErrorAlert message={error} />
      {data === null && error === null && <p>Loading…</p>}
      {data !== null && data.length === 0 && (
        <p className="card">No dialogue records yet: import a JSONL file or run a round.</p>
      )}
      {data?.map((d) => (
        <DatasetCard key={d.dataset} dataset={d} />
      ))}
    </main>
  );
}

function DatasetCard({ dataset: d }: { dataset: DatasetView }) {
  const review = Object.entries(d.review);
  return (
    <section className="card" aria-label={`Dataset ${d.dataset}`} data-testid="dataset">
      <h2>
        {d.dataset} <span className="chip">{d.kind === 'import' ? 'imported' : 'by source'}</span>
      </h2>
      <p className="muted small">
        Stored {formatWhen(d.firstStoredAt)} → {formatWhen(d.lastStoredAt)}; sources{' '}
        {Object.entries(d.stats.sources)
          .map(([s, n]) => `${s} ${n}`)
          .join(', ')}
        {review.length > 0 && <>; review {review.map(([s, n]) => `${s} ${n}`).join(', ')}</>}
      </p>
      <table className="values-table stats-compare" aria-label={`Statistics of ${d.dataset}`}>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col">All (D)</th>
            <th scope="col">
              Low quality (D<sub>L</sub>, &lt; 50 % unique acts)
            </th>
          </tr>
        </thead>
        <tbody>
          {statsRows(d.stats, d.lowQuality).map((row) => (
            <tr key={row.measure}>
              <th scope="row">{row.measure}</th>
              <td>{row.all}</td>
              <td>{row.lowQuality}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ImportForm({ onImported }: { onImported: () => void }) {
  const [label, setLabel] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const labelCheck = datasetLabelSchema.safeParse(label);

  const submit = async () => {
    if (!labelCheck.success) {
      setError(`Label: ${labelCheck.error.issues[0]?.message ?? 'invalid'}.`);
      return;
    }
    if (file === null) {
      setError('Choose a JSONL file.');
      return;
    }
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      setReport(await importDataset(label, file));
      onImported();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="card stack"
      aria-label="Import"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>Import JSONL</h2>
      <p className="small muted">
        One dialogue record per line (docs/formats.md). Invalid lines are reported and skipped;
        records already stored count as duplicates.
      </p>
      <label>
        Dataset label
        <input
          value={label}
          placeholder="e.g. dealornodeal-human"
          onChange={(e) => setLabel(e.target.value)}
          aria-invalid={label !== '' && !labelCheck.success}
        />
      </label>
      <label>
        File
        <input
          type="file"
          accept=".jsonl,.ndjson,application/x-ndjson,text/plain"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </label>
      <div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
      <ErrorAlert message={error} />
      {report !== null && <ImportReportView report={report} />}
    </form>
  );
}

export function ImportReportView({ report }: { report: ImportReport }) {
  return (
    <div role="status" data-testid="import-report">
      <p>
        <strong>{report.dataset}</strong>: {report.lines} lines read, {report.imported} imported,{' '}
        {report.duplicates} duplicates, {report.invalid} invalid.
      </p>
      {report.errors.length > 0 && (
        <table className="values-table small" aria-label="Invalid lines">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Error</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((e) => (
              <tr key={e.line}>
                <td>{e.line}</td>
                <td className="mono">{e.error}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.invalid > report.errors.length && (
        <p className="small muted">
          Only the first {report.errors.length} invalid lines are listed.
        </p>
      )}
    </div>
  );
}
