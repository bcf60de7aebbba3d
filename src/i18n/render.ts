// The renderer: the engine's messages (a code and typed params, src/engine/messages.ts) in words, one language
// at a time, from the templates of locales/<lang>.json. Each param is written by its kind: a date as is, an
// amount in groups of three digits, a code of a vocabulary by its label (period, category, step, event type…),
// a country or a document by its name in the law data, a term as its arithmetic, a nested message in words.
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
import { t, type Lang } from './index.ts';

/** What the renderer reads of the law: country names and document titles. */
export interface RenderTables {
  readonly countries: { name(code: string, lang: Lang): string };
  readonly documents: { document(id: string): { readonly title: LocalizedText } };
}

export interface RenderOptions {
  lang: Lang;
  law: RenderTables;
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
  if (typeof v === 'string') return v;
  const steps = t(o.lang, 'term.count', { from: v.from, n: v.n, unit: t(o.lang, `unit.${v.unit}`), end: v.end });
  return v.shiftedTo === undefined
    ? steps
    : steps + t(o.lang, 'list.semicolon') + t(o.lang, 'why.shifted', { from: v.end, to: v.shiftedTo });
}

function param(kind: ParamKind, v: ParamValue, o: RenderOptions): string {
  const { lang } = o;
  switch (kind) {
    case 'date':
    case 'int':
    case 'text':
      return String(v);
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
      return localized(o.law.documents.document(v as string).title, lang);
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

/** One message in words. */
export function renderMessage(m: Message, o: RenderOptions): string {
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
  return list.map((m) => renderMessage(m, o)).join(t(o.lang, 'list.sentence'));
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
  const message = renderMessage(params ? { code: `finding.${code}`, params } : { code: `finding.${code}` }, o);
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
export function renderEvaluation(ev: Evaluation, o: RenderOptions): RenderedEvaluation {
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
