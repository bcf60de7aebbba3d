// Deadlines (/app/obligations): every obligation of the open cases, soonest first, from each case's last
// evaluation. Filters (statuses, kind, employer, due from/to, one case) and the page live in the URL.
import { useEffect, useState, type FormEvent } from 'react';
import { api, type ObligationRecord, type Page } from '../../api.ts';
import { Link, navigate, useLocation } from '../../router.tsx';
import { useApp } from '../session.tsx';
import { ErrorBox, PageTitle, Pager, todayMoscow, useData } from '../ui.tsx';
import { EmployerSelect, KindSelect, obligationStatusName, ObligationTable, useEmployerOptions } from './common.tsx';
import {
  obligationApiQuery,
  obligationExportQuery,
  obligationsHref,
  readObligationFilter,
  type ObligationFilter,
} from './filters.ts';
import { pluralKey } from './format.ts';
import { exportLang, ExportLinks } from './portfolio-ui.tsx';
import { OBLIGATION_STATUSES } from './vocab.ts';

const LIMIT = 50;

export function Obligations() {
  const { t } = useApp();
  const { search } = useLocation();
  const key = search.toString();
  const filter = readObligationFilter(search);
  const [form, setForm] = useState<ObligationFilter>(filter);
  useEffect(() => setForm(readObligationFilter(new URLSearchParams(key))), [key]);
  const employers = useEmployerOptions();
  const list = useData<Page<ObligationRecord>>(
    (signal) => api.listObligations({ query: obligationApiQuery(filter, LIMIT) }, { signal }),
    [key],
  );
  const today = todayMoscow();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(obligationsHref({ ...form, offset: 0 }));
  };
  const toggle = (s: (typeof OBLIGATION_STATUSES)[number], on: boolean) =>
    setForm({ ...form, status: on ? [...form.status, s] : form.status.filter((x) => x !== s) });
  const caseName = filter.caseId ? list.data?.items[0]?.principalName : undefined;

  return (
    <main id="main">
      <PageTitle sub={t('obligations.sub')}>{t('obligations.title')}</PageTitle>
      <form className="filters" onSubmit={submit} aria-label={t('obligations.filter.title')}>
        <fieldset className="field checks">
          <legend>{t('obligations.filter.status')}</legend>
          {OBLIGATION_STATUSES.map((s) => (
            <div className="radio" key={s}>
              <input
                type="checkbox"
                id={`ob-status-${s}`}
                checked={form.status.includes(s)}
                onChange={(e) => toggle(s, e.target.checked)}
              />
              <label htmlFor={`ob-status-${s}`}>{obligationStatusName(t, s)}</label>
            </div>
          ))}
          <p className="hint">{t('obligations.filter.statusHint')}</p>
        </fieldset>
        <div className="toolbar">
          <div className="field">
            <label htmlFor="ob-kind">{t('obligations.filter.kind')}</label>
            <KindSelect
              id="ob-kind"
              value={form.kind ?? ''}
              onChange={(v) => setForm({ ...form, kind: v || undefined })}
            />
          </div>
          <div className="field">
            <label htmlFor="ob-employer">{t('obligations.filter.employer')}</label>
            <EmployerSelect
              id="ob-employer"
              value={form.employer ?? ''}
              options={employers.data}
              onChange={(v) => setForm({ ...form, employer: v || undefined })}
            />
          </div>
          <div className="field">
            <label htmlFor="ob-from">{t('obligations.filter.from')}</label>
            <input
              id="ob-from"
              type="date"
              value={form.from ?? ''}
              onChange={(e) => setForm({ ...form, from: e.target.value || undefined })}
            />
          </div>
          <div className="field">
            <label htmlFor="ob-to">{t('obligations.filter.to')}</label>
            <input
              id="ob-to"
              type="date"
              value={form.to ?? ''}
              onChange={(e) => setForm({ ...form, to: e.target.value || undefined })}
            />
          </div>
          <button type="submit" className="primary">
            {t('obligations.filter.apply')}
          </button>
          <Link href="/app/obligations" className="clear">
            {t('obligations.filter.clear')}
          </Link>
        </div>
        {filter.caseId && (
          <p className="chip">
            {caseName ? t('obligations.filter.caseNamed', { name: caseName }) : t('obligations.filter.case')}{' '}
            <Link href={`/app/cases/${filter.caseId}`}>{t('obligations.filter.openCase')}</Link>{' '}
            <Link href={obligationsHref({ ...filter, caseId: undefined, offset: 0 })}>
              {t('obligations.filter.allCases')}
            </Link>
          </p>
        )}
      </form>
      <ExportLinks
        what={t('portfolio.export.deadlines')}
        href={(format) =>
          api.href('exportDeadlines', { query: obligationExportQuery(filter, format, exportLang(t.lang)) })
        }
      />

      {list.error && <ErrorBox error={list.error} />}
      <div aria-busy={list.loading}>
        {list.data && (
          <>
            <p className="count-line" role="status">
              {t(pluralKey('obligations.count', t.lang, list.data.total), { n: t.number(list.data.total) })}
            </p>
            <ObligationTable
              items={list.data.items}
              today={today}
              caption={t('obligations.title')}
              empty={<p className="notice">{t('obligations.none')}</p>}
            />
            <Pager
              total={list.data.total}
              limit={list.data.limit}
              offset={list.data.offset}
              onPage={(offset) => navigate(obligationsHref({ ...filter, offset }))}
            />
          </>
        )}
      </div>
    </main>
  );
}
