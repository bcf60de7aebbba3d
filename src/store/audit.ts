// The audit log: who did what to which record, when and from where. Append-only (the database refuses
// UPDATE and DELETE on it), written in the same transaction as the change or read it records, so a change
// without its audit entry cannot happen. Owners read it.
import type { Actor } from './actor.ts';
import { requireOwner } from './actor.ts';
import { inTenant, jsonb, type Db, type Tx } from './db.ts';
import { Invalid } from './errors.ts';

export interface AuditEvent {
  /** verb-like: case.create, case.read, document.download, member.add … */
  action: string;
  /** case, document, employer, member, token, organization, evaluation … */
  entity: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditEntry {
  seq: number;
  orgId: string;
  at: string;
  actorUserId: string | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

/** Appends one entry inside the caller's transaction (tenant or system). */
export async function appendAudit(tx: Tx, actor: Actor, e: AuditEvent): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (org_id, actor_user_id, actor, action, entity, entity_id, ip, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
    [
      actor.orgId,
      actor.userId,
      actor.label,
      e.action,
      e.entity,
      e.entityId ?? null,
      actor.ip ?? null,
      jsonb(e.details ?? {}),
    ],
  );
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  action?: string;
  actorUserId?: string;
  /** ISO timestamps. */
  since?: string;
  until?: string;
  /** Entries after this sequence number (the `next` of the previous page). */
  after?: number;
  /** Newest first (default oldest first). */
  newestFirst?: boolean;
  limit?: number;
}

export interface AuditPage {
  items: AuditEntry[];
  /** Pass as `after` (or as `before` when newest first) for the next page; absent on the last page. */
  next?: number;
}

interface AuditRow {
  seq: number;
  org_id: string;
  at: string;
  actor_user_id: string | null;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    orgId: r.org_id,
    at: r.at,
    actorUserId: r.actor_user_id,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    ip: r.ip,
    details: r.details,
  };
}

export function pageLimit(limit: number | undefined, max = 500, fallback = 50): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > max)
    throw Invalid.one('limit', `expected a whole number from 1 to ${max}, got ${String(limit)}`);
  return limit;
}

export async function listAudit(db: Db, actor: Actor, f: AuditFilter = {}): Promise<AuditPage> {
  requireOwner(actor, 'reading the audit log');
  const limit = pageLimit(f.limit, 1000, 100);
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.entity !== undefined) add('entity = ?', f.entity);
  if (f.entityId !== undefined) add('entity_id = ?', f.entityId);
  if (f.action !== undefined) add('action = ?', f.action);
  if (f.actorUserId !== undefined) add('actor_user_id = ?::uuid', f.actorUserId);
  if (f.since !== undefined) add('at >= ?::timestamptz', f.since);
  if (f.until !== undefined) add('at < ?::timestamptz', f.until);
  if (f.after !== undefined) add(f.newestFirst ? 'seq < ?' : 'seq > ?', f.after);
  params.push(limit + 1);
  const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
               ORDER BY seq ${f.newestFirst ? 'DESC' : 'ASC'} LIMIT $${params.length}`;
  const rows = await inTenant(db, actor, (tx) => tx.query<AuditRow>(sql, params), { readOnly: true });
  const items = rows.slice(0, limit).map(toEntry);
  return rows.length > limit ? { items, next: items[items.length - 1]!.seq } : { items };
}
