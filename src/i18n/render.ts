// The renderer: the engine's messages (a code and typed params, src/engine/messages.ts) in words, one language
// at a time, from the templates of locales/<lang>.json. Each param is written by its kind: a date as the
// language writes it in a sentence, an amount in groups of three digits, a code of a vocabulary by its label
// (period, category, step, event type, employer kind, relation…), a country or a document by its name in the
// law data, a person by name, a term as its arithmetic, a nested message in words. No code of a vocabulary
// and no id reaches a sentence.
// renderEvaluation() gives an evaluation the wording hqs-evaluation/1 shows: `message`, `why` and `note`.
import { paramKinds, type Message, type ParamKind, type ParamValue, type Term } from '../engine/messages.ts';
import type {
  ChecklistItem,
  Evaluation,
  Finding,
  GroundOption,
  Obligation,
  PlanStep,
  Reason,
  RenderedChecklistItem,
  RenderedEvaluation,
  RenderedFinding,
  RenderedGroundOption,
  RenderedObligation,
  RenderedPlanStep,
  RenderedReason,
  RenderedRoute,
  RenderedTraceEntry,
  Route,
  TraceEntry,
} from '../engine/types.ts';
import type { LocalizedText } from '../law/citation.ts';
import { hasKey, t, type Lang } from './catalog.ts';

/** What the renderer reads of the law: country names and document titles. */
export interface RenderTables {
  readonly countries: { name(code: string, lang: Lang): string };
  readonly documents: { document(id: string): { readonly title: LocalizedText } };
}

/** A person of the case as a sentence names them (the case's `people`: name, role, sex). */
export interface PersonLabel {
  /** The name in Latin letters, as in the passport. */
  latin: string;
  /** The name in Cyrillic, where the case gives one (a Russian sentence uses it). */
  cyrillic?: string | undefined;
  role?: 'principal' | 'family' | undefined;
  sex?: 'M' | 'F' | undefined;
}

export interface RenderOptions {
  lang: Lang;
  law: RenderTables;
  /**
   * The people of the case by id (peopleOf(case)): a sentence names a person by name. Without it a person is
   * "the specialist" or "family member N" (in the order the evaluation's plan gives them), never an id.
   */
  people?: Readonly<Record<string, PersonLabel>> | undefined;
}

/** The labels a renderer names the case's people by. */
export function peopleOf(c: {
  readonly people: readonly {
    readonly id: string;
    readonly role: 'principal' | 'family';
    readonly sex?: 'M' | 'F' | undefined;
    readonly name: { readonly latin: string; readonly cyrillic?: string | undefined };
  }[];
}): Record<string, PersonLabel> {
  const out: Record<string, PersonLabel> = {};
  for (const p of c.people)
    out[p.id] = { latin: p.name.latin, cyrillic: p.name.cyrillic, role: p.role, ...(p.sex ? { sex: p.sex } : {}) };
  return out;
}

/** Without the case: the first person of the plan is the specialist, the others family members 1, 2… */
function peopleOfPlan(plan: readonly { person: string }[]): Record<string, PersonLabel> {
  const out: Record<string, PersonLabel> = {};
  let n = 0;
  for (const s of plan) {
    if (s.person in out) continue;
    out[s.person] = n === 0 ? { latin: '', role: 'principal' } : { latin: '', role: 'family' };
    n++;
  }
  return out;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A date as a sentence writes it: 2027-01-30 (en), 30 января 2027 г. (ru), 2027年1月30日 (zh). */
export function dateWords(iso: string, lang: Lang): string {
  const m = ISO_DATE.exec(iso);
  if (m === null) return iso;
  const [, y, mm, dd] = m as unknown as [string, string, string, string];
  return t(lang, 'date.day', { iso, y, m: Number(mm), d: Number(dd), month: t(lang, `date.month-of.${Number(mm)}`) });
}

/** A calendar month (2027-01): 2027-01, январь 2027 г., 2027年1月. */
function monthWords(ym: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (m === null) return ym;
  const [, y, mm] = m as unknown as [string, string, string];
  return t(lang, 'date.month', { ym, y, m: Number(mm), name: t(lang, `date.month-name.${Number(mm)}`) });
}

/** A calendar quarter (2026-Q4): 2026-Q4, IV квартал 2026 г., 2026年第四季度. */
function quarterWords(q: string, lang: Lang): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(q);
  return m === null ? q : t(lang, `date.quarter.${m[2] as string}`, { y: m[1] as string });
}

function personWords(id: string, o: RenderOptions): string {
  const p = o.people?.[id];
  if (p === undefined) return t(o.lang, 'person.unknown');
  if (p.latin === '') {
    if (p.role === 'principal') return t(o.lang, 'person.principal');
    const n =
      Object.keys(o.people ?? {})
        .filter((k) => o.people?.[k]?.role === 'family')
        .indexOf(id) + 1;
    return t(o.lang, 'person.family', { n });
  }
  return o.lang === 'ru' && p.cyrillic ? p.cyrillic : p.latin;
}

/** A label of a vocabulary where the locale has one, else the code (a currency without a name keeps its code). */
function labelOr(lang: Lang, key: string, code: string): string {
  return hasKey('en', key) ? t(lang, key) : code;
}

function list(lang: Lang, codes: readonly string[], word: (c: string) => string): string {
  return codes.map(word).join(t(lang, 'list.comma'));
}

/** An amount with thin groups of three digits ("750 000"), rounded to the rouble. */
export function formatAmount(n: number): string {
  const s = String(Math.round(Math.abs(n)));
  const len = s.length;
  let out = s;
  if (len > 3) {
    const head = len % 3 === 0 ? 3 : len % 3;
    out = s.slice(0, head);
    for (let i = head; i < len; i += 3) out += ` ${s.slice(i, i + 3)}`;
  }
  return n < 0 ? `-${out}` : out;
}

function localized(text: LocalizedText, lang: Lang): string {
  return (lang === 'zh' ? text.zh : undefined) ?? (lang === 'ru' ? text.ru : text.en);
}

function termText(v: Term | string, o: RenderOptions): string {
  const { lang } = o;
  if (typeof v === 'string') return dateWords(v, lang);
  const steps = t(lang, 'term.count', {
    from: dateWords(v.from, lang),
    n: v.n,
    unit: t(lang, `unit.${v.unit}`, { n: v.n }),
    end: dateWords(v.end, lang),
  });
  return v.shiftedTo === undefined
    ? steps
    : steps +
        t(lang, 'list.semicolon') +
        t(lang, 'why.shifted', { from: dateWords(v.end, lang), to: dateWords(v.shiftedTo, lang) });
}

function param(kind: ParamKind, v: ParamValue, o: RenderOptions): string {
  const { lang } = o;
  switch (kind) {
    case 'date':
      return dateWords(v as string, lang);
    case 'int':
    case 'text':
      return String(v);
    case 'id':
      return '';
    case 'person':
      return personWords(v as string, o);
    case 'quarter':
      return quarterWords(v as string, lang);
    case 'month':
      return monthWords(v as string, lang);
    case 'obligation':
      return t(lang, `obligation.kind.${v as string}`);
    case 'employer-kind':
      return t(lang, `employer-kind.${v as string}`);
    case 'employer-kinds':
      return list(lang, v as readonly string[], (c) => t(lang, `employer-kind.${c}`));
    case 'occupation':
      return t(lang, `occupation.${v as string}`);
    case 'occupations':
      return list(lang, v as readonly string[], (c) => t(lang, `occupation.${c}`));
    case 'relation':
      return t(lang, v === '' ? 'relation.none' : `relation.${v as string}`);
    case 'relations':
      return list(lang, v as readonly string[], (c) => t(lang, `relation.${c}`));
    case 'activity':
      return t(lang, `activity.${v as string}`);
    case 'currency':
      return labelOr(lang, `currency.${v as string}`, v as string);
    case 'field':
      return t(lang, `field.${v as string}`);
    case 'countries':
      return list(lang, v as readonly string[], (c) => o.law.countries.name(c, lang));
    case 'rub':
      return formatAmount(v as number);
    case 'rub?':
      return v === null ? '—' : formatAmount(v as number);
    case 'period':
      return t(lang, `period.${v as string}`);
    case 'category':
      return t(lang, `category.${v as string}`);
    case 'eventtype':
      return t(lang, `eventtype.${v as string}`);
    case 'procedure':
      return t(lang, `procedure.${v as string}`);
    case 'legalization':
      return t(lang, `legalization.${v as string}`);
    case 'steps':
      return (v as readonly string[]).map((s) => t(lang, `step.${s}`)).join(t(lang, 'list.comma'));
    case 'sez-types':
      return (v as readonly string[]).map((s) => t(lang, `sez.${s}`)).join(t(lang, 'list.comma'));
    case 'country':
      return o.law.countries.name(v as string, lang);
    case 'document':
      return documentTitle(v as string, o);
    case 'term':
      return termText(v as Term | string, o);
    case 'message':
      return renderMessage(v as Message, o);
    case 'messages':
      return (v as readonly Message[]).map((m) => renderMessage(m, o)).join(t(lang, 'list.semicolon'));
    case 'localized':
      return localized(v as LocalizedText, lang);
  }
}

/** A document type's title; a type the catalogue does not describe (the case's own) as the case names it. */
function documentTitle(id: string, o: RenderOptions): string {
  let title: LocalizedText;
  try {
    title = o.law.documents.document(id).title;
  } catch {
    return id;
  }
  return localized(title, o.lang);
}

/** A sentence that begins with a person's role ("the specialist: …") begins with a capital. */
function capitalized(s: string): string {
  const first = s.charAt(0);
  return first === first.toUpperCase() ? s : first.toUpperCase() + s.slice(1);
}

/** One message in words. */
export function renderMessage(m: Message, o: RenderOptions): string {
  return tidy(wordsOf(m, o));
}

/** A sentence that ends on an abbreviation (г.) and then on its own period ends once. */
function tidy(s: string): string {
  return s.includes('..') ? s.replace(/(?<!\.)\.\.(?!\.)/g, '.') : s;
}

function wordsOf(m: Message, o: RenderOptions): string {
  const p = m.params;
  if (p === undefined) return t(o.lang, m.code);
  const kinds = paramKinds(m.code);
  const words: Record<string, string> = {};
  for (const name of Object.keys(p)) {
    const kind = kinds[name];
    if (kind === undefined) throw new Error(`message ${m.code} has no param "${name}" (src/engine/messages.ts)`);
    words[name] = param(kind, p[name] as ParamValue, o);
  }
  return t(o.lang, m.code, words);
}

/** Messages in words, one after another (how `because` reads as `why`). */
export function renderMessages(list: readonly Message[], o: RenderOptions): string {
  if (list.length === 1) return renderMessage(list[0] as Message, o);
  return tidy(list.map((m) => renderMessage(m, o)).join(t(o.lang, 'list.sentence')));
}

/** `o` with `why` (the words of `because`) where `because` stood; `because` itself moves to the end. */
function withWhy<T extends { because: readonly Message[] }>(o: T, opts: RenderOptions): T & { why: string } {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) {
    if (k === 'because') out.why = renderMessages(o.because, opts);
    else out[k] = (o as Record<string, unknown>)[k];
  }
  out.because = o.because;
  return out as T & { why: string };
}

function reasonText(r: Reason, o: RenderOptions): RenderedReason {
  const { code, severity, params, ...rest } = r;
  const message = renderMessage(params ? { code: `eligibility.${code}`, params } : { code: `eligibility.${code}` }, o);
  return { code, severity, message, ...rest, ...(params ? { params } : {}) };
}

function routeText(r: Route, o: RenderOptions): RenderedRoute {
  return { id: r.id, message: t(o.lang, `route.${r.id}`), basis: r.basis };
}

export function renderFinding(f: Finding, o: RenderOptions): RenderedFinding {
  const { severity, code, params, ...rest } = f;
  const message = capitalized(
    renderMessage(params ? { code: `finding.${code}`, params } : { code: `finding.${code}` }, o),
  );
  return { severity, code, message, ...rest, ...(params ? { params } : {}) };
}

export function renderStep(s: PlanStep, o: RenderOptions): RenderedPlanStep {
  return withWhy(s, o);
}

export function renderObligation(x: Obligation, o: RenderOptions): RenderedObligation {
  return withWhy(x, o);
}

export function renderChecklistItem(item: ChecklistItem, o: RenderOptions): RenderedChecklistItem {
  const out = withWhy(item, o);
  const { notes, ...requirement } = item.requirement;
  return {
    ...out,
    requirement: notes ? { ...requirement, note: renderMessages(notes, o), notes } : requirement,
  };
}

export function renderGround(g: GroundOption, o: RenderOptions): RenderedGroundOption {
  return withWhy(g, o);
}

function traceText(e: TraceEntry, o: RenderOptions): RenderedTraceEntry {
  return e.because ? { ...e, why: renderMessages(e.because, o) } : e;
}

/** The evaluation in one language: hqs-evaluation/1 with `message`, `why` and `note` filled in. */
export function renderEvaluation(ev: Evaluation, opts: RenderOptions): RenderedEvaluation {
  const o = opts.people === undefined ? { ...opts, people: peopleOfPlan(ev.plan) } : opts;
  const { eligibility, plan, obligations, checklist, grounds, findings, trace, ...head } = ev;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(ev)) {
    switch (k) {
      case 'eligibility':
        out.eligibility = {
          ...eligibility,
          reasons: eligibility.reasons.map((r) => reasonText(r, o)),
          alternatives: eligibility.alternatives.map((r) => routeText(r, o)),
        };
        break;
      case 'plan':
        out.plan = plan.map((s) => renderStep(s, o));
        break;
      case 'obligations':
        out.obligations = obligations.map((x) => renderObligation(x, o));
        break;
      case 'checklist':
        out.checklist = checklist?.map((i) => renderChecklistItem(i, o));
        break;
      case 'grounds':
        out.grounds = grounds?.map((g) => renderGround(g, o));
        break;
      case 'findings':
        out.findings = findings.map((f) => renderFinding(f, o));
        break;
      case 'trace':
        out.trace = trace?.map((e) => traceText(e, o));
        break;
      default:
        out[k] = (head as Record<string, unknown>)[k];
    }
  }
  return out as RenderedEvaluation;
}
