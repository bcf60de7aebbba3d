// Who is acting, in which organization, with which role — the input of every tenant repository call.
// The HTTP layer builds it from a session or an API token (resolveActor); the CLI and the sweep use a
// system actor. Role rules live here, in one place:
//   owner       everything, including members, tokens and the audit log
//   manager     reads and edits cases, employers, documents; no members, tokens or audit log
//   viewer      reads
//   specialist  reads their own case (and family) and uploads documents for it; nothing else exists for them
import { Forbidden, NotFound } from './errors.ts';

export const ROLES = ['owner', 'manager', 'viewer', 'specialist'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  orgId: string;
  /** The signed-in user; null for an API token, the command line or the sweep. */
  userId: string | null;
  role: Role;
  /** A specialist's case. */
  caseId?: string;
  /** A specialist's own person in that case. */
  personId?: string;
  /** Who, for the audit log: `user:ann@example.com`, `token:hqs_ab12cd`, `cli`, `system:sweep`. */
  label: string;
  /** Where the request came from, for the audit log. */
  ip?: string;
  /**
   * The employers a manager or viewer is limited to (memberships.employer_scope); absent: all. The
   * database enforces it (inTenant sets it; restrictive policies of migration 005).
   */
  employerScope?: readonly string[];
}

/** An actor for work done by HQS Desk itself or by its administrator on the command line. */
export function systemActor(orgId: string, label = 'cli'): Actor {
  return { orgId, userId: null, role: 'owner', label };
}

export function canWrite(a: Actor): boolean {
  return a.role === 'owner' || a.role === 'manager';
}

export function requireWrite(a: Actor, what: string): void {
  if (!canWrite(a)) throw new Forbidden(`${what}: a ${a.role} may not make changes (owner or manager needed)`);
}

export function requireOwner(a: Actor, what: string): void {
  if (a.role !== 'owner') throw new Forbidden(`${what}: only an owner may do this (you are ${a.role})`);
}

/** Portfolio-wide reads (lists, employers, obligations): everyone but a specialist. */
export function requirePortfolio(a: Actor, what: string): void {
  if (a.role === 'specialist') throw new Forbidden(`${what}: a specialist sees only their own case`);
}

/** A specialist asking for another case learns nothing: NotFound, as for another organization's case. */
export function requireCaseVisible(a: Actor, caseId: string): void {
  if (a.role === 'specialist' && a.caseId !== caseId) throw new NotFound('case', caseId);
}
