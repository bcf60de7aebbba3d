// A citation as a reader writes it: "115-FZ art. 13.2 p. 1 subp. 3" or "115-ФЗ ст. 13.2 п. 1 пп. 3".
import type { Citation } from '../law/index.ts';
import { t, type Lang } from '../i18n/index.ts';

export function formatCitation(c: Citation, lang: Lang, withAmendment = false): string {
  const parts = [lang === 'ru' ? c.source.replace(/-FZ$/, '-ФЗ') : c.source];
  if (c.article) parts.push(`${t(lang, 'cite.article')} ${c.article}`);
  if (c.part) parts.push(`${t(lang, 'cite.part')} ${c.part}`);
  if (c.paragraph) parts.push(`${t(lang, 'cite.paragraph')} ${c.paragraph}`);
  if (c.subparagraph) parts.push(`${t(lang, 'cite.subparagraph')} ${c.subparagraph}`);
  if (withAmendment && c.amendedBy)
    parts.push(t(lang, 'cite.amended', { act: lang === 'ru' ? c.amendedBy.replace(/-FZ$/, '-ФЗ') : c.amendedBy }));
  return parts.join(' ');
}

/** Several citations, each once. */
export function formatBasis(basis: readonly Citation[], lang: Lang): string {
  return [...new Set(basis.map((c) => formatCitation(c, lang)))].join('; ');
}
