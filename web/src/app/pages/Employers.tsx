// Employers (/app/employers): search by name or INN, each with its number of cases; owners and managers
// add one with the form (opened by the button or by ?new=1, as the dashboard's first steps link it).
import { useEffect, useState, type FormEvent } from 'react';
import { api, type EmployerRecord, type Page } from '../../api.ts';
import { Link, navigate, useLocation } from '../../router.tsx';
import { canWrite, useApp } from '../session.tsx';
import { Table, type TableProps } from '../Table.tsx';
import { ErrorBox, PageTitle, Pager, useData } from '../ui.tsx';
import { employerKindName, regionName } from './common.tsx';
import { EmployerForm } from './EmployerForm.tsx';
import { casesHref, hrefWith } from './filters.ts';
import { pluralKey } from './format.ts';

const LIMIT = 50;

export function Employers() {
  const { t, session } = useApp();
  const { search } = useLocation();
  const key = search.toString();
  const q = search.get('q')?.trim().slice(0, 200) || undefined;
  const offset = Math.max(0, Math.floor(Number(search.get('offset')) || 0));
  const creating = search.get('new') === '1' && canWrite(session);
  const [text, setText] = useState(q ?? '');
  useEffect(() => setText(new URLSearchParams(key).get('q') ?? ''), [key]);
  const list = useData<Page<EmployerRecord>>(
    (signal) => api.listEmployers({ query: { q, limit: LIMIT, offset: offset || undefined } }, { signal }),
    [q, offset],
  );
  const here = (extra: Record<string, string | number | undefined>) =>
    hrefWith('/app/employers', { q, offset: offset || undefined, ...extra });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(hrefWith('/app/employers', { q: text.trim() || undefined, new: creating ? 1 : undefined }));
  };
  const create = async (employer: EmployerRecord['employer']) => {
    const rec = await api.createEmployer({ body: employer });
    navigate(`/app/employers/${rec.employerId}?created=1`);
  };
  const columns: TableProps<EmployerRecord>['columns'] = [
    {
      key: 'name',
      header: t('employers.col.name'),
      rowHeader: true,
      cell: (e) => <Link href={`/app/employers/${e.employerId}`}>{e.name}</Link>,
    },
    { key: 'inn', header: t('employers.col.inn'), className: 'mono', cell: (e) => e.inn },
    { key: 'kind', header: t('employers.col.kind'), cell: (e) => employerKindName(t, e.kind) },
    { key: 'region', header: t('employers.col.region'), cell: (e) => regionName(t.lang, e.employer.region) || '—' },
    {
      key: 'registered',
      header: t('employers.col.registered'),
      cell: (e) => (e.employer.hqsRegistered ? t.date(e.employer.hqsRegistered) : t('employers.notRegistered')),
    },
    {
      key: 'cases',
      header: t('employers.col.cases'),
      className: 'num',
      headerClassName: 'num',
      cell: (e) =>
        e.cases ? <Link href={casesHref({ employer: e.employerId })}>{t.number(e.cases)}</Link> : t.number(0),
    },
  ];

  return (
    <main id="main">
      <PageTitle>{t('employers.title')}</PageTitle>
      {search.get('deleted') === '1' && (
        <p className="notice" role="status">
          {t('employers.deleted')}
        </p>
      )}
      {canWrite(session) && !creating && (
        <p>
          <button type="button" className="primary" onClick={() => navigate(here({ new: 1 }))}>
            {t('employers.add')}
          </button>
        </p>
      )}
      {creating && (
        <section className="panel-form" aria-labelledby="new-employer-h">
          <h2 id="new-employer-h">{t('employers.new.title')}</h2>
          <p className="hint">{t('employers.new.intro')}</p>
          <EmployerForm
            id="new-employer"
            submitLabel={t('employers.new.submit')}
            onSubmit={create}
            onCancel={() => navigate(here({ new: undefined }))}
          />
        </section>
      )}

      <form className="toolbar filters-bar" role="search" onSubmit={submit} aria-label={t('employers.search.title')}>
        <div className="field grow">
          <label htmlFor="employers-q">{t('employers.search.q')}</label>
          <input
            id="employers-q"
            type="search"
            value={text}
            maxLength={200}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <button type="submit" className="secondary">
          {t('employers.search.submit')}
        </button>
        {q && (
          <Link href="/app/employers" className="clear">
            {t('employers.search.clear')}
          </Link>
        )}
      </form>

      {list.error && <ErrorBox error={list.error} />}
      <div aria-busy={list.loading}>
        {list.data && (
          <>
            <p className="count-line" role="status">
              {t(pluralKey('employers.count', t.lang, list.data.total), { n: t.number(list.data.total) })}
            </p>
            <Table
              columns={columns}
              rows={list.data.items}
              rowKey={(e) => e.employerId}
              caption={t('employers.title')}
              empty={<p className="notice">{q ? t('employers.noneFound') : t('employers.none')}</p>}
            />
            <Pager
              total={list.data.total}
              limit={list.data.limit}
              offset={list.data.offset}
              onPage={(o) => navigate(here({ offset: o || undefined }))}
            />
          </>
        )}
      </div>
    </main>
  );
}
