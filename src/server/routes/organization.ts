// The organization and who may act in it. The store checks roles (owners manage members, tokens and
// invitations); accepting an invitation proves a password through the sign-in service and signs in.
import { getCookie } from 'hono/cookie';
import * as store from '../../store/index.ts';
import { acceptInvitation } from '../../services/sign-in.ts';
import type { ServerContext } from '../context.ts';
import { DEVICE_COOKIE, type Handlers } from '../http.ts';
import { HttpProblem } from '../problem.ts';
import { json, noContent, stripUndefined } from '../reply.ts';
import { keepDevice, signIn } from '../session.ts';
import { routes } from './organization.contract.ts';
import { mailInvitation } from '../../mail/notices.ts';

export { routes };

/** A new invitation as answered, with its token (shown this once) and the link to pass on. */
const invitationAnswer = (invitation: store.Invitation, token: string, publicUrl: string | undefined) => ({
  invitationId: invitation.invitationId,
  token,
  url: `${publicUrl ?? ''}/invite#${token}`,
  expiresAt: invitation.expiresAt,
  invitation,
});

export function handlers(x: ServerContext): Handlers<typeof routes> {
  const { db } = x;
  /** With mail on, the invitation is also mailed (the link shown on screen stays, for when it is not). */
  const mailIt = async (invitation: store.Invitation, token: string) => {
    if (!x.mailOn) return;
    await mailInvitation(db, invitation, `${x.mailBase()}/invite#${token}`);
    x.mailQueued();
  };
  return {
    getOrganization: async ({ c, actor }) => json(c, await store.organizationSummary(db, actor)),
    renameOrganization: async ({ c, actor, body }) => {
      await store.renameOrganization(db, actor, body.name);
      return json(c, await store.organizationSummary(db, actor));
    },

    listTokens: async ({ c, actor }) => json(c, await store.listApiTokens(db, actor)),
    createToken: async ({ c, actor, body }) => json(c, await store.createApiToken(db, actor, body), 201),
    revokeToken: async ({ c, actor, params }) => json(c, await store.revokeApiToken(db, actor, params.id)),

    listMembers: async ({ c, actor }) => json(c, await store.listMemberships(db, actor)),
    addMember: async ({ c, actor, body }) => {
      // Nobody joins an organization without saying yes, and the answer says nothing about the email.
      const given = (['password', 'name'] as const).filter((k) => body[k] !== undefined);
      if (given.length)
        throw new HttpProblem(
          422,
          'a person joins by accepting an invitation, choosing their own password and name: leave out password and name',
          given.map((k) => ({ path: k, message: `not taken: the person gives their own ${k} when accepting` })),
        );
      const { email, role, caseId, personId } = body;
      const input = stripUndefined({ email, role, caseId, personId });
      const { invitation, token } = await store.createInvitation(db, actor, input);
      await mailIt(invitation, token);
      return json(c, invitationAnswer(invitation, token, x.publicUrl), 202);
    },
    updateMember: async ({ c, actor, params, body }) =>
      json(c, await store.updateMembership(db, actor, stripUndefined({ ...body, userId: params.userId }))),
    removeMember: async ({ c, actor, params }) => {
      await store.removeMembership(db, actor, params.userId);
      return noContent(c);
    },

    createInvitation: async ({ c, actor, body }) => {
      const { invitation, token } = await store.createInvitation(db, actor, stripUndefined(body));
      await mailIt(invitation, token);
      return json(c, invitationAnswer(invitation, token, x.publicUrl), 201);
    },
    listInvitations: async ({ c, actor }) => json(c, await store.listInvitations(db, actor)),
    revokeInvitation: async ({ c, actor, params }) => {
      await store.revokeInvitation(db, actor, params.id);
      return noContent(c);
    },
    lookupInvitation: async ({ c, body }) => json(c, await store.lookupInvitation(db, body.token)),
    acceptInvitation: async ({ c, body, ip }) => {
      const device = getCookie(c, DEVICE_COOKIE);
      const r = await acceptInvitation(db, body, { ip, device }, x.throttle);
      keepDevice(x, c, r.device, device);
      return json(c, await signIn(x, c, r.userId, r.orgId, ip, undefined, { invitation: true }));
    },
  };
}
