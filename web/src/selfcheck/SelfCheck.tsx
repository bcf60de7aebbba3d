// The public self-check: one question per page, Back and Change that keep later answers, a summary, and
// the outcome. The URL carries only the step id (`?step=salary`), never an answer; answers live in this
// tab's sessionStorage so a reload keeps them.
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { countries, regions, type Named } from 'virtual:hqs-data';
import { initialLang, LANGS, loadMessages, translator, type Lang, type T } from '../i18n.ts';
import { setErrorWording } from '../api.ts';
import { wordError } from '../problems.ts';
import {
  FLOW,
  OCCUPATIONS,
  RELATIONS,
  SALARY_PERIODS,
  START,
  afterChange,
  isQuestion,
  nextOf,
  pathOf,
  previousOf,
  problemsOf,
  type Answers,
  type FamilyMember,
  type NodeId,
  type Problem,
  type QuestionId,
} from './flow.ts';
import { Outcome } from './Outcome.tsx';
import { ShareCode } from './ShareCode.tsx';

const STORE = 'hqs.selfcheck.answers';

function readAnswers(): Answers {
  try {
    return JSON.parse(sessionStorage.getItem(STORE) ?? '{}') as Answers;
  } catch {
    return {};
  }
}

function stepFromUrl(a: Answers): NodeId {
  const s = new URLSearchParams(location.search).get('step');
  const path = pathOf(a);
  // Only a step the answers reach may be opened from the URL.
  if (s && (path.includes(s as NodeId) || (s === 'outcome-evaluation' && path.includes('summary')))) return s as NodeId;
  return START;
}

export function SelfCheck() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [messages, setMessages] = useState<Record<string, string> | null>(null);
  const [answers, setAnswers] = useState<Answers>(readAnswers);
  const [node, setNode] = useState<NodeId>(() => stepFromUrl(readAnswers()));
  const [fromSummary, setFromSummary] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);

  useEffect(() => {
    let live = true;
    loadMessages(lang).then((m) => live && setMessages(m));
    localStorage.setItem('hqs.lang', lang);
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : lang;
    return () => {
      live = false;
    };
  }, [lang]);
  useEffect(() => sessionStorage.setItem(STORE, JSON.stringify(answers)), [answers]);
  useEffect(() => {
    const onPop = () => {
      setNode(stepFromUrl(readAnswers()));
      setFromSummary(false);
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  // Focus the heading of each new step (not on the first load: the reader starts at the top).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [node, messages === null]);

  const t = useMemo(() => {
    if (!messages) return null;
    const made = translator(lang, messages);
    // Refusals from now on arrive in this language (web/src/problems.ts).
    setErrorWording((e) => wordError(made, e));
    return made;
  }, [lang, messages]);
  useEffect(() => {
    if (t) document.title = `${t(`title.${node}`)} — ${t('app')}`;
  }, [t, node]);
  if (!t) return <p className="loading">…</p>;

  const go = (n: NodeId, summary = false) => {
    history.pushState(null, '', `?step=${n}`);
    setNode(n);
    setFromSummary(summary);
  };
  const answer = <K extends QuestionId>(id: K, value: Answers[K]) => {
    const next = { ...answers, [id]: value };
    setAnswers(next);
    go(fromSummary ? afterChange(id, next) : FLOW[id].next(next), fromSummary && afterChange(id, next) !== 'summary');
  };
  const back = previousOf(node, answers);
  const restart = () => {
    setAnswers({});
    go(START);
  };

  return (
    <>
      <header className="bar no-print">
        <span className="brand">{t('app')}</span>
        <nav aria-label={t('language')}>
          <ul className="langs">
            {LANGS.map((l) => (
              <li key={l}>
                <button
                  type="button"
                  className="link"
                  lang={l}
                  aria-current={l === lang ? 'true' : undefined}
                  onClick={() => setLang(l)}
                >
                  {LANG_NAMES[l]}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main">
        {back !== null && node !== START && (
          <button type="button" className="link back no-print" onClick={() => go(back)}>
            {t('back')}
          </button>
        )}
        {isQuestion(node) ? (
          <QuestionPage
            key={`${node}-${lang}`}
            id={node}
            t={t}
            answers={answers}
            headingRef={heading}
            onAnswer={answer}
          />
        ) : node === 'summary' ? (
          <Summary
            t={t}
            answers={answers}
            headingRef={heading}
            onChange={(q) => go(q, true)}
            onContinue={() => go(nextOf('summary', answers) ?? 'summary')}
          />
        ) : (
          <>
            <Outcome id={node} t={t} answers={answers} headingRef={heading} onRestart={restart} />
            {node === 'outcome-evaluation' && <ShareCode t={t} answers={answers} />}
          </>
        )}
      </main>
      <footer className="no-print">
        <p>{t('footer.privacy')}</p>
        <p>
          <a href="/login">{t('footer.signIn')}</a>
        </p>
      </footer>
    </>
  );
}

const LANG_NAMES: Record<Lang, string> = { en: 'English', ru: 'Русский', zh: '中文' };

export function nameOf(x: Named, lang: Lang): string {
  return x.names[lang];
}

function sortedByName(xs: Named[], lang: Lang): Named[] {
  const c = new Intl.Collator(lang);
  return [...xs].sort((a, b) => c.compare(nameOf(a, lang), nameOf(b, lang)));
}

interface PageProps {
  t: T;
  answers: Answers;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}

function Heading({
  t,
  id,
  headingRef,
  hint,
}: {
  t: T;
  id: string;
  headingRef: PageProps['headingRef'];
  hint?: boolean;
}) {
  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        {t(`q.${id}`)}
      </h1>
      {hint && <p className="hint">{t(`q.${id}.hint`)}</p>}
    </>
  );
}

function ErrorSummary({ t, problems }: { t: T; problems: Problem[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [problems]);
  if (!problems.length) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <h2>{t('errors.title')}</h2>
      <ul>
        {problems.map((p) => (
          <li key={p.field}>
            <a
              href={`#f-${p.field.replace(/\./g, '-')}`}
            >{`${t(`field.${p.field.replace(/\.\d+\./, '.')}`)}: ${t(`error.${p.error}`)}`}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

const fid = (field: string) => `f-${field.replace(/\./g, '-')}`;

function Field({
  t,
  field,
  label,
  problems,
  children,
  hint,
}: {
  t: T;
  field: string;
  label: string;
  problems: Problem[];
  children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
  hint?: string;
}) {
  const p = problems.find((x) => x.field === field);
  const id = fid(field);
  const described = [hint ? `${id}-hint` : '', p ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${p ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {p && (
        <p className="error" id={`${id}-error`}>
          {t(`error.${p.error}`)}
        </p>
      )}
      {children({
        id,
        ...(p ? { 'aria-invalid': true as const } : {}),
        ...(described ? { 'aria-describedby': described } : {}),
      })}
    </div>
  );
}

function Radios<V extends string>({
  t,
  field,
  legend,
  options,
  value,
  onChange,
  problems,
  labelKey,
  asHeading,
  headingRef,
}: {
  t: T;
  field: string;
  legend: string;
  options: readonly V[];
  value: V | undefined;
  onChange: (v: V) => void;
  problems: Problem[];
  labelKey: string;
  asHeading?: boolean;
  headingRef?: PageProps['headingRef'];
}) {
  const p = problems.find((x) => x.field === field);
  return (
    <fieldset
      className={`field${p ? ' invalid' : ''}`}
      id={fid(field)}
      aria-describedby={p ? `${fid(field)}-error` : undefined}
    >
      <legend>
        {asHeading ? (
          <h1 ref={headingRef} tabIndex={-1}>
            {legend}
          </h1>
        ) : (
          legend
        )}
      </legend>
      {p && (
        <p className="error" id={`${fid(field)}-error`}>
          {t(`error.${p.error}`)}
        </p>
      )}
      {options.map((o) => (
        <div className="radio" key={o}>
          <input
            type="radio"
            id={`${fid(field)}-${o}`}
            name={field}
            value={o}
            checked={value === o}
            onChange={() => onChange(o)}
          />
          <label htmlFor={`${fid(field)}-${o}`}>{t(`${labelKey}.${o}`)}</label>
        </div>
      ))}
    </fieldset>
  );
}

function PlaceSelect({
  id,
  value,
  onChange,
  places,
  lang,
  t,
  extra,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  places: Named[];
  lang: Lang;
  t: T;
  extra?: Record<string, unknown>;
}) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} {...extra}>
      <option value="">{t('choose')}</option>
      {sortedByName(places, lang).map((c) => (
        <option key={c.code} value={c.code}>
          {nameOf(c, lang)}
        </option>
      ))}
    </select>
  );
}

function QuestionPage({
  id,
  t,
  answers,
  headingRef,
  onAnswer,
}: PageProps & { id: QuestionId; onAnswer: <K extends QuestionId>(id: K, v: Answers[K]) => void }) {
  const [draft, setDraft] = useState<Answers>(() => structuredClone(answers));
  const [problems, setProblems] = useState<Problem[]>([]);
  const set = <K extends QuestionId>(k: K, v: Answers[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = draft[id] ?? emptyOf(id);
    const ps = problemsOf(id, value);
    setProblems(ps);
    if (!ps.length) onAnswer(id, value);
  };
  const lang = t.lang;
  const body = (() => {
    switch (id) {
      case 'citizenship':
      case 'residence':
        return (
          <>
            <Heading t={t} id={id} headingRef={headingRef} />
            <Field t={t} field={id} label={t(`field.${id}`)} problems={problems}>
              {(p) => (
                <PlaceSelect
                  id={p.id}
                  value={draft[id] ?? ''}
                  onChange={(v) => set(id, v)}
                  places={countries}
                  lang={lang}
                  t={t}
                  extra={p}
                />
              )}
            </Field>
          </>
        );
      case 'region':
        return (
          <>
            <Heading t={t} id={id} headingRef={headingRef} />
            <Field t={t} field={id} label={t('field.region')} problems={problems}>
              {(p) => (
                <PlaceSelect
                  id={p.id}
                  value={draft.region ?? ''}
                  onChange={(v) => set('region', v)}
                  places={regions}
                  lang={lang}
                  t={t}
                  extra={p}
                />
              )}
            </Field>
          </>
        );
      case 'employerKind':
        return (
          <Radios
            t={t}
            field={id}
            legend={t('q.employerKind')}
            options={FLOW.employerKind.options ?? []}
            value={draft.employerKind}
            onChange={(v) => set('employerKind', v)}
            problems={problems}
            labelKey="employerKind"
            asHeading
            headingRef={headingRef}
          />
        );
      case 'hasFamily':
        return (
          <Radios
            t={t}
            field={id}
            legend={t('q.hasFamily')}
            options={FLOW.hasFamily.options ?? []}
            value={draft.hasFamily}
            onChange={(v) => set('hasFamily', v)}
            problems={problems}
            labelKey="yesno"
            asHeading
            headingRef={headingRef}
          />
        );
      case 'employer': {
        const e = draft.employer ?? { name: '', inn: '' };
        return (
          <>
            <Heading t={t} id={id} headingRef={headingRef} hint />
            <Field t={t} field="employer.name" label={t('field.employer.name')} problems={problems}>
              {(p) => (
                <input
                  type="text"
                  {...p}
                  autoComplete="organization"
                  value={e.name}
                  onChange={(x) => set('employer', { ...e, name: x.target.value })}
                />
              )}
            </Field>
            <Field
              t={t}
              field="employer.inn"
              label={t('field.employer.inn')}
              hint={t('field.employer.inn.hint')}
              problems={problems}
            >
              {(p) => (
                <input
                  type="text"
                  {...p}
                  inputMode="numeric"
                  className="w10"
                  value={e.innUnknown ? '' : e.inn}
                  disabled={e.innUnknown === true}
                  onChange={(x) => set('employer', { ...e, inn: x.target.value })}
                />
              )}
            </Field>
            <div className="field checkbox">
              <input
                type="checkbox"
                id="f-employer-inn-unknown"
                checked={e.innUnknown === true}
                onChange={(x) =>
                  set('employer', { ...e, inn: x.target.checked ? '' : e.inn, innUnknown: x.target.checked })
                }
              />{' '}
              <label htmlFor="f-employer-inn-unknown">{t('field.employer.innUnknown')}</label>
            </div>
          </>
        );
      }
      case 'occupation': {
        const o = draft.occupation ?? { occupation: undefined as unknown as 'general', position: '' };
        return (
          <>
            <Heading t={t} id={id} headingRef={headingRef} />
            <Radios
              t={t}
              field="occupation.occupation"
              legend={t('field.occupation.occupation')}
              options={OCCUPATIONS}
              value={o.occupation}
              onChange={(v) => set('occupation', { ...o, occupation: v })}
              problems={problems}
              labelKey="occupation"
            />
            <Field t={t} field="occupation.position" label={t('field.occupation.position')} problems={problems}>
              {(p) => (
                <input
                  type="text"
                  {...p}
                  autoComplete="organization-title"
                  value={o.position}
                  onChange={(x) => set('occupation', { ...o, position: x.target.value })}
                />
              )}
            </Field>
          </>
        );
      }
      case 'salary': {
        const s = draft.salary ?? { amount: Number.NaN, per: undefined as unknown as 'month' };
        return (
          <>
            <Heading t={t} id={id} headingRef={headingRef} hint />
            <Field t={t} field="salary.amount" label={t('field.salary.amount')} problems={problems}>
              {(p) => (
                <input
                  type="text"
                  {...p}
                  inputMode="numeric"
                  className="w10"
                  value={Number.isNaN(s.amount) ? '' : String(s.amount)}
                  onChange={(x) => set('salary', { ...s, amount: parseAmount(x.target.value) })}
                />
              )}
            </Field>
            <Radios
              t={t}
              field="salary.per"
              legend={t('field.salary.per')}
              options={SALARY_PERIODS}
              value={s.per}
              onChange={(v) => set('salary', { ...s, per: v })}
              problems={problems}
              labelKey="period"
            />
          </>
        );
      }
      case 'startDate':
        return (
          <>
            <Heading t={t} id={id} headingRef={headingRef} />
            <Field t={t} field="startDate" label={t('field.startDate')} problems={problems}>
              {(p) => (
                <input
                  type="date"
                  {...p}
                  value={draft.startDate ?? ''}
                  onChange={(x) => set('startDate', x.target.value)}
                />
              )}
            </Field>
          </>
        );
      case 'person': {
        const p0 = draft.person ?? { name: '', birthDate: '' };
        return (
          <>
            <Heading t={t} id={id} headingRef={headingRef} hint />
            <Field t={t} field="person.name" label={t('field.person.name')} problems={problems}>
              {(p) => (
                <input
                  type="text"
                  {...p}
                  autoComplete="name"
                  value={p0.name}
                  onChange={(x) => set('person', { ...p0, name: x.target.value })}
                />
              )}
            </Field>
            <Field t={t} field="person.birthDate" label={t('field.person.birthDate')} problems={problems}>
              {(p) => (
                <input
                  type="date"
                  {...p}
                  autoComplete="bday"
                  value={p0.birthDate}
                  onChange={(x) => set('person', { ...p0, birthDate: x.target.value })}
                />
              )}
            </Field>
          </>
        );
      }
      case 'family':
        return (
          <FamilyEditor
            t={t}
            members={draft.family ?? []}
            onChange={(f) => set('family', f)}
            problems={problems}
            headingRef={headingRef}
          />
        );
    }
  })();
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary t={t} problems={problems} />
      {body}
      <button type="submit" className="primary">
        {t('continue')}
      </button>
    </form>
  );
}

function parseAmount(s: string): number {
  const clean = s.replace(/[\s\u00a0\u202f,']/g, '');
  return clean === '' ? Number.NaN : Number(clean);
}

function emptyOf(id: QuestionId): Answers[QuestionId] {
  return id === 'family' ? [] : undefined;
}

function FamilyEditor({
  t,
  members,
  onChange,
  problems,
  headingRef,
}: {
  t: T;
  members: FamilyMember[];
  onChange: (f: FamilyMember[]) => void;
  problems: Problem[];
  headingRef: PageProps['headingRef'];
}) {
  const put = (i: number, m: Partial<FamilyMember>) => onChange(members.map((x, j) => (j === i ? { ...x, ...m } : x)));
  return (
    <>
      <Heading t={t} id="family" headingRef={headingRef} hint />
      {members.map((m, i) => (
        <fieldset key={i} className="member">
          <legend>{t('family.member', { n: i + 1 })}</legend>
          <Field t={t} field={`family.${i}.relation`} label={t('field.family.relation')} problems={problems}>
            {(p) => (
              <select
                {...p}
                value={m.relation ?? ''}
                onChange={(e) => put(i, { relation: e.target.value as FamilyMember['relation'] })}
              >
                <option value="">{t('choose')}</option>
                {RELATIONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`relation.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field t={t} field={`family.${i}.name`} label={t('field.family.name')} problems={problems}>
            {(p) => <input type="text" {...p} value={m.name} onChange={(e) => put(i, { name: e.target.value })} />}
          </Field>
          <Field t={t} field={`family.${i}.birthDate`} label={t('field.family.birthDate')} problems={problems}>
            {(p) => (
              <input type="date" {...p} value={m.birthDate} onChange={(e) => put(i, { birthDate: e.target.value })} />
            )}
          </Field>
          <Field t={t} field={`family.${i}.citizenship`} label={t('field.family.citizenship')} problems={problems}>
            {(p) => (
              <PlaceSelect
                id={p.id}
                value={m.citizenship}
                onChange={(v) => put(i, { citizenship: v })}
                places={countries}
                lang={t.lang}
                t={t}
                extra={p}
              />
            )}
          </Field>
          <button type="button" className="secondary" onClick={() => onChange(members.filter((_, j) => j !== i))}>
            {t('family.remove', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <p>
        <button
          type="button"
          className="secondary"
          id="f-family"
          onClick={() =>
            onChange([
              ...members,
              { relation: '' as FamilyMember['relation'], name: '', birthDate: '', citizenship: '' },
            ])
          }
        >
          {t('family.add')}
        </button>
      </p>
    </>
  );
}

export function answerText(t: T, id: QuestionId, a: Answers): string {
  const country = (c: string | undefined) => countries.find((x) => x.code === c)?.names[t.lang] ?? c ?? '';
  switch (id) {
    case 'citizenship':
    case 'residence':
      return country(a[id]);
    case 'region':
      return regions.find((x) => x.code === a.region)?.names[t.lang] ?? a.region ?? '';
    case 'employerKind':
      return t(`employerKind.${a.employerKind}`);
    case 'employer':
      return a.employer?.innUnknown
        ? `${a.employer.name}, ${t('innNotKnown')}`
        : `${a.employer?.name}, ${t('inn')} ${a.employer?.inn}`;
    case 'occupation':
      return `${a.occupation?.position} (${t(`occupation.${a.occupation?.occupation}`)})`;
    case 'salary':
      return `${t.money(a.salary?.amount ?? 0)} ${t(`per.${a.salary?.per}`)}`;
    case 'startDate':
      return a.startDate ? t.date(a.startDate) : '';
    case 'person':
      return `${a.person?.name}, ${a.person?.birthDate ? t.date(a.person.birthDate) : ''}`;
    case 'hasFamily':
      return t(`yesno.${a.hasFamily}`);
    case 'family':
      return (a.family ?? [])
        .map((m) => `${t(`relation.${m.relation}`)}: ${m.name}, ${t.date(m.birthDate)}, ${country(m.citizenship)}`)
        .join('; ');
  }
}

function Summary({
  t,
  answers,
  headingRef,
  onChange,
  onContinue,
}: PageProps & { onChange: (q: QuestionId) => void; onContinue: () => void }) {
  const asked = pathOf(answers).filter(isQuestion);
  return (
    <>
      <h1 ref={headingRef} tabIndex={-1}>
        {t('title.summary')}
      </h1>
      <dl className="summary">
        {asked.map((q) => (
          <div key={q} className="row">
            <dt>{t(`short.${q}`)}</dt>
            <dd>{answerText(t, q, answers)}</dd>
            <dd className="no-print">
              <button type="button" className="link" onClick={() => onChange(q)}>
                {t('change')}
                <span className="visually-hidden"> {t(`short.${q}`)}</span>
              </button>
            </dd>
          </div>
        ))}
      </dl>
      <p className="hint">{t('summary.privacy')}</p>
      <button type="button" className="primary" onClick={onContinue}>
        {t('summary.check')}
      </button>
    </>
  );
}
