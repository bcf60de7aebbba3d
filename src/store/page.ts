// Offset pagination shared by the list calls: `limit` (1…max) and `offset`, and the total.
import { Invalid } from './errors.ts';

export interface PageRequest {
  limit?: number;
  offset?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export function pageOf(p: PageRequest, max = 500, fallback = 50): { limit: number; offset: number } {
  const limit = p.limit ?? fallback;
  const offset = p.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > max)
    throw Invalid.one('limit', `expected a whole number from 1 to ${max}, got ${String(p.limit)}`);
  if (!Number.isInteger(offset) || offset < 0)
    throw Invalid.one('offset', `expected a whole number ≥ 0, got ${String(p.offset)}`);
  return { limit, offset };
}

/** Builds `WHERE` clauses with numbered parameters. */
export class Where {
  readonly clauses: string[] = [];
  readonly params: unknown[];

  constructor(params: unknown[] = []) {
    this.params = params;
  }

  /** `sql` uses `?` for the one parameter. */
  add(sql: string, value: unknown): this {
    this.params.push(value);
    this.clauses.push(sql.replace('?', `$${this.params.length}`));
    return this;
  }

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get sql(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

/** `%text%` for LIKE against a lower-cased search column: lower-cased here, wildcards escaped. */
export function likePattern(q: string): string {
  return `%${q
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
