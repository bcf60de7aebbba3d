// The embedded backend: PGlite (PostgreSQL compiled to WebAssembly) in `<dataDir>/pg`, document files in
// `<dataDir>/files`, and a lock file so that only one process opens the directory.
//
// Durable on commit: PGlite starts PostgreSQL with fsync off (`-F`), and its WebAssembly file system has
// no fsync at all (fsync() of a file on the host directory is a no-op, fdatasync() too). An on-disk
// database here starts with fsync on and `wal_sync_method=fsync`, and the host directory's file
// operations get a real fsync (Node's fsyncSync on the file's descriptor), so every COMMIT waits for its
// WAL to reach the disk and checkpoints sync the data files before old WAL is recycled — PostgreSQL's own
// guarantees. docs/storage.md says what this costs and promises.
import { fsyncSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';
import { beginStatement, TYPE_PARSERS, type Db, type Queryable, type Row, type TxOptions } from './db.ts';
import { FileStore } from './files.ts';
import type { FileKeyring } from './file-crypto.ts';
import { lockDataDir } from './lock.ts';

export interface PgliteOptions {
  /** The data directory; omitted: an in-memory database (tests), with files under `filesDir`. */
  dataDir?: string;
  /** Where document files go when there is no data directory. */
  filesDir?: string;
  /** Start from a dump of another database (`dumpDataDir`): how tests clone a migrated template. */
  loadDataDir?: Blob;
  /** Encrypt document files with this keyring (openStore passes the installation's; omitted: plain). */
  fileKeys?: FileKeyring;
}

export interface PgliteDb extends Db {
  readonly pglite: PGlite;
  /** A tarball of the whole database (to clone it in tests). */
  dump(): Promise<Blob>;
}

/** Where PGlite mounts the data directory inside its WebAssembly file system. */
const PGDATA = '/pglite/data';

/** PostgreSQL's start parameters as PGlite sets them, with fsync on and a WAL sync method that reaches the disk. */
export function durableStartParams(): string[] {
  const defaults = (PGlite as unknown as { defaultStartParams?: unknown }).defaultStartParams;
  const base = Array.isArray(defaults) && defaults.every((x) => typeof x === 'string') ? defaults : ['--single'];
  return [...base.filter((p) => p !== '-F'), '-c', 'fsync=on', '-c', 'wal_sync_method=fsync'];
}

interface EmscriptenStream {
  nfd?: number;
}

/** Counts the fsync calls made through the host directory (for tests and the benchmark). */
export const durability = { fsyncs: 0 };

/**
 * The host-directory file system with a real fsync: before PostgreSQL starts, the directory's stream
 * operations (shared by every file and directory under it) get an fsync that syncs the host descriptor.
 */
class DurableNodeFS extends NodeFS {
  override async init(...args: Parameters<NodeFS['init']>): ReturnType<NodeFS['init']> {
    const r = await super.init(...args);
    const preRun = r.emscriptenOpts.preRun;
    const hooks = Array.isArray(preRun) ? preRun : preRun ? [preRun] : [];
    r.emscriptenOpts.preRun = [
      ...hooks,
      (mod: { FS: { lookupPath(p: string): { node: { stream_ops: Record<string, unknown> } } } }) => {
        const ops = mod.FS.lookupPath(PGDATA).node.stream_ops;
        ops.fsync = (stream: EmscriptenStream) => {
          if (typeof stream.nfd === 'number') {
            fsyncSync(stream.nfd);
            durability.fsyncs++;
          }
          return 0;
        };
      },
    ] as typeof preRun;
    return r;
  }
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
    const options: PGliteOptions = {
      ...(opts.loadDataDir !== undefined ? { loadDataDir: opts.loadDataDir } : {}),
      parsers: TYPE_PARSERS,
    };
    // On disk: durable on commit. In memory (tests) there is nothing to sync.
    if (pgDir !== undefined)
      Object.assign(options, { fs: new DurableNodeFS(pgDir), startParams: durableStartParams() });
    pglite = await PGlite.create(options);
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
    files: new FileStore(filesDir, opts.fileKeys),
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
