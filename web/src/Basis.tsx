// The legal basis of a result, as links to the act (article, part, paragraph, subparagraph): shown beside
// every reason, step, obligation and finding, in the self-check and in the signed-in app alike. Citations are
// written by src/core's formatter (the one the CLI and the documents use) with the words of `web.cite.*`.
import { formatCitation, type CitationStyle } from '../../src/core/citation.ts';
import { lawNameLang } from '../../src/core/lang.ts';
import type { Citation } from '../../src/engine/types.ts';
import type { T } from './i18n.ts';

/** How the web writes a citation: acts by their short names (Russian for a Chinese reader), without the amending act. */
export function webCitationStyle(t: T): CitationStyle {
  return { word: (key, params) => t(key, params), amendment: false, lawLang: lawNameLang(t.lang) };
}

export function Basis({ t, basis }: { t: T; basis: readonly Citation[] }) {
  const style = webCitationStyle(t);
  // Several values of one result often rest on the same provision: cite each once, as the reader sees it.
  const seen = new Set<string>();
  const cited = basis
    .map((b) => ({ b, label: formatCitation(b, style) }))
    .filter(({ b, label }) => {
      const k = `${b.kind ?? ''}|${label}`;
      return seen.has(k) ? false : (seen.add(k), true);
    });
  if (!cited.length) return null;
  return (
    <span className="basis">
      ({t('outcome.basis')}{' '}
      {cited.map(({ b, label }, i) => {
        // A practice guide is not law, nor is a bill: the reader is told so, not shown a legal citation.
        if (b.kind === 'practice-guide')
          return (
            <span key={i}>
              {i > 0 && '; '}
              {t('cite.practice')}
            </span>
          );
        return (
          <span key={i}>
            {i > 0 && '; '}
            {b.url ? (
              <a href={b.url} rel="noopener noreferrer" target="_blank">
                {label}
              </a>
            ) : (
              label
            )}
            {b.kind === 'bill' && ` (${t('cite.bill')})`}
          </span>
        );
      })}
      )
    </span>
  );
}

/** Reasons that are about a bill (a proposal, not law): shown as a note under the status the law in force gives. */
export function isProposalReason(r: { code: string }): boolean {
  return r.code.startsWith('proposal-');
}
