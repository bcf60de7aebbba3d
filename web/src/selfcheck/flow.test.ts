// The self-check graph: every path enumerated over the routing answers, every question and every outcome
// reachable, no cycle; Back and Change keep later answers; the lists match the law's; the case built
// from complete answers is what the case format expects.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  EMPLOYER_KINDS as LAW_EMPLOYER_KINDS,
  OCCUPATIONS as LAW_OCCUPATIONS,
  RELATIONS as LAW_RELATIONS,
} from '../../../src/law/index.ts';
import { SALARY_PERIODS as CASE_SALARY_PERIODS } from '../../../src/case/schema.ts';
import { parseCase } from '../../../src/case/index.ts';
import { loadLaw } from '../../../src/law/node.ts';
import {
  EMPLOYER_KINDS,
  FLOW,
  OCCUPATIONS,
  OUTCOMES,
  QUESTION_IDS,
  RELATIONS,
  RUSSIA,
  SALARY_PERIODS,
  START,
  afterChange,
  isOutcome,
  isQuestion,
  nextOf,
  pathOf,
  previousOf,
  problemsOf,
  type Answers,
  type NodeId,
  type QuestionId,
} from './flow.ts';
import { IncompleteAnswers, toCase } from './to-case.ts';

/** A valid sample answer per question; routing questions get every option (and citizenship both RU and not). */
const SAMPLES: { [K in QuestionId]: NonNullable<Answers[K]>[] } = {
  citizenship: ['IN', RUSSIA],
  residence: ['IN', RUSSIA],
  employerKind: [...EMPLOYER_KINDS],
  employer: [{ name: 'Technosfera LLC', inn: '7714582300' }],
  region: ['RU-MOW'],
  occupation: [{ occupation: 'general', position: 'Process engineer' }],
  salary: [{ amount: 300000, per: 'month' }],
  startDate: ['2027-03-01'],
  person: [{ name: 'RAHUL VERMA', birthDate: '1991-07-22' }],
  hasFamily: ['yes', 'no'],
  family: [[{ relation: 'spouse', name: 'ANITA VERMA', birthDate: '1993-01-02', citizenship: 'IN' }]],
};

/** Every path from the start to a terminal node, trying every sample answer at each question. */
function enumerate(): { path: NodeId[]; answers: Answers }[] {
  const out: { path: NodeId[]; answers: Answers }[] = [];
  const walk = (n: NodeId, a: Answers, path: NodeId[]) => {
    if (path.includes(n)) throw new Error(`cycle: ${[...path, n].join(' → ')}`);
    const p = [...path, n];
    if (isOutcome(n)) return void out.push({ path: p, answers: a });
    if (!isQuestion(n)) return walk(nextOf(n, a)!, a, p);
    for (const v of SAMPLES[n] as unknown[]) {
      const next = { ...a, [n]: v } as Answers;
      walk(FLOW[n].next(next), next, p);
    }
  };
  walk(START, {}, []);
  return out;
}

describe('the self-check graph', () => {
  const paths = enumerate();
  const law = loadLaw();

  it('reaches every outcome and every question, and only known nodes', () => {
    const seen = new Set(paths.flatMap((p) => p.path));
    for (const o of OUTCOMES) expect(seen, `outcome ${o} unreachable`).toContain(o);
    for (const q of QUESTION_IDS) expect(seen, `question ${q} unreachable`).toContain(q);
    expect(seen).toContain('summary');
    for (const n of seen) expect(isQuestion(n) || isOutcome(n) || n === 'summary', `unknown node ${n}`).toBe(true);
  });

  it('routes a Russian citizen straight to its outcome and everyone else through the summary', () => {
    for (const { path, answers } of paths) {
      const end = path[path.length - 1];
      if (answers.citizenship === RUSSIA) expect(path).toEqual(['citizenship', 'outcome-citizen']);
      else {
        expect(end).toBe('outcome-evaluation');
        expect(path[path.length - 2]).toBe('summary');
        expect(path.includes('family')).toBe(answers.hasFamily === 'yes');
      }
    }
    // citizenship × employer kind × family, for the non-citizen; one path for the citizen.
    expect(paths).toHaveLength(2 * EMPLOYER_KINDS.length * 2 + 1);
  });

  it('gives every path a complete hqs-case/1 the case parser accepts', () => {
    for (const { answers } of paths.filter((p) => p.answers.citizenship !== RUSSIA)) {
      const c = toCase(answers);
      const parsed = parseCase(JSON.stringify(c), {
        format: 'json',
        countries: law.countries.codes,
        regions: law.regions.codes,
      });
      expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
      expect(c.people).toHaveLength(answers.hasFamily === 'yes' ? 2 : 1);
      expect(c.people[0]?.startsFrom).toBe(answers.residence === RUSSIA ? 'in-russia' : 'abroad');
    }
  });

  it('takes an employer whose INN the reader does not know yet: the case leaves it out, parsed as such', () => {
    const a = { ...paths.find((p) => p.answers.citizenship === 'IN')!.answers };
    a.employer = { name: 'Technosfera LLC', inn: '', innUnknown: true };
    expect(problemsOf('employer', a.employer)).toEqual([]);
    const c = toCase(a);
    expect('inn' in c.employer).toBe(false);
    const tables = { format: 'json' as const, countries: law.countries.codes, regions: law.regions.codes };
    // Refused as a stored case would be; taken where the caller allows it (the public self-check).
    const strict = parseCase(JSON.stringify(c), tables);
    expect(strict.ok ? [] : strict.errors.map((e) => [e.path, e.code])).toEqual([['employer.inn', 'required']]);
    expect(parseCase(JSON.stringify(c), { ...tables, innUnknown: true }).ok).toBe(true);
    // An empty INN without the box ticked is still a problem.
    expect(problemsOf('employer', { name: 'X', inn: '' })).toEqual([{ field: 'employer.inn', error: 'inn-format' }]);
  });

  it('refuses to build a case from incomplete answers and names what is missing', () => {
    const a = { ...paths.find((p) => p.answers.citizenship === 'IN')!.answers };
    delete a.salary;
    expect(() => toCase(a)).toThrow(IncompleteAnswers);
    expect(() => toCase(a)).toThrow(/salary/);
  });

  it('keeps later answers on Back and on a change that keeps the route', () => {
    const full = paths.find((p) => p.answers.citizenship === 'IN' && p.answers.hasFamily === 'yes')!.answers;
    expect(previousOf('salary', full)).toBe('occupation');
    expect(previousOf('citizenship', full)).toBeNull();
    const changed = { ...full, salary: { amount: 50000, per: 'month' as const } };
    expect(afterChange('salary', changed)).toBe('summary');
    expect(pathOf(changed)).toContain('family');
    // Answering No to family, then Yes again: the family list is still there.
    const no = { ...full, hasFamily: 'no' as const };
    expect(pathOf(no)).not.toContain('family');
    expect(pathOf({ ...no, hasFamily: 'yes' })).toContain('family');
    expect(no.family).toEqual(full.family);
    // A change that opens a new question leads to it.
    const from = { ...full, hasFamily: 'no' as const, family: undefined };
    expect(afterChange('hasFamily', { ...from, hasFamily: 'yes' })).toBe('family');
  });

  it('validates answers by field with a reason', () => {
    expect(problemsOf('employer', { name: ' ', inn: '7714582301' })).toEqual([
      { field: 'employer.name', error: 'required' },
      { field: 'employer.inn', error: 'inn-checksum' },
    ]);
    expect(problemsOf('salary', { amount: Number.NaN, per: 'month' })).toEqual([
      { field: 'salary.amount', error: 'amount' },
    ]);
    expect(problemsOf('startDate', '2027-02-30')).toEqual([{ field: 'startDate', error: 'date' }]);
    expect(problemsOf('family', [])).toEqual([{ field: 'family', error: 'family-empty' }]);
    expect(problemsOf('citizenship', undefined)).toEqual([{ field: 'citizenship', error: 'required' }]);
  });

  it('uses the same lists as the law and the case format', () => {
    expect([...EMPLOYER_KINDS]).toEqual([...LAW_EMPLOYER_KINDS]);
    expect([...OCCUPATIONS]).toEqual([...LAW_OCCUPATIONS]);
    expect([...RELATIONS]).toEqual([...LAW_RELATIONS]);
    expect([...SALARY_PERIODS]).toEqual([...CASE_SALARY_PERIODS]);
  });

  it('has the same web wording keys in en, ru and zh, none empty', () => {
    const keys = (lang: string) => {
      const all = JSON.parse(readFileSync(new URL(`../../../locales/${lang}.json`, import.meta.url), 'utf8')) as Record<
        string,
        string
      >;
      const web = Object.entries(all).filter(([k]) => k.startsWith('web.'));
      for (const [k, v] of web) expect(v.trim(), `${lang}: ${k}`).not.toBe('');
      return web.map(([k]) => k).sort();
    };
    const en = keys('en');
    expect(en.length).toBeGreaterThan(100);
    expect(keys('ru')).toEqual(en);
    expect(keys('zh')).toEqual(en);
    for (const q of QUESTION_IDS) for (const p of ['q', 'title', 'short']) expect(en).toContain(`web.${p}.${q}`);
    for (const o of OUTCOMES) expect(en).toContain(`web.title.${o}`);
  });
});
