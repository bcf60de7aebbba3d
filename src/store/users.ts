// People who sign in. A user is not tenant data (one login may belong to several organizations): an
// organization sees its users through its memberships; creating a user and checking a password happen
// before any organization is known, as system operations.
import { randomUUID } from 'node:crypto';
import type { Actor } from './actor.ts';
import { inSystem, inTenant, requireUuid, type Db, type Tx } from './db.ts';
import { Conflict, Forbidden, Invalid, NotFound, sqlState } from './errors.ts';
import { appendAudit } from './audit.ts';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './password.ts';

export interface User {
  userId: string;
  email: string;
  name: string | null;
  disabled: boolean;
  createdAt: string;
}

interface UserRow {
  user_id: string;
  email: string;
  name: string | null;
  disabled: boolean;
  created_at: string;
  password_hash?: string;
}

export const toUser = (r: UserRow): User => ({
  userId: r.user_id,
  email: r.email,
  name: r.name,
  disabled: r.disabled,
  createdAt: r.created_at,
});

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The email as stored: trimmed and lower-case; Invalid when it is not an address. */
export function normalizeEmail(email: unknown): string {
  const e = typeof email === 'string' ? email.trim().toLowerCase() : '';
  if (!EMAIL.test(e) || e.length > 254)
    throw Invalid.one('email', `not a valid email address (${JSON.stringify(email)})`, 'email.format');
  return e;
}

export interface NewUser {
  email: string;
  password: string;
  name?: string;
}

export async function insertUser(tx: Tx, input: NewUser): Promise<User> {
  const email = normalizeEmail(input.email);
  const problem = passwordProblem(input.password, email);
  if (problem) throw Invalid.one('password', problem, 'password.weak');
  const hash = await hashPassword(input.password);
  try {
    const rows = await tx.query<UserRow>(
      'INSERT INTO users (user_id, email, name, password_hash) VALUES ($1, $2, $3, $4) RETURNING user_id, email, name, disabled, created_at',
      [randomUUID(), email, input.name?.trim() || null, hash],
    );
    return toUser(rows[0]!);
  } catch (e) {
    if (sqlState(e) === '23505')
      throw new Conflict(`a user with the email ${email} already exists`, { field: 'email', code: 'email.taken' });
    throw e;
  }
}

/** System: a new user (Invalid for a weak password or a bad email, Conflict for a taken email). */
export function createUser(db: Db, input: NewUser): Promise<User> {
  return inSystem(db, (tx) => insertUser(tx, input));
}

/**
 * System: the user whose email and password match, or null. Takes the same time whether the email is
 * unknown, the password wrong or the user disabled (a hash is always checked).
 */
export async function authenticate(db: Db, email: string, password: string): Promise<User | null> {
  let e: string;
  try {
    e = normalizeEmail(email);
  } catch {
    await verifyPassword(password, await dummyHash());
    return null;
  }
  const rows = await db.query<UserRow>('SELECT * FROM users WHERE email = $1', [e]);
  const row = rows[0];
  const ok = await verifyPassword(
    typeof password === 'string' ? password : '',
    row?.password_hash ?? (await dummyHash()),
  );
  if (!row || !ok || row.disabled) return null;
  return toUser(row);
}

/** System: by email. */
export async function findUserByEmail(db: Db | Tx, email: string): Promise<User | undefined> {
  const rows = await db.query<UserRow>(
    'SELECT user_id, email, name, disabled, created_at FROM users WHERE email = $1',
    [normalizeEmail(email)],
  );
  return rows[0] ? toUser(rows[0]) : undefined;
}

/** A member of the actor's organization (NotFound for anyone else). */
export async function getUser(db: Db, actor: Actor, userId: string): Promise<User> {
  const id = requireUuid(userId, 'user');
  const rows = await inTenant(
    db,
    actor,
    (tx) => tx.query<UserRow>('SELECT user_id, email, name, disabled, created_at FROM users WHERE user_id = $1', [id]),
    { readOnly: true },
  );
  if (!rows[0]) throw new NotFound('user', userId);
  return toUser(rows[0]);
}

/** System: a new password for a user (checked like the first). */
export async function setPassword(db: Db, userId: string, password: string): Promise<void> {
  const id = requireUuid(userId, 'user');
  const rows = await db.query<UserRow>('SELECT user_id, email FROM users WHERE user_id = $1', [id]);
  if (!rows[0]) throw new NotFound('user', userId);
  const problem = passwordProblem(password, rows[0].email);
  if (problem) throw Invalid.one('password', problem, 'password.weak');
  await db.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE user_id = $1', [
    id,
    await hashPassword(password),
  ]);
}

/** System: a disabled user cannot sign in; their sessions are ended. */
export async function setUserDisabled(db: Db, userId: string, disabled: boolean): Promise<void> {
  const id = requireUuid(userId, 'user');
  await inSystem(db, async (tx) => {
    const rows = await tx.query(
      'UPDATE users SET disabled = $2, updated_at = now() WHERE user_id = $1 RETURNING user_id',
      [id, disabled],
    );
    if (rows.length === 0) throw new NotFound('user', userId);
    if (disabled) await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
  });
}

export type ChangePasswordResult =
  { ok: true; endedSessions: number } | { ok: false; reason: 'wrong-current-password' };

/**
 * A signed-in user changes their own password: the current one must match; the new one is checked like
 * any (Invalid at `newPassword`). Ends the user's other sessions in every organization (all but
 * `keepSessionId`) and records the change in the actor's organization's audit log.
 */
export async function changePassword(
  db: Db,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; keepSessionId?: string },
): Promise<ChangePasswordResult> {
  if (!actor.userId) throw new Forbidden('changing a password: an API token has no password (sign in as the user)');
  const userId = actor.userId;
  const rows = await db.query<UserRow>('SELECT user_id, email, password_hash FROM users WHERE user_id = $1', [userId]);
  const row = rows[0];
  if (!row) throw new NotFound('user', userId);
  if (
    !(await verifyPassword(typeof input.currentPassword === 'string' ? input.currentPassword : '', row.password_hash!))
  )
    return { ok: false, reason: 'wrong-current-password' };
  const problem = passwordProblem(input.newPassword, row.email);
  if (problem) throw Invalid.one('newPassword', problem, 'password.weak');
  if (input.newPassword === input.currentPassword)
    throw Invalid.one('newPassword', 'the new password is the current one: choose another');
  const hash = await hashPassword(input.newPassword);
  const ended = await inSystem(db, async (tx) => {
    await tx.query('UPDATE users SET password_hash = $2, updated_at = now() WHERE user_id = $1', [userId, hash]);
    const gone = await tx.query(
      'DELETE FROM sessions WHERE user_id = $1 AND session_id IS DISTINCT FROM $2::uuid RETURNING 1',
      [userId, input.keepSessionId ?? null],
    );
    await appendAudit(tx, actor, {
      action: 'auth.password',
      entity: 'user',
      entityId: userId,
      details: { endedSessions: gone.length },
    });
    return gone.length;
  });
  return { ok: true, endedSessions: ended };
}
