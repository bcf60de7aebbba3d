import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from './lock.ts';

const LOCK_MODULE = fileURLToPath(new URL('./lock.ts', import.meta.url));

/** The pid of a process that has already exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('data directory lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hqs-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a second lock names the directory and the holder; releasing frees it', () => {
    const lock = lockDataDir(dir);
    const held = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
    expect(held).toMatchObject({ pid: process.pid, host: hostname() });
    let err: unknown;
    try {
      lockDataDir(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect((err as Error).message).toContain(
      `data directory ${dir} is in use by process ${process.pid} on ${hostname()}`,
    );
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    lockDataDir(dir).release();
  });

  it('another process gets the same clear error', () => {
    const lock = lockDataDir(dir);
    const script = `import { lockDataDir } from ${JSON.stringify(LOCK_MODULE)};
      try { lockDataDir(${JSON.stringify(dir)}); process.exit(0); } catch (e) { process.stderr.write(e.message); process.exit(3); }`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
    });
    expect(r.status, r.stderr).toBe(3);
    expect(r.stderr).toContain(`data directory ${dir} is in use by process ${process.pid}`);
    lock.release();
  });

  it('a lock left by a process that is gone is taken over', () => {
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: deadPid(), host: hostname(), since: '2026-01-01T00:00:00Z' }),
    );
    const lock = lockDataDir(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('a lock from another host is not taken over: the error says how to clear it', () => {
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: 1, host: 'other-host.example', since: '2026-01-01T00:00:00Z' }),
    );
    expect(() => lockDataDir(dir)).toThrow(
      /in use by process 1 on other-host\.example .* if that process is gone, delete .*hqs\.lock/,
    );
  });

  it('a garbage lock file is replaced', () => {
    writeFileSync(join(dir, LOCK_FILE), 'not json');
    lockDataDir(dir).release();
  });
});
