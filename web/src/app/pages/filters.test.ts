import { describe, expect, it } from 'vitest';
import {
  auditHref,
  caseApiQuery,
  caseExportQuery,
  caseFilterActive,
  findingApiQuery,
  findingsHref,
  obligationExportQuery,
  readFindingFilter,
  casesHref,
  dashboardHref,
  groupBy,
  hrefWith,
  obligationApiQuery,
  obligationsHref,
  readAuditFilter,
  readCaseFilter,
  readDashboardFilter,
  readObligationFilter,
} from './filters.ts';

const q = (s: string) => new URLSearchParams(s);
const E = '0b7c4d2e-1f3a-4b5c-8d9e-0a1b2c3d4e5f';

describe('the deadlines filter in the URL', () => {
  it('shows the open duties when no status is given', () => {
    const f = readObligationFilter(q(''));
    expect(f.status).toEqual(['overdue', 'due', 'upcoming']);
    expect(obligationApiQuery(f, 50)).toEqual({
      status: 'overdue,due,upcoming',
      kind: undefined,
      employer: undefined,
      case: undefined,
      dueFrom: undefined,
      dueTo: undefined,
      limit: 50,
      offset: undefined,
    });
    expect(obligationsHref(f)).toBe('/app/obligations');
  });
  it('keeps every status when asked for all, and sends no status filter', () => {
    const f = readObligationFilter(q('status=all'));
    expect(f.status).toEqual([]);
    expect(obligationApiQuery(f, 50).status).toBeUndefined();
    expect(obligationsHref(f)).toBe('/app/obligations?status=all');
  });
  it('round-trips every field', () => {
    const href = obligationsHref({
      status: ['done', 'overdue'],
      kind: 'salary-notification',
      employer: E,
      caseId: E,
      from: '2026-01-01',
      to: '2026-03-31',
      offset: 100,
    });
    expect(href).toBe(
      `/app/obligations?status=overdue,done&kind=salary-notification&employer=${E}&case=${E}&from=2026-01-01&to=2026-03-31&offset=100`,
    );
    const f = readObligationFilter(q(href.split('?')[1]!));
    expect(f).toEqual({
      status: ['overdue', 'done'],
      kind: 'salary-notification',
      employer: E,
      caseId: E,
      from: '2026-01-01',
      to: '2026-03-31',
      offset: 100,
    });
    expect(obligationApiQuery(f, 50)).toMatchObject({
      status: 'overdue,done',
      dueFrom: '2026-01-01',
      dueTo: '2026-03-31',
      case: E,
      offset: 100,
    });
  });
  it('drops what the API would refuse', () => {
    const f = readObligationFilter(
      q('status=late,due&employer=42&from=2026-02-30&to=tomorrow&kind=DROP%20TABLE&offset=-5&case=x'),
    );
    expect(f).toEqual({ status: ['due'], offset: 0 });
  });
});

describe('the cases filter in the URL', () => {
  it('round-trips and sorts by the next deadline by default (urgency first)', () => {
    expect(readCaseFilter(q(''))).toEqual({ sort: 'next-deadline', offset: 0 });
    const href = casesHref({ q: 'Чэнь', status: 'open', employer: E, stage: 'visa', sort: 'name', offset: 50 });
    const f = readCaseFilter(new URL(href, 'http://x').searchParams);
    expect(f).toEqual({ q: 'Чэнь', status: 'open', employer: E, stage: 'visa', sort: 'name', offset: 50 });
    expect(caseApiQuery(f, 50)).toMatchObject({
      q: 'Чэнь',
      status: 'open',
      employer: E,
      stage: 'visa',
      sort: 'name',
      limit: 50,
      offset: 50,
    });
    expect(casesHref({ sort: 'next-deadline' })).toBe('/app/cases');
    expect(casesHref({ sort: 'updated' })).toBe('/app/cases?sort=updated');
    // The default order is still sent: the API's own default is the last change.
    expect(caseApiQuery(readCaseFilter(q('')), 50).sort).toBe('next-deadline');
  });
  it('keeps the portfolio filters: assignee, eligibility, citizenship, finding kind, due', () => {
    const all = {
      assignee: 'me',
      eligibility: 'review',
      citizenship: 'CN',
      finding: 'salary-below-threshold',
      due: 30,
      sort: 'overdue',
      offset: 0,
    } as const;
    const href = casesHref(all);
    expect(href).toBe(
      '/app/cases?assignee=me&eligibility=review&citizenship=CN&finding=salary-below-threshold&due=30&sort=overdue',
    );
    const f = readCaseFilter(new URL(href, 'http://x').searchParams);
    expect(f).toEqual(all);
    expect(caseFilterActive(f)).toBe(true);
    expect(caseFilterActive(readCaseFilter(q('sort=name&offset=50')))).toBe(false);
    expect(caseApiQuery(f, 20)).toEqual({
      q: undefined,
      status: undefined,
      employer: undefined,
      stage: undefined,
      assignee: 'me',
      eligibility: 'review',
      citizenship: 'CN',
      finding: 'salary-below-threshold',
      due: 30,
      sort: 'overdue',
      limit: 20,
      offset: undefined,
    });
    const { limit: _l, offset: _o, ...filters } = caseApiQuery(f, 20);
    expect(caseExportQuery(f, 'csv', 'ru')).toEqual({ ...filters, format: 'csv', lang: 'ru' });
    expect(readCaseFilter(q(`assignee=${E}&due=overdue&citizenship=cn`))).toMatchObject({
      assignee: E,
      due: 'overdue',
      citizenship: 'CN',
    });
  });
  it('drops assignee, due, citizenship and finding values the API would refuse', () => {
    expect(
      readCaseFilter(q('assignee=someone&due=soon&citizenship=CHN&finding=Salary!&eligibility=maybe&sort=age')),
    ).toEqual({ sort: 'next-deadline', offset: 0 });
    expect(readCaseFilter(q('due=99999')).due).toBeUndefined();
    expect(readCaseFilter(q('due=-1')).due).toBeUndefined();
  });
  it('ignores unknown values', () => {
    expect(readCaseFilter(q('status=archived&sort=age&employer=abc&stage=Visa!'))).toEqual({
      sort: 'next-deadline',
      offset: 0,
    });
  });
});

describe('the audit filter in the URL', () => {
  it('round-trips with the cursor', () => {
    const href = auditHref({
      action: 'case.read',
      entity: 'case',
      entityId: 'abc',
      actor: E,
      since: '2026-04-01',
      until: '2026-04-30',
      cursor: 1234,
    });
    expect(readAuditFilter(new URL(href, 'http://x').searchParams)).toEqual({
      action: 'case.read',
      entity: 'case',
      entityId: 'abc',
      actor: E,
      since: '2026-04-01',
      until: '2026-04-30',
      cursor: 1234,
    });
    expect(readAuditFilter(q('cursor=&actor=me&since=yesterday'))).toEqual({});
    expect(readAuditFilter(q('cursor=0'))).toEqual({ cursor: 0 });
  });
});

describe('the dashboard view in the URL', () => {
  it('round-trips grouping and filters', () => {
    expect(readDashboardFilter(q(''))).toEqual({ group: 'none' });
    const href = dashboardHref({ group: 'kind', employer: E, kind: 'migration-registration' });
    expect(href).toBe(`/app?employer=${E}&kind=migration-registration&group=kind`);
    expect(readDashboardFilter(new URL(href, 'http://x').searchParams)).toEqual({
      group: 'kind',
      employer: E,
      kind: 'migration-registration',
    });
    expect(dashboardHref({ group: 'none' })).toBe('/app');
  });
});

describe('helpers', () => {
  it('leaves empty values out of links', () => {
    expect(hrefWith('/app/x', { a: '', b: undefined, c: null, d: 0, e: 'v w' })).toBe('/app/x?d=0&e=v+w');
  });
  it('groups rows keeping first-seen order', () => {
    const rows = [
      { k: 'b', i: 1 },
      { k: 'a', i: 2 },
      { k: 'b', i: 3 },
    ];
    expect(groupBy(rows, (r) => r.k)).toEqual([
      { key: 'b', items: [rows[0], rows[2]] },
      { key: 'a', items: [rows[1]] },
    ]);
  });
});

describe('the findings filter in the URL', () => {
  it('round-trips severity, kind, employer and the page', () => {
    const href = findingsHref({ severity: 'warning', code: 'name-mismatch', employer: E, offset: 100 });
    expect(href).toBe(`/app/findings?severity=warning&code=name-mismatch&employer=${E}&offset=100`);
    const f = readFindingFilter(new URL(href, 'http://x').searchParams);
    expect(f).toEqual({ severity: 'warning', code: 'name-mismatch', employer: E, offset: 100 });
    expect(findingApiQuery(f, 50, 'ru')).toEqual({
      severity: 'warning',
      code: 'name-mismatch',
      employer: E,
      lang: 'ru',
      limit: 50,
      offset: 100,
    });
  });
  it('drops what cannot be valid', () => {
    expect(readFindingFilter(q('severity=fatal&code=DROP&employer=1'))).toEqual({ offset: 0 });
    expect(findingsHref({})).toBe('/app/findings');
  });
});

describe('the deadlines export', () => {
  it('carries the list filters, not its page', () => {
    const f = readObligationFilter(q(`kind=salary-notification&employer=${E}&offset=50`));
    expect(obligationExportQuery(f, 'xlsx', 'en')).toEqual({
      status: 'overdue,due,upcoming',
      kind: 'salary-notification',
      employer: E,
      case: undefined,
      dueFrom: undefined,
      dueTo: undefined,
      format: 'xlsx',
      lang: 'en',
    });
  });
});
