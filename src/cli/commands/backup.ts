import type { Io } from '../io.ts';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, formatOf, UsageError, InputError } from '../args.ts';
import { json } from '../context.ts';
import { backup, type BackupSummary } from '../../store/backup.ts';
import { LOCK_FILE } from '../../store/lock.ts';
import { storeConfigFromEnv } from '../../store/open.ts';
import { KEY_FILE } from '../../store/file-crypto.ts';
import { requestOnlineBackup } from '../../server/online-backup.ts';
import { withStore } from '../with-store.ts';

const HELP = `usage: hqs backup FILE [--format text|json]

Writes a backup of the whole database and its document files to FILE: one gzip-compressed JSON Lines file
(format hqs-backup/1) with the schema version and the HQS Desk version in its first line. The same on the
embedded database and on PostgreSQL; hqs restore reads it on either. Sessions are not included.
Online: on PostgreSQL it reads one snapshot beside the running servers; on the embedded database, while
a server (hqs start) has the data directory open, that server writes the backup (asked through the data
directory), so a daily backup needs no downtime.`;

export async function backupCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {});
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`expected one FILE\n\n${HELP}`);
  const format = formatOf(values.format);
  const file = resolve(positionals[0] as string);
  const cfg = storeConfigFromEnv();
  const report = (s: BackupSummary, where: string, how: string) => {
    if (format === 'json') io.out(json({ ...s, database: where, online: how !== '' }));
    else {
      const rows = Object.values(s.rows).reduce((a, b) => a + b, 0);
      io.out(
        `backup of ${where}${how} written to ${s.file}: schema version ${s.schemaVersion}, ${rows} rows (${s.rows.cases ?? 0} cases, ${s.rows.documents ?? 0} documents, ${s.rows.audit_log ?? 0} audit entries), ${s.files} files (${s.bytes} bytes)`,
      );
      if (s.files > 0)
        io.out(
          `the document files in it are encrypted; their key is not in it: keep ${process.env.HQS_FILE_KEY?.trim() ? 'HQS_FILE_KEY' : join(cfg.dataDir, KEY_FILE)} apart from the backups (hqs keys status)`,
        );
    }
    return 0;
  };
  if (!cfg.databaseUrl) {
    // The embedded database is open in a running server: that server writes the backup.
    const holder = runningHolder(cfg.dataDir);
    if (holder !== undefined) {
      let outcome;
      try {
        outcome = await requestOnlineBackup(cfg.dataDir, holder, file);
      } catch (e) {
        throw new InputError((e as Error).message);
      }
      if (!outcome.ok) throw new InputError(`the running server could not write the backup: ${outcome.error}`);
      return report(outcome.summary, cfg.dataDir, ` (online, by the running server, process ${holder})`);
    }
  }
  return withStore({ migrate: false }, async (db) => report(await backup(db, file), db.location, ''));
}

/** The pid of a live process on this host holding the data directory's lock, if any. */
function runningHolder(dataDir: string): number | undefined {
  try {
    const v = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as { pid?: unknown; host?: unknown };
    if (typeof v.pid !== 'number' || v.host !== hostname() || v.pid === process.pid) return undefined;
    process.kill(v.pid, 0);
    return v.pid;
  } catch {
    return undefined;
  }
}
