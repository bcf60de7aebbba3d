// The filters of the list pages live in the URL query (shareable, back/forward work): each page reads
// its filter from the query, turns it into the API's query, and writes links with a changed filter.
// Values that cannot be valid (a malformed id or date) are dropped rather than sent, so a hand-edited
// URL shows the unfiltered list instead of an error. Pure (filters.test.ts).
import type { QueryOf } from '../../api.ts';
import { isIsoDate } from './format.ts';
import { isOneOf, OBLIGATION_STATUSES, OPEN_STATUSES, type ObligationStatus } from './vocab.ts';
import type { SheetLang } from '../../../../src/core/lang.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string | null | undefined): s is string => !!s && UUID.test(s);

type Query = Record<string, string | number | undefined | null>;

/** A path with a query of the given values (empty and absent ones left out, keys in the given order). */
export function hrefWith(path: string, q: Query): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') s.set(k, String(v));
  const str = s.toString().replace(/%2C/g, ',');
  return str ? `${path}?${str}` : path;
}

const str = (s: URLSearchParams, k: string): string | undefined => s.get(k)?.trim() || undefined;
const offsetOf = (s: URLSearchParams): number => {
  const n = Number(s.get('offset'));
  return Number.isInteger(n) && n > 0 && n <= 1_000_000_000 ? n : 0;
};
const uuid = (s: URLSearchParams, k: string) => {
  const v = str(s, k);
  return isUuid(v) ? v : undefined;
};
const date = (s: URLSearchParams, k: string) => {
  const v = str(s, k);
  return isIsoDate(v) ? v : undefined;
};

// ——— obligations (/app/obligations) ———

export interface ObligationFilter {
  /** The statuses shown; empty: every status. Absent from the URL: the open ones. */
  status: ObligationStatus[];
  kind?: string;
  employer?: string;
  caseId?: string;
  from?: string;
  to?: string;
  offset: number;
}

export function readObligationFilter(s: URLSearchParams): ObligationFilter {
  const raw = s.get('status');
  const status =
    raw === null
      ? [...OPEN_STATUSES]
      : raw.split(',').filter((x): x is ObligationStatus => isOneOf(OBLIGATION_STATUSES, x));
  const f: ObligationFilter = { status: OBLIGATION_STATUSES.filter((x) => status.includes(x)), offset: offsetOf(s) };
  const kind = str(s, 'kind');
  if (kind && /^[a-z-]+$/.test(kind)) f.kind = kind;
  const employer = uuid(s, 'employer');
  if (employer) f.employer = employer;
  const caseId = uuid(s, 'case');
  if (caseId) f.caseId = caseId;
  const from = date(s, 'from');
  if (from) f.from = from;
  const to = date(s, 'to');
  if (to) f.to = to;
  return f;
}

/** The API query of the obligations list (api.listObligations) for the filter. */
export function obligationApiQuery(f: ObligationFilter, limit: number): QueryOf<'listObligations'> {
  return {
    status: f.status.length && f.status.length < OBLIGATION_STATUSES.length ? f.status.join(',') : undefined,
    kind: f.kind,
    employer: f.employer,
    case: f.caseId,
    dueFrom: f.from,
    dueTo: f.to,
    limit,
    offset: f.offset || undefined,
  };
}

/** The obligations page with this filter (the status list written out unless it is the default). */
export function obligationsHref(f: Partial<ObligationFilter>): string {
  const status = f.status ?? [...OPEN_STATUSES];
  const isDefault = status.length === OPEN_STATUSES.length && OPEN_STATUSES.every((x) => status.includes(x));
  return hrefWith('/app/obligations', {
    status: isDefault ? undefined : OBLIGATION_STATUSES.filter((x) => status.includes(x)).join(',') || 'all',
    kind: f.kind,
    employer: f.employer,
    case: f.caseId,
    from: f.from,
    to: f.to,
    offset: f.offset || undefined,
  });
}

// ——— cases (/app/cases) ———

/** The orders of the case list; the first is the default (urgency first: the soonest deadline on top). */
export const CASE_SORTS = ['next-deadline', 'overdue', 'updated', 'name'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];
export const CASE_ELIGIBILITY = ['eligible', 'review', 'ineligible'] as const;
/** The "due within" choices the filter offers (any other N in the URL is kept and shown too). */
export const DUE_DAYS = [7, 14, 30, 90] as const;

export interface CaseFilter {
  q?: string;
  status?: 'open' | 'closed';
  employer?: string;
  stage?: string;
  /** me, none (unassigned) or a member's user id. */
  assignee?: string;
  eligibility?: (typeof CASE_ELIGIBILITY)[number];
  /** ISO 3166-1 alpha-2. */
  citizenship?: string;
  /** A finding code (the kind of finding). */
  finding?: string;
  /** overdue: an obligation is overdue; N: the next deadline within N days (or passed). */
  due?: 'overdue' | number;
  sort: CaseSort;
  offset: number;
}

export function readCaseFilter(s: URLSearchParams): CaseFilter {
  const sort = s.get('sort');
  const f: CaseFilter = { sort: isOneOf(CASE_SORTS, sort) ? sort : CASE_SORTS[0], offset: offsetOf(s) };
  const q = str(s, 'q');
  if (q) f.q = q.slice(0, 200);
  const status = s.get('status');
  if (status === 'open' || status === 'closed') f.status = status;
  const employer = uuid(s, 'employer');
  if (employer) f.employer = employer;
  const stage = str(s, 'stage');
  if (stage && /^[a-z-]{1,100}$/.test(stage)) f.stage = stage;
  const assignee = str(s, 'assignee');
  if (assignee === 'me' || assignee === 'none' || isUuid(assignee)) f.assignee = assignee;
  const eligibility = s.get('eligibility');
  if (isOneOf(CASE_ELIGIBILITY, eligibility)) f.eligibility = eligibility;
  const citizenship = str(s, 'citizenship')?.toUpperCase();
  if (citizenship && /^[A-Z]{2}$/.test(citizenship)) f.citizenship = citizenship;
  const finding = str(s, 'finding');
  if (finding && /^[a-z-]{1,100}$/.test(finding)) f.finding = finding;
  const due = str(s, 'due');
  if (due === 'overdue') f.due = due;
  else if (due && /^\d{1,4}$/.test(due) && Number(due) <= 3660) f.due = Number(due);
  return f;
}

/** Whether anything narrows the list (the sort and the page do not). */
export const caseFilterActive = (f: CaseFilter): boolean =>
  !!(
    f.q ||
    f.status ||
    f.employer ||
    f.stage ||
    f.assignee ||
    f.eligibility ||
    f.citizenship ||
    f.finding ||
    f.due !== undefined
  );

/** The filters of the list as the API takes them (GET /cases and GET /exports/cases share them). */
function caseFilterQuery(f: CaseFilter) {
  return {
    q: f.q,
    status: f.status,
    employer: f.employer,
    stage: f.stage,
    assignee: f.assignee,
    eligibility: f.eligibility,
    citizenship: f.citizenship,
    finding: f.finding,
    due: f.due,
    sort: f.sort,
  };
}

/** The API query of the cases list (api.listCases) for the filter. */
export function caseApiQuery(f: CaseFilter, limit: number): QueryOf<'listCases'> {
  return { ...caseFilterQuery(f), limit, offset: f.offset || undefined };
}

/** The export of the list as it is filtered and sorted (api.href('exportCases', …)). */
export function caseExportQuery(f: CaseFilter, format: 'xlsx' | 'csv', lang: SheetLang): QueryOf<'exportCases'> {
  return { ...caseFilterQuery(f), format, lang };
}

export function casesHref(f: Partial<CaseFilter>): string {
  return hrefWith('/app/cases', {
    q: f.q,
    status: f.status,
    employer: f.employer,
    stage: f.stage,
    assignee: f.assignee,
    eligibility: f.eligibility,
    citizenship: f.citizenship,
    finding: f.finding,
    due: f.due,
    sort: f.sort === CASE_SORTS[0] ? undefined : f.sort,
    offset: f.offset || undefined,
  });
}

// ——— findings (/app/findings) ———

export const FINDING_SEVERITIES = ['error', 'warning', 'info'] as const;

export interface FindingFilter {
  severity?: (typeof FINDING_SEVERITIES)[number];
  /** A finding code (the kind). */
  code?: string;
  employer?: string;
  offset: number;
}

export function readFindingFilter(s: URLSearchParams): FindingFilter {
  const f: FindingFilter = { offset: offsetOf(s) };
  const severity = s.get('severity');
  if (isOneOf(FINDING_SEVERITIES, severity)) f.severity = severity;
  const code = str(s, 'code');
  if (code && /^[a-z-]{1,100}$/.test(code)) f.code = code;
  const employer = uuid(s, 'employer');
  if (employer) f.employer = employer;
  return f;
}

export function findingApiQuery(f: FindingFilter, limit: number, lang: string): QueryOf<'listFindings'> {
  return {
    severity: f.severity,
    code: f.code,
    employer: f.employer,
    lang: lang === 'ru' || lang === 'zh' ? lang : 'en',
    limit,
    offset: f.offset || undefined,
  };
}

export function findingExportQuery(
  f: FindingFilter,
  format: 'xlsx' | 'csv',
  lang: SheetLang,
): QueryOf<'exportFindings'> {
  return { severity: f.severity, code: f.code, employer: f.employer, format, lang };
}

export function findingsHref(f: Partial<FindingFilter>): string {
  return hrefWith('/app/findings', {
    severity: f.severity,
    code: f.code,
    employer: f.employer,
    offset: f.offset || undefined,
  });
}

/** The deadlines' export with the list's filters (api.href('exportDeadlines', …)). */
export function obligationExportQuery(
  f: ObligationFilter,
  format: 'xlsx' | 'csv',
  lang: SheetLang,
): QueryOf<'exportDeadlines'> {
  const { limit: _limit, offset: _offset, ...rest } = obligationApiQuery(f, 1);
  return { ...rest, format, lang };
}

// ——— audit (/app/audit) ———

export interface AuditFilter {
  action?: string;
  entity?: string;
  entityId?: string;
  actor?: string;
  since?: string;
  until?: string;
  /** The `next` of the page before (older entries than that). */
  cursor?: number;
}

export function readAuditFilter(s: URLSearchParams): AuditFilter {
  const f: AuditFilter = {};
  const action = str(s, 'action');
  if (action && /^[a-z.-]{1,100}$/.test(action)) f.action = action;
  const entity = str(s, 'entity');
  if (entity && /^[a-z-]{1,50}$/.test(entity)) f.entity = entity;
  const entityId = str(s, 'entityId');
  if (entityId && entityId.length <= 100) f.entityId = entityId;
  const actor = uuid(s, 'actor');
  if (actor) f.actor = actor;
  const since = date(s, 'since');
  if (since) f.since = since;
  const until = date(s, 'until');
  if (until) f.until = until;
  const c = Number(s.get('cursor'));
  if (s.get('cursor') && Number.isSafeInteger(c) && c >= 0) f.cursor = c;
  return f;
}

export function auditHref(f: AuditFilter): string {
  return hrefWith('/app/audit', {
    action: f.action,
    entity: f.entity,
    entityId: f.entityId,
    actor: f.actor,
    since: f.since,
    until: f.until,
    cursor: f.cursor,
  });
}

// ——— dashboard (/app) ———

export type Grouping = 'none' | 'employer' | 'kind';

export interface DashboardFilter {
  employer?: string;
  kind?: string;
  group: Grouping;
}

export function readDashboardFilter(s: URLSearchParams): DashboardFilter {
  const g = s.get('group');
  const f: DashboardFilter = { group: g === 'employer' || g === 'kind' ? g : 'none' };
  const employer = uuid(s, 'employer');
  if (employer) f.employer = employer;
  const kind = str(s, 'kind');
  if (kind && /^[a-z-]+$/.test(kind)) f.kind = kind;
  return f;
}

export function dashboardHref(f: DashboardFilter): string {
  return hrefWith('/app', { employer: f.employer, kind: f.kind, group: f.group === 'none' ? undefined : f.group });
}

/** Groups rows by a key, keeping the first-seen order of the groups and the order of rows inside each. */
export function groupBy<T>(items: readonly T[], key: (x: T) => string): { key: string; items: T[] }[] {
  const out = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return [...out].map(([k, xs]) => ({ key: k, items: xs }));
}
