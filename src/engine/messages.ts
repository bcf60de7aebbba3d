// The engine speaks codes. Every reason, finding, `why` and note it gives is a message: a code from this
// registry and typed params (dates, amounts, counts, codes of the law's vocabularies, nested messages). The
// registry says which params each code takes and of what kind; it holds no wording. src/i18n turns messages
// into text, one renderer per language (locales/<lang>.json holds a template per code).
import type { IsoDate } from '../calendar/date.ts';
import type { LocalizedText } from '../law/index.ts';

/** How the renderer writes a param (src/i18n/render.ts). */
export type ParamKind =
  /** YYYY-MM-DD, written as each language writes a date in a sentence (2027-01-30, 30 января 2027 г., 2027年1月30日). */
  | 'date'
  /** A whole number. */
  | 'int'
  /** Text shown as is: a passport number, a name as a document gives it, a year. Never a code of a vocabulary. */
  | 'text'
  /** An identifier for programs (an obligation's id): kept in the params, never written in a sentence. */
  | 'id'
  /** A person of the case (the id), written as the person's name (RenderOptions.people). */
  | 'person'
  /** A calendar quarter (2026-Q4): IV квартал 2026 г., 2026年第四季度. */
  | 'quarter'
  /** A calendar month (2027-01): январь 2027 г., 2027年1月. */
  | 'month'
  /** An obligation kind (src/engine/vocabulary.ts OBLIGATION_KINDS), written as its name. */
  | 'obligation'
  /** An employer kind of the case format, written as its name; and a list of them. */
  | 'employer-kind'
  | 'employer-kinds'
  /** An occupation of the case format, written as its name; and a list of them. */
  | 'occupation'
  | 'occupations'
  /** A family member's relation to the HQS, written as its name ('' where the case records none); and a list. */
  | 'relation'
  | 'relations'
  /** An activity the HQS route excludes (`hqs.excluded-activities`), written as its name. */
  | 'activity'
  /** An ISO 4217 currency code, written as the currency's name where the locale has one. */
  | 'currency'
  /** A field of the case format (`employer.sezType`), written as the field's label. */
  | 'field'
  /** Country codes, written as the countries' names. */
  | 'countries'
  /** An amount in roubles, in groups of three digits. */
  | 'rub'
  /** An amount in roubles, or null where the law sets none (written as a dash). */
  | 'rub?'
  /** A measurement period of the law: calendar-month, calendar-quarter, year. */
  | 'period'
  /** A salary-threshold category (the parameter id without `hqs.salary-threshold.`). */
  | 'category'
  /** A list of plan step ids, joined with commas. */
  | 'steps'
  /** A case event type. */
  | 'eventtype'
  /** A list of special-economic-zone types, joined with commas. */
  | 'sez-types'
  /** A country code, written as the country's name. */
  | 'country'
  /** A procedure of the document catalogue (law/documents). */
  | 'procedure'
  /** A legalization kind (apostille, consular legalization…). */
  | 'legalization'
  /** A document type of the catalogue, written as its title. */
  | 'document'
  /** A term counted from a date (a Term), or a date when no term applies. */
  | 'term'
  /** A message within the message. */
  | 'message'
  /** Messages joined with semicolons. */
  | 'messages'
  /** Text the law data gives in each language (a note on a document). */
  | 'localized';

/** A term counted from a date as the law data says: `from + n unit → end`, then moved to `shiftedTo` where it was. */
export interface Term {
  from: IsoDate;
  n: number;
  unit: 'working-days' | 'calendar-days' | 'months' | 'years';
  end: IsoDate;
  /** The next working day, where the term's last day was a non-working day and the data says it moves. */
  shiftedTo?: IsoDate;
}

/** One thing the engine says: a code of MESSAGES and its params. */
export interface Message {
  code: MessageCode;
  params?: Params;
}

export type ParamValue =
  string | number | null | readonly string[] | Term | Message | readonly Message[] | LocalizedText;
export type Params = { readonly [name: string]: ParamValue };

interface KindValue {
  date: IsoDate;
  int: number;
  text: string;
  id: string;
  person: string;
  quarter: string;
  month: string;
  obligation: string;
  'employer-kind': string;
  'employer-kinds': readonly string[];
  occupation: string;
  occupations: readonly string[];
  relation: string;
  relations: readonly string[];
  activity: string;
  currency: string;
  field: string;
  countries: readonly string[];
  rub: number;
  'rub?': number | null;
  period: string;
  category: string;
  steps: readonly string[];
  eventtype: string;
  'sez-types': readonly string[];
  country: string;
  procedure: string;
  legalization: string;
  document: string;
  term: Term | IsoDate;
  message: Message;
  messages: readonly Message[];
  localized: LocalizedText;
}

const term = 'term';
const date = 'date';
const int = 'int';
const text = 'text';
const person = 'person';

/** Every code the engine may say, with its params and their kinds. */
export const MESSAGES = {
  // ——— eligibility (reason codes: the part after `eligibility.`) ———
  'eligibility.eaeu-permit-not-required': { country: 'country' },
  'eligibility.excluded-activity': { activity: 'activity' },
  'eligibility.employer-barred-illegal-hiring': { years: int },
  'eligibility.employer-barred-salary': { years: int },
  'eligibility.employer-not-registered': {},
  'eligibility.evaluated-with-proposals': { category: 'category', threshold: 'rub?', period: 'period', from: date },
  'eligibility.no-salary-requirement': { category: 'category', from: date },
  'eligibility.no-threshold-data': { date },
  'eligibility.proposal-would-be-met': {
    stage: 'message',
    threshold: 'rub?',
    period: 'period',
    from: date,
    salary: 'rub',
  },
  'eligibility.proposal-would-not-be-met': {
    stage: 'message',
    threshold: 'rub?',
    period: 'period',
    from: date,
    salary: 'rub',
  },
  'eligibility.salary-below-threshold': {
    salary: 'rub',
    period: 'period',
    threshold: 'rub?',
    category: 'category',
    from: date,
  },
  'eligibility.salary-below-threshold-at-start': { start: date, threshold: 'rub', period: 'period', salary: 'rub' },
  'eligibility.salary-currency': { currency: 'currency' },
  'eligibility.salary-meets-threshold': {
    salary: 'rub',
    period: 'period',
    threshold: 'rub?',
    category: 'category',
    from: date,
  },
  'eligibility.sez-type-decides': { met: 'sez-types', unmet: 'sez-types', field: 'field' },
  'eligibility.sez-type-missing-all-met': {},
  'eligibility.sez-type-missing-none-met': {},

  // ——— routes that fit instead (alternatives: the part after `route.`) ———
  'route.eaeu-work': {},
  'route.ordinary-work-permit': {},
  'route.patent': {},

  // ——— a bill's last verified stage ———
  'bill-stage.submitted': { date },
  'bill-stage.first-reading': { date },
  'bill-stage.second-reading': { date },
  'bill-stage.third-reading': { date },
  'bill-stage.federation-council': { date },
  'bill-stage.signed': { date },
  'bill-stage.unknown': {},

  // ——— findings (finding codes: the part after `finding.`) ———
  'finding.collection-before-arrival': { due: date, extra: int },
  'finding.document-expiring-near-filing': {
    person,
    document: 'document',
    procedure: 'procedure',
    why: 'message',
  },
  'finding.document-legalization-missing': {
    person,
    document: 'document',
    country: 'country',
    kind: 'legalization',
  },
  'finding.document-translation-missing': { person, document: 'document' },
  'finding.document-unusable-at-filing': { person, document: 'document', procedure: 'procedure', why: 'message' },
  'finding.events-after-as-of': { count: int, asOf: date, list: 'messages' },
  'finding.events-after-as-of.item': { on: date, event: 'eventtype', person },
  'finding.events-after-as-of.item-employer': { on: date, event: 'eventtype' },
  'finding.history-deported': { person },
  'finding.history-entry-ban': { person },
  'finding.history-overstay': { person },
  'finding.history-prior-refusal': { person },
  'finding.name-mismatch': { person, doc: 'document', a: text, b: text },
  'finding.not-a-family-member': { person, relation: 'relation' },
  'finding.obligation-done-late': { done: date, due: date, id: 'id', what: 'message' },
  'finding.obligation-overdue': { due: date, id: 'id', what: 'message' },
  'finding.passport-expired': { person, number: text, expires: date },
  'finding.passport-expires-before-filing': { person, expires: date, filing: date },
  'finding.passport-expires-before-permit': { person, number: text, expires: date, until: date },
  'finding.passport-missing': { person },
  'finding.passport-number-mismatch': { person, number: text, known: text },
  'finding.permit-absence-nearing-limit': { exit: date, limit: date, months: int },
  'finding.permit-absence-over-limit': { months: int, exit: date },
  'finding.rp-absence-nearing-limit': { year: text, used: int, limit: int },
  'finding.rp-absence-over-limit': { year: text, used: int, limit: int },
  'finding.salary-below-threshold': { period: 'quarter', detail: 'message', years: int },
  'finding.salary-below-threshold.month': { month: 'month', paid: 'rub', need: 'rub' },
  'finding.salary-below-threshold.quarter': { paid: 'rub', need: 'rub' },
  'finding.steps-not-recorded': { person, steps: 'steps' },
  'list.more': {},

  // ——— an obligation named in a sentence (a finding's `what`) ———
  'obligation.salary-notification': { quarter: 'quarter' },
  'obligation.of': { kind: 'obligation', person },

  // ——— why an obligation is due when it is ———
  'why.absence-consecutive': { year: int, used: int, limit: int, months: int },
  'why.absence-total': { year: int, used: int, limit: int, months: int },
  'why.assumed-start': { event: 'eventtype' },
  'why.collection': { steps: term },
  'why.contract-notification': { steps: term },
  'why.extension': { until: date, n: int, latest: date },
  'why.extension-lead': { until: date, days: int, latest: date, n: int },
  'why.leave': { s1: term, s2: term },
  'why.new-contract': { steps: term },
  'why.passport': { number: text, expires: date, need: date },
  'why.passport-renewed': { number: text, expires: date, on: date },
  'why.provisional': { year: int },
  'why.registration-entry': { steps: term },
  'why.registration-move': { steps: term },
  'why.rp-annual': { k: int, anniversary: date, steps: term },
  'why.rp-annual-in-person': {},
  'why.rp-book': { age: int, birthday: date, steps: term },
  'why.rp-received-assumed': { on: date },
  'why.rp-registration': { steps: term },
  'why.rp-registration-arrival': { received: date, arrival: date, steps: term },
  'why.salary-notification': { period: 'quarter', month: 'month', due: date },
  'why.termination-notification': { steps: term },

  // ——— what each plan step is ———
  'plan.citizenship': {},
  'plan.contract': {},
  'plan.contract-notification': {},
  'plan.employer-registration': {},
  'plan.entry': {},
  'plan.entry.na': {},
  'plan.implied.entry': { on: date },
  'plan.implied.work': { on: date },
  'plan.indefinite-rp.earliest': { date, years: int, work: date, received: date, from: date },
  'plan.indefinite-rp.na': {},
  'plan.indefinite-rp.needs-rp': { years: int },
  'plan.indefinite-rp.no-hqs-rp': {},
  'plan.indefinite-rp.work-unknown': { years: int },
  'plan.invitation': {},
  'plan.invitation.na': {},
  'plan.migration-registration': {},
  'plan.rp-decision': {},
  'plan.rp-filing': {},
  'plan.rp-registration': {},
  'plan.target-missed': { target: date, latest: date },
  'plan.visa': {},
  'plan.visa.na': {},
  'plan.work-permit-collection': {},
  'plan.work-permit-decision': { n: int },
  'plan.work-permit-decision.deadline': { n: int, date },
  'plan.work-permit-extension': {},
  'plan.work-permit-filing': {},

  // ——— the checklist: a document's status, and notes on what it must be like ———
  'checklist.collected': { source: 'message', filing: date },
  'checklist.collected.until': { source: 'message', until: date, filing: date },
  'checklist.expired.age': { issued: date, months: int, filing: date, until: date },
  'checklist.expired.expires': { expires: date, filing: date },
  'checklist.expired.validity': { expires: date, filing: date, required: date, until: date },
  'checklist.expiring.age': { issued: date, until: date, days: int, filing: date },
  'checklist.expiring.expires': { expires: date, days: int, filing: date },
  'checklist.expiring.validity': { until: date, required: date, days: int, filing: date },
  'checklist.missing': { filing: date },
  'checklist.note.duty': { amount: 'rub' },
  'checklist.note.law': { text: 'localized' },
  'checklist.note.treaty': { country: 'country' },
  'checklist.short-validity': { expires: date, required: date, filing: date },
  'checklist.source.document': {},
  'checklist.source.event': { event: 'eventtype', on: date },
  'checklist.source.passport': {},

  // ——— the residence grounds: why a ground applies, may apply, or does not ———
  'grounds.why.applies': { detail: 'messages' },
  'grounds.why.not-applicable': { detail: 'messages' },
  'grounds.why.possible': { detail: 'messages' },
  'grounds.needs': { facts: 'messages' },
  'grounds.cond.adult': { date, age: int, limit: int },
  'grounds.cond.minor': { date, age: int, limit: int },
  'grounds.cond.citizenship.no': { list: 'countries' },
  'grounds.cond.citizenship.yes': { list: 'countries' },
  'grounds.cond.employer.no': { kind: 'employer-kind', list: 'employer-kinds' },
  'grounds.cond.employer.yes': { kind: 'employer-kind' },
  'grounds.cond.hqs.cancelled': {},
  'grounds.cond.hqs.filed': { date },
  'grounds.cond.hqs.issued': { date },
  'grounds.cond.hqs.not-family': { relation: 'relation' },
  'grounds.cond.hqs.not-filed': {},
  'grounds.cond.hqs.not-principal': {},
  'grounds.cond.incapacitated.no': {},
  'grounds.cond.incapacitated.yes': {},
  'grounds.cond.occupation.no': { occupation: 'occupation', list: 'occupations' },
  'grounds.cond.occupation.yes': { occupation: 'occupation' },
  'grounds.cond.parent-rp.filed': { date },
  'grounds.cond.parent-rp.issued': { date },
  'grounds.cond.parent-rp.none': {},
  'grounds.cond.parent-rp.not-filed': {},
  'grounds.cond.relation.no': { relation: 'relation', list: 'relations' },
  'grounds.cond.relation.yes': { relation: 'relation' },
  'grounds.fact.born-in-rsfsr-ussr-citizen': {},
  'grounds.fact.citizenship-decision-revoked': {},
  'grounds.fact.citizenship-law-art-41-1': {},
  'grounds.fact.contest-finalist-or-winner': {},
  'grounds.fact.crimea-deportation-rehabilitated': {},
  'grounds.fact.former-russian-citizen': {},
  'grounds.fact.investor-criteria-met': {},
  'grounds.fact.it-qualification': {},
  'grounds.fact.listed-profession-six-months': {},
  'grounds.fact.military-service-contract': {},
  'grounds.fact.native-speaker-recognized': {},
  'grounds.fact.resettlement-permit': {},
  'grounds.fact.resident-of-new-regions': {},
  'grounds.fact.russian-citizen-parent-or-child': {},
  'grounds.fact.russian-honours-diploma': {},
} as const satisfies Record<string, Readonly<Record<string, ParamKind>>>;

export type MessageCode = keyof typeof MESSAGES;
export const MESSAGE_CODES = Object.keys(MESSAGES) as MessageCode[];

/** The params a code takes, typed by their kinds. */
export type ParamsOf<C extends MessageCode> = {
  readonly [K in keyof (typeof MESSAGES)[C]]: KindValue[(typeof MESSAGES)[C][K] & ParamKind];
};

type ParamsArg<C extends MessageCode> = keyof (typeof MESSAGES)[C] extends never ? [] : [ParamsOf<C>];

/** A message: the code and, where it takes any, its params (checked against the registry by the compiler). */
export function msg<C extends MessageCode>(code: C, ...params: ParamsArg<C>): Message {
  return params.length === 0 ? { code } : { code, params: params[0] as Params };
}

/** The codes of a group (`eligibility.`, `finding.`, `route.`) without their prefix. */
type Suffix<P extends string> = MessageCode extends infer C ? (C extends `${P}${infer S}` ? S : never) : never;

/** Eligibility reason codes (hqs-evaluation/1 `eligibility.reasons[].code`). */
export type ReasonCode = Suffix<'eligibility.'>;
/** Finding codes (hqs-evaluation/1 `findings[].code`), without the parts of a finding's message. */
export type FindingCode = Exclude<Suffix<'finding.'>, `${string}.${string}`>;
/** Routes the eligibility names where HQS does not fit. */
export type RouteId = Suffix<'route.'>;

export const REASON_CODES = codesOf('eligibility.') as ReasonCode[];
export const FINDING_CODES = codesOf('finding.').filter((c) => !c.includes('.')) as FindingCode[];
export const ROUTE_IDS = codesOf('route.') as RouteId[];

function codesOf(prefix: string): string[] {
  return MESSAGE_CODES.filter((c) => c.startsWith(prefix)).map((c) => c.slice(prefix.length));
}

/** The params a code takes, by name (for the renderer and the locale tests). */
export function paramKinds(code: MessageCode): Readonly<Record<string, ParamKind>> {
  return MESSAGES[code] as Readonly<Record<string, ParamKind>>;
}
