// Findings (/app/findings): the risks and inconsistencies of every open case, from each case's stored
// evaluation (errors first), in the reader's language; filters by severity, kind and employer in the
// address, each row linking to its case. The dashboard's finding counts open it; it goes out as a
// spreadsheet with the same filters.
import { useEffect, useState, type FormEvent } from 'react';
import { api, type Page, type PortfolioFinding } from '../../api.ts';
import { Link, navigate, useLocation } from '../../router.tsx';
import { useApp } from '../session.tsx';
import { Table } from '../Table.tsx';
import { ErrorBox, PageTitle, Pager, StatusTag, useData } from '../ui.tsx';
import { EmployerSelect, useEmployerOptions } from './common.tsx';
import {
  casesHref,
  FINDING_SEVERITIES,
  findingApiQuery,
  findingExportQuery,
  findingsHref,
  readFindingFilter,
  type FindingFilter,
} from './filters.ts';
import { pluralKey } from './format.ts';
import { exportLang, ExportLinks, findingKindName, FindingKindSelect } from './portfolio-ui.tsx';

const LIMIT = 50;

export function Findings() {
  const { t } = useApp();
  const { search } = useLocation();
  const key = search.toString();
  const filter = readFindingFilter(search);
  const [form, setForm] = useState<FindingFilter>(filter);
  useEffect(() => setForm(readFindingFilter(new URLSearchParams(key))), [key]);
  const employers = useEmployerOptions();
  const list = useData<Page<PortfolioFinding>>(
    (signal) => api.listFindings({ query: findingApiQuery(filter, LIMIT, t.lang) }, { signal }),
    [key, t.lang],
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(findingsHref({ ...form, offset: 0 }));
  };
  const filtered = !!(filter.severity || filter.code || filter.employer);
  const lang = exportLang(t.lang);
  return (
    <main id="main">
      <PageTitle sub={t('portfolio.findings.sub')}>{t('portfolio.findings.title')}</PageTitle>
      <form className="filters" onSubmit={submit} aria-label={t('portfolio.findings.filter')}>
        <div className="toolbar">
          <div className="field">
            <label htmlFor="fi-severity">{t('portfolio.findings.severity')}</label>
            <select
              id="fi-severity"
              value={form.severity ?? ''}
              onChange={(e) =>
                setForm({ ...form, severity: (e.target.value || undefined) as FindingFilter['severity'] })
              }
            >
              <option value="">{t('portfolio.findings.anySeverity')}</option>
              {FINDING_SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {t(`dashboard.severity.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="fi-code">{t('portfolio.filter.finding')}</label>
            <FindingKindSelect
              id="fi-code"
              value={form.code ?? ''}
              onChange={(v) => setForm({ ...form, code: v || undefined })}
            />
          </div>
          <div className="field">
            <label htmlFor="fi-employer">{t('cases.filter.employer')}</label>
            <EmployerSelect
              id="fi-employer"
              value={form.employer ?? ''}
              options={employers.data}
              onChange={(v) => setForm({ ...form, employer: v || undefined })}
            />
          </div>
          <button type="submit" className="primary">
            {t('portfolio.findings.apply')}
          </button>
          {filtered && (
            <Link href="/app/findings" className="clear">
              {t('cases.filter.clear')}
            </Link>
          )}
        </div>
      </form>
      <ExportLinks
        what={t('portfolio.export.findings')}
        href={(format) => api.href('exportFindings', { query: findingExportQuery(filter, format, lang) })}
      />
      {filter.code && (
        <p>
          <Link href={casesHref({ status: 'open', finding: filter.code, employer: filter.employer })}>
            {t('portfolio.findings.casesWith', { kind: findingKindName(t, filter.code) })}
          </Link>
        </p>
      )}
      {list.error && <ErrorBox error={list.error} />}
      <div aria-busy={list.loading}>
        {list.data && (
          <>
            <p className="count-line" role="status">
              {t(pluralKey('portfolio.findings.count', t.lang, list.data.total), { n: t.number(list.data.total) })}
            </p>
            <Table
              columns={[
                {
                  key: 'severity',
                  header: t('portfolio.findings.severity'),
                  cell: (f) => <StatusTag status={f.severity} label={t(`case.severity.${f.severity}`)} />,
                },
                {
                  key: 'case',
                  header: t('cases.col.principal'),
                  rowHeader: true,
                  cell: (f) => (
                    <>
                      <Link href={`/app/cases/${f.caseId}`}>{f.principalName}</Link>
                      {f.principalNameCyrillic && (
                        <span className="block" lang="ru">
                          {f.principalNameCyrillic}
                        </span>
                      )}
                    </>
                  ),
                },
                {
                  key: 'kind',
                  header: t('portfolio.filter.finding'),
                  cell: (f) => (
                    <Link href={findingsHref({ ...filter, code: f.code, offset: 0 })}>
                      {findingKindName(t, f.code)}
                    </Link>
                  ),
                },
                { key: 'message', header: t('portfolio.findings.what'), className: 'details', cell: (f) => f.message },
                {
                  key: 'employer',
                  header: t('cases.col.employer'),
                  cell: (f) => <Link href={`/app/employers/${f.employerId}`}>{f.employerName}</Link>,
                },
                { key: 'asOf', header: t('portfolio.findings.asOf'), cell: (f) => t.date(f.asOf) },
              ]}
              rows={list.data.items}
              rowKey={(f) => `${f.caseId}/${list.data!.items.indexOf(f)}`}
              caption={t('portfolio.findings.title')}
              empty={
                <p className="notice">
                  {filtered ? t('portfolio.findings.noneFiltered') : t('portfolio.findings.none')}
                </p>
              }
            />
            <Pager
              total={list.data.total}
              limit={list.data.limit}
              offset={list.data.offset}
              onPage={(offset) => navigate(findingsHref({ ...filter, offset }))}
            />
          </>
        )}
      </div>
    </main>
  );
}
