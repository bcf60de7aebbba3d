// New case (/app/cases/new): from an hqs-case/1 file, or step by step. With ?from=selfcheck the form is
// filled in from the self-check done in this browser tab (its answers are in sessionStorage, never in the
// address) and opens at the review, where each section can be completed before the case is created.
// What is typed step by step is kept as a draft in this browser (per organization and user, draft.ts):
// a reload, Back or a visit elsewhere brings it back, until the case is created or the draft discarded.
import { useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../../api.ts';
import { Link, useLocation } from '../../router.tsx';
import type { Answers } from '../../selfcheck/flow.ts';
import { toCase } from '../../selfcheck/to-case.ts';
import { canWrite, useApp } from '../session.tsx';
import { Load, PageTitle, useData } from '../ui.tsx';
import { emptyForm, formFromCase, type CaseForm, type StepId } from './build.ts';
import { clearDraft, draftKey, readDraft } from './draft.ts';
import { CaseWizard } from './CaseWizard.tsx';
import { ImportCase } from './ImportCase.tsx';
import { FromSelfCheckCode } from './FromCode.tsx';

/** Where the self-check keeps its answers (web/src/selfcheck/SelfCheck.tsx). */
export const SELFCHECK_STORE = 'hqs.selfcheck.answers';

type SelfCheckState = 'none' | 'ok' | 'empty' | 'incomplete';

interface Start {
  form: CaseForm;
  /** The form as it starts without a draft (what "nothing typed" is compared with). */
  pristine: CaseForm;
  startAt: StepId;
  /** When the draft brought back was saved (ISO), if one was. */
  restored?: string;
  selfcheck: SelfCheckState;
  /** The name of an employer record whose INN is the self-check's (picked for the case). */
  employerMatch?: string;
}

function readSelfcheck(): { state: SelfCheckState; form?: CaseForm } {
  let answers: Answers;
  try {
    answers = JSON.parse(sessionStorage.getItem(SELFCHECK_STORE) ?? '{}') as Answers;
  } catch {
    return { state: 'empty' };
  }
  if (!answers || typeof answers !== 'object' || Object.keys(answers).length === 0) return { state: 'empty' };
  try {
    const c = toCase(answers);
    // An INN the reader did not know in the self-check: the form asks for it.
    return { state: 'ok', form: formFromCase({ ...c, employer: { ...c.employer, inn: c.employer.inn ?? '' } }) };
  } catch {
    return { state: 'incomplete' };
  }
}

async function prepare(fromSelfcheck: boolean, key: string | null, signal: AbortSignal): Promise<Start> {
  const start = await prepareFresh(fromSelfcheck, signal);
  const draft = !fromSelfcheck && key ? readDraft(localStorage, key) : null;
  if (!draft) return start;
  return { ...start, form: draft.form, startAt: draft.step, restored: draft.savedAt };
}

async function prepareFresh(fromSelfcheck: boolean, signal: AbortSignal): Promise<Start> {
  let form = emptyForm();
  let selfcheck: SelfCheckState = 'none';
  let employerMatch: string | undefined;
  if (fromSelfcheck) {
    const r = readSelfcheck();
    selfcheck = r.state;
    if (r.form) form = r.form;
  }
  // An employer already in HQS Desk: the one with the self-check's INN is picked; otherwise, when there
  // are employers, the form starts with the search among them.
  const inn = form.employer.fresh.inn.trim();
  try {
    const page = await api.listEmployers({ query: inn ? { q: inn, limit: 10 } : { limit: 1 } }, { signal });
    const rec = inn ? page.items.find((r) => r.inn === inn) : undefined;
    if (rec) {
      form = {
        ...form,
        employer: {
          ...form.employer,
          mode: 'existing',
          existing: { employerId: rec.employerId, name: rec.name, inn: rec.inn, employer: rec.employer },
        },
      };
      employerMatch = rec.name;
    } else if (!inn && page.total > 0) form = { ...form, employer: { ...form.employer, mode: 'existing' } };
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    // The employer search shows its own error; the form still works with a new employer.
  }
  return {
    form,
    pristine: form,
    startAt: selfcheck === 'ok' ? 'review' : 'employer',
    selfcheck,
    ...(employerMatch ? { employerMatch } : {}),
  };
}

type Tab = 'form' | 'file';
const TABS: readonly Tab[] = ['form', 'file'];

export function NewCase() {
  const { t, session } = useApp();
  const { search } = useLocation();
  const fromSelfcheck = search.get('from') === 'selfcheck';
  const [tab, setTab] = useState<Tab>('form');
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ form: null, file: null });
  const key = session?.user.userId ? draftKey(session.orgId, session.user.userId) : null;
  // A discarded draft starts the form afresh (a new start, a new wizard).
  const [round, setRound] = useState(0);
  const start = useData((signal) => prepare(fromSelfcheck, key, signal), [fromSelfcheck, key, round]);
  const discard = () => {
    if (key) clearDraft(localStorage, key);
    setRound((n) => n + 1);
  };

  if (!canWrite(session)) {
    return (
      <main id="main">
        <PageTitle>{t('newcase.title')}</PageTitle>
        <p className="notice warn">{t('newcase.readOnly', { role: t(`shell.role.${session?.role ?? 'viewer'}`) })}</p>
        <p>
          <Link href="/app/cases">{t('newcase.toCases')}</Link>
        </p>
      </main>
    );
  }

  const onKey = (e: KeyboardEvent<HTMLButtonElement>) => {
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
    if (!to) return;
    e.preventDefault();
    setTab(to);
    tabRefs.current[to]?.focus();
  };

  return (
    <main id="main" className="newcase">
      <p className="back">
        <Link href="/app/cases">{t('newcase.toCases')}</Link>
      </p>
      <PageTitle sub={t('newcase.intro')}>{t('newcase.title')}</PageTitle>
      <div className="tabs" role="tablist" aria-label={t('newcase.tabs')}>
        {TABS.map((k) => (
          <button
            key={k}
            ref={(el) => {
              tabRefs.current[k] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${k}`}
            aria-selected={tab === k}
            aria-controls={`panel-${k}`}
            tabIndex={tab === k ? 0 : -1}
            onClick={() => setTab(k)}
            onKeyDown={onKey}
          >
            {t(`newcase.tab.${k}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="panel-form" aria-labelledby="tab-form" hidden={tab !== 'form'}>
        <Load state={start}>
          {(s) => (
            <CaseWizard
              key={round}
              initial={s.form}
              startAt={s.startAt}
              {...(key ? { draft: { key, pristine: s.pristine }, onDiscard: discard } : {})}
              before={
                <>
                  {s.restored && (
                    <p className="notice" role="status">
                      {t('portfolio.draft.restored', { when: t.dateTime(s.restored) })}
                    </p>
                  )}
                  {s.selfcheck === 'ok' && (
                    <div className="notice">
                      <h2 className="notice-title">{t('newcase.selfcheck.title')}</h2>
                      <p>{t('newcase.selfcheck.intro')}</p>
                    </div>
                  )}
                  {(s.selfcheck === 'empty' || s.selfcheck === 'incomplete') && (
                    <div className="notice warn">
                      <p>{t(s.selfcheck === 'empty' ? 'newcase.selfcheck.empty' : 'newcase.selfcheck.incomplete')}</p>
                      <p>
                        <a href="/">{t('newcase.selfcheck.open')}</a>
                      </p>
                    </div>
                  )}
                  {s.employerMatch && (
                    <p className="notice">{t('newcase.employer.innMatch', { name: s.employerMatch })}</p>
                  )}
                </>
              }
            />
          )}
        </Load>
      </div>
      <div role="tabpanel" id="panel-file" aria-labelledby="tab-file" hidden={tab !== 'file'}>
        <ImportCase />
      </div>
      <FromSelfCheckCode />
    </main>
  );
}
