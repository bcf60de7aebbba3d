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
  events: CaseEvent[];
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
  return 'person' in e && e.person ? e.person : '';
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

export function readFacts(c: Case): CaseFacts {
  const principal = c.people.find((p) => p.role === 'principal') as Person;
  const family = c.people.filter((p) => p.role !== 'principal');
  const events = [...(c.events ?? [])].sort(compareEvents);
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
    employerRegistered: c.employer.hqsRegistered,
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
  // Events that concern one person default to the principal when `person` is omitted.
  const of = (e: CaseEvent): PersonFacts => people.get(('person' in e && e.person) || principal.id) as PersonFacts;
  for (const e of events) {
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
        facts.permitIssued.push(e);
        break;
      case 'work-permit-collected':
        facts.permitCollected.push(e.on);
        break;
      case 'work-permit-extension-filed':
        facts.extensionFiled.push(e.on);
        break;
      case 'work-permit-extended':
        facts.permitExtended.push(e);
        break;
      case 'work-permit-cancelled':
        facts.permitCancelled.push(e.on);
        break;
      case 'invitation-issued':
        of(e).invitations.push(e);
        break;
      case 'visa-issued':
        of(e).visas.push(e);
        break;
      case 'entry':
        of(e).entries.push(e.on);
        break;
      case 'exit':
        of(e).exits.push(e.on);
        break;
      case 'registered':
        of(e).registrations.push(e);
        break;
      case 'moved':
        of(e).moves.push(e.on);
        break;
      case 'notification-filed':
        facts.notifications.push(e);
        break;
      case 'salary-paid':
        facts.salaryPaid.push(e);
        break;
      case 'insurance':
        facts.insurance.push(e);
        break;
      case 'rp-filed':
        of(e).rpFiled.push(e.on);
        break;
      case 'rp-issued':
        of(e).rpIssued.push(e);
        break;
      case 'rp-annual-notification-filed':
        of(e).rpAnnual.push(e);
        break;
      case 'passport-renewed':
        of(e).passportRenewals.push(e);
        break;
      case 'citizenship-filed':
        of(e).citizenshipFiled.push(e.on);
        break;
      case 'citizenship-granted':
        of(e).citizenshipGranted.push(e.on);
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
