// The legal basis of a result, as links to the act (article, paragraph, subparagraph): shown beside every
// reason, step, obligation and finding, in the self-check and in the signed-in app alike.
import type { Citation } from '../../src/engine/types.ts';
import type { T } from './i18n.ts';

export function Basis({ t, basis }: { t: T; basis: readonly Citation[] }) {
  // Several values of one result often rest on the same provision: cite each once.
  const seen = new Set<string>();
  basis = basis.filter((b) => {
    const k = `${b.source}|${b.article ?? ''}|${b.paragraph ?? ''}|${b.subparagraph ?? ''}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  if (!basis.length) return null;
  return (
    <span className="basis">
      ({t('outcome.basis')}{' '}
      {basis.map((b, i) => {
        // A practice guide is not law, nor is a bill: the reader is told so, not shown a legal citation.
        if (b.kind === 'practice-guide')
          return (
            <span key={i}>
              {i > 0 && '; '}
              {t('cite.practice')}
            </span>
          );
        const label = [
          b.source,
          b.article && t('cite.article', { n: b.article }),
          b.part && t('cite.part', { n: b.part }),
          b.paragraph && t('cite.paragraph', { n: b.paragraph }),
          b.subparagraph && t('cite.subparagraph', { n: b.subparagraph }),
        ]
          .filter(Boolean)
          .join(', ');
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
