// Password reset: a one-time token, valid for an hour, stored as its sha256, used once. Asking answers
// the same whether or not the email has an account (the caller says "if it exists, a mail is on its
// way"); at most RESETS_PER_WINDOW live tokens per account in the window, so asking again and again mails
// nobody more (the route is also rate-limited per address). Setting the new password ends the user's
// sessions and every other token of theirs.
import { randomBytes } from 'node:crypto';
import { inSystem, type Db } from './db.ts';
import { Invalid } from './errors.ts';
import { hashPassword, passwordProblem } from './password.ts';
import { hashSecret } from './tokens.ts';
import { normalizeEmail } from './users.ts';

export const RESET_MINUTES = 60;
export const RESETS_PER_WINDOW = 3;

export interface ResetRequest {
  userId: string;
  email: string;
  /** The plain token, for the link (never stored). */
  token: string;
}

/**
 * System: a reset token for the account of `email`, or null — no such account, a disabled one, or too
 * many asked for lately. The caller answers the same in every case.
 */
export async function requestPasswordReset(
  db: Db,
  emailText: string,
  opts: { from?: string; minutes?: number } = {},
): Promise<ResetRequest | null> {
  let email: string;
  try {
    email = normalizeEmail(emailText);
  } catch {
    return null;
  }
  const token = randomBytes(32).toString('base64url');
  return inSystem(db, async (tx) => {
    const user = (
      await tx.query<{ user_id: string; email: string }>(
        'SELECT user_id, email FROM users WHERE email = $1 AND NOT disabled FOR UPDATE',
        [email],
      )
    )[0];
    if (!user) return null;
    const recent = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM password_resets
       WHERE user_id = $1 AND created_at > now() - make_interval(mins => $2)`,
      [user.user_id, RESET_MINUTES],
    );
    if (recent[0]!.n >= RESETS_PER_WINDOW) return null;
    await tx.query(
      `INSERT INTO password_resets (token_hash, user_id, expires_at, requested_from)
       VALUES ($1, $2, now() + make_interval(mins => $3), $4)`,
      [hashSecret(token), user.user_id, opts.minutes ?? RESET_MINUTES, opts.from ?? null],
    );
    return { userId: user.user_id, email: user.email, token };
  });
}

/**
 * System: sets the password with a reset token — once, before it expires. Ends the user's sessions and
 * their other reset tokens. Invalid (naming `token` or `password`) otherwise.
 */
export async function completePasswordReset(
  db: Db,
  token: string,
  password: string,
): Promise<{ userId: string; email: string }> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200)
    throw Invalid.one('token', 'this reset link is not valid: ask for a new one');
  return inSystem(db, async (tx) => {
    const found = (
      await tx.query<{ user_id: string; email: string; live: boolean }>(
        `SELECT r.user_id, u.email, (r.used_at IS NULL AND r.expires_at > now() AND NOT u.disabled) AS live
         FROM password_resets r JOIN users u ON u.user_id = r.user_id WHERE r.token_hash = $1 FOR UPDATE OF r`,
        [hashSecret(token)],
      )
    )[0];
    if (!found || !found.live)
      throw Invalid.one('token', 'this reset link has expired or was used already: ask for a new one');
    const problem = passwordProblem(password, found.email);
    if (problem) throw Invalid.one('password', problem);
    await tx.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE user_id = $1', [
      found.user_id,
      await hashPassword(password),
    ]);
    await tx.query('UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [
      found.user_id,
    ]);
    await tx.query('DELETE FROM sessions WHERE user_id = $1', [found.user_id]);
    return { userId: found.user_id, email: found.email };
  });
}
