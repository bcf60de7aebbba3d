// Rules of the case file that involve more than one field or an outside table: countries and regions,
// references between people and events, date order, the single principal, event-specific requirements.
// They read the raw input defensively (it may be anything), so they run even when the schema already
// found errors elsewhere, and every problem is reported in one pass. A value of the wrong shape is left
// to the schema (it reports it); these rules skip it, so one mistake is never reported twice.
import {
  NOTIFICATION_KINDS,
  PERSON_EVENT_TYPES,
  PRINCIPAL_EVENT_TYPES,
  RELATIONS,
  type CaseEventType,
} from './schema.ts';

export type PathSegment = string | number;

/** A problem found by a rule, at a path of segments (formatted by parse.ts). */
export interface RawIssue {
  path: PathSegment[];
  message: string;
  /** The stable code (docs/api.md "Problem codes"); `invalid` when not given. */
  code?: string;
  params?: Record<string, string | number>;
}

export interface CheckTables {
  /** ISO 3166-1 alpha-2 codes accepted as countries. */
  countries: ReadonlySet<string>;
  /** ISO 3166-2:RU codes accepted as Russian regions. */
  regions: ReadonlySet<string>;
}

type Rec = Record<string, unknown>;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const COUNTRY_SHAPE = /^[A-Z]{2}$/;
const REGION_SHAPE = /^RU-[A-Z0-9]{1,3}$/;
const QUARTER = /^\d{4}-Q[1-4]$/;

/** Codes people write for a country that ISO 3166-1 spells otherwise. */
const COUNTRY_ALIASES: Readonly<Record<string, string>> = { UK: 'GB', EL: 'GR' };

const principalTypes: ReadonlySet<string> = new Set(PRINCIPAL_EVENT_TYPES);
const personTypes: ReadonlySet<string> = new Set(PERSON_EVENT_TYPES);

function rec(v: unknown): Rec | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined;
}

function get(o: Rec | undefined, key: string): unknown {
  return o !== undefined && Object.hasOwn(o, key) ? o[key] : undefined;
}

function has(o: Rec | undefined, key: string): boolean {
  return o !== undefined && Object.hasOwn(o, key) && o[key] !== undefined;
}

function list(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** True when `s` is a real calendar date written as YYYY-MM-DD (2025-02-30 is not). */
export function isRealIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
}

/** The value as a date when it is a real ISO date, else undefined (the schema reports bad dates). */
function date(v: unknown): string | undefined {
  return typeof v === 'string' && isRealIsoDate(v) ? v : undefined;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function at(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (!PLAIN_KEY.test(seg)) out += `[${JSON.stringify(seg)}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

export function crossFieldIssues(raw: unknown, tables: CheckTables): RawIssue[] {
  const issues: RawIssue[] = [];
  const push = (path: PathSegment[], message: string, code = 'invalid', params?: Record<string, string>): void => {
    issues.push({ path, message, code, ...(params ? { params } : {}) });
  };
  const root = rec(raw);
  if (root === undefined) return issues;

  const country = (v: unknown, path: PathSegment[]): void => {
    const code = str(v);
    if (code === undefined || !COUNTRY_SHAPE.test(code) || tables.countries.has(code)) return;
    const alias = COUNTRY_ALIASES[code];
    const hint = alias !== undefined && tables.countries.has(alias) ? `; did you mean "${alias}"?` : '';
    push(path, `unknown country code "${code}" (expected ISO 3166-1 alpha-2)${hint}`, 'country.unknown', {
      value: code,
    });
  };
  const region = (v: unknown, path: PathSegment[]): void => {
    const code = str(v);
    if (code === undefined || !REGION_SHAPE.test(code) || tables.regions.has(code)) return;
    push(path, `unknown region code "${code}" (expected ISO 3166-2:RU, e.g. "RU-MOW")`, 'region.unknown', {
      value: code,
    });
  };
  /** `later` must be strictly after `earlier` (both real dates, else the schema has reported them). */
  const after = (earlier: unknown, later: unknown, path: PathSegment[], what: string): void => {
    const a = date(earlier);
    const b = date(later);
    if (a !== undefined && b !== undefined && b <= a)
      push(path, `must be after ${what} (${a})`, 'date.after', { date: a });
  };
  /** `later` must be on or after `earlier`. */
  const notBefore = (earlier: unknown, later: unknown, path: PathSegment[], what: string): void => {
    const a = date(earlier);
    const b = date(later);
    if (a !== undefined && b !== undefined && b < a)
      push(path, `must not be before ${what} (${a})`, 'date.not-before', { date: a });
  };

  // ——— Employer ———
  const employer = rec(get(root, 'employer'));
  region(get(employer, 'region'), ['employer', 'region']);
  const employerKind = str(get(employer, 'kind'));
  if (has(employer, 'sezType') && employerKind !== undefined && employerKind !== 'special-economic-zone') {
    push(
      ['employer', 'sezType'],
      `only applies to kind: special-economic-zone (this employer's kind is ${employerKind})`,
    );
  }

  // ——— People ———
  const people = list(get(root, 'people'));
  const idIndex = new Map<string, number>();
  const birthById = new Map<string, { index: number; birth: string }>();
  const principals: number[] = [];
  people.forEach((value, i) => {
    const p = rec(value);
    if (p === undefined) return;
    const id = str(get(p, 'id'));
    if (id !== undefined) {
      const first = idIndex.get(id);
      if (first !== undefined)
        push(['people', i, 'id'], `duplicate id "${id}" (also people[${first}].id)`, 'id.duplicate');
      else idIndex.set(id, i);
    }
    const birth = date(get(p, 'birthDate'));
    if (id !== undefined && birth !== undefined && !birthById.has(id)) birthById.set(id, { index: i, birth });

    const role = str(get(p, 'role'));
    if (role === 'principal') {
      principals.push(i);
      for (const key of ['relation', 'adopted', 'incapacitated']) {
        if (has(p, key)) push(['people', i, key], `only family members have ${key} (this person is the principal)`);
      }
    } else if (role === 'family' && !has(p, 'relation')) {
      push(['people', i, 'relation'], `required for a family member: one of ${RELATIONS.join(', ')}`, 'required');
    }

    list(get(p, 'citizenships')).forEach((c, j) => country(c, ['people', i, 'citizenships', j]));
    country(get(p, 'residenceCountry'), ['people', i, 'residenceCountry']);
    list(get(p, 'passports')).forEach((value2, k) => {
      const passport = rec(value2);
      if (passport === undefined) return;
      const base: PathSegment[] = ['people', i, 'passports', k];
      country(get(passport, 'country'), [...base, 'country']);
      after(get(passport, 'issued'), get(passport, 'expires'), [...base, 'expires'], 'issued');
      notBefore(birth, get(passport, 'issued'), [...base, 'issued'], 'the birth date');
    });
  });
  if (people.length > 0 && principals.length === 0 && people.some((p) => rec(p) !== undefined)) {
    push(['people'], 'no principal: exactly one person needs role: principal', 'person.no-principal');
  }
  const firstPrincipal = principals[0];
  for (const i of principals.slice(1)) {
    push(
      ['people', i, 'role'],
      `a second principal (people[${firstPrincipal}] is the principal); a case has exactly one`,
      'person.second-principal',
    );
  }
  const principalId = firstPrincipal === undefined ? undefined : str(get(rec(people[firstPrincipal]), 'id'));
  const knownIds = (): string => (idIndex.size > 0 ? ` (known ids: ${[...idIndex.keys()].join(', ')})` : '');
  /** Reports a `person` that names nobody; returns the id when it names someone. */
  const reference = (v: unknown, path: PathSegment[]): string | undefined => {
    const id = str(v);
    if (id === undefined) return undefined;
    if (!idIndex.has(id)) {
      push(path, `no person with id "${id}"${knownIds()}`, 'person.unknown');
      return undefined;
    }
    return id;
  };

  // ——— Contract ———
  const contract = rec(get(root, 'contract'));
  list(get(contract, 'regions')).forEach((r, i) => region(r, ['contract', 'regions', i]));
  after(get(contract, 'start'), get(contract, 'end'), ['contract', 'end'], 'contract.start');

  // ——— Events ———
  /** Per person id: the earliest event (index, date) that concerns them. */
  const earliest = new Map<string, { index: number; on: string; type: string }>();
  list(get(root, 'events')).forEach((value, i) => {
    const e = rec(value);
    if (e === undefined) return;
    const type = str(get(e, 'type'));
    if (type === undefined || (!principalTypes.has(type) && !personTypes.has(type) && type !== 'employer-registered'))
      return;
    const path = (key: string): PathSegment[] => ['events', i, key];
    const on = date(get(e, 'on'));

    let concerns: string | undefined;
    if (principalTypes.has(type) || personTypes.has(type)) {
      const id = reference(get(e, 'person'), path('person'));
      if (id !== undefined && principalTypes.has(type) && principalId !== undefined && id !== principalId) {
        push(path('person'), `a ${type} event concerns the principal (${principalId}), not ${id}`);
      }
      concerns = id ?? (principalTypes.has(type) && !has(e, 'person') ? principalId : undefined);
    }
    if (concerns !== undefined && on !== undefined) {
      const seen = earliest.get(concerns);
      if (seen === undefined || on < seen.on) earliest.set(concerns, { index: i, on, type });
    }

    switch (type as CaseEventType) {
      case 'work-permit-issued':
        list(get(e, 'regions')).forEach((r, j) => region(r, ['events', i, 'regions', j]));
        notBefore(on, get(e, 'validUntil'), path('validUntil'), 'the event date');
        break;
      case 'work-permit-extended':
      case 'invitation-issued':
        notBefore(on, get(e, 'validUntil'), path('validUntil'), 'the event date');
        break;
      case 'registered':
        notBefore(on, get(e, 'until'), path('until'), 'the event date');
        break;
      case 'visa-issued':
      case 'insurance':
        notBefore(get(e, 'validFrom'), get(e, 'validUntil'), path('validUntil'), 'validFrom');
        break;
      case 'notification-filed': {
        const kind = str(get(e, 'kind'));
        if (kind === 'salary' && !has(e, 'period')) {
          push(path('period'), 'required for a salary notification: a quarter as YYYY-Qn (e.g. "2026-Q1")', 'required');
        } else if (
          kind !== undefined &&
          kind !== 'salary' &&
          (NOTIFICATION_KINDS as readonly string[]).includes(kind) &&
          has(e, 'period')
        ) {
          const period = str(get(e, 'period'));
          if (period !== undefined && QUARTER.test(period)) {
            push(path('period'), `only a salary notification has a period (this one is ${kind})`);
          }
        }
        break;
      }
      case 'rp-issued': {
        const indefinite = get(e, 'indefinite');
        const hasUntil = has(e, 'validUntil');
        if (indefinite === true && hasUntil) {
          push(path('indefinite'), 'give either validUntil or indefinite: true, not both');
        } else if (!hasUntil && (indefinite === undefined || indefinite === false)) {
          push(path('validUntil'), 'required unless indefinite: true (a date as YYYY-MM-DD)', 'required');
        }
        notBefore(on, get(e, 'validUntil'), path('validUntil'), 'the event date');
        notBefore(on, get(e, 'received'), path('received'), 'the event date (the day it was issued)');
        break;
      }
      case 'passport-renewed':
        after(get(e, 'issued'), get(e, 'expires'), path('expires'), 'issued');
        break;
      default:
        break;
    }
  });
  for (const [id, first] of earliest) {
    const person = birthById.get(id);
    if (person !== undefined && first.on < person.birth) {
      push(
        ['people', person.index, 'birthDate'],
        `${person.birth} is after events[${first.index}] (${first.type} on ${first.on}); a person cannot take part in events before birth`,
        'date.birth-after-event',
        { date: first.on },
      );
    }
  }

  // ——— Documents ———
  list(get(root, 'documents')).forEach((value, i) => {
    const d = rec(value);
    if (d === undefined) return;
    const id = reference(get(d, 'person'), ['documents', i, 'person']);
    country(get(d, 'country'), ['documents', i, 'country']);
    after(get(d, 'issued'), get(d, 'expires'), ['documents', i, 'expires'], 'issued');
    const birth = id === undefined ? undefined : birthById.get(id)?.birth;
    notBefore(birth, get(d, 'issued'), ['documents', i, 'issued'], `the birth date of ${id ?? ''}`);
  });

  return issues;
}

/** `people[0].birthDate` from ['people', 0, 'birthDate']. */
export const formatPath = at;

/**
 * Events dated after `latest` (the writer's today, plus a day for time zones): every event type records
 * something that has happened, so one dated in the future is a mistake (a plan belongs elsewhere). Only the
 * events at `indexes` are checked when given (an edit is refused for what it changes, not for old data).
 */
export function eventsAfter(
  c: { events?: readonly { on: string }[] | undefined },
  latest: string,
  indexes?: readonly number[],
): { path: string; message: string; code: string; params: { latest: string } }[] {
  const out: { path: string; message: string; code: string; params: { latest: string } }[] = [];
  (c.events ?? []).forEach((e, i) => {
    if (indexes !== undefined && !indexes.includes(i)) return;
    if (e.on > latest)
      out.push({
        path: `events[${i}].on`,
        message: `${e.on} is in the future (latest allowed ${latest}): an event records what has happened — record it on the day it happens`,
        code: 'date.future-event',
        params: { latest },
      });
  });
  return out;
}
