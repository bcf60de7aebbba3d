// Memberships: which users belong to an organization and with which role. Owners manage them; an
// organization always keeps at least one owner.
import { appendAudit } from './audit.ts';
import { ROLES, requireOwner, requireWrite, type Actor, type Role } from './actor.ts';
import { inSystem, inTenant, isUuid, requireUuid, type Db, type Tx } from './db.ts';
import { Conflict, Invalid, NotFound, sqlState } from './errors.ts';
import { findOrganizationByName, insertOrganization, type Organization } from './orgs.ts';
import { findUserByEmail, insertUser, normalizeEmail, type User } from './users.ts';
import { verifyPassword } from './password.ts';

export interface Membership {
  orgId: string;
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  caseId: string | null;
  personId: string | null;
  /** Suspended in this organization: cannot sign in to it or use a session in it. */
  disabled: boolean;
  /** The last sign-in to this organization (null: never since it was recorded). */
  lastLoginAt: string | null;
  /** The employers a manager or viewer is limited to; null: all (the default). */
  employerScope: string[] | null;
  createdAt: string;
}

interface MemberRow {
  org_id: string;
  user_id: string;
  email: string;
  name: string | null;
  role: Role;
  case_id: string | null;
  person_id: string | null;
  disabled: boolean;
  last_login_at: string | null;
  employer_scope: string[] | null;
  created_at: string;
}

const toMembership = (r: MemberRow): Membership => ({
  orgId: r.org_id,
  userId: r.user_id,
  email: r.email,
  name: r.name,
  role: r.role,
  caseId: r.case_id,
  personId: r.person_id,
  disabled: r.disabled,
  lastLoginAt: r.last_login_at,
  employerScope: r.employer_scope ?? null,
  createdAt: r.created_at,
});

const SELECT = `SELECT m.org_id, m.user_id, u.email, u.name, m.role, m.case_id, m.person_id, m.disabled, m.last_login_at, m.employer_scope, m.created_at
                FROM memberships m JOIN users u ON u.user_id = m.user_id`;

function checkRole(role: unknown): Role {
  if (!ROLES.includes(role as Role))
    throw Invalid.one('role', `unknown role ${JSON.stringify(role)} (expected one of ${ROLES.join(', ')})`);
  return role as Role;
}

export interface MembershipInput {
  userId: string;
  role: Role;
  /** Required for a specialist: the case they may see. */
  caseId?: string;
  /** For a specialist: which person of the case they are. */
  personId?: string;
}

export async function checkSpecialistTarget(
  tx: Tx,
  input: Omit<MembershipInput, 'userId'>,
): Promise<{ caseId: string | null; personId: string | null }> {
  if (input.role !== 'specialist') {
    if (input.caseId !== undefined || input.personId !== undefined)
      throw Invalid.one('caseId', `only a specialist is tied to a case (role ${input.role})`);
    return { caseId: null, personId: null };
  }
  if (input.caseId === undefined) throw Invalid.one('caseId', 'a specialist needs the case they may see');
  const caseId = requireUuid(input.caseId, 'case');
  const found = await tx.query('SELECT 1 FROM cases WHERE case_id = $1', [caseId]);
  if (found.length === 0) throw new NotFound('case', input.caseId);
  if (input.personId !== undefined) {
    const person = await tx.query('SELECT 1 FROM case_people WHERE case_id = $1 AND person_id = $2', [
      caseId,
      input.personId,
    ]);
    if (person.length === 0) throw Invalid.one('personId', `case ${caseId} has no person "${input.personId}"`);
  }
  return { caseId, personId: input.personId ?? null };
}

/** Owner: adds an existing user to the organization with a role. */
export async function addMembership(db: Db, actor: Actor, input: MembershipInput): Promise<Membership> {
  requireOwner(actor, 'adding a member');
  const role = checkRole(input.role);
  const userId = requireUuid(input.userId, 'user');
  return inTenant(db, actor, async (tx) => {
    const target = await checkSpecialistTarget(tx, { ...input, role });
    try {
      await tx.query(
        'INSERT INTO memberships (org_id, user_id, role, case_id, person_id) VALUES ($1, $2, $3, $4, $5)',
        [actor.orgId, userId, role, target.caseId, target.personId],
      );
    } catch (e) {
      if (sqlState(e) === '23505') throw new Conflict(`user ${userId} is already a member`, { field: 'userId' });
      // The user row is not visible to this organization yet: the foreign key checks it regardless of policies.
      if (sqlState(e) === '23503') throw new NotFound('user', userId);
      throw e;
    }
    await appendAudit(tx, actor, {
      action: 'member.add',
      entity: 'member',
      entityId: userId,
      details: { role, caseId: target.caseId },
    });
    const rows = await tx.query<MemberRow>(`${SELECT} WHERE m.user_id = $1`, [userId]);
    return toMembership(rows[0]!);
  });
}

/** Owners and managers: the members of the organization. */
export async function listMemberships(db: Db, actor: Actor): Promise<Membership[]> {
  requireWrite(actor, 'listing members');
  const rows = await inTenant(db, actor, (tx) => tx.query<MemberRow>(`${SELECT} ORDER BY u.email`), {
    readOnly: true,
  });
  return rows.map(toMembership);
}

/** Active (not suspended) owners other than this user. */
async function ownersLeftWithout(tx: Tx, userId: string): Promise<number> {
  const r = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM memberships WHERE role = 'owner' AND NOT disabled AND user_id <> $1`,
    [userId],
  );
  return r[0]!.n;
}

/** Owner: changes a member's role (never leaving the organization without an active owner). */
export async function setMembershipRole(db: Db, actor: Actor, input: MembershipInput): Promise<Membership> {
  return updateMembership(db, actor, input);
}

export interface MembershipChange {
  userId: string;
  role?: Role;
  caseId?: string;
  personId?: string;
  /** Suspend (true) or restore (false) the membership in this organization. */
  disabled?: boolean;
  /** Limit a manager or viewer to these employers (ids), or lift the limit (null). */
  employerScope?: readonly string[] | null;
}

/**
 * Owner: changes a member's role and/or suspends or restores them, in one transaction. Never leaves the
 * organization without an active owner, and an owner never suspends themselves. Suspending ends the
 * member's sessions in this organization.
 */
export async function updateMembership(db: Db, actor: Actor, input: MembershipChange): Promise<Membership> {
  requireOwner(actor, input.role === undefined ? 'suspending or restoring a member' : 'changing a role');
  if (input.role === undefined && input.disabled === undefined && input.employerScope === undefined)
    throw Invalid.one('(body)', 'nothing to change: give role, disabled and/or employerScope');
  const role = input.role === undefined ? undefined : checkRole(input.role);
  if (input.disabled !== undefined && typeof input.disabled !== 'boolean')
    throw Invalid.one('disabled', `expected true or false, got ${JSON.stringify(input.disabled)}`);
  const userId = requireUuid(input.userId, 'user');
  return inTenant(db, actor, async (tx) => {
    const cur = await tx.query<MemberRow>(`${SELECT} WHERE m.user_id = $1 FOR UPDATE OF m`, [userId]);
    if (!cur[0]) throw new NotFound('member', input.userId);
    const from = cur[0];
    const nextRole = role ?? from.role;
    const nextDisabled = input.disabled ?? from.disabled;
    if (nextDisabled && !from.disabled && actor.userId === userId) {
      throw new Conflict('you cannot suspend yourself: another owner may do it', { field: 'disabled' });
    }
    const stillActiveOwner = nextRole === 'owner' && !nextDisabled;
    if (from.role === 'owner' && !from.disabled && !stillActiveOwner && (await ownersLeftWithout(tx, userId)) === 0) {
      throw new Conflict(
        nextDisabled && !from.disabled
          ? 'cannot suspend the last active owner of the organization: make someone else owner first'
          : 'the organization would have no active owner left: make someone else owner first',
        { field: nextDisabled && !from.disabled ? 'disabled' : 'role' },
      );
    }
    if (role !== undefined) {
      const target = await checkSpecialistTarget(tx, {
        role,
        ...(input.caseId !== undefined ? { caseId: input.caseId } : {}),
        ...(input.personId !== undefined ? { personId: input.personId } : {}),
      });
      await tx.query(
        `UPDATE memberships SET role = $2, case_id = $3, person_id = $4,
                employer_scope = CASE WHEN $2 IN ('manager', 'viewer') THEN employer_scope END
         WHERE user_id = $1`,
        [userId, role, target.caseId, target.personId],
      );
      await appendAudit(tx, actor, {
        action: 'member.role',
        entity: 'member',
        entityId: userId,
        details: { from: from.role, to: role, caseId: target.caseId },
      });
    } else if (input.caseId !== undefined || input.personId !== undefined) {
      throw Invalid.one('caseId', 'a case and person are given with the role (role: specialist)');
    }
    if (input.disabled !== undefined && input.disabled !== from.disabled) {
      await tx.query('UPDATE memberships SET disabled = $2 WHERE user_id = $1', [userId, input.disabled]);
      if (input.disabled) await tx.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
      await appendAudit(tx, actor, {
        action: input.disabled ? 'member.suspend' : 'member.restore',
        entity: 'member',
        entityId: userId,
        details: { email: from.email },
      });
    }
    if (input.employerScope !== undefined) await setEmployerScope(tx, actor, userId, nextRole, input.employerScope);
    const rows = await tx.query<MemberRow>(`${SELECT} WHERE m.user_id = $1`, [userId]);
    return toMembership(rows[0]!);
  });
}

/**
 * Limits a manager or viewer to some employers (or lifts the limit: null). An owner sees everything and a
 * specialist their own case, so neither takes a scope. Every employer must be the organization's.
 */
async function setEmployerScope(
  tx: Tx,
  actor: Actor,
  userId: string,
  role: Role,
  scope: readonly string[] | null,
): Promise<void> {
  if (scope !== null && role !== 'manager' && role !== 'viewer')
    throw Invalid.one('employerScope', `only a manager or a viewer is limited to employers (this member is ${role})`);
  let ids: string[] | null = null;
  if (scope !== null) {
    if (!Array.isArray(scope) || scope.length > 1000)
      throw Invalid.one('employerScope', 'expected a list of at most 1000 employer ids, or null for all');
    ids = [...new Set(scope.map((id, i) => requireUuidAt(id, `employerScope.${i}`)))];
    const found = await tx.query<{ employer_id: string }>(
      'SELECT employer_id FROM employers WHERE employer_id = ANY($1::uuid[])',
      [ids],
    );
    const known = new Set(found.map((r) => r.employer_id));
    const unknown = ids.findIndex((id) => !known.has(id));
    if (unknown >= 0) throw Invalid.one(`employerScope.${unknown}`, `no employer ${ids[unknown]} in this organization`);
  }
  await tx.query('UPDATE memberships SET employer_scope = $2::uuid[] WHERE user_id = $1', [userId, ids]);
  // An assignee who may no longer see a case is no longer its assignee.
  if (ids !== null)
    await tx.query(
      'UPDATE cases SET assignee_user_id = NULL WHERE assignee_user_id = $1 AND NOT employer_id = ANY($2::uuid[])',
      [userId, ids],
    );
  await appendAudit(tx, actor, {
    action: 'member.scope',
    entity: 'member',
    entityId: userId,
    details: { employers: ids },
  });
}

function requireUuidAt(id: unknown, path: string): string {
  if (!isUuid(id)) throw Invalid.one(path, `expected an employer id (UUID), got ${JSON.stringify(id)}`);
  return id.toLowerCase();
}

/** Owner: removes a member (never the last owner) and ends their sessions in this organization. */
export async function removeMembership(db: Db, actor: Actor, userId: string): Promise<void> {
  requireOwner(actor, 'removing a member');
  const id = requireUuid(userId, 'user');
  await inTenant(db, actor, async (tx) => {
    const cur = await tx.query<MemberRow>('SELECT role FROM memberships WHERE user_id = $1 FOR UPDATE', [id]);
    if (!cur[0]) throw new NotFound('member', userId);
    if (cur[0].role === 'owner' && (await ownersLeftWithout(tx, id)) === 0)
      throw new Conflict('cannot remove the last owner of the organization');
    await tx.query('DELETE FROM memberships WHERE user_id = $1', [id]);
    await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
    await tx.query('UPDATE cases SET assignee_user_id = NULL WHERE assignee_user_id = $1', [id]);
    await appendAudit(tx, actor, { action: 'member.remove', entity: 'member', entityId: id });
  });
}

export interface UserOrganization {
  orgId: string;
  orgName: string;
  role: Role;
  caseId: string | null;
  /** Suspended there: the user cannot sign in to it. */
  disabled: boolean;
  /** The user's last sign-in there (null: never). */
  lastLoginAt: string | null;
}

/** The organization signed in to most recently, or undefined when none of them has been used yet. */
export function lastUsedOrganization(orgs: readonly UserOrganization[]): UserOrganization | undefined {
  let best: UserOrganization | undefined;
  for (const o of orgs) if (o.lastLoginAt && (!best || o.lastLoginAt > best.lastLoginAt!)) best = o;
  return best;
}

/** System: the organizations a user belongs to (after sign-in, to choose one), suspended ones included. */
export async function organizationsOfUser(db: Db, userId: string): Promise<UserOrganization[]> {
  const id = requireUuid(userId, 'user');
  const rows = await db.query<{
    org_id: string;
    name: string;
    role: Role;
    case_id: string | null;
    disabled: boolean;
    last_login_at: string | null;
  }>(
    `SELECT m.org_id, o.name, m.role, m.case_id, m.disabled, m.last_login_at FROM memberships m JOIN organizations o ON o.org_id = m.org_id
     WHERE m.user_id = $1 ORDER BY o.name`,
    [id],
  );
  return rows.map((r) => ({
    orgId: r.org_id,
    orgName: r.name,
    role: r.role,
    caseId: r.case_id,
    disabled: r.disabled,
    lastLoginAt: r.last_login_at,
  }));
}

/** In a tenant: records a sign-in of the actor's user (the membership's last sign-in, and the audit log). */
export async function recordSignIn(db: Db, actor: Actor, details: Record<string, unknown> = {}): Promise<void> {
  if (!actor.userId) return;
  await inTenant(db, actor, async (tx) => {
    await tx.query('UPDATE memberships SET last_login_at = now() WHERE user_id = $1', [actor.userId]);
    await appendAudit(tx, actor, { action: 'auth.login', entity: 'user', entityId: actor.userId, details });
  });
}

/**
 * The actor for a signed-in user in an organization: their role (and case, for a specialist) from the
 * membership. NotFound when they are not a member: the organization does not exist for them.
 */
export async function resolveActor(db: Db, input: { userId: string; orgId: string; ip?: string }): Promise<Actor> {
  const userId = requireUuid(input.userId, 'user');
  const orgId = requireUuid(input.orgId, 'organization');
  const rows = await inTenant(
    db,
    orgId,
    (tx) => tx.query<MemberRow>(`${SELECT} WHERE m.user_id = $1 AND NOT u.disabled AND NOT m.disabled`, [userId]),
    { readOnly: true },
  );
  const m = rows[0];
  if (!m) throw new NotFound('organization', input.orgId);
  return {
    orgId,
    userId,
    role: m.role,
    ...(m.case_id ? { caseId: m.case_id } : {}),
    ...(m.person_id ? { personId: m.person_id } : {}),
    label: `user:${m.email}`,
    ...(input.ip ? { ip: input.ip } : {}),
    ...(m.employer_scope && (m.role === 'manager' || m.role === 'viewer') ? { employerScope: m.employer_scope } : {}),
  };
}

export interface CreateOwnerInput {
  email: string;
  password: string;
  orgName: string;
  name?: string;
  /** Only while no user exists at all (the first-run page); checked under the lock. */
  firstRun?: boolean;
}

/**
 * `hqs admin create-owner`: creates an organization and its owner. Refuses an organization that exists
 * (it has its owner; more are added by that owner). An existing user becomes the owner of the new
 * organization only with their own password.
 */
export async function createOwner(
  db: Db,
  input: CreateOwnerInput,
): Promise<{ organization: Organization; user: User; newUser: boolean }> {
  const email = normalizeEmail(input.email);
  return inSystem(db, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7242024)');
    // The first run (web /setup): under the same lock, so two servers on one database cannot both pass.
    if (input.firstRun && (await tx.query('SELECT 1 FROM users LIMIT 1')).length > 0) {
      throw new Conflict('HQS Desk is set up already: an owner signs in and adds people', { field: '(root)' });
    }
    const existing = await findOrganizationByName(tx, input.orgName);
    if (existing) {
      const owners = await tx.query<{ email: string }>(
        `SELECT u.email FROM memberships m JOIN users u USING (user_id) WHERE m.org_id = $1 AND m.role = 'owner' ORDER BY u.email`,
        [existing.orgId],
      );
      throw new Conflict(
        `the organization "${existing.name}" already exists${owners.length ? ` and has an owner (${owners.map((o) => o.email).join(', ')})` : ''}; ` +
          'an owner adds more people; to create another organization give a new --org name',
        { field: 'org' },
      );
    }
    let user = await findUserByEmail(tx, email);
    let newUser = false;
    if (user) {
      const row = await tx.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE user_id = $1', [
        user.userId,
      ]);
      if (!(await verifyPassword(input.password, row[0]!.password_hash))) {
        throw new Conflict(`a user with the email ${email} exists and the password given is not theirs`, {
          field: 'password',
        });
      }
    } else {
      user = await insertUser(tx, { email, password: input.password, ...(input.name ? { name: input.name } : {}) });
      newUser = true;
    }
    const organization = await insertOrganization(tx, input.orgName);
    await tx.query(`INSERT INTO memberships (org_id, user_id, role) VALUES ($1, $2, 'owner')`, [
      organization.orgId,
      user.userId,
    ]);
    await tx.query(
      `INSERT INTO audit_log (org_id, actor_user_id, actor, action, entity, entity_id, details)
       VALUES ($1, NULL, 'cli', 'member.add', 'member', $2, $3::jsonb)`,
      [organization.orgId, user.userId, JSON.stringify({ role: 'owner', email })],
    );
    return { organization, user, newUser };
  });
}

/** System: is there any owner at all (first run)? */
export async function anyOwnerExists(db: Db): Promise<boolean> {
  const r = await db.query(`SELECT 1 FROM memberships WHERE role = 'owner' LIMIT 1`);
  return r.length > 0;
}

/**
 * Owner (administration and tests): creates a new user with a password the owner passes on and adds them.
 * An email that has an account already is refused — such a person is invited (createInvitation) and
 * joins by accepting; nobody is added to an organization without saying yes.
 */
export async function addMemberByEmail(
  db: Db,
  actor: Actor,
  input: Omit<MembershipInput, 'userId'> & { email: string; password: string; name?: string },
): Promise<Membership> {
  requireOwner(actor, 'adding a member');
  const email = normalizeEmail(input.email);
  if (await findUserByEmail(db, email))
    throw new Conflict(`${email} has an account: invite them (createInvitation); they join by accepting`, {
      field: 'email',
    });
  const user = await inSystem(db, (tx) =>
    insertUser(tx, { email, password: input.password, ...(input.name ? { name: input.name } : {}) }),
  );
  const { email: _e, password: _p, name: _n, ...rest } = input;
  return addMembership(db, actor, { ...rest, userId: user.userId });
}

export interface ActorDetails {
  orgName: string;
  /** The signed-in user's email and name (null for an API token). */
  email: string | null;
  name: string | null;
}

/** The organization's name and the actor's user, for the session info. */
export async function describeActor(db: Db, actor: Actor): Promise<ActorDetails> {
  const rows = await inTenant(
    db,
    actor,
    (tx) =>
      tx.query<{ org_name: string; email: string | null; name: string | null }>(
        'SELECT o.name AS org_name, u.email, u.name FROM organizations o LEFT JOIN users u ON u.user_id = $1::uuid',
        [actor.userId],
      ),
    { readOnly: true },
  );
  const r = rows[0];
  if (!r) throw new NotFound('organization', actor.orgId);
  return { orgName: r.org_name, email: r.email, name: r.name };
}
