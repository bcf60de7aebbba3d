// The new-case form as plain data, and the pure functions around it: the hqs-case/1 document it builds
// (buildCase), the form filled in from a case document (formFromCase: the self-check's answers go through
// toCase() and then here), what can be checked before the server sees it (validateForm), and where a
// problem the server names by case path (`people[1].birthDate`) belongs in the form (fieldOf, stepOf).
// The server is the judge: the client only catches what is missing or plainly malformed.
import { innProblem } from '../../../../src/case/inn.ts';
import {
  EMPLOYER_KINDS,
  OCCUPATIONS,
  RELATIONS,
  SALARY_PERIODS,
  isRealDate,
  type EmployerKind,
  type Occupation,
  type Relation,
  type SalaryPeriod,
} from '../../selfcheck/flow.ts';

// The case format's vocabularies not already in the self-check: from src/core (no zod in the app bundle).
// The flags below are copies of src/case/schema.ts; build.test.ts fails when they drift apart.
import {
  CONTRACT_KINDS,
  SEXES,
  SEZ_TYPES,
  type ContractKind,
  type Sex,
  type SezType,
} from '../../../../src/core/vocabulary.ts';
export { CONTRACT_KINDS, SEXES, SEZ_TYPES };
export type { ContractKind, Sex, SezType };
export const HISTORY_FLAGS = ['priorRefusal', 'overstay', 'entryBan', 'deported'] as const;
export const EMPLOYER_FLAGS = [
  'illegalHiringPenaltyWithin2Years',
  'belowThresholdPenaltyWithin2Years',
  'internationalMedicalCluster',
  'siriusPriorityArea',
] as const;
export { EMPLOYER_KINDS, OCCUPATIONS, RELATIONS, SALARY_PERIODS };
export type { EmployerKind, Occupation, Relation, SalaryPeriod };
export type HistoryFlag = (typeof HISTORY_FLAGS)[number];
export type EmployerFlag = (typeof EMPLOYER_FLAGS)[number];

export const RUSSIA = 'RU';
export const CASE_FORMAT = 'hqs-case/1';

// ——— The document (the parts of hqs-case/1 this form writes; shapes as src/case/schema.ts) ———

export interface EmployerDoc {
  name: string;
  inn: string;
  kind: string;
  hqsRegistered?: string;
  illegalHiringPenaltyWithin2Years?: boolean;
  belowThresholdPenaltyWithin2Years?: boolean;
  sezType?: string;
  internationalMedicalCluster?: boolean;
  siriusPriorityArea?: boolean;
  region?: string;
}
export interface PassportDoc {
  number: string;
  country: string;
  issued: string;
  expires: string;
}
export interface PersonDoc {
  id: string;
  role: 'principal' | 'family';
  relation?: string;
  adopted?: boolean;
  incapacitated?: boolean;
  name: { latin: string; cyrillic?: string; native?: string };
  sex?: string;
  birthDate: string;
  citizenships: string[];
  passports?: PassportDoc[];
  startsFrom?: string;
  residenceCountry?: string;
  history?: Partial<Record<HistoryFlag, boolean>>;
  email?: string;
}
export interface ContractDoc {
  kind: string;
  position: string;
  occupation: string;
  salary: { amount: number; per: string };
  currency?: string;
  start: string;
  end?: string;
  regions: string[];
  religiousActivity?: boolean;
}
export interface CaseDoc {
  format: typeof CASE_FORMAT;
  id?: string;
  employer: EmployerDoc;
  people: PersonDoc[];
  contract: ContractDoc;
}

// ——— The form ———

export interface PassportForm {
  number: string;
  country: string;
  issued: string;
  expires: string;
}
export interface PersonForm {
  latin: string;
  cyrillic: string;
  native: string;
  sex: Sex | '';
  birthDate: string;
  citizenship: string;
  /** A second citizenship ('' when none). */
  otherCitizenship: string;
  /** Where the person lives now ('' = the country of their citizenship); RU means they start in Russia. */
  residence: string;
  email: string;
  passport: PassportForm;
  history: Record<HistoryFlag, boolean>;
}
export interface FamilyForm extends PersonForm {
  relation: Relation | '';
  adopted: boolean;
  incapacitated: boolean;
  /** Citizenship(s) as the principal's: the own citizenship fields are ignored. */
  sameCitizenship: boolean;
  /** Lives where the principal lives: the own residence is ignored. */
  sameResidence: boolean;
}
export interface NewEmployerForm {
  name: string;
  inn: string;
  kind: EmployerKind | '';
  hqsRegistered: string;
  region: string;
  sezType: SezType | '';
  flags: Record<EmployerFlag, boolean>;
}
/** An employer record of the organization (GET /api/v1/employers), as picked. */
export interface ExistingEmployer {
  employerId: string;
  name: string;
  inn: string;
  employer: EmployerDoc;
}
export interface ContractForm {
  kind: ContractKind;
  position: string;
  occupation: Occupation | '';
  /** As typed: spaces and a decimal comma allowed (parseAmount). */
  amount: string;
  per: SalaryPeriod;
  start: string;
  end: string;
  /** Work regions; '' for a row not chosen yet. */
  regions: string[];
  religiousActivity: boolean;
}
export interface CaseForm {
  /** The organization's own reference for the case (hqs-case/1 `id`), optional. */
  reference: string;
  employer: { mode: 'existing' | 'new'; existing: ExistingEmployer | null; fresh: NewEmployerForm };
  principal: PersonForm;
  contract: ContractForm;
  family: FamilyForm[];
}

const noHistory = (): Record<HistoryFlag, boolean> => ({
  priorRefusal: false,
  overstay: false,
  entryBan: false,
  deported: false,
});
const emptyPassport = (): PassportForm => ({ number: '', country: '', issued: '', expires: '' });

export function emptyPerson(): PersonForm {
  return {
    latin: '',
    cyrillic: '',
    native: '',
    sex: '',
    birthDate: '',
    citizenship: '',
    otherCitizenship: '',
    residence: '',
    email: '',
    passport: emptyPassport(),
    history: noHistory(),
  };
}

export function emptyFamilyMember(relation: Relation | '' = ''): FamilyForm {
  return {
    ...emptyPerson(),
    relation,
    adopted: false,
    incapacitated: false,
    sameCitizenship: true,
    sameResidence: true,
  };
}

export function emptyForm(): CaseForm {
  return {
    reference: '',
    employer: {
      mode: 'new',
      existing: null,
      fresh: {
        name: '',
        inn: '',
        kind: '',
        hqsRegistered: '',
        region: '',
        sezType: '',
        flags: {
          illegalHiringPenaltyWithin2Years: false,
          belowThresholdPenaltyWithin2Years: false,
          internationalMedicalCluster: false,
          siriusPriorityArea: false,
        },
      },
    },
    principal: emptyPerson(),
    contract: {
      kind: 'employment',
      position: '',
      occupation: '',
      amount: '',
      per: 'month',
      start: '',
      end: '',
      regions: [''],
      religiousActivity: false,
    },
    family: [],
  };
}

/** A salary as typed ("450 000", "450000,50") as a number, or null when it is not one. */
export function parseAmount(s: string): number | null {
  const clean = s.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return null;
  return Number(clean);
}

// ——— Form → document ———

const trimmed = (s: string) => s.trim();
const opt = <K extends string, V>(key: K, v: V | undefined | '' | false): { [P in K]?: V } =>
  v === undefined || v === '' || v === false ? {} : ({ [key]: v } as { [P in K]: V });

/** Where someone starts from, by where they live now. */
function placeOf(
  residence: string,
  citizenship: string,
): { startsFrom: 'abroad' | 'in-russia'; residenceCountry?: string } {
  const where = residence || citizenship;
  if (where === RUSSIA) return { startsFrom: 'in-russia' };
  return { startsFrom: 'abroad', ...opt('residenceCountry', residence) };
}

function personDoc(
  p: PersonForm,
  id: string,
  citizenships: string[],
  place: { startsFrom: string; residenceCountry?: string },
): Omit<PersonDoc, 'role'> {
  const hasPassport = [p.passport.number, p.passport.country, p.passport.issued, p.passport.expires].some(
    (s) => s.trim() !== '',
  );
  const history = Object.fromEntries(HISTORY_FLAGS.filter((f) => p.history[f]).map((f) => [f, true]));
  return {
    id,
    name: { latin: trimmed(p.latin), ...opt('cyrillic', trimmed(p.cyrillic)), ...opt('native', trimmed(p.native)) },
    ...opt('sex', p.sex),
    birthDate: p.birthDate,
    citizenships,
    ...(hasPassport
      ? {
          passports: [
            {
              number: trimmed(p.passport.number),
              country: p.passport.country,
              issued: p.passport.issued,
              expires: p.passport.expires,
            },
          ],
        }
      : {}),
    ...place,
    ...(Object.keys(history).length ? { history } : {}),
    ...opt('email', trimmed(p.email)),
  };
}

const citizenshipsOf = (p: PersonForm) => [
  p.citizenship,
  ...(p.otherCitizenship && p.otherCitizenship !== p.citizenship ? [p.otherCitizenship] : []),
];

export function employerDoc(form: CaseForm): EmployerDoc | null {
  const e = form.employer;
  if (e.mode === 'existing') return e.existing?.employer ?? null;
  const f = e.fresh;
  return {
    name: trimmed(f.name),
    inn: trimmed(f.inn),
    kind: f.kind,
    ...opt('hqsRegistered', f.hqsRegistered),
    ...opt('region', f.region),
    ...(f.kind === 'special-economic-zone' ? opt('sezType', f.sezType) : {}),
    ...Object.fromEntries(EMPLOYER_FLAGS.filter((k) => f.flags[k]).map((k) => [k, true])),
  };
}

/** The employer record to link the new case to (POST /api/v1/cases?employer=…), if one was picked. */
export function employerLink(form: CaseForm): string | undefined {
  return form.employer.mode === 'existing' ? form.employer.existing?.employerId : undefined;
}

/**
 * The hqs-case/1 document of the form. Builds whatever is there (an empty required field stays empty,
 * so the server names it); validateForm says beforehand what is missing.
 */
export function buildCase(form: CaseForm): CaseDoc {
  const p = form.principal;
  const principalCitizenships = citizenshipsOf(p);
  const principalPlace = placeOf(p.residence, p.citizenship);
  const c = form.contract;
  const amount = parseAmount(c.amount);
  return {
    format: CASE_FORMAT,
    ...opt('id', trimmed(form.reference)),
    employer: employerDoc(form) ?? { name: '', inn: '', kind: '' },
    people: [
      { role: 'principal', ...personDoc(p, 'p1', principalCitizenships, principalPlace) } as PersonDoc,
      ...form.family.map((m, i) => {
        const citizenships = m.sameCitizenship ? principalCitizenships : citizenshipsOf(m);
        const place = m.sameResidence ? principalPlace : placeOf(m.residence, citizenships[0] ?? '');
        const doc = personDoc(m, `p${i + 2}`, citizenships, place);
        const { id, ...rest } = doc;
        return {
          id,
          role: 'family',
          relation: m.relation,
          ...opt('adopted', m.adopted),
          ...opt('incapacitated', m.incapacitated),
          ...rest,
        } as PersonDoc;
      }),
    ],
    contract: {
      kind: c.kind,
      position: trimmed(c.position),
      occupation: c.occupation,
      salary: { amount: amount ?? Number.NaN, per: c.per },
      start: c.start,
      ...opt('end', c.end),
      regions: c.regions.filter((r) => r !== ''),
      ...opt('religiousActivity', c.religiousActivity),
    },
  };
}

// ——— Document → form (the self-check's case, or any hqs-case/1 to adjust) ———

const oneOf = <T extends string>(list: readonly T[], v: unknown): T | '' =>
  (list as readonly unknown[]).includes(v) ? (v as T) : '';

function personForm(d: PersonDoc, residence: string): PersonForm {
  const passport = d.passports?.[0];
  return {
    latin: d.name.latin,
    cyrillic: d.name.cyrillic ?? '',
    native: d.name.native ?? '',
    sex: oneOf(SEXES, d.sex),
    birthDate: d.birthDate,
    citizenship: d.citizenships[0] ?? '',
    otherCitizenship: d.citizenships[1] ?? '',
    residence,
    email: d.email ?? '',
    passport: passport ? { ...passport } : emptyPassport(),
    history: {
      ...noHistory(),
      ...Object.fromEntries(HISTORY_FLAGS.filter((f) => d.history?.[f] === true).map((f) => [f, true])),
    },
  };
}

/** The residence field of a person: explicit country, Russia when they start there, else '' (= citizenship). */
const residenceOf = (d: PersonDoc) => d.residenceCountry ?? (d.startsFrom === 'in-russia' ? RUSSIA : '');
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The form filled in from a case document (what is not in the form — events, documents, a second
 * passport — is not carried over; the self-check's cases have none).
 */
export function formFromCase(doc: {
  id?: string;
  employer: EmployerDoc;
  people: PersonDoc[];
  contract: ContractDoc;
}): CaseForm {
  const base = emptyForm();
  const e = doc.employer;
  const principal = doc.people.find((p) => p.role === 'principal') ?? doc.people[0];
  const family = doc.people.filter((p) => p !== principal);
  const pResidence = principal ? residenceOf(principal) : '';
  const pPlace = principal
    ? { startsFrom: principal.startsFrom ?? 'abroad', residenceCountry: principal.residenceCountry }
    : null;
  return {
    reference: doc.id ?? '',
    employer: {
      mode: 'new',
      existing: null,
      fresh: {
        name: e.name,
        inn: e.inn,
        kind: oneOf(EMPLOYER_KINDS, e.kind),
        hqsRegistered: e.hqsRegistered ?? '',
        region: e.region ?? '',
        sezType: oneOf(SEZ_TYPES, e.sezType),
        flags: Object.fromEntries(EMPLOYER_FLAGS.map((k) => [k, e[k] === true])) as Record<EmployerFlag, boolean>,
      },
    },
    principal: principal ? personForm(principal, pResidence) : base.principal,
    contract: {
      kind: oneOf(CONTRACT_KINDS, doc.contract.kind) || 'employment',
      position: doc.contract.position,
      occupation: oneOf(OCCUPATIONS, doc.contract.occupation),
      amount: Number.isFinite(doc.contract.salary.amount) ? String(doc.contract.salary.amount) : '',
      per: oneOf(SALARY_PERIODS, doc.contract.salary.per) || 'month',
      start: doc.contract.start,
      end: doc.contract.end ?? '',
      regions: doc.contract.regions.length ? [...doc.contract.regions] : [''],
      religiousActivity: doc.contract.religiousActivity === true,
    },
    family: family.map((m) => {
      const sameCitizenship = principal !== undefined && sameList(m.citizenships, principal.citizenships);
      const sameResidence =
        pPlace !== null &&
        (m.startsFrom ?? 'abroad') === pPlace.startsFrom &&
        m.residenceCountry === pPlace.residenceCountry;
      return {
        ...personForm(m, residenceOf(m)),
        relation: oneOf(RELATIONS, m.relation),
        adopted: m.adopted === true,
        incapacitated: m.incapacitated === true,
        sameCitizenship,
        sameResidence,
      };
    }),
  };
}

// ——— Checks before sending ———

/** A problem found in the form: the case path it concerns and the key of its message (newcase.error.*). */
export interface FormProblem {
  path: string;
  key: string;
}

export type StepId = 'employer' | 'principal' | 'contract' | 'family' | 'review';
export const STEPS: readonly StepId[] = ['employer', 'principal', 'contract', 'family', 'review'];

const LATIN = /[A-Za-z]/;
const CYRILLIC = /[\u0400-\u04FF]/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function checkPerson(
  p: PersonForm,
  at: string,
  today: string,
  own: { citizenship: boolean },
  out: FormProblem[],
): void {
  const push = (path: string, key: string) => out.push({ path: `${at}.${path}`, key });
  if (!p.latin.trim()) push('name.latin', 'required');
  else if (!LATIN.test(p.latin) || CYRILLIC.test(p.latin)) push('name.latin', 'latin');
  const birth = checkDate(p.birthDate, true);
  if (birth) push('birthDate', birth);
  else if (p.birthDate > today) push('birthDate', 'future');
  if (own.citizenship && !p.citizenship) push('citizenships[0]', 'required');
  if (p.email.trim() && !EMAIL.test(p.email.trim())) push('email', 'email');
  const pp = p.passport;
  if ([pp.number, pp.country, pp.issued, pp.expires].some((s) => s.trim() !== '')) {
    if (!pp.number.trim()) push('passports[0].number', 'required');
    if (!pp.country) push('passports[0].country', 'required');
    const issued = checkDate(pp.issued, true);
    const expires = checkDate(pp.expires, true);
    if (issued) push('passports[0].issued', issued);
    if (expires) push('passports[0].expires', expires);
    if (!issued && !expires && pp.expires <= pp.issued) push('passports[0].expires', 'afterIssued');
    if (!issued && isRealDate(p.birthDate) && pp.issued < p.birthDate) push('passports[0].issued', 'beforeBirth');
  }
}

/** '' (fine), 'required' or 'date' for a date field. */
function checkDate(s: string, required: boolean): string {
  if (!s) return required ? 'required' : '';
  return isRealDate(s) ? '' : 'date';
}

/** What the form lacks or gets plainly wrong, by case path, in the order of the form. */
export function validateForm(form: CaseForm, today: string): FormProblem[] {
  const out: FormProblem[] = [];
  const push = (path: string, key: string) => out.push({ path, key });
  const e = form.employer;
  if (e.mode === 'existing') {
    if (!e.existing) push('employer', 'pickEmployer');
  } else {
    const f = e.fresh;
    if (!f.name.trim()) push('employer.name', 'required');
    const inn = f.inn.trim();
    if (!inn) push('employer.inn', 'required');
    else {
      const p = innProblem(inn);
      if (p) push('employer.inn', `inn-${p}`);
    }
    if (!f.kind) push('employer.kind', 'required');
    const reg = checkDate(f.hqsRegistered, false);
    if (reg) push('employer.hqsRegistered', reg);
  }
  checkPerson(form.principal, 'people[0]', today, { citizenship: true }, out);
  const c = form.contract;
  if (!c.position.trim()) push('contract.position', 'required');
  if (!c.occupation) push('contract.occupation', 'required');
  const amount = parseAmount(c.amount);
  if (!c.amount.trim()) push('contract.salary.amount', 'required');
  else if (amount === null || amount <= 0) push('contract.salary.amount', 'amount');
  const start = checkDate(c.start, true);
  if (start) push('contract.start', start);
  const end = checkDate(c.end, false);
  if (end) push('contract.end', end);
  else if (c.end && !start && c.end <= c.start) push('contract.end', 'afterStart');
  const chosen = c.regions.filter((r) => r !== '');
  if (!chosen.length) push('contract.regions[0]', 'required');
  c.regions.forEach((r, i) => {
    if (r !== '' && c.regions.indexOf(r) !== i) push(`contract.regions[${i}]`, 'duplicate');
  });
  form.family.forEach((m, i) => {
    const at = `people[${i + 1}]`;
    if (!m.relation) push(`${at}.relation`, 'required');
    checkPerson(m, at, today, { citizenship: !m.sameCitizenship }, out);
  });
  return out;
}

// ——— Where a path belongs ———

/**
 * The form field a case path is shown on: `people[1].startsFrom` is decided by the residence field,
 * `contract.salary` by the amount, a whole passport by its number, and so on. Paths inside a field
 * (`people[0].name.latin`) stay as they are.
 */
export function fieldOf(path: string): string {
  const m = /^people\[(\d+)\](.*)$/.exec(path);
  if (m) {
    const at = `people[${m[1]}]`;
    const rest = m[2]!;
    if (rest === '.role' || rest === '.relation') return m[1] === '0' ? `${at}.name.latin` : `${at}.relation`;
    if (rest === '' || rest === '.id' || rest === '.name') return `${at}.name.latin`;
    if (rest === '.startsFrom' || rest === '.residenceCountry') return `${at}.residenceCountry`;
    if (rest === '.citizenships') return `${at}.citizenships[0]`;
    if (rest.startsWith('.history')) return `${at}.history`;
    const passport = /^\.passports(?:\[\d+\])?(\.[a-z]+)?/.exec(rest);
    if (passport) return `${at}.passports[0]${passport[1] ?? '.number'}`;
    return `${at}${rest}`;
  }
  if (path === 'contract.salary') return 'contract.salary.amount';
  if (path === 'contract.regions') return 'contract.regions[0]';
  return path;
}

/** The step of the form where a case path is entered. */
export function stepOf(path: string): StepId {
  if (path === 'employer' || path.startsWith('employer.') || path.startsWith('employer[')) return 'employer';
  const m = /^people\[(\d+)\]/.exec(path);
  if (m) return m[1] === '0' ? 'principal' : 'family';
  if (path === 'people') return 'principal';
  if (path.startsWith('contract')) return 'contract';
  return 'review';
}

/** An element id for the field of a case path (`people[1].birthDate` → `f-people-1-birthDate`). */
export function fieldId(path: string): string {
  return rawId(fieldOf(path));
}

/** An element id from a path as it is (for groups of fields: `people[2]` → `f-people-2`). */
export function rawId(path: string): string {
  return `f-${path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-')}`;
}

// ——— Reading a path to a person ———

/** The label keys (newcase.path.*) of the case fields a problem may name; others are shown as written. */
export const PATH_LABELS = [
  'format',
  'id',
  'asOf',
  'employer',
  'employer.name',
  'employer.inn',
  'employer.kind',
  'employer.hqsRegistered',
  'employer.region',
  'employer.sezType',
  'employer.illegalHiringPenaltyWithin2Years',
  'employer.belowThresholdPenaltyWithin2Years',
  'employer.internationalMedicalCluster',
  'employer.siriusPriorityArea',
  'people',
  'person.id',
  'person.role',
  'person.relation',
  'person.adopted',
  'person.incapacitated',
  'person.name',
  'person.name.latin',
  'person.name.cyrillic',
  'person.name.native',
  'person.sex',
  'person.birthDate',
  'person.citizenships',
  'person.passports',
  'person.passports.number',
  'person.passports.country',
  'person.passports.issued',
  'person.passports.expires',
  'person.startsFrom',
  'person.residenceCountry',
  'person.history',
  'person.email',
  'contract',
  'contract.kind',
  'contract.position',
  'contract.occupation',
  'contract.salary',
  'contract.salary.amount',
  'contract.salary.per',
  'contract.currency',
  'contract.start',
  'contract.end',
  'contract.regions',
  'contract.religiousActivity',
  'events',
  'documents',
] as const;
const LABELLED: ReadonlySet<string> = new Set(PATH_LABELS);

/** A case path read for a person: which section and item (people[1] → person 2) and the field's label key. */
export interface PathParts {
  section: 'employer' | 'person' | 'contract' | 'events' | 'documents' | 'case';
  /** 0-based index in people/events/documents. */
  index?: number;
  /** The key under newcase.path.* for the field, when there is one. */
  labelKey?: string;
  /** The rest of the path as written (when there is no label, or inside a list item: `[2]`). */
  rest: string;
}

export function describePath(path: string): PathParts {
  const m = /^(people|events|documents)\[(\d+)\]\.?(.*)$/.exec(path);
  if (m) {
    const [, list, idx, rest = ''] = m;
    if (list !== 'people') return { section: list as 'events' | 'documents', index: Number(idx), rest };
    // Labels are per field, with list positions left out: passports[0].expires → person.passports.expires.
    const generic = `person${rest ? '.' + rest.replace(/\[\d+\]/g, '') : ''}`;
    const label = LABELLED.has(generic) ? generic : undefined;
    return { section: 'person', index: Number(idx), ...(label ? { labelKey: label } : {}), rest };
  }
  const section = path.startsWith('employer')
    ? 'employer'
    : path.startsWith('contract')
      ? 'contract'
      : path.startsWith('events')
        ? 'events'
        : path.startsWith('documents')
          ? 'documents'
          : 'case';
  const generic = path.replace(/\[\d+\]/g, '');
  return { section, ...(LABELLED.has(generic) ? { labelKey: generic } : {}), rest: path };
}

// ——— Importing a file ———

export const MAX_FILE_BYTES = 1024 * 1024;

/** The media type to send a case file as: by its name, else by its first character ({ or [ is JSON). */
export function caseFileType(name: string, text: string): 'application/json' | 'application/yaml' {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) return 'application/json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'application/yaml';
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '{' || first === '[' ? 'application/json' : 'application/yaml';
}
