// Shared wording for the rendered documents: dates, money, names, citations and footnotes. Rendering
// only: every value comes from the case, the evaluation or the law tables; the words come from locales/.
import type { Case, Person } from '../case/index.ts';
import type { Citation, Law } from '../law/index.ts';
import { t, hasKey } from '../i18n/index.ts';
import { PLAN_STEP_IDS } from '../engine/types.ts';
import { formatCitation, provisionKey, type CitationStyle } from '../core/citation.ts';
import { lawNameLang, type DocLang } from '../core/lang.ts';

/** The languages a document is written in (src/core). */
export type { DocLang };

interface LocalizedLike {
  readonly en: string;
  readonly ru: string;
  readonly zh?: string | undefined;
}

/** What a renderer reads of the document catalogue (law/documents): titles of procedures and documents. */
export interface CatalogueLike {
  readonly procedures: readonly {
    readonly id: string;
    readonly title: LocalizedLike;
    readonly authority: LocalizedLike;
  }[];
  has(id: string): boolean;
  document(id: string): { readonly title: LocalizedLike };
}

/** The parts of the law data a renderer reads: names of countries and regions, titles of acts, procedures and documents. */
export type DocTables = Pick<Law, 'countries' | 'regions' | 'sources'> & { readonly documents?: CatalogueLike };

/** A text of the law data in the document's language (Chinese falls back to English). */
export function localized(text: LocalizedLike, lang: DocLang): string {
  return lang === 'zh' ? (text.zh ?? text.en) : text[lang];
}

/** What every renderer is given. */
export interface DocContext {
  case: Case;
  law: DocTables;
  lang: DocLang;
}

/**
 * A person's name as the case gives it. `native` is the name in the person's own script (陈伟); the
 * case format has no such field yet, but a renderer prints it whenever the case carries one.
 */
export interface NameLike {
  latin: string;
  cyrillic?: string | undefined;
  native?: string | undefined;
}

/** THOMAS MUELLER (Томас Мюллер); the latin form first, as in the passport. */
export function personName(p: { name: NameLike }): string {
  const extra = [p.name.cyrillic, p.name.native].filter((x): x is string => x !== undefined && x !== p.name.latin);
  return extra.length ? `${p.name.latin} (${extra.join(', ')})` : p.name.latin;
}

export function principalOf(c: Case): Person {
  const p = c.people.find((x) => x.role === 'principal');
  if (!p) throw new Error('the case has no principal (people[].role: principal)');
  return p;
}

export function personById(c: Case, id: string): Person | undefined {
  return c.people.find((p) => p.id === id);
}

/** "spouse", "son", "daughter"…: the relation to the principal, by sex where the language words it so. */
export function relationLabel(p: Person, lang: DocLang): string {
  if (p.role === 'principal') return t(lang, 'doc.role.principal');
  const rel = p.relation ?? 'family';
  const sexed = `doc.relation.${rel}.${p.sex ?? ''}`;
  if (p.sex && hasKey('en', sexed)) return t(lang, sexed);
  return t(lang, `doc.relation.${rel}`);
}

/** A date in the document's language: 3 September 2026 · 03.09.2026 · 2026年9月3日. */
export function formatDate(iso: string, lang: DocLang): string {
  const [y, m, d] = iso.split('-');
  if (y === undefined || m === undefined || d === undefined) return iso;
  return t(lang, 'doc.date', { y, mm: m, dd: d, m: Number(m), d: Number(d), month: t(lang, `doc.month.${Number(m)}`) });
}

/** 1 500 000 RUB, with no-break spaces between groups of thousands. */
export function formatMoney(amount: number, currency: string, lang: DocLang): string {
  const [int, frac] = amount.toFixed(2).split('.') as [string, string];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  const number = frac === '00' ? grouped : `${grouped}${t(lang, 'doc.decimal')}${frac}`;
  const unit = currency === 'RUB' ? t(lang, 'doc.rub') : currency;
  return `${number}\u00a0${unit}`;
}

export function countryName(code: string, law: DocTables, lang: DocLang): string {
  const c = law.countries.get(code);
  if (!c) return code;
  return (lang === 'zh' ? c.names.zh : undefined) ?? c.names[lang === 'ru' ? 'ru' : 'en'];
}

export function regionName(code: string, law: DocTables, lang: DocLang): string {
  const r = law.regions.get(code);
  return r ? r.names[lang === 'ru' ? 'ru' : 'en'] : code;
}

/**
 * The act's name as a reader writes it in a citation (law/sources.yaml `short`): 115-FZ, Labour Code in
 * English; 115-ФЗ, ТК РФ, Приказ МВД России № 536 in Russian. Chinese readers see the Russian form: Russian
 * law governs, and the acts are found under their Russian names.
 */
export function actName(id: string, law: DocTables, lang: DocLang): string {
  const s = law.sources.get(id);
  return s ? s.short[lawNameLang(lang)] : id;
}

/** The act's full title; a Chinese reader without a Chinese title gets the Russian one (the text that governs). */
export function actTitle(id: string, law: DocTables, lang: DocLang): string | undefined {
  const s = law.sources.get(id);
  if (!s) return undefined;
  return lang === 'zh' ? (s.title.zh ?? s.title.ru) : s.title[lang];
}

/**
 * How the documents and the CLI write a citation for a reader of `lang` (src/core `formatCitation`): acts by
 * their short names, the words of locales/*.json `doc.cite.*` in the citation's language — Russian for a
 * Chinese document (the Russian text of the law governs). `amendment: false` leaves out the amending act.
 */
export function citationStyle(law: DocTables, lang: DocLang, amendment = true): CitationStyle {
  const cl = lawNameLang(lang);
  return { word: (key, params) => t(cl, `doc.${key}`, params), actName: (id) => actName(id, law, lang), amendment };
}

/** The provision a citation names: 115-FZ, art. 13.2, p. 1, subp. 3, as amended by 316-FZ. */
export function citeProvision(c: Citation, law: DocTables, lang: DocLang): string {
  return formatCitation(c, citationStyle(law, lang));
}

/**
 * One footnote: the provision, the act's title and the link to its official text. A practice guide is said
 * to be practice, not law; a bill, that it is not law. Research pages are never printed (they are evidence
 * in the law data, shown by `hqs law show`).
 */
export interface Footnote {
  n: number;
  provision: string;
  title?: string;
  url?: string;
  urlKind?: 'search';
  kind?: Citation['kind'];
}

/** Numbers citations once per document: citations of the same provision share a footnote. */
export class Footnotes {
  private readonly byKey = new Map<string, Footnote>();
  constructor(
    private readonly law: DocTables,
    private readonly lang: DocLang,
  ) {}

  /** The footnote numbers for a basis, in order, without repeats. */
  refs(basis: readonly Citation[]): number[] {
    const out: number[] = [];
    for (const c of basis) {
      const key = provisionKey(c);
      let f = this.byKey.get(key);
      if (!f) {
        f = footnoteOf(c, this.byKey.size + 1, this.law, this.lang);
        this.byKey.set(key, f);
      }
      if (!out.includes(f.n)) out.push(f.n);
    }
    return out;
  }

  get(n: number): Footnote {
    const f = [...this.byKey.values()].find((x) => x.n === n);
    if (!f) throw new Error(`no footnote ${n}`);
    return f;
  }

  all(): Footnote[] {
    return [...this.byKey.values()];
  }
}

function footnoteOf(c: Citation, n: number, law: DocTables, lang: DocLang): Footnote {
  const f: Footnote = { n, provision: citeProvision(c, law, lang) };
  if (c.kind !== 'practice-guide') {
    const title = actTitle(c.source, law, lang);
    if (title) f.title = title;
  }
  if (c.url) f.url = c.url;
  if (c.urlKind) f.urlKind = c.urlKind;
  if (c.kind) f.kind = c.kind;
  return f;
}

/** One citation as a line of text (what a footnote says, without its number). */
export function citationText(c: Citation, law: DocTables, lang: DocLang): string {
  return footnoteText(footnoteOf(c, 0, law, lang), lang);
}

/** The footnote as one line of text, in the document's language. */
export function footnoteText(f: Footnote, lang: DocLang): string {
  if (f.kind === 'practice-guide') return t(lang, 'doc.cite.practice');
  const parts = [f.provision];
  if (f.title) parts.push(f.title);
  if (f.kind === 'bill') parts.push(t(lang, 'doc.cite.bill'));
  const text = `${parts.join('. ')}.`;
  return f.url ? `${text} ${t(lang, f.urlKind === 'search' ? 'doc.cite.search' : 'doc.cite.text')}: ${f.url}` : text;
}

/** A procedure's title: from the document catalogue, else the plan step's name, else its id. */
export function procedureLabel(id: string, law: DocTables, lang: DocLang): string {
  const p = law.documents?.procedures.find((x) => x.id === id);
  if (p) return localized(p.title, lang);
  return hasKey('en', `step.${id}`) ? t(lang, `step.${id}`) : id;
}

/** Where a procedure's documents go (the catalogue's authority), where the catalogue says. */
export function procedureAuthority(id: string, law: DocTables, lang: DocLang): string | undefined {
  const p = law.documents?.procedures.find((x) => x.id === id);
  return p ? localized(p.authority, lang) : undefined;
}

/** A procedure's place: the catalogue's order, else the plan's, unknown ones last. */
export function procedureRank(id: string, law: DocTables): number {
  const procs = law.documents?.procedures ?? [];
  const i = procs.findIndex((x) => x.id === id);
  if (i >= 0) return i;
  const j = (PLAN_STEP_IDS as readonly string[]).indexOf(id);
  return procs.length + (j < 0 ? PLAN_STEP_IDS.length : j);
}

/** A document type's title from the catalogue, else its id in words. */
export function documentTypeTitle(type: string, law: DocTables, lang: DocLang): string {
  return law.documents?.has(type) ? localized(law.documents.document(type).title, lang) : type.replace(/-/g, ' ');
}
