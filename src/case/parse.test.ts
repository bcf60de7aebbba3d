import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { z } from 'zod';
import { caseToJson, caseToYaml, formatCaseErrors, parseCase, type CaseError, type ParseResult } from './parse.ts';
import {
  CaseSchema,
  EMPLOYER_KINDS,
  EVENT_TYPES,
  NOTIFICATION_KINDS,
  OCCUPATIONS,
  RELATIONS,
  SEZ_TYPES,
  type Case,
  type CaseEventType,
} from './schema.ts';
import { at, validCase } from './fixtures/cases.ts';
import { TABLES } from './fixtures/tables.ts';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const EXAMPLES = here('../../examples/');

function ok(result: ParseResult): Case {
  if (!result.ok) throw new Error(`expected a valid case, got:\n${formatCaseErrors(result.errors)}`);
  return result.case;
}

function errors(result: ParseResult): CaseError[] {
  if (result.ok) throw new Error('expected errors, the case is valid');
  for (const e of result.errors) expect(e.path).not.toBe('');
  return result.errors;
}

function paths(result: ParseResult): string[] {
  return errors(result).map((e) => e.path);
}

function messageAt(result: ParseResult, path: string): string {
  const found = errors(result).filter((e) => e.path === path);
  if (found.length === 0) throw new Error(`no error at ${path}; got:\n${formatCaseErrors(errors(result))}`);
  return found.map((e) => e.message).join(' | ');
}

const parse = (input: unknown, format?: 'json' | 'yaml') =>
  parseCase(input, { ...TABLES, ...(format ? { format } : {}) });

describe('examples and the spec example', () => {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml') || f.endsWith('.json'));

  it('has the four documented examples', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'single-engineer.yaml',
        'executive-family.yaml',
        'researcher-science.yaml',
        'eaeu-specialist.yaml',
      ]),
    );
  });

  it.each(files)('examples/%s parses', (file) => {
    const c = ok(parseCase(readFileSync(EXAMPLES + file, 'utf8'), { ...TABLES, fileName: file }));
    expect(c.people.filter((p) => p.role === 'principal')).toHaveLength(1);
  });

  it('the example in shared/spec/case-format.md parses, dates and INN as text', () => {
    const c = ok(
      parseCase(readFileSync(here('./fixtures/spec-example.yaml'), 'utf8'), { ...TABLES, fileName: 'spec.yaml' }),
    );
    expect(c.asOf).toBe('2026-03-02');
    expect(c.employer.inn).toBe('7707083893');
    expect(c.employer.hqsRegistered).toBe('2025-11-10');
    expect(c.people.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(c.people[0]?.passports?.[0]?.issued).toBe('2020-01-10');
    expect(c.contract.salary).toEqual({ amount: 450000, per: 'month' });
    expect(c.events?.map((e) => e.type)).toEqual([
      'work-permit-filed',
      'work-permit-issued',
      'invitation-issued',
      'entry',
    ]);
    expect(c.documents?.[0]?.translated).toBe(true);
  });

  it('the fixture case is valid', () => {
    ok(parse(validCase()));
  });
});

describe('errors are all reported, with paths', () => {
  it('a bad INN and 2025-02-30 are both reported, with the messages the spec asks for', () => {
    const c = validCase();
    at(c, 'employer').inn = '7707083894';
    at(c, 'people', 0).birthDate = '2025-02-30';
    const r = parse(c);
    expect(messageAt(r, 'employer.inn')).toBe('checksum does not match (7707083894)');
    expect(messageAt(r, 'people[0].birthDate')).toBe('not a real date (2025-02-30)');
    expect(formatCaseErrors(errors(r))).toBe(
      'employer.inn: checksum does not match (7707083894)\npeople[0].birthDate: not a real date (2025-02-30)',
    );
  });

  it('names an unknown field at every depth, suggesting the near spelling', () => {
    const c = validCase();
    c.formt = 'x';
    at(c, 'employer').inns = '1';
    at(c, 'people', 0, 'name').latn = 'X';
    at(c, 'people', 0, 'passports', 0).expiry = '2030-01-01';
    at(c, 'people', 0, 'history').banned = true;
    at(c, 'contract', 'salary').currency = 'USD';
    at(c, 'events', 1).validTo = '2029-01-01';
    at(c, 'documents', 1, 'name').middle = 'X';
    const r = parse(c);
    expect(paths(r)).toEqual(
      expect.arrayContaining([
        'formt',
        'employer.inns',
        'people[0].name.latn',
        'people[0].passports[0].expiry',
        'people[0].history.banned',
        'contract.salary.currency',
        'events[1].validTo',
        'documents[1].name.middle',
      ]),
    );
    expect(messageAt(r, 'formt')).toContain('did you mean "format"?');
    expect(messageAt(r, 'employer.inns')).toContain('did you mean "inn"?');
    expect(messageAt(r, 'people[0].name.latn')).toContain('did you mean "latin"?');
    expect(messageAt(r, 'events[1].validTo')).toMatch(/for a work-permit-issued event; did you mean "validUntil"\?/);
    expect(messageAt(r, 'people[0].history.banned')).toMatch(/allowed: priorRefusal, overstay, entryBan, deported/);
  });

  it('an unknown key that is not a plain name is quoted in the path', () => {
    const c = validCase();
    at(c, 'employer')['bad key'] = 1;
    expect(paths(parse(c))).toContain('employer["bad key"]');
  });

  it('names a missing field and what it expects, with the event type', () => {
    const c = validCase();
    delete at(c, 'employer').inn;
    delete at(c, 'events', 1).validUntil;
    delete c.contract;
    const r = parse(c);
    expect(messageAt(r, 'employer.inn')).toMatch(/^required: an INN: 10 digits/);
    expect(messageAt(r, 'events[1].validUntil')).toBe('required for a work-permit-issued event: a date as YYYY-MM-DD');
    expect(messageAt(r, 'contract')).toMatch(
      /^required: a mapping with kind, position, occupation, salary, start, regions/,
    );
  });

  it('says what vocabulary a value must come from, with a suggestion', () => {
    const c = validCase();
    at(c, 'employer').kind = 'comercial';
    at(c, 'events', 4).type = 'entered';
    at(c, 'events', 5).type = 'teleported';
    const r = parse(c);
    expect(messageAt(r, 'employer.kind')).toMatch(
      /^unknown value "comercial" \(expected one of commercial, science-education/,
    );
    expect(messageAt(r, 'employer.kind')).toContain('did you mean "commercial"?');
    expect(messageAt(r, 'events[4].type')).toBe('unknown event type "entered"; did you mean "entry"?');
    expect(messageAt(r, 'events[5].type')).toMatch(
      /^unknown event type "teleported" \(expected one of employer-registered, /,
    );
  });

  it('explains wrong types, bad shapes and negative money', () => {
    const c = validCase();
    at(c, 'people', 0).citizenships = ['cn'];
    at(c, 'people', 0).sex = 'male';
    at(c, 'people', 1).birthDate = '01.02.1990';
    at(c, 'people', 0).email = 'not-an-email';
    at(c, 'contract', 'salary').amount = -5;
    at(c, 'contract').regions = [];
    at(c, 'employer').hqsRegistered = null;
    at(c, 'events', 6).period = '2026-Q5';
    const r = parse(c);
    expect(messageAt(r, 'people[0].citizenships[0]')).toBe(
      'expected a country code (ISO 3166-1 alpha-2, upper case, e.g. "CN"), got "cn"; did you mean "CN"?',
    );
    expect(messageAt(r, 'people[0].sex')).toMatch(/unknown value "male" \(expected one of M, F\)/);
    expect(messageAt(r, 'people[1].birthDate')).toBe('expected a date as YYYY-MM-DD, got "01.02.1990"');
    expect(messageAt(r, 'people[0].email')).toBe('not a valid email address ("not-an-email")');
    expect(messageAt(r, 'contract.salary.amount')).toBe('must not be negative (got -5)');
    expect(messageAt(r, 'contract.regions')).toMatch(/^must not be empty \(expected a list of Russian region codes/);
    expect(messageAt(r, 'employer.hqsRegistered')).toBe('expected a date as YYYY-MM-DD, got null');
    expect(messageAt(r, 'events[6].period')).toBe('expected a quarter as YYYY-Qn (e.g. "2026-Q1"), got "2026-Q5"');
  });

  it('an INN given as a number in a parsed value is an error that says to quote it', () => {
    const c = validCase();
    at(c, 'employer').inn = 7707083893;
    expect(messageAt(parse(c), 'employer.inn')).toMatch(/got the number 7707083893 \(write it in quotes\)$/);
  });

  it('an INN of the wrong length, with spaces, suggests the digits', () => {
    const c = validCase();
    at(c, 'employer').inn = '7707 083 893';
    expect(messageAt(parse(c), 'employer.inn')).toMatch(/got "7707 083 893"; did you mean "7707083893"\?$/);
  });

  it('a whole number is required for the year of an RP notification', () => {
    const c = validCase();
    (c.events as unknown[]).push({ on: '2027-09-01', type: 'rp-annual-notification-filed', person: 'p1', year: 1.5 });
    expect(messageAt(parse(c), 'events[11].year')).toBe('expected a whole number, got 1.5');
  });
});

describe('the format line', () => {
  const withFormat = (format: unknown): ParseResult => {
    const c = validCase();
    if (format === undefined) delete c.format;
    else c.format = format;
    return parse(c);
  };

  it('says how to fix a missing format', () => {
    expect(messageAt(withFormat(undefined), 'format')).toBe(
      'required: write format: hqs-case/1 at the top of the file',
    );
  });

  it('recognizes an evaluation and another version, and reports only that', () => {
    const evaluation = errors(withFormat('hqs-evaluation/1'));
    expect(evaluation).toEqual([
      {
        path: 'format',
        message: 'this is an evaluation (hqs-evaluation/1), not a case; a case file has format: hqs-case/1',
        code: 'case.format',
      },
    ]);
    expect(messageAt(withFormat('hqs-case/2'), 'format')).toBe(
      'unsupported version "hqs-case/2": this program reads hqs-case/1',
    );
  });

  it('rejects any other value', () => {
    expect(messageAt(withFormat('case'), 'format')).toBe('expected "hqs-case/1", got "case"');
  });
});

describe('vocabularies', () => {
  it.each(EMPLOYER_KINDS)('employer kind %s is accepted', (kind) => {
    const c = validCase();
    at(c, 'employer').kind = kind;
    ok(parse(c));
  });

  it.each(SEZ_TYPES)('SEZ type %s is accepted for a special-economic-zone employer', (sezType) => {
    const c = validCase();
    Object.assign(at(c, 'employer'), { kind: 'special-economic-zone', sezType });
    ok(parse(c));
  });

  it.each(OCCUPATIONS)('occupation %s is accepted', (occupation) => {
    const c = validCase();
    at(c, 'contract').occupation = occupation;
    ok(parse(c));
  });

  it.each(RELATIONS)('relation %s is accepted', (relation) => {
    const c = validCase();
    at(c, 'people', 1).relation = relation;
    ok(parse(c));
  });

  it.each(NOTIFICATION_KINDS)('notification kind %s is accepted', (kind) => {
    const c = validCase();
    const e: Record<string, unknown> = { on: '2026-04-02', type: 'notification-filed', kind };
    if (kind === 'salary') e.period = '2026-Q1';
    c.events = [e];
    ok(parse(c));
  });

  /** A minimal valid event of each type. */
  const sample: Record<CaseEventType, Record<string, unknown>> = {
    'employer-registered': {},
    'contract-signed': {},
    'contract-terminated': { person: 'p1' },
    'work-permit-filed': {},
    'work-permit-issued': { validUntil: '2029-01-01', regions: ['RU-MOW', 'RU-MOS'] },
    'work-permit-collected': {},
    'work-permit-extension-filed': {},
    'work-permit-extended': { validUntil: '2032-01-01' },
    'work-permit-cancelled': {},
    'invitation-issued': { person: 'p2', validUntil: '2026-07-01' },
    'visa-issued': { person: 'p2', validFrom: '2026-04-10', validUntil: '2026-07-09', entries: 'single' },
    entry: { person: 'p2', via: 'Sheremetyevo' },
    exit: { person: 'p2' },
    registered: { person: 'p2', until: '2026-12-31', address: 'Moscow' },
    moved: { person: 'p2' },
    'notification-filed': { kind: 'salary', period: '2026-Q1' },
    'salary-paid': { period: '2026-03', amount: 450000 },
    insurance: { person: 'p3', validFrom: '2026-04-01', validUntil: '2027-03-31' },
    'rp-filed': { person: 'p1' },
    'rp-issued': { person: 'p1', indefinite: true },
    'rp-annual-notification-filed': { person: 'p1', year: 2 },
    'passport-renewed': { person: 'p1', number: 'E1', issued: '2026-04-01', expires: '2036-03-31' },
    'citizenship-filed': { person: 'p1' },
    'citizenship-granted': { person: 'p1' },
  };

  it.each(EVENT_TYPES)('event type %s is accepted with its fields, and a note', (type) => {
    const c = validCase();
    c.events = [{ on: '2026-04-01', type, note: 'checked', ...sample[type] }];
    const parsed = ok(parse(c));
    expect(parsed.events?.[0]?.type).toBe(type);
  });

  it('every event type has exactly its own fields: a field of another type is unknown', () => {
    const c = validCase();
    c.events = [{ on: '2026-04-01', type: 'entry', person: 'p1', validUntil: '2026-05-01' }];
    expect(messageAt(parse(c), 'events[0].validUntil')).toMatch(/^unknown field for a entry event/);
  });

  it('employer-registered takes no person', () => {
    const c = validCase();
    c.events = [{ on: '2025-04-01', type: 'employer-registered', person: 'p1' }];
    expect(paths(parse(c))).toEqual(['events[0].person']);
  });

  it('person is required on events about one person', () => {
    const c = validCase();
    c.events = [{ on: '2026-04-01', type: 'entry' }];
    expect(messageAt(parse(c), 'events[0].person')).toMatch(/^required for a entry event: a person id/);
  });
});

describe('JSON and YAML text', () => {
  const yamlText = (c: unknown): string => stringify(c);

  it('reads the same case from JSON and from YAML, detecting the format', () => {
    const fromJson = ok(parseCase(JSON.stringify(validCase()), TABLES));
    const fromYaml = ok(parseCase(yamlText(validCase()), TABLES));
    expect(fromYaml).toEqual(fromJson);
    ok(parseCase(JSON.stringify(validCase()), { ...TABLES, fileName: 'x.json' }));
    ok(parseCase(yamlText(validCase()), { ...TABLES, fileName: 'x.yml' }));
  });

  it('keeps unquoted YAML dates as text and NO as Norway (YAML 1.2 core schema)', () => {
    const spec = readFileSync(here('./fixtures/spec-example.yaml'), 'utf8');
    const text = spec.replace(
      'citizenships: [CN]\n    passports: [ { number: E87654321, country: CN',
      'citizenships: [NO]\n    passports: [ { number: E87654321, country: NO',
    );
    expect(text).not.toBe(spec);
    const c = ok(parseCase(text, TABLES));
    expect(c.asOf).toBe('2026-03-02');
    expect(typeof c.people[0]?.birthDate).toBe('string');
    expect(c.people[1]?.citizenships).toEqual(['NO']);
    expect(c.people[1]?.passports?.[0]?.country).toBe('NO');
  });

  it('reads a bare-number INN, passport number and id in YAML as the digits written (leading zero kept)', () => {
    const c = validCase();
    at(c, 'employer').inn = 'INN';
    at(c, 'people', 0, 'passports', 0).number = 'PASSPORT';
    const text = yamlText(c).replace('inn: INN', 'inn: 0105012342').replace('number: PASSPORT', 'number: 007123456');
    const inn0105 = '0105012342';
    const r = parseCase(text, TABLES);
    // 0105012342 is not a valid INN: the error must quote it with its leading zero.
    expect(messageAt(r, 'employer.inn')).toBe(`checksum does not match (${inn0105})`);
    const valid = text.replace(inn0105, '7707083893');
    const parsed = ok(parseCase(valid, TABLES));
    expect(parsed.employer.inn).toBe('7707083893');
    expect(parsed.people[0]?.passports?.[0]?.number).toBe('007123456');
    expect(parsed.contract.salary.amount).toBe(450000);
  });

  it('reads a bare-number INN in JSON text as the digits written', () => {
    const text = JSON.stringify(validCase()).replace('"inn":"7707083893"', '"inn":7707083893');
    expect(ok(parseCase(text, TABLES)).employer.inn).toBe('7707083893');
  });

  it('keeps amounts as numbers and rejects a quoted amount', () => {
    const text = yamlText(validCase()).replace('amount: 450000', 'amount: "450000"');
    expect(messageAt(parseCase(text, TABLES), 'contract.salary.amount')).toBe(
      'expected a non-negative amount of money, got "450000"',
    );
  });

  it('gives line numbers for YAML errors and formats them file:line', () => {
    const text = [
      'format: hqs-case/1',
      'employer:',
      '  name: X',
      '  inn: "7707083894"',
      '  kind: commercial',
      'people:',
      '  - id: p1',
      '    role: principal',
      '    name: { latin: A B }',
      '    birthDate: 2025-02-30',
      '    citizenships: [XX]',
      'contract: { kind: employment, position: P, occupation: general, salary: { amount: 1, per: month }, start: 2026-04-01, end: 2026-04-01, regions: [RU-MOW] }',
      'events:',
      '  - { on: 2026-04-01, type: entry, person: p9 }',
      '',
    ].join('\n');
    const r = parseCase(text, { ...TABLES, fileName: 'case.yaml' });
    expect(formatCaseErrors(errors(r), 'case.yaml').split('\n')).toEqual([
      'case.yaml:4: employer.inn: checksum does not match (7707083894)',
      'case.yaml:10: people[0].birthDate: not a real date (2025-02-30)',
      'case.yaml:11: people[0].citizenships[0]: unknown country code "XX" (expected ISO 3166-1 alpha-2)',
      'case.yaml:12: contract.end: must be after contract.start (2026-04-01)',
      'case.yaml:14: events[0].person: no person with id "p9" (known ids: p1)',
    ]);
  });

  it('gives line numbers for JSON errors too', () => {
    const text = JSON.stringify(validCase(), null, 2).replace('"7707083893"', '"7707083894"');
    const error = errors(parseCase(text, TABLES)).find((e) => e.path === 'employer.inn');
    expect(error?.line).toBe(text.split('\n').findIndex((l) => l.includes('7707083894')) + 1);
  });

  it('reports YAML syntax errors and duplicate keys with their line', () => {
    const dup = parseCase('format: hqs-case/1\nformat: hqs-case/1\n', TABLES);
    expect(errors(dup)[0]).toMatchObject({ path: '(root)', line: 2 });
    expect(errors(dup)[0]?.message).toMatch(/^YAML syntax: Map keys must be unique/);
    const broken = parseCase('format: hqs-case/1\npeople: [\n', TABLES);
    expect(errors(broken)[0]?.message).toMatch(/^YAML syntax: /);
  });

  it('reports JSON syntax errors and duplicate JSON keys', () => {
    const bad = errors(parseCase('{ "format": "hqs-case/1", }', TABLES));
    expect(bad[0]?.path).toBe('(root)');
    expect(bad[0]?.message).toMatch(/^JSON syntax: /);
    const dup = errors(parseCase('{ "format": "hqs-case/1", "format": "hqs-case/1" }', { ...TABLES, format: 'json' }));
    expect(dup[0]?.message).toMatch(/Map keys must be unique/);
  });

  it('reads valid JSON on the fast path exactly as through the YAML tree, and still catches a key written twice', () => {
    const c = validCase();
    at(c, 'contract').position = 'Lead "engineer": R&D \\ tools, {"x": 1}';
    const text = JSON.stringify(c, null, 1);
    const fast = ok(parseCase(text, { ...TABLES, format: 'json' }));
    expect(fast).toEqual(ok(parseCase(text, { ...TABLES, format: 'yaml' })));
    expect(fast.contract.position).toBe('Lead "engineer": R&D \\ tools, {"x": 1}');
    // A valid case with one key written twice: JSON.parse would keep the last silently.
    const twice = text.replace('"position":', '"position": "First", "position":');
    expect(errors(parseCase(twice, { ...TABLES, format: 'json' }))[0]?.message).toMatch(/Map keys must be unique/);
    // A number where text is expected keeps its digits (the YAML pass), also in valid JSON.
    const digits = text.replace(/"inn": "7707083893"/, '"inn": 7707083893');
    expect(digits).not.toBe(text);
    expect(ok(parseCase(digits, { ...TABLES, format: 'json' })).employer.inn).toBe('7707083893');
  });

  it('rejects YAML tags, anchors that explode, and multiple documents', () => {
    expect(errors(parseCase('format: !!binary aGVsbG8=\n', TABLES)).length).toBeGreaterThan(0);
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    expect(errors(parseCase(bomb, TABLES)).length).toBeGreaterThan(0);
    expect(errors(parseCase('format: hqs-case/1\n---\nformat: hqs-case/1\n', TABLES))[0]?.path).toBe('(root)');
  });

  it('explains an empty file and a file that is not a mapping', () => {
    expect(messageAt(parseCase('', TABLES), '(root)')).toMatch(/^the file is empty; expected a case/);
    expect(messageAt(parseCase('- a\n- b\n', TABLES), '(root)')).toMatch(/^got a list; expected a case/);
    expect(messageAt(parse(42), '(root)')).toMatch(/^got 42; expected a case/);
  });

  it('accepts a byte-order mark', () => {
    ok(parseCase(`\uFEFF${JSON.stringify(validCase())}`, TABLES));
  });
});

describe('export', () => {
  const all = [
    ['fixture', JSON.stringify(validCase())] as const,
    ...readdirSync(EXAMPLES)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => [f, readFileSync(EXAMPLES + f, 'utf8')] as const),
  ];

  it.each(all)('%s round-trips through caseToYaml and caseToJson', (_name, text) => {
    const c = ok(parseCase(text, TABLES));
    const yaml = caseToYaml(c);
    expect(ok(parseCase(yaml, { ...TABLES, format: 'yaml' }))).toEqual(c);
    expect(ok(parseCase(caseToJson(c), { ...TABLES, format: 'json' }))).toEqual(c);
    expect(yaml.startsWith('format: hqs-case/1\n')).toBe(true);
  });

  it('the schema converts to JSON Schema (for the API document), strict and with date formats', () => {
    const schema = z.toJSONSchema(CaseSchema) as unknown as {
      additionalProperties: boolean;
      properties: { asOf: { format: string }; events: { items: { oneOf: unknown[] } } };
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.asOf.format).toBe('date');
    expect(schema.properties.events.items.oneOf).toHaveLength(EVENT_TYPES.length);
  });

  it('quotes an INN in YAML so it stays text', () => {
    const c = ok(parse(validCase()));
    expect(caseToYaml(c)).toContain('inn: "7707083893"');
    expect(caseToJson(c).endsWith('\n')).toBe(true);
  });
});

describe('formatCaseErrors', () => {
  it('writes one line per error, with the file and line when known', () => {
    const list: CaseError[] = [
      {
        path: 'employer.inn',
        message: 'checksum does not match (7707083894)',
        code: 'inn.checksum',
        line: 4,
        column: 3,
      },
      { path: 'contract', message: 'required', code: 'required' },
    ];
    expect(formatCaseErrors(list)).toBe('employer.inn: checksum does not match (7707083894)\ncontract: required');
    expect(formatCaseErrors(list, 'a.yaml')).toBe(
      'a.yaml:4: employer.inn: checksum does not match (7707083894)\na.yaml: contract: required',
    );
    expect(formatCaseErrors([])).toBe('');
  });
});

describe('parsing stays linear and never overflows', () => {
  it('finds a duplicate among 60,000 keys in one pass (JSON and YAML)', () => {
    const keys = Array.from({ length: 60_000 }, (_, i) => `"k${i}": ${i}`);
    const json = `{ ${keys.join(', ')}, "k5": 1 }`;
    const t = performance.now();
    const r = parseCase(json, { ...TABLES, format: 'json' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]?.message).toMatch(/Map keys must be unique: "k5" is written twice/);
    const yaml = `${keys.map((k) => k.replace(/"/g, '')).join('\n')}\nk5: 1\n`;
    const y = parseCase(yaml, { ...TABLES, format: 'yaml' });
    expect(!y.ok && y.errors[0]?.message).toMatch(/Map keys must be unique/);
    // Not a timed assertion of speed: quadratic work on 60,000 keys takes minutes, linear well under a minute.
    expect(performance.now() - t).toBeLessThan(60_000);
  });
  it('reports absurd nesting as an error, not a crash', () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    expect(parseCase(deep, { ...TABLES, format: 'json' }).ok).toBe(false);
    const flow = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const r = parseCase(flow, { ...TABLES, format: 'yaml' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.length).toBeLessThanOrEqual(20);
  });
});
