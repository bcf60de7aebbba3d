// The browser's client of the HQS Desk API: same-origin fetch with the session cookie, the CSRF token on
// every write, and problem details (RFC 9457) turned into an ApiError that names each bad field.
import type { z } from 'zod';
import type * as S from '../../src/server/schemas.ts';

export type SessionInfo = z.infer<typeof S.SessionInfo>;
export type CaseSummary = z.infer<typeof S.CaseSummary>;
export type CaseRecord = z.infer<typeof S.CaseRecord>;
export type EmployerRecord = z.infer<typeof S.EmployerRecord>;
export type Member = z.infer<typeof S.Member>;
export type DocumentRecord = z.infer<typeof S.DocumentRecord>;
export type ObligationRecord = z.infer<typeof S.ObligationRecord>;
export type Dashboard = z.infer<typeof S.Dashboard>;
export type AuditEntry = z.infer<typeof S.AuditEntry>;
export type AuditPage = z.infer<typeof S.AuditPage>;
export type Page<T> = { items: T[]; total: number; limit: number; offset: number };
export type { RenderedEvaluation as Evaluation } from '../../src/engine/types.ts';

export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: readonly FieldProblem[] = [],
    readonly currentVersion?: number,
    /** A sign-in that must choose (409): the organizations to choose from. */
    readonly organizations?: readonly { orgId: string; orgName: string; role: string }[],
  ) {
    super(detail || `HTTP ${status}`);
  }
  /** The problem of one field (exact path or a path under it). */
  field(path: string): string | undefined {
    return this.errors.find((e) => e.path === path || e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`))
      ?.message;
  }
}

let csrf: string | null = null;
/** Set after sign-in and on every session read: writes send it as X-CSRF-Token. */
export function setCsrfToken(token: string | null): void {
  csrf = token;
}

export interface RequestOptions {
  json?: unknown;
  body?: BodyInit;
  type?: string;
  query?: Record<string, string | number | boolean | undefined | null>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export function url(path: string, query?: RequestOptions['query']): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  let body = opts.body;
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.type) headers['Content-Type'] = opts.type;
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(url(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'the server cannot be reached: check the connection and try again');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    if (!res.ok) throw new ApiError(res.status, text.slice(0, 300) || res.statusText);
    throw new ApiError(res.status, 'the server answered with something other than JSON');
  }
  if (!res.ok) {
    const p = (data ?? {}) as {
      detail?: string;
      title?: string;
      errors?: FieldProblem[];
      currentVersion?: number;
      organizations?: { orgId: string; orgName: string; role: string }[];
    };
    throw new ApiError(
      res.status,
      p.detail ?? p.title ?? res.statusText,
      p.errors ?? [],
      p.currentVersion,
      Array.isArray(p.organizations) ? p.organizations : undefined,
    );
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) =>
    request<T>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
  post: <T>(path: string, json?: unknown, opts: Omit<RequestOptions, 'json'> = {}) =>
    request<T>('POST', path, { ...opts, ...(json !== undefined ? { json } : {}) }),
  put: <T>(path: string, json: unknown, opts: Omit<RequestOptions, 'json'> = {}) =>
    request<T>('PUT', path, { ...opts, json }),
  patch: <T>(path: string, json: unknown) => request<T>('PATCH', path, { json }),
  del: <T = void>(path: string, query?: RequestOptions['query']) => request<T>('DELETE', path, query ? { query } : {}),
};
