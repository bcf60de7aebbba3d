// What any request may carry, checked before the work it asks for: how deep and how big a JSON body
// is, and whether its text can be stored at all. One linear pass each; every refusal names the place
// (`people[2].name.latin`, the parameter, `(body)`) and the limit, as a 413 (too much) or a 422 (a value
// that cannot be taken: U+0000, which PostgreSQL text cannot hold, or a lone UTF-16 surrogate, which is
// not Unicode and which jsonb refuses).
import {
  CASE_LIMITS,
  caseLimitProblems,
  formatPath,
  parseCase,
  textProblem,
  type Case,
  type CheckTables,
  type PathSegment,
} from '../case/index.ts';
import { Invalid } from '../store/errors.ts';

export { textProblem };
import { HttpProblem, type FieldProblem } from './problem.ts';

export const INPUT_LIMITS = {
  /** Nesting of objects and arrays (a case needs about 6). */
  depth: 32,
  /** Keys of one object (the widest object of a case has about 20). */
  keys: 200,
  /** Values in the whole body (a case at every limit has about 40,000). */
  nodes: 100_000,
  /** Characters of one string (an event's note included). */
  string: 10_000,
  /** Characters of one key. */
  key: 200,
} as const;

export interface InputProblem extends FieldProblem {
  status: 413 | 422;
}

/**
 * One pass over JSON text before it is parsed (strings skipped): where nesting first goes deeper than
 * `depth`, or an object first gets more than `keys` fields. Nothing recursive, and nothing allocated per
 * field, ever sees a body that breaks either limit.
 */
export function scanJson(
  text: string,
  depth: number = INPUT_LIMITS.depth,
  keys: number = INPUT_LIMITS.keys,
): { tooDeep?: number; tooWide?: number } {
  // Per open bracket: the fields seen so far in an object, -1 for an array.
  const open: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      if (open.length >= depth) return { tooDeep: i };
      open.push(ch === 0x7b ? 0 : -1);
    } else if (ch === 0x7d || ch === 0x5d) open.pop();
    else if (ch === 0x3a && open.length > 0 && open[open.length - 1]! >= 0) {
      if (++open[open.length - 1]! > keys) return { tooWide: i };
    }
  }
  return {};
}

/** The offset in JSON text where nesting first goes deeper than `max`, or undefined. */
export function jsonTooDeep(text: string, max: number = INPUT_LIMITS.depth): number | undefined {
  return scanJson(text, max, Infinity).tooDeep;
}

interface Step {
  v: unknown;
  seg: PathSegment | undefined;
  parent: Step | undefined;
  depth: number;
}

function pathOf(step: Step, key?: string): string {
  const out: PathSegment[] = key === undefined ? [] : [key];
  for (let s: Step | undefined = step; s !== undefined && s.seg !== undefined; s = s.parent) out.push(s.seg);
  return formatPath(out.reverse()) || '(body)';
}

/** What in a parsed JSON value breaks the input limits or cannot be stored (at most `max` problems). */
export function valueProblems(value: unknown, max = 20): InputProblem[] {
  const L = INPUT_LIMITS;
  const out: InputProblem[] = [];
  const stack: Step[] = [{ v: value, seg: undefined, parent: undefined, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0 && out.length < max) {
    const step = stack.pop()!;
    const v = step.v;
    if (++nodes > L.nodes) {
      out.push({
        path: '(body)',
        message: `at most ${L.nodes} values in one request`,
        status: 413,
        code: 'too-many',
        params: { max: L.nodes },
      });
      break;
    }
    if (typeof v === 'string') {
      if (v.length > L.string)
        out.push({
          path: pathOf(step),
          message: `at most ${L.string} characters (got ${v.length})`,
          status: 413,
          code: 'too-long',
          params: { max: L.string },
        });
      else {
        const why = textProblem(v);
        if (why) out.push({ path: pathOf(step), message: why, status: 422, code: 'text.unstorable' });
      }
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (step.depth >= L.depth) {
      out.push({
        path: pathOf(step),
        message: `nested more than ${L.depth} levels deep`,
        status: 413,
        code: 'too-deep',
        params: { max: L.depth },
      });
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], seg: i, parent: step, depth: step.depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    if (keys.length > L.keys) {
      out.push({
        path: pathOf(step),
        message: `at most ${L.keys} fields in one object (got ${keys.length})`,
        status: 413,
        code: 'too-many',
        params: { max: L.keys },
      });
      continue;
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      const bad = k.length > L.key ? `a field name of at most ${L.key} characters` : textProblem(k);
      if (bad) {
        out.push({
          path: pathOf(step, k.length > 40 ? `${k.slice(0, 40)}…` : k),
          message: bad,
          status: 422,
          code: k.length > L.key ? 'too-long' : 'text.unstorable',
          ...(k.length > L.key ? { params: { max: L.key } } : {}),
        });
        continue;
      }
      stack.push({ v: (v as Record<string, unknown>)[k], seg: k, parent: step, depth: step.depth + 1 });
    }
  }
  return out;
}

/** Throws the problems as one response: 413 when something is too big, else 422. */
export function refuse(problems: readonly InputProblem[], what = 'the request'): void {
  if (problems.length === 0) return;
  const status = problems.some((p) => p.status === 413) ? 413 : 422;
  const errors = problems.map(({ path, message, code, params }) => ({
    path,
    message,
    ...(code ? { code } : {}),
    ...(params ? { params } : {}),
  }));
  throw new HttpProblem(
    status,
    `${what} ${status === 413 ? 'is larger than allowed' : 'holds what cannot be taken'}: ${errors
      .slice(0, 3)
      .map((e) => `${e.path}: ${e.message}`)
      .join('; ')}${errors.length > 3 ? '; …' : ''}`,
    errors,
  );
}

/** Checks JSON text and parses it: 413 for nesting or width past the limits, 400 for text that is not JSON. */
export function parseJsonText(text: string): unknown {
  const { tooDeep, tooWide } = scanJson(text);
  if (tooDeep !== undefined)
    throw new HttpProblem(
      413,
      `the body is nested more than ${INPUT_LIMITS.depth} levels deep (at character ${tooDeep})`,
      [{ path: '(body)', message: `nested more than ${INPUT_LIMITS.depth} levels deep`, code: 'too-deep' }],
    );
  if (tooWide !== undefined)
    throw new HttpProblem(
      413,
      `an object of the body has more than ${INPUT_LIMITS.keys} fields (at character ${tooWide})`,
      [{ path: '(body)', message: `at most ${INPUT_LIMITS.keys} fields in one object`, code: 'too-many' }],
    );
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new HttpProblem(400, `the body is not valid JSON: ${(e as Error).message}`, [
      { path: '(body)', message: 'not valid JSON', code: 'syntax' },
    ]);
  }
}

/** A case's raw value: the input limits, then the case limits (people, events, documents, dates). */
export function caseInputProblems(value: unknown): InputProblem[] {
  // The case's own lists first (one look each): a case of 6,900 people is refused for its people.
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const top: InputProblem[] = [];
    for (const key of ['people', 'events', 'documents'] as const) {
      const list = (value as Record<string, unknown>)[key];
      if (Array.isArray(list) && list.length > CASE_LIMITS[key])
        top.push({
          path: key,
          message: `at most ${CASE_LIMITS[key]} ${key} in a case (got ${list.length})`,
          status: 413,
          code: 'too-many',
          params: { max: CASE_LIMITS[key] },
        });
    }
    if (top.length) return top;
  }
  const general = valueProblems(value);
  if (general.length > 0) return general;
  return caseLimitProblems(value, CASE_LIMITS).map((p) => ({
    path: p.path || '(body)',
    message: p.message,
    status: p.kind === 'size' ? 413 : 422,
    code: p.code,
    ...(p.params ? { params: p.params } : {}),
  }));
}

/** Parameters (path or query): each value must be text that can be stored. */
export function paramProblems(values: Record<string, unknown>): InputProblem[] {
  const out: InputProblem[] = [];
  for (const [k, v] of Object.entries(values)) {
    for (const s of Array.isArray(v) ? v : [v]) {
      if (typeof s !== 'string') continue;
      const long = s.length > INPUT_LIMITS.string;
      const why = long ? `at most ${INPUT_LIMITS.string} characters` : textProblem(s);
      if (why) {
        out.push({
          path: k,
          message: why,
          status: 422,
          code: long ? 'too-long' : 'text.unstorable',
          ...(long ? { params: { max: INPUT_LIMITS.string } } : {}),
        });
        break;
      }
    }
  }
  return out;
}

/** The case's own check before the schema: the input and case limits, refused as 413/422. */
export const inspectCase = (value: unknown): void => refuse(caseInputProblems(value), 'the case');

/**
 * Parses case text, its limits checked on the loaded value before the schema sees it; Invalid names every
 * bad field; nesting the parser cannot follow is a 413.
 */
export function parseCaseText(
  text: string,
  format: 'json' | 'yaml',
  tables: CheckTables,
  opts: { innUnknown?: boolean } = {},
): Case {
  let r: ReturnType<typeof parseCase>;
  try {
    r = parseCase(text, {
      ...tables,
      format,
      fileName: `case.${format}`,
      inspect: inspectCase,
      ...(opts.innUnknown ? { innUnknown: true } : {}),
    });
  } catch (e) {
    if (e instanceof RangeError)
      throw new HttpProblem(413, 'the case is nested too deeply to read', [
        { path: '(body)', message: 'nested too deeply', code: 'too-deep' },
      ]);
    throw e;
  }
  if (!r.ok)
    throw new Invalid(
      r.errors.map((e) => ({
        path: e.path,
        message: e.message,
        code: e.code,
        ...(e.params ? { params: e.params } : {}),
      })),
    );
  return r.case;
}
