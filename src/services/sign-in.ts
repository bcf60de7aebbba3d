// Proving a password, throttled (src/store/throttle.ts): signing in — and which organization to act in —,
// accepting an invitation as an existing user, changing one's own password. Each attempt is counted before
// the password is checked; a browser that proved the password is trusted from then on (its device token,
// which the caller keeps in a cookie). Plain inputs and the database; refusals are typed domain errors
// (Throttled, Unauthenticated, NotFound, Forbidden, Conflict, Invalid) that a shell maps to its answers.
import * as store from '../store/index.ts';
import type { Actor } from '../store/actor.ts';

/** Where the request came from: its address and the device token it presented, if any. */
export interface Origin {
  ip: string;
  device?: string | undefined;
}

/** The throttle's refusal, at `field`, with how long to wait. */
function throttled(a: { retryAfterSeconds: number; by: 'pair' | 'email' | 'ip' }, field: string): store.Throttled {
  return new store.Throttled(
    `too many failed sign-ins ${a.by === 'ip' ? 'from this address' : 'for this account'}; try again in ${a.retryAfterSeconds} s`,
    a.retryAfterSeconds,
    [{ path: field, message: `wait ${a.retryAfterSeconds} s: failed attempts slow further ones down` }],
  );
}

/** Counts an attempt to prove `email`'s password, or refuses it (Throttled at `field`). */
async function beginAttempt(
  db: store.Db,
  email: string,
  from: Origin,
  field: string,
  policy: store.ThrottlePolicy | undefined,
): Promise<number> {
  const attempt = await store.beginLoginAttempt(
    db,
    { email, ip: from.ip, ...(from.device ? { device: from.device } : {}) },
    policy,
  );
  if (!attempt.allowed) throw throttled(attempt, field);
  return attempt.attemptId;
}

/** The organization named, or the one to sign in to without a name: the only one, else the one used last. */
export type OrganizationChoice =
  | { org: store.UserOrganization; orgs: store.UserOrganization[] }
  /** Several organizations and none used yet: the user chooses (never by name order). */
  | { org: null; choose: store.UserOrganization[]; orgs: store.UserOrganization[] };

export async function chooseOrganization(
  db: store.Db,
  userId: string,
  orgId: string | undefined,
): Promise<OrganizationChoice> {
  const orgs = await store.organizationsOfUser(db, userId);
  if (orgId) {
    const org = orgs.find((o) => o.orgId === orgId);
    if (!org)
      throw new store.NotFound('organization', orgId, {
        message: `organization ${orgId} not found for this user`,
        problems: [{ path: 'orgId', message: 'no membership' }],
      });
    if (org.disabled)
      throw new store.Forbidden(`your membership in "${org.orgName}" is suspended: ask its owner to restore it`, [
        { path: 'orgId', message: 'membership suspended' },
      ]);
    return { org, orgs };
  }
  const active = orgs.filter((o) => !o.disabled);
  if (!active.length) {
    const why = orgs.length
      ? `your membership${orgs.length === 1 ? '' : 's'} in ${orgs.map((o) => `"${o.orgName}"`).join(', ')} ${orgs.length === 1 ? 'is' : 'are'} suspended`
      : 'this user belongs to no organization';
    throw new store.Forbidden(why, [
      { path: 'email', message: orgs.length ? 'membership suspended' : 'no membership' },
    ]);
  }
  const org = active.length === 1 ? active[0] : store.lastUsedOrganization(active);
  return org ? { org, orgs } : { org: null, choose: active, orgs };
}

/** The refusal of a sign-in that must name its organization (409, listing those it may choose). */
export function mustChoose(choose: readonly store.UserOrganization[]): store.Conflict {
  return new store.Conflict(`you belong to ${choose.length} organizations: choose one and sign in with its orgId`, {
    field: 'orgId',
    reasons: ['choose the organization to sign in to'],
    organizations: choose.map((o) => ({ orgId: o.orgId, orgName: o.orgName, role: o.role })),
  });
}

export type PasswordSignIn = OrganizationChoice & {
  userId: string;
  /** The device token of this browser, now trusted for the account (new unless the one presented). */
  device: string;
};

/**
 * Signs in with email and password: counts the attempt (Throttled), checks the password (Unauthenticated),
 * chooses the organization (NotFound, Forbidden for a suspended membership). A right password with an
 * organization chosen, or still to choose, makes the browser a trusted device.
 */
export async function passwordSignIn(
  db: store.Db,
  input: { email: string; password: string; orgId?: string | undefined },
  from: Origin,
  policy?: store.ThrottlePolicy,
): Promise<PasswordSignIn> {
  const attemptId = await beginAttempt(db, input.email, from, 'email', policy);
  const user = await store.authenticate(db, input.email, input.password);
  await store.finishLoginAttempt(db, attemptId, user !== null);
  if (!user)
    throw new store.Unauthenticated('wrong email or password', [
      { path: 'password', message: 'wrong email or password', code: 'sign-in.wrong' },
    ]);
  const choice = await chooseOrganization(db, user.userId, input.orgId);
  const device = await store.trustDevice(db, user.userId, from.device);
  return { ...choice, userId: user.userId, device };
}

/**
 * Accepts an invitation: a new user sets their password; an existing one proves theirs, counted like a
 * sign-in (Throttled; Unauthenticated when wrong). The browser becomes a trusted device of the user.
 */
export async function acceptInvitation(
  db: store.Db,
  input: { token: string; password: string; name?: string | undefined },
  from: Origin,
  policy?: store.ThrottlePolicy,
): Promise<{ userId: string; orgId: string; device: string }> {
  const preview = await store.lookupInvitation(db, input.token);
  const attemptId = preview.existingUser ? await beginAttempt(db, preview.email, from, 'password', policy) : undefined;
  const r = await store.acceptInvitation(db, {
    token: input.token,
    password: input.password,
    ip: from.ip,
    ...(input.name ? { name: input.name } : {}),
  });
  if (!r.ok) {
    throw new store.Unauthenticated(`${r.email} has an account: give its password to accept`, [
      { path: 'password', message: 'not the password of the existing account' },
    ]);
  }
  if (attemptId !== undefined) await store.finishLoginAttempt(db, attemptId, true);
  const device = await store.trustDevice(db, r.userId, from.device);
  return { userId: r.userId, orgId: r.orgId, device };
}

/**
 * A signed-in user changes their own password (`sessionId`: the session they are signed in with, kept;
 * their other sessions end). A wrong current password counts as a failed sign-in.
 */
export async function changeOwnPassword(
  db: store.Db,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; sessionId: string | null },
  from: Origin,
  policy?: store.ThrottlePolicy,
): Promise<{ endedSessions: number }> {
  if (!input.sessionId || !actor.userId)
    throw new store.Forbidden(
      'changing a password needs the signed-in user (the session cookie); an API token has no password',
      [{ path: 'Authorization', message: 'sign in instead' }],
    );
  const { email } = await store.describeActor(db, actor);
  const attemptId = await beginAttempt(db, email!, from, 'currentPassword', policy);
  let r: Awaited<ReturnType<typeof store.changePassword>>;
  try {
    r = await store.changePassword(db, actor, {
      currentPassword: input.currentPassword,
      newPassword: input.newPassword,
      keepSessionId: input.sessionId,
    });
  } catch (e) {
    // Refused for the new password: the current one was right.
    if (store.isStoreError(e)) await store.finishLoginAttempt(db, attemptId, true);
    throw e;
  }
  await store.finishLoginAttempt(db, attemptId, r.ok);
  if (!r.ok) throw store.Invalid.one('currentPassword', 'not your current password', 'password.wrong');
  return { endedSessions: r.endedSessions };
}
