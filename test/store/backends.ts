// The two backends for the cross-backend tests. Each hands out fresh, migrated databases quickly:
// PGlite clones a migrated template (dumpDataDir/loadDataDir) instead of running initdb and the
// migrations for every database; PostgreSQL creates each database from a migrated template database.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite, type PgliteDb } from '../../src/store/pglite.ts';
import { openPostgres } from '../../src/store/postgres.ts';
import { loadMigrations, migrate } from '../../src/store/migrate.ts';
import type { Db } from '../../src/store/db.ts';
import { admin, startPostgres, type PostgresServer } from './postgres-server.ts';

export type BackendName = 'pglite' | 'postgres';
export const BACKENDS: readonly BackendName[] = ['pglite', 'postgres'];

export interface TestBackend {
  name: BackendName;
  /** A new, migrated, empty database (with its own files directory). */
  fresh(): Promise<Db>;
  /** A database with no schema at all. */
  empty(): Promise<Db>;
  server?: PostgresServer;
  close(): Promise<void>;
}

function tempDir(prefix: string, dirs: string[]): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/**
 * Two PGlite data directories as tarballs: blank (just after initdb) and migrated. initdb takes seconds, so
 * they are made once and kept in the temporary directory under a key of the PGlite version and the
 * migrations' checksums (any change makes new ones); test files running in parallel share them.
 */
export async function pgliteTemplates(): Promise<{ blank: Blob; migrated: Blob }> {
  const version = (
    JSON.parse(
      readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8'),
    ) as { version: string }
  ).version;
  const key = createHash('sha256')
    .update(version)
    .update(
      loadMigrations()
        .map((m) => m.checksum)
        .join(','),
    )
    .digest('hex')
    .slice(0, 16);
  const dir = join(tmpdir(), 'hqs-pglite-templates', key);
  const files = { blank: join(dir, 'blank.tar'), migrated: join(dir, 'migrated.tar') };
  if (existsSync(files.blank) && existsSync(files.migrated)) {
    return { blank: new Blob([readFileSync(files.blank)]), migrated: new Blob([readFileSync(files.migrated)]) };
  }
  const scratch = mkdtempSync(join(tmpdir(), 'hqs-files-'));
  const db = await openPglite({ filesDir: scratch });
  const blank = await db.dump();
  await migrate(db);
  const migrated = await db.dump();
  await db.close();
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [file, blob] of [
    [files.blank, blank],
    [files.migrated, migrated],
  ] as const) {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    renameSync(tmp, file);
  }
  return { blank, migrated };
}

export async function pgliteBackend(): Promise<TestBackend> {
  const dirs: string[] = [];
  const opened: Db[] = [];
  const { blank, migrated: dump } = await pgliteTemplates();
  const track = (db: PgliteDb) => (opened.push(db), db);
  return {
    name: 'pglite',
    fresh: async () => track(await openPglite({ loadDataDir: dump, filesDir: tempDir('hqs-files-', dirs) })),
    empty: async () => track(await openPglite({ loadDataDir: blank, filesDir: tempDir('hqs-files-', dirs) })),
    async close() {
      for (const db of opened) await db.close().catch(() => {});
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}

export async function postgresBackend(): Promise<TestBackend> {
  const server = await startPostgres();
  const dirs: string[] = [];
  const opened: Db[] = [];
  let n = 0;
  try {
    await admin(server, ['CREATE DATABASE hqs_template OWNER hqs_owner']);
    const t = await openPostgres({ url: server.url('hqs_template'), dataDir: tempDir('hqs-data-', dirs), poolSize: 2 });
    await migrate(t);
    await t.close();
  } catch (e) {
    server.stop();
    throw e;
  }
  const open = async (template: string) => {
    const name = `hqs_test_${++n}`;
    await admin(server, [`CREATE DATABASE ${name} TEMPLATE ${template} OWNER hqs_owner`]);
    const db = await openPostgres({ url: server.url(name), dataDir: tempDir('hqs-data-', dirs), poolSize: 4 });
    opened.push(db);
    return db;
  };
  return {
    name: 'postgres',
    server,
    fresh: () => open('hqs_template'),
    empty: () => open('template0'),
    async close() {
      for (const db of opened) await db.close().catch(() => {});
      server.stop();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}

export function startBackend(name: BackendName): Promise<TestBackend> {
  return name === 'pglite' ? pgliteBackend() : postgresBackend();
}
