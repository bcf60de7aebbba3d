// Parts of a case edited one at a time: its people and its events. Both live inside the hqs-case/1
// document (the truth); each change here derives the new document from the stored one under the case's
// lock (editCase), checks it whole with the case schema and the law's tables — errors re-pathed to the part
// sent (`person.birthDate`, `event.on`) — and writes, audits and (when asked) evaluates it like updateCase.
// A person something still points to (the principal's role, events, the case's document list, stored
// scans, a specialist's login, a pending invitation) is not removed: the Conflict names each reference.
import type { Case, CheckTables, Person } from '../case/index.ts';
import type { Actor } from './actor.ts';
import {
  editCase,
  getCase,
  parseCaseInput,
  refuseFutureEvents,
  type CaseRecord,
  type UpdateCaseOptions,
} from './cases.ts';
import type { Db, Tx } from './db.ts';
import { Conflict, Invalid, NotFound } from './errors.ts';

export interface CasePartOptions extends UpdateCaseOptions {
  /** The law's country and region tables, for checking the case. */
  tables: CheckTables;
}

/** `events[3].on` → `event.on` (exactly that element: `events[30]` is not `events[3]`). */
export function rePath(path: string, from: string, to: string): string {
  if (from === '') return path;
  if (path === from) return to;
  if (path.startsWith(`${from}.`) || path.startsWith(`${from}[`)) return to + path.slice(from.length);
  return path;
}

/** Checks the whole case; problems inside the element at `from` are reported under `to`. */
function checkWith(next: unknown, tables: CheckTables, from: string, to: string): Case {
  try {
    return parseCaseInput(next, tables);
  } catch (e) {
    if (e instanceof Invalid) throw new Invalid(e.problems.map((p) => ({ ...p, path: rePath(p.path, from, to) })));
    throw e;
  }
}

/** Runs a check of the whole case whose problems inside the element at `from` are reported under `to`. */
function refusePart(check: () => void, from: string, to: string): void {
  try {
    check();
  } catch (e) {
    if (e instanceof Invalid) throw new Invalid(e.problems.map((p) => ({ ...p, path: rePath(p.path, from, to) })));
    throw e;
  }
}

function personIndex(c: Case, personId: string, caseId: string): number {
  const i = c.people.findIndex((p) => p.id === personId);
  if (i < 0) throw new NotFound('person', `${personId} of case ${caseId}`);
  return i;
}

function eventIndex(c: Case, index: number, caseId: string): number {
  const n = c.events?.length ?? 0;
  if (!Number.isInteger(index) || index < 0 || index >= n)
    throw new NotFound('event', `${index} of case ${caseId} (it has ${n} event${n === 1 ? '' : 's'}, numbered from 0)`);
  return index;
}

export interface CasePeople {
  caseId: string;
  version: number;
  people: Person[];
}

/** The people of a case (a read of personal data: recorded in the audit log as a case read). */
export async function listPeople(db: Db, actor: Actor, caseId: string): Promise<CasePeople> {
  const rec = await getCase(db, actor, caseId);
  return { caseId: rec.caseId, version: rec.version, people: rec.case.people };
}

/** Adds a person (a family member, as a rule) to the case. */
export function addPerson(
  db: Db,
  actor: Actor,
  caseId: string,
  person: unknown,
  expectedVersion: number,
  opts: CasePartOptions,
): Promise<CaseRecord> {
  return editCase(
    db,
    actor,
    caseId,
    expectedVersion,
    (cur) => {
      const n = cur.case.people.length;
      const next = checkWith(
        { ...cur.case, people: [...cur.case.people, person] },
        opts.tables,
        `people[${n}]`,
        'person',
      );
      return { case: next, audit: { action: 'case.person.add', details: { personId: next.people[n]!.id } } };
    },
    opts,
  );
}

/** Replaces a person of the case; the id stays (events, documents and logins refer to it). */
export function updatePerson(
  db: Db,
  actor: Actor,
  caseId: string,
  personId: string,
  person: unknown,
  expectedVersion: number,
  opts: CasePartOptions,
): Promise<CaseRecord> {
  return editCase(
    db,
    actor,
    caseId,
    expectedVersion,
    (cur) => {
      const i = personIndex(cur.case, personId, caseId);
      const given = typeof person === 'object' && person !== null ? (person as { id?: unknown }).id : undefined;
      if (given !== personId) {
        throw Invalid.one(
          'person.id',
          `expected "${personId}" (the person edited): a person's id does not change, as events, documents and logins refer to it; got ${JSON.stringify(given)}`,
        );
      }
      const people = cur.case.people.map((p, k) => (k === i ? person : p));
      return {
        case: checkWith({ ...cur.case, people }, opts.tables, `people[${i}]`, 'person'),
        audit: { action: 'case.person.update', details: { personId } },
      };
    },
    opts,
  );
}

/** What still points to a person of a case: one sentence per kind of reference (empty: free to remove). */
async function referencesTo(tx: Tx, rec: CaseRecord, personId: string): Promise<string[]> {
  const c = rec.case;
  const out: string[] = [];
  const person = c.people.find((p) => p.id === personId)!;
  if (person.role === 'principal')
    out.push(`${personId} is the principal of the case: a case keeps its principal (edit them with PUT instead)`);
  const events = (c.events ?? []).flatMap((e, i) =>
    'person' in e && e.person === personId ? [`events[${i}] (${e.type})`] : [],
  );
  if (events.length)
    out.push(
      `${events.join(', ')} concern${events.length === 1 ? 's' : ''} them: delete or correct ${events.length === 1 ? 'it' : 'those'} first`,
    );
  const listed = (c.documents ?? []).flatMap((d, i) => (d.person === personId ? [`documents[${i}] (${d.type})`] : []));
  if (listed.length) out.push(`the case's document list names them (${listed.join(', ')})`);
  const scans = await tx.query<{ type: string; n: number }>(
    'SELECT type, count(*)::int AS n FROM documents WHERE case_id = $1 AND person_id = $2 GROUP BY type ORDER BY type',
    [rec.caseId, personId],
  );
  if (scans.length) {
    const total = scans.reduce((a, s) => a + s.n, 0);
    out.push(
      `${total} stored document${total === 1 ? '' : 's'} (${scans.map((s) => s.type).join(', ')}) belong${total === 1 ? 's' : ''} to them: delete ${total === 1 ? 'it' : 'them'} first`,
    );
  }
  const logins = await tx.query<{ email: string }>(
    'SELECT u.email FROM memberships m JOIN users u ON u.user_id = m.user_id WHERE m.case_id = $1 AND m.person_id = $2 ORDER BY u.email',
    [rec.caseId, personId],
  );
  if (logins.length)
    out.push(
      `the specialist login${logins.length === 1 ? '' : 's'} ${logins.map((l) => l.email).join(', ')} ${logins.length === 1 ? 'is' : 'are'} linked to them: change or remove that member first`,
    );
  const invites = await tx.query<{ email: string }>(
    'SELECT email FROM invitations WHERE case_id = $1 AND person_id = $2 AND accepted_at IS NULL AND expires_at > now() ORDER BY email',
    [rec.caseId, personId],
  );
  if (invites.length)
    out.push(`a pending invitation (${invites.map((x) => x.email).join(', ')}) is for them: revoke it first`);
  return out;
}

/** Removes a person nothing points to any more (Conflict naming each reference otherwise). */
export function removePerson(
  db: Db,
  actor: Actor,
  caseId: string,
  personId: string,
  expectedVersion: number,
  opts: CasePartOptions,
): Promise<CaseRecord> {
  return editCase(
    db,
    actor,
    caseId,
    expectedVersion,
    async (cur, tx) => {
      const i = personIndex(cur.case, personId, caseId);
      const refs = await referencesTo(tx, cur, personId);
      if (refs.length)
        throw new Conflict(`person ${personId} cannot be removed: ${refs.join('; ')}`, {
          field: 'personId',
          code: 'person.referenced',
          reasons: refs,
        });
      const people = cur.case.people.filter((_, k) => k !== i);
      return {
        case: checkWith({ ...cur.case, people }, opts.tables, '', ''),
        audit: { action: 'case.person.remove', details: { personId } },
      };
    },
    opts,
  );
}

/** Adds an event (checked with the whole case; problems named at `event.…`). */
export function addEvent(
  db: Db,
  actor: Actor,
  caseId: string,
  event: unknown,
  expectedVersion: number,
  opts: CasePartOptions,
): Promise<CaseRecord> {
  return editCase(
    db,
    actor,
    caseId,
    expectedVersion,
    (cur) => {
      const events = cur.case.events ?? [];
      const next = checkWith(
        { ...cur.case, events: [...events, event] },
        opts.tables,
        `events[${events.length}]`,
        'event',
      );
      refusePart(() => refuseFutureEvents(next, opts.today, [events.length]), `events[${events.length}]`, 'event');
      return {
        case: next,
        audit: { action: 'case.event.add', details: { index: events.length, type: next.events![events.length]!.type } },
      };
    },
    opts,
  );
}

/** Corrects the event at `index` of case.events. */
export function updateEvent(
  db: Db,
  actor: Actor,
  caseId: string,
  index: number,
  event: unknown,
  expectedVersion: number,
  opts: CasePartOptions,
): Promise<CaseRecord> {
  return editCase(
    db,
    actor,
    caseId,
    expectedVersion,
    (cur) => {
      const i = eventIndex(cur.case, index, caseId);
      const before = cur.case.events![i]!;
      const events = cur.case.events!.map((e, k) => (k === i ? event : e));
      const next = checkWith({ ...cur.case, events }, opts.tables, `events[${i}]`, 'event');
      refusePart(() => refuseFutureEvents(next, opts.today, [i]), `events[${i}]`, 'event');
      return {
        case: next,
        audit: { action: 'case.event.update', details: { index: i, from: before.type, to: next.events![i]!.type } },
      };
    },
    opts,
  );
}

/** Removes a mistaken event (the one at `index` of case.events). */
export function removeEvent(
  db: Db,
  actor: Actor,
  caseId: string,
  index: number,
  expectedVersion: number,
  opts: CasePartOptions,
): Promise<CaseRecord> {
  return editCase(
    db,
    actor,
    caseId,
    expectedVersion,
    (cur) => {
      const i = eventIndex(cur.case, index, caseId);
      const removed = cur.case.events![i]!;
      const next = checkWith({ ...cur.case, events: cur.case.events!.filter((_, k) => k !== i) }, opts.tables, '', '');
      return {
        case: next,
        audit: { action: 'case.event.remove', details: { index: i, type: removed.type, on: removed.on } },
      };
    },
    opts,
  );
}
