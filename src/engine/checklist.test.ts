// The checklist against the law data: legalization by the issuing country's treaties (a Hague country, a
// Minsk Convention country, a country of neither), the child's papers by age on the filing date, and the
// status of what the case records, by dates counted from the filing the plan expects.
import { readFileSync, readdirSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadLaw } from '../law/node.ts';
import { loadCalendar } from '../calendar/node.ts';
import { addDays, addMonths, addYears, type IsoDate } from '../calendar/date.ts';
import { parseCase, type Case } from '../case/index.ts';
import { boundary, createEngine } from './index.ts';
import { Ctx } from './context.ts';
import { readFacts } from './facts.ts';
import { checklistFindings, deriveChecklist, holdersOf } from './checklist.ts';
import { deriveGrounds } from './grounds.ts';
import type { ChecklistItem, PlanStep } from './types.ts';
import { renderChecklistItem } from '../i18n/index.ts';

const law = loadLaw();
const calendar = loadCalendar();
const engine = createEngine({ law, calendar });
const d = (s: string) => s as IsoDate;
const asOf = d('2026-03-02');

function kase(raw: unknown): Case {
  const r = parseCase(raw, { countries: law.countries.codes, regions: law.regions.codes });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.case;
}

function run(c: Case, on: IsoDate = asOf): { items: ChecklistItem[]; plan: PlanStep[]; ctx: Ctx } {
  const ev = engine.evaluate(c, on);
  const b = boundary({ law, calendar });
  const ctx = new Ctx(b.law, b.calendar, on, {});
  return { items: deriveChecklist(ctx, c, readFacts(c, ev.asOf), ev.plan), plan: ev.plan, ctx };
}

function filingOf(plan: readonly PlanStep[], id: string, person: string): IsoDate {
  const s = plan.find((x) => x.id === id && x.person === person);
  if (!s?.date) throw new Error(`no dated step ${id}/${person}`);
  return s.date;
}

const item = (items: readonly ChecklistItem[], person: string, procedure: string, document: string): ChecklistItem => {
  const i = items.find((x) => x.person === person && x.procedure === procedure && x.document === document);
  if (!i) throw new Error(`no checklist item ${person}/${procedure}/${document}`);
  return i;
};

const passport = (n: string, country: string, expires = '2034-01-01') => [
  { number: n, country, issued: '2024-01-02', expires },
];

interface Member {
  id: string;
  relation?: 'spouse' | 'child';
  citizenships: string[];
  birthDate?: string;
  passportExpires?: string;
}

/** An HQS in Moscow since May 2025 with the family who came along; the residence permits are still to file. */
function arrived(principal: Member, family: Member[], documents: unknown[] = []): Case {
  const everyone = [principal, ...family];
  return kase({
    format: 'hqs-case/1',
    employer: { name: 'ООО «Вектор»', inn: '7707083893', kind: 'commercial', hqsRegistered: '2024-11-01' },
    people: everyone.map((m, k) => ({
      id: m.id,
      role: k === 0 ? 'principal' : 'family',
      ...(m.relation ? { relation: m.relation } : {}),
      name: { latin: `PERSON ${m.id.toUpperCase()}` },
      birthDate: m.birthDate ?? '1985-06-15',
      citizenships: m.citizenships,
      passports: passport(`N${k}0000${k}`, m.citizenships[0] as string, m.passportExpires),
    })),
    contract: {
      kind: 'employment',
      position: 'Engineer',
      occupation: 'general',
      salary: { amount: 400000, per: 'month' },
      start: '2025-05-01',
      end: '2028-03-31',
      regions: ['RU-MOW'],
    },
    events: [
      { on: '2025-03-01', type: 'contract-signed' },
      { on: '2025-03-03', type: 'notification-filed', kind: 'contract-concluded' },
      { on: '2025-03-10', type: 'work-permit-filed' },
      { on: '2025-04-01', type: 'work-permit-issued', validUntil: '2028-03-31', regions: ['RU-MOW'] },
      { on: '2025-05-05', type: 'work-permit-collected' },
      ...everyone.flatMap((m) => [
        { on: '2025-04-02', type: 'invitation-issued', person: m.id, validUntil: '2025-07-01' },
        {
          on: '2025-04-20',
          type: 'visa-issued',
          person: m.id,
          validFrom: '2025-04-20',
          validUntil: '2028-03-31',
          entries: 'multiple',
        },
        { on: '2025-05-01', type: 'entry', person: m.id },
        { on: '2025-05-12', type: 'registered', person: m.id, until: '2028-03-31' },
      ]),
    ],
    documents,
  });
}

describe('checklist: legalization by the issuing country (Hague Convention, Minsk Convention, neither)', () => {
  const c = arrived({ id: 'p1', citizenships: ['DE'] }, [
    { id: 'de', relation: 'spouse', citizenships: ['DE'] },
    { id: 'kz', relation: 'spouse', citizenships: ['KZ'] },
    { id: 'ae', relation: 'spouse', citizenships: ['AE'] },
  ]);
  const { items, plan } = run(c);

  it('the countries table agrees on the three countries on the filing date', () => {
    const on = filingOf(plan, 'rp-filing', 'de');
    expect(law.countries.legalization('DE', on).kind).toBe('apostille');
    expect(law.countries.legalization('KZ', on).kind).toBe('none-minsk');
    expect(law.countries.legalization('AE', on).kind).toBe('consular-legalization');
  });

  it('a German marriage certificate needs an apostille, a Kazakh one nothing (Minsk), an Emirati one consular legalization', () => {
    expect(item(items, 'de', 'hqs-rp', 'marriage-certificate').requirement.legalization).toBe('apostille');
    expect(item(items, 'kz', 'hqs-rp', 'marriage-certificate').requirement.legalization).toBe('none-minsk');
    expect(item(items, 'ae', 'hqs-rp', 'marriage-certificate').requirement.legalization).toBe('consular-legalization');
    for (const p of ['de', 'kz', 'ae']) {
      const r = item(items, p, 'hqs-rp', 'marriage-certificate').requirement;
      expect(r.translation).toBe(true);
      expect(r.basis.length).toBeGreaterThan(1);
    }
  });

  it('the treaty basis comes with the requirement: Hague art. 3, Minsk art. 13, 154-FZ art. 27', () => {
    const sources = (p: string) =>
      item(items, p, 'hqs-rp', 'marriage-certificate').requirement.basis.map((b) => b.source);
    expect(sources('de')).toContain('Hague-Apostille-Convention');
    expect(sources('kz')).toContain('Minsk-Convention');
    expect(sources('ae')).toContain('154-FZ');
  });

  it('the document’s own issuing country decides over the person’s citizenship; a Russian document needs none', () => {
    const withDocs = arrived(
      { id: 'p1', citizenships: ['DE'] },
      [{ id: 'ae', relation: 'spouse', citizenships: ['AE'] }],
      [
        {
          type: 'marriage-certificate',
          person: 'ae',
          country: 'DE',
          issued: '2012-05-05',
          apostille: true,
          translated: true,
        },
      ],
    );
    expect(item(run(withDocs).items, 'ae', 'hqs-rp', 'marriage-certificate').requirement.legalization).toBe(
      'apostille',
    );
    const russian = arrived(
      { id: 'p1', citizenships: ['DE'] },
      [{ id: 'ae', relation: 'spouse', citizenships: ['AE'] }],
      [{ type: 'marriage-certificate', person: 'ae', country: 'RU', issued: '2012-05-05' }],
    );
    const r = item(run(russian).items, 'ae', 'hqs-rp', 'marriage-certificate').requirement;
    expect(r.legalization).toBe('none-domestic');
    expect(r.translation).toBe(false);
  });

  it('passports are never legalized; the permit and Russian documents are domestic', () => {
    expect(item(items, 'ae', 'hqs-rp', 'passport').requirement.legalization).toBe('not-applicable');
    expect(item(items, 'ae', 'hqs-rp', 'work-permit-card').requirement.legalization).toBe('none-domestic');
  });

  it('numbers each person’s index from 01 in the authority’s order and names the scans by it', () => {
    const mine = items.filter((i) => i.person === 'de' && i.procedure === 'hqs-rp');
    expect(mine.map((i) => i.requirement.order)).toEqual(mine.map((_, k) => k + 1));
    expect(mine[0]?.requirement.fileName).toBe('01_RP_Application.pdf');
    expect(item(items, 'de', 'hqs-rp', 'passport').requirement.fileName).toBe('02_Passport_Bio.pdf');
    expect(item(items, 'de', 'hqs-rp', 'photo').requirement.photo).toEqual({ widthMm: 35, heightMm: 45, count: 4 });
  });
});

describe('checklist: the child’s papers follow the age on the filing date', () => {
  // An Indian HQS (a visa national): from 14 a criminal-record certificate is asked for.
  const build = (birth: string) =>
    arrived({ id: 'p1', citizenships: ['IN'] }, [
      { id: 'c1', relation: 'child', citizenships: ['IN'], birthDate: birth },
      { id: 'c2', relation: 'child', citizenships: ['IN'], birthDate: '2016-02-10' },
    ]);
  const first = run(build('2013-01-01'));
  const filing = filingOf(first.plan, 'rp-filing', 'c1');
  // Turns 14 the day before the filing: 13 today, 14 when the papers are filed.
  const birth = addYears(addDays(filing, -1), -14);
  const c = build(birth);
  const { items, plan } = run(c);

  it('the child is 13 today and 14 on the filing date', () => {
    expect(filingOf(plan, 'rp-filing', 'c1')).toBe(filing);
    expect(filing > asOf).toBe(true);
    const child = c.people.find((p) => p.id === 'c1');
    if (!child) throw new Error('no child');
    const ctx = run(c).ctx;
    expect([...holdersOf(ctx, child, asOf)]).toEqual(['child-under-14']);
    expect([...holdersOf(ctx, child, filing)]).toEqual(['child-14-17']);
  });

  it('so the 14–17 papers are listed for them, and not for the sibling under 14', () => {
    const papers = (p: string) =>
      items.filter((i) => i.person === p && i.procedure === 'hqs-rp').map((i) => i.document);
    expect(papers('c1')).toContain('criminal-record-certificate');
    expect(papers('c2')).not.toContain('criminal-record-certificate');
    expect(papers('c1')).toContain('birth-certificate');
    expect(papers('c2')).toContain('birth-certificate');
    const r = item(items, 'c1', 'hqs-rp', 'criminal-record-certificate').requirement;
    expect(r.maxAgeMonths).toBe(3);
    expect(r.legalization).toBe('apostille');
  });

  it('a child who turns 14 the day after the filing still gets the papers for under 14', () => {
    const later = build(addYears(addDays(filing, 1), -14));
    const papers = run(later)
      .items.filter((i) => i.person === 'c1' && i.procedure === 'hqs-rp')
      .map((i) => i.document);
    expect(papers).not.toContain('criminal-record-certificate');
  });

  it('a Kazakh child (no visa needed to work) does not get the visa nationals’ certificate at 14', () => {
    const kz = arrived({ id: 'p1', citizenships: ['KZ'] }, [
      { id: 'c1', relation: 'child', citizenships: ['KZ'], birthDate: birth },
    ]);
    expect(
      run(kz)
        .items.filter((i) => i.person === 'c1')
        .map((i) => i.document),
    ).not.toContain('criminal-record-certificate');
  });
});

describe('checklist: status by dates counted from the filing the plan expects', () => {
  const base = arrived({ id: 'p1', citizenships: ['IN'] }, [{ id: 'p2', relation: 'spouse', citizenships: ['IN'] }]);
  const filing = filingOf(run(base).plan, 'rp-filing', 'p1');
  const docs = [
    // 4 months old at the filing: too old (issued no earlier than 3 months before).
    {
      type: 'criminal-record-certificate',
      person: 'p1',
      country: 'IN',
      issued: addMonths(filing, -4),
      apostille: true,
      translated: true,
    },
    // Usable until 10 days after the filing: expiring.
    { type: 'hiv-certificate', person: 'p1', issued: addDays(addMonths(filing, -3), 10) },
    // A month old: collected, usable for two more months.
    { type: 'drug-addiction-certificate', person: 'p1', issued: addMonths(filing, -1) },
    // Marriage certificate without the apostille it needs.
    { type: 'marriage-certificate', person: 'p2', country: 'IN', issued: '2015-02-02', translated: true },
  ];
  const spousePassportEnds = addMonths(filing, 3); // needs six months left on the filing date
  const c = kase({
    ...JSON.parse(JSON.stringify(base)),
    people: base.people.map((p) =>
      p.id === 'p2' ? { ...p, passports: passport('N10001', 'IN', spousePassportEnds) } : p,
    ),
    documents: docs,
  });
  const { items } = run(c);

  it('collected: in the case and usable for the filing, with the date it stops being usable', () => {
    const i = item(items, 'p1', 'hqs-rp', 'drug-addiction-certificate');
    expect(i.status).toBe('collected');
    expect(i.usableUntil).toBe(addMonths(addMonths(filing, -1), 3));
    expect(item(items, 'p1', 'hqs-rp', 'passport').status).toBe('collected');
  });

  it('missing: not in the case', () => {
    expect(item(items, 'p1', 'hqs-rp', 'rp-application').status).toBe('missing');
    expect(item(items, 'p1', 'hqs-rp', 'rp-application').usableUntil).toBeUndefined();
  });

  it('expired: older than 3 months on the filing date, and a passport without six months left', () => {
    const old = item(items, 'p1', 'hqs-rp', 'criminal-record-certificate');
    expect(old.status).toBe('expired');
    expect(old.usableUntil).toBe(addMonths(addMonths(filing, -4), 3));
    expect(renderChecklistItem(old, { lang: 'en', law }).why).toContain(filing);
    const pass = item(items, 'p2', 'hqs-rp', 'passport');
    expect(pass.status).toBe('expired');
    expect(pass.usableUntil).toBe(addMonths(spousePassportEnds, -6));
  });

  it('expiring: usable on the filing date but not 30 days later', () => {
    const i = item(items, 'p1', 'hqs-rp', 'hiv-certificate');
    expect(i.status).toBe('expiring');
    expect((i.usableUntil as IsoDate) >= filing).toBe(true);
    expect((i.usableUntil as IsoDate) < addDays(filing, 30)).toBe(true);
  });

  it('findings: the unusable passport is an error, the old certificate (a practice rule) a warning, the missing apostille a warning', () => {
    const findings = checklistFindings(c, items);
    const of = (code: string, person: string) => findings.filter((f) => f.code === code && f.people.includes(person));
    const rp = (f: { params?: { procedure?: unknown } }) => f.params?.procedure === 'hqs-rp';
    expect(
      of('document-unusable-at-filing', 'p2')
        .filter(rp)
        .map((f) => f.severity),
    ).toEqual(['error']);
    expect(
      of('document-unusable-at-filing', 'p1')
        .filter(rp)
        .map((f) => f.severity),
    ).toEqual(['warning']);
    expect(of('document-expiring-near-filing', 'p1').filter(rp)).toHaveLength(1);
    expect(of('document-legalization-missing', 'p2')).toHaveLength(1);
    expect(of('document-legalization-missing', 'p1')).toHaveLength(0);
  });

  it('a passport must outlast the permit for the visa: valid at filing but too short is expiring', () => {
    const abroad = kase({
      format: 'hqs-case/1',
      employer: { name: 'ООО «Вектор»', inn: '7707083893', kind: 'commercial', hqsRegistered: '2024-11-01' },
      people: [
        {
          id: 'p1',
          role: 'principal',
          name: { latin: 'RAHUL VERMA' },
          birthDate: '1991-07-22',
          citizenships: ['IN'],
          passports: passport('Z1', 'IN', '2028-06-30'),
        },
      ],
      contract: {
        kind: 'employment',
        position: 'Engineer',
        occupation: 'general',
        salary: { amount: 400000, per: 'month' },
        start: '2026-04-01',
        end: '2028-03-31',
        regions: ['RU-MOW'],
      },
      events: [
        { on: '2026-01-20', type: 'contract-signed' },
        { on: '2026-01-21', type: 'work-permit-filed' },
        { on: '2026-02-06', type: 'work-permit-issued', validUntil: '2028-03-31', regions: ['RU-MOW'] },
        { on: '2026-02-06', type: 'invitation-issued', person: 'p1', validUntil: '2026-05-06' },
      ],
    });
    const r = run(abroad);
    const visa = r.items.filter((i) => i.procedure === 'work-visa');
    expect(visa.slice(0, 4).map((i) => i.requirement.fileName)).toEqual([
      '01_Passport_Bio.pdf',
      '02_Visa_Form.pdf',
      '03_Photo.pdf',
      '04_Invitation_HQS.pdf',
    ]);
    const pass = item(r.items, 'p1', 'work-visa', 'passport');
    expect(pass.requirement.validUntilAtLeast).toBe('2028-09-30');
    expect(pass.status).toBe('expiring');
    expect(item(r.items, 'p1', 'work-visa', 'invitation').status).toBe('collected');
  });
});

describe('checklist and grounds for every example case', () => {
  const examples = readdirSync(new URL('../../examples/', import.meta.url)).filter((f) => f.endsWith('.yaml'));

  it.each(examples)(
    '%s: every item is cited, numbered and named; every person has a ground that applies or may',
    (file) => {
      const c = kase(parseYaml(readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8')));
      const on = (c.asOf as IsoDate | undefined) ?? d('2026-11-21');
      const { items, ctx } = run(c, on);
      expect(items.length).toBeGreaterThan(0);
      for (const i of items) {
        expect(i.requirement.basis.length, `${i.person}/${i.procedure}/${i.document}`).toBeGreaterThan(0);
        expect(i.requirement.fileName).toMatch(/^\d{2}_[A-Za-z0-9_]+\.pdf$/);
        expect(renderChecklistItem(i, { lang: 'en', law }).why.length).toBeGreaterThan(0);
      }
      const options = deriveGrounds(ctx, c, readFacts(c, ctx.asOf));
      for (const p of c.people)
        expect(
          options.some((g) => g.person === p.id && g.status !== 'not-applicable'),
          p.id,
        ).toBe(true);
    },
  );
});
