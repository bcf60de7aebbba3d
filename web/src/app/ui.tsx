// Small shared pieces of the signed-in app: data loading, headings that take the focus on a new page,
// problem summaries that name each bad field, form fields with their errors, status tags.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { ApiError } from '../api.ts';
import { useApp } from './session.tsx';
import { asApiError } from './useAction.ts';
import { fieldName } from '../problems.ts';

export type Loaded<T> = {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
  setData: (d: T) => void;
};

/** Runs `load` when `deps` change (aborting the previous run), and on reload(). */
export function useData<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const ac = new AbortController();
    setLoading(true);
    load(ac.signal).then(
      (d) => {
        if (ac.signal.aborted) return;
        setData(d);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (ac.signal.aborted) return;
        setError(asApiError(e));
        setLoading(false);
      },
    );
    return () => ac.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload, setData };
}

/** The page's heading: takes the focus when the page is drawn, so screen readers announce the new page. */
export function PageTitle({ children, sub }: { children: ReactNode; sub?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    ref.current?.focus({ preventScroll: true });
    if (typeof children === 'string') document.title = `${children} — HQS Desk`;
  }, [children]);
  return (
    <div className="page-title">
      <h1 ref={ref} tabIndex={-1}>
        {children}
      </h1>
      {sub && <p className="hint">{sub}</p>}
    </div>
  );
}

/** The text of the label of a control on the page (the summary's link names the field as the form does). */
function labelOf(id: string): string | undefined {
  const el = document.getElementById(id);
  const label =
    (el as HTMLInputElement | null)?.labels?.[0] ?? document.querySelector(`label[for="${CSS.escape(id)}"]`);
  return label?.textContent?.trim() || undefined;
}

/**
 * A problem from the server, in the reader's language (the api client words it: web/src/problems.ts). A
 * field shown on the page carries its own message (<Field error>); here it is only a link to that field,
 * so no message appears twice. What no field on the page shows is said here, once.
 */
export function ErrorBox({ error, fieldIds }: { error: unknown; fieldIds?: Record<string, string> }) {
  const { t } = useApp();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [error]);
  if (!error) return null;
  const e = asApiError(error);
  const onPage = (path: string): string | undefined => {
    const id = fieldIds?.[path];
    return id && document.getElementById(id) ? id : undefined;
  };
  const linked = e.errors.filter((p) => onPage(p.path));
  const rest = e.errors.filter((p) => !onPage(p.path) && p.message !== e.detail);
  // No answer (a network failure, or a script error): the reader's words, never the browser's English.
  const detail = e.status === 0 ? t('problem.status.0') : linked.length ? t('problem.checkFields') : e.detail;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <h2>
        {e.status === 0
          ? t('common.error.network')
          : e.status === 403
            ? t('common.error.forbidden')
            : e.status === 404
              ? t('common.error.notFound')
              : e.status === 409
                ? t('common.error.conflict')
                : t('common.error.title')}
      </h2>
      <p>{detail}</p>
      {linked.length + rest.length > 0 && (
        <ul>
          {linked.map((p, i) => {
            const id = onPage(p.path)!;
            return (
              <li key={`f${i}`}>
                <a href={`#${id}`}>{labelOf(id) ?? fieldName(t, p.path) ?? t('problem.thisField')}</a>
              </li>
            );
          })}
          {rest.map((p, i) => {
            const name = fieldName(t, p.path);
            return <li key={`r${i}`}>{name && !p.message.startsWith(name) ? `${name}: ${p.message}` : p.message}</li>;
          })}
        </ul>
      )}
    </div>
  );
}

export function Loading({ what }: { what?: string }) {
  const { t } = useApp();
  return (
    <p className="loading" aria-live="polite">
      {what ?? t('common.loading')}
    </p>
  );
}

/** Loading, the error, or the content once the data is there. */
export function Load<T>({ state, children }: { state: Loaded<T>; children: (data: T) => ReactNode }) {
  if (state.error && state.data === undefined) return <ErrorBox error={state.error} />;
  if (state.data === undefined) return <Loading />;
  return <>{children(state.data)}</>;
}

export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <FieldNotes id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

/** A field's hint and error paragraphs, with the ids `describedBy` points the control at. */
export function FieldNotes({ id, hint, error }: { id: string; hint?: ReactNode; error?: ReactNode }) {
  return (
    <>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

/** `aria-describedby` for an input with a hint and/or an error drawn by <Field>. */
export const describedBy = (id: string, hint: boolean, error: unknown) =>
  [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;

/** A status as a coloured tag with words (never colour alone). */
export function StatusTag({ status, label }: { status: string; label: string }) {
  return <span className={`status status-${status}`}>{label}</span>;
}

/** Previous / next for an offset-paged list. */
export function Pager({
  total,
  limit,
  offset,
  onPage,
}: {
  total: number;
  limit: number;
  offset: number;
  onPage: (offset: number) => void;
}) {
  const { t } = useApp();
  if (total <= limit) return null;
  return (
    <nav className="pager" aria-label={t('common.pages')}>
      <button
        type="button"
        className="secondary"
        disabled={offset === 0}
        onClick={() => onPage(Math.max(0, offset - limit))}
      >
        {t('common.previous')}
      </button>
      <span>
        {t('common.range', {
          from: t.number(offset + 1),
          to: t.number(Math.min(total, offset + limit)),
          total: t.number(total),
        })}
      </span>
      <button
        type="button"
        className="secondary"
        disabled={offset + limit >= total}
        onClick={() => onPage(offset + limit)}
      >
        {t('common.next')}
      </button>
    </nav>
  );
}

/** Days from `today` to `iso` (negative when past), on the calendar (not working days). */
export function daysFrom(today: string, iso: string): number {
  return Math.round(
    (Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) - Date.parse(`${today.slice(0, 10)}T00:00:00Z`)) / 86_400_000,
  );
}

/** Today in Moscow as YYYY-MM-DD (deadlines count in Moscow days). */
export function todayMoscow(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Moscow',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
