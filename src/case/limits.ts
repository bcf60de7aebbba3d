// How big a case may be, and which dates it may hold — checked on the raw value, before the schema and
// the engine do any work, so that an oversized or absurd case costs a linear walk and nothing more.
// Also refused: text that cannot be stored. The hqs-case/1 format itself sets no limits; these are the product's: a family of 30, 2,000 events
// (ten years of weekly trips), 500 gathered documents, and dates from 1900 to 2999 (the engine counts
// terms decades ahead; a year past 9999 cannot even be written as a date).
import { formatPath, type PathSegment } from './checks.ts';

export const CASE_LIMITS = {
  people: 30,
  events: 2000,
  documents: 500,
  /** Any other list in a case (citizenships, passports, regions…). */
  list: 100,
  firstYear: 1900,
  lastYear: 2999,
} as const;

export interface CaseLimits {
  people: number;
  events: number;
  documents: number;
  list: number;
  firstYear: number;
  lastYear: number;
}

export interface LimitProblem {
  path: string;
  message: string;
  /** 'size': too much of something (HTTP 413); 'value': a value out of range (HTTP 422). */
  kind: 'size' | 'value';
  /** The stable code (docs/api.md "Problem codes"). */
  code: string;
  params?: Record<string, string | number>;
}

const DATE = /^(\d{4})-\d{2}-\d{2}$/;

/** In Unicode mode a pair is one code point: this matches only a surrogate without its partner. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Why a text cannot be stored, or undefined when it can: U+0000 (PostgreSQL text cannot hold it) and a
 * lone UTF-16 surrogate (not Unicode; jsonb refuses it).
 */
export function textProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return 'contains the character U+0000 (NUL), which cannot be stored: remove it';
  if (LONE_SURROGATE.test(s)) return 'contains a lone UTF-16 surrogate (not a valid Unicode character): remove it';
  return undefined;
}
const TOP_LISTS = new Set(['people', 'events', 'documents']);

/** A node of the walk: its value and how it was reached (the path is built only when a problem needs it). */
interface Step {
  v: unknown;
  seg: PathSegment | undefined;
  parent: Step | undefined;
}

export function pathOf(step: Step): PathSegment[] {
  const out: PathSegment[] = [];
  for (let s: Step | undefined = step; s !== undefined && s.seg !== undefined; s = s.parent) out.push(s.seg);
  return out.reverse();
}

/**
 * The limits this raw case value exceeds (at most `max` problems; an empty list when it fits). Walks the
 * value iteratively and in linear time, so a deeply nested value costs no more than a flat one.
 */
export function caseLimitProblems(value: unknown, limits: CaseLimits = CASE_LIMITS, max = 20): LimitProblem[] {
  const out: LimitProblem[] = [];
  const stack: Step[] = [{ v: value, seg: undefined, parent: undefined }];
  while (stack.length > 0 && out.length < max) {
    const step = stack.pop()!;
    const v = step.v;
    if (typeof v === 'string') {
      const bad = textProblem(v);
      if (bad) {
        out.push({ path: formatPath(pathOf(step)), message: bad, kind: 'value', code: 'text.unstorable' });
        continue;
      }
      const m = DATE.exec(v);
      if (m) {
        const year = Number(m[1]);
        if (year < limits.firstYear || year > limits.lastYear)
          out.push({
            path: formatPath(pathOf(step)),
            message: `dates from ${limits.firstYear} to ${limits.lastYear} only (got ${v})`,
            kind: 'value',
            code: 'date.range',
            params: { from: limits.firstYear, to: limits.lastYear },
          });
      }
    } else if (Array.isArray(v)) {
      const top = step.parent !== undefined && step.parent.parent === undefined ? step.seg : undefined;
      const key =
        typeof top === 'string' && TOP_LISTS.has(top) ? (top as 'people' | 'events' | 'documents') : undefined;
      const limit = key === undefined ? limits.list : limits[key];
      if (v.length > limit) {
        out.push({
          path: formatPath(pathOf(step)),
          message: `at most ${limit} ${key ?? 'items'} in a case (got ${v.length})`,
          kind: 'size',
          code: 'too-many',
          params: { max: limit },
        });
        continue; // its items are not looked at
      }
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], seg: i, parent: step });
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const bad = textProblem(entries[i]![0]);
        if (bad)
          out.push({
            path: formatPath(pathOf(step)) || '(root)',
            message: `a field name ${bad}`,
            kind: 'value',
            code: 'text.unstorable',
          });
        else stack.push({ v: entries[i]![1], seg: entries[i]![0], parent: step });
      }
    }
  }
  return out;
}
