// Import a spreadsheet (/app/import): choose an .xlsx or .csv → it is uploaded and read on the server with
// a progress bar → the mapping of its columns (found from the headers, changeable, savable for the
// organization) → the preview row by row (what each row creates or updates, every problem in the page's
// language next to its cell; "only problems") → the import (progress, cancel) → the result, with links
// to the cases. The job's id is kept in the address, so a reload comes back to it. The single-case file
// import (hqs-case/1) stays on the new-case page.
import { useEffect, useMemo, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { api, url } from '../../api.ts';
import { Link, navigate, useLocation } from '../../router.tsx';
import { regionOptions } from '../pages/common.tsx';
import { canWrite, useApp } from '../session.tsx';
import { ErrorBox, PageTitle, Pager, useData } from '../ui.tsx';
import { useAction } from '../useAction.ts';
import type { SheetLang } from '../../../../src/core/lang.ts';

type Job = Awaited<ReturnType<typeof api.getImport>>;
type RowPage = Awaited<ReturnType<typeof api.listImportRows>>;
type Row = RowPage['items'][number];
type Mapping = NonNullable<Job['preview']>['mapping'];

const ROWS_PER_PAGE = 50;
const POLL_MS = 400;
const ACCEPT = '.xlsx,.xlsm,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

export function ImportSheet() {
  const { t, session } = useApp();
  const { search } = useLocation();
  const jobId = search.get('job');
  if (!canWrite(session))
    return (
      <main id="main">
        <PageTitle>{t('imports.title')}</PageTitle>
        <p className="notice warn">{t('imports.readOnly', { role: t(`shell.role.${session?.role ?? 'viewer'}`) })}</p>
      </main>
    );
  return (
    <main id="main" className="import-sheet">
      <PageTitle sub={t('imports.intro')}>{t('imports.title')}</PageTitle>
      {jobId ? <JobView key={jobId} jobId={jobId} /> : <Choose />}
    </main>
  );
}

/** The sheet language of the page: messages and field names come from the server in it. */
const sheetLang = (lang: string): SheetLang => (lang === 'ru' ? 'ru' : 'en');

function Templates() {
  const { t } = useApp();
  return (
    <p className="hint">
      {t('imports.template.intro')}{' '}
      <a href={api.href('getImportTemplate', { query: { lang: 'ru' } })} download>
        {t('imports.template.ru')}
      </a>
      {' · '}
      <a href={api.href('getImportTemplate', { query: { lang: 'en' } })} download>
        {t('imports.template.en')}
      </a>
    </p>
  );
}

function Choose() {
  const { t } = useApp();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const upload = useAction(
    (f: File) => api.startImport({ body: f, query: { fileName: f.name, lang: sheetLang(t.lang) } }),
    { onDone: (job) => navigate(url('/app/import', { job: job.jobId })) },
  );
  const pick = (e: ChangeEvent<HTMLInputElement>) => {
    upload.reset();
    setFileError(null);
    setFile(e.target.files?.[0] ?? null);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setFileError(t('imports.file.required'));
      document.getElementById('import-file')?.focus();
      return;
    }
    if (file.size === 0) return setFileError(t('imports.file.empty', { name: file.name }));
    void upload.run(file);
  };
  return (
    <>
      <Templates />
      <form onSubmit={submit} noValidate className="import-choose">
        <div className="field">
          <label htmlFor="import-file">{t('imports.file.label')}</label>
          <p className="hint" id="import-file-hint">
            {t('imports.file.hint')}
          </p>
          <input
            id="import-file"
            type="file"
            accept={ACCEPT}
            onChange={pick}
            aria-describedby={fileError ? 'import-file-hint import-file-error' : 'import-file-hint'}
            aria-invalid={fileError ? true : undefined}
          />
          {fileError && (
            <p className="field-error" id="import-file-error">
              {fileError}
            </p>
          )}
        </div>
        {upload.busy && (
          <p aria-live="polite">
            <label htmlFor="upload-progress">{t('imports.uploading', { name: file?.name ?? '' })}</label>{' '}
            <progress id="upload-progress" />
          </p>
        )}
        <ErrorBox error={upload.error} />
        <p>
          <button type="submit" className="primary" disabled={upload.busy}>
            {t('imports.upload')}
          </button>
        </p>
      </form>
    </>
  );
}

/** The job, polled while the server reads or writes. */
function useJob(jobId: string, lang: SheetLang) {
  const state = useData((signal) => api.getImport({ id: jobId, query: { lang } }, { signal }), [jobId, lang]);
  const job = state.data;
  const busy = job?.state === 'reading' || job?.state === 'committing';
  const { reload } = state;
  useEffect(() => {
    if (!busy) return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [busy, job, reload]);
  return state;
}

function JobView({ jobId }: { jobId: string }) {
  const { t } = useApp();
  const lang = sheetLang(t.lang);
  const state = useJob(jobId, lang);
  const job = state.data;
  const restart = () => {
    void api.discardImport({ id: jobId }).catch(() => undefined);
    navigate('/app/import');
  };
  if (state.error && !job) {
    const e = state.error;
    return (
      <>
        {e.status === 404 && e.code === 'import.unknownJob' ? (
          <p className="notice warn" role="alert">
            {t('imports.unknownJob')}
          </p>
        ) : (
          <ErrorBox error={e} />
        )}
        <p>
          <Link href="/app/import">{t('imports.again')}</Link>
        </p>
      </>
    );
  }
  if (!job) return <p aria-live="polite">{t('common.loading')}</p>;
  return (
    <>
      <p>
        {t('imports.file.name', { name: job.fileName })}{' '}
        <button type="button" className="link" onClick={restart}>
          {t('imports.other')}
        </button>
      </p>
      {job.state === 'reading' && <Progress job={job} />}
      {job.state === 'failed' && (
        <div className="error-summary" role="alert">
          <h2>{t('imports.failed')}</h2>
          <p>{job.error?.message}</p>
        </div>
      )}
      {job.state === 'ready' && job.preview && (
        <Ready job={job} onChange={(j) => state.setData(j)} reload={state.reload} />
      )}
      {job.state === 'committing' && <Progress job={job} />}
      {(job.state === 'done' || (job.state === 'cancelled' && job.result)) && <Result job={job} />}
      {job.state === 'cancelled' && !job.result && (
        <p className="notice" role="status">
          {t('imports.cancelled')}
        </p>
      )}
    </>
  );
}

function Progress({ job }: { job: Job }) {
  const { t } = useApp();
  const p = job.progress;
  const cancel = useAction(() => api.cancelImport({ id: job.jobId }));
  const label =
    job.phase === 'commit'
      ? t('imports.progress.commit', { done: t.number(p.done), total: t.number(p.total ?? 0) })
      : job.phase === 'plan'
        ? t('imports.progress.plan', { rows: t.number(p.rows) })
        : t('imports.progress.read', { rows: t.number(p.rows) });
  return (
    <div className="import-progress">
      <p aria-live="polite">
        <label htmlFor="import-progress">{label}</label>
      </p>
      <progress id="import-progress" value={p.total ? p.done : undefined} max={p.total ?? undefined} />
      <p>
        <button type="button" className="secondary" onClick={() => void cancel.run()} disabled={cancel.busy}>
          {t('imports.cancel')}
        </button>
      </p>
      <ErrorBox error={cancel.error} />
    </div>
  );
}

const ACTIONS = ['create', 'update', 'unchanged', 'invalid'] as const;

function Ready({ job, onChange, reload }: { job: Job; onChange: (j: Job) => void; reload: () => void }) {
  const { t } = useApp();
  const p = job.preview!;
  const commit = useAction(() => api.commitImport({ id: job.jobId, query: { lang: sheetLang(t.lang) } }), {
    onDone: onChange,
  });
  const importable = p.counts.create + p.counts.update;
  return (
    <>
      <MappingEditor job={job} onChange={onChange} />
      <section aria-labelledby="preview-title">
        <h2 id="preview-title">{t('imports.preview.title')}</h2>
        <ul className="import-counts" aria-label={t('imports.preview.counts')}>
          {ACTIONS.map((a) => (
            <li key={a}>{t(`imports.count.${a}`, { n: t.number(p.counts[a] ?? 0) })}</li>
          ))}
          <li>{t('imports.count.errors', { n: t.number(p.errors) })}</li>
          <li>{t('imports.count.warnings', { n: t.number(p.warnings) })}</li>
        </ul>
        {p.fileProblems.length > 0 && (
          <div className="notice warn">
            <h3 className="notice-title">{t('imports.fileProblems')}</h3>
            <ul>
              {p.fileProblems.map((x, i) => (
                <li key={i}>{x.column ? `${x.column}: ${x.message}` : x.message}</li>
              ))}
            </ul>
          </div>
        )}
        <Rows job={job} />
        <ErrorBox error={commit.error} />
        <p>
          <button
            type="button"
            className="primary"
            disabled={commit.busy || importable === 0}
            onClick={() => void commit.run()}
          >
            {t('imports.commit', { n: t.number(importable) })}
          </button>{' '}
          {p.counts.invalid > 0 && <span className="hint">{t('imports.commit.skips', { n: p.counts.invalid })}</span>}
        </p>
        <p>
          <button type="button" className="link" onClick={reload}>
            {t('imports.refresh')}
          </button>
        </p>
      </section>
    </>
  );
}

function MappingEditor({ job, onChange }: { job: Job; onChange: (j: Job) => void }) {
  const { t } = useApp();
  const lang = sheetLang(t.lang);
  const p = job.preview!;
  const [columns, setColumns] = useState<Record<string, string | null>>(() => ({ ...p.mapping.columns }));
  const defaults = (p.mapping.defaults ?? {}) as { regions?: string[] };
  const [region, setRegion] = useState<string>(defaults.regions?.[0] ?? '');
  const [saved, setSaved] = useState(false);
  const labels = useMemo(() => new Map(job.fields.map((f) => [f.field, f.label])), [job.fields]);
  const mapping = (): Mapping => ({
    format: 'hqs-import-mapping/1',
    columns,
    ...(region || Object.keys(p.mapping.defaults ?? {}).length
      ? { defaults: { ...(p.mapping.defaults ?? {}), ...(region ? { regions: [region] } : {}) } }
      : {}),
  });
  const apply = useAction(() => api.remapImport({ id: job.jobId, body: mapping(), query: { lang } }), {
    onDone: onChange,
  });
  const save = useAction(() => api.saveImportMapping({ body: { name: 'default', mapping: mapping() } }), {
    onDone: () => setSaved(true),
  });
  const hasRegionColumn = Object.values(columns).includes('contract.regions');
  const changed =
    JSON.stringify(columns) !== JSON.stringify(p.mapping.columns) || region !== (defaults.regions?.[0] ?? '');
  return (
    <section aria-labelledby="mapping-title">
      <h2 id="mapping-title">{t('imports.mapping.title')}</h2>
      <p className="hint">
        {job.mappingName ? t('imports.mapping.saved', { name: job.mappingName }) : t('imports.mapping.intro')}
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="mapping-title">
        <table className="import-mapping">
          <caption>{t('imports.mapping.caption', { n: p.columns.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('imports.mapping.col.letter')}</th>
              <th scope="col">{t('imports.mapping.col.header')}</th>
              <th scope="col">{t('imports.mapping.col.field')}</th>
              <th scope="col">{t('imports.mapping.col.how')}</th>
            </tr>
          </thead>
          <tbody>
            {p.columns
              .filter((c) => c.header.trim() !== '')
              .map((c) => {
                const id = `map-${c.letter}`;
                const value = columns[c.header] ?? '';
                const how = c.source === 'none' ? (c.field ? 'mapping' : 'unknown') : c.source;
                return (
                  <tr key={c.letter}>
                    <td>{c.letter}</td>
                    <th scope="row">
                      <label htmlFor={id}>{c.header}</label>
                    </th>
                    <td>
                      <select
                        id={id}
                        value={value}
                        onChange={(e) => {
                          setSaved(false);
                          setColumns({ ...columns, [c.header]: e.target.value || null });
                        }}
                      >
                        <option value="">{t('imports.mapping.skip')}</option>
                        {job.fields.map((f) => (
                          <option key={f.field} value={f.field}>
                            {f.label}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <span className={`tag ${how === 'unknown' ? 'warn' : ''}`}>
                        {t(`imports.mapping.how.${how}`)}
                      </span>
                      {value && labels.get(value) && value !== c.field && (
                        <span className="hint block">{t('imports.mapping.pending')}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
          </tbody>
        </table>
      </div>
      {!hasRegionColumn && (
        <div className="field">
          <label htmlFor="import-region">{t('imports.mapping.region')}</label>
          <p className="hint" id="import-region-hint">
            {t('imports.mapping.region.hint')}
          </p>
          <select
            id="import-region"
            aria-describedby="import-region-hint"
            value={region}
            onChange={(e) => {
              setSaved(false);
              setRegion(e.target.value);
            }}
          >
            <option value="">{t('imports.mapping.region.none')}</option>
            {regionOptions(t.lang).map((r) => (
              <option key={r.code} value={r.code}>
                {r.names[t.lang]}
              </option>
            ))}
          </select>
        </div>
      )}
      <ErrorBox error={apply.error ?? save.error} />
      <p>
        <button type="button" onClick={() => void apply.run()} disabled={apply.busy || !changed}>
          {t('imports.mapping.apply')}
        </button>{' '}
        <button type="button" className="secondary" onClick={() => void save.run()} disabled={save.busy}>
          {t('imports.mapping.save')}
        </button>{' '}
        {saved && (
          <span role="status" className="hint">
            {t('imports.mapping.savedNow')}
          </span>
        )}
      </p>
    </section>
  );
}

function Rows({ job }: { job: Job }) {
  const { t } = useApp();
  const lang = sheetLang(t.lang);
  const [only, setOnly] = useState(false);
  const [offset, setOffset] = useState(0);
  const state = useData(
    (signal) =>
      api.listImportRows(
        {
          id: job.jobId,
          query: { lang, limit: ROWS_PER_PAGE, offset, ...(only ? { only: 'problems' as const } : {}) },
        },
        { signal },
      ),
    [job.jobId, lang, only, offset, job.preview?.rows, job.preview?.errors, job.preview?.warnings],
  );
  const columns = job.preview!.columns.filter((c) => c.field);
  const page = state.data;
  const top = useRef<HTMLDivElement>(null);
  return (
    <div ref={top}>
      <p>
        <label>
          <input
            type="checkbox"
            checked={only}
            onChange={(e) => {
              setOnly(e.target.checked);
              setOffset(0);
            }}
          />{' '}
          {t('imports.rows.onlyProblems')}
        </label>
      </p>
      {state.error && <ErrorBox error={state.error} />}
      {page && (
        <>
          <div
            className="table-wrap"
            tabIndex={0}
            role="region"
            aria-label={t('imports.rows.caption', { n: t.number(page.total) })}
          >
            <table className="import-rows">
              <caption>{t('imports.rows.caption', { n: t.number(page.total) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('imports.rows.col.row')}</th>
                  <th scope="col">{t('imports.rows.col.action')}</th>
                  {columns.map((c) => (
                    <th scope="col" key={c.letter}>
                      {c.header}
                    </th>
                  ))}
                  <th scope="col">{t('imports.rows.col.problems')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((r) => (
                  <RowLine key={r.row} r={r} columns={columns} />
                ))}
              </tbody>
            </table>
          </div>
          {page.items.length === 0 && <p>{t(only ? 'imports.rows.noProblems' : 'imports.rows.none')}</p>}
          <Pager
            total={page.total}
            limit={ROWS_PER_PAGE}
            offset={offset}
            onPage={(o) => {
              setOffset(o);
              top.current?.scrollIntoView();
            }}
          />
        </>
      )}
    </div>
  );
}

function RowLine({ r, columns }: { r: Row; columns: NonNullable<Job['preview']>['columns'] }) {
  const { t } = useApp();
  const atColumn = (letter: string) => r.problems.filter((p) => p.letter === letter);
  const elsewhere = r.problems.filter((p) => !p.letter || !columns.some((c) => c.letter === p.letter));
  const hasError = r.problems.some((p) => p.severity === 'error');
  return (
    <tr className={hasError ? 'has-error' : undefined}>
      <th scope="row">{r.row}</th>
      <td>
        <span className={`tag action-${r.action}`}>{t(`imports.action.${r.action}`)}</span>
        {!r.principal && r.action !== 'none' && <span className="hint block">{t('imports.rows.family')}</span>}
        {r.caseId && (r.action === 'update' || r.action === 'unchanged' || r.action === 'create') && (
          <Link className="block" href={`/app/cases/${encodeURIComponent(r.caseId)}`}>
            {t('imports.rows.openCase')}
          </Link>
        )}
      </td>
      {columns.map((c) => {
        const ps = atColumn(c.letter);
        const change = r.changes.find((x) => x.letter === c.letter);
        return (
          <td key={c.letter} className={ps.some((p) => p.severity === 'error') ? 'cell-error' : undefined}>
            {r.cells[c.letter] ?? ''}
            {change && (
              <span className="hint block">
                {t('imports.rows.change', { before: show(change.before), after: show(change.after) })}
              </span>
            )}
            {ps.map((p, i) => (
              <span key={i} className={`block problem ${p.severity}`}>
                {t(`imports.severity.${p.severity}`)}: {p.message}
              </span>
            ))}
          </td>
        );
      })}
      <td>
        {elsewhere.map((p, i) => (
          <span key={i} className={`block problem ${p.severity}`}>
            {t(`imports.severity.${p.severity}`)}: {p.column ? `${p.column} — ` : ''}
            {p.message}
          </span>
        ))}
      </td>
    </tr>
  );
}

const show = (v: unknown): string =>
  v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v);

function Result({ job }: { job: Job }) {
  const { t } = useApp();
  const r = job.result!;
  return (
    <section aria-labelledby="result-title" className="import-result">
      <h2 id="result-title">{r.aborted ? t('imports.result.aborted') : t('imports.result.title')}</h2>
      <div role="status">
        <ul>
          <li>{t('imports.result.created', { n: t.number(r.created) })}</li>
          <li>{t('imports.result.updated', { n: t.number(r.updated) })}</li>
          <li>{t('imports.result.unchanged', { n: t.number(r.unchanged) })}</li>
          <li>{t('imports.result.skipped', { n: t.number(r.skipped) })}</li>
        </ul>
      </div>
      {r.failed.length > 0 && (
        <div className="notice warn">
          <h3 className="notice-title">{t('imports.result.failed', { n: r.failed.length })}</h3>
          <ul>
            {r.failed.map((f, i) => (
              <li key={i}>{t('imports.result.failedItem', { rows: f.rows.join(', '), message: f.message })}</li>
            ))}
          </ul>
        </div>
      )}
      {r.skipped > 0 && <Rows job={job} />}
      <p>
        <Link href="/app/cases">{t('imports.result.toCases')}</Link>
        {' · '}
        <Link href="/app/import">{t('imports.again')}</Link>
      </p>
    </section>
  );
}
