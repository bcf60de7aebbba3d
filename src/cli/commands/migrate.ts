import type { Io } from '../io.ts';
import { parse, formatOf, UsageError } from '../args.ts';
import { json } from '../context.ts';
import { migrate, migrationStatus } from '../../store/migrate.ts';
import { withStore } from '../with-store.ts';

const HELP = `usage: hqs migrate [--status] [--format text|json]

Brings the database schema up to date: applies the pending migrations (src/store/migrations) in order,
each in a transaction, and records them. HQS Desk also does this when it starts.
--status only shows the schema version and what is pending.

The database is PostgreSQL when DATABASE_URL is set (postgres://…), else the embedded one in
HQS_DATA_DIR (default ./data).`;

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
