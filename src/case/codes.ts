// Stable codes of input problems (docs/api.md, "Problem codes"). A problem's `message` is English for API
// users and may change; its `code` and `params` do not, and the web and the CLI word them in the reader's
// language. Here: the codes of zod's issues on the case's fields and the server's inputs.
import type { z } from 'zod';

export type ProblemParams = Record<string, string | number>;
export interface Coded {
  code: string;
  params?: ProblemParams;
}

/** The field kinds whose shape problems have a code of their own (`inn.format`, `email.format`…). */
export const FIELD_KINDS: Record<string, string> = {
  inn: 'inn',
  email: 'email',
  country: 'country',
  citizenships: 'country',
  residenceCountry: 'country',
  region: 'region',
  regions: 'region',
  currency: 'currency',
  period: 'period',
  type: 'document-type',
  id: 'id',
  person: 'id',
};

/** The last named segment of a path (`people[0].citizenships[1]` → `citizenships`). */
export function lastKey(path: readonly PropertyKey[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}

/** The code of one zod issue (the field's name decides between `inn.format` and `format`). */
export function issueCode(issue: z.core.$ZodIssue): Coded {
  const input = (issue as { input?: unknown }).input;
  const key = lastKey(issue.path);
  const kind = key !== undefined ? FIELD_KINDS[key] : undefined;
  switch (issue.code) {
    case 'custom': {
      const code = (issue.params as { code?: unknown } | undefined)?.code;
      return { code: typeof code === 'string' ? code : 'invalid' };
    }
    case 'invalid_type':
      return input === undefined ? { code: 'required' } : { code: 'type', params: { expected: issue.expected } };
    case 'invalid_value':
      return input === undefined
        ? { code: 'required' }
        : { code: 'one-of', params: { values: issue.values.join(', ') } };
    case 'invalid_union':
      return { code: 'one-of' };
    case 'invalid_format':
      if (issue.format === 'date') return { code: 'date.invalid' };
      if (issue.format === 'email') return { code: 'email.format' };
      // Text that must not be blank (/\S/): nothing written.
      if (issue.format === 'regex' && (issue as { pattern?: string }).pattern === '/\\S/') return { code: 'required' };
      return { code: kind ? `${kind}.format` : 'format' };
    case 'too_small':
      if (issue.origin === 'string' || issue.origin === 'array') return { code: 'required' };
      if (Number(issue.minimum) === 0) return { code: 'number.negative' };
      return { code: 'too-small', params: { min: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { code: 'too-long', params: { max: Number(issue.maximum) } };
      if (issue.origin === 'array') return { code: 'too-many', params: { max: Number(issue.maximum) } };
      return { code: 'too-big', params: { max: Number(issue.maximum) } };
    case 'unrecognized_keys':
      return { code: 'unknown-field' };
    default:
      return { code: 'invalid' };
  }
}

/** Field problems from zod issues, with their codes (`prefix` before each path: `employer`). */
export function issueProblems(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly string[] = [],
  root = '(root)',
): { path: string; message: string; code: string; params?: ProblemParams }[] {
  return issues.map((i) => {
    const c = issueCode(i);
    const path = [...prefix, ...i.path.map(String)].join('.') || root;
    return { path, message: i.message, ...c };
  });
}
