// The case page (/app/cases/{id}), the heart of the workspace: the case as stored, the engine's
// evaluation of it (in the reader's language) and its scans, in tabs — overview, plan, obligations,
// documents, people, events, exports. Owners and managers record events ("Mark as done" beside each duty),
// edit the family, upload scans, close, reopen or delete the case; a viewer sees everything read-only.
// The tab is kept in ?tab= (replaced, not pushed), so a link can open the obligations directly.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { api, url, type CaseRecord, type ChecklistReview } from '../../api.ts';
import { useLocation } from '../../router.tsx';
import { canWrite as mayWrite, useApp } from '../session.tsx';
import { ErrorBox, Load, Loading, todayMoscow, useData } from '../ui.tsx';
import { Checklist } from './Checklist.tsx';
import { CaseCtx, isStale, useCase, type CaseContext } from './context.ts';
import { ObligationsTab, PlanTab } from './Duties.tsx';
import { Events } from './Events.tsx';
import { checklistCounts, isOpen, peopleOrder, reviewKey } from './model.ts';
import { CaseHeader, Overview } from './Overview.tsx';
import { nameOf } from './parts.tsx';
import { People } from './People.tsx';

const TABS = ['overview', 'plan', 'obligations', 'documents', 'people', 'events', 'exports'] as const;
type Tab = (typeof TABS)[number];
const isTab = (s: string | null): s is Tab => !!s && (TABS as readonly string[]).includes(s);

/** Props as the workspace routes pass them (`id` from /app/cases/:id). */
export function CasePage(props: Record<string, string>) {
  const id = props.id ?? '';
  const { session } = useApp();
  const record = useData((signal) => api.getCase({ id }, { signal }), [id]);
  return (
    <main id="main" className="case-page">
      <Load state={record}>
        {(rec) => (
          <CaseLoaded rec={rec} setRecord={record.setData} reloadRecord={record.reload} canWrite={mayWrite(session)} />
        )}
      </Load>
      {record.error && record.data && <ErrorBox error={record.error} />}
    </main>
  );
}

function CaseLoaded({
  rec,
  setRecord,
  reloadRecord,
  canWrite,
}: {
  rec: CaseRecord;
  setRecord: (r: CaseRecord) => void;
  reloadRecord: () => void;
  canWrite: boolean;
}) {
  const { t, lang } = useApp();
  const id = rec.caseId;
  const engineLang = lang === 'ru' ? 'ru' : 'en';
  const evaluation = useData(
    (signal) => api.getCaseEvaluation({ id, query: { lang: engineLang, include: 'documents' } }, { signal }),
    [id, engineLang, rec.version],
  );
  const documents = useData((signal) => api.listDocuments({ id }, { signal }), [id]);
  const [message, setMessage] = useState<{ text: string; n: number } | null>(null);
  const status = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (message) status.current?.focus();
  }, [message]);
  const announce = useCallback((text: string) => setMessage((m) => ({ text, n: (m?.n ?? 0) + 1 })), []);

  const kase = rec.case;
  const names = useMemo(() => new Map(kase.people.map((p) => [p.id, nameOf(p, lang, p.id)])), [kase, lang]);
  const ctx: CaseContext = {
    t,
    lang,
    id,
    record: rec,
    kase,
    evaluation: evaluation.data?.evaluation,
    documents: documents.data ?? [],
    canWrite,
    today: todayMoscow(),
    names,
    announce,
    setDocuments: documents.setData,
    save: async (run, done) => {
      try {
        const next = await run(rec.version);
        if (next && typeof next === 'object' && 'case' in next) setRecord(next);
        else reloadRecord();
        announce(done);
      } catch (e) {
        if (isStale(e)) {
          reloadRecord();
          announce(t('case.staleReloaded'));
        }
        throw e;
      }
    },
  };

  return (
    <CaseCtx.Provider value={ctx}>
      <CaseHeader />
      <p className={message ? 'notice case-status' : 'visually-hidden'} role="status" tabIndex={-1} ref={status}>
        {message?.text}
      </p>
      {evaluation.error && <ErrorBox error={evaluation.error} />}
      <CaseTabs
        evaluationLoading={evaluation.loading && !evaluation.data}
        documentsError={documents.error}
        onTab={() => setMessage(null)}
      />
    </CaseCtx.Provider>
  );
}

function CaseTabs({
  evaluationLoading,
  documentsError,
  onTab,
}: {
  evaluationLoading: boolean;
  documentsError: unknown;
  onTab: () => void;
}) {
  const c = useCase();
  const { t, evaluation: ev, documents } = c;
  const { path, search } = useLocation();
  const [tab, setTab] = useState<Tab>(() => (isTab(search.get('tab')) ? (search.get('tab') as Tab) : 'overview'));
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const choose = (next: Tab, focus = false) => {
    if (next !== tab) onTab();
    setTab(next);
    history.replaceState(null, '', next === 'overview' ? path : url(path, { tab: next }));
    if (focus) refs.current[next]?.focus();
  };
  const key = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = TABS.indexOf(tab);
    const to =
      e.key === 'ArrowRight'
        ? TABS[(i + 1) % TABS.length]
        : e.key === 'ArrowLeft'
          ? TABS[(i + TABS.length - 1) % TABS.length]
          : e.key === 'Home'
            ? TABS[0]
            : e.key === 'End'
              ? TABS[TABS.length - 1]
              : undefined;
    if (to) {
      e.preventDefault();
      choose(to, true);
    }
  };
  const counts: Partial<Record<Tab, string>> = {};
  if (ev) {
    const overdue = ev.obligations.filter((o) => o.status === 'overdue').length;
    const open = ev.obligations.filter((o) => isOpen(o.status)).length;
    counts.obligations = overdue
      ? t('case.tab.overdue', { n: t.number(overdue) })
      : t('case.tab.open', { n: t.number(open) });
    const k = checklistCounts(ev.checklist ?? [], documents);
    counts.documents = t('case.tab.docs', { uploaded: t.number(k.uploaded), total: t.number(k.total) });
    const errors = ev.findings.filter((f) => f.severity === 'error').length;
    if (errors) counts.overview = t('case.tab.errors', { n: t.number(errors) });
  }
  counts.people = t.number(c.kase.people.length);
  counts.events = t.number(c.kase.events?.length ?? 0);
  const needsEvaluation = tab === 'overview' || tab === 'plan' || tab === 'obligations' || tab === 'documents';
  return (
    <>
      <div className="tabs" role="tablist" aria-label={t('case.tabs')}>
        {TABS.map((x) => (
          <button
            key={x}
            type="button"
            role="tab"
            id={`tab-${x}`}
            aria-selected={tab === x}
            aria-controls={`panel-${x}`}
            tabIndex={tab === x ? 0 : -1}
            ref={(el) => {
              refs.current[x] = el;
            }}
            onClick={() => choose(x)}
            onKeyDown={key}
          >
            {t(`case.tab.${x}`)}
            {counts[x] ? <span className="tab-count"> ({counts[x]})</span> : null}
          </button>
        ))}
      </div>
      <section className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} tabIndex={-1}>
        {needsEvaluation && evaluationLoading && <Loading what={t('case.evaluating')} />}
        {tab === 'overview' && <Overview />}
        {tab === 'plan' && <PlanTab />}
        {tab === 'obligations' && <ObligationsTab />}
        {tab === 'documents' && <DocumentsTab error={documentsError} />}
        {tab === 'people' && <People />}
        {tab === 'events' && <Events />}
        {tab === 'exports' && <Exports />}
      </section>
    </>
  );
}

function DocumentsTab({ error }: { error: unknown }) {
  const c = useCase();
  const { t, evaluation: ev, kase, documents, canWrite, id, lang } = c;
  // How each document was ticked; reloaded when a scan is uploaded (an upload marks it received).
  const ticks = useData((signal) => api.getCaseChecklist({ id }, { signal }), [id, documents.length]);
  const reviews = useMemo(
    () =>
      new Map(
        (ticks.data?.items ?? []).flatMap((i) => (i.review ? [[reviewKey(i.person, i.document), i.review]] : [])),
      ),
    [ticks.data],
  );
  const [edited, setEdited] = useState<ReadonlyMap<string, ChecklistReview>>(new Map());
  const merged = useMemo(() => new Map([...reviews, ...edited]), [reviews, edited]);
  if (!ev) return null;
  const next = ticks.data?.next;
  const l = lang === 'ru' ? 'ru' : 'en';
  const people = peopleOrder(kase).map((pid) => kase.people.find((p) => p.id === pid)!);
  const checklist = ev.checklist ?? [];
  const others = documents.filter((d) => !checklist.some((i) => i.person === d.personId && i.document === d.type));
  return (
    <>
      <h2>{t('case.documents.title')}</h2>
      <p className="hint">{t('case.documents.hint')}</p>
      <ErrorBox error={error} />
      <ErrorBox error={ticks.error} />
      {next && (
        <div className="next-filing card">
          <h3>{t('case.documents.next', { procedure: t(`procedure.${next.procedure}`) })}</h3>
          <p className="hint">{t('case.documents.next.hint')}</p>
          <p>
            <a className="button" href={api.href('getNextFilingPdf', { id, query: { lang: l } })} download>
              {t('case.documents.next.pdf')}
            </a>{' '}
            <a className="button" href={api.href('getNextFilingScans', { id })} download>
              {t('case.documents.next.zip')}
            </a>
          </p>
        </div>
      )}
      <Checklist
        t={t}
        caseId={id}
        items={checklist}
        people={people}
        documents={documents}
        canUpload={canWrite}
        canDelete={canWrite}
        level={3}
        reviews={merged}
        {...(canWrite
          ? { onReview: (r: ChecklistReview) => setEdited((m) => new Map(m).set(reviewKey(r.personId, r.document), r)) }
          : {})}
        onUploaded={(d) => c.setDocuments([...documents.filter((x) => x.documentId !== d.documentId), d])}
        onDeleted={(docId) => c.setDocuments(documents.filter((x) => x.documentId !== docId))}
      />
      {others.length > 0 && (
        <>
          <h3>{t('case.documents.others')}</h3>
          <ul>
            {others.map((d) => (
              <li key={d.documentId}>
                <a href={api.href('getDocumentContent', { id: d.documentId })} download={d.fileName ?? d.type}>
                  {d.fileName ?? d.type}
                </a>{' '}
                <span className="hint">
                  {t('case.documents.otherLine', {
                    type: d.type,
                    person: c.names.get(d.personId) ?? d.personId,
                    date: t.dateTime(d.uploadedAt),
                  })}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function Exports() {
  const { t, id, lang } = useCase();
  const l = lang === 'ru' ? 'ru' : 'en';
  const letter = (file: string) => api.href('getLetter', { id, file, query: { lang: l } });
  const links: { href: string; label: string; hint: string }[] = [
    {
      href: api.href('getChecklistPdf', { id, query: { lang: l } }),
      label: t('case.exports.checklist'),
      hint: t('case.exports.checklist.hint'),
    },
    {
      href: letter('employer-support.docx'),
      label: t('case.exports.support.docx'),
      hint: t('case.exports.support.hint'),
    },
    {
      href: letter('employer-support.pdf'),
      label: t('case.exports.support.pdf'),
      hint: t('case.exports.support.hint'),
    },
    {
      href: letter('cover.docx'),
      label: t('case.exports.cover.docx'),
      hint: t('case.exports.cover.hint'),
    },
    {
      href: letter('cover.pdf'),
      label: t('case.exports.cover.pdf'),
      hint: t('case.exports.cover.hint'),
    },
    {
      href: api.href('getObligationsIcs', { id, query: { lang: l } }),
      label: t('case.exports.ics'),
      hint: t('case.exports.ics.hint'),
    },
    { href: api.href('exportCase', { id }), label: t('case.exports.json'), hint: t('case.exports.json.hint') },
  ];
  return (
    <>
      <h2>{t('case.exports.title')}</h2>
      <p className="hint">{t('case.exports.lang', { lang: t(`case.exports.lang.${l}`) })}</p>
      <ul className="exports">
        {links.map((x) => (
          <li key={x.href}>
            <a href={x.href} download>
              {x.label}
            </a>
            <br />
            <span className="hint">{x.hint}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
