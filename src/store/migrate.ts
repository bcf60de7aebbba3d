// Versioned migrations: `migrations/NNN_name.sql`, applied in order, each in its own transaction, each
// recorded in `schema_migrations` with the sha256 of its text. An applied migration whose file has since
// changed is an error (the database would no longer match the code that describes it), and so is a
// database that has migrations this code does not know (it was written by a newer HQS Desk).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db, Tx } from './db.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  file: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

const FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

/** Reads and checks the migration files: NNN_name.sql, numbered 001, 002, … without gaps. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const out: Migration[] = [];
  for (const file of files) {
    const m = FILE.exec(file);
    if (!m)
      throw new MigrationError(`${join(dir, file)}: a migration file is named NNN_name.sql (e.g. 002_add_index.sql)`);
    const version = Number(m[1]);
    const expected = out.length + 1;
    if (version !== expected)
      throw new MigrationError(
        `${join(dir, file)}: expected migration number ${String(expected).padStart(3, '0')} next`,
      );
    const sql = readFileSync(join(dir, file), 'utf8');
    out.push({ version, name: m[2] as string, file: join(dir, file), sql, checksum: checksumOf(sql) });
  }
  return out;
}

const BOOTSTRAP = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version     integer PRIMARY KEY,
  name        text NOT NULL,
  checksum    text NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now()
)`;

interface Applied {
  version: number;
  name: string;
  checksum: string;
}

async function applied(q: Tx): Promise<Applied[]> {
  const exists = await q.query<{ t: string | null }>(`SELECT to_regclass('schema_migrations')::text AS t`);
  if (!exists[0]?.t) return [];
  return q.query<Applied>('SELECT version, name, checksum FROM schema_migrations ORDER BY version');
}

function check(done: readonly Applied[], known: readonly Migration[]): void {
  for (const a of done) {
    const m = known[a.version - 1];
    if (m === undefined) {
      throw new MigrationError(
        `the database has schema version ${Math.max(...done.map((d) => d.version))} (migration ${a.version} "${a.name}"), ` +
          `newer than this HQS Desk, which knows up to ${known.length}: upgrade HQS Desk`,
      );
    }
    if (m.checksum !== a.checksum) {
      throw new MigrationError(
        `migration ${m.file} was changed after it was applied (recorded sha256 ${a.checksum}, file ${m.checksum}); ` +
          'restore the file as it was and put the change in a new migration',
      );
    }
  }
}

export interface MigrationStatus {
  current: number;
  latest: number;
  pending: Migration[];
}

export async function migrationStatus(
  db: Db,
  known: readonly Migration[] = loadMigrations(),
): Promise<MigrationStatus> {
  const done = await applied(db);
  check(done, known);
  const current = done.length === 0 ? 0 : Math.max(...done.map((d) => d.version));
  return { current, latest: known.length, pending: known.filter((m) => m.version > current) };
}

/** The schema version of the database (0 when empty). */
export async function schemaVersion(db: Db): Promise<number> {
  const done = await applied(db);
  return done.length === 0 ? 0 : Math.max(...done.map((d) => d.version));
}

export interface MigrateOptions {
  /** Stop after this version (restore brings an old backup's schema first, then the rest). */
  to?: number;
  migrations?: readonly Migration[];
  onApply?: (m: Migration) => void;
}

/** Applies the pending migrations in order; returns those applied. Safe to run from several processes. */
export async function migrate(db: Db, opts: MigrateOptions = {}): Promise<Migration[]> {
  const known = opts.migrations ?? loadMigrations();
  const to = opts.to ?? known.length;
  if (to > known.length)
    throw new MigrationError(`cannot migrate to version ${to}: this HQS Desk knows up to ${known.length}`);
  await db.exec(BOOTSTRAP);
  check(await applied(db), known);
  const done: Migration[] = [];
  for (const m of known) {
    if (m.version > to) break;
    const ran = await db.transaction(async (tx) => {
      // Two processes starting at once: the second waits here, then sees the migration applied.
      await tx.query(`SELECT pg_advisory_xact_lock(7242023)`);
      const now = await applied(tx);
      check(now, known);
      if (now.some((a) => a.version === m.version)) return false;
      try {
        await tx.exec(m.sql);
      } catch (e) {
        throw new MigrationError(`migration ${m.file} failed: ${(e as Error).message}`, { cause: e });
      }
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        m.checksum,
      ]);
      return true;
    });
    if (ran) {
      done.push(m);
      opts.onApply?.(m);
    }
  }
  return done;
}
