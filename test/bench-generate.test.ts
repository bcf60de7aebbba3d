// The benchmark's case generator (bench/generate.ts) and its json-rules-engine comparison
// (bench/jre-eligibility.ts): generated cases are valid, deterministic and varied; the JSON rules decide
// eligibility exactly as the same rules written against the law's own look-ups.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLaw } from '../src/law/node.ts';
import type { Law } from '../src/law/index.ts';
import { formatCaseErrors, isValidInn, parseCase, type Case } from '../src/case/index.ts';
import type { IsoDate } from '../src/calendar/date.ts';
import { CITIZENSHIP_MIX, DEFAULT_HORIZON, Rng, generateCase, generateCases } from '../bench/generate.ts';
import { createJreEligibility, eligibilityRules, referenceEligibility } from '../bench/jre-eligibility.ts';

const COUNT = 500;
let law: Law;
let cases: Case[];

beforeAll(() => {
  law = loadLaw();
  cases = [...generateCases(COUNT, { law })];
});

function principal(c: Case) {
  const p = c.people.find((x) => x.role === 'principal');
  if (p === undefined) throw new Error(`${c.id}: no principal`);
  return p;
}

describe('generated cases', () => {
  it(`${COUNT} cases parse with the real country and region tables`, () => {
    const tables = { countries: law.countries.codes, regions: law.regions.codes };
    const bad: string[] = [];
    for (const c of cases) {
      const r = parseCase(c, tables);
      if (!r.ok) bad.push(`${c.id}:\n${formatCaseErrors(r.errors)}`);
    }
    expect(bad).toEqual([]);
  });

  it('parse the same after a round trip through JSON text', () => {
    const tables = { countries: law.countries.codes, regions: law.regions.codes };
    for (const c of cases.slice(0, 50)) {
      const r = parseCase(JSON.stringify(c), { ...tables, format: 'json' });
      expect(r.ok && r.case).toEqual(c);
    }
  });

  it('are deterministic: case i depends only on the seed and i', () => {
    expect(generateCase(137, { law })).toEqual(cases[137]);
    expect(JSON.stringify(generateCase(0, { law, seed: 7 }))).toBe(JSON.stringify(generateCase(0, { law, seed: 7 })));
    expect(generateCase(0, { law, seed: 7 })).not.toEqual(generateCase(0, { law, seed: 8 }));
    expect(generateCase(1, { law })).not.toEqual(generateCase(2, { law }));
  });

  it('have valid, distinct-enough INNs', () => {
    const inns = new Set(cases.map((c) => c.employer.inn));
    for (const inn of inns) expect(isValidInn(inn), inn).toBe(true);
    expect(inns.size).toBeGreaterThan(COUNT * 0.9);
  });

  it('mix citizenships, family sizes, relations, employer kinds, salary periods and start years', () => {
    const citizenships = new Set(cases.map((c) => principal(c).citizenships[0]));
    for (const code of ['CN', 'IN', 'TR', 'DE', 'US', 'KZ', 'UZ', 'RS', 'BR', 'EG'])
      expect(citizenships, code).toContain(code);
    expect(new Set(cases.map((c) => c.people.length - 1))).toEqual(new Set([0, 1, 2, 3, 4]));
    const relations = new Set(cases.flatMap((c) => c.people.map((p) => p.relation)).filter((r) => r !== undefined));
    expect(relations).toEqual(new Set(['spouse', 'child', 'parent']));
    expect(new Set(cases.map((c) => c.employer.kind)).size).toBeGreaterThanOrEqual(7);
    expect(new Set(cases.map((c) => c.contract.occupation)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(cases.map((c) => c.contract.salary.per))).toEqual(new Set(['month', 'quarter', 'year']));
    expect(new Set(cases.map((c) => c.contract.start.slice(0, 4)))).toEqual(new Set(['2023', '2024', '2025', '2026']));
    // Children of various ages on the evaluation date: infants, school age, adults.
    const ages = cases.flatMap((c) =>
      c.people.filter((p) => p.relation === 'child').map((p) => 2026 - Number(p.birthDate.slice(0, 4))),
    );
    expect(Math.min(...ages)).toBeLessThanOrEqual(3);
    expect(ages.some((a) => a >= 7 && a <= 14)).toBe(true);
    expect(Math.max(...ages)).toBeGreaterThanOrEqual(19);
  });

  it('place salaries around and below the thresholds', () => {
    const outcomes = cases.map((c) => referenceEligibility(law, c, c.contract.start));
    const below = outcomes.filter((o) => o.codes.includes('salary-below-threshold')).length;
    expect(below).toBeGreaterThan(COUNT * 0.05);
    expect(below).toBeLessThan(COUNT * 0.4);
  });

  it('date no event after the horizon, and honour another horizon', () => {
    for (const c of cases)
      for (const e of c.events ?? []) expect(e.on <= DEFAULT_HORIZON, `${c.id} ${e.type} ${e.on}`).toBe(true);
    const early = '2024-06-30' as IsoDate;
    for (let i = 0; i < 50; i++) {
      for (const e of generateCase(i, { law, horizon: early }).events ?? []) expect(e.on <= early).toBe(true);
    }
  });

  it('give permits only to non-EAEU principals, and invitations and visas only to those the law requires them of', () => {
    let visas = 0;
    let eaeuPrincipals = 0;
    for (const c of cases) {
      const events = c.events ?? [];
      const eaeu = principal(c).citizenships.some((code) => law.countries.isEaeu(code, c.contract.start));
      if (eaeu) {
        eaeuPrincipals++;
        expect(
          events.filter((e) => e.type.startsWith('work-permit')),
          c.id,
        ).toEqual([]);
      }
      for (const e of events) {
        if (e.type !== 'visa-issued' && e.type !== 'invitation-issued') continue;
        visas++;
        const person = c.people.find((p) => p.id === e.person);
        expect(person, `${c.id}: ${e.type} for ${e.person}`).toBeDefined();
        const visaFree = person?.citizenships.some(
          (code) => law.countries.visaRequired(code, c.contract.start).workAllowedVisaFree,
        );
        expect(visaFree, `${c.id}: ${e.type} for ${e.person}`).toBe(false);
      }
    }
    expect(eaeuPrincipals).toBeGreaterThan(0);
    expect(visas).toBeGreaterThan(0);
  });

  it('have a first entry only after the invitation and visa for a visa national who comes from abroad', () => {
    for (const c of cases) {
      for (const p of c.people) {
        const mine = (c.events ?? []).filter((e) => 'person' in e && e.person === p.id);
        const firstEntry = mine
          .filter((e) => e.type === 'entry')
          .map((e) => e.on)
          .sort()[0];
        const visa = mine.find((e) => e.type === 'visa-issued');
        if (visa === undefined || firstEntry === undefined) continue;
        expect(visa.on <= firstEntry, `${c.id} ${p.id}`).toBe(true);
        const invitation = mine.find((e) => e.type === 'invitation-issued');
        expect(invitation !== undefined && invitation.on <= visa.on, `${c.id} ${p.id}`).toBe(true);
      }
    }
  });

  it('contain the event kinds the engine has to handle', () => {
    const types = new Set(cases.flatMap((c) => (c.events ?? []).map((e) => e.type)));
    for (const t of [
      'contract-signed',
      'work-permit-filed',
      'work-permit-issued',
      'work-permit-collected',
      'invitation-issued',
      'visa-issued',
      'entry',
      'exit',
      'registered',
      'salary-paid',
      'notification-filed',
      'rp-filed',
      'rp-issued',
      'contract-terminated',
      'insurance',
    ] as const) {
      expect(types, t).toContain(t);
    }
  });
});

describe('Rng', () => {
  it('stays in range and follows the weights', () => {
    const rng = new Rng(1);
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const n = rng.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
      const w = rng.weighted([
        ['a', 1],
        ['b', 3],
        ['never', 0],
      ] as const);
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    expect(counts.get('never')).toBeUndefined();
    const ratio = (counts.get('b') ?? 0) / (counts.get('a') ?? 1);
    expect(ratio).toBeGreaterThan(2.7);
    expect(ratio).toBeLessThan(3.3);
    expect(CITIZENSHIP_MIX.every(([, w]) => w > 0)).toBe(true);
  });
});

describe('json-rules-engine eligibility', () => {
  it('is built from every in-force threshold value plus the EAEU, bar, activity and currency rules', () => {
    const inForce = law
      .thresholdCategories()
      .reduce((n, p) => n + p.values.filter((v) => v.status === 'in-force').length, 0);
    expect(eligibilityRules(law).length).toBe(inForce + 4);
  });

  it(`decides as the plain TypeScript reference on ${COUNT} cases, on several dates`, async () => {
    const jre = createJreEligibility(law);
    const statuses = new Set<string>();
    const dates = ['2026-11-21', '2024-01-15', '2015-03-01'] as IsoDate[];
    for (const c of cases) {
      for (const on of dates) {
        const expected = referenceEligibility(law, c, on);
        statuses.add(expected.status);
        expect(await jre.evaluate(c, on), `${c.id} on ${on}`).toEqual(expected);
      }
    }
    expect(statuses).toEqual(new Set(['eligible', 'ineligible', 'review']));
  });

  it('changes with the date: the 2024 quarterly threshold replaces the monthly one', async () => {
    const jre = createJreEligibility(law);
    const base = cases.find(
      (c) =>
        c.employer.kind === 'commercial' &&
        c.contract.occupation === 'general' &&
        !principal(c).citizenships.some((x) => law.countries.isEaeu(x, '2026-01-01')),
    );
    expect(base).toBeDefined();
    const c: Case = structuredClone(base as Case);
    c.employer.illegalHiringPenaltyWithin2Years = false;
    c.employer.belowThresholdPenaltyWithin2Years = false;
    delete c.contract.currency;
    c.contract.salary = { amount: 200_000, per: 'month' }; // ≥ 167,000 a month, < 750,000 a quarter
    expect((await jre.evaluate(c, '2024-02-29' as IsoDate)).status).toBe('eligible');
    expect((await jre.evaluate(c, '2024-03-01' as IsoDate)).status).toBe('ineligible');
    c.contract.salary = { amount: 750_000, per: 'quarter' };
    expect((await jre.evaluate(c, '2024-03-01' as IsoDate)).status).toBe('eligible');
  });
});
