// The case's events read once into a timeline the rules can query: sorted by date (then by a stable key)
// so that the result never depends on the order events were written in.
import type { Case, CaseEvent, Person } from '../case/index.ts';
import type { IsoDate } from '../calendar/date.ts';

export type EventOf<T extends CaseEvent['type']> = Extract<CaseEvent, { type: T }>;

export interface Stay {
  /** Entry date, or undefined when the person was already in Russia when the case begins. */
  entry?: IsoDate;
  /** Exit date, or undefined while the person is still in Russia. */
  exit?: IsoDate;
}

export interface Trip {
  exit: IsoDate;
  /** The entry that ended the trip; undefined while the person is still abroad. */
  entry?: IsoDate;
}

export interface PersonFacts {
  person: Person;
  entries: IsoDate[];
  exits: IsoDate[];
  /** Trips abroad (exit → entry), sorted. */
  trips: Trip[];
  registrations: EventOf<'registered'>[];
  moves: IsoDate[];
  rpFiled: IsoDate[];
  rpIssued: EventOf<'rp-issued'>[];
  rpAnnual: EventOf<'rp-annual-notification-filed'>[];
  invitations: EventOf<'invitation-issued'>[];
  visas: EventOf<'visa-issued'>[];
  passportRenewals: EventOf<'passport-renewed'>[];
  citizenshipFiled: IsoDate[];
  citizenshipGranted: IsoDate[];
}

export interface CaseFacts {
  principal: Person;
  family: Person[];
  people: Map<string, PersonFacts>;
  /** The events dated on or before the evaluation date, in order: the facts. */
  events: CaseEvent[];
  /** Events dated after the evaluation date: not facts on that date, left out (and said so in a note). */
  ignored: CaseEvent[];
  employerRegistered?: IsoDate;
  contractSigned: IsoDate[];
  contractTerminated: IsoDate[];
  permitFiled: IsoDate[];
  permitIssued: EventOf<'work-permit-issued'>[];
  permitCollected: IsoDate[];
  extensionFiled: IsoDate[];
  permitExtended: EventOf<'work-permit-extended'>[];
  permitCancelled: IsoDate[];
  notifications: EventOf<'notification-filed'>[];
  salaryPaid: EventOf<'salary-paid'>[];
  insurance: EventOf<'insurance'>[];
}

function personOf(e: CaseEvent): string {
  // A plain read rather than `'person' in e`: the same answer (undefined where there is no such field), faster.
  const p = (e as { person?: string }).person;
  return p ? p : '';
}

/** Date, then type, then person; only events equal in all three are compared by their whole content. */
function compareEvents(a: CaseEvent, b: CaseEvent): number {
  if (a.on !== b.on) return a.on < b.on ? -1 : 1;
  if (a.type !== b.type) return a.type < b.type ? -1 : 1;
  const pa = personOf(a);
  const pb = personOf(b);
  if (pa !== pb) return pa < pb ? -1 : 1;
  const ja = JSON.stringify(a);
  const jb = JSON.stringify(b);
  return ja < jb ? -1 : ja > jb ? 1 : 0;
}

function byDate<T extends { on: IsoDate }>(a: T, b: T): number {
  return a.on < b.on ? -1 : a.on > b.on ? 1 : 0;
}

// Every event type, in the order `<` puts them (the order compareEvents sorts types in).
const EVENT_TYPES_SORTED = [
  'citizenship-filed',
  'citizenship-granted',
  'contract-signed',
  'contract-terminated',
  'employer-registered',
  'entry',
  'exit',
  'insurance',
  'invitation-issued',
  'moved',
  'notification-filed',
  'passport-renewed',
  'registered',
  'rp-annual-notification-filed',
  'rp-filed',
  'rp-issued',
  'salary-paid',
  'visa-issued',
  'work-permit-cancelled',
  'work-permit-collected',
  'work-permit-extended',
  'work-permit-extension-filed',
  'work-permit-filed',
  'work-permit-issued',
] as const satisfies readonly CaseEvent['type'][];
// Compile-time check that the list names every event type.
const EVERY_TYPE_LISTED: Exclude<CaseEvent['type'], (typeof EVENT_TYPES_SORTED)[number]> extends never ? true : never =
  true;
void EVERY_TYPE_LISTED;
const TYPE_NAMES: readonly CaseEvent['type'][] = [...EVENT_TYPES_SORTED].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
const TYPE_RANK: ReadonlyMap<string, number> = new Map(TYPE_NAMES.map((t, i) => [t, i]));

/** YYYY-MM-DD as the number YYYYMMDD (which orders as the string does), or -1 for any other form. */
function dateKey(on: unknown): number {
  if (typeof on !== 'string' || on.length !== 10 || on.charCodeAt(4) !== 45 || on.charCodeAt(7) !== 45) return -1;
  let k = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const d = on.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    k = k * 10 + d;
  }
  return k;
}

/** The events in order, with each one's type (rank in TYPE_NAMES, -1 when unknown) and `person` ('' when none). */
interface Ordered {
  events: CaseEvent[];
  types: number[];
  persons: string[];
}

// Scratch space of orderEvents, reused between calls (it runs to completion and never re-enters).
let keys = new Float64Array(64);
let order = new Int32Array(64);
let typeAt = new Int32Array(64);
let personAt = new Int32Array(64);

/**
 * The events in compareEvents order, as a stable sort would leave them. Date, type and person are packed
 * into one number per event, so the sort compares numbers; events equal in all three are then ordered by
 * their content, as compareEvents does. Any event outside what the packing covers (a date not in
 * YYYY-MM-DD form, an unknown type or person) sorts the plain way.
 */
function orderEvents(src: readonly CaseEvent[], people: readonly Person[]): Ordered {
  const n = src.length;
  // The person ids and '' (no person), sorted (an insertion sort: a handful of people).
  const ids = [''];
  for (const p of people) {
    const id = p.id;
    let j = ids.length - 1;
    while (j >= 0 && (ids[j] as string) > id) {
      ids[j + 1] = ids[j] as string;
      j--;
    }
    ids[j + 1] = id;
  }
  const personRank = new Map<string, number>();
  const rankedIds: string[] = [];
  for (const id of ids) {
    if (personRank.has(id)) continue;
    personRank.set(id, rankedIds.length);
    rankedIds.push(id);
  }
  const np = rankedIds.length;
  if (keys.length < n) {
    const size = Math.max(n, 2 * keys.length);
    keys = new Float64Array(size);
    order = new Int32Array(size);
    typeAt = new Int32Array(size);
    personAt = new Int32Array(size);
  }
  for (let i = 0; i < n; i++) {
    const e = src[i] as CaseEvent;
    const dk = dateKey(e.on);
    const tr = TYPE_RANK.get(e.type);
    const pr = personRank.get(personOf(e));
    if (dk < 0 || tr === undefined || pr === undefined) return orderPlainly(src);
    keys[i] = (dk * 32 + tr) * np + pr;
    order[i] = i;
    typeAt[i] = tr;
    personAt[i] = pr;
  }
  // Insertion sort, stable: case files list events roughly in date order, so there are few inversions.
  for (let i = 1; i < n; i++) {
    const x = keys[i] as number;
    const xi = order[i] as number;
    let j = i - 1;
    while (j >= 0 && (keys[j] as number) > x) {
      keys[j + 1] = keys[j] as number;
      order[j + 1] = order[j] as number;
      j--;
    }
    keys[j + 1] = x;
    order[j + 1] = xi;
  }
  const events = new Array<CaseEvent>(n);
  const types = new Array<number>(n);
  const persons = new Array<string>(n);
  let groupStart = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    events[k] = src[i] as CaseEvent;
    types[k] = typeAt[i] as number;
    persons[k] = rankedIds[personAt[i] as number] as string;
    if (k > 0 && keys[k] !== keys[k - 1]) {
      if (k - groupStart > 1) byContent(events, groupStart, k);
      groupStart = k;
    }
  }
  if (n - groupStart > 1) byContent(events, groupStart, n);
  return { events, types, persons };
}

function orderPlainly(src: readonly CaseEvent[]): Ordered {
  const events = [...src].sort(compareEvents);
  return { events, types: events.map((e) => TYPE_RANK.get(e.type) ?? -1), persons: events.map(personOf) };
}

/** Events equal in date, type and person (in their input order): stably by their whole content. */
function byContent(out: CaseEvent[], from: number, to: number): void {
  const group = out.slice(from, to).map((e) => ({ e, j: JSON.stringify(e) }));
  group.sort((a, b) => (a.j < b.j ? -1 : a.j > b.j ? 1 : 0));
  for (let k = from; k < to; k++) out[k] = (group[k - from] as { e: CaseEvent }).e;
}

/**
 * The case's events as facts on `asOf`: an event dated after it has not happened yet on that date (a typo, a
 * plan written as an event, or an evaluation of the past) and is left out, listed in `ignored`.
 */
export function readFacts(c: Case, asOf: IsoDate): CaseFacts {
  const principal = c.people.find((p) => p.role === 'principal') as Person;
  const family = c.people.filter((p) => p.role !== 'principal');
  const all = c.events ?? [];
  let happened: readonly CaseEvent[] = all;
  const ignored: CaseEvent[] = [];
  for (const e of all) if (e.on > asOf) ignored.push(e);
  if (ignored.length > 0) happened = all.filter((e) => e.on <= asOf);
  const { events, types, persons } = orderEvents(happened, c.people);
  const people = new Map<string, PersonFacts>();
  for (const p of c.people) {
    people.set(p.id, {
      person: p,
      entries: [],
      exits: [],
      trips: [],
      registrations: [],
      moves: [],
      rpFiled: [],
      rpIssued: [],
      rpAnnual: [],
      invitations: [],
      visas: [],
      passportRenewals: [],
      citizenshipFiled: [],
      citizenshipGranted: [],
    });
  }
  const facts: CaseFacts = {
    principal,
    family,
    people,
    events,
    ignored: ignored.length > 1 ? orderEvents(ignored, c.people).events : ignored,
    employerRegistered:
      c.employer.hqsRegistered !== undefined && c.employer.hqsRegistered <= asOf ? c.employer.hqsRegistered : undefined,
    contractSigned: [],
    contractTerminated: [],
    permitFiled: [],
    permitIssued: [],
    permitCollected: [],
    extensionFiled: [],
    permitExtended: [],
    permitCancelled: [],
    notifications: [],
    salaryPaid: [],
    insurance: [],
  };
  for (let k = 0; k < events.length; k++) {
    const e = events[k] as CaseEvent;
    // Events that concern one person default to the principal when `person` is omitted.
    const pid = (persons[k] as string) || principal.id;
    // The type's name from the list: the same text as e.type (which the sort has already read).
    switch (TYPE_NAMES[types[k] as number]) {
      case 'employer-registered':
        if (!facts.employerRegistered || e.on < facts.employerRegistered) facts.employerRegistered = e.on;
        break;
      case 'contract-signed':
        facts.contractSigned.push(e.on);
        break;
      case 'contract-terminated':
        facts.contractTerminated.push(e.on);
        break;
      case 'work-permit-filed':
        facts.permitFiled.push(e.on);
        break;
      case 'work-permit-issued':
        facts.permitIssued.push(e as EventOf<'work-permit-issued'>);
        break;
      case 'work-permit-collected':
        facts.permitCollected.push(e.on);
        break;
      case 'work-permit-extension-filed':
        facts.extensionFiled.push(e.on);
        break;
      case 'work-permit-extended':
        facts.permitExtended.push(e as EventOf<'work-permit-extended'>);
        break;
      case 'work-permit-cancelled':
        facts.permitCancelled.push(e.on);
        break;
      case 'invitation-issued':
        (people.get(pid) as PersonFacts).invitations.push(e as EventOf<'invitation-issued'>);
        break;
      case 'visa-issued':
        (people.get(pid) as PersonFacts).visas.push(e as EventOf<'visa-issued'>);
        break;
      case 'entry':
        (people.get(pid) as PersonFacts).entries.push(e.on);
        break;
      case 'exit':
        (people.get(pid) as PersonFacts).exits.push(e.on);
        break;
      case 'registered':
        (people.get(pid) as PersonFacts).registrations.push(e as EventOf<'registered'>);
        break;
      case 'moved':
        (people.get(pid) as PersonFacts).moves.push(e.on);
        break;
      case 'notification-filed':
        facts.notifications.push(e as EventOf<'notification-filed'>);
        break;
      case 'salary-paid':
        facts.salaryPaid.push(e as EventOf<'salary-paid'>);
        break;
      case 'insurance':
        facts.insurance.push(e as EventOf<'insurance'>);
        break;
      case 'rp-filed':
        (people.get(pid) as PersonFacts).rpFiled.push(e.on);
        break;
      case 'rp-issued':
        (people.get(pid) as PersonFacts).rpIssued.push(e as EventOf<'rp-issued'>);
        break;
      case 'rp-annual-notification-filed':
        (people.get(pid) as PersonFacts).rpAnnual.push(e as EventOf<'rp-annual-notification-filed'>);
        break;
      case 'passport-renewed':
        (people.get(pid) as PersonFacts).passportRenewals.push(e as EventOf<'passport-renewed'>);
        break;
      case 'citizenship-filed':
        (people.get(pid) as PersonFacts).citizenshipFiled.push(e.on);
        break;
      case 'citizenship-granted':
        (people.get(pid) as PersonFacts).citizenshipGranted.push(e.on);
        break;
    }
  }
  for (const pf of people.values()) pf.trips = tripsOf(pf.entries, pf.exits);
  facts.permitIssued.sort(byDate);
  facts.permitExtended.sort(byDate);
  return facts;
}

/** Pairs each exit with the first entry after it. An entry with no exit before it is the first arrival. */
export function tripsOf(entries: readonly IsoDate[], exits: readonly IsoDate[]): Trip[] {
  const trips: Trip[] = [];
  let i = 0;
  for (const exit of exits) {
    while (i < entries.length && (entries[i] as IsoDate) <= exit) i++;
    const entry = entries[i];
    trips.push(entry === undefined ? { exit } : { exit, entry });
    if (entry !== undefined) i++;
  }
  return trips;
}

/** The last border crossing of a person on or before a date: where were they? */
export function inRussiaOn(pf: PersonFacts, date: IsoDate, startsInRussia: boolean): boolean {
  let lastEntry: IsoDate | undefined;
  let lastExit: IsoDate | undefined;
  for (const d of pf.entries) if (d <= date) lastEntry = d;
  for (const d of pf.exits) if (d <= date) lastExit = d;
  if (lastEntry === undefined && lastExit === undefined) return startsInRussia;
  if (lastExit === undefined) return true;
  if (lastEntry === undefined) return false;
  return lastEntry > lastExit;
}
