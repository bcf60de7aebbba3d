// Pure helpers of the case page and the portal: the event that discharges an obligation or a plan step, as the
// engine names it in `completedBy` (so "Mark as done" opens a form already filled in), an event form's draft → an hqs-case/1 event, a family
// member's form → a person (keeping what the form does not show), obligations in order of urgency,
// checklist items grouped by person and procedure and matched to the uploaded scans. No React and no
// wording (only keys), so each is unit-tested (model.test.ts). Types come from the case format and the
// engine, as types only: the browser bundle never pulls in zod or the law loader.
import type { Case, CaseEventType, Passport, Person } from '../../../../src/case/schema.ts';
import type {
  CompletedBy,
  ObligationStatus,
  RenderedChecklistItem as ChecklistItem,
  RenderedObligation as Obligation,
  RenderedPlanStep as PlanStep,
} from '../../../../src/engine/types.ts';

// ——— events ———

export type EventFieldKind =
  'date' | 'text' | 'regions' | 'amount' | 'year' | 'quarter' | 'period' | 'entries' | 'notificationKind' | 'flag';
export interface EventFieldSpec {
  name: string;
  kind: EventFieldKind;
  required: boolean;
}
/** Who an event concerns: no one (the employer), the principal (person may be left out), or a person (required). */
export type PersonRule = 'none' | 'principal' | 'person';

const f = (name: string, kind: EventFieldKind, required = true): EventFieldSpec => ({ name, kind, required });

/** Each event type of spec/case-format.md with the fields it takes besides `on`, `person` and `note`. */
export const EVENT_SPECS: Readonly<Record<CaseEventType, { person: PersonRule; fields: readonly EventFieldSpec[] }>> = {
  'employer-registered': { person: 'none', fields: [] },
  'contract-signed': { person: 'principal', fields: [] },
  'contract-terminated': { person: 'principal', fields: [] },
  'work-permit-filed': { person: 'principal', fields: [] },
  'work-permit-issued': { person: 'principal', fields: [f('validUntil', 'date'), f('regions', 'regions')] },
  'work-permit-collected': { person: 'principal', fields: [] },
  'work-permit-extension-filed': { person: 'principal', fields: [] },
  'work-permit-extended': { person: 'principal', fields: [f('validUntil', 'date')] },
  'work-permit-cancelled': { person: 'principal', fields: [] },
  'invitation-issued': { person: 'person', fields: [f('validUntil', 'date')] },
  'visa-issued': {
    person: 'person',
    fields: [f('validFrom', 'date'), f('validUntil', 'date'), f('entries', 'entries')],
  },
  entry: { person: 'person', fields: [f('via', 'text', false)] },
  exit: { person: 'person', fields: [f('via', 'text', false)] },
  registered: { person: 'person', fields: [f('until', 'date', false), f('address', 'text', false)] },
  moved: { person: 'person', fields: [] },
  'notification-filed': { person: 'principal', fields: [f('kind', 'notificationKind'), f('period', 'quarter', false)] },
  'salary-paid': { person: 'principal', fields: [f('period', 'period'), f('amount', 'amount')] },
  insurance: { person: 'person', fields: [f('validFrom', 'date'), f('validUntil', 'date')] },
  'rp-filed': { person: 'person', fields: [] },
  'rp-issued': { person: 'person', fields: [f('validUntil', 'date', false), f('indefinite', 'flag', false)] },
  'rp-annual-notification-filed': { person: 'person', fields: [f('year', 'year')] },
  'passport-renewed': { person: 'person', fields: [f('number', 'text'), f('issued', 'date'), f('expires', 'date')] },
  'citizenship-filed': { person: 'person', fields: [] },
  'citizenship-granted': { person: 'person', fields: [] },
};

/** The event types in the order of the spec's table (for the "Add event" select). */
export const EVENT_TYPES = Object.keys(EVENT_SPECS) as CaseEventType[];

export const VISA_ENTRIES = ['single', 'double', 'multiple'] as const;
export const NOTIFICATION_KINDS = ['contract-concluded', 'contract-terminated', 'salary'] as const;

export type DraftValue = string | boolean | string[];
export interface EventDraft {
  type: CaseEventType;
  on: string;
  /** The person's id ('' where the event concerns no one or the principal by default). */
  person: string;
  fields: Record<string, DraftValue>;
  note: string;
}

export function principalOf(c: Case): Person | undefined {
  return c.people.find((p) => p.role === 'principal');
}

/** A draft of an event of `type` on `on`, with the obvious values filled in. */
export function newDraft(
  type: CaseEventType,
  c: Case,
  on: string,
  person?: string,
  fields: Record<string, DraftValue> = {},
): EventDraft {
  const spec = EVENT_SPECS[type];
  const base: Record<string, DraftValue> = {};
  for (const s of spec.fields)
    base[s.name] =
      s.kind === 'regions'
        ? [...c.contract.regions]
        : s.kind === 'flag'
          ? false
          : s.kind === 'entries'
            ? 'multiple'
            : '';
  const who = spec.person === 'person' ? (person ?? principalOf(c)?.id ?? '') : '';
  return { type, on, person: who, fields: { ...base, ...fields }, note: '' };
}

/** The same draft as another type: the date, person and note stay, the type's own fields start afresh. */
export function retype(d: EventDraft, type: CaseEventType, c: Case): EventDraft {
  const next = newDraft(type, c, d.on, d.person || undefined);
  return { ...next, note: d.note };
}

/**
 * The event the engine says completes a duty or a step (its `completedBy`: the type, the person, the
 * fields that tell it apart — the quarter of a salary notification, the year of an annual notification), as
 * a draft with the rest filled in; null where no event does (an absence limit).
 */
function draftFor(by: CompletedBy | undefined, c: Case, today: string, person: string): EventDraft | null {
  if (by === undefined) return null;
  const fields: Record<string, DraftValue> = {};
  for (const [k, v] of Object.entries(by.fields ?? {})) fields[k] = typeof v === 'number' ? String(v) : v;
  return newDraft(by.type, c, today, by.person ?? person, fields);
}

/** The event that marks an obligation done, or null where it is done already or no event does. */
export function draftForObligation(o: Obligation, c: Case, today: string): EventDraft | null {
  if (o.status === 'done' || o.status === 'not-applicable') return null;
  return draftFor(o.completedBy, c, today, o.person);
}

/** The event that marks a plan step done, or null where it is done already. */
export function draftForStep(s: PlanStep, c: Case, today: string): EventDraft | null {
  if (s.status === 'done' || s.status === 'not-applicable') return null;
  return draftFor(s.completedBy, c, today, s.person);
}

/** "Mark as filed" for a filing, "Mark as done" otherwise: the wording key's last part. */
export function markVerb(type: CaseEventType): 'filed' | 'done' {
  return type.endsWith('-filed') || type === 'notification-filed' ? 'filed' : 'done';
}

export type DraftProblemCode =
  | 'required'
  | 'date'
  | 'quarter'
  | 'period'
  | 'amount'
  | 'year'
  | 'untilOrIndefinite'
  | 'notBoth'
  | 'beforeOn'
  | 'issuedAfterExpires';
export interface DraftProblem {
  /** The path the server would name: event.on, event.validUntil … */
  path: string;
  code: DraftProblemCode;
}

/** A real calendar date as YYYY-MM-DD. */
export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

const str = (v: DraftValue | undefined) => (typeof v === 'string' ? v.trim() : '');

/** The hqs-case/1 event a draft describes, or the problems that keep it from being one. */
export function eventFromDraft(
  d: EventDraft,
): { event: Record<string, unknown>; problems: [] } | { event: null; problems: DraftProblem[] } {
  const spec = EVENT_SPECS[d.type];
  const problems: DraftProblem[] = [];
  const event: Record<string, unknown> = { type: d.type };
  const on = d.on.trim();
  if (!on) problems.push({ path: 'event.on', code: 'required' });
  else if (!isRealDate(on)) problems.push({ path: 'event.on', code: 'date' });
  event.on = on;
  if (spec.person === 'person') {
    if (!d.person) problems.push({ path: 'event.person', code: 'required' });
    else event.person = d.person;
  }
  for (const s of spec.fields) {
    const path = `event.${s.name}`;
    const v = d.fields[s.name];
    if (s.kind === 'flag') {
      if (v === true) event[s.name] = true;
      continue;
    }
    if (s.kind === 'regions') {
      const list = (Array.isArray(v) ? v : []).filter(Boolean);
      if (list.length) event[s.name] = [...new Set(list)];
      else if (s.required) problems.push({ path, code: 'required' });
      continue;
    }
    const text = str(v);
    if (!text) {
      if (s.required) problems.push({ path, code: 'required' });
      continue;
    }
    switch (s.kind) {
      case 'date':
        if (!isRealDate(text)) problems.push({ path, code: 'date' });
        event[s.name] = text;
        break;
      case 'quarter':
        if (!/^\d{4}-Q[1-4]$/.test(text.toUpperCase())) problems.push({ path, code: 'quarter' });
        event[s.name] = text.toUpperCase();
        break;
      case 'period':
        if (!/^\d{4}-(Q[1-4]|0[1-9]|1[0-2])$/.test(text.toUpperCase())) problems.push({ path, code: 'period' });
        event[s.name] = text.toUpperCase();
        break;
      case 'amount': {
        const n = Number(text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'));
        if (!Number.isFinite(n) || n < 0) problems.push({ path, code: 'amount' });
        event[s.name] = n;
        break;
      }
      case 'year': {
        const n = Number(text);
        if (!Number.isInteger(n) || n < 1) problems.push({ path, code: 'year' });
        event[s.name] = n;
        break;
      }
      default:
        event[s.name] = text;
    }
  }
  // The rules the case format adds across fields (src/case/checks.ts), said before the server says them.
  if (d.type === 'notification-filed') {
    if (event.kind === 'salary' && event.period === undefined)
      problems.push({ path: 'event.period', code: 'required' });
    if (event.kind !== 'salary') delete event.period;
  }
  if (d.type === 'rp-issued') {
    if (event.indefinite === true && event.validUntil !== undefined)
      problems.push({ path: 'event.indefinite', code: 'notBoth' });
    if (event.indefinite !== true && event.validUntil === undefined)
      problems.push({ path: 'event.validUntil', code: 'untilOrIndefinite' });
  }
  for (const k of ['validUntil', 'until']) {
    const v = event[k];
    if (
      typeof v === 'string' &&
      isRealDate(v) &&
      isRealDate(on) &&
      v < on &&
      !problems.some((p) => p.path === `event.${k}`)
    )
      problems.push({ path: `event.${k}`, code: 'beforeOn' });
  }
  if (
    typeof event.issued === 'string' &&
    typeof event.expires === 'string' &&
    isRealDate(event.issued) &&
    isRealDate(event.expires) &&
    event.expires <= event.issued
  ) {
    problems.push({ path: 'event.expires', code: 'issuedAfterExpires' });
  }
  const note = d.note.trim();
  if (note) event.note = note;
  return problems.length ? { event: null, problems } : { event, problems: [] };
}

/** The events of a case newest first, each with its index in case.events (what DELETE …/events/{index} takes). */
export function eventsNewestFirst(c: Case): { index: number; event: NonNullable<Case['events']>[number] }[] {
  return (c.events ?? [])
    .map((event, index) => ({ index, event }))
    .sort((a, b) => (a.event.on < b.event.on ? 1 : a.event.on > b.event.on ? -1 : b.index - a.index));
}

// ——— obligations ———

const URGENCY: Record<ObligationStatus, number> = { overdue: 0, due: 1, upcoming: 2, done: 3, 'not-applicable': 4 };

/** Overdue first, then due, upcoming, done and not applicable; soonest first within each. */
export function sortObligations<T extends Pick<Obligation, 'status' | 'due' | 'id'>>(list: readonly T[]): T[] {
  return [...list].sort(
    (a, b) =>
      URGENCY[a.status] - URGENCY[b.status] ||
      (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

export const isOpen = (status: string) => status === 'overdue' || status === 'due' || status === 'upcoming';

/** Calendar days from `today` to `iso` (negative when past). */
export function daysBetween(today: string, iso: string): number {
  return Math.round(
    (Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) - Date.parse(`${today.slice(0, 10)}T00:00:00Z`)) / 86_400_000,
  );
}

/** How far a duty is: n days left, due today, n days late, or done / not applicable (no count). */
export function dueIn(
  o: Pick<Obligation, 'status' | 'due'>,
  today: string,
): { kind: 'left' | 'today' | 'late' | 'closed'; n: number } {
  if (!isOpen(o.status)) return { kind: 'closed', n: 0 };
  const n = daysBetween(today, o.due);
  return n > 0 ? { kind: 'left', n } : n === 0 ? { kind: 'today', n: 0 } : { kind: 'late', n: -n };
}

/** The plural form a number takes in a language ('one' | 'few' | 'many' | 'other'), for wording keys. */
export function pluralForm(lang: string, n: number): 'one' | 'few' | 'many' | 'other' {
  const r = new Intl.PluralRules(lang).select(n);
  return r === 'one' || r === 'few' || r === 'many' ? r : 'other';
}

// ——— checklist and documents ———

export interface DocumentLike {
  personId: string;
  type: string;
}

/** The uploaded scans of a checklist item: same person, same document type. */
export function scansFor<D extends DocumentLike>(
  item: Pick<ChecklistItem, 'person' | 'document'>,
  docs: readonly D[],
): D[] {
  return docs.filter((d) => d.personId === item.person && d.type === item.document);
}

export interface ChecklistGroup {
  person: string;
  procedures: { procedure: string; items: ChecklistItem[] }[];
}

/** The checklist by person (in the order given, then any other person named), then procedure (first seen), items by index order. */
export function groupChecklist(items: readonly ChecklistItem[], people: readonly string[]): ChecklistGroup[] {
  const order = [...people, ...items.map((i) => i.person).filter((p) => !people.includes(p))];
  const out: ChecklistGroup[] = [];
  for (const person of [...new Set(order)]) {
    const mine = items.filter((i) => i.person === person);
    if (!mine.length) continue;
    const procedures: ChecklistGroup['procedures'] = [];
    for (const i of mine) {
      let g = procedures.find((p) => p.procedure === i.procedure);
      if (!g) procedures.push((g = { procedure: i.procedure, items: [] }));
      g.items.push(i);
    }
    for (const g of procedures) g.items.sort((a, b) => a.requirement.order - b.requirement.order);
    out.push({ person, procedures });
  }
  return out;
}

/** Counts for a summary: items, with a scan uploaded, recorded in the case as collected. */
/** The key of a person's document in the map of review statuses (one per person and document, not per procedure). */
export const reviewKey = (person: string, document: string): string => `${person}\u0000${document}`;

/** How many of these checklist items are accepted, received and rejected. */
export function reviewCountsOf(
  items: readonly Pick<ChecklistItem, 'person' | 'document'>[],
  reviews: ReadonlyMap<string, { status: 'received' | 'accepted' | 'rejected' }>,
): { total: number; received: number; accepted: number; rejected: number } {
  const out = { total: items.length, received: 0, accepted: 0, rejected: 0 };
  for (const i of items) {
    const r = reviews.get(reviewKey(i.person, i.document));
    if (r) out[r.status]++;
  }
  return out;
}

export function checklistCounts(
  items: readonly ChecklistItem[],
  docs: readonly DocumentLike[],
): { total: number; uploaded: number; collected: number } {
  let uploaded = 0;
  let collected = 0;
  for (const i of items) {
    if (scansFor(i, docs).length) uploaded++;
    if (i.status === 'collected') collected++;
  }
  return { total: items.length, uploaded, collected };
}

// ——— people ———

/** People in the order a page shows them: `first` (the reader), then the principal, then the family as listed. */
export function peopleOrder(c: Case, first?: string): string[] {
  const ids = c.people.map((p) => p.id);
  const principal = principalOf(c)?.id;
  const head = [first, principal].filter((x): x is string => !!x && ids.includes(x));
  return [...new Set([...head, ...ids])];
}

/** The next free person id p2, p3 … */
export function nextPersonId(c: Case): string {
  const used = new Set(c.people.map((p) => p.id));
  for (let n = c.people.length + 1; ; n++) if (!used.has(`p${n}`)) return `p${n}`;
}

/** The passport the form edits: the one that runs longest (the current one), or none. */
export function currentPassportIndex(p: Pick<Person, 'passports'> | undefined): number {
  const list = p?.passports ?? [];
  let best = -1;
  list.forEach((x, i) => {
    if (best < 0 || x.expires > list[best]!.expires) best = i;
  });
  return best;
}

export interface PersonForm {
  latin: string;
  cyrillic: string;
  relation: string;
  sex: '' | 'M' | 'F';
  birthDate: string;
  citizenships: string[];
  passportNumber: string;
  passportCountry: string;
  passportIssued: string;
  passportExpires: string;
  startsFrom: '' | 'abroad' | 'in-russia';
  adopted: boolean;
  incapacitated: boolean;
}

export function personToForm(p?: Person): PersonForm {
  const pass = p?.passports?.[currentPassportIndex(p)];
  return {
    latin: p?.name.latin ?? '',
    cyrillic: p?.name.cyrillic ?? '',
    relation: p?.relation ?? '',
    sex: p?.sex ?? '',
    birthDate: p?.birthDate ?? '',
    citizenships: p?.citizenships.length ? [...p.citizenships] : [''],
    passportNumber: pass?.number ?? '',
    passportCountry: pass?.country ?? '',
    passportIssued: pass?.issued ?? '',
    passportExpires: pass?.expires ?? '',
    startsFrom: p?.startsFrom ?? '',
    adopted: p?.adopted ?? false,
    incapacitated: p?.incapacitated ?? false,
  };
}

export type PersonProblemCode = 'required' | 'date' | 'passportIncomplete' | 'issuedAfterExpires' | 'future';

/**
 * The person a form describes. `base` is the person edited (every field the form does not show — history,
 * email, residence country, a native-script name, other passports — is kept) or, for a new family member,
 * just their id and role.
 */
export function personFromForm(
  form: PersonForm,
  base: Person | { id: string; role: 'principal' | 'family' },
  today: string,
): { person: Person; problems: [] } | { person: null; problems: { path: string; code: PersonProblemCode }[] } {
  const problems: { path: string; code: PersonProblemCode }[] = [];
  const old = 'name' in base ? base : undefined;
  const latin = form.latin.trim();
  const cyrillic = form.cyrillic.trim();
  if (!latin) problems.push({ path: 'person.name.latin', code: 'required' });
  const birthDate = form.birthDate.trim();
  if (!birthDate) problems.push({ path: 'person.birthDate', code: 'required' });
  else if (!isRealDate(birthDate)) problems.push({ path: 'person.birthDate', code: 'date' });
  else if (birthDate > today) problems.push({ path: 'person.birthDate', code: 'future' });
  const citizenships = [...new Set(form.citizenships.map((c) => c.trim().toUpperCase()).filter(Boolean))];
  if (!citizenships.length) problems.push({ path: 'person.citizenships', code: 'required' });
  if (base.role === 'family' && !form.relation) problems.push({ path: 'person.relation', code: 'required' });

  const person: Record<string, unknown> = { ...(old ?? {}), id: base.id, role: base.role };
  const name: Record<string, string> = { ...(old?.name ?? {}), latin };
  if (cyrillic) name.cyrillic = cyrillic;
  else delete name.cyrillic;
  person.name = name;
  person.birthDate = birthDate;
  person.citizenships = citizenships;
  for (const [k, v] of [
    ['sex', form.sex],
    ['startsFrom', form.startsFrom],
  ] as const) {
    if (v) person[k] = v;
    else delete person[k];
  }
  if (base.role === 'family') {
    person.relation = form.relation;
    for (const k of ['adopted', 'incapacitated'] as const) {
      if (form[k]) person[k] = true;
      else if (old?.[k] !== undefined) person[k] = false;
      else delete person[k];
    }
  } else {
    delete person.relation;
  }

  // The passport: all four fields or none; it replaces the current one, other passports stay.
  const pass = {
    number: form.passportNumber.trim(),
    country: form.passportCountry.trim().toUpperCase(),
    issued: form.passportIssued.trim(),
    expires: form.passportExpires.trim(),
  };
  const given = Object.entries(pass).filter(([, v]) => v);
  const passports = [...(old?.passports ?? [])];
  const at = currentPassportIndex(old);
  if (given.length === 0) {
    if (at >= 0) passports.splice(at, 1);
  } else {
    for (const [k, v] of Object.entries(pass))
      if (!v) problems.push({ path: `person.passport.${k}`, code: 'passportIncomplete' });
    for (const k of ['issued', 'expires'] as const)
      if (pass[k] && !isRealDate(pass[k])) problems.push({ path: `person.passport.${k}`, code: 'date' });
    if (isRealDate(pass.issued) && isRealDate(pass.expires) && pass.expires <= pass.issued)
      problems.push({ path: 'person.passport.expires', code: 'issuedAfterExpires' });
    const p: Passport = pass as Passport;
    if (at >= 0) passports[at] = p;
    else passports.push(p);
  }
  if (passports.length) person.passports = passports;
  else delete person.passports;
  return problems.length ? { person: null, problems } : { person: person as Person, problems: [] };
}

/** A server error path (`person.passports[0].expires`, `event.regions[1]`) → the form's own key (`passport.expires`, `regions`). */
export function formKeyOfPath(path: string): string {
  const p = path.replace(/^(person|event)\./, '');
  const pass = /^passports?(?:\[\d+\])?\.(number|country|issued|expires)/.exec(p);
  if (pass) return `passport.${pass[1]}`;
  if (p.startsWith('passports')) return 'passport.number';
  if (p.startsWith('name.cyrillic')) return 'name.cyrillic';
  if (p.startsWith('name')) return 'name.latin';
  return p.replace(/[[.].*$/, '');
}

/** An event as a draft of the event form (to correct it): every field the form knows, as the form holds it. */
export function draftFromEvent(e: NonNullable<Case['events']>[number]): EventDraft {
  const spec = EVENT_SPECS[e.type];
  const rec = e as unknown as Record<string, unknown>;
  const fields: Record<string, DraftValue> = {};
  for (const s of spec.fields) {
    const v = rec[s.name];
    fields[s.name] =
      s.kind === 'regions'
        ? Array.isArray(v)
          ? v.map(String)
          : []
        : s.kind === 'flag'
          ? v === true
          : v === undefined || v === null
            ? s.kind === 'entries'
              ? 'multiple'
              : ''
            : String(v);
  }
  return {
    type: e.type,
    on: e.on,
    person: spec.person === 'person' && typeof rec.person === 'string' ? rec.person : '',
    fields,
    note: typeof e.note === 'string' ? e.note : '',
  };
}

/**
 * The corrected event: what the form made of the draft, and what the form does not show of the event it
 * corrects kept as it was (a person on an event of the principal, a key of a newer case format). The keys
 * the form owns are the form's, even when it left them out (a cleared optional field goes).
 */
export function correctedEvent(
  original: NonNullable<Case['events']>[number],
  edited: Record<string, unknown>,
): Record<string, unknown> {
  const spec = EVENT_SPECS[original.type];
  const owned = new Set(['type', 'on', 'note', ...spec.fields.map((s) => s.name)]);
  if (spec.person === 'person') owned.add('person');
  if (original.type !== edited.type) return edited;
  const kept = Object.fromEntries(Object.entries(original).filter(([k]) => !owned.has(k)));
  return { ...kept, ...edited };
}
