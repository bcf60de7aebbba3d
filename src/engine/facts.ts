// The case's events read once into a timeline the rules can query: sorted by date (then by a stable key)
// so that the result never depends on the order events were written in.
import type { Case, CaseEvent, Person } from '../case/index.ts';
import type { IsoDate } from '../calendar/date.ts';
import { SEZ_TYPES, type CategoryFacts } from '../law/category.ts';

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
  /** The facts by event type, each list in date order. */
  byType: Map<CaseEvent['type'], CaseEvent[]>;
  /** The readings of the case that pick its salary-threshold categories (thresholdReadings), read once. */
  readings: readonly CategoryFacts[];
}

/**
 * The facts that pick the threshold categories (115-FZ art. 13.2 p.1): one reading of the case, or — for an SEZ
 * resident whose zone type the case does not give — one per zone type (a missing fact never makes the engine
 * stricter: every category some zone type would give is considered).
 */
export function thresholdReadings(c: Case): readonly CategoryFacts[] {
  const facts: CategoryFacts = {
    employerKind: c.employer.kind,
    occupation: c.contract.occupation,
    sezType: c.employer.sezType,
    internationalMedicalCluster: c.employer.internationalMedicalCluster,
    siriusPriorityArea: c.employer.siriusPriorityArea,
    regions: c.contract.regions,
  };
  if (facts.employerKind !== 'special-economic-zone' || facts.sezType !== undefined) return [facts];
  return SEZ_TYPES.map((sezType) => ({ ...facts, sezType }));
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

/** The list is in compareEvents order already (a stable sort would leave it as it is). */
function inOrder(list: readonly CaseEvent[]): boolean {
  for (let i = 1; i < list.length; i++)
    if (compareEvents(list[i - 1] as CaseEvent, list[i] as CaseEvent) > 0) return false;
  return true;
}

function byDate<T extends { on: IsoDate }>(a: T, b: T): number {
  return a.on < b.on ? -1 : a.on > b.on ? 1 : 0;
}

/** The first fact of a type (for one person, where `person` is given) on or after a date, with these `fields`. */
export function firstEvent(
  f: CaseFacts,
  type: CaseEvent['type'],
  person?: string,
  onOrAfter?: IsoDate,
  fields?: Readonly<Record<string, unknown>>,
): CaseEvent | undefined {
  const list = f.byType.get(type);
  if (list === undefined) return undefined;
  outer: for (const e of list) {
    if (onOrAfter !== undefined && e.on < onOrAfter) continue;
    if (person !== undefined && (personOf(e) || f.principal.id) !== person) continue;
    if (fields) for (const k in fields) if ((e as Record<string, unknown>)[k] !== fields[k]) continue outer;
    return e;
  }
  return undefined;
}

/**
 * The case's events as facts on `asOf`: an event dated after it has not happened yet on that date (a typo, a
 * plan written as an event, or an evaluation of the past) and is left out, listed in `ignored`.
 */
export function readFacts(c: Case, asOf: IsoDate): CaseFacts {
  const principal = c.people.find((p) => p.role === 'principal') as Person;
  const family = c.people.filter((p) => p.role !== 'principal');
  // The events that happened by asOf, by type, each list in the order compareEvents gives: sorting a few short
  // lists (a case mostly lists each type in date order already) rather than every event at once.
  const byType = new Map<CaseEvent['type'], CaseEvent[]>();
  const ignored: CaseEvent[] = [];
  for (const e of c.events ?? []) {
    if (e.on > asOf) {
      ignored.push(e);
      continue;
    }
    const list = byType.get(e.type);
    if (list === undefined) byType.set(e.type, [e]);
    else list.push(e);
  }
  for (const list of byType.values()) if (!inOrder(list)) list.sort(compareEvents);
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
    ignored: ignored.sort(compareEvents),
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
    byType,
    readings: thresholdReadings(c),
  };
  for (const list of byType.values()) {
    for (const e of list) fileEvent(facts, e);
  }
  for (const pf of people.values()) pf.trips = tripsOf(pf.entries, pf.exits);
  facts.permitIssued.sort(byDate);
  facts.permitExtended.sort(byDate);
  return facts;
}

/** Files one event under the case or the person it concerns. */
function fileEvent(facts: CaseFacts, e: CaseEvent): void {
  const { people, principal } = facts;
  // Events that concern one person default to the principal when `person` is omitted.
  const pid = personOf(e) || principal.id;
  switch (e.type) {
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
