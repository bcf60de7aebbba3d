// The checklist: for each person and each open procedure of the plan, the documents the law data's
// catalogue (law/documents) asks of that person, each with its requirement filled in from the case —
// legalization by the issuing country's treaties on the filing date (Hague Convention 1961 art. 3, Minsk
// Convention 1993 art. 13, otherwise consular legalization under 154-FZ art. 27), the age group on the
// filing date, the validity the document must have — and its status from what the case records.
import type { Case, Person } from '../case/index.ts';
import type { DocumentUse, Holder, IndexEntry, Legalization, ParameterValue, ProcedureId } from '../law/index.ts';
import { addDays, addMonths, type IsoDate } from '../calendar/date.ts';
import { type Ctx, weakest } from './context.ts';
import type { CaseFacts, PersonFacts } from './facts.ts';
import type {
  ChecklistItem,
  Citation,
  Confidence,
  DocumentRequirement,
  Finding,
  PlanStep,
  PlanStepId,
} from './types.ts';
import { ageOn } from './util.ts';
import { msg, type Message } from './messages.ts';

/** The permit's current end: the last extension, else the last issued permit (as obligations.ts reads it). */
function permitEnd(f: CaseFacts): IsoDate | undefined {
  const ext = f.permitExtended[f.permitExtended.length - 1];
  if (ext) return ext.validUntil as IsoDate;
  return f.permitIssued[f.permitIssued.length - 1]?.validUntil as IsoDate | undefined;
}

/** Which procedures of the catalogue a plan step files. */
export const STEP_PROCEDURES: Readonly<Partial<Record<PlanStepId, readonly ProcedureId[]>>> = {
  'work-permit-filing': ['work-permit'],
  invitation: ['invitation'],
  visa: ['work-visa'],
  'migration-registration': ['arrival-registration'],
  'contract-notification': ['employer-notification'],
  'rp-filing': ['hqs-rp'],
  'work-permit-extension': ['work-permit-extension'],
  'indefinite-rp': ['indefinite-rp'],
  citizenship: ['citizenship'],
};

/** A document is "expiring" when it stops being usable within this many days after the filing. */
export const EXPIRING_WITHIN_DAYS = 30;

/** What the case records of one document of one person: a `documents` entry, a passport, or an event. */
interface Record_ {
  source: 'document' | 'passport' | 'event';
  /** For events: the event type. */
  event?: string;
  issued?: IsoDate;
  expires?: IsoDate;
  country?: string;
}

interface Job {
  person: Person;
  procedure: ProcedureId;
  filing: IsoDate;
}

const open = (s: PlanStep | undefined): s is PlanStep =>
  s !== undefined && s.status !== 'done' && s.status !== 'not-applicable';
const later = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

/** The filing date a step stands for: its date, but never before today (an overdue step is filed from today on). */
function filingOf(ctx: Ctx, step: PlanStep): IsoDate {
  return later(step.date ?? ctx.asOf, ctx.asOf);
}

/** The procedures to prepare, per person, from the open steps of the plan (in plan order). */
export function jobsFromPlan(ctx: Ctx, c: Case, f: CaseFacts, plan: readonly PlanStep[]): Job[] {
  const jobs: Job[] = [];
  const seen = new Set<string>();
  const person = (id: string) => c.people.find((p) => p.id === id);
  const stepOf = (id: PlanStepId, personId: string) => plan.find((s) => s.id === id && s.person === personId);
  const add = (p: Person | undefined, procedure: ProcedureId, filing: IsoDate) => {
    if (p === undefined || seen.has(`${p.id}\u0000${procedure}`)) return;
    seen.add(`${p.id}\u0000${procedure}`);
    jobs.push({ person: p, procedure, filing });
  };
  const principalFiling = stepOf('work-permit-filing', f.principal.id);
  for (const step of plan) {
    if (!open(step)) continue;
    const procedures = STEP_PROCEDURES[step.id];
    if (procedures === undefined) continue;
    for (const procedure of procedures) {
      if (step.id === 'work-permit-filing') {
        add(person(step.person), procedure, filingOf(ctx, step));
        // The invitations are applied for with the petition (for those who need a visa).
        for (const p of c.people) if (open(stepOf('invitation', p.id))) add(p, 'invitation', filingOf(ctx, step));
      } else if (step.id === 'invitation') {
        // With the petition when it is still to be filed; otherwise on its own (after the permit is issued).
        add(person(step.person), procedure, filingOf(ctx, open(principalFiling) ? principalFiling : step));
      } else if (step.id === 'work-permit-extension') {
        // On extension the medical documents are due from the HQS and each family member.
        for (const p of c.people) add(p, procedure, filingOf(ctx, step));
      } else {
        add(person(step.person), procedure, filingOf(ctx, step));
      }
    }
  }
  return jobs;
}

/**
 * The holder groups a person falls in on a date: age decides the child's papers — under the age from which a
 * minor acts with the parents' consent (Civil Code art. 26, 28), from it to majority (art. 21), an adult.
 */
export function holdersOf(ctx: Ctx, p: Person, on: IsoDate): Holder[] {
  const out: Holder[] = [];
  if (p.role === 'principal') out.push('principal');
  else if (p.relation === 'spouse') out.push('spouse');
  else {
    const age = ageOn(p.birthDate as IsoDate, on);
    out.push(
      age < ageLimit(ctx, 'person.age-of-partial-capacity', on)
        ? 'child-under-14'
        : age < ageLimit(ctx, 'person.age-of-majority', on)
          ? 'child-14-17'
          : 'adult-family',
    );
  }
  if (p.incapacitated === true) out.push('incapacitated');
  return out;
}

/** A use of a document is for one of the person's holder groups. */
export function usedBy(use: DocumentUse, holders: readonly Holder[]): boolean {
  for (const h of use.holders) if (holders.includes(h)) return true;
  return false;
}

/** An age the law data sets (in years), on a date. */
export function ageLimit(
  ctx: Ctx,
  id: 'person.age-of-majority' | 'person.age-of-partial-capacity',
  on: IsoDate,
): number {
  const v = ctx.valueOrFirst(id, on);
  if (!v) throw new Error(`law data: ${id} has no value`);
  return ctx.num(v);
}

/** Whether a person needs a visa to come to work on a date (the plan's rule: a work-allowing waiver or the EAEU exempts). */
export function needsWorkVisa(ctx: Ctx, p: Person, on: IsoDate): boolean {
  const countries = ctx.law.countries;
  return !p.citizenships.some((cc) => {
    const v = countries.visaRequired(cc, on);
    return (!v.required && v.workAllowedVisaFree) || countries.isEaeu(cc, on);
  });
}

/** Whether a use's condition (`when`) holds for the person on the filing date; undecidable conditions do not. */
export function conditionHolds(ctx: Ctx, use: DocumentUse, p: Person, f: CaseFacts, filing: IsoDate): boolean {
  switch (use.when) {
    case undefined:
      return true;
    case 'visa-national':
      return needsWorkVisa(ctx, p, filing);
    case 'adopted':
      return p.adopted === true;
    case 'contract-terminated':
      return f.contractTerminated.some((d) => d <= filing);
    case 'third-country-residence':
      return p.residenceCountry !== undefined && !p.citizenships.includes(p.residenceCountry);
    case 'employer-unregistered':
      return f.employerRegistered === undefined || f.employerRegistered > filing;
    default:
      // periodic, if-requested, name-changed: the case cannot tell; listed only when it records the document.
      return false;
  }
}

/** The `documents` entries of the case, by person and then by document type (as the case lists them). */
type DocIndex = Map<string, Map<string, NonNullable<Case['documents']>>>;

function indexDocuments(c: Case): DocIndex {
  const out: DocIndex = new Map();
  for (const d of c.documents ?? []) {
    let byType = out.get(d.person);
    if (byType === undefined) {
      byType = new Map();
      out.set(d.person, byType);
    }
    const list = byType.get(d.type);
    if (list) list.push(d);
    else byType.set(d.type, [d]);
  }
  return out;
}

/** The record `r` is newer than `best` (sorts before it): the one that lasts longest, else the latest issued; on a tie the first found stays. */
function newer(best: Record_ | undefined, r: Record_): Record_ {
  if (best === undefined) return r;
  const eb = best.expires ?? '9999-12-31';
  const er = r.expires ?? '9999-12-31';
  if (er !== eb) return er > eb ? r : best;
  return (r.issued ?? '') > (best.issued ?? '') ? r : best;
}

function eventRecord(event: string, issued: IsoDate, expires?: IsoDate): Record_ {
  return { source: 'event', event, issued, ...(expires ? { expires } : {}) };
}

/** The newest record the case has of a person's document by asOf (what the checklist judges), if any. */
function bestRecord(
  c: Case,
  docs: DocIndex,
  f: CaseFacts,
  p: Person,
  docId: string,
  asOf: IsoDate,
): Record_ | undefined {
  let best: Record_ | undefined;
  const own = docs.get(p.id)?.get(docId);
  if (own !== undefined) {
    for (const d of own) {
      best = newer(best, {
        source: 'document',
        ...(d.issued ? { issued: d.issued as IsoDate } : {}),
        ...(d.expires ? { expires: d.expires as IsoDate } : {}),
        ...(d.country ? { country: d.country } : {}),
      });
    }
  }
  switch (docId) {
    case 'passport': {
      const pf = f.people.get(p.id) as PersonFacts;
      for (const x of p.passports ?? [])
        best = newer(best, {
          source: 'passport',
          issued: x.issued as IsoDate,
          expires: x.expires as IsoDate,
          country: x.country,
        });
      for (const r of pf.passportRenewals)
        if (r.on <= asOf)
          best = newer(best, {
            source: 'event',
            event: r.type,
            issued: r.issued as IsoDate,
            expires: r.expires as IsoDate,
          });
      break;
    }
    case 'visa':
      for (const v of (f.people.get(p.id) as PersonFacts).visas)
        if (v.on <= asOf) best = newer(best, eventRecord(v.type, v.on, v.validUntil as IsoDate));
      break;
    case 'invitation':
      for (const v of (f.people.get(p.id) as PersonFacts).invitations)
        if (v.on <= asOf) best = newer(best, eventRecord(v.type, v.on, v.validUntil as IsoDate));
      break;
    case 'migration-card':
      for (const d of (f.people.get(p.id) as PersonFacts).entries)
        if (d <= asOf) best = newer(best, eventRecord('entry', d));
      break;
    case 'registration-slip':
      for (const r of (f.people.get(p.id) as PersonFacts).registrations)
        if (r.on <= asOf) best = newer(best, eventRecord(r.type, r.on, r.until as IsoDate | undefined));
      break;
    case 'work-permit-card': {
      let issued: CaseFacts['permitIssued'][number] | undefined;
      for (let i = f.permitIssued.length - 1; i >= 0 && issued === undefined; i--) {
        const e = f.permitIssued[i] as CaseFacts['permitIssued'][number];
        if (e.on <= asOf) issued = e;
      }
      if (issued) best = newer(best, eventRecord(issued.type, issued.on, permitEnd(f)));
      break;
    }
    case 'current-rp':
      for (const r of (f.people.get(p.id) as PersonFacts).rpIssued)
        if (r.on <= asOf) best = newer(best, eventRecord(r.type, r.on, r.validUntil as IsoDate | undefined));
      break;
    case 'medical-insurance':
      for (const i of f.insurance)
        if (i.person === p.id && i.on <= asOf)
          best = newer(best, eventRecord(i.type, i.validFrom as IsoDate, i.validUntil as IsoDate));
      break;
    case 'employment-contract':
      for (const d of f.contractSigned)
        if (d <= asOf) best = newer(best, eventRecord('contract-signed', d, c.contract.end as IsoDate | undefined));
      break;
    default:
      break;
  }
  return best;
}

/** Joins citation lists without repeating one (the law data shares citation objects, so identity is enough). */
function uniqueBasis(...lists: (readonly Citation[] | undefined)[]): Citation[] {
  const out: Citation[] = [];
  const seen = new Set<Citation>();
  for (const list of lists) {
    for (const c of list ?? []) {
      if (seen.has(c)) continue;
      seen.add(c);
      out.push(c);
    }
  }
  return out;
}

const CONFIDENCE_ORDER: Confidence[] = ['low', 'low-medium', 'medium', 'medium-high', 'high'];
function lowest(...cs: (Confidence | undefined)[]): Confidence | undefined {
  let worst: Confidence | undefined;
  for (const c of cs)
    if (c && (worst === undefined || CONFIDENCE_ORDER.indexOf(c) < CONFIDENCE_ORDER.indexOf(worst))) worst = c;
  return worst;
}

const FOREIGN = new Set(['foreign-public', 'foreign-identity', 'foreign-private']);

/**
 * What a document must be like for one filing (law/documents, 154-FZ art. 27, the Hague and Minsk conventions):
 * the use's form and copies, the legalization the issuing country's treaties require on the filing date, the
 * translation, the validity, the parameter values it cites (a state duty), and what the law data notes.
 */
function requirementOf(
  ctx: Ctx,
  c: Case,
  f: CaseFacts,
  p: Person,
  entry: IndexEntry,
  filing: IsoDate,
  record: Record_ | undefined,
  order: number,
): DocumentRequirement {
  const { document: doc, use } = entry;
  const country = record?.country ?? p.citizenships[0];
  const notes: Message[] = [];
  const note = use.note ?? doc.note;
  if (note) notes.push(msg('checklist.note.law', { text: note }));
  let legalization: DocumentRequirement['legalization'] = use.origin === 'russian' ? 'none-domestic' : 'not-applicable';
  let legalBasis: readonly Citation[] = [];
  let legalConfidence: Confidence | undefined;
  if (use.origin === 'foreign-public' && country !== undefined) {
    const l: Legalization = ctx.law.countries.legalization(country, filing);
    legalization = l.kind;
    legalBasis = l.basis;
    legalConfidence = l.confidence as Confidence;
    if (l.possibleExemption) notes.push(msg('checklist.note.treaty', { country }));
  }
  const values: ParameterValue[] = [];
  const bases: (readonly Citation[])[] = [use.basis, legalBasis];
  for (const id of use.parameters) {
    const v = ctx.value(id, filing);
    if (!v) continue;
    values.push(v);
    bases.push(v.basis);
    if (ctx.law.parameter(id).unit === 'RUB' && typeof v.value === 'number')
      notes.push(msg('checklist.note.duty', { amount: v.value }));
  }
  const requirement: DocumentRequirement = {
    title: doc.title,
    issuer: { ...doc.issuer },
    provider: doc.provider,
    form: use.form,
    copies: use.copies,
    legalization,
    translation: use.translation && FOREIGN.has(use.origin) && country !== 'RU',
    order,
    fileName: `${String(order).padStart(2, '0')}_${doc.fileStem}.pdf`,
    basis: uniqueBasis(...bases),
  };
  if (use.validity?.maxAgeMonths !== undefined) requirement.maxAgeMonths = use.validity.maxAgeMonths;
  const until = use.validity?.validUntil;
  if (until) {
    const anchor = until.anchor === 'filing' ? filing : (permitEnd(f) ?? (c.contract.end as IsoDate | undefined));
    if (anchor !== undefined) requirement.validUntilAtLeast = addMonths(anchor, until.plusMonths);
  }
  if (use.photo) requirement.photo = { ...use.photo };
  const confidence = lowest(use.confidence, legalConfidence, weakest(...values));
  if (confidence) requirement.confidence = confidence;
  if (notes.length > 0) requirement.notes = notes;
  return requirement;
}

function sourceOf(r: Record_): Message {
  if (r.source === 'event')
    return msg('checklist.source.event', { event: r.event ?? '', on: r.issued ?? ('' as IsoDate) });
  return msg(r.source === 'document' ? 'checklist.source.document' : 'checklist.source.passport');
}

/** Status, the last filing date the document is usable for, and why. */
function statusOf(
  req: DocumentRequirement,
  use: DocumentUse,
  filing: IsoDate,
  r: Record_ | undefined,
): Pick<ChecklistItem, 'status' | 'usableUntil' | 'because'> {
  if (r === undefined) return { status: 'missing', because: [msg('checklist.missing', { filing })] };
  // The earliest of the limits (expiry, validity the filing needs, maximum age), and which one it is.
  let usableUntil: IsoDate | undefined;
  let reason: 'expires' | 'validity' | 'age' | undefined;
  const v = use.validity;
  if (r.expires !== undefined) {
    if (v?.validUntil?.anchor === 'filing') {
      usableUntil = addMonths(r.expires, -v.validUntil.plusMonths);
      reason = 'validity';
    } else {
      usableUntil = r.expires;
      reason = 'expires';
    }
  }
  if (r.issued !== undefined && v?.maxAgeMonths !== undefined) {
    const d = addMonths(r.issued, v.maxAgeMonths);
    if (usableUntil === undefined || d < usableUntil) {
      usableUntil = d;
      reason = 'age';
    }
  }
  const expires = r.expires as IsoDate;
  const issued = r.issued as IsoDate;
  const required = req.validUntilAtLeast as IsoDate;
  const months = v?.maxAgeMonths ?? 0;
  if (usableUntil !== undefined && usableUntil < filing) {
    const until = usableUntil;
    const because =
      reason === 'age'
        ? msg('checklist.expired.age', { issued, months, filing, until })
        : reason === 'validity'
          ? msg('checklist.expired.validity', { expires, filing, required, until })
          : msg('checklist.expired.expires', { expires, filing });
    return { status: 'expired', usableUntil, because: [because] };
  }
  // Valid at the filing but not as long as a fixed date requires (the permit's end): it must be renewed first.
  if (
    v?.validUntil?.anchor === 'permit-end' &&
    r.expires !== undefined &&
    req.validUntilAtLeast !== undefined &&
    r.expires < req.validUntilAtLeast
  ) {
    const because = [msg('checklist.short-validity', { expires, required, filing })];
    return usableUntil !== undefined ? { status: 'expiring', usableUntil, because } : { status: 'expiring', because };
  }
  if (usableUntil !== undefined && usableUntil < addDays(filing, EXPIRING_WITHIN_DAYS)) {
    const until = usableUntil;
    const days = EXPIRING_WITHIN_DAYS;
    const because =
      reason === 'age'
        ? msg('checklist.expiring.age', { issued, until, days, filing })
        : reason === 'validity'
          ? msg('checklist.expiring.validity', { until, required, days, filing })
          : msg('checklist.expiring.expires', { expires, days, filing });
    return { status: 'expiring', usableUntil, because: [because] };
  }
  const source = sourceOf(r);
  if (usableUntil !== undefined)
    return {
      status: 'collected',
      usableUntil,
      because: [msg('checklist.collected.until', { source, until: usableUntil, filing })],
    };
  return { status: 'collected', because: [msg('checklist.collected', { source, filing })] };
}

/**
 * The documents each person needs for each procedure the plan still has open, in the order of the
 * authority's document index (numbered 1, 2, … per person and procedure, as the scans are named).
 */
export function deriveChecklist(ctx: Ctx, c: Case, f: CaseFacts, plan: readonly PlanStep[]): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  const docs = indexDocuments(c);
  for (const job of jobsFromPlan(ctx, c, f, plan)) {
    // The entries of the procedure's index that apply to the person on the filing date, each document once.
    const holders = holdersOf(ctx, job.person, job.filing);
    const taken = new Set<string>();
    let order = 0;
    for (const entry of ctx.law.documents.forProcedure(job.procedure, job.filing)) {
      if (taken.has(entry.document.id)) continue;
      if (!usedBy(entry.use, holders)) continue;
      const record = bestRecord(c, docs, f, job.person, entry.document.id, ctx.asOf);
      // A document whose condition the case cannot tell (if requested, name changed…) is listed when the case has it.
      if (
        !conditionHolds(ctx, entry.use, job.person, f, job.filing) &&
        !(record?.source === 'document' && entry.use.when !== 'periodic')
      )
        continue;
      taken.add(entry.document.id);
      const requirement = requirementOf(ctx, c, f, job.person, entry, job.filing, record, ++order);
      const status = statusOf(requirement, entry.use, job.filing, record);
      const item: ChecklistItem = {
        person: job.person.id,
        procedure: job.procedure,
        document: entry.document.id,
        requirement,
        ...status,
      };
      items.push(item);
      if (ctx.trace)
        ctx.note(
          `checklist.${job.procedure}`,
          `${job.person.id}: ${entry.document.id} → ${item.status} (filing ${job.filing})`,
        );
    }
  }
  return items;
}

/** The first `documents` entry of a person and type (as the case lists them). */
function documentOf(c: Case, person: string, type: string): NonNullable<Case['documents']>[number] | undefined {
  for (const d of c.documents ?? []) if (d.person === person && d.type === type) return d;
  return undefined;
}

/** True the first time a finding code is raised for a person's document. */
function firstTime(once: Set<string>, code: string, person: string, document: string): boolean {
  const k = `${code}\u0000${person}\u0000${document}`;
  if (once.has(k)) return false;
  once.add(k);
  return true;
}

/**
 * Findings on the checklist: documents in the case that will not be usable (expired, too old, not valid long
 * enough) for the filing the plan expects, or only just; and foreign documents in the case whose required
 * apostille, consular legalization or notarized translation is not recorded (once per person and document).
 */
export function checklistFindings(c: Case, items: readonly ChecklistItem[]): Finding[] {
  const out: Finding[] = [];
  const once = new Set<string>();
  for (const i of items) {
    if (i.status === 'missing') continue;
    const doc = documentOf(c, i.person, i.document);
    const kind = i.requirement.legalization;
    const legalizationMissing =
      doc !== undefined &&
      ((kind === 'apostille' && doc.apostille !== true) ||
        (kind === 'consular-legalization' && doc.legalized !== true));
    const translationMissing = doc !== undefined && i.requirement.translation && doc.translated !== true;
    if (i.status !== 'expired' && i.status !== 'expiring' && !legalizationMissing && !translationMissing) continue;
    const base = {
      people: [i.person],
      basis: i.requirement.basis,
      ...(i.requirement.confidence ? { confidence: i.requirement.confidence } : {}),
    };
    const params = {
      person: i.person,
      document: i.document,
      procedure: i.procedure,
      why: i.because[0] as Message,
    };
    // A rule only practice gives (low confidence) makes a warning, not an error.
    const weak = i.requirement.confidence === 'low' || i.requirement.confidence === 'low-medium';
    if (i.status === 'expired')
      out.push({ severity: weak ? 'warning' : 'error', code: 'document-unusable-at-filing', params, ...base });
    else if (i.status === 'expiring')
      out.push({ severity: 'warning', code: 'document-expiring-near-filing', params, ...base });
    if (!doc) continue;
    if (legalizationMissing && firstTime(once, 'document-legalization-missing', i.person, i.document)) {
      let country = doc.country;
      if (country === undefined) {
        country = '';
        for (const p of c.people) {
          if (p.id === i.person) {
            country = p.citizenships[0] ?? '';
            break;
          }
        }
      }
      out.push({
        severity: 'warning',
        code: 'document-legalization-missing',
        params: { person: i.person, document: i.document, country, kind },
        ...base,
      });
    }
    if (translationMissing && firstTime(once, 'document-translation-missing', i.person, i.document)) {
      out.push({
        severity: 'warning',
        code: 'document-translation-missing',
        params: { person: i.person, document: i.document },
        ...base,
      });
    }
  }
  return out;
}
