import { describe, expect, it } from 'vitest';
import {
  auditHref,
  caseApiQuery,
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
  it('round-trips and sorts by last change by default', () => {
    expect(readCaseFilter(q(''))).toEqual({ sort: 'updated', offset: 0 });
    const href = casesHref({ q: 'Чэнь', status: 'open', employer: E, stage: 'visa', sort: 'name', offset: 50 });
    const f = readCaseFilter(new URL(href, 'http://x').searchParams);
    expect(f).toEqual({ q: 'Чэнь', status: 'open', employer: E, stage: 'visa', sort: 'name', offset: 50 });
    expect(caseApiQuery(f, 50)).toEqual({
      q: 'Чэнь',
      status: 'open',
      employer: E,
      stage: 'visa',
      sort: 'name',
      limit: 50,
      offset: 50,
    });
    expect(casesHref({ sort: 'updated' })).toBe('/app/cases');
  });
  it('ignores unknown values', () => {
    expect(readCaseFilter(q('status=archived&sort=age&employer=abc&stage=Visa!'))).toEqual({
      sort: 'updated',
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
