// A member's secret calendar subscription (webcal): a random token whose sha256 is kept, one live feed
// per member (making a new one revokes the old), and the feed's content — every deadline of the cases the
// member's digest follows (assigned to them; for owners also the unassigned, or all with scope 'all';
// for a specialist their own family's), from the obligations the sweep stored.
import { randomBytes } from 'node:crypto';
import type { Actor } from './actor.ts';
import { inSystem, inTenant, type Db } from './db.ts';
import { Forbidden } from './errors.ts';
import { hashSecret } from './tokens.ts';
import type { Lang } from '../core/lang.ts';

export const FEED_PREFIX = 'cal_';

function selfOf(actor: Actor): string {
  if (!actor.userId) throw new Forbidden('a calendar feed belongs to a signed-in member, not to a token');
  return actor.userId;
}

export interface FeedState {
  active: boolean;
  createdAt: string | null;
}

export async function calendarFeedState(db: Db, actor: Actor): Promise<FeedState> {
  const userId = selfOf(actor);
  const rows = await inTenant(
    db,
    actor,
    (tx) =>
      tx.query<{ created_at: string }>(
        'SELECT created_at FROM calendar_feeds WHERE user_id = $1 AND revoked_at IS NULL',
        [userId],
      ),
    { readOnly: true },
  );
  return { active: rows.length > 0, createdAt: rows[0]?.created_at ?? null };
}

/** A new feed token for the member (the old one stops working). The plain token is returned only here. */
export async function renewCalendarFeed(db: Db, actor: Actor): Promise<string> {
  const userId = selfOf(actor);
  const token = FEED_PREFIX + randomBytes(32).toString('base64url');
  await inTenant(db, actor, async (tx) => {
    await tx.query('UPDATE calendar_feeds SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
    await tx.query('INSERT INTO calendar_feeds (org_id, user_id, token_hash) VALUES ($1, $2, $3)', [
      actor.orgId,
      userId,
      hashSecret(token),
    ]);
  });
  return token;
}

export async function revokeCalendarFeed(db: Db, actor: Actor): Promise<void> {
  const userId = selfOf(actor);
  await inTenant(db, actor, (tx) =>
    tx.query('UPDATE calendar_feeds SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]),
  );
}

export interface FeedEvent {
  caseId: string;
  obligationId: string;
  kind: string;
  status: string;
  due: string;
  windowFrom: string;
  windowTo: string;
  personLatin: string;
  employer: string;
}

/** System: the events of a live feed's token, or null (unknown or revoked). */
export async function calendarFeedEvents(
  db: Db,
  token: string,
): Promise<{ orgName: string; email: string; lang: Lang; events: FeedEvent[] } | null> {
  if (typeof token !== 'string' || !token.startsWith(FEED_PREFIX) || token.length > 200) return null;
  const owner = (
    await inSystem(db, (tx) =>
      tx.query<{ org_id: string; user_id: string }>(
        `UPDATE calendar_feeds SET last_used_at = now() WHERE token_hash = $1 AND revoked_at IS NULL
         RETURNING org_id, user_id`,
        [hashSecret(token)],
      ),
    )
  )[0];
  if (!owner) return null;
  return inTenant(
    db,
    owner.org_id,
    async (tx) => {
      const m = (
        await tx.query<{
          role: string;
          case_id: string | null;
          employer_scope: string[] | null;
          scope: string | null;
          lang: Lang | null;
          email: string;
          disabled: boolean;
          org_name: string;
        }>(
          `SELECT m.role, m.case_id, m.employer_scope, s.scope, s.lang, u.email, u.disabled, o.name AS org_name
           FROM memberships m JOIN users u ON u.user_id = m.user_id JOIN organizations o ON o.org_id = m.org_id
           LEFT JOIN reminder_settings s ON s.org_id = m.org_id AND s.user_id = m.user_id
           WHERE m.user_id = $1`,
          [owner.user_id],
        )
      )[0];
      if (!m || m.disabled) return null;
      const rows = await tx.query<FeedEvent & { assignee: string | null; employer_id: string }>(
        `SELECT o.case_id AS "caseId", o.obligation_id AS "obligationId", o.kind, o.status, o.due,
                o.window_from AS "windowFrom", o.window_to AS "windowTo", e.name AS employer, o.employer_id,
                coalesce((SELECT p->'name'->>'latin' FROM jsonb_array_elements(c.data->'people') p WHERE p->>'id' = o.person_id), '') AS "personLatin",
                c.assignee_user_id AS assignee
         FROM obligations o JOIN cases c ON c.org_id = o.org_id AND c.case_id = o.case_id
         JOIN employers e ON e.org_id = o.org_id AND e.employer_id = o.employer_id
         WHERE c.status = 'open' AND o.status <> 'not-applicable'
         ORDER BY o.due, o.case_id, o.obligation_id`,
      );
      const members = new Set(
        (await tx.query<{ user_id: string }>('SELECT user_id FROM memberships')).map((r) => r.user_id),
      );
      const events = rows.filter((r) => {
        if (m.role === 'specialist') return r.caseId === m.case_id;
        if (m.employer_scope && !m.employer_scope.includes(r.employer_id)) return false;
        if (r.assignee === owner.user_id) return true;
        return m.role === 'owner' && (m.scope === 'all' || r.assignee === null || !members.has(r.assignee));
      });
      return {
        orgName: m.org_name,
        email: m.email,
        lang: m.lang ?? 'ru',
        events: events.map(({ assignee: _a, employer_id: _e, ...ev }) => ev),
      };
    },
    { readOnly: true },
  );
}
