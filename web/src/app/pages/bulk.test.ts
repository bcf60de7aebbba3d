import { describe, expect, it } from 'vitest';
import { previousQuarter, quarterOf, recentQuarters, refusalKind, summarize } from './bulk.ts';

describe('the quarters of a salary notification', () => {
  it('names the quarter of a date, at its edges too', () => {
    expect(quarterOf('2026-01-01')).toBe('2026-Q1');
    expect(quarterOf('2026-03-31')).toBe('2026-Q1');
    expect(quarterOf('2026-04-01')).toBe('2026-Q2');
    expect(quarterOf('2026-12-31')).toBe('2026-Q4');
  });
  it('steps back over a year', () => {
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4');
    expect(previousQuarter('2026-Q3')).toBe('2026-Q2');
  });
  it('suggests the quarter just ended, then offers the current one and earlier ones', () => {
    expect(recentQuarters('2026-02-10', 2)).toEqual({
      quarters: ['2026-Q1', '2025-Q4', '2025-Q3', '2025-Q2'],
      suggested: '2025-Q4',
    });
  });
});

describe('the answer of a bulk action, summed up', () => {
  it('counts the changed, the unchanged and names each refusal', () => {
    const s = summarize({
      action: 'assign',
      ok: 2,
      failed: 2,
      results: [
        { caseId: 'a', ok: true, changed: true, version: 2 },
        { caseId: 'b', ok: true, changed: false, version: 1 },
        { caseId: 'c', ok: false, problem: { status: 409, detail: 'changed meanwhile' } },
        { caseId: 'd', ok: false, problem: { status: 404, detail: 'no case' } },
      ],
    });
    expect(s).toEqual({
      changed: 1,
      unchanged: 1,
      done: ['a', 'b'],
      refused: [
        { caseId: 'c', kind: 'conflict', detail: 'changed meanwhile' },
        { caseId: 'd', kind: 'notFound', detail: 'no case' },
      ],
    });
  });
  it('words every status it may meet', () => {
    expect([403, 404, 409, 422, 500].map(refusalKind)).toEqual([
      'forbidden',
      'notFound',
      'conflict',
      'invalid',
      'other',
    ]);
  });
});
