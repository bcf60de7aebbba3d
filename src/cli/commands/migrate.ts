import type { Io } from '../main.ts';
import { parse, formatOf, UsageError, InputError } from '../args.ts';
import { json } from '../context.ts';
import { openStore, storeConfigFromEnv, type OpenOptions } from '../../store/open.ts';
import { migrate, migrationStatus, MigrationError } from '../../store/migrate.ts';
import { DataDirLockedError } from '../../store/lock.ts';
import { BackupError } from '../../store/backup.ts';
import { isStoreError } from '../../store/errors.ts';
import type { Db } from '../../store/db.ts';

const HELP = `usage: hqs migrate [--status] [--format text|json]

Brings the database schema up to date: applies the pending migrations (src/store/migrations) in order,
each in a transaction, and records them. HQS Desk also does this when it starts.
--status only shows the schema version and what is pending.

The database is PostgreSQL when DATABASE_URL is set (postgres://…), else the embedded one in
HQS_DATA_DIR (default ./data).`;

/**
 * Opens the store as the environment says, runs `fn`, closes it. What goes wrong with the data
 * directory, the server, a migration or a backup is told plainly (exit 2), not as an internal error.
 */
export async function withStore<T>(opts: OpenOptions, fn: (db: Db) => Promise<T>): Promise<T> {
  let db: Db;
  try {
    db = await openStore(storeConfigFromEnv(), opts);
  } catch (e) {
    throw plain(e);
  }
  try {
    return await fn(db);
  } catch (e) {
    throw plain(e);
  } finally {
    await db.close();
  }
}

function plain(e: unknown): unknown {
  if (e instanceof DataDirLockedError || e instanceof MigrationError || e instanceof BackupError || isStoreError(e))
    return new InputError(e.message);
  if (e instanceof Error && /^cannot (connect to PostgreSQL|open the embedded database)/.test(e.message))
    return new InputError(e.message);
  return e;
}

export async function migrateCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { status: { type: 'boolean' } });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length) throw new UsageError(`migrate takes no arguments\n\n${HELP}`);
  const format = formatOf(values.format);
  return withStore({ migrate: false }, async (db) => {
    const applied = values.status ? [] : await migrate(db);
    const status = await migrationStatus(db);
    if (format === 'json') {
      io.out(
        json({
          database: db.location,
          backend: db.backend,
          applied: applied.map((m) => ({ version: m.version, name: m.name })),
          schemaVersion: status.current,
          latest: status.latest,
          pending: status.pending.map((m) => ({ version: m.version, name: m.name })),
        }),
      );
    } else {
      io.out(`database: ${db.location} (${db.backend})`);
      for (const m of applied) io.out(`applied ${String(m.version).padStart(3, '0')}_${m.name}`);
      if (!values.status && applied.length === 0) io.out('nothing to apply');
      io.out(
        `schema version ${status.current} of ${status.latest}${status.pending.length ? `; pending: ${status.pending.map((m) => `${String(m.version).padStart(3, '0')}_${m.name}`).join(', ')}` : ' (up to date)'}`,
      );
    }
    return 0;
  });
}
