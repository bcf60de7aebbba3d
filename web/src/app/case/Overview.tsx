// The head of the case page (who, for which employer, where the case stands, whether it may go ahead and
// why, close / reopen / delete) and the overview tab: the contract, the employer, the findings by
// severity and the residence-permit grounds each person may use.
import { useState } from 'react';
import type { RenderedFinding as Finding } from '../../../../src/engine/types.ts';
import { api } from '../../api.ts';
import { Basis, isProposalReason } from '../../Basis.tsx';
import { Link, navigate } from '../../router.tsx';
import { ErrorBox, PageTitle, StatusTag } from '../ui.tsx';
import { useAction } from '../useAction.ts';
import { AssigneeFact } from './Assignee.tsx';
import { useCase } from './context.ts';
import { principalOf } from './model.ts';
import { regionName } from './refdata.ts';

export function CaseHeader() {
  const c = useCase();
  const { t, record, kase, evaluation: ev, canWrite, id } = c;
  const [confirmDelete, setConfirmDelete] = useState(false);
  const principal = principalOf(kase);
  const title = principal?.name.latin ?? record.principalName;
  const stage =
    record.stage === null
      ? t('case.stage.none')
      : record.stage === 'complete'
        ? t('case.stage.complete')
        : t(`step.${record.stage}`);
  // The head's two actions share one problem box (each clears the other's problem) and one busy state.
  const setStatus = useAction((status: 'open' | 'closed') => {
    remove.reset();
    return c.save(
      (version) => api.setCaseStatus({ id, body: { status, version } }),
      t(status === 'closed' ? 'case.closed' : 'case.reopened'),
    );
  });
  const remove = useAction(
    () => {
      setStatus.reset();
      return api.deleteCase({ id });
    },
    { keepBusy: true, onDone: () => navigate('/app/cases'), onError: () => setConfirmDelete(false) },
  );
  const error = setStatus.error ?? remove.error;
  const busy = setStatus.busy || remove.busy;
  const th = ev?.eligibility.threshold;
  return (
    <header className="case-head">
      <PageTitle sub={principal?.name.cyrillic}>{title}</PageTitle>
      <dl className="facts">
        <dt>{t('case.head.employer')}</dt>
        <dd>
          <Link href={`/app/employers/${encodeURIComponent(record.employerId)}`}>{record.employerName}</Link>
        </dd>
        <dt>{t('case.head.stage')}</dt>
        <dd>{stage}</dd>
        <dt>{t('case.head.status')}</dt>
        <dd>
          <StatusTag
            status={record.status === 'open' ? 'upcoming' : 'closed'}
            label={t(`case.status.${record.status}`)}
          />
        </dd>
        <dt>{t('case.head.eligibility')}</dt>
        <dd>
          {ev ? (
            <>
              <StatusTag status={ev.eligibility.status} label={t(`case.eligibility.${ev.eligibility.status}`)} />
              {ev.eligibility.reasons.filter(isProposalReason).map((r, i) => (
                <p key={i} className="note proposal">
                  {r.message} <Basis t={t} basis={r.basis} />
                </p>
              ))}
            </>
          ) : (
            '—'
          )}
        </dd>
        {record.externalId && (
          <>
            <dt>{t('case.head.externalId')}</dt>
            <dd>{record.externalId}</dd>
          </>
        )}
        <AssigneeFact />
        <dt>{t('case.head.updated')}</dt>
        <dd>
          {t('case.head.updatedValue', { date: t.dateTime(record.updatedAt), version: t.number(record.version) })}
        </dd>
      </dl>
      {ev && (
        <details className="eligibility" open={ev.eligibility.status !== 'eligible'}>
          <summary>{t('case.head.why', { n: t.number(ev.eligibility.reasons.length) })}</summary>
          {th && (
            <p>
              {t(th.meets ? 'case.threshold.meets' : 'case.threshold.below', {
                salary: t.money(th.salaryInPeriod),
                threshold: th.threshold === null ? '—' : t.money(th.threshold),
                period: t(`per.${th.period}`),
              })}
            </p>
          )}
          <ul className="reasons">
            {ev.eligibility.reasons
              .filter((r) => !isProposalReason(r))
              .map((r, i) => (
                <li key={i}>
                  <StatusTag status={r.severity} label={t(`case.severity.${r.severity}`)} /> {r.message}{' '}
                  <Basis t={t} basis={r.basis} />
                </li>
              ))}
          </ul>
          {ev.eligibility.alternatives.length > 0 && (
            <>
              <h3>{t('outcome.routes')}</h3>
              <ul>
                {ev.eligibility.alternatives.map((r) => (
                  <li key={r.id}>
                    {r.message} <Basis t={t} basis={r.basis} />
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="hint">{t('outcome.asOf', { date: t.date(ev.asOf), law: t.date(ev.lawVersion) })}</p>
        </details>
      )}
      <ErrorBox error={error} />
      {canWrite && (
        <div className="toolbar case-actions">
          {record.status === 'open' ? (
            <button type="button" className="secondary" disabled={busy} onClick={() => void setStatus.run('closed')}>
              {t('case.close')}
            </button>
          ) : (
            <button type="button" className="secondary" disabled={busy} onClick={() => void setStatus.run('open')}>
              {t('case.reopen')}
            </button>
          )}
          {!confirmDelete ? (
            <button type="button" className="link" onClick={() => setConfirmDelete(true)}>
              {t('case.delete')}
            </button>
          ) : (
            <span className="confirm" role="group" aria-label={t('case.deleteConfirm')}>
              {t('case.deleteConfirm')}{' '}
              <button type="button" className="danger" disabled={busy} onClick={() => void remove.run()}>
                {t('case.deleteYes')}
              </button>{' '}
              <button type="button" className="link" onClick={() => setConfirmDelete(false)}>
                {t('common.cancel')}
              </button>
            </span>
          )}
        </div>
      )}
    </header>
  );
}

const SEVERITIES: Finding['severity'][] = ['error', 'warning', 'info'];

export function Overview() {
  const c = useCase();
  const { t, kase, record, evaluation: ev, names, lang } = c;
  const k = kase.contract;
  const e = kase.employer;
  const salary =
    k.currency && k.currency !== 'RUB' ? `${t.number(k.salary.amount)} ${k.currency}` : t.money(k.salary.amount);
  const grounds = (ev?.grounds ?? []).filter((g) => g.status !== 'not-applicable');
  return (
    <>
      <h2>{t('case.contract.title')}</h2>
      <dl className="facts">
        <dt>{t('case.contract.position')}</dt>
        <dd>{k.position}</dd>
        <dt>{t('case.contract.kind')}</dt>
        <dd>{t(`case.contractKind.${k.kind}`)}</dd>
        <dt>{t('case.contract.occupation')}</dt>
        <dd>{t(`case.occupation.${k.occupation}`)}</dd>
        <dt>{t('case.contract.salary')}</dt>
        <dd>{t('case.contract.salaryValue', { amount: salary, per: t(`per.${k.salary.per}`) })}</dd>
        <dt>{t('case.contract.start')}</dt>
        <dd>{t.date(k.start)}</dd>
        <dt>{t('case.contract.end')}</dt>
        <dd>{k.end ? t.date(k.end) : t('case.contract.noEnd')}</dd>
        <dt>{t('case.contract.regions')}</dt>
        <dd>{k.regions.map((r) => regionName(r, lang)).join(', ')}</dd>
      </dl>

      <h2>{t('case.employer.title')}</h2>
      <dl className="facts">
        <dt>{t('case.employer.name')}</dt>
        <dd>
          <Link href={`/app/employers/${encodeURIComponent(record.employerId)}`}>{e.name}</Link>
        </dd>
        <dt>{t('inn')}</dt>
        <dd>{e.inn}</dd>
        <dt>{t('case.employer.kind')}</dt>
        <dd>{t(`employerKind.${e.kind}`)}</dd>
        <dt>{t('case.employer.hqsRegistered')}</dt>
        <dd>{e.hqsRegistered ? t.date(e.hqsRegistered) : t('case.employer.notRegistered')}</dd>
      </dl>

      <h2>{t('case.findings.title')}</h2>
      {!ev ? null : ev.findings.length === 0 ? (
        <p>{t('case.findings.none')}</p>
      ) : (
        SEVERITIES.map((sev) => {
          const list = ev.findings.filter((f) => f.severity === sev);
          if (!list.length) return null;
          return (
            <section key={sev} aria-labelledby={`findings-${sev}`}>
              <h3 id={`findings-${sev}`}>{t(`case.findings.${sev}`, { n: t.number(list.length) })}</h3>
              <ul className="findings">
                {list.map((f, i) => (
                  <li key={i} className={`finding ${sev}`}>
                    <StatusTag status={sev} label={t(`case.severity.${sev}`)} /> {f.message}
                    {f.people.length > 0 && (
                      <span className="hint"> ({f.people.map((p) => names.get(p) ?? p).join(', ')})</span>
                    )}{' '}
                    <Basis t={t} basis={f.basis} />
                  </li>
                ))}
              </ul>
            </section>
          );
        })
      )}

      {grounds.length > 0 && (
        <>
          <h2>{t('case.grounds.title')}</h2>
          <p className="hint">{t('case.grounds.hint')}</p>
          {kase.people.map((p) => {
            const mine = grounds.filter((g) => g.person === p.id);
            if (!mine.length) return null;
            const applies = mine.filter((g) => g.status === 'applies');
            const possible = mine.filter((g) => g.status === 'possible');
            return (
              <section key={p.id} aria-labelledby={`grounds-${p.id}`}>
                <h3 id={`grounds-${p.id}`}>{names.get(p.id)}</h3>
                {applies.length > 0 && (
                  <ul>
                    {applies.map((g) => (
                      <li key={g.ground}>
                        <StatusTag status="done" label={t('case.grounds.applies')} /> {g.why}{' '}
                        <Basis t={t} basis={g.basis} />
                      </li>
                    ))}
                  </ul>
                )}
                {possible.length > 0 && (
                  <details>
                    <summary>{t('case.grounds.possible', { n: t.number(possible.length) })}</summary>
                    <ul>
                      {possible.map((g) => (
                        <li key={g.ground}>
                          {g.why} <Basis t={t} basis={g.basis} />
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </section>
            );
          })}
        </>
      )}
    </>
  );
}
