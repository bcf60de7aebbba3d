// Sign-in throttling that slows guessing without locking the owner out (OWASP Authentication Cheat
// Sheet: exponential delays rather than lock-out; device cookies so a known browser is not slowed by an
// attack on its account from elsewhere).
//
// Every attempt to prove a password (sign-in, accepting an invitation as an existing user, changing
// one's password) is counted *before* the password is checked: `beginLoginAttempt` takes a lock on the
// email and on the address, counts the failures, decides, and records the attempt as a failure — all in
// one transaction — so 200 parallel guesses test no more passwords than one guess after another would.
// A correct password turns the record into a success (`finishLoginAttempt`).
//
// Three counters, each with a number of free failures and then a delay that doubles with every further
// failure (1 s, 2 s, 4 s … at most 15 minutes), measured from the last failure:
//   - (email, address), or (email, device) for a browser that signed in to this account before;
//   - the email, from browsers it does not know — a distributed guess slows down, the owner's own
//     browser is not affected;
//   - the address, from browsers it does not know — many accounts guessed from one address slow down;
//     colleagues behind the same proxy who signed in before are not affected.
// Failures count within a window (15 minutes). A success resets only what it proves: the counter of the
// client that succeeded and, from a browser not known yet, the email's — the owner signing in from their
// own browser gives an attacker elsewhere no fresh guesses.
import { randomBytes } from 'node:crypto';
import { inSystem, type Db } from './db.ts';
import { hashSecret } from './tokens.ts';

export interface ThrottlePolicy {
  /** Failures older than this are forgotten. */
  windowSeconds: number;
  /** Free failures per (email, address) — or per (email, device) for a trusted device. */
  pair: number;
  /** Free failures per email from browsers it does not know, from any address. */
  email: number;
  /** Free failures per address from browsers it does not know, for any email. */
  ip: number;
  /** The first delay after the free failures; it doubles with each further failure … */
  baseDelaySeconds: number;
  /** … up to this. */
  maxDelaySeconds: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  windowSeconds: 15 * 60,
  pair: 5,
  email: 20,
  ip: 100,
  baseDelaySeconds: 1,
  maxDelaySeconds: 15 * 60,
};

/** The delay after `failures` failures with `free` of them free. */
export function backoffSeconds(failures: number, free: number, policy: ThrottlePolicy = DEFAULT_THROTTLE): number {
  if (failures < free) return 0;
  return Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** Math.min(30, failures - free));
}

export type AttemptStart =
  | { allowed: true; attemptId: number; trustedDevice: boolean }
  | {
      allowed: false;
      retryAfterSeconds: number;
      /** Which counter holds it back: the pair, the email or the address. */
      by: 'pair' | 'email' | 'ip';
    };

const normal = (email: unknown) => String(email).trim().toLowerCase().slice(0, 254);

interface Counts {
  trusted: boolean;
  pair_n: number;
  pair_age: number | null;
  email_n: number;
  email_age: number | null;
  ip_n: number;
  ip_age: number | null;
}

/**
 * Counts, decides and records one attempt atomically (see the head of this file). `device` is the plain
 * device cookie, if the browser sent one; it counts as trusted only if it belongs to this email's user.
 */
export async function beginLoginAttempt(
  db: Db,
  input: { email: string; ip?: string; device?: string },
  policy: ThrottlePolicy = DEFAULT_THROTTLE,
): Promise<AttemptStart> {
  const email = normal(input.email);
  const ip = input.ip ?? null;
  const deviceHash = typeof input.device === 'string' && input.device.length <= 200 ? hashSecret(input.device) : null;
  return inSystem(db, async (tx) => {
    // One attempt at a time per email, then per address: the count and the record cannot interleave.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`login-email:${email}`]);
    if (ip !== null) await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`login-ip:${ip}`]);
    const rows = await tx.query<Counts>(
      `WITH win AS (SELECT now() - make_interval(secs => $4) AS since),
            dev AS (SELECT EXISTS (SELECT 1 FROM login_devices d JOIN users u ON u.user_id = d.user_id
                                   WHERE d.token_hash = $3 AND u.email = $1) AS trusted),
            recent AS (SELECT a.* FROM login_attempts a, win WHERE a.email = $1 AND a.at > win.since),
            -- this client's own attempts: its device if trusted, else its address (without a device)
            pair_all AS (SELECT r.* FROM recent r, dev
                         WHERE CASE WHEN dev.trusted THEN r.device = $3 ELSE r.device IS NULL AND r.ip IS NOT DISTINCT FROM $2 END),
            -- a success resets only what it proves: this client's counter, and (from an unknown browser) the email's
            pair AS (SELECT * FROM pair_all WHERE NOT ok AND at > (SELECT coalesce(max(at), '-infinity') FROM pair_all WHERE ok)),
            untrusted AS (SELECT * FROM recent WHERE device IS NULL),
            email_f AS (SELECT * FROM untrusted WHERE NOT ok AND at > (SELECT coalesce(max(at), '-infinity') FROM untrusted WHERE ok)),
            addr AS (SELECT a.at FROM login_attempts a, win
                     WHERE $2::text IS NOT NULL AND a.ip = $2 AND NOT a.ok AND a.device IS NULL AND a.at > win.since)
       SELECT dev.trusted,
              (SELECT count(*)::int FROM pair) AS pair_n,
              (SELECT extract(epoch FROM now() - max(at))::float8 FROM pair) AS pair_age,
              (SELECT count(*)::int FROM email_f) AS email_n,
              (SELECT extract(epoch FROM now() - max(at))::float8 FROM email_f) AS email_age,
              (SELECT count(*)::int FROM addr) AS ip_n,
              (SELECT extract(epoch FROM now() - max(at))::float8 FROM addr) AS ip_age
       FROM dev`,
      [email, ip, deviceHash, policy.windowSeconds],
    );
    const r = rows[0]!;
    const waits: { by: 'pair' | 'email' | 'ip'; wait: number }[] = [
      { by: 'pair', wait: backoffSeconds(r.pair_n, policy.pair, policy) - (r.pair_age ?? Infinity) },
      ...(r.trusted
        ? []
        : [
            { by: 'email' as const, wait: backoffSeconds(r.email_n, policy.email, policy) - (r.email_age ?? Infinity) },
            { by: 'ip' as const, wait: backoffSeconds(r.ip_n, policy.ip, policy) - (r.ip_age ?? Infinity) },
          ]),
    ];
    const worst = waits.reduce((a, b) => (b.wait > a.wait ? b : a));
    if (worst.wait > 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(worst.wait)), by: worst.by };
    const inserted = await tx.query<{ attempt_id: number }>(
      'INSERT INTO login_attempts (email, ip, ok, device) VALUES ($1, $2, false, $3) RETURNING attempt_id',
      [email, ip, r.trusted ? deviceHash : null],
    );
    return { allowed: true, attemptId: inserted[0]!.attempt_id, trustedDevice: r.trusted };
  });
}

/** The password was right: the attempt becomes a success (which resets the counters it proves). */
export async function finishLoginAttempt(db: Db, attemptId: number, ok: boolean): Promise<void> {
  if (ok) await db.query('UPDATE login_attempts SET ok = true WHERE attempt_id = $1', [attemptId]);
}

/** Devices kept per user (the oldest are forgotten). */
export const DEVICES_PER_USER = 20;
export const DEVICE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

/**
 * After a successful sign-in: the device token for the browser's cookie — the one it sent, if it is this
 * user's already, else a new one.
 */
export async function trustDevice(db: Db, userId: string, presented?: string): Promise<string> {
  return inSystem(db, async (tx) => {
    if (typeof presented === 'string' && presented.length >= 20 && presented.length <= 200) {
      const kept = await tx.query(
        'UPDATE login_devices SET last_used_at = now() WHERE token_hash = $1 AND user_id = $2 RETURNING 1',
        [hashSecret(presented), userId],
      );
      if (kept.length) return presented;
    }
    const token = randomBytes(32).toString('base64url');
    await tx.query('INSERT INTO login_devices (token_hash, user_id) VALUES ($1, $2)', [hashSecret(token), userId]);
    await tx.query(
      `DELETE FROM login_devices WHERE user_id = $1 AND token_hash NOT IN
         (SELECT token_hash FROM login_devices WHERE user_id = $1 ORDER BY last_used_at DESC LIMIT $2)`,
      [userId, DEVICES_PER_USER],
    );
    return token;
  });
}
