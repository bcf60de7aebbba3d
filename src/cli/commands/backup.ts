import type { Io } from '../main.ts';
import { parse, formatOf, UsageError } from '../args.ts';
import { json } from '../context.ts';
import { backup } from '../../store/backup.ts';
import { withStore } from './migrate.ts';

const HELP = `usage: hqs backup FILE [--format text|json]

Writes a backup of the whole database and its document files to FILE: one gzip-compressed JSON Lines file
(format hqs-backup/1) with the schema version and the HQS Desk version in its first line. The same on the
embedded database and on PostgreSQL; hqs restore reads it on either. Sessions are not included.`;

export async function backupCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {});
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`expected one FILE\n\n${HELP}`);
  const format = formatOf(values.format);
  const file = positionals[0] as string;
  return withStore({ migrate: false }, async (db) => {
    const s = await backup(db, file);
    if (format === 'json') io.out(json({ ...s, database: db.location }));
    else {
      const rows = Object.values(s.rows).reduce((a, b) => a + b, 0);
      io.out(
        `backup of ${db.location} written to ${file}: schema version ${s.schemaVersion}, ${rows} rows (${s.rows.cases ?? 0} cases, ${s.rows.documents ?? 0} documents, ${s.rows.audit_log ?? 0} audit entries), ${s.files} files (${s.bytes} bytes)`,
      );
    }
    return 0;
  });
}
