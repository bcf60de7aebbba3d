// One process per data directory: the embedded database (PGlite) is a single-process PostgreSQL, and two
// processes writing the same files would corrupt it. The lock is a file created exclusively, holding the
// pid and host of its holder; a lock left by a process that no longer runs on this host is stale and taken
// over. A lock from another host cannot be checked from here: the error says so and names it.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'hqs.lock';

export interface LockInfo {
  pid: number;
  host: string;
  since: string;
}

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(
    readonly dir: string,
    readonly holder: LockInfo,
    readonly sameHost: boolean,
  ) {
    super(
      `data directory ${dir} is in use by process ${holder.pid} on ${holder.host} (since ${holder.since}); ` +
        (sameHost
          ? 'stop that process, or set HQS_DATA_DIR to another directory'
          : `it cannot be checked from ${hostname()}: if that process is gone, delete ${join(dir, LOCK_FILE)}`),
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockInfo | undefined {
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockInfo>;
    if (typeof v.pid === 'number' && typeof v.host === 'string')
      return { pid: v.pid, host: v.host, since: String(v.since ?? '?') };
  } catch {
    /* unreadable or half written: treated below */
  }
  return undefined;
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

/** Takes the lock of `dir` (which must exist) or throws DataDirLockedError naming the holder. */
export function lockDataDir(dir: string): DataDirLock {
  const path = join(dir, LOCK_FILE);
  const me: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readLock(path);
      if (holder === undefined) {
        // A lock file being written this instant, or garbage: give the writer a moment, then take it over.
        if (attempt === 0) {
          sleepSync(50);
          continue;
        }
      } else if (holder.host !== me.host) {
        throw new DataDirLockedError(dir, holder, false);
      } else if (alive(holder.pid)) {
        throw new DataDirLockedError(dir, holder, true);
      }
      // Stale: its holder is gone. Remove and retry (another process may win the race: then we see it).
      try {
        unlinkSync(path);
      } catch {
        /* someone else removed it */
      }
      continue;
    }
    writeSync(fd, JSON.stringify(me));
    closeSync(fd);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off('exit', release);
      const now = readLock(path);
      if (now && now.pid === me.pid && now.host === me.host && now.since === me.since) {
        try {
          unlinkSync(path);
        } catch {
          /* already gone */
        }
      }
    };
    process.on('exit', release);
    return { path, release };
  }
  const holder = readLock(path) ?? { pid: -1, host: 'unknown', since: 'unknown' };
  throw new DataDirLockedError(dir, holder, holder.host === me.host);
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
