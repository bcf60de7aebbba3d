// An online backup of the embedded database: PGlite is open in one process only (the server), so
// `hqs backup` asks that process to write it. The request is a file in the data directory — whoever may
// read the data directory may read the data, so that is the authority, and no HTTP route exposes every
// organization's rows — and a SIGUSR2 to the server (the pid in hqs.lock) says to look. The server writes
// the backup with its open database and leaves the outcome next to the request.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { backup, type BackupSummary } from '../store/backup.ts';
import type { Db } from '../store/db.ts';

export const BACKUP_REQUESTS_DIR = 'backup-requests';
/** Written by a server that takes requests: only such a process is signalled (SIGUSR2 would end another). */
const SERVING = 'serving.json';

export type BackupOutcome = { ok: true; summary: BackupSummary } | { ok: false; error: string };

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/**
 * Serves backup requests for this data directory until the returned function is called: at start (a
 * request left while the server was down) and on every SIGUSR2. One backup at a time.
 */
export function serveBackupRequests(db: Db, dataDir: string, log: (msg: string, err?: unknown) => void): () => void {
  const dir = join(dataDir, BACKUP_REQUESTS_DIR);
  mkdirSync(dir, { recursive: true });
  let queue: Promise<void> = Promise.resolve();
  writeAtomically(join(dir, SERVING), JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
  const handleAll = async () => {
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.request.json'))) {
      const id = name.slice(0, -'.request.json'.length);
      const path = join(dir, name);
      let outcome: BackupOutcome;
      try {
        const req = JSON.parse(readFileSync(path, 'utf8')) as { file?: unknown };
        rmSync(path, { force: true });
        if (typeof req.file !== 'string' || !isAbsolute(req.file))
          throw new Error('the request names no absolute file to write');
        const summary = await backup(db, req.file);
        log(`online backup written to ${req.file}`);
        outcome = { ok: true, summary };
      } catch (e) {
        rmSync(path, { force: true });
        log('online backup failed', e);
        outcome = { ok: false, error: (e as Error).message };
      }
      writeAtomically(join(dir, `${id}.done.json`), JSON.stringify(outcome));
    }
  };
  const nudge = () => {
    queue = queue.then(handleAll).catch((e: unknown) => log('online backup: reading the requests failed', e));
  };
  process.on('SIGUSR2', nudge);
  nudge();
  return () => {
    process.off('SIGUSR2', nudge);
    rmSync(join(dir, SERVING), { force: true });
  };
}

/** Whether process `pid` said it serves backup requests for this data directory. */
export function servesRequests(dataDir: string, pid: number): boolean {
  try {
    const v = JSON.parse(readFileSync(join(dataDir, BACKUP_REQUESTS_DIR, SERVING), 'utf8')) as { pid?: unknown };
    return v.pid === pid;
  } catch {
    return false;
  }
}

/**
 * The command line's side: asks the server `pid` holding `dataDir` to write a backup to `file`, and waits
 * for the outcome (at most `timeoutMs`).
 */
export async function requestOnlineBackup(
  dataDir: string,
  pid: number,
  file: string,
  timeoutMs = 30 * 60_000,
): Promise<BackupOutcome> {
  const dir = join(dataDir, BACKUP_REQUESTS_DIR);
  if (!servesRequests(dataDir, pid))
    throw new Error(
      `the data directory ${dataDir} is in use by process ${pid}, which does not take backup requests (is it hqs start?): wait until it ends, or stop it and run hqs backup again`,
    );
  mkdirSync(dir, { recursive: true });
  const id = randomUUID();
  const request = join(dir, `${id}.request.json`);
  const done = join(dir, `${id}.done.json`);
  writeAtomically(request, JSON.stringify({ file, at: new Date().toISOString() }));
  try {
    process.kill(pid, 'SIGUSR2');
  } catch (e) {
    rmSync(request, { force: true });
    throw new Error(`cannot reach the server (process ${pid}) holding ${dataDir}: ${(e as Error).message}`, {
      cause: e,
    });
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(done)) {
      const outcome = JSON.parse(readFileSync(done, 'utf8')) as BackupOutcome;
      rmSync(done, { force: true });
      return outcome;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  rmSync(request, { force: true });
  throw new Error(`the server (process ${pid}) did not write the backup within ${Math.round(timeoutMs / 1000)} s`);
}
