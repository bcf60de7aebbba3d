// The dashboard (/app): what a migration manager opens every morning. The portfolio's figures (overdue,
// due this week, open cases, cases not yet evaluated), the duties overdue or due in the next seven days
// (filter by employer and kind, group by either; the view is kept in the URL), cases by stage, findings
// by severity and eligibility. With no case yet, the first steps instead.
import { useEffect, useState } from 'react';
import { api, type Dashboard as DashboardData, type ObligationRecord, type Page } from '../../api.ts';
import { Link, useLocation } from '../../router.tsx';
import { canWrite, useApp } from '../session.tsx';
import { Table } from '../Table.tsx';
import { ErrorBox, Load, PageTitle, StatusTag, useData } from '../ui.tsx';
import { EmployerSelect, KindSelect, ObligationTable, stageName, useEmployerOptions } from './common.tsx';
import {
  casesHref,
  dashboardHref,
  FINDING_SEVERITIES,
  findingsHref,
  obligationsHref,
  readDashboardFilter,
  type DashboardFilter,
  type Grouping,
} from './filters.ts';
import { addDays } from './format.ts';
import { ELIGIBILITY_STATUSES, OPEN_STATUSES, STAGES } from './vocab.ts';

const TABLE_LIMIT = 200;

interface Overview {
  dash: DashboardData;
  /** Cases of any status and employers: both zero on a fresh install (the first steps). */
  anyCase: boolean;
  anyEmployer: boolean;
}

export function Dashboard() {
  const { t } = useApp();
  const state = useData<Overview>(async (signal) => {
    const dash = await api.getDashboard({}, { signal });
    if (dash.openCases > 0) return { dash, anyCase: true, anyEmployer: true };
    const [cases, employers] = await Promise.all([
      api.listCases({ query: { limit: 1 } }, { signal }),
      api.listEmployers({ query: { limit: 1 } }, { signal }),
    ]);
    return { dash, anyCase: cases.total > 0, anyEmployer: employers.total > 0 };
  }, []);
  return (
    <main id="main">
      <PageTitle sub={state.data ? t('dashboard.asOf', { date: t.date(state.data.dash.today) }) : undefined}>
        {t('dashboard.title')}
      </PageTitle>
      <Load state={state}>
        {(d) => (d.anyCase ? <Overview d={d.dash} /> : <FirstSteps anyEmployer={d.anyEmployer} />)}
      </Load>
    </main>
  );
}

function FirstSteps({ anyEmployer }: { anyEmployer: boolean }) {
  const { t, session } = useApp();
  const write = canWrite(session);
  return (
    <section className="first-steps notice" aria-labelledby="first-steps-h">
      <h2 id="first-steps-h">{t('dashboard.first.title')}</h2>
      <p>{t('dashboard.first.intro')}</p>
      <ol>
        <li>{anyEmployer ? t('dashboard.first.employerDone') : t('dashboard.first.employer')}</li>
        <li>{t('dashboard.first.case')}</li>
        <li>{t('dashboard.first.daily')}</li>
      </ol>
      {write ? (
        <p className="actions">
          <Link className={anyEmployer ? 'button secondary' : 'button primary'} href="/app/employers?new=1">
            {t('dashboard.first.addEmployer')}
          </Link>
          <Link className={anyEmployer ? 'button primary' : 'button secondary'} href="/app/cases/new">
            {t('dashboard.first.newCase')}
          </Link>
        </p>
      ) : (
        <p className="hint">{t('dashboard.first.readOnly')}</p>
      )}
    </section>
  );
}

function Card({ n, label, href, tone }: { n: number; label: string; href?: string; tone?: 'bad' | 'warn' }) {
  const { t } = useApp();
  const body = (
    <>
      <span className="big">{t.number(n)}</span> {label}
    </>
  );
  return <li className={`card${tone && n > 0 ? ` ${tone}` : ''}`}>{href ? <Link href={href}>{body}</Link> : body}</li>;
}

function Overview({ d }: { d: DashboardData }) {
  const { t } = useApp();
  const today = d.today;
  const weekEnd = addDays(today, 7);
  // Overdue as the dashboard counts it: still open and due before today (the stored status may be older).
  const overdueHref = obligationsHref({ status: [...OPEN_STATUSES], to: addDays(today, -1) });
  const weekHref = obligationsHref({ status: ['due', 'upcoming'], from: today, to: weekEnd });
  const stages = [...STAGES, 'not-evaluated'].filter((s) => (d.casesByStage[s] ?? 0) > 0);
  const otherStages = Object.keys(d.casesByStage).filter((s) => !stages.includes(s) && (d.casesByStage[s] ?? 0) > 0);
  return (
    <>
      <ul className="cards plain" aria-label={t('dashboard.figures')}>
        <Card n={d.overdue} label={t('dashboard.card.overdue')} href={overdueHref} tone="bad" />
        <Card n={d.dueThisWeek} label={t('dashboard.card.week')} href={weekHref} tone="warn" />
        <Card n={d.openCases} label={t('dashboard.card.open')} href={casesHref({ status: 'open' })} />
        <Card
          n={d.notEvaluated}
          label={t('dashboard.card.notEvaluated')}
          href={casesHref({ status: 'open', stage: 'not-evaluated' })}
          tone="warn"
        />
      </ul>
      {d.notEvaluated > 0 && <p className="hint">{t('dashboard.notEvaluatedHint')}</p>}

      <Upcoming today={today} />

      <div className="columns">
        <section aria-labelledby="by-stage-h">
          <h2 id="by-stage-h">{t('dashboard.stages.title')}</h2>
          <Table
            columns={[
              {
                key: 'stage',
                header: t('dashboard.stages.stage'),
                rowHeader: true,
                cell: (s) => stageName(t, s === 'not-evaluated' ? null : s),
              },
              {
                key: 'cases',
                header: t('dashboard.stages.cases'),
                className: 'num',
                headerClassName: 'num',
                cell: (s) => (
                  <Link href={casesHref({ status: 'open', stage: s })}>{t.number(d.casesByStage[s] ?? 0)}</Link>
                ),
              },
            ]}
            rows={[...stages, ...otherStages]}
            rowKey={(s) => s}
            caption={t('dashboard.stages.title')}
            stack={false}
            labels="none"
            wrap={false}
            empty={<p>{t('dashboard.stages.none')}</p>}
          />
        </section>
        <section aria-labelledby="findings-h">
          <h2 id="findings-h">{t('dashboard.findings.title')}</h2>
          <ul className="plain counts">
            {FINDING_SEVERITIES.map((s) => (
              <li key={s}>
                <StatusTag status={s} label={t(`dashboard.severity.${s}`)} />{' '}
                <Link className="count" href={findingsHref({ severity: s })}>
                  {t.number(d.findingsBySeverity[s])}
                  <span className="visually-hidden"> {t(`dashboard.severity.${s}`)}</span>
                </Link>
              </li>
            ))}
          </ul>
          <p className="hint">{t('dashboard.findings.hint')}</p>
          <h2 id="eligibility-h">{t('dashboard.eligibility.title')}</h2>
          <ul className="plain counts" aria-labelledby="eligibility-h">
            {ELIGIBILITY_STATUSES.map((s) => (
              <li key={s}>
                <StatusTag status={s} label={t(`dashboard.eligibility.${s}`)} />{' '}
                <Link className="count" href={casesHref({ status: 'open', eligibility: s })}>
                  {t.number(d.eligibility[s] ?? 0)}
                  <span className="visually-hidden"> {t(`dashboard.eligibility.${s}`)}</span>
                </Link>
              </li>
            ))}
          </ul>
          <p className="hint">{t('dashboard.eligibility.hint')}</p>
        </section>
      </div>
    </>
  );
}

/**
 * Overdue and due within seven days. The view (employer, kind, grouping) is written into the URL with
 * replaceState: it is kept on reload and in a shared link, without a history entry or a jump to the top
 * for every change of a select.
 */
function Upcoming({ today }: { today: string }) {
  const { t } = useApp();
  const { search } = useLocation();
  const key = search.toString();
  const [f, setF] = useState<DashboardFilter>(() => readDashboardFilter(search));
  useEffect(() => setF(readDashboardFilter(new URLSearchParams(key))), [key]);
  const change = (next: DashboardFilter) => {
    setF(next);
    history.replaceState(history.state, '', dashboardHref(next));
  };
  const employers = useEmployerOptions();
  const to = addDays(today, 7);
  const list = useData<Page<ObligationRecord>>(
    (signal) =>
      api.listObligations(
        {
          query: { status: OPEN_STATUSES.join(','), dueTo: to, employer: f.employer, kind: f.kind, limit: TABLE_LIMIT },
        },
        { signal },
      ),
    [to, f.employer, f.kind],
  );
  const allHref = obligationsHref({
    status: [...OPEN_STATUSES],
    to,
    ...(f.employer ? { employer: f.employer } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
  });
  return (
    <section aria-labelledby="upcoming-h">
      <h2 id="upcoming-h">{t('dashboard.upcoming.title')}</h2>
      <div className="toolbar filters-bar" role="group" aria-label={t('dashboard.upcoming.view')}>
        <div className="field">
          <label htmlFor="dash-employer">{t('obligations.filter.employer')}</label>
          <EmployerSelect
            id="dash-employer"
            value={f.employer ?? ''}
            options={employers.data}
            onChange={(v) => change({ ...f, employer: v || undefined })}
          />
        </div>
        <div className="field">
          <label htmlFor="dash-kind">{t('obligations.filter.kind')}</label>
          <KindSelect id="dash-kind" value={f.kind ?? ''} onChange={(v) => change({ ...f, kind: v || undefined })} />
        </div>
        <div className="field">
          <label htmlFor="dash-group">{t('dashboard.upcoming.group')}</label>
          <select id="dash-group" value={f.group} onChange={(e) => change({ ...f, group: e.target.value as Grouping })}>
            <option value="none">{t('dashboard.upcoming.group.none')}</option>
            <option value="employer">{t('dashboard.upcoming.group.employer')}</option>
            <option value="kind">{t('dashboard.upcoming.group.kind')}</option>
          </select>
        </div>
      </div>
      {list.error && <ErrorBox error={list.error} />}
      <div aria-busy={list.loading}>
        {list.data &&
          (list.data.items.length === 0 ? (
            <p className="notice">
              {f.employer || f.kind ? t('dashboard.upcoming.noneFiltered') : t('dashboard.upcoming.none')}
            </p>
          ) : (
            <>
              <ObligationTable
                items={list.data.items}
                today={today}
                group={f.group}
                caption={t('dashboard.upcoming.title')}
              />
              <p>
                {list.data.total > list.data.items.length && (
                  <>
                    {t('dashboard.upcoming.more', {
                      shown: t.number(list.data.items.length),
                      total: t.number(list.data.total),
                    })}{' '}
                  </>
                )}
                <Link href={allHref}>{t('dashboard.upcoming.all')}</Link>
              </p>
            </>
          ))}
      </div>
    </section>
  );
}
