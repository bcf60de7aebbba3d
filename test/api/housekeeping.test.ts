// Housekeeping in the server, on PGlite and on PostgreSQL: at start (and then every hour) expired sessions
// and sign-in attempts older than 30 days are deleted, while a live session and recent attempts stay; two
// processes purging at once do the work once and neither fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startBackend, type TestBackend } from '../store/backends.ts';
import { PASSWORD, testEngine } from '../store/fixtures.ts';
import { loadLaw } from '../../src/law/node.ts';
import { startServer } from '../../src/server/index.ts';
import type { Db } from '../../src/store/db.ts';
import { createOwner } from '../../src/store/memberships.ts';
import { beginLoginAttempt } from '../../src/store/throttle.ts';
import { createSession, purgeExpired, resolveSession } from '../../src/store/sessions.ts';

const count = async (db: Db, sql: string): Promise<number> =>
  Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`))[0]!.n);

describe.each(BACKENDS)('housekeeping on %s', (name) => {
  let backend: TestBackend;
  let db: Db;
  let userId: string;
  let orgId: string;

  beforeAll(async () => {
    backend = await startBackend(name);
    db = await backend.fresh();
    const r = await createOwner(db, { email: 'keep@a.example', password: PASSWORD, orgName: 'Keep' });
    userId = r.user.userId;
    orgId = r.organization.orgId;
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await backend?.close();
  });

  /** A live session, an expired one, a 40-day-old and a fresh sign-in attempt. */
  async function seed(): Promise<{ live: string; expired: string }> {
    const live = (await createSession(db, { userId, orgId })).token;
    const expired = await createSession(db, { userId, orgId });
    await db.query(`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE session_id = $1`, [
      expired.session.sessionId,
    ]);
    const old = await beginLoginAttempt(db, { email: 'old@a.example', ip: '192.0.2.1' });
    const fresh = await beginLoginAttempt(db, { email: 'fresh@a.example', ip: '192.0.2.2' });
    expect(old.allowed && fresh.allowed).toBe(true);
    if (old.allowed)
      await db.query(`UPDATE login_attempts SET at = now() - interval '40 days' WHERE attempt_id = $1`, [
        old.attemptId,
      ]);
    return { live, expired: expired.token };
  }

  it('deletes expired sessions and old sign-in attempts when the server starts, and keeps the live ones', async () => {
    const { live, expired } = await seed();
    expect(await count(db, 'sessions')).toBe(2);
    expect(await count(db, 'login_attempts')).toBe(2);
    const logs: string[] = [];
    const server = await startServer({
      db,
      engine: testEngine(),
      law: loadLaw(),
      port: 0,
      sweep: false,
      evaluation: { workers: 1 },
      log: (msg) => logs.push(msg),
    });
    try {
      for (let i = 0; i < 200 && !server.housekeeping?.lastRunAt; i++) await new Promise((r) => setTimeout(r, 25));
      expect(server.housekeeping?.lastRunAt).toBeInstanceOf(Date);
      expect(await count(db, 'sessions')).toBe(1);
      expect(await resolveSession(db, live)).not.toBeNull();
      expect(await resolveSession(db, expired)).toBeNull();
      expect(await count(db, `login_attempts WHERE email = 'old@a.example'`)).toBe(0);
      expect(await count(db, `login_attempts WHERE email = 'fresh@a.example'`)).toBe(1);
      expect(logs.join('\n')).toContain('1 expired sessions and 1 old sign-in attempts deleted');
      // And every hour after: a run on demand finds nothing more to delete.
      expect(await server.housekeeping!.runNow()).toBe(true);
      expect(await count(db, 'sessions')).toBe(1);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('does the work once when two processes purge at the same time, and neither fails', async () => {
    await seed();
    const [a, b] = await Promise.all([purgeExpired(db), purgeExpired(db)]);
    expect(a.sessions + b.sessions).toBe(1);
    expect(a.attempts + b.attempts).toBe(1);
    expect(await count(db, `sessions WHERE expires_at <= now()`)).toBe(0);
  });

  it('can be turned off', async () => {
    const server = await startServer({
      db,
      engine: testEngine(),
      law: loadLaw(),
      port: 0,
      sweep: false,
      evaluation: { workers: 1 },
      housekeeping: false,
      log: () => {},
    });
    expect(server.housekeeping).toBeNull();
    await server.close();
  });
});
