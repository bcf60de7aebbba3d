import { join } from 'node:path';
import type { Io } from '../io.ts';
import { parse, formatOf, UsageError, InputError } from '../args.ts';
import { json } from '../context.ts';
import { restore } from '../../store/backup.ts';
import { storeConfigFromEnv } from '../../store/open.ts';
import { withStore } from '../with-store.ts';
import { existsSync } from 'node:fs';

const HELP = `usage: hqs restore FILE [--force] [--format text|json]

Restores a backup written by hqs backup (on either database) into this one. Refuses a backup made with a
newer schema than this HQS Desk knows, and a database that already holds data unless --force is given;
with --force it first writes a backup of the data it replaces to <data dir>/backups/ and says where.
All rows go in in one transaction: a damaged or cut-off file changes nothing.`;

export async function restoreCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { force: { type: 'boolean' } });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`expected one FILE\n\n${HELP}`);
  const format = formatOf(values.format);
  const file = positionals[0] as string;
  if (!existsSync(file)) throw new InputError(`cannot read ${file}: no such file`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const safetyBackup = join(storeConfigFromEnv().dataDir, 'backups', `before-restore-${stamp}.jsonl.gz`);
  return withStore({ migrate: false }, async (db) => {
    const s = await restore(db, file, { force: values.force === true, safetyBackup, onProgress: (m) => io.err(m) });
    if (format === 'json') io.out(json({ ...s, database: db.location }));
    else {
      if (s.safetyBackup) io.out(`the data that was replaced is saved in ${s.safetyBackup}`);
      const rows = Object.values(s.rows).reduce((a, b) => a + b, 0);
      io.out(
        `restored ${file} (HQS Desk ${s.header.hqsVersion}, schema version ${s.header.schemaVersion}, made ${s.header.createdAt}) into ${db.location}: ${rows} rows (${s.rows.cases ?? 0} cases, ${s.rows.documents ?? 0} documents, ${s.rows.audit_log ?? 0} audit entries), ${s.files} files`,
      );
    }
    return 0;
  });
}
