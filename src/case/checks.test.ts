// Every cross-field rule of the case file, each with a case that breaks it (the error names the path) and
// a nearby case that satisfies it (no error). The passing variant is close to the failing one on purpose,
// so the rule's boundary is what is tested.
import { describe, expect, it } from 'vitest';
import { formatCaseErrors, parseCase } from './parse.ts';
import { crossFieldIssues } from './checks.ts';
import { at, validCase } from './fixtures/cases.ts';
import { TABLES } from './fixtures/tables.ts';

type C = Record<string, unknown>;

interface Rule {
  rule: string;
  /** Breaks the rule in a valid case. */
  fail: (c: C) => void;
  path: string;
  message: string | RegExp;
  /** Satisfies the rule at its boundary (the case must stay valid). */
  pass: (c: C) => void;
}

const events = (c: C): C[] => c.events as C[];
const people = (c: C): C[] => c.people as C[];

const rules: Rule[] = [
  {
    rule: 'the INN check digit matches (10 digits)',
    fail: (c) => (at(c, 'employer').inn = '7707083894'),
    path: 'employer.inn',
    message: 'checksum does not match (7707083894)',
    pass: (c) => (at(c, 'employer').inn = '7736050003'),
  },
  {
    rule: 'the INN check digits match (12 digits)',
    fail: (c) => (at(c, 'employer').inn = '500100732258'),
    path: 'employer.inn',
    message: 'checksum does not match (500100732258)',
    pass: (c) => (at(c, 'employer').inn = '500100732259'),
  },
  {
    rule: 'a citizenship is a known country',
    fail: (c) => (at(c, 'people', 1).citizenships = ['CN', 'XX']),
    path: 'people[1].citizenships[1]',
    message: 'unknown country code "XX" (expected ISO 3166-1 alpha-2)',
    pass: (c) => (at(c, 'people', 1).citizenships = ['CN', 'KZ']),
  },
  {
    rule: 'UK is suggested as GB',
    fail: (c) => (at(c, 'people', 0).residenceCountry = 'UK'),
    path: 'people[0].residenceCountry',
    message: 'unknown country code "UK" (expected ISO 3166-1 alpha-2); did you mean "GB"?',
    pass: (c) => (at(c, 'people', 0).residenceCountry = 'GB'),
  },
  {
    rule: 'a passport country is a known country',
    fail: (c) => (at(c, 'people', 0, 'passports', 0).country = 'QQ'),
    path: 'people[0].passports[0].country',
    message: 'unknown country code "QQ" (expected ISO 3166-1 alpha-2)',
    pass: (c) => (at(c, 'people', 0, 'passports', 0).country = 'TR'),
  },
  {
    rule: 'a document country is a known country',
    fail: (c) => (at(c, 'documents', 1).country = 'ZZ'),
    path: 'documents[1].country',
    message: /^unknown country code "ZZ"/,
    pass: (c) => (at(c, 'documents', 1).country = 'US'),
  },
  {
    rule: 'a contract region is a known region',
    fail: (c) => (at(c, 'contract').regions = ['RU-MOW', 'RU-XYZ']),
    path: 'contract.regions[1]',
    message: 'unknown region code "RU-XYZ" (expected ISO 3166-2:RU, e.g. "RU-MOW")',
    pass: (c) => (at(c, 'contract').regions = ['RU-MOW', 'RU-TA']),
  },
  {
    rule: "the employer's region is a known region",
    fail: (c) => (at(c, 'employer').region = 'RU-QQ'),
    path: 'employer.region',
    message: /^unknown region code "RU-QQ"/,
    pass: (c) => (at(c, 'employer').region = 'RU-SPE'),
  },
  {
    rule: "a permit's region is a known region",
    fail: (c) => (at(c, 'events', 1).regions = ['RU-ZZZ']),
    path: 'events[1].regions[0]',
    message: /^unknown region code "RU-ZZZ"/,
    pass: (c) => (at(c, 'events', 1).regions = ['RU-LEN']),
  },
  {
    rule: 'dates are real (29 February only in a leap year)',
    fail: (c) => (at(c, 'people', 0).birthDate = '1987-02-29'),
    path: 'people[0].birthDate',
    message: 'not a real date (1987-02-29)',
    pass: (c) => (at(c, 'people', 0).birthDate = '1988-02-29'),
  },
  {
    rule: 'contract.end is after contract.start',
    fail: (c) => (at(c, 'contract').end = '2026-04-01'),
    path: 'contract.end',
    message: 'must be after contract.start (2026-04-01)',
    pass: (c) => (at(c, 'contract').end = '2026-04-02'),
  },
  {
    rule: 'there is a principal',
    fail: (c) => (at(c, 'people', 0).role = 'family'),
    path: 'people',
    message: 'no principal: exactly one person needs role: principal',
    pass: () => undefined,
  },
  {
    rule: 'there is only one principal',
    fail: (c) => {
      const p = at(c, 'people', 2);
      p.role = 'principal';
      delete p.relation;
    },
    path: 'people[2].role',
    message: 'a second principal (people[0] is the principal); a case has exactly one',
    pass: (c) => (at(c, 'people', 2).role = 'family'),
  },
  {
    rule: 'person ids are unique',
    fail: (c) => (at(c, 'people', 2).id = 'p2'),
    path: 'people[2].id',
    message: 'duplicate id "p2" (also people[1].id)',
    pass: (c) => {
      // Ids are case-sensitive: P3 and p3 are two people.
      at(c, 'people', 1).id = 'P3';
      at(c, 'events', 9).person = 'P3';
    },
  },
  {
    rule: "an event's person exists",
    fail: (c) => (at(c, 'events', 4).person = 'p9'),
    path: 'events[4].person',
    message: 'no person with id "p9" (known ids: p1, p2, p3)',
    pass: (c) => (at(c, 'events', 4).person = 'p3'),
  },
  {
    rule: "a document's person exists",
    fail: (c) => (at(c, 'documents', 0).person = 'p4'),
    path: 'documents[0].person',
    message: /^no person with id "p4"/,
    pass: (c) => (at(c, 'documents', 0).person = 'p2'),
  },
  {
    rule: 'an event about the permit names the principal when it names anyone',
    fail: (c) => (at(c, 'events', 0).person = 'p2'),
    path: 'events[0].person',
    message: 'a work-permit-filed event concerns the principal (p1), not p2',
    pass: (c) => (at(c, 'events', 0).person = 'p1'),
  },
  {
    rule: 'relation only on family members',
    fail: (c) => (at(c, 'people', 0).relation = 'spouse'),
    path: 'people[0].relation',
    message: 'only family members have relation (this person is the principal)',
    pass: (c) => (at(c, 'people', 1).relation = 'spouse'),
  },
  {
    rule: 'adopted only on family members',
    fail: (c) => (at(c, 'people', 0).adopted = false),
    path: 'people[0].adopted',
    message: 'only family members have adopted (this person is the principal)',
    pass: (c) => (at(c, 'people', 2).adopted = true),
  },
  {
    rule: 'incapacitated only on family members',
    fail: (c) => (at(c, 'people', 0).incapacitated = true),
    path: 'people[0].incapacitated',
    message: 'only family members have incapacitated (this person is the principal)',
    pass: (c) => (at(c, 'people', 2).incapacitated = true),
  },
  {
    rule: 'relation is required on a family member',
    fail: (c) => delete at(c, 'people', 2).relation,
    path: 'people[2].relation',
    message: /^required for a family member: one of spouse, child, /,
    pass: (c) => (at(c, 'people', 2).relation = 'grandchild'),
  },
  {
    rule: 'a passport expires after it was issued',
    fail: (c) => (at(c, 'people', 1, 'passports', 0).expires = '2021-03-01'),
    path: 'people[1].passports[0].expires',
    message: 'must be after issued (2021-03-01)',
    pass: (c) => (at(c, 'people', 1, 'passports', 0).expires = '2021-03-02'),
  },
  {
    rule: 'a passport is not issued before its holder was born',
    fail: (c) => (at(c, 'people', 0, 'passports', 0).issued = '1988-05-13'),
    path: 'people[0].passports[0].issued',
    message: 'must not be before the birth date (1988-05-14)',
    pass: (c) => (at(c, 'people', 0, 'passports', 0).issued = '1988-05-14'),
  },
  {
    rule: 'a salary notification has a period',
    fail: (c) => delete at(c, 'events', 6).period,
    path: 'events[6].period',
    message: 'required for a salary notification: a quarter as YYYY-Qn (e.g. "2026-Q1")',
    pass: (c) => (at(c, 'events', 6).period = '2026-Q4'),
  },
  {
    rule: 'only a salary notification has a period',
    fail: (c) => (at(c, 'events', 6).kind = 'contract-concluded'),
    path: 'events[6].period',
    message: 'only a salary notification has a period (this one is contract-concluded)',
    pass: (c) => {
      at(c, 'events', 6).kind = 'contract-concluded';
      delete at(c, 'events', 6).period;
    },
  },
  {
    rule: "a salary notification's period is a quarter",
    fail: (c) => (at(c, 'events', 6).period = '2026-06'),
    path: 'events[6].period',
    message: 'expected a quarter as YYYY-Qn (e.g. "2026-Q1"), got "2026-06"',
    pass: (c) => (at(c, 'events', 6).period = '2026-Q1'),
  },
  {
    rule: "a salary payment's period is a quarter or a month",
    fail: (c) => (at(c, 'events', 7).period = '2026-13'),
    path: 'events[7].period',
    message: /^expected a quarter as YYYY-Qn \(e\.g\. "2026-Q1"\) or a month as YYYY-MM/,
    pass: (c) => (at(c, 'events', 7).period = '2026-12'),
  },
  {
    rule: 'a salary payment has an amount',
    fail: (c) => delete at(c, 'events', 7).amount,
    path: 'events[7].amount',
    message: 'required for a salary-paid event: a non-negative amount of money',
    pass: (c) => (at(c, 'events', 7).amount = 0),
  },
  {
    rule: 'an RP is not both dated and indefinite',
    fail: (c) => (at(c, 'events', 8).indefinite = true),
    path: 'events[8].indefinite',
    message: 'give either validUntil or indefinite: true, not both',
    pass: (c) => (at(c, 'events', 8).indefinite = false),
  },
  {
    rule: 'an RP is dated or indefinite',
    fail: (c) => delete at(c, 'events', 8).validUntil,
    path: 'events[8].validUntil',
    message: 'required unless indefinite: true (a date as YYYY-MM-DD)',
    pass: (c) => {
      delete at(c, 'events', 8).validUntil;
      at(c, 'events', 8).indefinite = true;
    },
  },
  {
    rule: 'an RP with indefinite: false still needs validUntil',
    fail: (c) => {
      delete at(c, 'events', 8).validUntil;
      at(c, 'events', 8).indefinite = false;
    },
    path: 'events[8].validUntil',
    message: /^required unless indefinite: true/,
    pass: (c) => (at(c, 'events', 8).indefinite = false),
  },
  {
    rule: 'a visa is valid from a date not after its end',
    fail: (c) => (at(c, 'events', 3).validUntil = '2026-02-24'),
    path: 'events[3].validUntil',
    message: 'must not be before validFrom (2026-02-25)',
    pass: (c) => (at(c, 'events', 3).validUntil = '2026-02-25'),
  },
  {
    rule: 'an insurance policy starts before it ends',
    fail: (c) => (at(c, 'events', 9).validFrom = '2027-03-10'),
    path: 'events[9].validUntil',
    message: 'must not be before validFrom (2027-03-10)',
    pass: (c) => (at(c, 'events', 9).validFrom = '2027-03-09'),
  },
  {
    rule: 'a permit is not valid only until before it was issued',
    fail: (c) => (at(c, 'events', 1).validUntil = '2026-02-05'),
    path: 'events[1].validUntil',
    message: 'must not be before the event date (2026-02-06)',
    pass: (c) => (at(c, 'events', 1).validUntil = '2026-02-06'),
  },
  {
    rule: 'an invitation is not valid only until before it was issued',
    fail: (c) => (at(c, 'events', 2).validUntil = '2026-01-31'),
    path: 'events[2].validUntil',
    message: 'must not be before the event date (2026-02-06)',
    pass: (c) => (at(c, 'events', 2).validUntil = '2026-03-31'),
  },
  {
    rule: 'a registration does not end before it began',
    fail: (c) => (at(c, 'events', 5).until = '2026-03-11'),
    path: 'events[5].until',
    message: 'must not be before the event date (2026-03-12)',
    pass: (c) => (at(c, 'events', 5).until = '2026-03-12'),
  },
  {
    rule: 'a renewed passport expires after it was issued',
    fail: (c) => (at(c, 'events', 10).expires = '2026-08-31'),
    path: 'events[10].expires',
    message: 'must be after issued (2026-09-01)',
    pass: (c) => (at(c, 'events', 10).expires = '2026-09-02'),
  },
  {
    rule: 'a person is born before every event that concerns them',
    fail: (c) => (at(c, 'people', 1).birthDate = '2026-03-06'),
    path: 'people[1].birthDate',
    message:
      '2026-03-06 is after events[9] (insurance on 2026-03-05); a person cannot take part in events before birth',
    pass: (c) => {
      at(c, 'people', 1).birthDate = '2026-03-05';
      delete at(c, 'people', 1).passports;
    },
  },
  {
    rule: 'the principal is born before the permit events (person omitted)',
    fail: (c) => {
      at(c, 'people', 0).birthDate = '2026-01-21';
      at(c, 'people', 0, 'passports', 0).issued = '2026-01-21';
    },
    path: 'people[0].birthDate',
    message: /^2026-01-21 is after events\[0\] \(work-permit-filed on 2026-01-20\)/,
    pass: (c) => {
      at(c, 'people', 0).birthDate = '2000-01-20';
    },
  },
  {
    rule: 'a document expires after it was issued',
    fail: (c) => (at(c, 'documents', 0).expires = '2019-01-01'),
    path: 'documents[0].expires',
    message: 'must be after issued (2020-01-10)',
    pass: (c) => (at(c, 'documents', 0).expires = '2020-01-11'),
  },
  {
    rule: 'a document is not issued before its holder was born',
    fail: (c) => (at(c, 'documents', 1).issued = '2015-08-31'),
    path: 'documents[1].issued',
    message: 'must not be before the birth date of p3 (2015-09-01)',
    pass: (c) => (at(c, 'documents', 1).issued = '2015-09-01'),
  },
  {
    rule: 'sezType only for a special-economic-zone employer',
    fail: (c) => (at(c, 'employer').sezType = 'port'),
    path: 'employer.sezType',
    message: "only applies to kind: special-economic-zone (this employer's kind is commercial)",
    pass: (c) => Object.assign(at(c, 'employer'), { kind: 'special-economic-zone', sezType: 'port' }),
  },
];

describe('cross-field rules', () => {
  it.each(rules.map((r) => [r.rule, r] as const))('%s', (_name, rule) => {
    const broken = validCase();
    rule.fail(broken);
    const result = parseCase(broken, TABLES);
    expect(result.ok).toBe(false);
    const found = result.ok ? [] : result.errors.filter((e) => e.path === rule.path).map((e) => e.message);
    if (found.length === 0)
      throw new Error(`no error at ${rule.path}:\n${result.ok ? '' : formatCaseErrors(result.errors)}`);
    if (typeof rule.message === 'string') expect(found).toContain(rule.message);
    else expect(found.some((m) => (rule.message as RegExp).test(m))).toBe(true);

    const fixed = validCase();
    rule.pass(fixed);
    const again = parseCase(fixed, TABLES);
    if (!again.ok) throw new Error(`the passing variant fails:\n${formatCaseErrors(again.errors)}`);
  });

  it('reports every broken rule at once, one error each', () => {
    const c = validCase();
    for (const rule of rules.filter(
      (r) => !/only one principal|there is a principal|12 digits|UK is|indefinite: false|permit events/.test(r.rule),
    )) {
      rule.fail(c);
    }
    const result = parseCase(c, TABLES);
    if (result.ok) throw new Error('expected errors');
    const keys = result.errors.map((e) => `${e.path}: ${e.message}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(result.errors.length).toBeGreaterThanOrEqual(30);
  });

  it('does not report a cross-field error for a value the schema already rejects', () => {
    const c = validCase();
    at(c, 'people', 0).citizenships = ['cn'];
    at(c, 'contract').start = '2026-02-30';
    at(c, 'events', 4).person = 5;
    const result = parseCase(c, TABLES);
    if (result.ok) throw new Error('expected errors');
    expect(result.errors.map((e) => e.path)).toEqual([
      'people[0].citizenships[0]',
      'contract.start',
      'events[4].person',
    ]);
  });

  it('runs on any input without throwing', () => {
    for (const raw of [
      null,
      1,
      'x',
      [],
      { people: 'x' },
      { people: [null, 1, { role: 'principal' }] },
      { events: [{ type: 'rp-issued' }] },
    ]) {
      expect(() => crossFieldIssues(raw, TABLES)).not.toThrow();
    }
    expect(crossFieldIssues({ people: [{ role: 'family' }] }, TABLES)).toEqual([
      {
        path: ['people', 0, 'relation'],
        message: expect.stringMatching(/^required for a family member/) as unknown as string,
        code: 'required',
      },
      {
        path: ['people'],
        message: 'no principal: exactly one person needs role: principal',
        code: 'person.no-principal',
      },
    ]);
  });

  it('keeps these helpers in sync with the fixture (events used above are where the tests expect)', () => {
    const c = validCase();
    expect(events(c).map((e) => e.type)).toEqual([
      'work-permit-filed',
      'work-permit-issued',
      'invitation-issued',
      'visa-issued',
      'entry',
      'registered',
      'notification-filed',
      'salary-paid',
      'rp-issued',
      'insurance',
      'passport-renewed',
    ]);
    expect(people(c).map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
  });
});
