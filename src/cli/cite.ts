// A citation as a reader writes it: "115-FZ, art. 13.2, p. 1, subp. 3" or "115-ФЗ, ст. 13.2, п. 1, подп. 3" —
// src/core's formatter in the documents' style (acts by their short names from law/sources.yaml).
import type { Citation, Law } from '../law/index.ts';
import type { Lang } from '../core/lang.ts';
import { formatCitation as writeCitation, formatCitations } from '../core/citation.ts';
import { citationStyle } from '../documents/format.ts';

type CiteTables = Pick<Law, 'sources' | 'countries' | 'regions'>;

/** One citation; the amending act only with `withAmendment` (the law listing shows it, results do not). */
export function formatCitation(c: Citation, law: CiteTables, lang: Lang, withAmendment = false): string {
  return writeCitation(c, citationStyle(law, lang, withAmendment));
}

/** Several citations, each once. */
export function formatBasis(basis: readonly Citation[], law: CiteTables, lang: Lang): string {
  return formatCitations(basis, citationStyle(law, lang, false)).join('; ');
}
