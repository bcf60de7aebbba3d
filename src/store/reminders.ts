// Reminders: who is told what, from the obligations the sweep stored. A member (owner, manager, viewer)
// gets a daily digest of the open duties of the cases assigned to them — overdue, due today, and due in
// exactly one of their lead times (default 30, 7 and 1 days) — and the cases nobody is assigned to go to
// the organization's owners, so nothing falls through (an owner may ask for all cases). A specialist
// (portal user) gets the duties of their own family. Nothing is made when there is nothing to say.
//
// `recordReminder` is the once-a-day guarantee: the row (org, user, day) of reminder_sends is inserted
// with the outbox's mail in one transaction, so a second run the same day — another process, a retried
// job, `hqs remind` twice — finds it and makes nothing.
import { randomBytes } from 'node:crypto';
import type { Actor } from './actor.ts';
import { inSystem, inTenant, type Db } from './db.ts';
import { Forbidden, Invalid } from './errors.ts';
import { queueMail, type NewMail } from './outbox.ts';
import { hashSecret } from './tokens.ts';
import type { Lang } from '../core/lang.ts';

export const DEFAULT_LEAD_DAYS = [30, 7, 1] as const;
export type ReminderLang = Lang;

export interface ReminderSettings {
  enabled: boolean;
  leadDays: number[];
  /** Owners only: 'all' — every open case of the organization, not just their own and the unassigned. */
  scope: 'assigned' | 'all';
  lang: ReminderLang;
}

/** The duties a specialist is reminded of (their own and their family's). */
export const SPECIALIST_KINDS: ReadonlySet<string> = new Set([
  'migration-registration',
  'rp-registration',
  'rp-annual-notification',
  'rp-book-replacement',
  'rp-absence-limit',
  'passport-validity',
  'work-permit-extension',
  'work-permit-collection',
]);

export interface ReminderItem {
  caseId: string;
  obligationId: string;
  kind: string;
  personLatin: string;
  personCyrillic: string | null;
  employer: string;
  due: string;
  /** Days from the day of the reminder to the due date (negative: overdue). */
  days: number;
}

export interface PlannedReminder {
  orgId: string;
  orgName: string;
  userId: string;
  email: string;
  role: 'owner' | 'manager' | 'viewer' | 'specialist';
  kind: 'digest' | 'specialist-reminder';
  lang: ReminderLang;
  caseId: string | null;
  items: ReminderItem[];
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

function checkSettings(input: Partial<ReminderSettings>, role: string): void {
  if (input.leadDays !== undefined) {
    const d = input.leadDays;
    if (!Array.isArray(d) || d.length > 5 || d.some((n) => !Number.isInteger(n) || n < 1 || n > 365))
      throw Invalid.one('leadDays', 'up to 5 whole numbers of days from 1 to 365');
  }
  if (input.scope !== undefined && input.scope !== 'assigned' && input.scope !== 'all')
    throw Invalid.one('scope', 'expected assigned or all');
  if (input.scope === 'all' && role !== 'owner') throw Invalid.one('scope', 'only an owner may ask for all cases');
  if (input.lang !== undefined && !['en', 'ru', 'zh'].includes(input.lang))
    throw Invalid.one('lang', 'expected en, ru or zh');
  if (input.lang === 'zh' && role !== 'specialist')
    throw Invalid.one('lang', 'the workspace mails are in English or Russian');
}

interface SettingsRow {
  enabled: boolean;
  lead_days: number[];
  scope: 'assigned' | 'all';
  lang: ReminderLang;
}
const toSettings = (r: SettingsRow | undefined): ReminderSettings =>
  r
    ? { enabled: r.enabled, leadDays: [...r.lead_days].sort((a, b) => b - a), scope: r.scope, lang: r.lang }
    : { enabled: true, leadDays: [...DEFAULT_LEAD_DAYS], scope: 'assigned', lang: 'ru' };

function selfOf(actor: Actor, what: string): string {
  if (!actor.userId) throw new Forbidden(`${what}: reminders belong to a signed-in member, not to a token`);
  return actor.userId;
}

/** The signed-in member's reminder settings (the defaults until they change them). */
export async function getReminderSettings(db: Db, actor: Actor): Promise<ReminderSettings> {
  const userId = selfOf(actor, 'reading reminder settings');
  const rows = await inTenant(
    db,
    actor,
    (tx) =>
      tx.query<SettingsRow>('SELECT enabled, lead_days, scope, lang FROM reminder_settings WHERE user_id = $1', [
        userId,
      ]),
    { readOnly: true },
  );
  return toSettings(rows[0]);
}

/** Changes the signed-in member's own reminder settings (what is not given stays). */
export async function setReminderSettings(
  db: Db,
  actor: Actor,
  input: Partial<ReminderSettings>,
): Promise<ReminderSettings> {
  const userId = selfOf(actor, 'changing reminder settings');
  checkSettings(input, actor.role);
  return inTenant(db, actor, async (tx) => {
    const cur = toSettings(
      (
        await tx.query<SettingsRow>(
          'SELECT enabled, lead_days, scope, lang FROM reminder_settings WHERE user_id = $1 FOR UPDATE',
          [userId],
        )
      )[0],
    );
    const next: ReminderSettings = {
      enabled: input.enabled ?? cur.enabled,
      leadDays: [...new Set(input.leadDays ?? cur.leadDays)].sort((a, b) => b - a),
      scope: input.scope ?? cur.scope,
      lang: input.lang ?? cur.lang,
    };
    await tx.query(
      `INSERT INTO reminder_settings (org_id, user_id, enabled, lead_days, scope, lang) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (org_id, user_id) DO UPDATE SET enabled = $3, lead_days = $4, scope = $5, lang = $6, updated_at = now()`,
      [actor.orgId, userId, next.enabled, next.leadDays, next.scope, next.lang],
    );
    return next;
  });
}

/** The one-click unsubscribe of a digest (RFC 8058): turns that member's reminders off. False: unknown token. */
export async function unsubscribeReminders(db: Db, token: string): Promise<boolean> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) return false;
  return inSystem(db, async (tx) => {
    const found = await tx.query<{ org_id: string; user_id: string }>(
      'SELECT org_id, user_id FROM reminder_sends WHERE unsubscribe_hash = $1',
      [hashSecret(token)],
    );
    const f = found[0];
    if (!f) return false;
    await tx.query(
      `INSERT INTO reminder_settings (org_id, user_id, enabled) VALUES ($1, $2, false)
       ON CONFLICT (org_id, user_id) DO UPDATE SET enabled = false, updated_at = now()`,
      [f.org_id, f.user_id],
    );
    return true;
  });
}

interface MemberRow {
  user_id: string;
  email: string;
  role: PlannedReminder['role'];
  case_id: string | null;
  employer_scope: string[] | null;
  enabled: boolean | null;
  lead_days: number[] | null;
  scope: 'assigned' | 'all' | null;
  lang: ReminderLang | null;
}

interface DutyRow {
  case_id: string;
  obligation_id: string;
  kind: string;
  person_id: string;
  due: string;
  employer_id: string;
  employer: string;
  assignee_user_id: string | null;
  people: { id: string; name: { latin: string; cyrillic?: string } }[] | null;
}

/** Everyone who has something to be told on `asOf`, with what (from the obligations the sweep stored). */
export async function planReminders(
  db: Db,
  asOf: string,
  opts: { orgIds?: readonly string[] } = {},
): Promise<PlannedReminder[]> {
  const orgs = await inSystem(
    db,
    (tx) =>
      tx.query<{ org_id: string; name: string }>('SELECT org_id, name FROM organizations ORDER BY created_at, org_id'),
    { readOnly: true },
  );
  const out: PlannedReminder[] = [];
  for (const org of orgs) {
    if (opts.orgIds && !opts.orgIds.includes(org.org_id)) continue;
    const { members, duties } = await inTenant(
      db,
      org.org_id,
      async (tx) => ({
        members: await tx.query<MemberRow>(
          `SELECT m.user_id, u.email, m.role, m.case_id, m.employer_scope, s.enabled, s.lead_days, s.scope, s.lang
           FROM memberships m JOIN users u ON u.user_id = m.user_id
           LEFT JOIN reminder_settings s ON s.org_id = m.org_id AND s.user_id = m.user_id
           WHERE NOT u.disabled ORDER BY m.created_at, m.user_id`,
        ),
        // Open duties of open cases, as the last sweep stored them.
        duties: await tx.query<DutyRow>(
          `SELECT o.case_id, o.obligation_id, o.kind, o.person_id, o.due, o.employer_id, e.name AS employer,
                  c.assignee_user_id, c.data->'people' AS people
           FROM obligations o JOIN cases c ON c.org_id = o.org_id AND c.case_id = o.case_id
           JOIN employers e ON e.org_id = o.org_id AND e.employer_id = o.employer_id
           WHERE c.status = 'open' AND o.status NOT IN ('done', 'not-applicable') AND o.due <= ($1::date + 366)
           ORDER BY o.due, o.case_id, o.obligation_id`,
          [asOf],
        ),
      }),
      { readOnly: true },
    );
    const memberIds = new Set(members.map((m) => m.user_id));
    for (const m of members) {
      const s = toSettings(
        m.enabled === null
          ? undefined
          : { enabled: m.enabled, lead_days: m.lead_days!, scope: m.scope!, lang: m.lang! },
      );
      if (!s.enabled) continue;
      const leads = new Set(s.leadDays);
      const timely = (d: DutyRow) => {
        const days = daysBetween(asOf, d.due);
        return days <= 0 || leads.has(days);
      };
      let mine: DutyRow[];
      if (m.role === 'specialist') {
        mine = duties.filter((d) => d.case_id === m.case_id && SPECIALIST_KINDS.has(d.kind));
      } else {
        const inScope = (d: DutyRow) => m.employer_scope === null || m.employer_scope.includes(d.employer_id);
        mine = duties.filter(
          (d) =>
            inScope(d) &&
            (d.assignee_user_id === m.user_id ||
              (m.role === 'owner' &&
                (s.scope === 'all' || d.assignee_user_id === null || !memberIds.has(d.assignee_user_id)))),
        );
      }
      const items = mine.filter(timely).map((d): ReminderItem => {
        const p = d.people?.find((x) => x.id === d.person_id);
        return {
          caseId: d.case_id,
          obligationId: d.obligation_id,
          kind: d.kind,
          personLatin: p?.name.latin ?? '',
          personCyrillic: p?.name.cyrillic ?? null,
          employer: d.employer,
          due: d.due,
          days: daysBetween(asOf, d.due),
        };
      });
      if (items.length === 0) continue;
      out.push({
        orgId: org.org_id,
        orgName: org.name,
        userId: m.user_id,
        email: m.email,
        role: m.role,
        kind: m.role === 'specialist' ? 'specialist-reminder' : 'digest',
        lang: m.role !== 'specialist' && s.lang === 'zh' ? 'en' : s.lang,
        caseId: m.role === 'specialist' ? m.case_id : null,
        items,
      });
    }
  }
  return out;
}

/**
 * Records one member's reminder of `day` and queues its mail, once: false when that member already has
 * one for the day (nothing is queued). `compose` receives the unsubscribe token for the mail's link.
 */
export async function recordReminder(
  db: Db,
  r: PlannedReminder,
  day: string,
  compose: (unsubscribeToken: string) => Omit<NewMail, 'orgId' | 'userId' | 'to' | 'kind'>,
): Promise<{ recorded: boolean; mailId: string | null }> {
  const token = randomBytes(24).toString('base64url');
  return inTenant(db, r.orgId, async (tx) => {
    const ins = await tx.query(
      `INSERT INTO reminder_sends (org_id, user_id, day, items, unsubscribe_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (org_id, user_id, day) DO NOTHING RETURNING day`,
      [r.orgId, r.userId, day, r.items.length, hashSecret(token)],
    );
    if (ins.length === 0) return { recorded: false, mailId: null };
    const mailId = await queueMail(tx, {
      ...compose(token),
      orgId: r.orgId,
      userId: r.userId,
      to: r.email,
      kind: r.kind,
    });
    await tx.query('UPDATE reminder_sends SET mail_id = $4 WHERE org_id = $1 AND user_id = $2 AND day = $3', [
      r.orgId,
      r.userId,
      day,
      mailId,
    ]);
    return { recorded: true, mailId };
  });
}

/** Whether a member already has a reminder recorded for `day`. */
export async function reminderRecorded(db: Db, orgId: string, userId: string, day: string): Promise<boolean> {
  const rows = await inTenant(
    db,
    orgId,
    (tx) => tx.query('SELECT 1 FROM reminder_sends WHERE user_id = $1 AND day = $2', [userId, day]),
    { readOnly: true },
  );
  return rows.length > 0;
}
