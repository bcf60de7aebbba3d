// A case patch made into an hqs-case/1 case: a new one (with the mapping's defaults for what the sheet
// does not say), or laid over the stored case on re-import — only the fields the sheet gives, people
// matched by passport, id or name and birth date, events and documents added or corrected, never removed.
// Every value set remembers the cell it came from, so the case format's own checks (parseCase) are
// reported at a row and a column.
import { parseCase, PRINCIPAL_EVENT_TYPES, type Case } from '../case/index.ts';
import type { FieldId } from './fields.ts';
import { BUILTIN_DEFAULTS, type ImportDefaults } from './mapping.ts';
import type { CasePatch, PersonPatch } from './patch.ts';
import type { ImportProblem, RowReader } from './rows.ts';
import { passportKey } from './values.ts';

export interface Origin {
  row: number;
  field: FieldId | null;
}

export interface Composed {
  value: Record<string, unknown>;
  /** Path in `value` (`people[1].birthDate`) → the cell it came from. */
  origins: Map<string, Origin>;
  /** Problems found while composing (a passport kept as a document). */
  problems: ImportProblem[];
}

type Obj = Record<string, unknown>;
const PRINCIPAL_EVENTS: ReadonlySet<string> = new Set(PRINCIPAL_EVENT_TYPES);

class Builder {
  readonly origins = new Map<string, Origin>();
  readonly problems: ImportProblem[] = [];
  constructor(readonly reader: RowReader) {}
  at(path: string, row: number, field: FieldId | null): void {
    this.origins.set(path, { row, field });
  }
  /** The name column a person's Latin name came from: its own, or the one «ФИО» column. */
  nameField(script: 'latin' | 'cyrillic'): FieldId {
    const own: FieldId = script === 'latin' ? 'name.latin' : 'name.cyrillic';
    return this.reader.column(own) || !this.reader.column('name') ? own : 'name';
  }
}

function setIf(o: Obj, k: string, v: unknown): void {
  if (v !== undefined) o[k] = v;
}

/** The person's fields the sheet gives, laid over `into` (a new person or a stored one). */
function layPerson(b: Builder, into: Obj, p: PersonPatch, base: string): void {
  const name = { ...((into.name as Obj | undefined) ?? {}) };
  setIf(name, 'latin', p.name.latin);
  setIf(name, 'cyrillic', p.name.cyrillic);
  into.name = name;
  if (!p.principal) {
    setIf(into, 'relation', p.relation);
    if (p.adopted) into.adopted = true;
  }
  setIf(into, 'sex', p.sex);
  setIf(into, 'birthDate', p.birthDate);
  setIf(into, 'citizenships', p.citizenships);
  setIf(into, 'email', p.email);
  b.at(base, p.row, null);
  b.at(`${base}.id`, p.row, 'person.id');
  b.at(`${base}.name`, p.row, b.nameField('latin'));
  b.at(`${base}.name.latin`, p.row, b.nameField('latin'));
  b.at(`${base}.name.cyrillic`, p.row, b.nameField('cyrillic'));
  b.at(`${base}.relation`, p.row, 'person.role');
  b.at(`${base}.sex`, p.row, 'person.sex');
  b.at(`${base}.birthDate`, p.row, 'person.birthDate');
  b.at(`${base}.citizenships`, p.row, 'person.citizenship');
  b.at(`${base}.email`, p.row, 'person.email');
}

function passportOrigins(b: Builder, base: string, p: PersonPatch): void {
  b.at(base, p.row, 'passport.number');
  b.at(`${base}.number`, p.row, 'passport.number');
  b.at(`${base}.country`, p.row, b.reader.column('passport.country') ? 'passport.country' : 'person.citizenship');
  b.at(`${base}.issued`, p.row, 'passport.issued');
  b.at(`${base}.expires`, p.row, 'passport.expires');
}

/**
 * The person's passport: among the passports when the sheet gives its issue date (a passport of
 * hqs-case/1 has number, country, issued and expires), else in the document list with what is known.
 */
function layPassport(b: Builder, person: Obj, personIndex: number, p: PersonPatch, docs: Obj[]): void {
  const pp = p.passport;
  if (!pp?.country) return;
  const passports = ((person.passports as Obj[] | undefined) ?? []).map((x) => ({ ...x }));
  const key = passportKey(pp.country, pp.number);
  const i = passports.findIndex((x) => passportKey(String(x.country), String(x.number)) === key);
  const docAt = docs.findIndex(
    (d) =>
      d.type === 'passport' &&
      d.person === person.id &&
      passportKey(String(d.country ?? pp.country), String(d.number ?? '')) === key,
  );
  if (i >= 0 || pp.issued) {
    const at = i >= 0 ? i : passports.length;
    const cur: Obj = i >= 0 ? passports[i]! : { number: pp.number, country: pp.country };
    setIf(cur, 'issued', pp.issued);
    setIf(cur, 'expires', pp.expires);
    passports[at] = cur;
    person.passports = passports;
    passportOrigins(b, `people[${personIndex}].passports[${at}]`, p);
    // A passport first kept as a document, now complete: the document goes.
    if (docAt >= 0 && i < 0) docs.splice(docAt, 1);
    return;
  }
  const doc: Obj =
    docAt >= 0 ? { ...docs[docAt] } : { type: 'passport', person: person.id, number: pp.number, country: pp.country };
  setIf(doc, 'expires', pp.expires);
  const at = docAt >= 0 ? docAt : docs.length;
  docs[at] = doc;
  b.problems.push(
    b.reader.problem(
      p.row,
      'passport.number',
      'passport.issueMissing',
      { column: b.reader.headerOf('passport.issued') },
      'warning',
    ),
  );
}

function eventKey(e: Obj): string {
  return `${String(e.type)}|${String(e.person ?? '')}|${String(e.on)}`;
}

/** Adds or corrects the row's events and documents. */
function layFacts(
  b: Builder,
  patch: CasePatch,
  ids: readonly string[],
  events: Obj[],
  docs: Obj[],
  regions: unknown,
): void {
  for (const f of patch.facts) {
    const personId = ids[f.person]!;
    if (f.kind === 'event') {
      const e: Obj = { ...f.value };
      if (!(PRINCIPAL_EVENTS.has(String(e.type)) && f.person === 0)) e.person = personId;
      const i = events.findIndex((x) => eventKey(x) === eventKey(e));
      const merged = i >= 0 ? { ...events[i], ...e } : e;
      if (merged.type === 'work-permit-issued' && merged.regions === undefined && regions !== undefined)
        merged.regions = regions;
      const at = i >= 0 ? i : events.length;
      events[at] = merged;
      b.at(`events[${at}]`, f.row, f.field);
      for (const [k, field] of Object.entries(f.fields)) b.at(`events[${at}].${k}`, f.row, field);
    } else {
      const d: Obj = { ...f.value, person: personId };
      const i = docs.findIndex(
        (x) =>
          x.type === d.type &&
          x.person === personId &&
          (d.number === undefined || x.number === undefined || x.number === d.number),
      );
      const at = i >= 0 ? i : docs.length;
      docs[at] = i >= 0 ? { ...docs[i], ...d } : d;
      b.at(`documents[${at}]`, f.row, f.field);
      for (const [k, field] of Object.entries(f.fields)) b.at(`documents[${at}].${k}`, f.row, field);
    }
  }
}

function caseOrigins(b: Builder, patch: CasePatch): void {
  const r = patch.principalRow;
  b.at('id', r, 'case.id');
  b.at('employer', r, 'employer.name');
  for (const [path, field] of [
    ['employer.name', 'employer.name'],
    ['employer.inn', 'employer.inn'],
    ['employer.kind', 'employer.kind'],
    ['contract', 'contract.position'],
    ['contract.kind', 'contract.kind'],
    ['contract.position', 'contract.position'],
    ['contract.occupation', 'contract.occupation'],
    ['contract.salary', 'contract.salary'],
    ['contract.salary.amount', 'contract.salary'],
    ['contract.salary.per', 'contract.salaryPer'],
    ['contract.currency', 'contract.currency'],
    ['contract.start', 'contract.start'],
    ['contract.end', 'contract.end'],
    ['contract.regions', 'contract.regions'],
  ] as const)
    b.at(path, r, field);
}

/** The case fields the sheet gives, laid over employer and contract. */
function layCase(employer: Obj, contract: Obj, v: CasePatch['caseValues']): void {
  setIf(employer, 'name', v['employer.name']);
  setIf(employer, 'inn', v['employer.inn']);
  setIf(employer, 'kind', v['employer.kind']);
  setIf(contract, 'kind', v['contract.kind']);
  setIf(contract, 'position', v['contract.position']);
  setIf(contract, 'occupation', v['contract.occupation']);
  if (v['contract.salary'] !== undefined || v['contract.salaryPer'] !== undefined) {
    const salary = { ...((contract.salary as Obj | undefined) ?? {}) };
    setIf(salary, 'amount', v['contract.salary']);
    setIf(salary, 'per', v['contract.salaryPer']);
    contract.salary = salary;
  }
  setIf(contract, 'currency', v['contract.currency']);
  setIf(contract, 'start', v['contract.start']);
  setIf(contract, 'end', v['contract.end']);
  setIf(contract, 'regions', v['contract.regions']);
}

/** A new case from a patch: the sheet's values, the defaults for what it leaves out. */
export function composeNew(patch: CasePatch, reader: RowReader, defaults: ImportDefaults = {}): Composed {
  const b = new Builder(reader);
  const d = { ...BUILTIN_DEFAULTS, ...defaults };
  caseOrigins(b, patch);
  const employer: Obj = { kind: d.employerKind };
  const contract: Obj = { kind: d.contractKind, occupation: d.occupation, salary: { per: d.salaryPer } };
  if (d.regions) contract.regions = d.regions;
  if (d.currency) contract.currency = d.currency;
  layCase(employer, contract, patch.caseValues);
  const used = new Set(patch.people.flatMap((p) => (p.id ? [p.id] : [])));
  let n = 0;
  const ids = patch.people.map((p) => {
    if (p.id) return p.id;
    do n++;
    while (used.has(`p${n}`));
    return `p${n}`;
  });
  const docs: Obj[] = [];
  const people = patch.people.map((p, i) => {
    const person: Obj = { id: ids[i], role: p.principal ? 'principal' : 'family' };
    layPerson(b, person, p, `people[${i}]`);
    return person;
  });
  people.forEach((person, i) => layPassport(b, person, i, patch.people[i]!, docs));
  const events: Obj[] = [];
  layFacts(b, patch, ids, events, docs, contract.regions);
  const value: Obj = { format: 'hqs-case/1' };
  if (patch.externalId) value.id = patch.externalId;
  value.employer = employer;
  value.people = people;
  value.contract = contract;
  if (events.length) value.events = events;
  if (docs.length) value.documents = docs;
  return { value, origins: b.origins, problems: b.problems };
}

function samePassport(person: Obj, docs: readonly Obj[], key: string): boolean {
  const passports = (person.passports as Obj[] | undefined) ?? [];
  if (passports.some((x) => passportKey(String(x.country), String(x.number)) === key)) return true;
  return docs.some(
    (d) =>
      d.type === 'passport' &&
      d.person === person.id &&
      d.country !== undefined &&
      passportKey(String(d.country), String(d.number ?? '')) === key,
  );
}

/** Which stored person a row is: by passport, by id, the principal by role, else by Latin name and birth date. */
function matchPerson(stored: readonly Obj[], docs: readonly Obj[], p: PersonPatch, taken: ReadonlySet<number>): number {
  const free = (i: number) => i >= 0 && !taken.has(i);
  if (p.passportKey) {
    const i = stored.findIndex((s) => samePassport(s, docs, p.passportKey!));
    if (free(i)) return i;
  }
  if (p.id) {
    const i = stored.findIndex((s) => s.id === p.id);
    if (free(i)) return i;
  }
  if (p.principal) {
    const i = stored.findIndex((s) => s.role === 'principal');
    if (free(i)) return i;
  }
  if (p.name.latin && p.birthDate) {
    const latin = p.name.latin.toUpperCase();
    const i = stored.findIndex(
      (s) => String((s.name as Obj).latin).toUpperCase() === latin && s.birthDate === p.birthDate,
    );
    if (free(i)) return i;
  }
  return -1;
}

/** The stored case with what the sheet says laid over it (re-import): a change only where a cell differs. */
export function composeMerged(stored: Case, patch: CasePatch, reader: RowReader): Composed {
  const b = new Builder(reader);
  const c = structuredClone(stored) as unknown as Obj;
  caseOrigins(b, patch);
  if (patch.externalId && c.id === undefined) c.id = patch.externalId;
  const employer = c.employer as Obj;
  const contract = c.contract as Obj;
  layCase(employer, contract, patch.caseValues);
  const people = c.people as Obj[];
  const docs = ((c.documents as Obj[] | undefined) ?? []).map((d) => ({ ...d }));
  const taken = new Set<number>();
  const used = new Set(people.map((p) => String(p.id)));
  let n = 0;
  const ids: string[] = [];
  patch.people.forEach((p) => {
    let i = matchPerson(people, docs, p, taken);
    if (i < 0) {
      let id = p.id;
      if (!id || used.has(id)) {
        do n++;
        while (used.has(`p${n}`));
        id = `p${n}`;
      }
      used.add(id);
      people.push({ id, role: p.principal ? 'principal' : 'family' });
      i = people.length - 1;
    }
    taken.add(i);
    ids.push(String(people[i]!.id));
    layPerson(b, people[i]!, p, `people[${i}]`);
    layPassport(b, people[i]!, i, p, docs);
  });
  const events = ((c.events as Obj[] | undefined) ?? []).map((e) => ({ ...e }));
  layFacts(b, patch, ids, events, docs, contract.regions);
  if (events.length) c.events = events;
  if (docs.length) c.documents = docs;
  return { value: c, origins: b.origins, problems: b.problems };
}

/** The origin of a path: the longest recorded prefix (`people[1].passports[0].expires` → …). */
export function originOf(origins: ReadonlyMap<string, Origin>, path: string): Origin | undefined {
  let p = path;
  for (;;) {
    const o = origins.get(p);
    if (o) return o;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return undefined;
    p = p.slice(0, cut);
  }
}

export interface Checked {
  case?: Case;
  problems: ImportProblem[];
}

/**
 * Checks a composed case with parseCase and the law's tables; each error is put at the row and column
 * its value came from. An error on a cell already reported (a date that could not be read, say, leaves
 * its field out and parseCase would call it missing) is not repeated.
 */
export function checkComposed(
  composed: Composed,
  tables: { countries: ReadonlySet<string>; regions: ReadonlySet<string> },
  reader: RowReader,
  fallbackRow: number,
  reported: ReadonlySet<string>,
): Checked {
  const r = parseCase(composed.value, tables);
  if (r.ok) return { case: r.case, problems: composed.problems };
  const problems = [...composed.problems];
  const seen = new Set<string>();
  for (const e of r.errors) {
    const o = originOf(composed.origins, e.path) ?? { row: fallbackRow, field: null };
    if (o.field && reported.has(`${o.row}:${o.field}`)) continue;
    const missing = /^required\b/.test(e.message) && o.field !== null;
    const inn = e.path === 'employer.inn' && /checksum/.test(e.message);
    const key = missing ? 'required' : inn ? 'inn.checksum' : 'caseFormat';
    const p = o.field
      ? reader.problem(o.row, o.field, key, {
          what: reader.headerOf(o.field),
          value: String((composed.value.employer as Obj | undefined)?.inn ?? ''),
          message: `${e.path}: ${e.message}`,
        })
      : {
          row: o.row,
          column: null,
          severity: 'error' as const,
          code: 'caseFormat',
          message: `${e.path}: ${e.message}`,
        };
    if (key === 'caseFormat') p.code = 'case-format';
    const k = `${p.row}|${p.column}|${p.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    problems.push(p);
  }
  return { problems };
}
