// The server backend: PostgreSQL through `DATABASE_URL`, with node-postgres' pool. Document files stay
// on disk under the data directory (HQS_DATA_DIR), content-addressed, as with the embedded backend.
import { resolve, join } from 'node:path';
import pg from 'pg';
import { beginStatement, TYPE_PARSERS, type Db, type Queryable, type Row, type TxOptions } from './db.ts';
import { FileStore } from './files.ts';
import type { FileKeyring } from './file-crypto.ts';

export interface PostgresOptions {
  url: string;
  /** Data directory for document files (default ./data). */
  dataDir?: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Encrypt document files with this keyring (openStore passes the installation's; omitted: plain). */
  fileKeys?: FileKeyring;
}

export interface PostgresDb extends Db {
  readonly pool: pg.Pool;
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an unparsable DATABASE_URL)';
  }
}

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    const custom = TYPE_PARSERS[oid];
    if (custom && (format === undefined || format === 'text')) return custom;
    return (pg.types.getTypeParser as (oid: number, format?: string) => (v: string) => unknown)(oid, format);
  },
};

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R extends object = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      return (await client.query(sql, params as unknown[])).rows as R[];
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  };
}

export async function openPostgres(opts: PostgresOptions): Promise<PostgresDb> {
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    types: types as pg.CustomTypesConfig,
  });
  // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  try {
    const c = await pool.connect();
    c.release();
  } catch (e) {
    await pool.end().catch(() => {});
    throw new Error(`cannot connect to PostgreSQL at ${redactUrl(opts.url)}: ${(e as Error).message}`, { cause: e });
  }
  const base = wrap(pool);
  return {
    backend: 'postgres',
    location: redactUrl(opts.url),
    files: new FileStore(join(resolve(opts.dataDir ?? 'data'), 'files'), opts.fileKeys),
    pool,
    ...base,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, txOpts?: TxOptions): Promise<T> {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query(beginStatement(txOpts));
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw e;
      } finally {
        client.release(broken);
      }
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };
}
