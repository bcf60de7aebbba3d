// The embedded backend: PGlite (PostgreSQL compiled to WebAssembly) in `<dataDir>/pg`, document files in
// `<dataDir>/files`, and a lock file so that only one process opens the directory.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { beginStatement, TYPE_PARSERS, type Db, type Queryable, type Row, type TxOptions } from './db.ts';
import { FileStore } from './files.ts';
import { lockDataDir } from './lock.ts';

export interface PgliteOptions {
  /** The data directory; omitted: an in-memory database (tests), with files under `filesDir`. */
  dataDir?: string;
  /** Where document files go when there is no data directory. */
  filesDir?: string;
  /** Start from a dump of another database (`dumpDataDir`): how tests clone a migrated template. */
  loadDataDir?: Blob;
}

export interface PgliteDb extends Db {
  readonly pglite: PGlite;
  /** A tarball of the whole database (to clone it in tests). */
  dump(): Promise<Blob>;
}

function wrap(q: { query: PGlite['query']; exec: PGlite['exec'] }): Queryable {
  return {
    async query<R extends object = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
      return (await q.query<R>(sql, params as unknown[])).rows;
    },
    async exec(sql: string): Promise<void> {
      await q.exec(sql);
    },
  };
}

export async function openPglite(opts: PgliteOptions = {}): Promise<PgliteDb> {
  const dataDir = opts.dataDir === undefined ? undefined : resolve(opts.dataDir);
  let release = () => {};
  let pgDir: string | undefined;
  let filesDir: string;
  if (dataDir !== undefined) {
    mkdirSync(dataDir, { recursive: true });
    release = lockDataDir(dataDir).release;
    pgDir = join(dataDir, 'pg');
    filesDir = join(dataDir, 'files');
  } else {
    if (opts.filesDir === undefined)
      throw new Error('openPglite: an in-memory database needs filesDir for document files');
    filesDir = resolve(opts.filesDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(pgDir !== undefined ? { dataDir: pgDir } : {}),
      ...(opts.loadDataDir !== undefined ? { loadDataDir: opts.loadDataDir } : {}),
      parsers: TYPE_PARSERS,
    });
  } catch (e) {
    release();
    throw new Error(`cannot open the embedded database in ${pgDir ?? '(memory)'}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  const base = wrap(pglite);
  let closed = false;
  return {
    backend: 'pglite',
    location: dataDir ?? '(in memory)',
    files: new FileStore(filesDir),
    pglite,
    ...base,
    transaction<T>(fn: (tx: Queryable) => Promise<T>, txOpts?: TxOptions): Promise<T> {
      return pglite.transaction(async (tx) => {
        // PGlite has already sent BEGIN; the options go in as the transaction's first statement.
        const begin = beginStatement(txOpts);
        if (begin !== 'BEGIN') await tx.query(`SET TRANSACTION ${begin.slice('BEGIN '.length)}`);
        return fn(wrap(tx));
      });
    },
    async dump(): Promise<Blob> {
      return pglite.dumpDataDir('none');
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      try {
        await pglite.close();
      } finally {
        release();
      }
    },
  };
}
