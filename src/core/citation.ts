// A legal citation and the one way it is written: the act, then every level of the provision the citation
// names — article, part, paragraph, sub-paragraph — and, when asked, the amending act. The CLI, the documents
// and the web app all write citations with formatCitation; each gives the words of its own catalogue
// (locales/*.json `doc.cite.*`, `web.cite.*`), so no text lives here.

import type { LawNameLang } from './lang.ts';

/** The kinds of source a citation can name (law/README.md "sources.yaml"). */
export const SOURCE_KINDS = [
  'constitution',
  'federal-constitutional-law',
  'federal-law',
  'code',
  'presidential-decree',
  'government-decree',
  'ministerial-order',
  'court-practice-review',
  'treaty',
  'convention',
  'foreign-law',
  'bill',
  /** Practice guides: the source of typical durations (estimates), never of legal rules. */
  'practice-guide',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * One legal citation as a reader sees it: the act (`source`, an id of law/sources.yaml, and its `kind`), the
 * provision, and `url`, the act's official or reference text from the sources registry (never a research
 * page). The research behind it stays in the law data (src/law/citation.ts `researchOf`).
 */
export interface Citation {
  readonly source: string;
  /** The kind of the act (a bill or a practice guide is not law: readers are told so). */
  readonly kind?: SourceKind;
  readonly article?: string;
  readonly part?: string;
  readonly paragraph?: string;
  readonly subparagraph?: string;
  /** The act that gave the provision the cited wording. */
  readonly amendedBy?: string;
  /** The act's official or reference text (the sources registry's `url`). */
  readonly url?: string;
  /** `search`: `url` is the official portal's search for the act (its own page was not verified). */
  readonly urlKind?: 'search';
  /** The act's short name as readers write it (law/sources.yaml `short`: 115-FZ / 115-ФЗ, КоАП РФ). */
  readonly short?: { readonly en: string; readonly ru: string };
}

/** The levels of a provision, outermost first: the order a citation is written in (ст. 18.15, ч. 3). */
export const PROVISION_LEVELS = ['article', 'part', 'paragraph', 'subparagraph'] as const;
export type ProvisionLevel = (typeof PROVISION_LEVELS)[number];

/** The wording keys a formatter asks its catalogue for: `cite.article` ("art. {n}"), …, `cite.amended` ("as amended by {act}"). */
export type CitationWordKey = `cite.${ProvisionLevel}` | 'cite.amended';

export interface CitationStyle {
  /** A catalogue's words: `word('cite.part', { n: '3' })` → "part 3", "ч. 3", "第3部分". */
  word: (key: CitationWordKey, params: Readonly<Record<string, string>>) => string;
  /** The act's name as a reader writes it (law/sources.yaml `short`: 115-FZ, КоАП РФ); default: the citation's own `short` in `lawLang`, else the id. */
  actName?: (id: string) => string;
  /** The language of the citation's own `short` name where no `actName` is given (Russian for a Chinese reader). */
  lawLang?: LawNameLang;
  /** Write "as amended by …" when the citation names the amending act (default true). */
  amendment?: boolean;
  /** Between the act and each level (default ", "). */
  separator?: string;
}

/** Source, article, part, paragraph, subparagraph and amending act: what makes two citations the same provision. */
export function provisionKey(c: Citation): string {
  return `${c.source}|${c.article ?? ''}|${c.part ?? ''}|${c.paragraph ?? ''}|${c.subparagraph ?? ''}|${c.amendedBy ?? ''}`;
}

/** The provision a citation names, every level it has: "КоАП РФ, ст. 18.15, ч. 3"; "115-FZ, art. 13.2, p. 1, subp. 3". */
export function formatCitation(c: Citation, style: CitationStyle): string {
  const name = style.actName ?? ((id: string) => id);
  const act = style.actName === undefined && style.lawLang && c.short ? c.short[style.lawLang] : name(c.source);
  const parts = [act];
  for (const level of PROVISION_LEVELS) {
    const n = c[level];
    if (n) parts.push(style.word(`cite.${level}`, { n }));
  }
  if (c.amendedBy && style.amendment !== false) parts.push(style.word('cite.amended', { act: name(c.amendedBy) }));
  return parts.join(style.separator ?? ', ');
}

/** Several citations written once each, in order (two citations that read the same are one). */
export function formatCitations(basis: readonly Citation[], style: CitationStyle): string[] {
  return [...new Set(basis.map((c) => formatCitation(c, style)))];
}
