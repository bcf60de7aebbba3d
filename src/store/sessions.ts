// Sign-in sessions and login throttling. A session token (random, 32 bytes) lives in the browser's
// HttpOnly cookie; the database keeps only its sha256, the user, the organization the session acts in,
// its expiry, and a CSRF secret that cookie-authenticated writes must echo.
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { inSystem, requireUuid, type Db } from './db.ts';
import { NotFound } from './errors.ts';
import { resolveActor } from './memberships.ts';
import { hashSecret } from './tokens.ts';
import type { Actor } from './actor.ts';

export const SESSION_TTL_SECONDS = 12 * 60 * 60;

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
  input: { userId: string; orgId: string; ip?: string; userAgent?: string; ttlSeconds?: number },
): Promise<{ token: string; session: Session }> {
  // Checks the membership (and that the user is not disabled) the same way a request would.
  await resolveActor(db, { userId: input.userId, orgId: input.orgId });
  const token = randomBytes(32).toString('base64url');
  const ttl = input.ttlSeconds ?? SESSION_TTL_SECONDS;
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
 * user no longer a member). Sliding expiry: each use pushes it to `ttlSeconds` from now.
 */
export async function resolveSession(
  db: Db,
  token: string,
  opts: { ip?: string; ttlSeconds?: number } = {},
): Promise<{ session: Session; actor: Actor } | null> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) return null;
  const ttl = opts.ttlSeconds ?? SESSION_TTL_SECONDS;
  const rows = await inSystem(db, (tx) =>
    tx.query<SessionRow>(
      `UPDATE sessions SET last_seen_at = now(), expires_at = greatest(expires_at, now() + make_interval(secs => $2))
       WHERE token_hash = $1 AND expires_at > now() RETURNING *`,
      [hashSecret(token), ttl],
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

/** Housekeeping: expired sessions and old login attempts. */
export async function purgeExpired(db: Db, keepAttemptsDays = 30): Promise<{ sessions: number; attempts: number }> {
  return inSystem(db, async (tx) => {
    const s = await tx.query('DELETE FROM sessions WHERE expires_at <= now() RETURNING 1');
    const a = await tx.query(`DELETE FROM login_attempts WHERE at < now() - make_interval(days => $1) RETURNING 1`, [
      keepAttemptsDays,
    ]);
    return { sessions: s.length, attempts: a.length };
  });
}

// ——— Login throttling ———

export interface ThrottlePolicy {
  /** Failed attempts for one email within the window before it is locked. */
  perEmail: number;
  /** Failed attempts from one address within the window before it is locked. */
  perIp: number;
  windowSeconds: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = { perEmail: 5, perIp: 50, windowSeconds: 15 * 60 };

export async function recordLoginAttempt(db: Db, input: { email: string; ip?: string; ok: boolean }): Promise<void> {
  await db.query('INSERT INTO login_attempts (email, ip, ok) VALUES ($1, $2, $3)', [
    String(input.email).trim().toLowerCase().slice(0, 254),
    input.ip ?? null,
    input.ok,
  ]);
}

export interface ThrottleState {
  allowed: boolean;
  /** When not allowed: seconds until the oldest counted failure leaves the window. */
  retryAfterSeconds: number;
  failures: { email: number; ip: number };
}

/**
 * May this email try to sign in from this address now? Failures count within the window, those for the
 * email only since its last success.
 */
export async function loginThrottle(
  db: Db,
  input: { email: string; ip?: string },
  policy: ThrottlePolicy = DEFAULT_THROTTLE,
): Promise<ThrottleState> {
  const email = String(input.email).trim().toLowerCase().slice(0, 254);
  const rows = await db.query<{
    email_failures: number;
    email_oldest: number | null;
    ip_failures: number;
    ip_oldest: number | null;
  }>(
    `WITH win AS (SELECT now() - make_interval(secs => $3) AS since),
          last_ok AS (SELECT max(at) AS at FROM login_attempts WHERE email = $1 AND ok)
     SELECT
       (SELECT count(*)::int FROM login_attempts, win, last_ok WHERE email = $1 AND NOT ok AND login_attempts.at > win.since
          AND (last_ok.at IS NULL OR login_attempts.at > last_ok.at)) AS email_failures,
       (SELECT extract(epoch FROM min(login_attempts.at) - win.since)::float8 FROM login_attempts, win, last_ok
          WHERE email = $1 AND NOT ok AND login_attempts.at > win.since AND (last_ok.at IS NULL OR login_attempts.at > last_ok.at)
          GROUP BY win.since) AS email_oldest,
       (SELECT count(*)::int FROM login_attempts, win WHERE $2::text IS NOT NULL AND ip = $2 AND NOT ok AND at > win.since) AS ip_failures,
       (SELECT extract(epoch FROM min(at) - win.since)::float8 FROM login_attempts, win WHERE $2::text IS NOT NULL AND ip = $2 AND NOT ok AND at > win.since
          GROUP BY win.since) AS ip_oldest`,
    [email, input.ip ?? null, policy.windowSeconds],
  );
  const r = rows[0]!;
  const emailLocked = r.email_failures >= policy.perEmail;
  const ipLocked = r.ip_failures >= policy.perIp;
  const waits = [emailLocked ? (r.email_oldest ?? 0) : 0, ipLocked ? (r.ip_oldest ?? 0) : 0];
  return {
    allowed: !emailLocked && !ipLocked,
    retryAfterSeconds: emailLocked || ipLocked ? Math.max(1, Math.ceil(Math.max(...waits))) : 0,
    failures: { email: r.email_failures, ip: r.ip_failures },
  };
}
