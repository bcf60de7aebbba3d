// The specialist's portal (/portal): a signed-in specialist sees their own case and family, phone first —
// what is next, the documents to bring (with upload: the server lets them add scans to their own case),
// what to do after arrival (registration, absences, the yearly notification, renewals) in plain words with
// dates and days left, and the steps of the plan with their dates. English, Russian or Chinese; the
// engine's explanations come in English or Russian, so a Chinese reader gets English ones with a note.
import type { ReactNode } from 'react';
import type { ObligationKind, RenderedObligation as Obligation } from '../../../../src/engine/types.ts';
import { api, type CaseRecord, type ChecklistReview, type DocumentRecord, type Evaluation } from '../../api.ts';
import { Basis } from '../../Basis.tsx';
import type { T } from '../../i18n.ts';
import { Checklist } from '../case/Checklist.tsx';
import { isOpen, peopleOrder, reviewKey, sortObligations } from '../case/model.ts';
import { DueIn, nameOf } from '../case/parts.tsx';
import { PlanList } from '../case/Plan.tsx';
import { useApp } from '../session.tsx';
import { ErrorBox, Load, PageTitle, StatusTag, todayMoscow, useData, type Loaded } from '../ui.tsx';
import { specialistItems, splitByNext } from './yours.ts';

/** The duties a specialist and their family carry out themselves (the employer's notifications are left out). */
export const PERSONAL_DUTIES: readonly ObligationKind[] = [
  'migration-registration',
  'work-permit-collection',
  'rp-registration',
  'rp-annual-notification',
  'rp-absence-limit',
  'work-permit-extension',
  'passport-validity',
  'rp-book-replacement',
  'leave-or-new-contract',
];

export function Portal() {
  const { t, session: s } = useApp();
  if (!s?.caseId) {
    return (
      <main id="main" className="portal">
        <PageTitle>{t('portal.title')}</PageTitle>
        <p>{t('portal.noCase')}</p>
      </main>
    );
  }
  return <PortalCase caseId={s.caseId} personId={s.personId} />;
}

function PortalCase({ caseId, personId }: { caseId: string; personId: string | undefined }) {
  const { t, lang } = useApp();
  const record = useData((signal) => api.getCase({ id: caseId }, { signal }), [caseId]);
  const evaluation = useData(
    (signal) => api.getCaseEvaluation({ id: caseId, query: { lang, include: 'documents' } }, { signal }),
    [caseId, lang],
  );
  const documents = useData((signal) => api.listDocuments({ id: caseId }, { signal }), [caseId]);
  // How the migration manager ticked the documents: a rejection shows its comment (reloaded after an upload).
  const ticks = useData((signal) => api.getCaseChecklist({ id: caseId }, { signal }), [caseId, documents.data?.length]);
  const reviews = new Map(
    (ticks.data?.items ?? []).flatMap((i) => (i.review ? [[reviewKey(i.person, i.document), i.review] as const] : [])),
  );
  return (
    <main id="main" className="portal">
      <Load state={record}>
        {(rec) => (
          <PortalBody
            t={t}
            rec={rec}
            personId={personId}
            evaluation={evaluation}
            documents={documents}
            reviews={reviews}
          />
        )}
      </Load>
    </main>
  );
}

/**
 * A family member under 18 on `today`: the parent who is a specialist of the case uploads and sees their
 * scans (the server decides the same; docs/api.md). Another adult's are theirs unless shared.
 */
function isMinor(p: { role: string; birthDate?: string } | undefined, today: string): boolean {
  if (!p || p.role !== 'family' || !p.birthDate) return false;
  const [y, m, d] = p.birthDate.split('-').map(Number) as [number, number, number];
  const adult = `${String(y + 18).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return adult > today;
}

function PortalBody({
  t,
  rec,
  personId,
  evaluation,
  documents,
  reviews,
}: {
  t: T;
  rec: CaseRecord;
  personId: string | undefined;
  evaluation: Loaded<{ evaluation: Evaluation; stored: boolean }>;
  documents: Loaded<DocumentRecord[]>;
  reviews: ReadonlyMap<string, ChecklistReview>;
}) {
  const kase = rec.case;
  const today = todayMoscow();
  const people = peopleOrder(kase, personId).map((id) => kase.people.find((p) => p.id === id)!);
  const me = kase.people.find((p) => p.id === personId) ?? people[0];
  const names = new Map(kase.people.map((p) => [p.id, nameOf(p, t.lang, p.id)]));
  const ev = evaluation.data?.evaluation;
  const docs = documents.data ?? [];
  const duties = ev ? sortObligations(ev.obligations.filter((o) => PERSONAL_DUTIES.includes(o.kind))) : [];
  const open = duties.filter((o) => isOpen(o.status));
  const done = duties.filter((o) => o.status === 'done');
  const next = open[0];
  // Only what the specialist brings, the next filing's papers first (web/src/app/portal/yours.ts).
  const bring = ev ? splitByNext(ev.plan, specialistItems(ev.checklist ?? [])) : { now: [], later: [] };
  const checklistProps = {
    t,
    caseId: rec.caseId,
    people,
    documents: docs,
    canUpload: true,
    canDelete: false,
    you: personId,
    uploadFor: (id: string) =>
      id === personId ||
      isMinor(
        kase.people.find((p) => p.id === id),
        today,
      ),
    canShareOwn: true,
    reviews,
    onChanged: (d: DocumentRecord) => documents.setData(docs.map((x) => (x.documentId === d.documentId ? d : x))),
    level: 3 as const,
    onUploaded: (d: DocumentRecord) => documents.setData([...docs.filter((x) => x.documentId !== d.documentId), d]),
    onDeleted: (id: string) => documents.setData(docs.filter((x) => x.documentId !== id)),
  };
  return (
    <>
      <PageTitle sub={t('portal.hello', { name: nameOf(me, t.lang) })}>{t('portal.title')}</PageTitle>
      {t.lang === 'zh' && <p className="note">{t('governing')}</p>}
      {evaluation.error && <ErrorBox error={evaluation.error} />}
      {next && (
        <div className={`card next-card${next.status === 'overdue' ? ' bad' : next.status === 'due' ? ' warn' : ''}`}>
          <h2>{t('portal.next')}</h2>
          <p>
            <strong>{t(`portal.duty.${next.kind}`)}</strong> — {names.get(next.person)}
          </p>
          <p>
            {t('portal.by', { date: t.date(next.due) })}{' '}
            <DueIn t={t} status={next.status} due={next.due} today={today} />
          </p>
          <p>
            <a href="#after">{t('portal.nextMore')}</a>
          </p>
        </div>
      )}
      <nav className="portal-nav" aria-label={t('portal.contents')}>
        <ul>
          <li>
            <a href="#bring">{t('portal.bring.title')}</a>
          </li>
          <li>
            <a href="#after">{t('portal.after.title')}</a>
          </li>
          <li>
            <a href="#steps">{t('portal.steps.title')}</a>
          </li>
        </ul>
      </nav>
      {!ev && !evaluation.error && <p className="loading">{t('common.loading')}</p>}
      {ev && (
        <>
          <Section id="bring" title={t('portal.bring.title')}>
            <p className="hint">{t('portal.bring.hint')}</p>
            <p className="hint">{t('portal.bring.onlyYours')}</p>
            {[...reviews.values()].some((r) => r.status === 'rejected') && (
              <p className="notice warn">
                {t('portal.bring.rejected', {
                  n: t.number([...reviews.values()].filter((r) => r.status === 'rejected').length),
                })}
              </p>
            )}
            {documents.error && <ErrorBox error={documents.error} />}
            <p className="hint">{t('portal.bring.employerNote')}</p>
            {bring.procedure && (
              <p>
                <strong>{t('portal.bring.next', { procedure: t(`procedure.${bring.procedure}`) })}</strong>
              </p>
            )}
            <Checklist {...checklistProps} items={bring.now} />
            {bring.later.length > 0 && (
              <details className="later-filings">
                <summary>{t('portal.bring.later', { n: t.number(bring.later.length) })}</summary>
                <Checklist {...checklistProps} items={bring.later} />
              </details>
            )}
          </Section>
          <Section id="after" title={t('portal.after.title')}>
            <p className="hint">{t('portal.after.hint')}</p>
            {open.length === 0 ? (
              <p>{t('portal.after.none')}</p>
            ) : (
              <ul className="portal-duties">
                {open.map((o) => (
                  <PortalDuty key={o.id} t={t} o={o} who={names.get(o.person) ?? o.person} today={today} />
                ))}
              </ul>
            )}
            {done.length > 0 && (
              <details>
                <summary>{t('portal.after.done', { n: t.number(done.length) })}</summary>
                <ul>
                  {done.map((o) => (
                    <li key={o.id}>
                      {t(`portal.duty.${o.kind}`)} — {names.get(o.person)}:{' '}
                      {o.doneOn ? t('portal.doneOn', { date: t.date(o.doneOn) }) : t('common.status.done')}
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </Section>
          <Section id="steps" title={t('portal.steps.title')}>
            <p className="hint">{t('portal.steps.hint')}</p>
            <PlanList t={t} plan={ev.plan} people={people} you={personId} level={3} />
          </Section>
        </>
      )}
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="portal-section" aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function PortalDuty({ t, o, who, today }: { t: T; o: Obligation; who: string; today: string }) {
  return (
    <li className={`portal-duty st-${o.status}`}>
      <h3>{t(`portal.duty.${o.kind}`)}</h3>
      <p className="duty-who">{who}</p>
      <p>
        <StatusTag status={o.status} label={t(`common.status.${o.status}`)} />{' '}
        {o.kind === 'rp-absence-limit'
          ? t('portal.yearEnd', { date: t.date(o.due) })
          : t('portal.by', { date: t.date(o.due) })}{' '}
        <DueIn t={t} status={o.status} due={o.due} today={today} />
      </p>
      {o.measure && (
        <p className="measure">
          {t('portal.measure', { used: t.number(o.measure.used), limit: t.number(o.measure.limit) })}
        </p>
      )}
      <p>{t(`portal.duty.${o.kind}.what`)}</p>
      <details>
        <summary>{t('portal.legal')}</summary>
        <p className="why">
          {o.why} <Basis t={t} basis={o.basis} />
        </p>
      </details>
    </li>
  );
}
