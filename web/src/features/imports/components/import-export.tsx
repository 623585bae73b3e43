import { useId, useState } from 'react';
import { EmptyState, ErrorMessage, Skeleton } from '@/components/ui/feedback';
import { SelectField } from '@/components/ui/field';
import type { Schemas } from '@/lib/api-client';
import { formatDate } from '@/lib/dates';
import { downloadExport, useImports, useRunImport } from '../api/imports';
import { countRows, detectFormat, importErrorsOf, locationOf, summarise, type ImportFormat } from '../utils/import-file';

/** Upload a CSV file or JSON document: check it first (dry run), then import it; see what changed or every error. */
export function ImportPanel() {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [invite, setInvite] = useState(false);
  const run = useRunImport();
  const format = file ? detectFormat(file) : null;
  const refused = importErrorsOf(run.error);

  const start = (dryRun: boolean) => {
    if (!file || !format) {
      setProblem(file ? 'Choose a .csv or .json file.' : 'Choose a file to import first.');
      return;
    }
    setProblem(null);
    run.mutate({ file, format, dryRun, invite });
  };

  return (
    <section className="card stack" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>Import</h2>
      <p className="muted">
        A CSV file (one row per key result, with its objective's columns) or a JSON document, as an export writes them. Objectives and key results
        are matched by their external id: importing the same file again changes nothing. Check a file first; nothing is written until you import.
      </p>
      <div className="field">
        <label htmlFor={inputId}>File</label>
        <input id={inputId} type="file" accept=".csv,.json,text/csv,application/json"
          onChange={(event) => { setFile(event.target.files?.[0] ?? null); setProblem(null); run.reset(); }} />
      </div>
      <label className="row" style={{ gap: '0.5rem' }}>
        <input type="checkbox" checked={invite} onChange={(event) => setInvite(event.target.checked)} />
        Email an invitation to each person the import creates
      </label>
      <div className="row">
        <button type="button" className="button button--secondary" disabled={run.isPending} onClick={() => start(true)}>Check file</button>
        <button type="button" className="button" disabled={run.isPending} onClick={() => start(false)}>{run.isPending ? 'Working…' : 'Import'}</button>
      </div>
      <div aria-live="polite" className="stack">
        {problem && <p role="alert" className="field__error">{problem}</p>}
        {run.isPending && <p>Reading {file?.name}…</p>}
        {run.data && <ImportResult job={run.data} />}
        {run.error != null && refused.errors.length === 0 && <ErrorMessage error={run.error} />}
        {refused.errors.length > 0 && (
          <div role="alert" className="alert alert--error stack">
            <p>
              <strong>{refused.total === 1 ? 'The file has 1 error' : `The file has ${refused.total} errors`}</strong>; nothing was imported. Fix them and try again.
              {refused.total > refused.errors.length && ` The first ${refused.errors.length} are listed.`}
            </p>
            <ul className="import-errors">
              {refused.errors.map((e, i) => (
                <li key={i}><strong>{locationOf(e)}</strong>, {e.field}: {e.message}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </section>
  );
}

function ImportResult({ job }: { job: Schemas['ImportJob'] }) {
  const rows = job.counts ? countRows(job.counts) : [];
  const seconds = ((job.durationMs ?? 0) / 1000).toFixed(1);
  const records = `${job.recordsRead} ${job.recordsRead === 1 ? 'record' : 'records'}`;
  return (
    <div className="stack">
      <p role="status">
        {job.dryRun ? `Checked ${records} in ${seconds} s: the file is fine. Nothing was written yet.` : `Imported ${records} in ${seconds} s.`}
      </p>
      {rows.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{job.dryRun ? 'What the import would do' : 'What the import did'}</caption>
            <thead>
              <tr><th scope="col">Kind</th><th scope="col">{job.dryRun ? 'Would create' : 'Created'}</th><th scope="col">{job.dryRun ? 'Would update' : 'Updated'}</th><th scope="col">Unchanged</th></tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}><th scope="row">{row.label}</th><td>{row.created}</td><td>{row.updated}</td><td>{row.unchanged}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** Download the OKRs of a period (or all) in the import formats. */
export function ExportPanel({ periods }: { periods: { id: string; label: string }[] }) {
  const [periodId, setPeriodId] = useState('');
  const [format, setFormat] = useState<ImportFormat>('csv');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      await downloadExport(format, periodId || undefined);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card stack" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <p className="muted">The same formats the import reads: edit the file in a spreadsheet and import it back, or move OKRs to another Okr.</p>
      <div className="form-grid">
        <SelectField label="Period" value={periodId} onChange={(event) => setPeriodId(event.target.value)}>
          <option value="">All periods</option>
          {periods.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
        </SelectField>
        <SelectField label="Format" value={format} onChange={(event) => setFormat(event.target.value as ImportFormat)}>
          <option value="csv">CSV (a row per key result)</option>
          <option value="json">JSON (teams, people, periods, OKRs, check-ins)</option>
        </SelectField>
      </div>
      {error != null && <ErrorMessage error={error} />}
      <div><button type="button" className="button" disabled={busy} onClick={() => void download()}>{busy ? 'Preparing…' : 'Download'}</button></div>
    </section>
  );
}

const statusWords: Record<Schemas['ImportStatus'], string> = { queued: 'Waiting', running: 'Running', succeeded: 'Done', failed: 'Failed' };

/** The latest imports, through the app or the API: when, what, and how they ended. */
export function RecentImports() {
  const imports = useImports();
  return (
    <section className="card stack" aria-labelledby="recent-imports-title">
      <h2 id="recent-imports-title">Recent imports</h2>
      {imports.isPending && <Skeleton lines={3} label="Loading imports" />}
      {imports.error != null && <ErrorMessage error={imports.error} retry={() => void imports.refetch()} />}
      {imports.data && imports.data.items.length === 0 && <EmptyState title="No imports yet">Imports made here or through the API appear here.</EmptyState>}
      {imports.data && imports.data.items.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr><th scope="col">When</th><th scope="col">File</th><th scope="col">Outcome</th><th scope="col">Records</th><th scope="col">What changed</th></tr>
            </thead>
            <tbody>
              {imports.data.items.map((job) => (
                <tr key={job.id}>
                  <td>{formatDate(job.createdAt)} {new Date(job.createdAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}</td>
                  <td>{job.format.toUpperCase()}{job.dryRun ? ' (check only)' : ''}</td>
                  <td>{statusWords[job.status]}{job.problem ? `: ${job.problem.title}` : ''}</td>
                  <td>{job.recordsRead}</td>
                  <td>{summarise(job.counts)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
