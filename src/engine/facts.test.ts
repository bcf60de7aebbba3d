// readFacts files the events by type, each type's list ordered by date, then person, and only events equal in
// all of these by their whole content; a stable sort otherwise (equal events keep the order they were written
// in). Checked against that rule written out as a comparator over all the events (date, type, person, content)
// and read type by type, on event lists built to collide often, with dates and people the fast path does not cover.
import type { IsoDate } from '../calendar/date.ts';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Case, CaseEvent, Person } from '../case/index.ts';
import { readFacts } from './facts.ts';

function personOf(e: CaseEvent): string {
  return 'person' in e && e.person ? e.person : '';
}

function reference(a: CaseEvent, b: CaseEvent): number {
  if (a.on !== b.on) return a.on < b.on ? -1 : 1;
  if (a.type !== b.type) return a.type < b.type ? -1 : 1;
  const pa = personOf(a);
  const pb = personOf(b);
  if (pa !== pb) return pa < pb ? -1 : 1;
  const ja = JSON.stringify(a);
  const jb = JSON.stringify(b);
  return ja < jb ? -1 : ja > jb ? 1 : 0;
}

const person = (id: string, role: 'principal' | 'family'): Person =>
  ({
    id,
    role,
    name: { latin: id.toUpperCase() },
    sex: 'F',
    birthDate: '1990-01-01',
    citizenships: ['IN'],
  }) as unknown as Person;

/** Each type's list of the facts, as the reference order of all the events gives it. */
function expectByType(got: Map<string, CaseEvent[]>, events: CaseEvent[]): void {
  const expected = [...events].sort(reference);
  const types = new Set(expected.map((e) => e.type));
  expect([...got.keys()].sort()).toEqual([...types].sort());
  for (const type of types) {
    const want = expected.filter((e) => e.type === type);
    const list = got.get(type as CaseEvent['type']) ?? [];
    expect(list).toHaveLength(want.length);
    for (let i = 0; i < list.length; i++) expect(list[i]).toBe(want[i]);
  }
}

const PEOPLE = [person('p1', 'principal'), person('p2', 'family'), person('a-3', 'family')];

function kase(events: CaseEvent[]): Case {
  return { people: PEOPLE, employer: {}, contract: {}, events } as unknown as Case;
}

const date = fc.constantFrom('2025-01-31', '2025-02-01', '2024-12-31', '2025-01-31', '2026-07-07');
const oddDate = fc.constantFrom('2025-1-31', '2025/02/01', '20250201', '2025-02-01x');
const note = fc.option(fc.constantFrom('a', 'b', 'zz', 'é'), { nil: undefined });
const withNote = <T extends object>(e: T, n: string | undefined): T => (n === undefined ? e : { ...e, note: n });

const event = (on: fc.Arbitrary<string>): fc.Arbitrary<CaseEvent> =>
  fc.oneof(
    fc
      .tuple(on, fc.constantFrom('p1', 'p2', 'a-3'), note)
      .map(([d, p, n]) => withNote({ type: 'entry', on: d, person: p }, n) as CaseEvent),
    fc
      .tuple(on, fc.constantFrom('p1', 'p2', 'a-3'), note)
      .map(([d, p, n]) => withNote({ type: 'exit', on: d, person: p }, n) as CaseEvent),
    fc
      .tuple(on, fc.constantFrom('p1', 'p2'), note)
      .map(([d, p, n]) => withNote({ type: 'registered', on: d, person: p }, n) as CaseEvent),
    fc
      .tuple(
        on,
        fc.option(fc.constant('p1'), { nil: undefined }),
        fc.constantFrom('2025-Q1', '2025-01', '2024-Q4'),
        fc.integer({ min: 0, max: 3 }),
      )
      .map(
        ([d, p, period, amount]) =>
          (p === undefined
            ? { type: 'salary-paid', on: d, period, amount }
            : { type: 'salary-paid', on: d, person: p, period, amount }) as CaseEvent,
      ),
    fc.tuple(on, note).map(([d, n]) => withNote({ type: 'employer-registered', on: d }, n) as CaseEvent),
    fc
      .tuple(on, fc.constantFrom('salary', 'contract-concluded'))
      .map(([d, kind]) => ({ type: 'notification-filed', on: d, kind }) as CaseEvent),
  );

describe('readFacts: the order of events', () => {
  it('is the reference order (stable), on lists full of ties', () => {
    fc.assert(
      fc.property(fc.array(event(date), { maxLength: 40 }), (events) => {
        expectByType(readFacts(kase(events), '2999-12-31' as IsoDate).byType, events);
      }),
      { numRuns: 400, seed: 20261121 },
    );
  });

  it('is the reference order when some dates are not YYYY-MM-DD (the plain sort)', () => {
    fc.assert(
      fc.property(fc.array(event(fc.oneof(date, oddDate)), { minLength: 2, maxLength: 25 }), (events) => {
        expectByType(readFacts(kase(events), '2999-12-31' as IsoDate).byType, events);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('is the reference order when an event names someone the case does not list', () => {
    const events = [
      { type: 'salary-paid', on: '2025-03-01', person: 'zz', period: '2025-Q1', amount: 1 },
      { type: 'salary-paid', on: '2025-03-01', period: '2025-Q1', amount: 2 },
      { type: 'salary-paid', on: '2025-02-01', person: 'p1', period: '2025-Q1', amount: 3 },
    ] as CaseEvent[];
    expectByType(readFacts(kase(events), '2999-12-31' as IsoDate).byType, events);
  });

  it('files events under the person they name, or the principal', () => {
    const events = [
      { type: 'entry', on: '2025-03-01', person: 'p2' },
      { type: 'exit', on: '2025-02-01', person: 'p1' },
      { type: 'entry', on: '2025-01-01', person: 'p1' },
      { type: 'salary-paid', on: '2025-04-01', period: '2025-Q1', amount: 5 },
    ] as CaseEvent[];
    const f = readFacts(kase(events), '2999-12-31' as IsoDate);
    expect(f.people.get('p1')?.entries).toEqual(['2025-01-01']);
    expect(f.people.get('p1')?.exits).toEqual(['2025-02-01']);
    expect(f.people.get('p2')?.entries).toEqual(['2025-03-01']);
    expect(f.salaryPaid.map((e) => e.amount)).toEqual([5]);
  });
});
