// API tokens for integrations: `hqs_` and 43 random characters, shown once. Only the sha256 of a token is
// stored (a token is random and long, so a fast hash is enough: nothing to guess), with its first
// characters (the prefix) to tell tokens apart in a list. A token acts as a manager or a viewer.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { appendAudit } from './audit.ts';
import { requireOwner, type Actor } from './actor.ts';
import { inSystem, inTenant, requireUuid, type Db } from './db.ts';
import { Invalid, NotFound } from './errors.ts';

export const TOKEN_PREFIX = 'hqs_';
const PREFIX_SHOWN = TOKEN_PREFIX.length + 8;

export type TokenRole = 'manager' | 'viewer';

export interface ApiToken {
  tokenId: string;
  orgId: string;
  name: string;
  role: TokenRole;
  /** The first characters, to recognize the token (`hqs_Ab12Cd34`). */
  prefix: string;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

interface TokenRow {
  token_id: string;
  org_id: string;
  name: string;
  role: TokenRole;
  prefix: string;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

const toToken = (r: TokenRow): ApiToken => ({
  tokenId: r.token_id,
  orgId: r.org_id,
  name: r.name,
  role: r.role,
  prefix: r.prefix,
  createdBy: r.created_by,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

/** The longest a token may be valid for. */
export const MAX_TOKEN_YEARS = 5;

const EXPIRY = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * A token's expiry as an ISO instant: a date and time with its offset (`2027-03-01T18:00:00+03:00`), or a
 * date alone, meaning through the end of that day in Moscow. Invalid for anything else, a date that does
 * not exist (2026-02-31), a time already past, or more than MAX_TOKEN_YEARS ahead.
 */
export function tokenExpiry(text: unknown, now: Date): string {
  const bad = (why: string) => Invalid.one('expiresAt', why);
  const m = typeof text === 'string' ? EXPIRY.exec(text) : null;
  if (!m) throw bad(`expected a date (YYYY-MM-DD) or a date and time with its offset, got ${JSON.stringify(text)}`);
  const [, y, mo, d, h = '23', mi = '59', sec = '59', zone] = m;
  if (m[4] !== undefined && zone === undefined) throw bad('a time needs its offset (Z or ±hh:mm)');
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (day.getUTCFullYear() !== Number(y) || day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d))
    throw bad(`${y}-${mo}-${d} is not a real date`);
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) throw bad(`${h}:${mi}:${sec} is not a real time`);
  const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${sec}${zone ?? '+03:00'}`);
  if (Number.isNaN(at.getTime())) throw bad(`not a date and time: ${JSON.stringify(text)}`);
  if (at.getTime() <= now.getTime()) throw bad(`${text as string} has passed: a token cannot be created expired`);
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_TOKEN_YEARS);
  if (at > limit) throw bad(`at most ${MAX_TOKEN_YEARS} years ahead`);
  return at.toISOString();
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

const COLUMNS = 'token_id, org_id, name, role, prefix, created_by, created_at, last_used_at, expires_at, revoked_at';

/** Owner: a new token; the plain value is returned here and never again. */
export async function createApiToken(
  db: Db,
  actor: Actor,
  input: { name: string; role: TokenRole; expiresAt?: string },
): Promise<{ token: string; record: ApiToken }> {
  requireOwner(actor, 'creating an API token');
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name === '' || name.length > 100)
    throw Invalid.one('name', 'a name of 1 to 100 characters saying what the token is for');
  if (input.role !== 'manager' && input.role !== 'viewer')
    throw Invalid.one('role', `expected manager or viewer, got ${JSON.stringify(input.role)}`);
  const expiresAt = input.expiresAt === undefined ? null : tokenExpiry(input.expiresAt, new Date());
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return inTenant(db, actor, async (tx) => {
    const rows = await tx.query<TokenRow>(
      `INSERT INTO api_tokens (org_id, token_id, name, role, prefix, token_hash, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [
        actor.orgId,
        randomUUID(),
        name,
        input.role,
        token.slice(0, PREFIX_SHOWN),
        hashSecret(token),
        actor.userId,
        expiresAt,
      ],
    );
    const record = toToken(rows[0]!);
    await appendAudit(tx, actor, {
      action: 'token.create',
      entity: 'token',
      entityId: record.tokenId,
      details: { name, role: input.role, prefix: record.prefix },
    });
    return { token, record };
  });
}

export async function listApiTokens(db: Db, actor: Actor): Promise<ApiToken[]> {
  requireOwner(actor, 'listing API tokens');
  const rows = await inTenant(
    db,
    actor,
    (tx) => tx.query<TokenRow>(`SELECT ${COLUMNS} FROM api_tokens ORDER BY created_at, token_id`),
    { readOnly: true },
  );
  return rows.map(toToken);
}

export async function revokeApiToken(db: Db, actor: Actor, tokenId: string): Promise<ApiToken> {
  requireOwner(actor, 'revoking an API token');
  const id = requireUuid(tokenId, 'token');
  return inTenant(db, actor, async (tx) => {
    const rows = await tx.query<TokenRow>(
      `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE token_id = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    if (!rows[0]) throw new NotFound('token', tokenId);
    await appendAudit(tx, actor, { action: 'token.revoke', entity: 'token', entityId: id });
    return toToken(rows[0]);
  });
}

/** System: the actor a presented token stands for, or null (unknown, revoked or expired). */
export async function resolveApiToken(db: Db, token: string, opts: { ip?: string } = {}): Promise<Actor | null> {
  if (typeof token !== 'string' || !token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const rows = await inSystem(db, (tx) =>
    tx.query<TokenRow>(
      `UPDATE api_tokens SET last_used_at = now()
       WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
       RETURNING ${COLUMNS}`,
      [hashSecret(token)],
    ),
  );
  const t = rows[0];
  if (!t) return null;
  return {
    orgId: t.org_id,
    userId: null,
    role: t.role,
    label: `token:${t.prefix}`,
    ...(opts.ip ? { ip: opts.ip } : {}),
  };
}
