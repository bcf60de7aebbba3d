// The one small interface both backends implement: parameterized queries, multi-statement exec (for
// migrations), and transactions. One SQL dialect — PGlite is PostgreSQL — so repositories never ask which
// backend they run on. Rows come back typed the same on both: `date` as 'YYYY-MM-DD', `timestamptz` as an
// ISO string, `bigint` as a number, jsonb as a value.
import type { FileStore } from './files.ts';
import { Forbidden, NotFound, sqlState } from './errors.ts';

export type Row = Record<string, unknown>;

export interface Queryable {
  /** One statement with `$1…` parameters. Objects meant for jsonb are passed as JSON text and cast (`$1::jsonb`). */
  query<R extends object = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Several statements without parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
}

export type Tx = Queryable;

export interface TxOptions {
  isolation?: 'read committed' | 'repeatable read' | 'serializable';
  readOnly?: boolean;
}

export type Backend = 'pglite' | 'postgres';

export interface Db extends Queryable {
  readonly backend: Backend;
  /** Where the data is, for messages: the data directory, or the server URL without its password. */
  readonly location: string;
  /** Content-addressed document files (under the data directory on both backends). */
  readonly files: FileStore;
  transaction<T>(fn: (tx: Tx) => Promise<T>, opts?: TxOptions): Promise<T>;
  close(): Promise<void>;
}

/** The role tenant transactions run as: not the owner, no BYPASSRLS, so row-level security applies. */
export const APP_ROLE = 'hqs_app';

/** Oids whose text form both backends parse the same way. */
export const TYPE_PARSERS: Readonly<Record<number, (text: string) => unknown>> = {
  /** date: keep 'YYYY-MM-DD' (never a JS Date in the local time zone). */
  1082: (text) => text,
  /** timestamptz: an ISO string in UTC. */
  1184: (text) => new Date(text).toISOString(),
  /** timestamp without time zone: not used by the schema; left as written. */
  1114: (text) => text,
  /** bigint: a number (counts and sequence numbers stay far below 2^53). */
  20: (text) => Number(text),
};

export function beginStatement(opts: TxOptions = {}): string {
  const parts = ['BEGIN'];
  if (opts.isolation) parts.push(`ISOLATION LEVEL ${opts.isolation.toUpperCase()}`);
  if (opts.readOnly) parts.push('READ ONLY');
  return parts.join(' ');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: unknown): s is string {
  return typeof s === 'string' && UUID.test(s);
}

/** An id from outside (a URL, a token) that is not a UUID names nothing: NotFound, not a database error. */
export function requireUuid(id: unknown, entity: string): string {
  if (!isUuid(id)) throw new NotFound(entity, String(id));
  return id.toLowerCase();
}

/** Who a tenant transaction is for: the organization, and the employers its actor is limited to (if any). */
export interface TenantOf {
  orgId: string;
  /** The employers the actor may see and change; absent: all of them. */
  employerScope?: readonly string[];
}

/**
 * A transaction for one organization: it runs as the application role with `hqs.org_id` set, so the
 * row-level security policies show and accept only that organization's rows, whatever the SQL says. Given
 * an actor limited to some employers, `hqs.employer_scope` is set too and the restrictive policies of
 * migration 005 narrow every read and write to those employers' cases.
 */
export function inTenant<T>(
  db: Db,
  tenant: string | TenantOf,
  fn: (tx: Tx) => Promise<T>,
  opts?: TxOptions,
): Promise<T> {
  const org = requireUuid(typeof tenant === 'string' ? tenant : tenant.orgId, 'organization');
  const scope = typeof tenant === 'string' ? undefined : tenant.employerScope;
  const scopeText = scope ? `{${scope.filter(isUuid).join(',')}}` : '';
  return db.transaction(async (tx) => {
    await tx.query(
      `SELECT set_config('role', '${APP_ROLE}', true), set_config('hqs.org_id', $1, true), set_config('hqs.employer_scope', $2, true)`,
      [org, scopeText],
    );
    if (!scope) return fn(tx);
    try {
      return await fn(tx);
    } catch (e) {
      // A write the employer scope refuses (the policy's WITH CHECK): the actor's limit, not a bug.
      if (sqlState(e) === '42501')
        throw new Forbidden('this case or employer is outside the employers you may work with', [
          { path: 'employer', message: 'outside your employer scope' },
        ]);
      throw e;
    }
  }, opts);
}

/**
 * A transaction as the connecting role (the schema owner), which row-level security does not restrict:
 * only for what comes before a tenant is known or spans tenants — signing in by email, resolving a token,
 * listing organizations for the sweep, migrations, backups.
 */
export function inSystem<T>(db: Db, fn: (tx: Tx) => Promise<T>, opts?: TxOptions): Promise<T> {
  return db.transaction(fn, opts);
}

/** JSON text for a jsonb parameter. */
export function jsonb(v: unknown): string {
  return JSON.stringify(v);
}
