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
  if (input.expiresAt !== undefined && Number.isNaN(Date.parse(input.expiresAt)))
    throw Invalid.one('expiresAt', `expected a date and time, got ${JSON.stringify(input.expiresAt)}`);
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return inTenant(db, actor.orgId, async (tx) => {
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
        input.expiresAt ?? null,
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
    actor.orgId,
    (tx) => tx.query<TokenRow>(`SELECT ${COLUMNS} FROM api_tokens ORDER BY created_at, token_id`),
    { readOnly: true },
  );
  return rows.map(toToken);
}

export async function revokeApiToken(db: Db, actor: Actor, tokenId: string): Promise<ApiToken> {
  requireOwner(actor, 'revoking an API token');
  const id = requireUuid(tokenId, 'token');
  return inTenant(db, actor.orgId, async (tx) => {
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
