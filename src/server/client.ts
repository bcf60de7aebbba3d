// The typed client of the HQS Desk API: one function per route contract, named as the contract
// (`client.getCase({ id })`, `client.listCases({ query: { q } })`, `client.addEvent({ id, body })`), its path
// parameters, query, body and answer typed from the contract's zod schemas. Problem details become an
// ApiError naming each bad field; downloads come back as a Blob, and `href` gives a download's URL for a
// link. Used by the web app (web/src/api.ts adds the CSRF token) and by Node (tests, scripts).
//
// Types only are imported: the browser's bundle gets this file and the table of paths below, never the
// schemas. The compiler checks that table against the contracts (routes/contracts.ts): a route added,
// removed or moved there fails `npm run typecheck` until it is the same here.
import type { z } from 'zod';
import type { CaseText } from './contract.ts';
import type { Method } from './openapi.ts';
import type { ApiContracts, RouteName } from './routes/contracts.ts';

export type { ApiContracts, RouteName } from './routes/contracts.ts';
export type { CaseText } from './contract.ts';

type C = ApiContracts;

/** A success status the client answers with. */
type Ok = 200 | 201 | 202 | 204;
type Responses<D> = D extends { responses: infer R } ? R : never;
/** Whether the route answers with a file (a download) rather than JSON. */
type IsFile<D> = {
  [S in keyof Responses<D> & Ok]: Responses<D>[S] extends { schema: z.ZodType }
    ? never
    : Responses<D>[S] extends { contentType: string }
      ? true
      : never;
}[keyof Responses<D> & Ok];
type Entry<D> = D extends { method: infer M; path: infer P }
  ? [IsFile<D>] extends [never]
    ? readonly [M, P]
    : readonly [M, P, 'file']
  : never;

/** Method and path of every route (and 'file' for a download), checked against the contracts. */
const ROUTES = {
  getHealth: ['get', '/healthz'],
  getOpenApi: ['get', '/api/openapi.json'],
  getSetup: ['get', '/api/v1/setup'],
  setUp: ['post', '/api/v1/setup'],
  login: ['post', '/api/v1/auth/login'],
  getSession: ['get', '/api/v1/auth/session'],
  logout: ['post', '/api/v1/auth/logout'],
  changePassword: ['post', '/api/v1/auth/password'],
  getOrganization: ['get', '/api/v1/organization'],
  renameOrganization: ['patch', '/api/v1/organization'],
  listTokens: ['get', '/api/v1/tokens'],
  createToken: ['post', '/api/v1/tokens'],
  revokeToken: ['delete', '/api/v1/tokens/{id}'],
  listMembers: ['get', '/api/v1/members'],
  addMember: ['post', '/api/v1/members'],
  updateMember: ['patch', '/api/v1/members/{userId}'],
  removeMember: ['delete', '/api/v1/members/{userId}'],
  createInvitation: ['post', '/api/v1/invitations'],
  listInvitations: ['get', '/api/v1/invitations'],
  revokeInvitation: ['delete', '/api/v1/invitations/{id}'],
  lookupInvitation: ['post', '/api/v1/invitations/lookup'],
  acceptInvitation: ['post', '/api/v1/invitations/accept'],
  listEmployers: ['get', '/api/v1/employers'],
  createEmployer: ['post', '/api/v1/employers'],
  getEmployer: ['get', '/api/v1/employers/{id}'],
  replaceEmployer: ['put', '/api/v1/employers/{id}'],
  deleteEmployer: ['delete', '/api/v1/employers/{id}'],
  listCases: ['get', '/api/v1/cases'],
  createCase: ['post', '/api/v1/cases'],
  getCase: ['get', '/api/v1/cases/{id}'],
  replaceCase: ['put', '/api/v1/cases/{id}'],
  setCaseStatus: ['patch', '/api/v1/cases/{id}'],
  deleteCase: ['delete', '/api/v1/cases/{id}'],
  assignCase: ['put', '/api/v1/cases/{id}/assignee'],
  bulkCases: ['post', '/api/v1/cases/bulk'],
  exportCase: ['get', '/api/v1/cases/{id}/export'],
  addEvent: ['post', '/api/v1/cases/{id}/events'],
  correctEvent: ['put', '/api/v1/cases/{id}/events/{index}'],
  removeEvent: ['delete', '/api/v1/cases/{id}/events/{index}'],
  listPeople: ['get', '/api/v1/cases/{id}/people'],
  addPerson: ['post', '/api/v1/cases/{id}/people'],
  replacePerson: ['put', '/api/v1/cases/{id}/people/{personId}'],
  removePerson: ['delete', '/api/v1/cases/{id}/people/{personId}'],
  getCaseEvaluation: ['get', '/api/v1/cases/{id}/evaluation'],
  getChecklistPdf: ['get', '/api/v1/cases/{id}/checklist.pdf', 'file'],
  getLetter: ['get', '/api/v1/cases/{id}/letters/{file}', 'file'],
  getObligationsIcs: ['get', '/api/v1/cases/{id}/obligations.ics', 'file'],
  uploadDocument: ['post', '/api/v1/cases/{id}/documents'],
  listDocuments: ['get', '/api/v1/cases/{id}/documents'],
  getDocument: ['get', '/api/v1/documents/{id}'],
  getDocumentContent: ['get', '/api/v1/documents/{id}/content', 'file'],
  setDocumentShared: ['patch', '/api/v1/documents/{id}'],
  deleteDocument: ['delete', '/api/v1/documents/{id}'],
  listObligations: ['get', '/api/v1/obligations'],
  listFindings: ['get', '/api/v1/findings'],
  getDashboard: ['get', '/api/v1/dashboard'],
  exportCases: ['get', '/api/v1/exports/cases', 'file'],
  exportDeadlines: ['get', '/api/v1/exports/deadlines', 'file'],
  exportFindings: ['get', '/api/v1/exports/findings', 'file'],
  exportAudit: ['get', '/api/v1/exports/audit', 'file'],
  exportPortfolio: ['get', '/api/v1/exports/portfolio', 'file'],
  getImportTemplate: ['get', '/api/v1/imports/template', 'file'],
  startImport: ['post', '/api/v1/imports'],
  getImport: ['get', '/api/v1/imports/{id}'],
  listImportRows: ['get', '/api/v1/imports/{id}/rows'],
  remapImport: ['put', '/api/v1/imports/{id}/mapping'],
  commitImport: ['post', '/api/v1/imports/{id}/commit'],
  cancelImport: ['post', '/api/v1/imports/{id}/cancel'],
  discardImport: ['delete', '/api/v1/imports/{id}'],
  listImportMappings: ['get', '/api/v1/import-mappings'],
  saveImportMapping: ['post', '/api/v1/import-mappings'],
  listAudit: ['get', '/api/v1/audit'],
  evaluate: ['post', '/api/v1/evaluate'],
  getCaseChecklist: ['get', '/api/v1/cases/{id}/checklist'],
  setChecklistReview: ['put', '/api/v1/cases/{id}/checklist/{personId}/{document}'],
  getNextFilingPdf: ['get', '/api/v1/cases/{id}/next-filing/checklist.pdf', 'file'],
  getNextFilingScans: ['get', '/api/v1/cases/{id}/next-filing/scans.zip', 'file'],
  shareSelfCheck: ['post', '/api/v1/selfcheck/codes'],
  readSelfCheckCode: ['post', '/api/v1/selfcheck/codes/read'],
  redeemSelfCheckCode: ['post', '/api/v1/selfcheck/codes/redeem'],
  getMailStatus: ['get', '/api/v1/mail'],
  listOutbox: ['get', '/api/v1/outbox'],
  getReminderSettings: ['get', '/api/v1/account/reminders'],
  setReminderSettings: ['put', '/api/v1/account/reminders'],
  unsubscribeReminders: ['post', '/api/v1/reminders/unsubscribe'],
  requestPasswordReset: ['post', '/api/v1/auth/password-reset'],
  completePasswordReset: ['post', '/api/v1/auth/password-reset/complete'],
  getCalendarFeed: ['get', '/api/v1/account/calendar'],
  renewCalendarFeed: ['post', '/api/v1/account/calendar'],
  revokeCalendarFeed: ['delete', '/api/v1/account/calendar'],
  getCalendarFeedIcs: ['get', '/api/v1/calendar/{token}', 'file'],
} as const satisfies { readonly [K in RouteName]: Entry<C[K]> };

/** The method and path template of each route, by name (for tests and tools). */
export const ROUTE_PATHS: { readonly [K in RouteName]: readonly [Method, string, 'file'?] } = ROUTES;

// ——— what a call takes ———

/** A query value as written in a URL: a free string may also be given as a number or a boolean. */
type QueryValue<V> = V extends string ? (string extends V ? string | number | boolean : V) : V;
type QueryIn<T> = { [K in keyof T]?: QueryValue<T[K]> | null };

type ParamsPart<D> = D extends { params: infer P extends z.ZodType }
  ? { [K in keyof z.input<P>]: string | number }
  : unknown;
type QueryPart<D> = D extends { query: infer Q extends z.ZodType } ? { query?: QueryIn<z.input<Q>> } : unknown;
type BodyPart<D> = D extends { body: infer B }
  ? B extends { kind: 'json'; schema: infer S extends z.ZodType }
    ? { body: z.input<S> }
    : B extends { kind: 'case' }
      ? /** An hqs-case/1 document: a value (sent as JSON), or its text as JSON or YAML. */
        { body: object | CaseText }
      : B extends { kind: 'upload' }
        ? /** A form with `file`, `type`, `personId` (and `fileName`, `shared`), or the bytes with `query`. */
          { body: FormData | Blob }
        : unknown
  : unknown;

/** What a route's function takes: its path parameters by name, `query` and `body`. */
export type Input<K extends RouteName> = ParamsPart<C[K]> & QueryPart<C[K]> & BodyPart<C[K]>;

/** What it answers: the success response's schema as parsed, a Blob for a download, nothing for 204. */
export type Answer<K extends RouteName> = {
  [S in keyof Responses<C[K]> & Ok]: Responses<C[K]>[S] extends { schema: infer Sc extends z.ZodType }
    ? z.output<Sc>
    : Responses<C[K]>[S] extends { contentType: string }
      ? Blob
      : void;
}[keyof Responses<C[K]> & Ok];

export interface CallOptions {
  signal?: AbortSignal;
  /** More headers (If-Match, say). */
  headers?: Record<string, string>;
}

type Args<K extends RouteName> =
  Record<string, never> extends Input<K>
    ? [input?: Input<K>, options?: CallOptions]
    : [input: Input<K>, options?: CallOptions];

/** Routes read with GET: a link can name them (downloads). */
export type GetRoute = { [K in RouteName]: C[K] extends { method: 'get' } ? K : never }[RouteName];

/**
 * The client: a function per route. `Narrow` gives some routes a narrower answer type than their schema
 * (the web app: the engine's own Evaluation type where the schema keeps the evaluation open).
 */
export type Client<Narrow extends Partial<Record<RouteName, unknown>> = Record<never, never>> = {
  [K in RouteName]: (...args: Args<K>) => Promise<K extends keyof Narrow ? Narrow[K] : Answer<K>>;
} & {
  /** The URL of a GET route, for a link (a download the browser saves itself). */
  href<K extends GetRoute>(name: K, ...args: Args<K>): string;
};

export interface ClientOptions {
  /** Where the API is: '' (default) for the page's own origin, or `http://host:port`. */
  base?: string;
  fetch?: typeof fetch;
  /** Headers for every call by its method (the web app: the CSRF token on writes); undefined ones are left out. */
  headers?: (method: Method) => Record<string, string | undefined>;
  credentials?: RequestInit['credentials'];
}

// ——— errors ———

/** A bad field: `code` (and `params`) for the wording, `message` in English (docs/api.md "Problem codes"). */
export interface FieldProblem {
  path: string;
  message: string;
  code?: string;
  params?: Record<string, string | number>;
}

/** A refusal (problem details, RFC 9457) or no answer at all (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: readonly FieldProblem[] = [],
    readonly currentVersion?: number,
    /** A sign-in that must choose (409): the organizations to choose from. */
    readonly organizations?: readonly { orgId: string; orgName: string; role: string }[],
    /** The problem's stable code (`case.version-conflict`, `invalid`…); undefined without an answer. */
    readonly code?: string,
  ) {
    super(detail || `HTTP ${status}`);
  }
  /** The values the code's wording names (`passport.duplicate`: the other case). */
  params?: Record<string, unknown>;
  /** The problem of one field (exact path or a path under it). */
  field(path: string): string | undefined {
    return this.errors.find((e) => e.path === path || e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`))
      ?.message;
  }
}

// ——— the calls ———

/** A path with its query: values that are undefined, null or '' are left out. */
export function withQuery(path: string, query?: Record<string, unknown> | null): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

type Loose = Record<string, unknown> & { query?: Record<string, unknown> | null; body?: unknown };

/** The path of a route with its parameters filled in (each encoded) and its query. */
function pathOf(name: RouteName, input: Loose): string {
  const path = ROUTES[name][1].replace(/\{(\w+)\}/g, (_m, p: string) => {
    const v = input[p];
    if (v === undefined || v === null || v === '') throw new TypeError(`${name}: the path parameter ${p} is missing`);
    return encodeURIComponent(String(v));
  });
  return withQuery(path, input.query);
}

const isCaseText = (b: unknown): b is CaseText =>
  typeof b === 'object' &&
  b !== null &&
  typeof (b as CaseText).text === 'string' &&
  ((b as CaseText).format === 'json' || (b as CaseText).format === 'yaml');

export function createClient<Narrow extends Partial<Record<RouteName, unknown>> = Record<never, never>>(
  opts: ClientOptions = {},
): Client<Narrow> {
  const base = opts.base ?? '';
  const send = opts.fetch ?? ((url: string, init: RequestInit) => fetch(url, init));

  async function call(name: RouteName, input: Loose = {}, o: CallOptions = {}): Promise<unknown> {
    const [method, , kind] = ROUTES[name] as readonly [Method, string, 'file'?];
    const headers: Record<string, string> = { Accept: kind === 'file' ? '*/*' : 'application/json' };
    for (const [k, v] of Object.entries({ ...opts.headers?.(method), ...o.headers }))
      if (v !== undefined) headers[k] = v;
    let body: RequestInit['body'] | undefined;
    const b = input.body;
    if (b instanceof FormData || b instanceof Blob) body = b;
    else if (isCaseText(b)) {
      body = b.text;
      headers['Content-Type'] = b.format === 'yaml' ? 'application/yaml' : 'application/json';
    } else if (b !== undefined) {
      body = JSON.stringify(b);
      headers['Content-Type'] = 'application/json';
    }
    let res: Response;
    try {
      res = await send(base + pathOf(name, input), {
        method: method.toUpperCase(),
        headers,
        ...(opts.credentials ? { credentials: opts.credentials } : {}),
        ...(body !== undefined ? { body } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
      });
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      throw new ApiError(0, 'the server cannot be reached: check the connection and try again');
    }
    if (res.status === 204) return undefined;
    if (res.ok && kind === 'file') return res.blob();
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
        code?: string;
        currentVersion?: number;
        organizations?: { orgId: string; orgName: string; role: string }[];
      };
      const err = new ApiError(
        res.status,
        p.detail ?? p.title ?? res.statusText,
        p.errors ?? [],
        p.currentVersion,
        Array.isArray(p.organizations) ? p.organizations : undefined,
        typeof p.code === 'string' ? p.code : undefined,
      );
      const extra = data as { params?: unknown } | undefined;
      if (extra?.params && typeof extra.params === 'object') err.params = extra.params as Record<string, unknown>;
      throw err;
    }
    return data;
  }

  const client: Record<string, unknown> = {
    href: (name: RouteName, input: Loose = {}) => base + pathOf(name, input),
  };
  for (const name of Object.keys(ROUTES) as RouteName[])
    client[name] = (input?: Loose, o?: CallOptions) => call(name, input, o);
  return client as Client<Narrow>;
}
