// The checklist: for each person and each open procedure of the plan, the documents the law data's
// catalogue (law/documents) asks of that person, each with its requirement filled in from the case —
// legalization by the issuing country's treaties on the filing date (Hague Convention 1961 art. 3, Minsk
// Convention 1993 art. 13, otherwise consular legalization under 154-FZ art. 27), the age group on the
// filing date, the validity the document must have — and its status from what the case records.
import type { Case, Person } from '../case/index.ts';
import type { DocumentType, DocumentUse, Holder, IndexEntry, ParameterValue, ProcedureId } from '../law/index.ts';
import { addDays, addMonths, type IsoDate } from '../calendar/date.ts';
import { type Ctx, weakest } from './context.ts';
import type { CaseFacts, PersonFacts } from './facts.ts';
import type { ChecklistItem, Citation, Confidence, DocumentRequirement, Finding, PlanStep, PlanStepId } from './types.ts';
import { ageOn } from './util.ts';

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
  translated?: boolean;
  apostille?: boolean;
  legalized?: boolean;
}

interface Job {
  person: Person;
  procedure: ProcedureId;
  filing: IsoDate;
}

const open = (s: PlanStep | undefined): s is PlanStep => s !== undefined && s.status !== 'done' && s.status !== 'not-applicable';
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

/** The holder groups a person falls in on a date: age decides the child's papers. */
export function holdersOf(p: Person, on: IsoDate): Set<Holder> {
  const out = new Set<Holder>();
  if (p.role === 'principal') out.add('principal');
  else if (p.relation === 'spouse') out.add('spouse');
  else {
    const age = ageOn(p.birthDate as IsoDate, on);
    out.add(age < 14 ? 'child-under-14' : age < 18 ? 'child-14-17' : 'adult-family');
  }
  if (p.incapacitated === true) out.add('incapacitated');
  return out;
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

/** Everything the case records that stands for a document of a person, newest first. */
type DocIndex = Map<string, NonNullable<Case['documents']>>;

function indexDocuments(c: Case): DocIndex {
  const out: DocIndex = new Map();
  for (const d of c.documents ?? []) {
    const k = `${d.person}\u0000${d.type}`;
    const list = out.get(k);
    if (list) list.push(d);
    else out.set(k, [d]);
  }
  return out;
}

function recordsOf(c: Case, docs: DocIndex, f: CaseFacts, p: Person, docId: string, asOf: IsoDate): Record_[] {
  const pf = f.people.get(p.id) as PersonFacts;
  const out: Record_[] = [];
  for (const d of docs.get(`${p.id}\u0000${docId}`) ?? []) {
    out.push({
      source: 'document',
      ...(d.issued ? { issued: d.issued as IsoDate } : {}),
      ...(d.expires ? { expires: d.expires as IsoDate } : {}),
      ...(d.country ? { country: d.country } : {}),
      ...(d.translated !== undefined ? { translated: d.translated } : {}),
      ...(d.apostille !== undefined ? { apostille: d.apostille } : {}),
      ...(d.legalized !== undefined ? { legalized: d.legalized } : {}),
    });
  }
  const ev = (event: string, issued: IsoDate, expires?: IsoDate): Record_ => ({ source: 'event', event, issued, ...(expires ? { expires } : {}) });
  const past = <T extends { on: IsoDate }>(list: readonly T[]) => list.filter((e) => e.on <= asOf);
  switch (docId) {
    case 'passport':
      for (const x of p.passports ?? []) out.push({ source: 'passport', issued: x.issued as IsoDate, expires: x.expires as IsoDate, country: x.country });
      for (const r of past(pf.passportRenewals)) out.push({ source: 'event', event: r.type, issued: r.issued as IsoDate, expires: r.expires as IsoDate });
      break;
    case 'visa':
      for (const v of past(pf.visas)) out.push(ev(v.type, v.on, v.validUntil as IsoDate));
      break;
    case 'invitation':
      for (const v of past(pf.invitations)) out.push(ev(v.type, v.on, v.validUntil as IsoDate));
      break;
    case 'migration-card':
      for (const d of pf.entries) if (d <= asOf) out.push(ev('entry', d));
      break;
    case 'registration-slip':
      for (const r of past(pf.registrations)) out.push(ev(r.type, r.on, r.until as IsoDate | undefined));
      break;
    case 'work-permit-card': {
      const issued = past(f.permitIssued).at(-1);
      const end = permitEnd(f);
      if (issued) out.push(ev(issued.type, issued.on, end));
      break;
    }
    case 'current-rp':
      for (const r of past(pf.rpIssued)) out.push(ev(r.type, r.on, r.validUntil as IsoDate | undefined));
      break;
    case 'medical-insurance':
      for (const i of f.insurance) if (i.person === p.id && i.on <= asOf) out.push(ev(i.type, i.validFrom as IsoDate, i.validUntil as IsoDate));
      break;
    case 'employment-contract':
      for (const d of f.contractSigned) if (d <= asOf) out.push(ev('contract-signed', d, c.contract.end as IsoDate | undefined));
      break;
    default:
      break;
  }
  // Newest first: the one that lasts longest, else the latest issued.
  return out.sort((a, b) => {
    const ea = a.expires ?? '9999-12-31';
    const eb = b.expires ?? '9999-12-31';
    if (ea !== eb) return ea < eb ? 1 : -1;
    const ia = a.issued ?? '';
    const ib = b.issued ?? '';
    return ia < ib ? 1 : ia > ib ? -1 : 0;
  });
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
  for (const c of cs) if (c && (worst === undefined || CONFIDENCE_ORDER.indexOf(c) < CONFIDENCE_ORDER.indexOf(worst))) worst = c;
  return worst;
}

const FOREIGN = new Set(['foreign-public', 'foreign-identity', 'foreign-private']);

interface Built {
  requirement: DocumentRequirement;
  /** The issuing country a foreign document's legalization was decided for. */
  country?: string;
}

function requirementOf(
  ctx: Ctx,
  c: Case,
  f: CaseFacts,
  p: Person,
  doc: DocumentType,
  use: DocumentUse,
  filing: IsoDate,
  record: Record_ | undefined,
  order: number,
): Built {
  const country = record?.country ?? p.citizenships[0];
  let legalization: DocumentRequirement['legalization'] = 'not-applicable';
  let legalBasis: readonly Citation[] = [];
  let legalConfidence: Confidence | undefined;
  const notes: string[] = [];
  const note = use.note?.[ctx.lang] ?? doc.note?.[ctx.lang];
  if (note) notes.push(note);
  if (use.origin === 'russian') legalization = 'none-domestic';
  if (use.origin === 'foreign-public' && country !== undefined) {
    const l = ctx.law.countries.legalization(country, filing);
    legalization = l.kind;
    legalBasis = l.basis;
    legalConfidence = l.confidence as Confidence;
    if (l.possibleExemption) notes.push(ctx.msg('checklist.note.treaty', { country }));
  }
  const values: ParameterValue[] = [];
  for (const id of use.parameters) {
    const v = ctx.param(id, filing);
    if (!v) continue;
    values.push(v);
    if (ctx.law.parameter(id).unit === 'RUB' && typeof v.value === 'number') notes.push(ctx.msg('checklist.note.duty', { amount: v.value, parameter: id }));
  }
  const issuedInRussia = country === 'RU';
  const requirement: DocumentRequirement = {
    title: doc.title,
    issuer: { en: doc.issuer.en, ru: doc.issuer.ru },
    form: use.form,
    copies: use.copies,
    legalization,
    translation: use.translation && FOREIGN.has(use.origin) && !issuedInRussia,
    order,
    fileName: `${String(order).padStart(2, '0')}_${doc.fileStem}.pdf`,
    basis: uniqueBasis(use.basis, legalBasis, ...values.map((v) => v.basis)),
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
  if (notes.length > 0) requirement.note = notes.join(' ');
  return { requirement, ...(use.origin === 'foreign-public' && country !== undefined ? { country } : {}) };
}

function sourceText(ctx: Ctx, r: Record_): string {
  if (r.source === 'event') return ctx.msg('checklist.source.event', { event: r.event ?? '', on: r.issued ?? '' });
  return ctx.msg(`checklist.source.${r.source}`);
}

/** Status, the last filing date the document is usable for, and why. */
function statusOf(
  ctx: Ctx,
  req: DocumentRequirement,
  use: DocumentUse,
  filing: IsoDate,
  r: Record_ | undefined,
): Pick<ChecklistItem, 'status' | 'usableUntil' | 'why'> {
  if (r === undefined) return { status: 'missing', why: ctx.msg('checklist.missing', { filing }) };
  let usableUntil: IsoDate | undefined;
  let reason: 'expires' | 'validity' | 'age' | undefined;
  const limit = (d: IsoDate, why: typeof reason) => {
    if (usableUntil === undefined || d < usableUntil) {
      usableUntil = d;
      reason = why;
    }
  };
  const v = use.validity;
  if (r.expires !== undefined) {
    if (v?.validUntil?.anchor === 'filing') limit(addMonths(r.expires, -v.validUntil.plusMonths), 'validity');
    else limit(r.expires, 'expires');
  }
  if (r.issued !== undefined && v?.maxAgeMonths !== undefined) limit(addMonths(r.issued, v.maxAgeMonths), 'age');
  const params = {
    filing,
    until: usableUntil ?? '',
    expires: r.expires ?? '',
    issued: r.issued ?? '',
    months: v?.maxAgeMonths ?? 0,
    required: req.validUntilAtLeast ?? '',
    source: sourceText(ctx, r),
  };
  const base = { ...(usableUntil !== undefined ? { usableUntil } : {}) };
  if (usableUntil !== undefined && usableUntil < filing) return { status: 'expired', ...base, why: ctx.msg(`checklist.expired.${reason}`, params) };
  // Valid at the filing but not as long as a fixed date requires (the permit's end): it must be renewed first.
  if (v?.validUntil?.anchor === 'permit-end' && r.expires !== undefined && req.validUntilAtLeast !== undefined && r.expires < req.validUntilAtLeast) {
    return { status: 'expiring', ...base, why: ctx.msg('checklist.short-validity', params) };
  }
  if (usableUntil !== undefined && usableUntil < addDays(filing, EXPIRING_WITHIN_DAYS)) {
    return { status: 'expiring', ...base, why: ctx.msg(`checklist.expiring.${reason}`, { ...params, days: EXPIRING_WITHIN_DAYS }) };
  }
  return { status: 'collected', ...base, why: ctx.msg(usableUntil !== undefined ? 'checklist.collected.until' : 'checklist.collected', params) };
}

/** The entries of a procedure's index that apply to a person on the filing date. */
function entriesFor(ctx: Ctx, c: Case, docs: DocIndex, f: CaseFacts, job: Job): { entry: IndexEntry; record: Record_ | undefined }[] {
  const holders = holdersOf(job.person, job.filing);
  const out: { entry: IndexEntry; record: Record_ | undefined }[] = [];
  const taken = new Set<string>();
  for (const entry of ctx.law.documents.forProcedure(job.procedure, job.filing)) {
    if (taken.has(entry.document.id)) continue;
    if (!entry.use.holders.some((h) => holders.has(h))) continue;
    const record = recordsOf(c, docs, f, job.person, entry.document.id, ctx.asOf)[0];
    // A document whose condition the case cannot tell (if requested, name changed…) is listed when the case has it.
    if (!conditionHolds(ctx, entry.use, job.person, f, job.filing) && !(record?.source === 'document' && entry.use.when !== 'periodic')) continue;
    taken.add(entry.document.id);
    out.push({ entry, record });
  }
  return out;
}

/**
 * The documents each person needs for each procedure the plan still has open, in the order of the
 * authority's document index (numbered 1, 2, … per person and procedure, as the scans are named).
 */
export function deriveChecklist(ctx: Ctx, c: Case, f: CaseFacts, plan: readonly PlanStep[]): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  const docs = indexDocuments(c);
  for (const job of jobsFromPlan(ctx, c, f, plan)) {
    const entries = entriesFor(ctx, c, docs, f, job);
    entries.forEach(({ entry, record }, i) => {
      const { requirement } = requirementOf(ctx, c, f, job.person, entry.document, entry.use, job.filing, record, i + 1);
      const status = statusOf(ctx, requirement, entry.use, job.filing, record);
      const item: ChecklistItem = { person: job.person.id, procedure: job.procedure, document: entry.document.id, requirement, ...status };
      items.push(item);
      if (ctx.trace) ctx.note(`checklist.${job.procedure}`, `${job.person.id}: ${entry.document.id} → ${item.status} (filing ${job.filing})`);
    });
  }
  return items;
}

/**
 * Findings on the checklist: documents in the case that will not be usable (expired, too old, not valid long
 * enough) for the filing the plan expects, or only just; and foreign documents in the case whose required
 * apostille, consular legalization or notarized translation is not recorded (once per person and document).
 */
export function checklistFindings(ctx: Ctx, c: Case, items: readonly ChecklistItem[]): Finding[] {
  const out: Finding[] = [];
  const once = new Set<string>();
  for (const i of items) {
    const params = { person: i.person, document: i.requirement.title[ctx.lang], procedure: ctx.msg(`procedure.${i.procedure}`), why: i.why };
    const base = { people: [i.person], basis: i.requirement.basis, ...(i.requirement.confidence ? { confidence: i.requirement.confidence } : {}) };
    // A rule only practice gives (low confidence) makes a warning, not an error.
    const weak = i.requirement.confidence === 'low' || i.requirement.confidence === 'low-medium';
    if (i.status === 'expired') out.push({ severity: weak ? 'warning' : 'error', code: 'document-unusable-at-filing', message: ctx.msg('finding.document-unusable-at-filing', params), ...base });
    else if (i.status === 'expiring') out.push({ severity: 'warning', code: 'document-expiring-near-filing', message: ctx.msg('finding.document-expiring-near-filing', params), ...base });
    if (i.status === 'missing') continue;
    const doc = (c.documents ?? []).find((d) => d.person === i.person && d.type === i.document);
    if (!doc) continue;
    const kind = i.requirement.legalization;
    const country = doc.country ?? c.people.find((p) => p.id === i.person)?.citizenships[0] ?? '';
    const first = (code: string) => {
      const k = `${code}\u0000${i.person}\u0000${i.document}`;
      if (once.has(k)) return false;
      once.add(k);
      return true;
    };
    if (((kind === 'apostille' && doc.apostille !== true) || (kind === 'consular-legalization' && doc.legalized !== true)) && first('document-legalization-missing')) {
      out.push({
        severity: 'warning',
        code: 'document-legalization-missing',
        message: ctx.msg('finding.document-legalization-missing', { ...params, country, kind: ctx.msg(`legalization.${kind}`) }),
        ...base,
      });
    }
    if (i.requirement.translation && doc.translated !== true && first('document-translation-missing')) {
      out.push({ severity: 'warning', code: 'document-translation-missing', message: ctx.msg('finding.document-translation-missing', params), ...base });
    }
  }
  return out;
}
