// Logical backup and restore, the same on both backends: one gzip-compressed JSON Lines file holding a
// header (format, schema version, HQS Desk version), every row of every table that holds data (in
// foreign-key order), the document files that rows refer to (base64, in chunks, checked by digest on the
// way back), and a trailer with the counts, so a cut-off file is detected rather than half restored.
//
// Left out on purpose: sessions (users sign in again; restoring live cookies would be a risk),
// login_attempts (throttling state) and schema_migrations (the header carries the version).
//
// Restore refuses a backup of a newer schema, and a database that already holds data unless forced; when
// forced it first writes a backup of what is there, so nothing is ever lost silently. The rows go in within
// one transaction: a damaged file or a missing document file leaves the database as it was.
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Db, Tx } from './db.ts';
import { loadMigrations, migrate, schemaVersion } from './migrate.ts';
import { isSha256 } from './files.ts';
import { removeUnreferencedFiles } from './documents.ts';

export const BACKUP_FORMAT = 'hqs-backup/1';

/** Tables in the order a restore inserts them (foreign keys point backwards). */
export const BACKUP_TABLES = [
  'organizations',
  'users',
  'employers',
  'cases',
  'case_people',
  'memberships',
  'documents',
  'evaluations',
  'obligations',
  'audit_log',
  'api_tokens',
  'invitations',
  'import_mappings',
  'checklist_reviews',
  // Each member's reminder settings, the record of digests sent (so a restore never sends a day's twice) and
  // the calendar subscriptions (hashes only). Left out: the outbox (mail in flight may hold one-time links),
  // password resets and self-check codes (short-lived secrets), sessions.
  'reminder_settings',
  'reminder_sends',
  'calendar_feeds',
] as const;

/** The backup tables present in this database (an older schema lacks the newer ones). */
async function presentTables(q: Db | Tx): Promise<string[]> {
  const rows = await q.query<{ t: string }>(
    'SELECT t FROM unnest($1::text[]) WITH ORDINALITY AS x(t, n) WHERE to_regclass(t) IS NOT NULL ORDER BY n',
    [[...BACKUP_TABLES]],
  );
  return rows.map((r) => r.t);
}

/** Sequences to move past the restored rows. */
const SEQUENCES: Record<string, string> = { audit_log: 'seq' };

const CHUNK = 768 * 1024;

export function hqsVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
      .version;
  } catch {
    return 'unknown';
  }
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  schemaVersion: number;
  hqsVersion: string;
  createdAt: string;
  backend: string;
  tables: string[];
}

export interface BackupSummary {
  file: string;
  schemaVersion: number;
  rows: Record<string, number>;
  files: number;
  bytes: number;
}

export class BackupError extends Error {
  override name = 'BackupError';
}

/** Writes lines into a gzip file with backpressure; `end()` resolves once the file is complete on disk. */
function gzipLineWriter(path: string) {
  const gzip = createGzip();
  const out = createWriteStream(path, { flags: 'wx' });
  const done = pipeline(gzip, out);
  let failed: unknown;
  done.catch((e: unknown) => (failed = e));
  return {
    async line(text: string): Promise<void> {
      if (failed) throw failed;
      if (!gzip.write(`${text}\n`)) await Promise.race([once(gzip, 'drain'), done]);
    },
    async end(): Promise<void> {
      gzip.end();
      await done;
      // The backup is on disk before it is named as done.
      const fh = await open(path, 'r');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
    },
    abort(): void {
      gzip.destroy();
      out.destroy();
    },
  };
}

/**
 * Writes a backup of the whole database and its document files to `file` (atomically: a temp name, then
 * renamed). Two phases, so that a backup of a running server holds the database as briefly as it can:
 * every row is read in one read-only snapshot transaction (on PGlite, other requests wait meanwhile); the
 * document files those rows refer to are then copied outside it — they are immutable, content-addressed,
 * and not deleted while the backup runs (deletions wait, and are checked again, until it ends).
 */
export async function backup(db: Db, file: string): Promise<BackupSummary> {
  const version = await schemaVersion(db);
  if (version === 0) throw new BackupError(`the database at ${db.location} has no schema yet: nothing to back up`);
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    schemaVersion: version,
    hqsVersion: hqsVersion(),
    createdAt: new Date().toISOString(),
    backend: db.backend,
    tables: [...BACKUP_TABLES],
  };
  const summary: BackupSummary = { file, schemaVersion: version, rows: {}, files: 0, bytes: 0 };
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const w = gzipLineWriter(tmp);
  const release = db.files.hold();
  try {
    const shas = await db.transaction(
      async (tx) => {
        header.tables = await presentTables(tx);
        await w.line(JSON.stringify(header));
        for (const table of header.tables) {
          summary.rows[table] = 0;
          await tx.exec(`DECLARE hqs_backup NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${table} t`);
          for (;;) {
            const rows = await tx.query<{ j: string }>('FETCH 1000 FROM hqs_backup');
            for (const r of rows) await w.line(`{"t":${JSON.stringify(table)},"r":${r.j}}`);
            summary.rows[table] += rows.length;
            if (rows.length < 1000) break;
          }
          await tx.exec('CLOSE hqs_backup');
        }
        return (await tx.query<{ sha256: string }>('SELECT DISTINCT sha256 FROM documents ORDER BY sha256')).map(
          (r) => r.sha256,
        );
      },
      { isolation: 'repeatable read', readOnly: true },
    );
    for (const sha256 of shas) {
      // As kept on disk: an encrypted scan stays encrypted in the backup (its key is not in it).
      const bytes = await db.files.getStored(sha256);
      for (let at = 0, i = 0; at < bytes.length || i === 0; at += CHUNK, i++) {
        await w.line(
          JSON.stringify({ f: sha256, i, size: bytes.length, d: bytes.subarray(at, at + CHUNK).toString('base64') }),
        );
      }
      summary.files++;
      summary.bytes += bytes.length;
    }
    await w.line(JSON.stringify({ end: true, rows: summary.rows, files: summary.files }));
    await w.end();
    await rename(tmp, file);
  } catch (e) {
    w.abort();
    await rm(tmp, { force: true });
    throw e;
  } finally {
    await removeUnreferencedFiles(db, release());
  }
  return summary;
}

async function isGzip(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const b = Buffer.alloc(2);
    await fh.read(b, 0, 2, 0);
    return b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

async function* readLines(file: string): AsyncGenerator<{ n: number; value: Record<string, unknown> }> {
  const raw = createReadStream(file);
  let input: NodeJS.ReadableStream & { destroy(e?: Error): void } = raw;
  if (await isGzip(file)) {
    // Errors of either stream end the iteration below as an exception (a cut-off gzip stream fails with
    // "unexpected end of file"); nothing is left emitting an error that no one listens to.
    const gunzip = createGunzip();
    raw.on('error', (e) => gunzip.destroy(e));
    input = raw.pipe(gunzip);
  }
  const decoder = new StringDecoder('utf8');
  let n = 0;
  let pending = '';
  const parse = (line: string): { n: number; value: Record<string, unknown> } | undefined => {
    n++;
    if (line.trim() === '') return undefined;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new BackupError(`${file}: line ${n} is not JSON (the file is damaged)`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new BackupError(`${file}: line ${n} is not a JSON object`);
    return { n, value: value as Record<string, unknown> };
  };
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      pending += decoder.write(chunk);
      let start = 0;
      let at: number;
      while ((at = pending.indexOf('\n', start)) !== -1) {
        const item = parse(pending.slice(start, at).replace(/\r$/, ''));
        start = at + 1;
        if (item) yield item;
      }
      pending = pending.slice(start);
    }
    pending += decoder.end();
    if (pending !== '') {
      const item = parse(pending);
      if (item) yield item;
    }
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw new BackupError(`${file}: cannot read it (${(e as Error).message}); is it a complete HQS Desk backup?`);
  } finally {
    input.destroy();
    raw.destroy();
  }
}

/** Reads just the header (to check a file before restoring it). */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  for await (const { value } of readLines(file)) return checkHeader(file, value);
  throw new BackupError(`${file}: the file is empty`);
}

function checkHeader(file: string, v: Record<string, unknown>): BackupHeader {
  if (v.format !== BACKUP_FORMAT)
    throw new BackupError(
      `${file}: not an HQS Desk backup (first line has format ${JSON.stringify(v.format)}, expected "${BACKUP_FORMAT}")`,
    );
  if (!Number.isInteger(v.schemaVersion) || (v.schemaVersion as number) < 1)
    throw new BackupError(`${file}: the header's schemaVersion is not a positive whole number`);
  return v as unknown as BackupHeader;
}

/** Rows of the data tables (0 when the database is empty). */
export async function countRows(db: Db | Tx): Promise<number> {
  const version = await schemaVersion(db as Db);
  if (version === 0) return 0;
  const parts = (await presentTables(db)).map((t) => `(SELECT count(*) FROM ${t})`).join(' + ');
  return (await db.query<{ n: number }>(`SELECT (${parts})::bigint AS n`))[0]!.n;
}

export interface RestoreOptions {
  /** Replace a database that holds data (after saving it to `safetyBackup`). */
  force?: boolean;
  /** Where to save what a forced restore replaces (required with force on a non-empty database). */
  safetyBackup?: string;
  onProgress?: (what: string) => void;
}

export interface RestoreSummary {
  header: BackupHeader;
  rows: Record<string, number>;
  files: number;
  /** The backup of the replaced data, when there was any. */
  safetyBackup?: string;
}

export async function restore(db: Db, file: string, opts: RestoreOptions = {}): Promise<RestoreSummary> {
  const header = await readBackupHeader(file);
  const known = loadMigrations();
  if (header.schemaVersion > known.length) {
    throw new BackupError(
      `${file} was made by HQS Desk ${header.hqsVersion} with schema version ${header.schemaVersion}; this HQS Desk knows up to ${known.length}: upgrade it first`,
    );
  }
  const current = await schemaVersion(db);
  const rows = await countRows(db);
  let safety: string | undefined;
  if (rows > 0) {
    if (!opts.force) {
      throw new BackupError(
        `the database at ${db.location} is not empty (${rows} rows): restoring would replace them; use --force to replace them (a backup of them is written first)`,
      );
    }
    if (current > header.schemaVersion) {
      throw new BackupError(
        `the database at ${db.location} has schema version ${current}, newer than the backup's ${header.schemaVersion}: restore into an empty database instead`,
      );
    }
    if (!opts.safetyBackup)
      throw new BackupError('a forced restore over data needs a path for the backup of that data');
    opts.onProgress?.(`saving the current data to ${opts.safetyBackup}`);
    safety = (await backup(db, opts.safetyBackup)).file;
  }
  // Bring the schema to the backup's version (a newer HQS Desk migrates the rest after the load).
  await migrate(db, { to: header.schemaVersion, migrations: known });
  if ((await schemaVersion(db)) !== header.schemaVersion) {
    throw new BackupError(
      `the database at ${db.location} is at schema version ${await schemaVersion(db)}, not the backup's ${header.schemaVersion}`,
    );
  }
  const counts: Record<string, number> = {};
  let files = 0;
  await db.transaction(async (tx) => {
    if (rows > 0)
      await tx.exec(`TRUNCATE ${[...(await presentTables(tx)), 'sessions'].join(', ')} RESTART IDENTITY CASCADE`);
    const tables = new Set<string>(BACKUP_TABLES);
    // Every table the backup holds is counted, an empty one as 0 (as the backup's own summary does).
    for (const t of Array.isArray(header.tables) ? header.tables : []) if (tables.has(t)) counts[t] = 0;
    let pending: { table: string; rows: unknown[] } | undefined;
    const flush = async () => {
      if (!pending || pending.rows.length === 0) return;
      await tx.query(
        `INSERT INTO ${pending.table} SELECT * FROM jsonb_populate_recordset(NULL::${pending.table}, $1::jsonb)`,
        [JSON.stringify(pending.rows)],
      );
      counts[pending.table] = (counts[pending.table] ?? 0) + pending.rows.length;
      pending.rows = [];
    };
    let file_: { sha: string; size: number; parts: Buffer[]; next: number } | undefined;
    const finishFile = async () => {
      if (!file_) return;
      const bytes = Buffer.concat(file_.parts);
      if (bytes.length !== file_.size)
        throw new BackupError(
          `${file}: document file ${file_.sha} is ${bytes.length} bytes, the backup says ${file_.size}`,
        );
      try {
        await db.files.putStored(bytes, file_.sha, `${file}: document file ${file_.sha}`);
      } catch (e) {
        throw new BackupError(`${(e as Error).message}; nothing was restored`, { cause: e });
      }
      files++;
      file_ = undefined;
    };
    let ended: Record<string, unknown> | undefined;
    let first = true;
    for await (const { n, value } of readLines(file)) {
      if (first) {
        first = false;
        continue;
      }
      if (ended) throw new BackupError(`${file}: line ${n} comes after the end marker`);
      if (typeof value.t === 'string') {
        if (!tables.has(value.t)) throw new BackupError(`${file}: line ${n}: unknown table ${JSON.stringify(value.t)}`);
        if (pending?.table !== value.t) {
          await flush();
          pending = { table: value.t, rows: [] };
        }
        pending.rows.push(value.r);
        if (pending.rows.length >= 500) await flush();
      } else if (typeof value.f === 'string') {
        await flush();
        if (!isSha256(value.f))
          throw new BackupError(`${file}: line ${n}: ${JSON.stringify(value.f)} is not a sha256 digest`);
        if (value.i === 0) {
          await finishFile();
          file_ = { sha: value.f, size: Number(value.size), parts: [], next: 0 };
        }
        if (!file_ || file_.sha !== value.f || value.i !== file_.next)
          throw new BackupError(`${file}: line ${n}: a piece of file ${value.f} out of order`);
        file_.parts.push(Buffer.from(String(value.d), 'base64'));
        file_.next++;
      } else if (value.end === true) {
        await flush();
        await finishFile();
        ended = value;
      } else {
        throw new BackupError(`${file}: line ${n} is neither a row, a file nor the end marker`);
      }
    }
    if (!ended)
      throw new BackupError(
        `${file}: the end marker is missing: the backup is incomplete (cut off?); nothing was restored`,
      );
    const expected = (ended.rows ?? {}) as Record<string, number>;
    for (const t of BACKUP_TABLES) {
      if ((expected[t] ?? 0) !== (counts[t] ?? 0))
        throw new BackupError(
          `${file}: table ${t} has ${counts[t] ?? 0} rows, the end marker says ${expected[t] ?? 0}; nothing was restored`,
        );
    }
    if (Number(ended.files) !== files)
      throw new BackupError(
        `${file}: ${files} document files, the end marker says ${String(ended.files)}; nothing was restored`,
      );
    const missing = await tx.query<{ sha256: string }>('SELECT DISTINCT sha256 FROM documents');
    for (const { sha256 } of missing) {
      if (!(await db.files.has(sha256)))
        throw new BackupError(
          `${file}: document file ${sha256} is referred to but not in the backup; nothing was restored`,
        );
    }
    for (const [table, column] of Object.entries(SEQUENCES)) {
      await tx.query(
        `SELECT setval(pg_get_serial_sequence('${table}', '${column}'), coalesce((SELECT max(${column}) FROM ${table}), 0) + 1, false)`,
      );
    }
  });
  await migrate(db, { migrations: known });
  return { header, rows: counts, files, ...(safety ? { safetyBackup: safety } : {}) };
}
