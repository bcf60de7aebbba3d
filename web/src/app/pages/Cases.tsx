// Cases (/app/cases): search by name, email or id; filter by status, employer and stage; sort by last
// change or name; pages. All of it in the URL. Owners and managers start a new case from here.
import { useEffect, useState, type FormEvent } from 'react';
import { api, type CaseSummary, type Page } from '../../api.ts';
import { Link, navigate, useLocation } from '../../router.tsx';
import { canWrite, useApp } from '../session.tsx';
import { ErrorBox, PageTitle, Pager, useData } from '../ui.tsx';
import { CaseTable, EmployerSelect, stageName, useEmployerOptions } from './common.tsx';
import { caseApiQuery, casesHref, readCaseFilter, type CaseFilter } from './filters.ts';
import { pluralKey } from './format.ts';
import { STAGES } from './vocab.ts';

const LIMIT = 50;

export function Cases() {
  const { t, session } = useApp();
  const { search } = useLocation();
  const key = search.toString();
  const filter = readCaseFilter(search);
  const [form, setForm] = useState<CaseFilter>(filter);
  useEffect(() => setForm(readCaseFilter(new URLSearchParams(key))), [key]);
  const employers = useEmployerOptions();
  const list = useData<Page<CaseSummary>>(
    (signal) => api.listCases({ query: caseApiQuery(filter, LIMIT) }, { signal }),
    [key],
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(casesHref({ ...form, q: form.q?.trim() || undefined, offset: 0 }));
  };
  const filtered = !!(filter.q || filter.status || filter.employer || filter.stage);

  return (
    <main id="main">
      <PageTitle>{t('cases.title')}</PageTitle>
      {canWrite(session) && (
        <p>
          <Link className="button primary" href="/app/cases/new">
            {t('cases.new')}
          </Link>
        </p>
      )}
      <form className="filters" role="search" onSubmit={submit} aria-label={t('cases.filter.title')}>
        <div className="toolbar">
          <div className="field grow">
            <label htmlFor="cases-q">{t('cases.filter.q')}</label>
            <input
              id="cases-q"
              type="search"
              value={form.q ?? ''}
              maxLength={200}
              aria-describedby="cases-q-hint"
              onChange={(e) => setForm({ ...form, q: e.target.value })}
            />
            <p className="hint" id="cases-q-hint">
              {t('cases.filter.qHint')}
            </p>
          </div>
          <div className="field">
            <label htmlFor="cases-status">{t('cases.filter.status')}</label>
            <select
              id="cases-status"
              value={form.status ?? ''}
              onChange={(e) => setForm({ ...form, status: (e.target.value || undefined) as CaseFilter['status'] })}
            >
              <option value="">{t('cases.filter.anyStatus')}</option>
              <option value="open">{t('cases.status.open')}</option>
              <option value="closed">{t('cases.status.closed')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="cases-employer">{t('cases.filter.employer')}</label>
            <EmployerSelect
              id="cases-employer"
              value={form.employer ?? ''}
              options={employers.data}
              onChange={(v) => setForm({ ...form, employer: v || undefined })}
            />
          </div>
          <div className="field">
            <label htmlFor="cases-stage">{t('cases.filter.stage')}</label>
            <select
              id="cases-stage"
              value={form.stage ?? ''}
              onChange={(e) => setForm({ ...form, stage: e.target.value || undefined })}
            >
              <option value="">{t('cases.filter.anyStage')}</option>
              {STAGES.map((s) => (
                <option key={s} value={s}>
                  {stageName(t, s)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="cases-sort">{t('cases.filter.sort')}</label>
            <select
              id="cases-sort"
              value={form.sort}
              onChange={(e) => setForm({ ...form, sort: e.target.value === 'name' ? 'name' : 'updated' })}
            >
              <option value="updated">{t('cases.sort.updated')}</option>
              <option value="name">{t('cases.sort.name')}</option>
            </select>
          </div>
          <button type="submit" className="primary">
            {t('cases.filter.apply')}
          </button>
          {filtered && (
            <Link href={casesHref({ sort: filter.sort })} className="clear">
              {t('cases.filter.clear')}
            </Link>
          )}
        </div>
      </form>

      {list.error && <ErrorBox error={list.error} />}
      <div aria-busy={list.loading}>
        {list.data && (
          <>
            <p className="count-line" role="status">
              {t(pluralKey('cases.count', t.lang, list.data.total), { n: t.number(list.data.total) })}
            </p>
            <CaseTable
              items={list.data.items}
              caption={t('cases.title')}
              empty={<p className="notice">{filtered ? t('cases.noneFiltered') : t('cases.none')}</p>}
            />
            <Pager
              total={list.data.total}
              limit={list.data.limit}
              offset={list.data.offset}
              onPage={(offset) => navigate(casesHref({ ...filter, offset }))}
            />
          </>
        )}
      </div>
    </main>
  );
}
