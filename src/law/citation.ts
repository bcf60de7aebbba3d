// The shape of a legal citation, shared by every law data file. A citation names the act (by its id in
// law/sources.yaml), the provision (article, paragraph, sub-paragraph) and the page the research used.
import { z } from 'zod';

export type IsoDate = string & { readonly __brand: 'IsoDate' };

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

export const ConfidenceSchema = z.enum(['high', 'medium-high', 'medium', 'low-medium', 'low']);
export type Confidence = z.infer<typeof ConfidenceSchema>;

export const StatusSchema = z.enum(['in-force', 'proposed']);
export type LawStatus = z.infer<typeof StatusSchema>;

export const LocalizedTextSchema = z.strictObject({
  en: z.string().min(1),
  ru: z.string().min(1),
  zh: z.string().min(1).optional(),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/** One legal citation. `source` is a key of law/sources.yaml; `url` is the page the research relied on. */
export const CitationSchema = z.strictObject({
  source: z.string().min(1),
  article: z.string().min(1).optional(),
  part: z.string().min(1).optional(),
  paragraph: z.string().min(1).optional(),
  subparagraph: z.string().min(1).optional(),
  amendedBy: z.string().min(1).optional(),
  url: z.url(),
  note: z.string().min(1).optional(),
});
export type Citation = z.infer<typeof CitationSchema>;

/** A non-empty list of citations: every legal value must have at least one. */
export const BasisSchema = z.array(CitationSchema).min(1, { message: 'a citation is required (basis must not be empty)' });
