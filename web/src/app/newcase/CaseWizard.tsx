// The new case step by step: employer (picked or entered), the specialist, the contract, the family
// (entered once), then a review where the case is created. Each step checks what it can; the server
// judges the whole case, and each problem it names is shown on its field and in the summary.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../../api.ts';
import { navigate, useLeaveGuard } from '../../router.tsx';
import { useApp } from '../session.tsx';
import { ErrorBox, todayMoscow } from '../ui.tsx';
import { useAction } from '../useAction.ts';
import {
  STEPS,
  buildCase,
  employerLink,
  fieldId,
  fieldOf,
  stepOf,
  validateForm,
  type CaseForm,
  type StepId,
} from './build.ts';
import { clearDraft, formChanged, writeDraft } from './draft.ts';
import { ContractStep, EmployerStep, FamilyStep, PrincipalStep, ReviewStep } from './steps.tsx';
import { Problems, type ProblemItem } from './Problems.tsx';
import { DuplicatePassport, duplicateHolders } from './DuplicatePassport.tsx';
import type { ErrorOf, StepProps } from './fields.tsx';

export function CaseWizard({
  initial,
  startAt = 'employer',
  before,
  draft,
  onDiscard,
}: {
  initial: CaseForm;
  startAt?: StepId;
  before?: ReactNode;
  /**
   * Where the form keeps its draft in this browser (localStorage, per organization and user) and the
   * form it is compared with to know whether anything was typed; none: no draft is kept.
   */
  draft?: { key: string; pristine: CaseForm };
  /** Throws the draft away and starts again (shown while something is typed). */
  onDiscard?: () => void;
}) {
  const { t } = useApp();
  const [form, setFormState] = useState(initial);
  const [step, setStep] = useState<StepId>(startAt);
  const [reached, setReached] = useState(STEPS.indexOf(startAt));
  const [attempted, setAttempted] = useState<ReadonlySet<StepId>>(() => new Set());
  const [focusKey, setFocusKey] = useState(0);
  const [pendingFocus, setPendingFocus] = useState<{ path?: string } | null>(null);
  const [discarding, setDiscarding] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const today = useMemo(() => todayMoscow(), []);

  const problems = useMemo(() => validateForm(form, today), [form, today]);

  // The draft: written on every change while the form holds something typed (removed when it holds
  // nothing), cleared once the case is created; leaving with something typed asks first.
  const created = useRef(false);
  const dirty = draft ? formChanged(form, draft.pristine) : false;
  const storeKey = draft?.key;
  useEffect(() => {
    if (!storeKey || created.current) return;
    if (dirty) writeDraft(localStorage, storeKey, form, step);
    else clearDraft(localStorage, storeKey);
  }, [storeKey, dirty, form, step]);
  useLeaveGuard(() => (dirty && !created.current ? t('portfolio.draft.leave') : null));
  const creating = useAction(
    (anyway: boolean = false) => {
      const link = employerLink(form);
      const query = {
        ...(link ? { employer: link } : {}),
        ...(anyway ? { allowDuplicatePassport: 'true' as const } : {}),
      };
      return api.createCase({ body: buildCase(form), query });
    },
    {
      onDone: (rec) => {
        created.current = true;
        if (draft) clearDraft(localStorage, draft.key);
        navigate(`/app/cases/${encodeURIComponent(rec.caseId)}`, { force: true });
      },
      onError: () => setFocusKey((k) => k + 1),
    },
  );
  const serverError = creating.error;
  const serverItems: readonly ProblemItem[] = serverError?.status === 422 ? serverError.errors : [];
  const shown = (path: string) => attempted.has(stepOf(path)) || attempted.has('review');
  const clientItems = (only?: StepId): ProblemItem[] =>
    problems
      .filter((p) => shown(p.path) && (!only || stepOf(p.path) === only))
      .map((p) => ({ path: p.path, message: t(`newcase.error.${p.key}`) }));
  const errorOf: ErrorOf = (path) => {
    const mine = problems.find((p) => p.path === path && shown(path));
    if (mine) return t(`newcase.error.${mine.key}`);
    const theirs = serverItems.filter((p) => fieldOf(p.path) === path).map((p) => p.message);
    return theirs.length ? theirs.join('; ') : undefined;
  };
  const set = (f: CaseForm) => {
    // Adding or removing a family member moves the people after it: the server's problems no longer fit.
    if (f.family.length !== form.family.length) creating.reset();
    setFormState(f);
  };

  // A new step: focus its heading, or the field asked for.
  useLayoutEffect(() => {
    if (!pendingFocus) return;
    const el = pendingFocus.path ? document.getElementById(fieldId(pendingFocus.path)) : null;
    (el ?? heading.current)?.focus();
    setPendingFocus(null);
  }, [pendingFocus]);

  const go = (to: StepId, path?: string) => {
    setStep(to);
    setReached((r) => Math.max(r, STEPS.indexOf(to)));
    setPendingFocus(path ? { path } : {});
  };
  const index = STEPS.indexOf(step);
  const next = (e: FormEvent) => {
    e.preventDefault();
    setAttempted((a) => new Set([...a, step]));
    if (problems.some((p) => stepOf(p.path) === step)) {
      setFocusKey((k) => k + 1);
      return;
    }
    go(STEPS[index + 1]!);
  };
  const back = () => go(STEPS[index - 1]!);

  const create = (e: FormEvent) => {
    e.preventDefault();
    if (creating.busy) return;
    setAttempted(new Set(STEPS));
    if (problems.length) {
      creating.reset();
      setFocusKey((k) => k + 1);
      return;
    }
    void creating.run(false);
  };

  const people = [form.principal.latin.trim(), ...form.family.map((m) => m.latin.trim())];
  const onPage = (path: string) =>
    stepOf(path) === step && !(step === 'employer' && form.employer.mode === 'existing' && path !== 'employer');
  const stepItems =
    step === 'review'
      ? [...clientItems(), ...serverItems]
      : [...clientItems(step), ...serverItems.filter((p) => stepOf(p.path) === step)];
  const otherServer = step === 'review' ? [] : serverItems.filter((p) => stepOf(p.path) !== step);
  const props: StepProps = { form, set, errorOf, go };

  return (
    <div className="wizard">
      <nav aria-label={t('newcase.stepsNav')}>
        <ol className="steps">
          {STEPS.map((s, i) => (
            <li key={s} className={s === step ? 'current' : i <= reached ? 'reached' : undefined}>
              {s === step ? (
                <span aria-current="step">{t('newcase.stepItem', { n: i + 1, step: t(`newcase.step.${s}`) })}</span>
              ) : i <= reached ? (
                <button type="button" className="link" onClick={() => go(s)}>
                  {t('newcase.stepItem', { n: i + 1, step: t(`newcase.step.${s}`) })}
                </button>
              ) : (
                <span>{t('newcase.stepItem', { n: i + 1, step: t(`newcase.step.${s}`) })}</span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      {before}
      {onDiscard && dirty && (
        <div className="draft-bar">
          <p className="hint">{t('portfolio.draft.kept')}</p>
          {!discarding ? (
            <button type="button" className="link" onClick={() => setDiscarding(true)}>
              {t('portfolio.draft.discard')}
            </button>
          ) : (
            <p className="confirm" role="group" aria-label={t('portfolio.draft.discard')}>
              {t('portfolio.draft.discardConfirm')}{' '}
              <button
                type="button"
                className="danger"
                onClick={() => {
                  created.current = true; // nothing to keep: no question on the way
                  onDiscard();
                }}
              >
                {t('portfolio.draft.discardYes')}
              </button>{' '}
              <button type="button" className="secondary" onClick={() => setDiscarding(false)}>
                {t('portfolio.draft.keep')}
              </button>
            </p>
          )}
        </div>
      )}
      <form onSubmit={step === 'review' ? create : next} noValidate>
        <h2 ref={heading} tabIndex={-1} className="step-title">
          <span className="hint">{t('newcase.stepOf', { n: index + 1, total: STEPS.length })}</span>{' '}
          {t(`newcase.title.${step}`)}
        </h2>
        <DuplicatePassport error={serverError} busy={creating.busy} onCreateAnyway={() => void creating.run(true)} />
        {serverError && serverError.status !== 422 && !duplicateHolders(serverError).length && (
          <ErrorBox error={serverError} />
        )}
        <Problems
          title={
            step === 'review' && serverItems.length
              ? t('newcase.problems.server', { n: stepItems.length })
              : t('newcase.problems.title', { n: stepItems.length })
          }
          items={stepItems}
          people={people}
          onGo={go}
          onPage={onPage}
          focusKey={focusKey}
        />
        {otherServer.length > 0 && (
          <p className="notice warn">
            {t('newcase.problems.elsewhere', { n: otherServer.length })}{' '}
            <button type="button" className="link" onClick={() => go('review')}>
              {t('newcase.problems.seeAll')}
            </button>
          </p>
        )}
        {step === 'employer' && <EmployerStep {...props} />}
        {step === 'principal' && <PrincipalStep {...props} />}
        {step === 'contract' && <ContractStep {...props} />}
        {step === 'family' && <FamilyStep {...props} />}
        {step === 'review' && <ReviewStep {...props} />}
        <div className="actions">
          {index > 0 && (
            <button type="button" className="secondary" onClick={back}>
              {t('newcase.back')}
            </button>
          )}{' '}
          {step === 'review' ? (
            <button type="submit" className="primary" disabled={creating.busy}>
              {creating.busy ? t('newcase.review.creating') : t('newcase.review.create')}
            </button>
          ) : (
            <button type="submit" className="primary">
              {t('newcase.continue')}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
