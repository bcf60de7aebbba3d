// The outcome: for a Russian citizen, that no permit is needed; otherwise the server's evaluation of the
// case built from the answers — eligible or not and why (with the legal basis), other routes, the plan
// with its dates (legal deadlines and estimates told apart), and each person's documents. Printable;
// nothing personal is put in a link.
import { useEffect, useLayoutEffect, useState } from 'react';
import type { T } from '../i18n.ts';
import type { Answers, OutcomeId } from './flow.ts';
import { toCase } from './to-case.ts';
import type { Evaluation } from './evaluation.ts';
import { Basis, isProposalReason } from '../Basis.tsx';
import { Link } from '../router.tsx';
import { api, ApiError } from '../api.ts';
import { splitByNext } from '../app/portal/yours.ts';

/** Plan steps still to do, in the plan's order. */
const OPEN_STEPS: ReadonlySet<string> = new Set(['overdue', 'due', 'upcoming', 'blocked']);

interface Props {
  id: OutcomeId;
  t: T;
  answers: Answers;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  onRestart: () => void;
}

type State = { kind: 'loading' } | { kind: 'done'; evaluation: Evaluation } | { kind: 'failed'; message: string };

export function Outcome({ id, t, answers, headingRef, onRestart }: Props) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const lang = t.lang;
  useEffect(() => {
    if (id !== 'outcome-evaluation') return;
    let live = true;
    setState({ kind: 'loading' });
    (async () => {
      try {
        return await api.evaluate({
          query: { lang, include: 'documents', ...(answers.employer?.innUnknown ? { unknown: 'employer.inn' } : {}) },
          body: toCase(answers),
        });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        // Worded in the reader's language (web/src/problems.ts): the problem, then each field's, once.
        const said = e.errors.map((p) => p.message).filter((m) => m !== e.detail);
        throw new Error([e.detail, ...said].join(' '));
      }
    })().then(
      (evaluation) => live && setState({ kind: 'done', evaluation }),
      (e: Error) => live && setState({ kind: 'failed', message: e.message }),
    );
    return () => {
      live = false;
    };
  }, [id, answers, lang]);

  // Someone signed in who may create cases (owner, manager) can turn these answers into a case: the link
  // carries no answer, the new-case page reads them from this tab's sessionStorage.
  const [canCreateCase, setCanCreateCase] = useState(false);
  useEffect(() => {
    if (id !== 'outcome-evaluation') return;
    let live = true;
    api.getSession().then(
      (s) => live && setCanCreateCase(s.role === 'owner' || s.role === 'manager'),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [id]);

  // The heading is drawn anew when the answer arrives: give it the focus again.
  useLayoutEffect(() => {
    if (state.kind !== 'loading') headingRef.current?.focus();
  }, [state.kind, headingRef]);

  const actions = (
    <p className="actions no-print">
      <button type="button" className="primary" onClick={() => print()}>
        {t('outcome.print')}
      </button>{' '}
      <button type="button" className="secondary" onClick={onRestart}>
        {t('outcome.restart')}
      </button>
    </p>
  );

  if (id === 'outcome-citizen') {
    return (
      <>
        <h1 ref={headingRef} tabIndex={-1}>
          {t('title.outcome-citizen')}
        </h1>
        <p>{t('outcome.citizen')}</p>
        {actions}
      </>
    );
  }
  if (state.kind !== 'done') {
    return (
      <>
        <h1 ref={headingRef} tabIndex={-1}>
          {t('title.outcome-evaluation')}
        </h1>
        {state.kind === 'loading' ? (
          <p aria-live="polite">{t('outcome.loading')}</p>
        ) : (
          <p className="error" role="alert">
            {t('outcome.failed', { message: state.message })}
          </p>
        )}
        {actions}
      </>
    );
  }
  const ev = state.evaluation;
  const names = new Map<string, string>([
    ['p1', answers.person?.name ?? 'p1'],
    ...(answers.hasFamily === 'yes'
      ? (answers.family ?? []).map(
          (m, i) => [`p${i + 2}`, `${m.name} (${t(`relation.${m.relation}`)})`] as [string, string],
        )
      : []),
  ]);
  const status = ev.eligibility.status;
  const people = [...names.keys()];
  // In Chinese, the line glossary rule 7 asks of every page that states legal rules.
  const machineNote = t.lang === 'zh' ? <p className="note">{t('governing')}</p> : null;
  const multi = people.length > 1;
  // A phone reader first: the answer, the next three steps and the papers of the next filing; the rest folded.
  const open = ev.plan.filter((s) => people.includes(s.person) && OPEN_STEPS.has(s.status));
  const nextSteps = open.slice(0, 3);
  const checklist = ev.checklist ?? [];
  const nextFiling = splitByNext(ev.plan, checklist);
  const stepItem = (s: (typeof ev.plan)[number], withWhy: boolean) => (
    <li key={`${s.person}-${s.id}`} className={s.dateKind ?? 'none'}>
      <strong>{t(`step.${s.id}`)}</strong>
      {multi && <> — {names.get(s.person)}</>}
      {s.date && (
        <span className="when">
          {' '}
          {t(s.dateKind === 'deadline' ? 'outcome.by' : s.dateKind === 'earliest' ? 'outcome.from' : 'outcome.about', {
            date: t.date(s.date),
          })}{' '}
          <span className="tag">{t(`datekind.${s.dateKind ?? 'estimate'}`)}</span>
        </span>
      )}
      {withWhy && (
        <>
          <br />
          <span className="why">{s.why}</span> <Basis t={t} basis={s.basis} />
        </>
      )}
    </li>
  );
  const documentList = (items: typeof checklist) =>
    people.map((p) => {
      const mine = items.filter((c) => c.person === p);
      if (!mine.length) return null;
      return (
        <div key={p}>
          <h3>{names.get(p)}</h3>
          <ul className="checklist">
            {mine.map((c, i) => (
              <li key={i}>
                <strong>{c.requirement.title[t.lang] ?? c.requirement.title.en}</strong> —{' '}
                {t(`form.${c.requirement.form}`)}
                {c.requirement.copies > 1 ? `, ${t('outcome.copies', { n: t.number(c.requirement.copies) })}` : ''}
                {c.requirement.legalization !== 'not-applicable' && c.requirement.legalization !== 'none-domestic'
                  ? `, ${t(`legalization.${c.requirement.legalization}`)}`
                  : ''}
                {c.requirement.translation ? `, ${t('outcome.translation')}` : ''}
                <span className="tag">{t(`procedure.${c.procedure}`)}</span>
              </li>
            ))}
          </ul>
        </div>
      );
    });
  const reasons = ev.eligibility.reasons.filter((r) => !isProposalReason(r));
  const why = (
    <>
      {ev.eligibility.threshold && (
        <p>
          {t(ev.eligibility.threshold.meets ? 'outcome.threshold.meets' : 'outcome.threshold.below', {
            salary: t.money(ev.eligibility.threshold.salaryInPeriod),
            threshold: ev.eligibility.threshold.threshold === null ? '—' : t.money(ev.eligibility.threshold.threshold),
            period: t(`per.${ev.eligibility.threshold.period}`),
          })}
        </p>
      )}
      <ul className="reasons">
        {reasons.map((r, i) => (
          <li key={i} className={r.severity}>
            {r.message} <Basis t={t} basis={r.basis} />
          </li>
        ))}
      </ul>
    </>
  );
  return (
    <article className="outcome">
      <div className={`panel ${status}`}>
        <h1 ref={headingRef} tabIndex={-1}>
          {t(`outcome.status.${status}`)}
        </h1>
        {ev.eligibility.reasons.filter(isProposalReason).map((r, i) => (
          <p key={i} className="note proposal">
            {r.message} <Basis t={t} basis={r.basis} />
          </p>
        ))}
      </div>
      {machineNote}
      {status !== 'ineligible' && nextSteps.length > 0 && (
        <section aria-labelledby="next">
          <h2 id="next">{t('outcome.next')}</h2>
          <ol className="plan next-steps">{nextSteps.map((s) => stepItem(s, false))}</ol>
        </section>
      )}
      {status !== 'ineligible' && nextFiling.now.length > 0 && (
        <section aria-labelledby="docs-next">
          <h2 id="docs-next">
            {nextFiling.procedure
              ? t('outcome.documentsNext', { procedure: t(`procedure.${nextFiling.procedure}`) })
              : t('outcome.documents')}
          </h2>
          {documentList(nextFiling.now)}
        </section>
      )}
      {status === 'ineligible' ? (
        <section aria-labelledby="why">
          <h2 id="why">{t('outcome.why')}</h2>
          {why}
        </section>
      ) : (
        <details className="more">
          <summary>
            <h2 id="why">{t('outcome.why')}</h2>
          </summary>
          {why}
        </details>
      )}
      {ev.eligibility.alternatives.length > 0 && (
        <section aria-labelledby="routes">
          <h2 id="routes">{t('outcome.routes')}</h2>
          <ul>
            {ev.eligibility.alternatives.map((r) => (
              <li key={r.id}>
                {r.message} <Basis t={t} basis={r.basis} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {status !== 'ineligible' && ev.plan.length > 0 && (
        <details className="more">
          <summary>
            <h2 id="plan">{t('outcome.plan')}</h2>
          </summary>
          {ev.estimatedDaysToEntry !== undefined && (
            <p>{t('outcome.daysToEntry', { n: t.number(ev.estimatedDaysToEntry) })}</p>
          )}
          {people.map((p) => {
            const steps = ev.plan.filter((s) => s.person === p && s.status !== 'not-applicable');
            if (!steps.length) return null;
            return (
              <div key={p}>
                <h3>{names.get(p)}</h3>
                <ol className="plan">{steps.map((s) => stepItem(s, true))}</ol>
              </div>
            );
          })}
        </details>
      )}
      {status !== 'ineligible' && nextFiling.later.length > 0 && (
        <details className="more">
          <summary>
            <h2 id="docs">{t('outcome.documentsLater')}</h2>
          </summary>
          {documentList(nextFiling.later)}
        </details>
      )}
      <p className="hint">{t('outcome.asOf', { date: t.date(ev.asOf), law: t.date(ev.lawVersion) })}</p>
      <p className="hint">{t('outcome.disclaimer')}</p>
      {canCreateCase && (
        <p className="no-print to-case">
          <Link href="/app/cases/new?from=selfcheck">{t('outcome.toCase')}</Link>
          <br />
          <span className="hint">{t('outcome.toCaseHint')}</span>
        </p>
      )}
      {actions}
    </article>
  );
}
