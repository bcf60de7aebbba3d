// Migrations on the embedded database: in order, once, recorded with their checksum; an edited applied
// migration, a database from a newer version, and a failing migration are errors that say what to do.
// Also: the lock that keeps a second opener off a PGlite data directory.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite, type PgliteDb } from './pglite.ts';
import { loadMigrations, migrate, migrationStatus, MigrationError, schemaVersion } from './migrate.ts';
import { DataDirLockedError } from './lock.ts';
import { pgliteTemplates } from '../../test/store/backends.ts';

let root: string;
let blank: Blob;

function migrationsDir(files: Record<string, string>): string {
  const d = mkdtempSync(join(root, 'm-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(d, name), sql);
  return d;
}

async function fresh(): Promise<PgliteDb> {
  return openPglite({ loadDataDir: blank, filesDir: join(root, 'files') });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hqs-migrate-'));
  blank = (await pgliteTemplates()).blank;
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('migrations', () => {
  it('applies pending migrations in order, once, and records them', async () => {
    const dir = migrationsDir({
      '001_a.sql': 'CREATE TABLE a (x int);',
      '002_b.sql': 'CREATE TABLE b (y int); INSERT INTO a VALUES (1);',
    });
    const db = await fresh();
    const known = loadMigrations(dir);
    expect(await migrationStatus(db, known)).toMatchObject({ current: 0, latest: 2 });
    expect((await migrate(db, { migrations: known, to: 1 })).map((m) => m.version)).toEqual([1]);
    expect((await migrate(db, { migrations: known })).map((m) => m.name)).toEqual(['b']);
    expect(await migrate(db, { migrations: known })).toEqual([]);
    expect(await schemaVersion(db)).toBe(2);
    const rows = await db.query<{ version: number; checksum: string }>(
      'SELECT version, checksum FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.checksum)).toEqual(known.map((m) => m.checksum));
    await db.close();
  });

  it('an applied migration that was edited is an error naming the file', async () => {
    const dir = migrationsDir({ '001_a.sql': 'CREATE TABLE a (x int);' });
    const db = await fresh();
    await migrate(db, { migrations: loadMigrations(dir) });
    writeFileSync(join(dir, '001_a.sql'), 'CREATE TABLE a (x bigint);');
    const err = await migrate(db, { migrations: loadMigrations(dir) }).catch((e) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect(err.message).toMatch(/001_a\.sql was changed after it was applied .* put the change in a new migration/);
    await db.close();
  });

  it('a database from a newer HQS Desk is refused', async () => {
    const db = await fresh();
    await migrate(db, {
      migrations: loadMigrations(migrationsDir({ '001_a.sql': 'SELECT 1;', '002_b.sql': 'SELECT 2;' })),
    });
    const older = loadMigrations(migrationsDir({ '001_a.sql': 'SELECT 1;' }));
    await expect(migrate(db, { migrations: older })).rejects.toThrow(
      /schema version 2 .*newer than this HQS Desk, which knows up to 1: upgrade/,
    );
    await db.close();
  });

  it('a failing migration leaves nothing behind', async () => {
    const dir = migrationsDir({
      '001_a.sql': 'CREATE TABLE a (x int);',
      '002_b.sql': 'CREATE TABLE b (y int); SELECT no_such_function();',
    });
    const db = await fresh();
    await expect(migrate(db, { migrations: loadMigrations(dir) })).rejects.toThrow(
      /002_b\.sql failed: .*no_such_function/,
    );
    expect(await schemaVersion(db)).toBe(1);
    expect((await db.query<{ t: string | null }>(`SELECT to_regclass('b')::text AS t`))[0]!.t).toBeNull();
    await db.close();
  });

  it('file names must be NNN_name.sql without gaps', () => {
    expect(() => loadMigrations(migrationsDir({ '001_a.sql': '', '003_c.sql': '' }))).toThrow(
      /expected migration number 002/,
    );
    expect(() => loadMigrations(migrationsDir({ '1_a.sql': '' }))).toThrow(/NNN_name\.sql/);
  });

  it('the real migrations apply on PGlite and leave the application role unable to bypass policies', async () => {
    const db = await fresh();
    await migrate(db);
    const r = await db.query<{ rolbypassrls: boolean; rolsuper: boolean }>(
      `SELECT rolbypassrls, rolsuper FROM pg_roles WHERE rolname = 'hqs_app'`,
    );
    expect(r).toEqual([{ rolbypassrls: false, rolsuper: false }]);
    await db.close();
  });
});

describe('a PGlite data directory', () => {
  it('cannot be opened twice: the second opener is told the directory and the holder', async () => {
    const dataDir = join(root, 'data');
    mkdirSync(dataDir);
    const first = await openPglite({ dataDir, loadDataDir: blank });
    const err = await openPglite({ dataDir }).catch((e) => e);
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect(err.message).toContain(`data directory ${dataDir} is in use by process ${process.pid}`);
    await first.close();
    const again = await openPglite({ dataDir });
    expect((await again.query<{ one: number }>('SELECT 1 AS one'))[0]!.one).toBe(1);
    await again.close();
  }, 30_000);
});
