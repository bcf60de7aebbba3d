// The new-case form's pure side: the document it builds is one the case parser accepts; a self-check's
// case comes back unchanged through the form; client checks name the case paths the server would; every
// server path lands on a step and a field; the vocabularies match the case format's.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONTRACT_KINDS as CASE_CONTRACT_KINDS,
  EmployerSchema,
  HistorySchema,
  SEXES as CASE_SEXES,
  SEZ_TYPES as CASE_SEZ_TYPES,
  parseCase,
} from '../../../../src/case/index.ts';
import { loadLaw } from '../../../../src/law/node.ts';
import type { Answers } from '../../selfcheck/flow.ts';
import { toCase } from '../../selfcheck/to-case.ts';
import {
  CONTRACT_KINDS,
  EMPLOYER_FLAGS,
  EMPLOYER_KINDS,
  HISTORY_FLAGS,
  OCCUPATIONS,
  PATH_LABELS,
  RELATIONS,
  SALARY_PERIODS,
  SEXES,
  SEZ_TYPES,
  STEPS,
  buildCase,
  caseFileType,
  describePath,
  emptyFamilyMember,
  emptyForm,
  employerLink,
  fieldId,
  fieldOf,
  formFromCase,
  parseAmount,
  stepOf,
  validateForm,
  type CaseForm,
  type FamilyForm,
  type PersonForm,
} from './build.ts';

const law = loadLaw();
const TODAY = '2026-11-21';
const parse = (doc: unknown) =>
  parseCase(JSON.stringify(doc), { format: 'json', countries: law.countries.codes, regions: law.regions.codes });
const locale = (lang: string) =>
  JSON.parse(readFileSync(new URL(`../../../../locales/app/${lang}/newcase.json`, import.meta.url), 'utf8')) as Record<
    string,
    string
  >;

function person(over: Partial<PersonForm> = {}): PersonForm {
  return { ...emptyForm().principal, latin: 'CHEN WEI', birthDate: '1988-05-14', citizenship: 'CN', ...over };
}

function complete(): CaseForm {
  const f = emptyForm();
  f.employer.fresh = { ...f.employer.fresh, name: 'ООО «Вектор»', inn: '7707083893', kind: 'commercial' };
  f.principal = person({
    cyrillic: 'Чэнь Вэй',
    sex: 'M',
    email: 'chen@example.cn',
    passport: { number: 'E12345678', country: 'CN', issued: '2020-01-10', expires: '2030-01-09' },
  });
  f.contract = {
    ...f.contract,
    position: 'Senior engineer',
    occupation: 'general',
    amount: '450 000',
    start: '2026-04-01',
    end: '2029-03-31',
    regions: ['RU-MOW'],
  };
  f.family = [{ ...emptyFamilyMember('spouse'), latin: 'LI NA', birthDate: '1990-02-01' }];
  return f;
}

describe('the vocabularies', () => {
  it('are the case format’s', () => {
    expect(SEXES).toEqual(CASE_SEXES);
    expect(CONTRACT_KINDS).toEqual(CASE_CONTRACT_KINDS);
    expect(SEZ_TYPES).toEqual(CASE_SEZ_TYPES);
    expect([...HISTORY_FLAGS].sort()).toEqual(Object.keys(HistorySchema.shape).sort());
    for (const k of EMPLOYER_FLAGS) expect(Object.keys(EmployerSchema.shape)).toContain(k);
  });
});

describe('buildCase', () => {
  it('builds a case the parser accepts, with the family’s citizenship and residence from the principal', () => {
    const doc = buildCase(complete());
    const parsed = parse(doc);
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
    expect(doc.contract.salary).toEqual({ amount: 450000, per: 'month' });
    expect(doc.people.map((p) => [p.id, p.role, p.relation])).toEqual([
      ['p1', 'principal', undefined],
      ['p2', 'family', 'spouse'],
    ]);
    expect(doc.people[1]).toMatchObject({ citizenships: ['CN'], startsFrom: 'abroad' });
    expect(doc.people[1]).not.toHaveProperty('residenceCountry');
    expect(doc).not.toHaveProperty('id');
  });

  it('leaves out what was not given and writes only the facts that are true', () => {
    const f = complete();
    f.principal.passport = { number: '', country: '', issued: '', expires: '' };
    f.principal.history.overstay = true;
    f.employer.fresh.sezType = 'port'; // not a special economic zone: dropped
    f.employer.fresh.flags.illegalHiringPenaltyWithin2Years = true;
    f.reference = '  acme-7 ';
    const doc = buildCase(f);
    expect(doc.id).toBe('acme-7');
    expect(doc.people[0]).not.toHaveProperty('passports');
    expect(doc.people[0]!.history).toEqual({ overstay: true });
    expect(doc.employer).toEqual({
      name: 'ООО «Вектор»',
      inn: '7707083893',
      kind: 'commercial',
      illegalHiringPenaltyWithin2Years: true,
    });
    expect(parse(doc).ok).toBe(true);
  });

  it('starts a person who lives in Russia from Russia, and one who lives elsewhere from there', () => {
    const f = complete();
    f.principal.residence = 'RU';
    f.family[0] = {
      ...f.family[0]!,
      sameResidence: false,
      residence: 'KZ',
      sameCitizenship: false,
      citizenship: 'KZ',
      otherCitizenship: 'CN',
    };
    const doc = buildCase(f);
    expect(doc.people[0]).toMatchObject({ startsFrom: 'in-russia' });
    expect(doc.people[0]).not.toHaveProperty('residenceCountry');
    expect(doc.people[1]).toMatchObject({ startsFrom: 'abroad', residenceCountry: 'KZ', citizenships: ['KZ', 'CN'] });
    expect(parse(doc).ok).toBe(true);
  });

  it('links an existing employer record and takes its employer as it is', () => {
    const f = complete();
    f.employer.mode = 'existing';
    f.employer.existing = {
      employerId: 'e-1',
      name: 'Vector',
      inn: '7707083893',
      employer: { name: 'Vector', inn: '7707083893', kind: 'it-accredited', hqsRegistered: '2025-11-10' },
    };
    expect(employerLink(f)).toBe('e-1');
    expect(buildCase(f).employer).toEqual(f.employer.existing.employer);
    f.employer.mode = 'new';
    expect(employerLink(f)).toBeUndefined();
  });
});

describe('formFromCase', () => {
  const answers: Answers = {
    citizenship: 'IN',
    residence: 'AE',
    employerKind: 'it-accredited',
    employer: { name: 'Technosfera LLC', inn: '7714582300' },
    region: 'RU-SPE',
    occupation: { occupation: 'it', position: 'Data engineer' },
    salary: { amount: 700000, per: 'quarter' },
    startDate: '2027-03-01',
    person: { name: 'RAHUL VERMA', birthDate: '1991-07-22' },
    hasFamily: 'yes',
    family: [
      { relation: 'spouse', name: 'ANITA VERMA', birthDate: '1993-01-02', citizenship: 'IN' },
      { relation: 'child', name: 'ARJUN VERMA', birthDate: '2019-06-30', citizenship: 'AE' },
    ],
  };

  it('gives back the self-check’s case unchanged through the form', () => {
    for (const a of [answers, { ...answers, residence: 'RU' }, { ...answers, hasFamily: 'no' as const }]) {
      const doc = toCase(a);
      const form = formFromCase(doc);
      expect(buildCase(form)).toEqual(doc);
    }
  });

  it('ticks “same as the principal” only where it is so', () => {
    const form = formFromCase(toCase(answers));
    expect(form.family.map((m) => [m.relation, m.sameCitizenship, m.sameResidence])).toEqual([
      ['spouse', true, true],
      ['child', false, true],
    ]);
    expect(form.principal.residence).toBe('AE');
    expect(form.employer.fresh).toMatchObject({
      name: 'Technosfera LLC',
      inn: '7714582300',
      kind: 'it-accredited',
      region: 'RU-SPE',
    });
    expect(form.contract).toMatchObject({ amount: '700000', per: 'quarter', regions: ['RU-SPE'] });
  });

  it('round-trips any valid form', () => {
    const country = fc.constantFrom('CN', 'IN', 'KZ', 'RU', 'DE');
    const date = fc
      .date({ min: new Date('1950-01-01'), max: new Date('2020-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const name = fc.constantFrom('CHEN WEI', 'LI NA', "O'BRIEN ANN", 'MÜLLER JAN');
    const personArb = fc.record({
      latin: name,
      birthDate: date,
      citizenship: country.filter((c) => c !== 'RU'),
      residence: fc.constantFrom('', 'RU', 'AE'),
      sex: fc.constantFrom('', 'M', 'F') as fc.Arbitrary<'' | 'M' | 'F'>,
    });
    const memberArb = fc.record({
      p: personArb,
      relation: fc.constantFrom(...RELATIONS),
      sameCitizenship: fc.boolean(),
      sameResidence: fc.boolean(),
      adopted: fc.boolean(),
    });
    fc.assert(
      fc.property(
        personArb,
        fc.array(memberArb, { maxLength: 4 }),
        fc.constantFrom(...EMPLOYER_KINDS),
        fc.constantFrom(...OCCUPATIONS),
        fc.constantFrom(...SALARY_PERIODS),
        (p, members, kind, occupation, per) => {
          const f = complete();
          f.employer.fresh.kind = kind;
          f.principal = person(p);
          f.contract = { ...f.contract, occupation, per };
          f.family = members.map((m): FamilyForm => ({
            ...emptyFamilyMember(m.relation),
            ...person(m.p),
            sameCitizenship: m.sameCitizenship,
            sameResidence: m.sameResidence,
            adopted: m.adopted,
          }));
          expect(validateForm(f, TODAY)).toEqual([]);
          const doc = buildCase(f);
          expect(parse(doc).ok).toBe(true);
          expect(buildCase(formFromCase(doc))).toEqual(doc);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('validateForm', () => {
  it('finds nothing wrong in a complete form', () => {
    expect(validateForm(complete(), TODAY)).toEqual([]);
  });

  it('names every missing required field by its case path, in the order of the form', () => {
    const f = emptyForm();
    f.family = [emptyFamilyMember()];
    f.family[0]!.sameCitizenship = false;
    expect(validateForm(f, TODAY)).toEqual([
      { path: 'employer.name', key: 'required' },
      { path: 'employer.inn', key: 'required' },
      { path: 'employer.kind', key: 'required' },
      { path: 'people[0].name.latin', key: 'required' },
      { path: 'people[0].birthDate', key: 'required' },
      { path: 'people[0].citizenships[0]', key: 'required' },
      { path: 'contract.position', key: 'required' },
      { path: 'contract.occupation', key: 'required' },
      { path: 'contract.salary.amount', key: 'required' },
      { path: 'contract.start', key: 'required' },
      { path: 'contract.regions[0]', key: 'required' },
      { path: 'people[1].relation', key: 'required' },
      { path: 'people[1].name.latin', key: 'required' },
      { path: 'people[1].birthDate', key: 'required' },
      { path: 'people[1].citizenships[0]', key: 'required' },
    ]);
  });

  it('checks INN digits, dates and their order, amounts, Latin names, emails and repeated regions', () => {
    const f = complete();
    f.employer.fresh.inn = '7707083894';
    f.principal.latin = 'Чэнь Вэй';
    f.principal.email = 'chen@';
    f.principal.passport = { number: 'E1', country: 'CN', issued: '1980-01-01', expires: '1979-12-31' };
    f.contract.amount = '45 000 руб';
    f.contract.end = '2026-03-31';
    f.contract.regions = ['RU-MOW', 'RU-MOW'];
    f.family[0]!.birthDate = '2027-01-01';
    expect(validateForm(f, TODAY)).toEqual([
      { path: 'employer.inn', key: 'inn-checksum' },
      { path: 'people[0].name.latin', key: 'latin' },
      { path: 'people[0].email', key: 'email' },
      { path: 'people[0].passports[0].expires', key: 'afterIssued' },
      { path: 'people[0].passports[0].issued', key: 'beforeBirth' },
      { path: 'contract.salary.amount', key: 'amount' },
      { path: 'contract.end', key: 'afterStart' },
      { path: 'contract.regions[1]', key: 'duplicate' },
      { path: 'people[1].birthDate', key: 'future' },
    ]);
    f.employer.mode = 'existing';
    f.contract.start = '2026-02-30';
    expect(
      validateForm(f, TODAY).filter((p) => p.path.startsWith('employer') || p.path.startsWith('contract.start')),
    ).toEqual([
      { path: 'employer', key: 'pickEmployer' },
      { path: 'contract.start', key: 'date' },
    ]);
  });

  it('has a message for every problem it can name, in English and Russian', () => {
    const keys = [
      'required',
      'latin',
      'date',
      'future',
      'email',
      'afterIssued',
      'beforeBirth',
      'pickEmployer',
      'inn-format',
      'inn-checksum',
      'inn-region',
      'amount',
      'afterStart',
      'duplicate',
    ];
    for (const lang of ['en', 'ru']) {
      const m = locale(lang);
      expect(keys.filter((k) => !m[`error.${k}`])).toEqual([]);
    }
    // Each problem sits on a field of its own (fieldOf leaves it as it is).
    const f = emptyForm();
    f.family = [emptyFamilyMember()];
    for (const p of validateForm(f, TODAY)) expect(fieldOf(p.path)).toBe(p.path);
  });
});

describe('where a server problem belongs', () => {
  it('puts each path on its step and field', () => {
    const cases: [string, string, string][] = [
      ['employer.inn', 'employer', 'employer.inn'],
      ['employer', 'employer', 'employer'],
      ['people[0].birthDate', 'principal', 'people[0].birthDate'],
      ['people[0].startsFrom', 'principal', 'people[0].residenceCountry'],
      ['people[0].citizenships', 'principal', 'people[0].citizenships[0]'],
      ['people[0].passports[0]', 'principal', 'people[0].passports[0].number'],
      ['people[0].passports[0].expires', 'principal', 'people[0].passports[0].expires'],
      ['people[0].history.overstay', 'principal', 'people[0].history'],
      ['people[2].role', 'family', 'people[2].relation'],
      ['people[2].name', 'family', 'people[2].name.latin'],
      ['people[1].birthDate', 'family', 'people[1].birthDate'],
      ['contract.salary', 'contract', 'contract.salary.amount'],
      ['contract.regions', 'contract', 'contract.regions[0]'],
      ['contract.regions[1]', 'contract', 'contract.regions[1]'],
      ['people', 'principal', 'people'],
      ['(root)', 'review', '(root)'],
      ['format', 'review', 'format'],
    ];
    for (const [path, step, field] of cases) {
      expect([path, stepOf(path), fieldOf(path)]).toEqual([path, step, field]);
      expect(STEPS).toContain(stepOf(path));
    }
    expect(fieldId('people[1].passports[0].expires')).toBe('f-people-1-passports-0-expires');
    expect(fieldId('people[1].startsFrom')).toBe('f-people-1-residenceCountry');
  });

  it('reads a path as a section, an item and a labelled field', () => {
    expect(describePath('people[1].birthDate')).toEqual({
      section: 'person',
      index: 1,
      labelKey: 'person.birthDate',
      rest: 'birthDate',
    });
    expect(describePath('people[0].passports[1].expires')).toEqual({
      section: 'person',
      index: 0,
      labelKey: 'person.passports.expires',
      rest: 'passports[1].expires',
    });
    expect(describePath('people[0].nickname')).toEqual({ section: 'person', index: 0, rest: 'nickname' });
    expect(describePath('contract.regions[0]')).toEqual({
      section: 'contract',
      labelKey: 'contract.regions',
      rest: 'contract.regions[0]',
    });
    expect(describePath('events[3].validUntil')).toEqual({ section: 'events', index: 3, rest: 'validUntil' });
    expect(describePath('(root)')).toEqual({ section: 'case', rest: '(root)' });
  });

  it('has a label for every field it names, in English and Russian', () => {
    for (const lang of ['en', 'ru']) {
      const m = locale(lang);
      expect(PATH_LABELS.filter((k) => !m[`path.${k}`])).toEqual([]);
    }
  });
});

describe('small readers', () => {
  it('reads amounts as people type them', () => {
    expect(parseAmount('450 000')).toBe(450000);
    expect(parseAmount('450\u00a0000,50')).toBe(450000.5);
    expect(parseAmount('1e6')).toBeNull();
    expect(parseAmount('-5')).toBeNull();
    expect(parseAmount('')).toBeNull();
  });

  it('sends a file as JSON or YAML by its name, else by its first character', () => {
    expect(caseFileType('case.JSON', 'format: x')).toBe('application/json');
    expect(caseFileType('case.yml', '{}')).toBe('application/yaml');
    expect(caseFileType('case.yaml', '{}')).toBe('application/yaml');
    expect(caseFileType('case.txt', '\uFEFF  {"format": "hqs-case/1"}')).toBe('application/json');
    expect(caseFileType('case', 'format: hqs-case/1')).toBe('application/yaml');
  });
});
