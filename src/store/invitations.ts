// Invitations: an owner invites someone by email with a role (a specialist: with their case and person)
// without choosing their password. The token (`hqsi_` and 43 random characters) is shown once, to the
// owner, who passes on the link; only its sha256 is stored. It expires after 7 days and is used once.
// Accepting it is public (the token is the credential): a new email becomes a user with the password they
// choose; an existing user proves it is them with their own password. Either way the membership is added
// and the invitation marked used in one transaction.
import { randomBytes, randomUUID } from 'node:crypto';
import { appendAudit } from './audit.ts';
import { ROLES, requireOwner, type Actor, type Role } from './actor.ts';
import { inSystem, inTenant, requireUuid, type Db } from './db.ts';
import { Conflict, Invalid, NotFound } from './errors.ts';
import { checkSpecialistTarget } from './memberships.ts';
import { dummyHash, passwordProblem, verifyPassword } from './password.ts';
import { hashSecret } from './tokens.ts';
import { insertUser, normalizeEmail } from './users.ts';

export const INVITATION_PREFIX = 'hqsi_';
export const INVITATION_TTL_DAYS = 7;

export interface Invitation {
  invitationId: string;
  orgId: string;
  email: string;
  role: Role;
  caseId: string | null;
  personId: string | null;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
}

interface InvitationRow {
  invitation_id: string;
  org_id: string;
  email: string;
  role: Role;
  case_id: string | null;
  person_id: string | null;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
}

const COLUMNS =
  'invitation_id, org_id, email, role, case_id, person_id, created_by, created_at, expires_at, accepted_at';

const toInvitation = (r: InvitationRow): Invitation => ({
  invitationId: r.invitation_id,
  orgId: r.org_id,
  email: r.email,
  role: r.role,
  caseId: r.case_id,
  personId: r.person_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  acceptedAt: r.accepted_at,
});

export interface InvitationInput {
  email: string;
  role: Role;
  /** A specialist's case (required for a specialist, refused for other roles). */
  caseId?: string;
  /** A specialist's person in that case (required for a specialist). */
  personId?: string;
}

/**
 * Owner: invites an email with a role. A pending invitation of the same email to this organization is
 * replaced (its link stops working). The plain token is returned here and never again.
 */
export async function createInvitation(
  db: Db,
  actor: Actor,
  input: InvitationInput,
  opts: { ttlDays?: number } = {},
): Promise<{ invitation: Invitation; token: string }> {
  requireOwner(actor, 'inviting someone');
  const email = normalizeEmail(input.email);
  if (!ROLES.includes(input.role))
    throw Invalid.one('role', `unknown role ${JSON.stringify(input.role)} (expected one of ${ROLES.join(', ')})`);
  if (input.role === 'specialist' && (input.caseId === undefined || input.personId === undefined)) {
    throw new Invalid([
      ...(input.caseId === undefined
        ? [{ path: 'caseId', message: 'a specialist is invited to their case: give its id' }]
        : []),
      ...(input.personId === undefined
        ? [
            {
              path: 'personId',
              message: 'a specialist is invited as a person of the case: give their person id (e.g. "p1")',
            },
          ]
        : []),
    ]);
  }
  const ttlDays = opts.ttlDays ?? INVITATION_TTL_DAYS;
  const token = INVITATION_PREFIX + randomBytes(32).toString('base64url');
  return inTenant(db, actor, async (tx) => {
    const target = await checkSpecialistTarget(tx, {
      role: input.role,
      ...(input.caseId !== undefined ? { caseId: input.caseId } : {}),
      ...(input.personId !== undefined ? { personId: input.personId } : {}),
    });
    const member = await tx.query(
      'SELECT 1 FROM memberships m JOIN users u ON u.user_id = m.user_id WHERE u.email = $1',
      [email],
    );
    if (member.length)
      throw new Conflict(`${email} is already a member of this organization: change their role instead`, {
        field: 'email',
      });
    const replaced = await tx.query(
      'DELETE FROM invitations WHERE email = $1 AND accepted_at IS NULL RETURNING invitation_id',
      [email],
    );
    const rows = await tx.query<InvitationRow>(
      `INSERT INTO invitations (org_id, invitation_id, email, role, case_id, person_id, token_hash, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now() + make_interval(days => $9)) RETURNING ${COLUMNS}`,
      [
        actor.orgId,
        randomUUID(),
        email,
        input.role,
        target.caseId,
        target.personId,
        hashSecret(token),
        actor.userId,
        ttlDays,
      ],
    );
    const invitation = toInvitation(rows[0]!);
    await appendAudit(tx, actor, {
      action: 'invitation.create',
      entity: 'invitation',
      entityId: invitation.invitationId,
      details: {
        email,
        role: input.role,
        caseId: target.caseId,
        personId: target.personId,
        ...(replaced.length ? { replaced: replaced.length } : {}),
      },
    });
    return { invitation, token };
  });
}

/** Owner: the invitations not yet accepted and not expired, newest first. */
export async function listInvitations(db: Db, actor: Actor): Promise<Invitation[]> {
  requireOwner(actor, 'listing invitations');
  const rows = await inTenant(
    db,
    actor,
    (tx) =>
      tx.query<InvitationRow>(
        `SELECT ${COLUMNS} FROM invitations WHERE accepted_at IS NULL AND expires_at > now() ORDER BY created_at DESC, invitation_id`,
      ),
    { readOnly: true },
  );
  return rows.map(toInvitation);
}

/** Owner: revokes (deletes) an invitation not yet accepted. */
export async function revokeInvitation(db: Db, actor: Actor, invitationId: string): Promise<void> {
  requireOwner(actor, 'revoking an invitation');
  const id = requireUuid(invitationId, 'invitation');
  await inTenant(db, actor, async (tx) => {
    const cur = await tx.query<InvitationRow>(
      `SELECT ${COLUMNS} FROM invitations WHERE invitation_id = $1 FOR UPDATE`,
      [id],
    );
    if (!cur[0]) throw new NotFound('invitation', invitationId);
    if (cur[0].accepted_at)
      throw new Conflict(
        `invitation ${invitationId} was accepted on ${cur[0].accepted_at}: remove or suspend the member instead`,
        { field: 'id' },
      );
    await tx.query('DELETE FROM invitations WHERE invitation_id = $1', [id]);
    await appendAudit(tx, actor, {
      action: 'invitation.revoke',
      entity: 'invitation',
      entityId: id,
      details: { email: cur[0].email },
    });
  });
}

export interface InvitationPreview {
  orgName: string;
  email: string;
  role: Role;
  expiresAt: string;
  /** The email has an account already: accepting takes its password, not a new one. */
  existingUser: boolean;
}

const usableToken = (token: unknown): token is string =>
  typeof token === 'string' && token.startsWith(INVITATION_PREFIX) && token.length <= 200;

/** System: what an invitation token is for; NotFound when unknown, expired or used (never which). */
export async function lookupInvitation(db: Db, token: string): Promise<InvitationPreview> {
  if (!usableToken(token)) throw new NotFound('invitation', '(token)');
  const rows = await inSystem(
    db,
    (tx) =>
      tx.query<{ name: string; email: string; role: Role; expires_at: string; existing: boolean }>(
        `SELECT o.name, i.email, i.role, i.expires_at, EXISTS (SELECT 1 FROM users u WHERE u.email = i.email) AS existing
         FROM invitations i JOIN organizations o ON o.org_id = i.org_id
         WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.expires_at > now()`,
        [hashSecret(token)],
      ),
    { readOnly: true },
  );
  const r = rows[0];
  if (!r) throw new NotFound('invitation', '(token)');
  return { orgName: r.name, email: r.email, role: r.role, expiresAt: r.expires_at, existingUser: r.existing };
}

export interface AcceptInput {
  token: string;
  /** A new user's first password, or an existing user's own password. */
  password: string;
  /** A new user's name. */
  name?: string;
  /** Where the request came from, for the audit log. */
  ip?: string;
}

export type AcceptResult =
  | { ok: true; userId: string; orgId: string; email: string; newUser: boolean; role: Role }
  /** The email has an account and the password given is not its password (nothing changed). */
  | { ok: false; reason: 'wrong-password'; email: string };

/**
 * System: accepts an invitation. NotFound for an unknown, expired or used token; Invalid for a weak new
 * password; Conflict when the user is a member already, or a specialist's person left the case meanwhile.
 */
export async function acceptInvitation(db: Db, input: AcceptInput): Promise<AcceptResult> {
  if (!usableToken(input.token)) throw new NotFound('invitation', '(token)');
  const password = typeof input.password === 'string' ? input.password : '';
  return inSystem(db, async (tx) => {
    const rows = await tx.query<InvitationRow>(
      `SELECT ${COLUMNS} FROM invitations WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > now() FOR UPDATE`,
      [hashSecret(input.token)],
    );
    const inv = rows[0];
    if (!inv) {
      await verifyPassword(password, await dummyHash()); // the same time as a real check
      throw new NotFound('invitation', '(token)');
    }
    const existing = await tx.query<{ user_id: string; password_hash: string; disabled: boolean }>(
      'SELECT user_id, password_hash, disabled FROM users WHERE email = $1 FOR UPDATE',
      [inv.email],
    );
    let userId: string;
    let newUser = false;
    if (existing[0]) {
      if (!(await verifyPassword(password, existing[0].password_hash)) || existing[0].disabled)
        return { ok: false, reason: 'wrong-password', email: inv.email };
      userId = existing[0].user_id;
      const member = await tx.query('SELECT 1 FROM memberships WHERE org_id = $1 AND user_id = $2', [
        inv.org_id,
        userId,
      ]);
      if (member.length)
        throw new Conflict(`${inv.email} is already a member of this organization: sign in instead`, {
          field: 'token',
        });
    } else {
      const weak = passwordProblem(password, inv.email);
      if (weak) throw Invalid.one('password', weak);
      userId = (
        await insertUser(tx, { email: inv.email, password, ...(input.name?.trim() ? { name: input.name.trim() } : {}) })
      ).userId;
      newUser = true;
    }
    if (inv.role === 'specialist') {
      const person = await tx.query('SELECT 1 FROM case_people WHERE org_id = $1 AND case_id = $2 AND person_id = $3', [
        inv.org_id,
        inv.case_id,
        inv.person_id,
      ]);
      if (person.length === 0)
        throw new Conflict(
          `the person ${inv.person_id} this invitation is for is no longer in the case: ask the organization for a new invitation`,
          { field: 'token' },
        );
    }
    await tx.query('INSERT INTO memberships (org_id, user_id, role, case_id, person_id) VALUES ($1, $2, $3, $4, $5)', [
      inv.org_id,
      userId,
      inv.role,
      inv.case_id,
      inv.person_id,
    ]);
    await tx.query(
      'UPDATE invitations SET accepted_at = now(), accepted_by = $3 WHERE org_id = $1 AND invitation_id = $2',
      [inv.org_id, inv.invitation_id, userId],
    );
    const actor: Actor = {
      orgId: inv.org_id,
      userId,
      role: inv.role,
      label: `user:${inv.email}`,
      ...(input.ip ? { ip: input.ip } : {}),
    };
    await appendAudit(tx, actor, {
      action: 'invitation.accept',
      entity: 'invitation',
      entityId: inv.invitation_id,
      details: { role: inv.role, newUser },
    });
    await appendAudit(tx, actor, {
      action: 'member.add',
      entity: 'member',
      entityId: userId,
      details: { role: inv.role, caseId: inv.case_id, invitation: inv.invitation_id },
    });
    return { ok: true, userId, orgId: inv.org_id, email: inv.email, newUser, role: inv.role };
  });
}
