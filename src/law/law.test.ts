// The real law/ folder: it loads, every parameter is a clean timeline of cited values, and the named legal
// facts come out of the look-ups on the day before and the day of each change.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { IsoDate } from './citation.ts';
import { isRealIsoDate } from './citation.ts';
import { dayAfter, dayBefore } from './dates.ts';
import { EMPLOYER_KINDS, LawLookupError, OCCUPATIONS, RELATIONS, appliesInRegion, matchesCategory } from './index.ts';
import type { CategoryFacts, ParameterValue } from './index.ts';
import { DEFAULT_LAW_DIR, loadLaw, readLawFiles } from './node.ts';

const law = loadLaw();
const d = (s: string): IsoDate => s as IsoDate;
const sourcesOf = (v: ParameterValue | undefined): string[] => (v?.basis ?? []).flatMap((c) => [c.source, ...(c.amendedBy ? [c.amendedBy] : [])]);

describe('the law folder', () => {
  it('loads, with the research date as its version', () => {
    expect(law.version).toBe('2026-12-03');
    expect(law.parameters.length).toBeGreaterThanOrEqual(55);
    expect(loadLaw()).toBe(law); // cached per folder
  });

  it('skips law/calendar/ and reads every other YAML file with a law/… path', () => {
    const paths = readLawFiles().map((f) => f.path);
    expect(paths).toContain('law/sources.yaml');
    expect(paths).toContain('law/parameters/hqs/salary-threshold/general.yaml');
    expect(paths.some((p) => p.startsWith('law/calendar/'))).toBe(false);
  });

  it('registers every source the calendar conventions cite too (law/calendar is loaded by src/calendar)', () => {
    const conventions: unknown = parse(readFileSync(`${DEFAULT_LAW_DIR}/calendar/conventions.yaml`, 'utf8'));
    const cited = new Set<string>();
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n !== null && typeof n === 'object') {
        for (const [k, v] of Object.entries(n)) {
          if (k === 'basis' && Array.isArray(v)) for (const c of v) if (typeof c?.source === 'string') cited.add(c.source);
          walk(v);
        }
      }
    };
    walk(conventions);
    expect(cited.size).toBeGreaterThan(0);
    for (const id of cited) expect(() => law.source(id), id).not.toThrow();
  });
});

describe('every parameter', () => {
  for (const p of law.parameters) {
    it(`${p.id}: a gapless, cited timeline whose changes take effect on their day`, () => {
      expect(p.values.length + p.proposed.length).toBeGreaterThan(0);
      for (const v of [...p.values, ...p.proposed]) {
        expect(v.parameterId).toBe(p.id);
        expect(v.basis.length, `${p.id} values[${v.index}] basis`).toBeGreaterThan(0);
        for (const c of v.basis) {
          expect(() => law.source(c.source)).not.toThrow();
          if (c.amendedBy !== undefined) expect(() => law.source(c.amendedBy as string)).not.toThrow();
        }
        expect(isRealIsoDate(v.verified)).toBe(true);
        if (v.to !== undefined) expect(v.to >= v.from).toBe(true);
      }
      const vs = p.values;
      vs.forEach((v, k) => {
        expect(v.status).toBe('in-force');
        const prev = vs[k - 1];
        if (prev === undefined) {
          expect(law.valueAt(p.id, dayBefore(v.from))).toBeUndefined();
        } else {
          expect(prev.to, `${p.id}: values end where the next begins`).toBe(dayBefore(v.from));
          expect(law.valueAt(p.id, dayBefore(v.from))).toBe(prev);
        }
        expect(law.valueAt(p.id, v.from)).toBe(v);
        if (v.to !== undefined) expect(law.valueAt(p.id, v.to)).toBe(v);
      });
      const last = vs[vs.length - 1];
      if (last !== undefined && last.to === undefined) expect(law.valueAt(p.id, d('2100-01-01'))).toBe(last);
      for (const v of p.proposed) {
        expect(v.status).toBe('proposed');
        expect(law.valueAt(p.id, v.from, { includeProposed: true })).toBe(v);
        expect(law.valueAt(p.id, v.from)).not.toBe(v);
        expect(law.valueAt(p.id, dayBefore(v.from), { includeProposed: true })).not.toBe(v);
      }
      expect(law.changesOf(p.id)).toHaveLength(p.values.length + p.proposed.length);
    });
  }
});

describe('HQS salary threshold, general category (115-FZ art. 13.2 p.1 subp.3)', () => {
  const id = 'hqs.salary-threshold.general';

  it('2,000,000 RUB per year on 2015-04-23, the last day before the monthly threshold', () => {
    const v = law.numberAt(id, d('2015-04-23'));
    expect(v?.value).toBe(2_000_000);
    expect(v?.period).toBe('year');
    expect(law.numberAt(id, d('2010-07-01'))?.value).toBe(2_000_000);
    expect(law.numberAt(id, d('2010-06-30'))).toBeUndefined();
  });

  it('167,000 RUB per calendar month on 2024-02-29, citing 115-FZ as amended by 56-FZ', () => {
    const v = law.numberAt(id, d('2024-02-29'));
    expect(v?.value).toBe(167_000);
    expect(v?.period).toBe('calendar-month');
    expect(sourcesOf(v)).toEqual(expect.arrayContaining(['115-FZ', '56-FZ']));
    expect(v?.from).toBe('2015-04-24');
  });

  it('750,000 RUB per calendar quarter from 2024-03-01, citing 316-FZ; the Interior Ministry applies it to all of 2024-Q1', () => {
    const v = law.numberAt(id, d('2024-03-01'));
    expect(v?.value).toBe(750_000);
    expect(v?.period).toBe('calendar-quarter');
    expect(v?.firstPeriod).toBe('2024-Q1');
    expect(v?.confidence).toBe('high');
    expect(sourcesOf(v)).toContain('316-FZ');
    expect(law.numberAt(id, d('2026-11-21'))?.value).toBe(750_000);
  });

  it('the proposed 717,000 RUB per month from 2026-09-01 applies only when proposals are asked for', () => {
    expect(law.numberAt(id, d('2026-09-01'))?.value).toBe(750_000);
    const p = law.numberAt(id, d('2026-09-01'), { includeProposed: true });
    expect(p?.value).toBe(717_000);
    expect(p?.status).toBe('proposed');
    expect(p?.period).toBe('calendar-month');
    expect(sourcesOf(p)).toContain('Gov-Bill-2026-Migration');
    expect(law.numberAt(id, d('2026-08-31'), { includeProposed: true })?.value).toBe(750_000);
  });

  it('proposedAfter lists the 2026 proposals before they would take effect, and not after', () => {
    const ids = law.proposedAfter(d('2026-08-31')).map((v) => v.parameterId);
    expect(ids).toEqual(expect.arrayContaining([id, 'hqs.salary-threshold.medical-pedagogical-scientific']));
    expect(law.proposedAfter(d('2026-09-01'))).toHaveLength(0);
    expect(law.proposals.length).toBeGreaterThanOrEqual(2);
  });
});

describe('threshold categories', () => {
  const facts = (f: Partial<CategoryFacts>): CategoryFacts => ({ employerKind: 'commercial', occupation: 'general', regions: ['RU-MOW'], ...f });
  const at = (f: Partial<CategoryFacts>, date: string, includeProposed = false): Record<string, number | null> =>
    Object.fromEntries(law.applicableThresholds(facts(f), d(date), { includeProposed }).map((t) => [t.parameter.id.split('.').pop() as string, t.value.value]));

  it('lists every threshold with its category, in the case vocabularies', () => {
    const cats = law.thresholdCategories();
    expect(cats.map((p) => p.id.replace('hqs.salary-threshold.', ''))).toEqual([
      'crimea-sevastopol',
      'general',
      'international-medical-cluster',
      'it-accredited',
      'medical-pedagogical-scientific',
      'scientists-teachers',
      'sez-industrial-tourist-port',
      'sez-technology-innovation',
      'sirius',
      'skolkovo',
    ]);
    for (const p of cats) {
      for (const k of p.category.employerKinds ?? []) expect(EMPLOYER_KINDS).toContain(k);
      for (const o of p.category.occupations ?? []) expect(OCCUPATIONS).toContain(o);
    }
    expect(law.parameter('hqs.salary-threshold.general').category).toEqual({ general: true });
  });

  it('category conditions must all hold; general always does', () => {
    const base: CategoryFacts = { employerKind: 'science-education', occupation: 'scientist', regions: ['RU-MOW'] };
    expect(matchesCategory({ general: true }, { ...base, employerKind: 'other' })).toBe(true);
    expect(matchesCategory({ employerKinds: ['science-education'], occupations: ['scientist', 'teacher'] }, base)).toBe(true);
    expect(matchesCategory({ employerKinds: ['science-education'], occupations: ['teacher'] }, base)).toBe(false);
    expect(matchesCategory({ internationalMedicalCluster: true }, base)).toBe(false);
    expect(matchesCategory({ internationalMedicalCluster: true }, { ...base, internationalMedicalCluster: true })).toBe(true);
    expect(matchesCategory({ regions: ['RU-CR'] }, { ...base, regions: [] })).toBe(false);
  });

  it('a commercial employer in Moscow: only the general threshold', () => {
    expect(at({}, '2025-06-01')).toEqual({ general: 750_000 });
  });

  it('a scientist at a science-education employer: 83,500 a month besides the general one (monthly since 2015-04-24)', () => {
    expect(at({ employerKind: 'science-education', occupation: 'scientist' }, '2025-06-01')).toEqual({ general: 750_000, 'scientists-teachers': 83_500 });
    expect(at({ employerKind: 'science-education', occupation: 'teacher' }, '2015-04-23')['scientists-teachers']).toBe(1_000_000);
  });

  it('Skolkovo and Sirius: no salary requirement (null)', () => {
    expect(at({ employerKind: 'skolkovo' }, '2025-06-01').skolkovo).toBeNull();
    expect(at({ siriusPriorityArea: true }, '2025-06-01').sirius).toBeNull();
  });

  it('Crimea and Sevastopol apply only when all the work is there', () => {
    expect(at({ regions: ['RU-CR'] }, '2025-06-01')['crimea-sevastopol']).toBe(83_500);
    expect(at({ regions: ['RU-SEV', 'RU-CR'] }, '2025-06-01')['crimea-sevastopol']).toBe(83_500);
    expect(at({ regions: ['RU-CR', 'RU-MOW'] }, '2025-06-01')['crimea-sevastopol']).toBeUndefined();
  });

  it('special economic zones by type, and accredited IT (1,000,000 a year from 2014-06-24)', () => {
    expect(at({ employerKind: 'special-economic-zone', sezType: 'technology-innovation' }, '2025-06-01')['sez-technology-innovation']).toBe(58_500);
    expect(at({ employerKind: 'special-economic-zone', sezType: 'port' }, '2025-06-01')['sez-industrial-tourist-port']).toBe(83_500);
    expect(at({ employerKind: 'special-economic-zone' }, '2025-06-01')['sez-industrial-tourist-port']).toBeUndefined();
    expect(at({ employerKind: 'it-accredited' }, '2014-06-23')['it-accredited']).toBeUndefined();
    expect(at({ employerKind: 'it-accredited' }, '2014-06-24')['it-accredited']).toBe(1_000_000);
    expect(law.numberAt('hqs.salary-threshold.it-accredited', d('2024-03-01'))?.confidence).toBe('low-medium');
  });

  it('the proposed medical/teaching/research threshold appears only with proposals', () => {
    expect(at({ occupation: 'medical' }, '2026-10-01')['medical-pedagogical-scientific']).toBeUndefined();
    expect(at({ occupation: 'medical' }, '2026-10-01', true)).toEqual({ general: 717_000, 'medical-pedagogical-scientific': 358_500 });
  });

  it('the quarterly equivalent of a monthly threshold is 3 × the monthly amount (derived, low-medium)', () => {
    const f = law.numberAt('hqs.salary-threshold.monthly-quarter-factor', d('2025-01-01'));
    expect(f?.value).toBe(3);
    expect(f?.confidence).toBe('low-medium');
  });
});

describe('terms', () => {
  it('work permit: at most 3 years, decided in 14 working days, collected within 30 calendar days from 2024-01-07', () => {
    expect(law.numberAt('work-permit.max-term', d('2025-01-01'))).toMatchObject({ value: 3, counting: { kind: 'years' } });
    expect(law.numberAt('work-permit.decision-term', d('2025-01-01'))).toMatchObject({ value: 14, counting: { kind: 'working-days' } });
    expect(law.numberAt('work-permit.collection-deadline', d('2024-01-06'))).toBeUndefined();
    expect(law.numberAt('work-permit.collection-deadline', d('2024-01-07'))).toMatchObject({ value: 30, counting: { kind: 'calendar-days', shiftToNextWorkingDay: false } });
  });

  it('after termination: 30 working days to leave before 2024-01-07, 30 calendar days from that day', () => {
    const id = 'hqs.after-termination.departure-period';
    expect(law.numberAt(id, d('2024-01-06'))?.counting?.kind).toBe('working-days');
    expect(law.numberAt(id, d('2024-01-07'))?.counting?.kind).toBe('calendar-days');
    expect(law.numberAt('hqs.after-termination.new-contract-window', d('2024-01-07'))?.value).toBe(30);
  });

  it('registration: 3 working days before the 2011 change, 7 after; HQS and family 90 days after entry, 30 on moves', () => {
    expect(law.numberAt('registration.place-of-stay', d('2011-03-22'))?.value).toBe(3);
    expect(law.numberAt('registration.place-of-stay', d('2011-03-23'))?.value).toBe(7);
    expect(law.numberAt('registration.hqs-family-after-entry', d('2025-01-01'))?.value).toBe(90);
    expect(law.numberAt('registration.hqs-family-on-move', d('2025-01-01'))).toMatchObject({ value: 30, rule: 'per-stay' });
    expect(law.numberAt('registration.rp-holder', d('2025-01-01'))?.value).toBe(7);
  });

  it('employer notifications: 3 working days from 2015-01-01; salary notification by the last working day of the month after the quarter', () => {
    expect(law.numberAt('employer.notification-contract-concluded', d('2014-12-31'))).toBeUndefined();
    expect(law.numberAt('employer.notification-contract-concluded', d('2015-01-01'))?.value).toBe(3);
    expect(law.numberAt('employer.notification-contract-terminated', d('2015-01-01'))?.value).toBe(3);
    expect(law.codeAt('employer.salary-notification-due', d('2025-01-01'))?.value).toBe('last-working-day-of-month-after-quarter');
  });

  it('residence permits: absence limit counted consecutively before 2019-11-01, in total per calendar year from then', () => {
    expect(law.numberAt('rp.absence-limit', d('2019-10-31'))).toMatchObject({ value: 6, rule: 'consecutive' });
    expect(law.numberAt('rp.absence-limit', d('2019-11-01'))).toMatchObject({ value: 6, rule: 'total-per-calendar-year' });
    expect(law.numberAt('rp.processing-term', d('2019-10-31'))?.value).toBe(6);
    expect(law.numberAt('rp.processing-term', d('2019-11-01'))?.value).toBe(4);
    expect(law.numberAt('rp.general-validity', d('2019-11-01'))?.value).toBeNull();
    expect(law.numberAt('rp.hqs-indefinite-after', d('2024-01-06'))).toBeUndefined();
    expect(law.numberAt('rp.hqs-indefinite-after', d('2024-01-07'))?.value).toBe(2);
    expect(law.listAt('rp.book-replacement-ages', d('2025-01-01'))?.value).toEqual([14, 20, 45]);
    expect(law.numberAt('rp.book-replacement-deadline', d('2025-01-01'))?.confidence).toBe('medium');
    expect(law.codeAt('rp.hqs-term', d('2025-01-01'))?.value).toBe('same-as-work-permit');
  });

  it('visa-free stays: 90 days in any 180 until 2024-12-31, 90 days per calendar year from 2025-01-01', () => {
    expect(law.numberAt('stay.visa-free-limit', d('2024-12-31'))?.rule).toBe('within-any-180-days');
    expect(law.numberAt('stay.visa-free-limit', d('2025-01-01'))?.rule).toBe('total-per-calendar-year');
  });
});

describe('state duties (NK art. 333.28) and fines (KoAP art. 18.15)', () => {
  const rub = (id: string, date: string): number | null | undefined => law.numberAt(`duty.${id}`, d(date))?.value;

  it('work permit 3,500 → 4,200 on 2024-07-01; extension free → 4,200 on 2025-09-01', () => {
    expect([rub('work-permit-issue', '2024-06-30'), rub('work-permit-issue', '2024-07-01')]).toEqual([3500, 4200]);
    expect([rub('work-permit-extension', '2025-08-31'), rub('work-permit-extension', '2025-09-01')]).toEqual([0, 4200]);
    expect(rub('work-permit-duplicate', '2025-09-01')).toBe(2100);
  });

  it('invitation, visa, residence permit and registration duties with their history', () => {
    expect([rub('invitation', '2024-06-30'), rub('invitation', '2024-07-01')]).toEqual([800, 960]);
    expect([rub('visa-multiple-entry', '2024-06-30'), rub('visa-multiple-entry', '2024-07-01')]).toEqual([1600, 1920]);
    expect([rub('rp', '2024-06-30'), rub('rp', '2024-07-01')]).toEqual([5000, 6000]);
    expect([rub('registration-place-of-stay', '2025-08-31'), rub('registration-place-of-stay', '2025-09-01')]).toEqual([0, 500]);
    expect([rub('registration-place-of-residence', '2024-06-30'), rub('registration-place-of-residence', '2024-07-01'), rub('registration-place-of-residence', '2025-09-01')]).toEqual([350, 420, 1000]);
    expect(law.numberAt('duty.trp', d('2024-06-30'))).toMatchObject({ value: 1600, confidence: 'low' });
    expect(law.numberAt('duty.trp', d('2024-07-01'))).toMatchObject({ value: 1920, confidence: 'medium' });
  });

  it('fines for notification breaches: ranges by offender, higher in Moscow and St Petersburg', () => {
    expect(law.rangeAt('fines.koap-18-15-p3.legal-entity', d('2025-01-01'))?.value).toEqual({ min: 400_000, max: 800_000 });
    expect(law.rangeAt('fines.koap-18-15-p4.legal-entity', d('2025-01-01'))?.value).toEqual({ min: 400_000, max: 1_000_000 });
    const p3 = law.parameter('fines.koap-18-15-p3.official').regions;
    const p4 = law.parameter('fines.koap-18-15-p4.official').regions;
    expect(p4).toEqual({ only: ['RU-MOW', 'RU-SPE', 'RU-MOS', 'RU-LEN'] });
    for (const region of ['RU-MOW', 'RU-LEN', 'RU-TA', 'RU-CR']) expect(appliesInRegion(p3, region)).toBe(!appliesInRegion(p4, region));
    expect(appliesInRegion(undefined, 'RU-TA')).toBe(true);
  });
});

describe('tax', () => {
  it('HQS labour income: 13% flat until 2020, 13/15 above 5M from 2021, five steps from 2025', () => {
    const id = 'tax.hqs-labour-income-scale';
    expect(law.taxScaleAt(id, d('2020-12-31'))?.value).toEqual([{ upTo: null, rate: 13 }]);
    expect(law.taxScaleAt(id, d('2021-01-01'))?.value).toEqual([{ upTo: 5_000_000, rate: 13 }, { upTo: null, rate: 15 }]);
    expect(law.taxScaleAt(id, d('2025-01-01'))?.value?.map((b) => [b.upTo, b.rate])).toEqual([
      [2_400_000, 13],
      [5_000_000, 15],
      [20_000_000, 18],
      [50_000_000, 20],
      [null, 22],
    ]);
    expect(law.numberAt('tax.residency-days', d('2025-01-01'))).toMatchObject({ value: 183, rule: 'within-12-consecutive-months' });
  });
});

describe('family of an HQS', () => {
  it('seven relations, adoption included for children and parents, from 2011-02-15', () => {
    const def = law.familyDefinitionAt(d('2026-01-01'));
    expect(def?.relations.map((r) => r.relation)).toEqual([...RELATIONS]);
    expect(def?.relations.filter((r) => r.includesAdopted).map((r) => r.relation)).toEqual(['child', 'parent']);
    expect(law.familyDefinitionAt(d('2011-02-14'))).toBeUndefined();
    expect(def?.basis.map((c) => c.source)).toContain('115-FZ');
  });

  it('rights with their basis; the registration right points at the 90/30-day parameters', () => {
    const ids = law.family.rights.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['work', 'quota-exemption', 'study', 'visa', 'registration', 'residence-permit', 'indefinite-residence-permit']));
    const reg = law.family.rights.find((r) => r.id === 'registration');
    expect(reg?.parameters).toEqual(['registration.hqs-family-after-entry', 'registration.hqs-family-on-move']);
    for (const r of law.family.rights) for (const p of r.parameters) expect(law.hasParameter(p)).toBe(true);
  });
});

describe('sources and look-up errors', () => {
  it('every act once, with titles in Russian and English', () => {
    const s = law.source('316-FZ');
    expect(s).toMatchObject({ kind: 'federal-law', adopted: '2023-07-10', url: 'http://kremlin.ru/acts/bank/49511' });
    expect(law.source('115-FZ').title.ru).toContain('О правовом положении иностранных граждан');
    expect(law.source('Gov-Bill-2026-Migration')).toMatchObject({ kind: 'bill', submitted: '2026-02-21' });
  });

  it('a member of a source series is resolved with its country', () => {
    const s = law.source('bilateral-RU-AM');
    expect(s.series).toBe('bilateral-RU-{country}');
    expect(s.title.en).toContain('AM');
    expect(law.sources.has('legal-assistance-RU-CN')).toBe(true);
  });

  it('unknown ids and wrong kinds throw, naming what was asked', () => {
    expect(() => law.parameter('hqs.nope')).toThrow(LawLookupError);
    expect(() => law.valueAt('hqs.nope', d('2025-01-01'))).toThrow(/"hqs\.nope"/);
    expect(() => law.source('999-FZ')).toThrow(/"999-FZ"/);
    expect(() => law.numberAt('tax.hqs-labour-income-scale', d('2025-01-01'))).toThrow(/tax-scale/);
  });

  it('day arithmetic crosses months, years and leap days', () => {
    expect(dayBefore(d('2024-03-01'))).toBe('2024-02-29');
    expect(dayBefore(d('2025-01-01'))).toBe('2024-12-31');
    expect(dayAfter(d('2023-02-28'))).toBe('2023-03-01');
  });
});
