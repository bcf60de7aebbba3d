// A citation as a reader writes it: "115-FZ, art. 13.2, p. 1, subp. 3" or "115-ФЗ, ст. 13.2, п. 1, подп. 3"; a
// practice guide as "practice, not law". The act's name comes from law/sources.yaml (`short`).
import type { Citation, Law } from '../law/index.ts';
import type { Lang } from '../i18n/index.ts';
import { citeProvision } from '../documents/format.ts';

export function formatCitation(
  c: Citation,
  law: Pick<Law, 'sources' | 'countries' | 'regions'>,
  lang: Lang,
  withAmendment = false,
): string {
  return citeProvision(withAmendment || c.amendedBy === undefined ? c : { ...c, amendedBy: undefined }, law, lang);
}

/** Several citations, each once. */
export function formatBasis(
  basis: readonly Citation[],
  law: Pick<Law, 'sources' | 'countries' | 'regions'>,
  lang: Lang,
): string {
  return [...new Set(basis.map((c) => formatCitation(c, law, lang)))].join('; ');
}
