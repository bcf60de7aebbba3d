// The problems of a case, read for a person: "Family member 1 (LI NA) — Date of birth: must not be …"
// with the path as the file names it (`people[1].birthDate`), so a file can be corrected and a form field
// found. In the form each problem links to its field (or to the step where it is entered); a field on the
// page shows its own message, so the summary only links to it. Messages arrive in the reader's language
// (web/src/problems.ts words the server's codes).
import { useEffect, useRef } from 'react';
import { ApiError } from '../../api.ts';
import { useApp } from '../session.tsx';
import { describePath, fieldId, stepOf, type StepId } from './build.ts';

export interface ProblemItem {
  path: string;
  message: string;
}

interface Props {
  /** The heading (what went wrong). */
  title: string;
  detail?: string | undefined;
  items: readonly ProblemItem[];
  /** In the form: the names of the people by index (people[0] is the specialist). */
  people?: readonly string[];
  /** In the form: go to the step of a path (and its field). */
  onGo?: (step: StepId, path: string) => void;
  /** Paths whose field is on the page now: linked directly. */
  onPage?: (path: string) => boolean;
  /** Takes the focus each time this changes (not on every edit: typing must not lose its place). */
  focusKey?: number;
  /** Show each path as the file names it (for files; the form names its fields in words). */
  showPaths?: boolean;
}

export function Problems({ title, detail, items, people, onGo, onPage, focusKey, showPaths = false }: Props) {
  const { t } = useApp();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusKey) ref.current?.focus();
  }, [focusKey]);
  const where = (path: string): string => {
    const d = describePath(path);
    const label = d.labelKey ? t(`newcase.path.${d.labelKey}`) : '';
    let section: string;
    if (d.section === 'person' && d.index !== undefined) {
      if (people) {
        const name = people[d.index];
        section = d.index === 0 ? t('newcase.problems.principal') : t('newcase.problems.member', { n: d.index });
        if (name) section += ` (${name})`;
      } else section = t('newcase.problems.person', { n: d.index + 1 });
    } else if (d.section === 'events' && d.index !== undefined)
      section = t('newcase.problems.event', { n: d.index + 1 });
    else if (d.section === 'documents' && d.index !== undefined)
      section = t('newcase.problems.document', { n: d.index + 1 });
    else section = t(`newcase.problems.${d.section}`);
    return label && label !== section ? `${section} — ${label}` : section;
  };
  if (!items.length && !detail) return null;
  return (
    <div className="error-summary case-problems" role="alert" tabIndex={-1} ref={ref}>
      <h2>{title}</h2>
      {detail && <p>{detail}</p>}
      {items.length > 0 && (
        <ul>
          {items.map((p, i) => {
            const step = stepOf(p.path);
            return (
              <li key={i}>
                {onPage?.(p.path) ? (
                  // The field shows its message: here only the link to it (no message said twice).
                  <a href={`#${fieldId(p.path)}`}>
                    <strong>{where(p.path)}</strong>
                  </a>
                ) : (
                  <>
                    <strong>{where(p.path)}</strong>: {p.message}
                  </>
                )}
                {showPaths && (
                  <>
                    {' '}
                    <code className="path">{p.path}</code>
                  </>
                )}
                {onGo && !onPage?.(p.path) && step !== 'review' && (
                  <>
                    {' '}
                    <button type="button" className="link" onClick={() => onGo(step, p.path)}>
                      {t('newcase.problems.go', { step: t(`newcase.step.${step}`) })}
                    </button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** The problems of a failed request: the field problems of a refused case, or the error as the server put it. */
export function problemItems(e: unknown): { detail: string; items: ProblemItem[] } {
  if (e instanceof ApiError) return { detail: e.detail, items: [...e.errors] };
  return { detail: String((e as Error)?.message ?? e), items: [] };
}
