// Properties of evaluate() over generated valid cases (bench/generate.ts, seeded and deterministic) at
// dates from 2016 to 2027: windows never open after they close, done duties point at a real event, the
// result does not depend on the order events or family members are written in, every item says why and
// (where the law data gives one) on what basis, and evaluate never throws.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { loadLaw } from '../law/node.ts';
import { loadCalendar } from '../calendar/node.ts';
import { addDays, addYears, fromDayNumber, quarterBounds, toDayNumber, type IsoDate } from '../calendar/date.ts';
import type { Case, CaseEvent } from '../case/index.ts';
import { generateCase } from '../../bench/generate.ts';
import { createEngine, type Evaluation, type Obligation } from './index.ts';
import { renderEvaluation } from '../i18n/index.ts';

const law = loadLaw();
const engine = createEngine({ law, calendar: loadCalendar() });

const caseIndex = fc.integer({ min: 0, max: 100_000 });
const asOfDate = fc
  .integer({ min: toDayNumber('2016-01-01' as IsoDate), max: toDayNumber('2027-12-31' as IsoDate) })
  .map((n) => fromDayNumber(n));
const horizon = fc.constantFrom('2024-06-30', '2025-06-30', '2026-11-21').map((s) => s as IsoDate);

function gen(i: number, h: IsoDate): Case {
  return generateCase(i, { law, horizon: h });
}

const RUNS = { numRuns: 150, seed: 20261121 };

/** Which event types can satisfy an obligation of a kind. */
const SATISFIED_BY: Record<string, (o: Obligation, c: Case) => boolean> = {
  'contract-notification': (_o, c) =>
    ev(c).some((e) => e.type === 'notification-filed' && e.kind === 'contract-concluded'),
  'termination-notification': (_o, c) =>
    ev(c).some((e) => e.type === 'notification-filed' && e.kind === 'contract-terminated'),
  'salary-notification': (o, c) =>
    ev(c).some(
      (e) => e.type === 'notification-filed' && e.kind === 'salary' && `salary-notification:${e.period}` === o.id,
    ),
  'migration-registration': (o, c) =>
    ev(c).some((e) => e.type === 'registered' && personOf(e, c) === o.person && e.on === o.doneOn),
  'rp-registration': (o, c) =>
    ev(c).some((e) => e.type === 'registered' && personOf(e, c) === o.person && e.on === o.doneOn),
  'work-permit-collection': (o, c) => ev(c).some((e) => e.type === 'work-permit-collected' && e.on === o.doneOn),
  'work-permit-extension': (o, c) => ev(c).some((e) => e.type === 'work-permit-extension-filed' && e.on === o.doneOn),
  'rp-annual-notification': (o, c) =>
    ev(c).some((e) => e.type === 'rp-annual-notification-filed' && personOf(e, c) === o.person && e.on === o.doneOn),
  'rp-book-replacement': (o, c) =>
    ev(c).some((e) => e.type === 'rp-issued' && personOf(e, c) === o.person && e.on === o.doneOn),
  'leave-or-new-contract': (o, c) =>
    ev(c).some(
      (e) => (e.type === 'contract-signed' || (e.type === 'exit' && personOf(e, c) === o.person)) && e.on === o.doneOn,
    ),
  // A passport duty is met by a newer passport: a renewal event on that day, or a later passport issued then.
  'passport-validity': (o, c) =>
    ev(c).some((e) => e.type === 'passport-renewed' && personOf(e, c) === o.person && e.on === o.doneOn) ||
    (c.people.find((p) => p.id === o.person)?.passports ?? []).some((x) => x.issued === o.doneOn),
  // The absence limit is "done" when a calendar year ends within the limit: no event.
  'rp-absence-limit': (o) => o.doneOn === o.due,
};

function ev(c: Case): CaseEvent[] {
  return c.events ?? [];
}
function personOf(e: CaseEvent, c: Case): string {
  return ('person' in e && e.person) || (c.people.find((p) => p.role === 'principal')?.id as string);
}

function shuffle<T>(xs: readonly T[], rnd: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

function mulberry(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The same case k years earlier: every date, month and quarter moved back (to reach 2016–2022 law). */
function shiftBack(c: Case, k: number): Case {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return addYears(v as IsoDate, -k);
      if (/^\d{4}-(Q[1-4]|\d{2})$/.test(v)) return `${Number(v.slice(0, 4)) - k}${v.slice(4)}`;
      return v;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([key, x]) => [key, walk(x)]));
    return v;
  };
  return walk(c) as Case;
}

describe('evaluate: properties over generated cases (2016–2027)', () => {
  it('never throws on cases moved back into 2015–2022 (the 167,000/month law, the consecutive RP absence rule)', () => {
    fc.assert(
      fc.property(caseIndex, horizon, fc.integer({ min: 1, max: 8 }), asOfDate, (i, h, k, asOf) => {
        const c = shiftBack(gen(i, h), k);
        const r = engine.evaluate(c, asOf);
        for (const o of r.obligations) expect(o.window.from <= o.due, o.id).toBe(true);
      }),
      RUNS,
    );
  });

  it('never throws, and returns the hqs-evaluation/1 shape', () => {
    fc.assert(
      fc.property(caseIndex, horizon, asOfDate, (i, h, asOf) => {
        const r: Evaluation = engine.evaluate(gen(i, h), asOf);
        expect(r.format).toBe('hqs-evaluation/1');
        expect(r.asOf).toBe(asOf);
        expect(r.plan.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('no window opens after it closes; registrations open on the entry, salary notifications the day after the quarter', () => {
    fc.assert(
      fc.property(caseIndex, horizon, asOfDate, (i, h, asOf) => {
        const c = gen(i, h);
        const r = engine.evaluate(c, asOf);
        for (const o of r.obligations) {
          expect(o.window.from <= o.window.to, `${o.id}: ${o.window.from} > ${o.window.to}`).toBe(true);
          expect(o.window.to).toBe(o.due);
          if (o.kind === 'migration-registration' && !o.id.includes(':move:')) {
            const entry = o.id.slice(o.id.lastIndexOf(':') + 1);
            expect(o.window.from, o.id).toBe(entry);
            expect(
              ev(c).some((e) => e.type === 'entry' && personOf(e, c) === o.person && e.on === entry),
              `${o.id}: an entry on ${entry}`,
            ).toBe(true);
          }
          if (o.kind === 'salary-notification') {
            const q = o.id.slice('salary-notification:'.length);
            expect(o.window.from, o.id).toBe(addDays(quarterBounds(q).to, 1));
            expect(o.due.slice(0, 7), o.id).toBe(o.window.from.slice(0, 7));
          }
        }
      }),
      RUNS,
    );
  });

  it('every done obligation has doneOn (on or before the date) and an event of the matching type', () => {
    fc.assert(
      fc.property(caseIndex, horizon, asOfDate, (i, h, asOf) => {
        const c = gen(i, h);
        const r = engine.evaluate(c, asOf);
        for (const o of r.obligations) {
          if (o.status !== 'done') continue;
          expect(o.doneOn, `${o.id} done without doneOn`).toBeDefined();
          const check = SATISFIED_BY[o.kind];
          expect(check, `no rule for ${o.kind}`).toBeDefined();
          expect(check?.(o, c), `${o.id}: done on ${o.doneOn} without a matching event`).toBe(true);
          if (o.kind !== 'rp-absence-limit') expect((o.doneOn as IsoDate) <= asOf, o.id).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('the result does not depend on the order of events', () => {
    fc.assert(
      fc.property(caseIndex, horizon, asOfDate, fc.integer(), (i, h, asOf, seed) => {
        const c = gen(i, h);
        const shuffled: Case = { ...c, events: shuffle(ev(c), mulberry(seed)) };
        expect(JSON.stringify(engine.evaluate(shuffled, asOf))).toBe(JSON.stringify(engine.evaluate(c, asOf)));
      }),
      RUNS,
    );
  });

  it('the result does not depend on the order of the people after the principal', () => {
    fc.assert(
      fc.property(caseIndex, horizon, asOfDate, fc.integer(), (i, h, asOf, seed) => {
        const c = gen(i, h);
        const principal = c.people.filter((p) => p.role === 'principal');
        const family = c.people.filter((p) => p.role !== 'principal');
        fc.pre(family.length >= 2);
        const shuffled: Case = { ...c, people: [...principal, ...shuffle(family, mulberry(seed))] };
        const a = engine.evaluate(c, asOf);
        const b = engine.evaluate(shuffled, asOf);
        // The plan lists each person's steps in the order the case lists the people (a presentation
        // choice: the manager's own order); what each person's steps say must not change.
        // The same holds for the checklist and the residence grounds, listed person by person.
        const order = <T extends { person: string }>(list: readonly T[] | undefined) =>
          JSON.stringify([...(list ?? [])].sort((x, y) => (x.person < y.person ? -1 : x.person > y.person ? 1 : 0)));
        expect(order(b.plan)).toBe(order(a.plan));
        expect(order(b.checklist)).toBe(order(a.checklist));
        expect(order(b.grounds)).toBe(order(a.grounds));
        // Findings are sorted by severity only, so within a severity they follow the people's order too
        // (reported to the lead: sort by code and people as well for a fully order-free result).
        const findings = (e: Evaluation) => e.findings.map((f) => JSON.stringify(f)).sort();
        expect(findings(b)).toEqual(findings(a));
        const rest = (e: Evaluation) => JSON.stringify({ ...e, plan: [], findings: [], checklist: [], grounds: [] });
        expect(rest(b)).toBe(rest(a));
      }),
      RUNS,
    );
  });

  it('every obligation and plan step says why and has a basis, except steps whose rule had no law value on the date', () => {
    const missing = new Set<string>();
    fc.assert(
      fc.property(caseIndex, horizon, asOfDate, (i, h, asOf) => {
        // The words of `why` and `message` are the renderer's: each item has them in English.
        const r = renderEvaluation(engine.evaluate(gen(i, h), asOf), { lang: 'en', law });
        for (const o of r.obligations) {
          expect(o.why.trim().length, `${o.id}.why`).toBeGreaterThan(0);
          if (o.basis.length === 0) missing.add(`obligation ${o.kind}`);
        }
        for (const s of r.plan) {
          expect(s.why.trim().length, `${s.id}/${s.person}.why`).toBeGreaterThan(0);
          if (s.basis.length === 0 && s.status !== 'not-applicable') missing.add(`plan ${s.id}`);
        }
        for (const reason of r.eligibility.reasons) expect(reason.message.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
    // Known gaps (reported to the lead): the plan step cites only the parameter of its term, and that
    // parameter has no value before the law created the term — work-permit.collection-deadline before
    // 2024-01-07, registration.rp-holder before 2019-11-01 — so the step is left with no basis at all
    // (it should cite 115-FZ art. 13.2 / 109-FZ for the step itself). Any other item without a basis fails.
    const allowed = new Set(['plan work-permit-collection', 'plan rp-registration']);
    expect([...missing].filter((m) => !allowed.has(m))).toEqual([]);
  });
});
