// Organizations: an agency, or an employer's HR. Creating one happens before anyone belongs to it, so it
// is a system operation (the owner's sign-up, `hqs admin create-owner`).
import { randomUUID } from 'node:crypto';
import { appendAudit } from './audit.ts';
import { requireOwner, requirePortfolio, systemActor, type Actor } from './actor.ts';
import { inSystem, inTenant, type Db, type Tx } from './db.ts';
import { Conflict, Invalid, NotFound, sqlState } from './errors.ts';

export interface Organization {
  orgId: string;
  name: string;
  createdAt: string;
}

interface OrgRow {
  org_id: string;
  name: string;
  created_at: string;
}

const toOrg = (r: OrgRow): Organization => ({ orgId: r.org_id, name: r.name, createdAt: r.created_at });

export function checkOrgName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') throw Invalid.one('name', 'the organization needs a name');
  const n = name.trim().replace(/\s+/g, ' ');
  if (n.length > 200) throw Invalid.one('name', `at most 200 characters (got ${n.length})`);
  return n;
}

/** Inside a system transaction: creates the organization (Conflict when the name is taken, in any case). */
export async function insertOrganization(tx: Tx, name: string, actorLabel = 'cli'): Promise<Organization> {
  const n = checkOrgName(name);
  const orgId = randomUUID();
  let rows: OrgRow[];
  try {
    rows = await tx.query<OrgRow>('INSERT INTO organizations (org_id, name) VALUES ($1, $2) RETURNING *', [orgId, n]);
  } catch (e) {
    if (sqlState(e) === '23505')
      throw new Conflict(`an organization named "${n}" already exists`, { field: 'name', code: 'name.taken' });
    throw e;
  }
  await appendAudit(tx, systemActor(orgId, actorLabel), {
    action: 'organization.create',
    entity: 'organization',
    entityId: orgId,
    details: { name: n },
  });
  return toOrg(rows[0]!);
}

export function createOrganization(db: Db, input: { name: string }, actorLabel = 'cli'): Promise<Organization> {
  return inSystem(db, (tx) => insertOrganization(tx, input.name, actorLabel));
}

export async function getOrganization(db: Db, actor: Actor): Promise<Organization> {
  const rows = await inTenant(db, actor, (tx) => tx.query<OrgRow>('SELECT * FROM organizations'), {
    readOnly: true,
  });
  if (rows.length === 0) throw new NotFound('organization', actor.orgId);
  return toOrg(rows[0]!);
}

export async function renameOrganization(db: Db, actor: Actor, name: string): Promise<Organization> {
  requireOwner(actor, 'renaming the organization');
  const n = checkOrgName(name);
  // The application role may only read organizations; the rename runs as the owner, scoped by id.
  return inSystem(db, async (tx) => {
    let rows: OrgRow[];
    try {
      rows = await tx.query<OrgRow>('UPDATE organizations SET name = $2 WHERE org_id = $1 RETURNING *', [
        actor.orgId,
        n,
      ]);
    } catch (e) {
      if (sqlState(e) === '23505')
        throw new Conflict(`an organization named "${n}" already exists`, { field: 'name', code: 'name.taken' });
      throw e;
    }
    if (rows.length === 0) throw new NotFound('organization', actor.orgId);
    await appendAudit(tx, actor, {
      action: 'organization.rename',
      entity: 'organization',
      entityId: actor.orgId,
      details: { name: n },
    });
    return toOrg(rows[0]!);
  });
}

/** System: by name, case-insensitively. */
export async function findOrganizationByName(db: Db | Tx, name: string): Promise<Organization | undefined> {
  const rows = await db.query<OrgRow>('SELECT * FROM organizations WHERE lower(name) = lower($1)', [
    name.trim().replace(/\s+/g, ' '),
  ]);
  return rows[0] ? toOrg(rows[0]) : undefined;
}

/** System: every organization (the sweep, the administrator). */
export async function listOrganizations(db: Db): Promise<Organization[]> {
  return (await db.query<OrgRow>('SELECT * FROM organizations ORDER BY created_at, org_id')).map(toOrg);
}

export interface OrganizationSummary extends Organization {
  /** Members, suspended ones included. */
  members: number;
  /** Members not suspended. */
  activeMembers: number;
  cases: number;
  openCases: number;
}

/** The actor's organization with its counts (everyone but a specialist). */
export async function organizationSummary(db: Db, actor: Actor): Promise<OrganizationSummary> {
  requirePortfolio(actor, 'the organization');
  const rows = await inTenant(
    db,
    actor,
    (tx) =>
      tx.query<OrgRow & { members: number; active_members: number; cases: number; open_cases: number }>(
        `SELECT o.*,
           (SELECT count(*)::int FROM memberships) AS members,
           (SELECT count(*)::int FROM memberships WHERE NOT disabled) AS active_members,
           (SELECT count(*)::int FROM cases) AS cases,
           (SELECT count(*)::int FROM cases WHERE status = 'open') AS open_cases
         FROM organizations o`,
      ),
    { readOnly: true },
  );
  const r = rows[0];
  if (!r) throw new NotFound('organization', actor.orgId);
  return { ...toOrg(r), members: r.members, activeMembers: r.active_members, cases: r.cases, openCases: r.open_cases };
}
