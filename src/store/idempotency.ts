// Idempotency keys: the first request with a key claims it, a repeat with the same request gets the first
// answer, a repeat with another request is refused (Invalid at Idempotency-Key), one made while the first
// is still being served is a Conflict. Keys live a day (purgeExpired deletes them after).
import { createHash } from 'node:crypto';
import type { Actor } from './actor.ts';
import { inTenant, jsonb, type Db } from './db.ts';
import { Conflict, Invalid } from './errors.ts';

export const IDEMPOTENCY_TTL_HOURS = 24;
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

export type Stored = { status: number; body: unknown };

/** sha256 of a request, its keys sorted (the same JSON in another key order is the same request). */
export function requestHash(request: unknown): string {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v as object)
              .sort()
              .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canon(request)))
    .digest('hex');
}

export function checkIdempotencyKey(key: string): string {
  if (key.length < 1 || key.length > 200 || !/^[\x21-\x7e]+$/.test(key))
    throw Invalid.one(IDEMPOTENCY_HEADER, 'expected 1 to 200 visible ASCII characters (a UUID, say)');
  return key;
}

/**
 * Serves `run` once per (organization, route, key): the answer of the first request is stored and given
 * again (`replayed`) to a repeat of the same request. `run` failing releases the key (a retry may run).
 */
export async function idempotent(
  db: Db,
  actor: Actor,
  o: { route: string; key: string; request: unknown },
  run: () => Promise<Stored>,
): Promise<Stored & { replayed: boolean }> {
  const key = checkIdempotencyKey(o.key);
  const hash = requestHash(o.request);
  const claimed = await inTenant(db, actor, async (tx) => {
    const mine = await tx.query(
      `INSERT INTO idempotency_keys (org_id, route, key, request_hash, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5))
       ON CONFLICT (org_id, route, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = NULL, response = NULL,
         created_at = now(), expires_at = EXCLUDED.expires_at
         WHERE idempotency_keys.expires_at <= now()
       RETURNING 1`,
      [actor.orgId, o.route, key, hash, IDEMPOTENCY_TTL_HOURS],
    );
    if (mine.length) return null;
    const [row] = await tx.query<{ request_hash: string; status: number | null; response: unknown }>(
      'SELECT request_hash, status, response FROM idempotency_keys WHERE route = $1 AND key = $2',
      [o.route, key],
    );
    return row!;
  });
  if (claimed !== null) {
    if (claimed.request_hash !== hash)
      throw Invalid.one(
        IDEMPOTENCY_HEADER,
        'this key was used with another request: a new request needs a new key (the same request with the same key gives the first answer)',
      );
    if (claimed.status === null)
      throw new Conflict('a request with this Idempotency-Key is still being served; retry in a moment', {
        field: IDEMPOTENCY_HEADER,
      });
    return { status: claimed.status, body: claimed.response, replayed: true };
  }
  let out: Stored;
  try {
    out = await run();
  } catch (e) {
    await inTenant(db, actor, (tx) =>
      tx.query('DELETE FROM idempotency_keys WHERE route = $1 AND key = $2 AND status IS NULL', [o.route, key]),
    );
    throw e;
  }
  await inTenant(db, actor, (tx) =>
    tx.query('UPDATE idempotency_keys SET status = $3, response = $4::jsonb WHERE route = $1 AND key = $2', [
      o.route,
      key,
      out.status,
      jsonb(out.body),
    ]),
  );
  return { ...out, replayed: false };
}
