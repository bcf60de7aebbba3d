// From rows to cases: a principal's row and their family's rows (tied by the case id column or the
// principal's passport) become one case patch — what the sheet says about that case, field by field, and
// nothing it does not say. A patch becomes a new hqs-case/1 case (with the defaults) or is laid over a
// stored one on re-import (compose.ts).
import type { FieldId } from './fields.ts';
import { caseFieldsOf, type ImportProblem, type ParsedRow, type RowReader } from './rows.ts';
import { passportKey, type RoleValue } from './values.ts';

export interface PersonPatch {
  row: number;
  principal: boolean;
  relation?: string;
  adopted?: boolean;
  /** The person's id when the sheet has an id column. */
  id?: string;
  name: { latin?: string; cyrillic?: string };
  sex?: string;
  birthDate?: string;
  citizenships?: string[];
  email?: string;
  passport?: { number: string; country?: string; issued?: string; expires?: string };
  /** country:number, the key people are matched by. */
  passportKey?: string;
}

/** An event or a document a row gives, for the person at `person` (index into the patch's people). */
export interface FactPatch {
  row: number;
  /** The field whose cell the fact rests on (its date). */
  field: FieldId;
  person: number;
  kind: 'event' | 'document';
  /** The event or document without `person`; its fields map to cells through `fields`. */
  value: Record<string, unknown>;
  /** Field of the value → the sheet's field it came from. */
  fields: Record<string, FieldId>;
}

export interface CasePatch {
  /** `id:<case id>` or `passport:<country>:<number>` of the principal. */
  key: string;
  externalId?: string;
  principalRow: number;
  rows: number[];
  /** Case fields given on the principal's row (employer.*, contract.*), typed. */
  caseValues: Partial<Record<FieldId, unknown>>;
  people: PersonPatch[];
  facts: FactPatch[];
}

export interface Group {
  key: string;
  rows: ParsedRow[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Whether a row is the principal's (no role column: every row is). */
const isPrincipal = (r: ParsedRow) => r.role.principal;

/**
 * Groups the rows by case: the case id when given, else the principal's passport (family rows point to it
 * in the principal-passport column). Problems for rows that fit no case, second principals and passports
 * that appear twice; such rows are returned with `invalid` keys so their case is refused whole.
 */
export function groupRows(rows: readonly ParsedRow[], reader: RowReader, problems: ImportProblem[]): Group[] {
  const groups = new Map<string, ParsedRow[]>();
  const add = (key: string, r: ParsedRow) => {
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  };
  const seenPassport = new Map<string, number>();
  const principalsByNumber = new Map<string, { key: string; row: number }[]>();
  const keyOf = new Map<ParsedRow, string>();
  // Passports seen twice, and the principals' keys.
  for (const r of rows) {
    const number = str(r.values['passport.number']);
    const country = passportCountry(r);
    if (number && country) {
      const k = passportKey(country, number);
      const first = seenPassport.get(k);
      if (first !== undefined) {
        problems.push(reader.problem(r.row, 'passport.number', 'passport.duplicate', { passport: number, row: first }));
        r.bad.add('passport.number');
      } else seenPassport.set(k, r.row);
    }
    if (!isPrincipal(r)) continue;
    const id = str(r.values['case.id']);
    let key: string | undefined;
    if (id) key = `id:${id}`;
    else if (number && country) key = `passport:${passportKey(country, number)}`;
    if (!key) {
      problems.push(reader.problem(r.row, 'case.id', 'case.keyMissing'));
      key = `invalid:${r.row}`;
    }
    keyOf.set(r, key);
    if (number) {
      const list = principalsByNumber.get(number.replace(/-/g, '')) ?? [];
      list.push({ key, row: r.row });
      principalsByNumber.set(number.replace(/-/g, ''), list);
    }
  }
  for (const r of rows) {
    let key = keyOf.get(r);
    if (key === undefined) {
      const id = str(r.values['case.id']);
      const link = str(r.values['person.principalPassport']);
      if (id) key = `id:${id}`;
      else if (link) {
        const found = principalsByNumber.get(link.replace(/-/g, '')) ?? [];
        if (found.length === 1) key = found[0]!.key;
        else {
          problems.push(
            found.length === 0
              ? reader.problem(r.row, 'person.principalPassport', 'family.principalNotFound', { passport: link })
              : reader.problem(r.row, 'person.principalPassport', 'family.principalAmbiguous', {
                  passport: link,
                  rows: found.map((f) => f.row).join(', '),
                }),
          );
          key = `invalid:${r.row}`;
        }
      } else {
        problems.push(reader.problem(r.row, 'person.role', 'family.noPrincipal'));
        key = `invalid:${r.row}`;
      }
    }
    add(key, r);
  }
  return [...groups].map(([key, rs]) => ({ key, rows: rs }));
}

/** The passport's country: its own column, else the first citizenship. */
function passportCountry(r: ParsedRow): string | undefined {
  return str(r.values['passport.country']) ?? (r.values['person.citizenship'] as string[] | undefined)?.[0];
}

function personOf(r: ParsedRow, reader: RowReader, problems: ImportProblem[]): PersonPatch {
  const v = r.values;
  const role: RoleValue = r.role;
  const p: PersonPatch = { row: r.row, principal: role.principal, name: {} };
  if (!role.principal) {
    p.relation = role.relation;
    if (role.adopted) p.adopted = true;
  }
  const id = str(v['person.id']);
  if (id) p.id = id;
  const latin = str(v['name.latin']);
  const cyr = str(v['name.cyrillic']);
  const any = v['name'] as { script: 'latin' | 'cyrillic'; name: string } | undefined;
  if (latin) p.name.latin = latin;
  if (cyr) p.name.cyrillic = cyr;
  if (any?.script === 'latin') p.name.latin ??= any.name;
  if (any?.script === 'cyrillic') p.name.cyrillic ??= any.name;
  if (!p.name.latin && !r.bad.has('name.latin') && !r.bad.has('name')) {
    if (p.name.cyrillic) {
      problems.push(
        reader.problem(r.row, reader.column('name') ? 'name' : 'name.cyrillic', 'name.latinMissing', {
          column: reader.headerOf('name.latin'),
        }),
      );
      r.bad.add('name.latin');
    }
  }
  const sex = str(v['person.sex']);
  if (sex) p.sex = sex;
  const birth = str(v['person.birthDate']);
  if (birth) p.birthDate = birth;
  const cit = v['person.citizenship'] as string[] | undefined;
  if (cit) p.citizenships = cit;
  const email = str(v['person.email']);
  if (email) p.email = email;
  const number = str(v['passport.number']);
  if (number) {
    const country = passportCountry(r);
    p.passport = { number };
    if (country) {
      p.passport.country = country;
      p.passportKey = passportKey(country, number);
    } else if (!r.bad.has('person.citizenship') && !r.bad.has('passport.country')) {
      problems.push(reader.problem(r.row, 'passport.number', 'passport.countryMissing'));
      r.bad.add('passport.number');
    }
    const issued = str(v['passport.issued']);
    const expires = str(v['passport.expires']);
    if (issued) p.passport.issued = issued;
    if (expires) p.passport.expires = expires;
  }
  return p;
}

/** A row's dated facts: events where the day it happened is known, else documents with their expiry. */
function factsOf(
  r: ParsedRow,
  person: number,
  principal: boolean,
  reader: RowReader,
  problems: ImportProblem[],
): FactPatch[] {
  const v = r.values;
  const out: FactPatch[] = [];
  const warn = (
    field: FieldId,
    key: 'workPermit.asDocument' | 'rp.asDocument' | 'registration.asDocument',
    missing: FieldId,
  ) => problems.push(reader.problem(r.row, field, key, { column: reader.headerOf(missing) }, 'warning'));
  const entry = str(v['entry.date']);
  if (entry)
    out.push({
      row: r.row,
      field: 'entry.date',
      person,
      kind: 'event',
      value: { type: 'entry', on: entry },
      fields: { on: 'entry.date' },
    });
  const regOn = str(v['registration.date']);
  const regUntil = str(v['registration.until']);
  if (regOn)
    out.push({
      row: r.row,
      field: 'registration.date',
      person,
      kind: 'event',
      value: { type: 'registered', on: regOn, ...(regUntil ? { until: regUntil } : {}) },
      fields: { on: 'registration.date', until: 'registration.until' },
    });
  else if (regUntil && !r.bad.has('registration.date')) {
    out.push({
      row: r.row,
      field: 'registration.until',
      person,
      kind: 'document',
      value: { type: 'registration-slip', expires: regUntil },
      fields: { expires: 'registration.until' },
    });
    warn('registration.until', 'registration.asDocument', 'registration.date');
  }
  const rpOn = str(v['rp.issued']);
  const rpUntil = str(v['rp.validUntil']);
  if (rpOn)
    out.push({
      row: r.row,
      field: 'rp.issued',
      person,
      kind: 'event',
      value: { type: 'rp-issued', on: rpOn, ...(rpUntil ? { validUntil: rpUntil } : {}) },
      fields: { on: 'rp.issued', validUntil: 'rp.validUntil' },
    });
  else if (rpUntil && !r.bad.has('rp.issued')) {
    out.push({
      row: r.row,
      field: 'rp.validUntil',
      person,
      kind: 'document',
      value: { type: 'current-rp', expires: rpUntil },
      fields: { expires: 'rp.validUntil' },
    });
    warn('rp.validUntil', 'rp.asDocument', 'rp.issued');
  }
  if (principal) {
    const wpOn = str(v['workPermit.issued']);
    const wpUntil = str(v['workPermit.validUntil']);
    const wpNo = str(v['workPermit.number']);
    if (wpOn) {
      out.push({
        row: r.row,
        field: 'workPermit.issued',
        person,
        kind: 'event',
        // The permit's regions are the contract's (filled in when the case is composed).
        value: { type: 'work-permit-issued', on: wpOn, ...(wpUntil ? { validUntil: wpUntil } : {}) },
        fields: { on: 'workPermit.issued', validUntil: 'workPermit.validUntil', regions: 'contract.regions' },
      });
      // The case format's permit event has no number (src/case): the number goes with the permit card.
      if (wpNo)
        out.push({
          row: r.row,
          field: 'workPermit.number',
          person,
          kind: 'document',
          value: { type: 'work-permit-card', number: wpNo, issued: wpOn, ...(wpUntil ? { expires: wpUntil } : {}) },
          fields: { number: 'workPermit.number', issued: 'workPermit.issued', expires: 'workPermit.validUntil' },
        });
    } else if (wpUntil && !r.bad.has('workPermit.issued')) {
      out.push({
        row: r.row,
        field: 'workPermit.validUntil',
        person,
        kind: 'document',
        value: { type: 'work-permit-card', expires: wpUntil, ...(wpNo ? { number: wpNo } : {}) },
        fields: { expires: 'workPermit.validUntil', number: 'workPermit.number' },
      });
      warn('workPermit.validUntil', 'workPermit.asDocument', 'workPermit.issued');
    }
  }
  return out;
}

/** The patch of one group of rows; problems for a group without exactly one principal. */
export function patchOf(g: Group, reader: RowReader, problems: ImportProblem[]): CasePatch | undefined {
  const principals = g.rows.filter(isPrincipal);
  if (g.key.startsWith('invalid:')) return undefined;
  if (principals.length === 0) {
    for (const r of g.rows)
      problems.push(reader.problem(r.row, 'person.role', 'case.noPrincipal', { key: g.key.replace(/^\w+:/, '') }));
    return undefined;
  }
  const principal = principals[0]!;
  for (const extra of principals.slice(1))
    problems.push(
      reader.problem(extra.row, 'person.role', 'case.twoPrincipals', {
        key: g.key.replace(/^\w+:/, ''),
        row: principal.row,
      }),
    );
  if (principals.length > 1) return undefined;
  const ordered = [principal, ...g.rows.filter((r) => r !== principal)];
  const caseValues: Partial<Record<FieldId, unknown>> = {};
  for (const f of caseFieldsOf(principal.values)) caseValues[f] = principal.values[f];
  for (const r of ordered.slice(1))
    for (const f of caseFieldsOf(r.values))
      if (JSON.stringify(r.values[f]) !== JSON.stringify(principal.values[f]))
        problems.push(reader.problem(r.row, f, 'case.differs', { row: principal.row }, 'warning'));
  const people = ordered.map((r) => personOf(r, reader, problems));
  const facts = ordered.flatMap((r, i) => factsOf(r, i, i === 0, reader, problems));
  const id = str(principal.values['case.id']);
  return {
    key: g.key,
    ...(id ? { externalId: id } : {}),
    principalRow: principal.row,
    rows: ordered.map((r) => r.row),
    caseValues,
    people,
    facts,
  };
}
