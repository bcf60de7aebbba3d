// Assignees: the member who works a case (or nobody). Owners and managers assign; the assignee must be an
// active owner or manager of the organization who may see the case (a member limited to some employers is
// never the assignee of another employer's case). Not part of the hqs-case/1 document: the case's version
// does not move, so an editor's next write is not refused for it.
import { appendAudit } from './audit.ts';
import { requireWrite, type Actor } from './actor.ts';
import { inTenant, isUuid, requireUuid, type Db, type Tx } from './db.ts';
import { Invalid, NotFound } from './errors.ts';
import { readCase, type CaseSummary } from './cases.ts';

interface AssigneeRow {
  role: string;
  disabled: boolean;
  employer_scope: string[] | null;
  email: string;
}

/** Checks that `userId` may work cases here; returns what decides which cases. */
async function assigneeOf(tx: Tx, userId: string): Promise<AssigneeRow> {
  if (!isUuid(userId))
    throw Invalid.one('assignee', `expected a member's user id or null, got ${JSON.stringify(userId)}`);
  const rows = await tx.query<AssigneeRow>(
    `SELECT m.role, m.disabled, m.employer_scope, u.email FROM memberships m JOIN users u ON u.user_id = m.user_id
     WHERE m.user_id = $1`,
    [userId.toLowerCase()],
  );
  const m = rows[0];
  if (!m) throw Invalid.one('assignee', `${userId} is not a member of this organization`);
  if (m.disabled) throw Invalid.one('assignee', `${m.email} is suspended in this organization`);
  if (m.role !== 'owner' && m.role !== 'manager')
    throw Invalid.one('assignee', `${m.email} is a ${m.role}: only an owner or a manager works cases`);
  return m;
}

/** Sets (or clears: null) the assignee of one case; audited `case.assign` with who it was and who it is. */
export async function assignCase(db: Db, actor: Actor, caseId: string, assignee: string | null): Promise<CaseSummary> {
  requireWrite(actor, 'assigning a case');
  const id = requireUuid(caseId, 'case');
  return inTenant(db, actor, async (tx) => {
    const who = assignee === null ? null : await assigneeOf(tx, assignee);
    const cur = await tx.query<{ assignee_user_id: string | null; employer_id: string }>(
      'SELECT assignee_user_id, employer_id FROM cases WHERE case_id = $1 FOR UPDATE',
      [id],
    );
    if (!cur[0]) throw new NotFound('case', caseId);
    if (who?.employer_scope && !who.employer_scope.includes(cur[0].employer_id))
      throw Invalid.one('assignee', `${who.email} may not see this case's employer (their employer scope)`);
    const to = assignee === null ? null : assignee.toLowerCase();
    if (cur[0].assignee_user_id !== to) {
      await tx.query('UPDATE cases SET assignee_user_id = $2 WHERE case_id = $1', [id, to]);
      await appendAudit(tx, actor, {
        action: 'case.assign',
        entity: 'case',
        entityId: id,
        details: { from: cur[0].assignee_user_id, to },
      });
    }
    const { case: _doc, ...summary } = await readCase(tx, id);
    return summary;
  });
}
