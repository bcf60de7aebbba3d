// The public self-check as a static graph of questions. Each question has an id (the key its answer is
// kept under), a kind (how it is asked), typed options where it is a choice, and `next`, which only
// routes: it reads the answers and names the next node; it never changes an answer. Answers are kept by
// question id, so going back or changing an answer keeps every later answer.
import { innProblem } from '../../../src/case/inn.ts';
import {
  EMPLOYER_KINDS,
  OCCUPATIONS,
  RELATIONS,
  SALARY_PERIODS,
  type EmployerKind,
  type Occupation,
  type Relation,
  type SalaryPeriod,
} from '../../../src/core/vocabulary.ts';

// The case format's vocabularies, from src/core (plain lists: the browser bundle carries no zod).
export { EMPLOYER_KINDS, OCCUPATIONS, RELATIONS, SALARY_PERIODS };
export type { EmployerKind, Occupation, Relation, SalaryPeriod };
export const YES_NO = ['yes', 'no'] as const;
export type YesNo = (typeof YES_NO)[number];

export interface FamilyMember {
  relation: Relation;
  name: string;
  birthDate: string;
  citizenship: string;
}

/** Every answer, by the id of the question that asks it. */
export interface Answers {
  citizenship?: string;
  residence?: string;
  employerKind?: EmployerKind;
  /** `innUnknown`: the reader does not know the INN yet (the employer's kind decides the threshold). */
  employer?: { name: string; inn: string; innUnknown?: boolean };
  region?: string;
  occupation?: { occupation: Occupation; position: string };
  salary?: { amount: number; per: SalaryPeriod };
  startDate?: string;
  person?: { name: string; birthDate: string };
  hasFamily?: YesNo;
  family?: FamilyMember[];
}

export type QuestionId = keyof Answers;
/** Terminal nodes: a Russian citizen needs no permit; otherwise the server evaluates the case. */
export const OUTCOMES = ['outcome-citizen', 'outcome-evaluation'] as const;
export type OutcomeId = (typeof OUTCOMES)[number];
export type NodeId = QuestionId | 'summary' | OutcomeId;

export type QuestionKind =
  'country' | 'choice' | 'employer' | 'region' | 'occupation' | 'salary' | 'date' | 'person' | 'family';

export interface Question<K extends QuestionId = QuestionId> {
  id: K;
  kind: QuestionKind;
  /** The options of a choice (radio buttons), typed as the answer. */
  options?: readonly NonNullable<Answers[K]>[];
  next: (a: Answers) => NodeId;
}

export const START: QuestionId = 'citizenship';
export const RUSSIA = 'RU';

type Flow = { [K in QuestionId]: Question<K> };

export const FLOW: Flow = {
  citizenship: {
    id: 'citizenship',
    kind: 'country',
    next: (a) => (a.citizenship === RUSSIA ? 'outcome-citizen' : 'residence'),
  },
  residence: { id: 'residence', kind: 'country', next: () => 'employerKind' },
  employerKind: { id: 'employerKind', kind: 'choice', options: EMPLOYER_KINDS, next: () => 'employer' },
  employer: { id: 'employer', kind: 'employer', next: () => 'region' },
  region: { id: 'region', kind: 'region', next: () => 'occupation' },
  occupation: { id: 'occupation', kind: 'occupation', next: () => 'salary' },
  salary: { id: 'salary', kind: 'salary', next: () => 'startDate' },
  startDate: { id: 'startDate', kind: 'date', next: () => 'person' },
  person: { id: 'person', kind: 'person', next: () => 'hasFamily' },
  hasFamily: {
    id: 'hasFamily',
    kind: 'choice',
    options: YES_NO,
    next: (a) => (a.hasFamily === 'yes' ? 'family' : 'summary'),
  },
  family: { id: 'family', kind: 'family', next: () => 'summary' },
};

export const QUESTION_IDS = Object.keys(FLOW) as QuestionId[];

export function isQuestion(n: NodeId): n is QuestionId {
  return n in FLOW;
}

export function isOutcome(n: NodeId): n is OutcomeId {
  return (OUTCOMES as readonly string[]).includes(n);
}

/** The node after `n` given the answers (summary leads to the evaluation). */
export function nextOf(n: NodeId, a: Answers): NodeId | null {
  if (isQuestion(n)) return FLOW[n].next(a);
  if (n === 'summary') return 'outcome-evaluation';
  return null;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
export function isRealDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Which field of a question's answer is wrong (a locale key under web.error.*), or null when it is valid. */
export type Problem = { field: string; error: string };

export function problemsOf<K extends QuestionId>(id: K, value: Answers[K] | undefined): Problem[] {
  const v = value as Answers[QuestionId] | undefined;
  if (v === undefined) return [{ field: id, error: 'required' }];
  const out: Problem[] = [];
  const text = (field: string, s: string) => {
    if (!/\S/.test(s)) out.push({ field, error: 'required' });
  };
  const date = (field: string, s: string) => {
    if (!s) out.push({ field, error: 'required' });
    else if (!isRealDate(s)) out.push({ field, error: 'date' });
  };
  const country = (field: string, s: string) => {
    if (!/^[A-Z]{2}$/.test(s)) out.push({ field, error: 'required' });
  };
  switch (id) {
    case 'citizenship':
    case 'residence':
      country(id, v as string);
      break;
    case 'region':
      if (!/^RU-[A-Z0-9]{1,3}$/.test(v as string)) out.push({ field: id, error: 'required' });
      break;
    case 'employerKind':
    case 'hasFamily':
      if (!(FLOW[id].options as readonly unknown[]).includes(v)) out.push({ field: id, error: 'required' });
      break;
    case 'employer': {
      const e = v as NonNullable<Answers['employer']>;
      text('employer.name', e.name);
      const p = e.innUnknown ? undefined : innProblem(e.inn.trim());
      if (p) out.push({ field: 'employer.inn', error: `inn-${p}` });
      break;
    }
    case 'occupation': {
      const o = v as NonNullable<Answers['occupation']>;
      if (!OCCUPATIONS.includes(o.occupation)) out.push({ field: 'occupation.occupation', error: 'required' });
      text('occupation.position', o.position);
      break;
    }
    case 'salary': {
      const s = v as NonNullable<Answers['salary']>;
      if (!Number.isFinite(s.amount) || s.amount <= 0) out.push({ field: 'salary.amount', error: 'amount' });
      if (!SALARY_PERIODS.includes(s.per)) out.push({ field: 'salary.per', error: 'required' });
      break;
    }
    case 'startDate':
      date(id, v as string);
      break;
    case 'person': {
      const p = v as NonNullable<Answers['person']>;
      text('person.name', p.name);
      date('person.birthDate', p.birthDate);
      break;
    }
    case 'family': {
      const f = v as FamilyMember[];
      if (!f.length) out.push({ field: 'family', error: 'family-empty' });
      f.forEach((m, i) => {
        if (!RELATIONS.includes(m.relation)) out.push({ field: `family.${i}.relation`, error: 'required' });
        text(`family.${i}.name`, m.name);
        date(`family.${i}.birthDate`, m.birthDate);
        country(`family.${i}.citizenship`, m.citizenship);
      });
      break;
    }
  }
  return out;
}

/** The nodes from the start through the answered questions: it ends at the first unanswered one (or a terminal). */
export function pathOf(a: Answers): NodeId[] {
  const path: NodeId[] = [];
  let n: NodeId | null = START;
  while (n !== null && !path.includes(n)) {
    path.push(n);
    if (isQuestion(n) && problemsOf(n, a[n]).length) break;
    if (n === 'summary' || isOutcome(n)) break;
    n = nextOf(n, a);
  }
  return path;
}

/** The node before `n` on the answered path (Back), or null at the start. */
export function previousOf(n: NodeId, a: Answers): NodeId | null {
  const path = pathOf(a);
  const i = path.indexOf(n);
  if (i > 0) return path[i - 1] ?? null;
  // n is past the answered path (an outcome): go back to its last node.
  if (i < 0 && path.length) return path[path.length - 1] ?? null;
  return null;
}

/** After a change made from the summary: back to the summary when the path still reaches it, else the next question. */
export function afterChange(n: QuestionId, a: Answers): NodeId {
  const path = pathOf(a);
  if (path.includes('summary')) return 'summary';
  return FLOW[n].next(a);
}
