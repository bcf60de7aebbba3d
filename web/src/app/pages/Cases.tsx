// Cases (/app/cases): the portfolio's register. Each case with its next deadline and overdue count, urgency
// first; filters by employer, assignee (me, unassigned, a member), stage, status, eligibility, citizenship,
// kind of finding and "overdue / due within N days"; search; sorts; pages — all of it in the address, so
// Back, reload and a shared link show the same list. Owners and managers tick cases and act on them at
// once (assign, close, record a quarter's salary notification), after a confirmation that says how many;
// the answer is summed up case by case. The list goes out as a spreadsheet with the same filters.
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { countries } from 'virtual:hqs-data';
import { api, type CaseListItem, type Member, type Page } from '../../api.ts';
import type { T } from '../../i18n.ts';
import { Link, navigate, useLocation } from '../../router.tsx';
import { canWrite, useApp } from '../session.tsx';
import { Table, type TableProps } from '../Table.tsx';
import { ErrorBox, PageTitle, Pager, StatusTag, todayMoscow, useData } from '../ui.tsx';
import { useAction } from '../useAction.ts';
import { recentQuarters, summarize, type BulkSummary } from './bulk.ts';
import { countryName, EmployerSelect, stageName, useEmployerOptions } from './common.tsx';
import {
  CASE_ELIGIBILITY,
  CASE_SORTS,
  caseApiQuery,
  caseExportQuery,
  caseFilterActive,
  casesHref,
  DUE_DAYS,
  readCaseFilter,
  type CaseFilter,
  type CaseSort,
} from './filters.ts';
import { duePhrase, pluralKey } from './format.ts';
import {
  assigneeText,
  exportLang,
  ExportLinks,
  FindingKindSelect,
  MemberSelect,
  personName,
  useAssignees,
} from './portfolio-ui.tsx';
import { STAGE_WORDS } from './vocab.ts';

const LIMIT = 50;
/** The most cases one bulk action takes (the API's limit). */
const BULK_MAX = 500;

export function Cases() {
  const { t, session } = useApp();
  const { search } = useLocation();
  const key = search.toString();
  const filter = readCaseFilter(search);
  const [form, setForm] = useState<CaseFilter>(filter);
  useEffect(() => setForm(readCaseFilter(new URLSearchParams(key))), [key]);
  const employers = useEmployerOptions();
  const members = useAssignees();
  const list = useData<Page<CaseListItem>>(
    (signal) => api.listCases({ query: caseApiQuery(filter, LIMIT) }, { signal }),
    [key],
  );
  const write = canWrite(session);
  // The selection: case id → the principal's name (for the confirmation and the summary), kept across
  // pages and filters until it is cleared or acted on.
  const [selected, setSelected] = useState<ReadonlyMap<string, string>>(() => new Map());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(casesHref({ ...form, q: form.q?.trim() || undefined, offset: 0 }));
  };
  const filtered = caseFilterActive(filter);
  const lang = exportLang(t.lang);

  return (
    <main id="main">
      <PageTitle>{t('cases.title')}</PageTitle>
      {write && (
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
            <label htmlFor="cases-employer">{t('cases.filter.employer')}</label>
            <EmployerSelect
              id="cases-employer"
              value={form.employer ?? ''}
              options={employers.data}
              onChange={(v) => setForm({ ...form, employer: v || undefined })}
            />
          </div>
          <div className="field">
            <label htmlFor="cases-assignee">{t('portfolio.filter.assignee')}</label>
            <select
              id="cases-assignee"
              value={form.assignee ?? ''}
              onChange={(e) => setForm({ ...form, assignee: e.target.value || undefined })}
            >
              <option value="">{t('portfolio.filter.anyAssignee')}</option>
              <option value="me">{t('portfolio.filter.mine')}</option>
              <option value="none">{t('portfolio.filter.unassigned')}</option>
              {form.assignee &&
                form.assignee !== 'me' &&
                form.assignee !== 'none' &&
                !members.data?.some((m) => m.userId === form.assignee) && (
                  <option value={form.assignee}>{t('portfolio.filter.thisMember')}</option>
                )}
              {members.data?.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {personName(m)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="cases-due">{t('portfolio.filter.due')}</label>
            <select
              id="cases-due"
              value={form.due === undefined ? '' : String(form.due)}
              onChange={(e) => {
                const v = e.target.value;
                setForm({ ...form, due: v === '' ? undefined : v === 'overdue' ? 'overdue' : Number(v) });
              }}
            >
              <option value="">{t('portfolio.filter.anyDue')}</option>
              <option value="overdue">{t('portfolio.filter.overdue')}</option>
              {[...new Set([...DUE_DAYS, ...(typeof form.due === 'number' ? [form.due] : [])])]
                .sort((a, b) => a - b)
                .map((n) => (
                  <option key={n} value={n}>
                    {t(pluralKey('portfolio.filter.within', t.lang, n), { n: t.number(n) })}
                  </option>
                ))}
            </select>
          </div>
        </div>
        <div className="toolbar">
          <div className="field">
            <label htmlFor="cases-stage">{t('cases.filter.stage')}</label>
            <select
              id="cases-stage"
              value={form.stage ?? ''}
              onChange={(e) => setForm({ ...form, stage: e.target.value || undefined })}
            >
              <option value="">{t('cases.filter.anyStage')}</option>
              {STAGE_WORDS.map((s) => (
                <option key={s} value={s}>
                  {stageName(t, s)}
                </option>
              ))}
            </select>
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
            <label htmlFor="cases-eligibility">{t('portfolio.filter.eligibility')}</label>
            <select
              id="cases-eligibility"
              value={form.eligibility ?? ''}
              onChange={(e) =>
                setForm({ ...form, eligibility: (e.target.value || undefined) as CaseFilter['eligibility'] })
              }
            >
              <option value="">{t('portfolio.filter.anyEligibility')}</option>
              {CASE_ELIGIBILITY.map((s) => (
                <option key={s} value={s}>
                  {t(`dashboard.eligibility.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="cases-citizenship">{t('portfolio.filter.citizenship')}</label>
            <CitizenshipSelect value={form.citizenship ?? ''} onChange={(v) => setForm({ ...form, citizenship: v })} />
          </div>
          <div className="field">
            <label htmlFor="cases-finding">{t('portfolio.filter.finding')}</label>
            <FindingKindSelect
              id="cases-finding"
              value={form.finding ?? ''}
              onChange={(v) => setForm({ ...form, finding: v || undefined })}
            />
          </div>
          <div className="field">
            <label htmlFor="cases-sort">{t('cases.filter.sort')}</label>
            <select
              id="cases-sort"
              value={form.sort}
              onChange={(e) => setForm({ ...form, sort: e.target.value as CaseSort })}
            >
              {CASE_SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(`portfolio.sort.${s}`)}
                </option>
              ))}
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

      <ExportLinks
        what={t('portfolio.export.cases')}
        href={(format) => api.href('exportCases', { query: caseExportQuery(filter, format, lang) })}
      />

      {write && (
        <BulkBar
          selected={selected}
          setSelected={setSelected}
          members={members.data}
          total={list.data?.total ?? 0}
          filter={filter}
          onDone={list.reload}
        />
      )}

      {list.error && <ErrorBox error={list.error} />}
      <div aria-busy={list.loading}>
        {list.data && (
          <>
            <p className="count-line" role="status">
              {t(pluralKey('cases.count', t.lang, list.data.total), { n: t.number(list.data.total) })}
            </p>
            <CaseList
              items={list.data.items}
              filter={filter}
              selected={write ? selected : null}
              setSelected={setSelected}
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

function CitizenshipSelect({ value, onChange }: { value: string; onChange: (v: string | undefined) => void }) {
  const { t } = useApp();
  const options = useMemo(
    () =>
      countries
        .filter((c) => c.code !== 'RU')
        .map((c) => ({ code: c.code, name: countryName(t.lang, c.code) }))
        .sort((a, b) => a.name.localeCompare(b.name, t.lang)),
    [t.lang],
  );
  return (
    <select id="cases-citizenship" value={value} onChange={(e) => onChange(e.target.value || undefined)}>
      <option value="">{t('portfolio.filter.anyCitizenship')}</option>
      {value && !options.some((o) => o.code === value) && <option value={value}>{value}</option>}
      {options.map((o) => (
        <option key={o.code} value={o.code}>
          {o.name}
        </option>
      ))}
    </select>
  );
}

/** The next deadline of a case: its date and, below, how far it is in words. */
function NextDeadline({ due, today }: { due: string | null; today: string }) {
  const { t } = useApp();
  if (!due) return <span className="hint">{t('portfolio.col.noDeadline')}</span>;
  const p = duePhrase(t.lang, today, due, 'upcoming');
  return (
    <>
      <span className="nowrap">{t.date(due)}</span>
      {p && (
        <span className={`block hint${p.key.startsWith('obligations.when.late') ? ' late' : ''}`}>
          {t(p.key, { n: t.number(p.n) })}
        </span>
      )}
    </>
  );
}

/** A column header that sorts the list by it (the current order marked in words, not by an arrow alone). */
function SortHeader({ filter, sort, label }: { filter: CaseFilter; sort: CaseSort; label: string }) {
  const { t } = useApp();
  if (filter.sort === sort)
    return (
      <>
        {label} <span className="hint">{t('portfolio.sort.current')}</span>
      </>
    );
  return (
    <Link href={casesHref({ ...filter, sort, offset: 0 })} title={t(`portfolio.sort.${sort}`)}>
      {label}
    </Link>
  );
}

function CaseList({
  items,
  filter,
  selected,
  setSelected,
  empty,
}: {
  items: readonly CaseListItem[];
  filter: CaseFilter;
  /** The selection, or null when the reader may not act on cases (no boxes). */
  selected: ReadonlyMap<string, string> | null;
  setSelected: (s: ReadonlyMap<string, string>) => void;
  empty: ReactNode;
}) {
  const { t, session } = useApp();
  const today = todayMoscow();
  const me = session?.user.userId;
  const toggle = (c: CaseListItem, on: boolean) => {
    const next = new Map(selected);
    if (on) next.set(c.caseId, c.principalName);
    else next.delete(c.caseId);
    setSelected(next);
  };
  const allOn = !!selected && items.length > 0 && items.every((c) => selected.has(c.caseId));
  const toggleAll = (on: boolean) => {
    const next = new Map(selected);
    for (const c of items) {
      if (on) next.set(c.caseId, c.principalName);
      else next.delete(c.caseId);
    }
    setSelected(next);
  };
  const columns: TableProps<CaseListItem>['columns'] = [
    selected && {
      key: 'select',
      header: (
        <input
          type="checkbox"
          checked={allOn}
          onChange={(e) => toggleAll(e.target.checked)}
          aria-label={t('portfolio.select.page')}
        />
      ),
      label: false,
      className: 'select',
      cell: (c) => (
        <input
          type="checkbox"
          checked={selected.has(c.caseId)}
          onChange={(e) => toggle(c, e.target.checked)}
          aria-label={t('portfolio.select.one', { name: c.principalName })}
        />
      ),
    },
    {
      key: 'principal',
      header: t('cases.col.principal'),
      rowHeader: true,
      cell: (c) => (
        <>
          <Link href={`/app/cases/${c.caseId}`}>{c.principalName}</Link>
          {c.principalNameCyrillic && (
            <span className="block" lang="ru">
              {c.principalNameCyrillic}
            </span>
          )}
          {c.externalId && <span className="hint block">{t('cases.externalId', { id: c.externalId })}</span>}
        </>
      ),
    },
    {
      key: 'next',
      header: <SortHeader filter={filter} sort="next-deadline" label={t('portfolio.col.next')} />,
      label: t('portfolio.col.next'),
      cell: (c) => <NextDeadline due={c.nextDeadline} today={today} />,
    },
    {
      key: 'overdue',
      header: <SortHeader filter={filter} sort="overdue" label={t('portfolio.col.overdue')} />,
      label: t('portfolio.col.overdue'),
      className: 'num',
      headerClassName: 'num',
      cell: (c) => (c.overdue > 0 ? <strong className="late">{t.number(c.overdue)}</strong> : t.number(0)),
    },
    {
      key: 'employer',
      header: t('cases.col.employer'),
      cell: (c) => <Link href={`/app/employers/${c.employerId}`}>{c.employerName}</Link>,
    },
    {
      key: 'citizenship',
      header: t('cases.col.citizenship'),
      cell: (c) => countryName(t.lang, c.principalCitizenship) || '—',
    },
    {
      key: 'assignee',
      header: t('portfolio.col.assignee'),
      cell: (c) => <span className={c.assignee ? undefined : 'hint'}>{assigneeText(t, c.assignee, me)}</span>,
    },
    {
      key: 'stage',
      header: t('cases.col.stage'),
      cell: (c) => (
        <>
          {stageName(t, c.stage)}
          {c.status === 'closed' && (
            <>
              {' '}
              <StatusTag status="closed" label={t('cases.status.closed')} />
            </>
          )}
        </>
      ),
    },
    {
      key: 'updated',
      header: <SortHeader filter={filter} sort="updated" label={t('cases.col.updated')} />,
      label: t('cases.col.updated'),
      cell: (c) => t.dateTime(c.updatedAt),
    },
  ];
  return (
    <Table
      columns={columns}
      rows={items}
      rowKey={(c) => c.caseId}
      caption={t('cases.title')}
      empty={empty}
      className="cases"
    />
  );
}

type BulkKind = 'assign' | 'close' | 'salary-notification-filed';
type BulkAction =
  | { type: 'assign'; assignee: string | null }
  | { type: 'close' }
  | { type: 'salary-notification-filed'; period: string; on: string };

/**
 * What to do to the ticked cases: pick the action (and its member or quarter), confirm with the number of
 * cases named, then read the summary — how many changed, how many were so already, and each refusal.
 */
function BulkBar({
  selected,
  setSelected,
  members,
  total,
  filter,
  onDone,
}: {
  selected: ReadonlyMap<string, string>;
  setSelected: (s: ReadonlyMap<string, string>) => void;
  members: readonly Member[] | undefined;
  total: number;
  filter: CaseFilter;
  onDone: () => void;
}) {
  const { t } = useApp();
  const today = todayMoscow();
  const quarters = useMemo(() => recentQuarters(today), [today]);
  const [kind, setKind] = useState<BulkKind>('assign');
  const [assignee, setAssignee] = useState('');
  const [period, setPeriod] = useState(quarters.suggested);
  const [on, setOn] = useState(today);
  const [confirming, setConfirming] = useState<BulkAction | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [summary, setSummary] = useState<{ s: BulkSummary; names: ReadonlyMap<string, string>; what: string } | null>(
    null,
  );
  const confirmRef = useRef<HTMLDivElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (summary) summaryRef.current?.focus();
  }, [summary]);
  const n = selected.size;

  const selectAll = useAction(
    async () => {
      const page = await api.listCases({ query: { ...caseApiQuery(filter, BULK_MAX), offset: undefined } });
      const next = new Map(selected);
      for (const c of page.items) next.set(c.caseId, c.principalName);
      return next;
    },
    { onDone: (next) => setSelected(next) },
  );
  const run = useAction(
    (action: BulkAction) => api.bulkCases({ body: { caseIds: [...selected.keys()].slice(0, BULK_MAX), action } }),
    {
      onDone: (r, action) => {
        const s = summarize(r);
        const names = new Map(selected);
        const next = new Map(selected);
        for (const id of s.done) next.delete(id);
        setSelected(next);
        setConfirming(null);
        setSummary({ s, names, what: describe(action) });
        onDone();
      },
      onError: () => setConfirming(null),
    },
  );
  const memberName = (id: string) => {
    const m = members?.find((x) => x.userId === id);
    return m ? personName(m) : id;
  };
  const describe = (a: BulkAction) =>
    a.type === 'assign'
      ? a.assignee
        ? t('portfolio.bulk.what.assign', { name: memberName(a.assignee) })
        : t('portfolio.bulk.what.unassign')
      : a.type === 'close'
        ? t('portfolio.bulk.what.close')
        : t('portfolio.bulk.what.salary', { period: quarterWords(t, a.period), date: t.date(a.on) });

  const prepare = (e: FormEvent) => {
    e.preventDefault();
    setSummary(null);
    run.reset();
    if (kind === 'assign' && assignee === '' && !members?.length) {
      setProblem(t('portfolio.bulk.noMembers'));
      return;
    }
    if (kind === 'salary-notification-filed' && !/^\d{4}-\d{2}-\d{2}$/.test(on)) {
      setProblem(t('portfolio.bulk.badDate'));
      return;
    }
    setProblem(null);
    setConfirming(
      kind === 'assign'
        ? { type: 'assign', assignee: assignee || null }
        : kind === 'close'
          ? { type: 'close' }
          : { type: 'salary-notification-filed', period, on },
    );
  };

  return (
    <section className="bulk" aria-labelledby="bulk-h">
      <h2 id="bulk-h" className="visually-hidden">
        {t('portfolio.bulk.title')}
      </h2>
      <p role="status" className="count-line">
        {n === 0 ? t('portfolio.select.none') : t(pluralKey('portfolio.select.count', t.lang, n), { n: t.number(n) })}{' '}
        {n > 0 && (
          <button type="button" className="link" onClick={() => setSelected(new Map())}>
            {t('portfolio.select.clear')}
          </button>
        )}{' '}
        {total > 0 && (
          <button type="button" className="link" disabled={selectAll.busy} onClick={() => void selectAll.run()}>
            {t(pluralKey('portfolio.select.all', t.lang, Math.min(total, BULK_MAX)), {
              n: t.number(Math.min(total, BULK_MAX)),
            })}
          </button>
        )}
      </p>
      {selectAll.error && <ErrorBox error={selectAll.error} />}
      {n > 0 && !confirming && (
        <form className="toolbar bulk-form" onSubmit={prepare} aria-label={t('portfolio.bulk.title')}>
          <div className="field">
            <label htmlFor="bulk-kind">{t('portfolio.bulk.action')}</label>
            <select id="bulk-kind" value={kind} onChange={(e) => setKind(e.target.value as BulkKind)}>
              <option value="assign">{t('portfolio.bulk.kind.assign')}</option>
              <option value="salary-notification-filed">{t('portfolio.bulk.kind.salary')}</option>
              <option value="close">{t('portfolio.bulk.kind.close')}</option>
            </select>
          </div>
          {kind === 'assign' && (
            <div className="field">
              <label htmlFor="bulk-assignee">{t('portfolio.bulk.assignee')}</label>
              <MemberSelect
                id="bulk-assignee"
                value={assignee}
                onChange={setAssignee}
                members={members}
                none={t('portfolio.bulk.nobody')}
              />
            </div>
          )}
          {kind === 'salary-notification-filed' && (
            <>
              <div className="field">
                <label htmlFor="bulk-period">{t('portfolio.bulk.period')}</label>
                <select id="bulk-period" value={period} onChange={(e) => setPeriod(e.target.value)}>
                  {quarters.quarters.map((q) => (
                    <option key={q} value={q}>
                      {quarterWords(t, q)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="bulk-on">{t('portfolio.bulk.on')}</label>
                <input id="bulk-on" type="date" value={on} max={today} onChange={(e) => setOn(e.target.value)} />
              </div>
            </>
          )}
          <button type="submit" className="secondary">
            {t('portfolio.bulk.continue')}
          </button>
          {kind === 'salary-notification-filed' && <p className="hint grow">{t('portfolio.bulk.salaryHint')}</p>}
        </form>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {confirming && (
        <div className="notice warn confirm-panel" tabIndex={-1} ref={confirmRef} role="group" aria-labelledby="bulk-q">
          <p id="bulk-q">
            {t(pluralKey('portfolio.bulk.confirm', t.lang, n), { n: t.number(n), what: describe(confirming) })}
          </p>
          <button
            type="button"
            className={confirming.type === 'close' ? 'danger' : 'primary'}
            disabled={run.busy}
            onClick={() => void run.run(confirming)}
          >
            {t(pluralKey('portfolio.bulk.yes', t.lang, n), { n: t.number(n) })}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setConfirming(null)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      {run.error && <ErrorBox error={run.error} />}
      {summary && (
        <div className="notice bulk-summary" tabIndex={-1} ref={summaryRef} role="status">
          <p>
            {t('portfolio.bulk.summary', {
              what: summary.what,
              changed: t.number(summary.s.changed),
              unchanged: t.number(summary.s.unchanged),
              refused: t.number(summary.s.refused.length),
            })}
          </p>
          {summary.s.refused.length > 0 && (
            <>
              <p>{t('portfolio.bulk.refusedTitle')}</p>
              <ul>
                {summary.s.refused.map((r) => (
                  <li key={r.caseId}>
                    <Link href={`/app/cases/${r.caseId}`}>
                      {summary.names.get(r.caseId) ?? t('portfolio.bulk.aCase')}
                    </Link>
                    : {t(`portfolio.bulk.problem.${r.kind}`)}
                    {r.kind === 'invalid' && r.detail ? ` (${r.detail})` : ''}
                  </li>
                ))}
              </ul>
              <p className="hint">{t('portfolio.bulk.refusedKept')}</p>
            </>
          )}
        </div>
      )}
    </section>
  );
}

/** 2026-Q3 in words: "Q3 2026", "III квартал 2026 г.". */
export function quarterWords(t: T, q: string): string {
  const n = Number(q.slice(6));
  return t('portfolio.quarter', { year: q.slice(0, 4), n: t.lang === 'ru' ? ['I', 'II', 'III', 'IV'][n - 1]! : n });
}
