// Builds the hqs-case/1 document the server evaluates from the self-check's answers. Nothing is invented:
// every field the case format requires is asked (the employer's name and INN included; a reader who does
// not know the INN yet leaves it out, and the evaluation is asked with ?unknown=employer.inn, as the employer's
// kind decides the threshold); what is not asked (events, documents, passports) is left out, which the case
// format allows.
import { RUSSIA, problemsOf, QUESTION_IDS, pathOf, type Answers, type QuestionId } from './flow.ts';

export interface SelfCheckCase {
  format: 'hqs-case/1';
  employer: { name: string; inn?: string; kind: string; region: string };
  people: Array<{
    id: string;
    role: 'principal' | 'family';
    relation?: string;
    name: { latin: string };
    birthDate: string;
    citizenships: string[];
    startsFrom: 'abroad' | 'in-russia';
    residenceCountry?: string;
  }>;
  contract: {
    kind: 'employment';
    position: string;
    occupation: string;
    salary: { amount: number; per: string };
    start: string;
    regions: string[];
  };
}

export class IncompleteAnswers extends Error {
  constructor(readonly missing: QuestionId[]) {
    super(`the self-check is not complete: ${missing.join(', ')} unanswered or invalid`);
  }
}

export function toCase(a: Answers): SelfCheckCase {
  const path = pathOf(a);
  const missing = QUESTION_IDS.filter((q) => path.includes(q) && problemsOf(q, a[q]).length);
  if (!path.includes('summary') || missing.length)
    throw new IncompleteAnswers(missing.length ? missing : QUESTION_IDS.filter((q) => !path.includes(q)));
  const { citizenship, residence, employerKind, employer, region, occupation, salary, startDate, person } =
    a as Required<Answers>;
  const inRussia = residence === RUSSIA;
  const startsFrom = inRussia ? ('in-russia' as const) : ('abroad' as const);
  const family = a.hasFamily === 'yes' ? (a.family ?? []) : [];
  return {
    format: 'hqs-case/1',
    employer: {
      name: employer.name.trim(),
      ...(employer.innUnknown ? {} : { inn: employer.inn.trim() }),
      kind: employerKind,
      region,
    },
    people: [
      {
        id: 'p1',
        role: 'principal',
        name: { latin: person.name.trim() },
        birthDate: person.birthDate,
        citizenships: [citizenship],
        startsFrom,
        ...(inRussia ? {} : { residenceCountry: residence }),
      },
      ...family.map((m, i) => ({
        id: `p${i + 2}`,
        role: 'family' as const,
        relation: m.relation,
        name: { latin: m.name.trim() },
        birthDate: m.birthDate,
        citizenships: [m.citizenship],
        startsFrom,
        ...(inRussia ? {} : { residenceCountry: residence }),
      })),
    ],
    contract: {
      kind: 'employment',
      position: occupation.position.trim(),
      occupation: occupation.occupation,
      salary: { amount: salary.amount, per: salary.per },
      start: startDate,
      regions: [region],
    },
  };
}
