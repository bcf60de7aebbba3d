// A small history router: the path picks the page, `navigate` pushes a new entry, links stay real <a>
// elements (open in a new tab works) and are intercepted only for a plain left click. Twenty lines where a
// routing framework would bring its own conventions.
import { useEffect, useRef, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());
const here = () => location.pathname + location.search + location.hash;

// Leave guards: a page with unsaved work (the new-case form) says so before the app moves elsewhere — a
// link, navigate(), Back or Forward (the address is put back when the reader stays), a reload or closing
// the tab (the browser's own question).
type Guard = () => string | null;
const guards = new Set<Guard>();
/** The question of the first guard that has one, or null when nothing holds the page. */
const guardQuestion = (): string | null => {
  for (const g of guards) {
    const q = g();
    if (q) return q;
  }
  return null;
};
const mayLeave = (): boolean => {
  const q = guardQuestion();
  return q === null || window.confirm(q);
};
let shown = here();
window.addEventListener('popstate', () => {
  if (guards.size && !mayLeave()) {
    history.pushState(null, '', shown);
    return;
  }
  shown = here();
  emit();
});
window.addEventListener('beforeunload', (e) => {
  if (guardQuestion() === null) return;
  e.preventDefault();
  e.returnValue = '';
});

/**
 * While the component is there, leaving asks `question()` first (when it gives one: null lets the reader go
 * without asking). Read at the moment of leaving, so it sees the latest state.
 */
export function useLeaveGuard(question: () => string | null): void {
  const ref = useRef(question);
  ref.current = question;
  useEffect(() => {
    const g: Guard = () => ref.current();
    guards.add(g);
    return () => {
      guards.delete(g);
    };
  }, []);
}

/** `force`: go without asking the leave guards (sign-out, a form done with its work). */
export function navigate(to: string, opts: { replace?: boolean; force?: boolean } = {}): void {
  if (to === here()) return;
  if (!opts.force && !mayLeave()) return;
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  shown = here();
  window.scrollTo(0, 0);
  emit();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The current location (path and query), re-rendering on every navigation. */
export function useLocation(): { path: string; search: URLSearchParams; href: string } {
  const href = useSyncExternalStore(subscribe, () => location.pathname + location.search);
  const q = href.indexOf('?');
  return { path: q < 0 ? href : href.slice(0, q), search: new URLSearchParams(q < 0 ? '' : href.slice(q)), href };
}

/** Matches `/app/cases/:id` against a path; returns the named parts or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const s = path.replace(/\/+$/, '').split('/');
  if (p.length !== s.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    const b = s[i]!;
    if (a.startsWith(':')) {
      if (!b) return null;
      out[a.slice(1)] = decodeURIComponent(b);
    } else if (a !== b) return null;
  }
  return out;
}

export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const click = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (
      e.defaultPrevented ||
      e.button !== 0 ||
      e.metaKey ||
      e.ctrlKey ||
      e.shiftKey ||
      e.altKey ||
      rest.target ||
      rest.download !== undefined
    )
      return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={click} {...rest} />;
}
