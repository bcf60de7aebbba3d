// The shape of a legal citation, shared by every law data file. A citation names the act (by its id in
// law/sources.yaml), the provision (article, paragraph, sub-paragraph) and the page the research used.
import { z } from 'zod';
import type { IsoDate } from '../core/date.ts';
import { CONFIDENCES, type Confidence } from '../core/confidence.ts';
import { SOURCE_KINDS, provisionKey, type Citation, type SourceKind } from '../core/citation.ts';

// The shared basics live in src/core; src/law re-exports them for its readers.
export type { Citation, Confidence, IsoDate, SourceKind };
export { SOURCE_KINDS };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is a real calendar date written as YYYY-MM-DD (2025-02-30 is not). */
export function isRealIsoDate(s: string): s is IsoDate {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

/** A date in law data. YAML may hand us a Date object for an unquoted date; accept both. */
export const IsoDateSchema = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  z.string().refine(isRealIsoDate, { message: 'expected a real date as YYYY-MM-DD' }),
) as unknown as z.ZodType<IsoDate>;

export const ConfidenceSchema = z.enum(CONFIDENCES);

export const StatusSchema = z.enum(['in-force', 'proposed']);
export type LawStatus = z.infer<typeof StatusSchema>;

export const LocalizedTextSchema = z.strictObject({
  en: z.string().min(1),
  ru: z.string().min(1),
  zh: z.string().min(1).optional(),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** What the research behind a citation read: the pages (`evidence`) and a remark. Shown by `hqs law show`. */
export interface CitationResearch {
  readonly evidence: readonly string[];
  readonly note?: string;
}

/** What a citation needs to know of its source: its kind and official text (from law/sources.yaml). */
export interface SourceRef {
  readonly kind: SourceKind;
  readonly url?: string;
  readonly urlKind?: 'text' | 'search';
  readonly short?: { readonly en: string; readonly ru: string };
}

const research = new WeakMap<Citation, CitationResearch>();

/** The pages and remark the research behind a citation relied on (undefined for a citation not read from law data). */
export function researchOf(c: Citation): CitationResearch | undefined {
  return research.get(c);
}

let sourceOf: ((id: string) => SourceRef | undefined) | undefined;

/**
 * Runs `parse` with a sources registry at hand: every citation the law data's schemas read meanwhile gets its
 * source's kind and official URL. (Parsing is synchronous; the registry is in effect only for the call.)
 */
export function withSources<T>(lookup: (id: string) => SourceRef | undefined, parse: () => T): T {
  const previous = sourceOf;
  sourceOf = lookup;
  try {
    return parse();
  } finally {
    sourceOf = previous;
  }
}

const EvidenceSchema = z
  .union([z.url(), z.array(z.url()).min(1, { message: 'at least one page' })])
  .transform((v) => (typeof v === 'string' ? [v] : v));

/**
 * One citation in the law data: `source` is a key of law/sources.yaml; `evidence`, the page(s) the research
 * relied on; `note`, a remark of the research. Read into a `Citation` (the research kept aside).
 */
export const CitationSchema = z
  .strictObject({
    source: z.string().min(1),
    article: z.string().min(1).optional(),
    part: z.string().min(1).optional(),
    paragraph: z.string().min(1).optional(),
    subparagraph: z.string().min(1).optional(),
    amendedBy: z.string().min(1).optional(),
    evidence: EvidenceSchema,
    note: z.string().min(1).optional(),
  })
  .transform((d): Citation => {
    const ref = sourceOf?.(d.source);
    const c: Citation = {
      source: d.source,
      ...(ref ? { kind: ref.kind } : {}),
      ...(d.article !== undefined ? { article: d.article } : {}),
      ...(d.part !== undefined ? { part: d.part } : {}),
      ...(d.paragraph !== undefined ? { paragraph: d.paragraph } : {}),
      ...(d.subparagraph !== undefined ? { subparagraph: d.subparagraph } : {}),
      ...(d.amendedBy !== undefined ? { amendedBy: d.amendedBy } : {}),
      ...(ref?.url !== undefined ? { url: ref.url } : {}),
      ...(ref?.urlKind === 'search' ? { urlKind: 'search' as const } : {}),
      ...(ref?.short !== undefined ? { short: { en: ref.short.en, ru: ref.short.ru } } : {}),
    };
    research.set(c, { evidence: d.evidence, ...(d.note !== undefined ? { note: d.note } : {}) });
    return c;
  });

/** Citations of the same provision become one, the research pages of each kept together. */
function oneCitationPerProvision(list: Citation[]): Citation[] {
  const byKey = new Map<string, Citation>();
  for (const c of list) {
    const key = provisionKey(c);
    const first = byKey.get(key);
    if (first === undefined) {
      byKey.set(key, c);
      continue;
    }
    const a = research.get(first);
    const b = research.get(c);
    const notes = [a?.note, b?.note].filter((n): n is string => n !== undefined);
    research.set(first, {
      evidence: [...new Set([...(a?.evidence ?? []), ...(b?.evidence ?? [])])],
      ...(notes.length ? { note: notes.join('; ') } : {}),
    });
  }
  return [...byKey.values()];
}

/** A non-empty list of citations: every legal value must have at least one; each provision is cited once. */
export const BasisSchema = z
  .array(CitationSchema)
  .min(1, { message: 'a citation is required (basis must not be empty)' })
  .transform(oneCitationPerProvision);
