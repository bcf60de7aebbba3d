// Sign-in sessions and login throttling. A session token (random, 32 bytes) lives in the browser's
// HttpOnly cookie; the database keeps only its sha256, the user, the organization the session acts in,
// its expiry, and a CSRF secret that cookie-authenticated writes must echo.
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { inSystem, requireUuid, type Db } from './db.ts';
import { NotFound } from './errors.ts';
import { resolveActor } from './memberships.ts';
import { hashSecret } from './tokens.ts';
import type { Actor } from './actor.ts';

/**
 * A session ends after 2 hours without use and, however much it is used, 12 hours after sign-in
 * (OWASP ASVS 4.0 §3.3.2, level 2): then the user signs in again.
 */
export const SESSION_IDLE_SECONDS = 2 * 60 * 60;
export const SESSION_MAX_SECONDS = 12 * 60 * 60;
/** The cookie's own lifetime: the session's longest. */
export const SESSION_TTL_SECONDS = SESSION_MAX_SECONDS;

export interface Session {
  sessionId: string;
  orgId: string;
  userId: string;
  csrfSecret: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

interface SessionRow {
  session_id: string;
  org_id: string;
  user_id: string;
  csrf_secret: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

const toSession = (r: SessionRow): Session => ({
  sessionId: r.session_id,
  orgId: r.org_id,
  userId: r.user_id,
  csrfSecret: r.csrf_secret,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
});

/** After a successful sign-in: a session for a member of the organization (NotFound otherwise). */
export async function createSession(
  db: Db,
  input: { userId: string; orgId: string; ip?: string; userAgent?: string; idleSeconds?: number },
): Promise<{ token: string; session: Session }> {
  // Checks the membership (and that the user is not disabled) the same way a request would.
  await resolveActor(db, { userId: input.userId, orgId: input.orgId });
  const token = randomBytes(32).toString('base64url');
  const ttl = Math.min(input.idleSeconds ?? SESSION_IDLE_SECONDS, SESSION_MAX_SECONDS);
  const rows = await inSystem(db, (tx) =>
    tx.query<SessionRow>(
      `INSERT INTO sessions (org_id, session_id, user_id, token_hash, csrf_secret, ip, user_agent, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(secs => $8)) RETURNING *`,
      [
        input.orgId,
        randomUUID(),
        input.userId,
        hashSecret(token),
        randomBytes(32).toString('base64url'),
        input.ip ?? null,
        input.userAgent?.slice(0, 300) ?? null,
        ttl,
      ],
    ),
  );
  return { token, session: toSession(rows[0]!) };
}

/**
 * The session a cookie's token names and the actor it acts as; null when unknown or expired (and for a
 * user no longer a member). Each use pushes the idle expiry to `idleSeconds` from now, but never past
 * `maxSeconds` after the session began.
 */
export async function resolveSession(
  db: Db,
  token: string,
  opts: { ip?: string; idleSeconds?: number; maxSeconds?: number } = {},
): Promise<{ session: Session; actor: Actor } | null> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) return null;
  const idle = opts.idleSeconds ?? SESSION_IDLE_SECONDS;
  const max = opts.maxSeconds ?? SESSION_MAX_SECONDS;
  const rows = await inSystem(db, (tx) =>
    tx.query<SessionRow>(
      `UPDATE sessions SET last_seen_at = now(),
         expires_at = least(created_at + make_interval(secs => $3), greatest(expires_at, now() + make_interval(secs => $2)))
       WHERE token_hash = $1 AND expires_at > now() AND created_at > now() - make_interval(secs => $3) RETURNING *`,
      [hashSecret(token), idle, max],
    ),
  );
  const row = rows[0];
  if (!row) return null;
  try {
    const actor = await resolveActor(db, {
      userId: row.user_id,
      orgId: row.org_id,
      ...(opts.ip ? { ip: opts.ip } : {}),
    });
    return { session: toSession(row), actor };
  } catch (e) {
    if (e instanceof NotFound) return null;
    throw e;
  }
}

/** Constant-time check of the CSRF token a write sent against the session's secret. */
export function csrfMatches(session: Pick<Session, 'csrfSecret'>, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(session.csrfSecret);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Sign-out. */
export async function endSession(db: Db, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [hashSecret(token)]);
}

export async function endUserSessions(db: Db, userId: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1', [requireUuid(userId, 'user')]);
}

/**
 * Housekeeping: expired sessions, old login attempts, devices unused for a year. One process at a time:
 * while another holds the purge's lock (several processes on one PostgreSQL) this one skips (`skipped`).
 */
export async function purgeExpired(
  db: Db,
  keepAttemptsDays = 30,
): Promise<{ sessions: number; attempts: number; skipped: boolean }> {
  return inSystem(db, async (tx) => {
    const [lock] = await tx.query<{ got: boolean }>('SELECT pg_try_advisory_xact_lock(7242025) AS got');
    if (!lock?.got) return { sessions: 0, attempts: 0, skipped: true };
    const s = await tx.query('DELETE FROM sessions WHERE expires_at <= now() RETURNING 1');
    const a = await tx.query(`DELETE FROM login_attempts WHERE at < now() - make_interval(days => $1) RETURNING 1`, [
      keepAttemptsDays,
    ]);
    await tx.query(`DELETE FROM login_devices WHERE last_used_at < now() - interval '1 year'`);
    // Idempotency keys past their day (migration 006; absent from an older schema is not an error here).
    await tx.query(`DELETE FROM idempotency_keys WHERE expires_at <= now()`);
    // Self-check codes past their days (migration 008), used or not.
    await tx.query(`DELETE FROM selfcheck_codes WHERE expires_at <= now()`);
    return { sessions: s.length, attempts: a.length, skipped: false };
  });
}
