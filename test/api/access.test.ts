// Account and organization, on PGlite and on PostgreSQL: the session info, the organization (read,
// rename), changing one's password, suspending and restoring a member per organization, and invitations
// (create, list, revoke, the public look-up and acceptance for a new and an existing user, throttling).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../store/backends.ts';
import { makeCase, PASSWORD, testEngine } from '../store/fixtures.ts';
import { createOwner } from '../../src/store/memberships.ts';
import { systemActor } from '../../src/store/actor.ts';
import { createSession, resolveActor, updateMembership } from '../../src/store/index.ts';
import { createApp } from '../../src/server/app.ts';
import { loadLaw } from '../../src/law/node.ts';
import { addMember as addMemberBy, Client, isProblem, startApi, type ApiEnv, type Res } from './harness.ts';

const A = 'ann@acc.example';
const B = 'bob@other.example';
const NEW_PASSWORD = 'a different long passphrase';

const paths = (r: Res): string[] => (r.body.errors ?? []).map((e: { path: string }) => e.path);

describe.each(BACKENDS)('accounts, the organization and invitations on %s', (backend) => {
  let env: ApiEnv;
  let owner: Client;
  let other: Client;
  let orgA: string;
  let orgB: string;
  let annId: string;
  let caseA: string;

  const member = async (email: string) =>
    (await owner.get('/api/v1/members')).body.find((m: { email: string }) => m.email === email);
  const audit = async (action: string) => (await owner.get(`/api/v1/audit?action=${action}&order=desc`)).body.items;
  const addMember = (email: string, role: string, extra: Record<string, string> = {}) =>
    addMemberBy(owner, email, role, extra);

  beforeAll(async () => {
    env = await startApi(backend);
    owner = new Client(env.url);
    const s = await owner.post('/api/v1/setup', {
      json: { email: A, password: PASSWORD, orgName: 'Agency Acc', name: 'Ann' },
    });
    expect(s.status).toBe(201);
    orgA = s.body.orgId;
    annId = s.body.userId;
    expect((await owner.login(A, PASSWORD)).status).toBe(200);
    orgB = (await createOwner(env.db, { email: B, password: PASSWORD, orgName: 'Other Org' })).organization.orgId;
    other = new Client(env.url);
    expect((await other.login(B, PASSWORD)).status).toBe(200);
    caseA = (await owner.post('/api/v1/cases', { json: makeCase(1, { employer: 1 }) })).body.caseId;
  }, 120_000);

  afterAll(async () => {
    await env?.close();
  });

  it("names the organization and the user in the session; a specialist's has their case and person; a token's has no user", async () => {
    const c = new Client(env.url);
    const login = await c.login(A, PASSWORD);
    expect(login.body).toMatchObject({
      orgId: orgA,
      orgName: 'Agency Acc',
      role: 'owner',
      user: { userId: annId, email: A, name: 'Ann', label: `user:${A}` },
      organizations: [{ orgId: orgA, orgName: 'Agency Acc', role: 'owner' }],
    });
    expect(login.body.caseId).toBeUndefined();
    const s = await c.get('/api/v1/auth/session');
    expect(s.body).toMatchObject({ orgName: 'Agency Acc', user: { email: A }, csrfToken: c.csrf });

    await addMember('spe@acc.example', 'specialist', { caseId: caseA, personId: 'p2' });
    const spec = new Client(env.url);
    const sl = await spec.login('spe@acc.example', PASSWORD);
    expect(sl.body).toMatchObject({
      role: 'specialist',
      caseId: caseA,
      personId: 'p2',
      orgName: 'Agency Acc',
      user: { email: 'spe@acc.example' },
    });
    expect((await spec.get('/api/v1/auth/session')).body).toMatchObject({ caseId: caseA, personId: 'p2' });

    const t = await owner.post('/api/v1/tokens', { json: { name: 'sync', role: 'viewer' } });
    const viaToken = await Client.withToken(env.url, t.body.token).get('/api/v1/auth/session');
    expect(viaToken.body).toMatchObject({
      orgId: orgA,
      orgName: 'Agency Acc',
      role: 'viewer',
      user: { userId: null, email: null },
      csrfToken: null,
    });
    expect(viaToken.body.organizations).toBeUndefined();
  });

  it('shows the organization with its counts and lets an owner rename it (audited); a taken or empty name is refused', async () => {
    const org = await owner.get('/api/v1/organization');
    expect(org.status).toBe(200);
    const members = (await owner.get('/api/v1/members')).body.length;
    expect(org.body).toMatchObject({
      orgId: orgA,
      name: 'Agency Acc',
      members,
      activeMembers: members,
      cases: 1,
      openCases: 1,
    });
    expect(Date.parse(org.body.createdAt)).not.toBeNaN();
    const renamed = await owner.patch('/api/v1/organization', { json: { name: '  Agency   Accent ' } });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ orgId: orgA, name: 'Agency Accent', cases: 1 });
    expect((await owner.get('/api/v1/auth/session')).body.orgName).toBe('Agency Accent');
    expect((await audit('organization.rename'))[0]).toMatchObject({
      actor: `user:${A}`,
      details: { name: 'Agency Accent' },
    });
    const taken = await owner.patch('/api/v1/organization', { json: { name: 'other org' } });
    expect(isProblem(taken, 409)).toBe(true);
    expect(paths(taken)).toEqual(['name']);
    expect(isProblem(await owner.patch('/api/v1/organization', { json: { name: '   ' } }), 422)).toBe(true);
    expect((await owner.patch('/api/v1/organization', { json: { name: 'Agency Acc' } })).status).toBe(200);
    const spec = new Client(env.url);
    await spec.login('spe@acc.example', PASSWORD);
    expect(isProblem(await spec.get('/api/v1/organization'), 403)).toBe(true);
  });

  it('changes a password: checks the current one, refuses a weak one, ends the other sessions, throttles guesses', async () => {
    await addMember('pat@acc.example', 'manager');
    const here = new Client(env.url);
    const there = new Client(env.url);
    await here.login('pat@acc.example', PASSWORD);
    await there.login('pat@acc.example', PASSWORD);
    const wrong = await here.post('/api/v1/auth/password', {
      json: { currentPassword: 'not it at all', newPassword: NEW_PASSWORD },
    });
    expect(isProblem(wrong, 422)).toBe(true);
    expect(paths(wrong)).toEqual(['currentPassword']);
    const weak = await here.post('/api/v1/auth/password', {
      json: { currentPassword: PASSWORD, newPassword: 'password1234' },
    });
    expect(isProblem(weak, 422)).toBe(true);
    expect(paths(weak)).toEqual(['newPassword']);
    const same = await here.post('/api/v1/auth/password', {
      json: { currentPassword: PASSWORD, newPassword: PASSWORD },
    });
    expect(paths(same)).toEqual(['newPassword']);
    expect(
      isProblem(
        await here.post('/api/v1/auth/password', {
          json: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
          noCsrf: true,
        }),
        403,
      ),
    ).toBe(true);

    const ok = await here.post('/api/v1/auth/password', {
      json: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ endedSessions: 1 });
    expect((await here.get('/api/v1/auth/session')).status).toBe(200);
    expect(isProblem(await there.get('/api/v1/auth/session'), 401)).toBe(true);
    expect(isProblem(await new Client(env.url).login('pat@acc.example', PASSWORD), 401)).toBe(true);
    expect((await new Client(env.url).login('pat@acc.example', NEW_PASSWORD)).status).toBe(200);
    expect((await audit('auth.password'))[0]).toMatchObject({
      actor: 'user:pat@acc.example',
      details: { endedSessions: 1 },
    });

    // An API token has no password.
    const t = await owner.post('/api/v1/tokens', { json: { name: 'pw', role: 'manager' } });
    expect(
      isProblem(
        await Client.withToken(env.url, t.body.token).post('/api/v1/auth/password', {
          json: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
        }),
        403,
      ),
    ).toBe(true);

    // Guessing the current password is throttled like signing in.
    await addMember('gus@acc.example', 'viewer');
    const g = new Client(env.url);
    await g.login('gus@acc.example', PASSWORD);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await g.post('/api/v1/auth/password', {
            json: { currentPassword: `guess number ${i}`, newPassword: NEW_PASSWORD },
          })
        ).status,
      );
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429]);
  });

  it('suspends and restores a member in one organization only; never oneself nor the last active owner', async () => {
    const miaId = await addMember('mia@acc.example', 'manager');
    // Mia belongs to the other organization too.
    await addMemberBy(other, 'mia@acc.example', 'viewer');
    const mia = new Client(env.url);
    expect((await mia.login('mia@acc.example', PASSWORD, orgA)).status).toBe(200);
    expect(await member('mia@acc.example')).toMatchObject({
      userId: miaId,
      email: 'mia@acc.example',
      disabled: false,
      lastLoginAt: expect.any(String),
    });

    const off = await owner.patch(`/api/v1/members/${miaId}`, { json: { disabled: true } });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body).toMatchObject({ userId: miaId, role: 'manager', disabled: true });
    expect(isProblem(await mia.get('/api/v1/cases'), 401)).toBe(true);
    // Whatever session or sign-in would name her there, the membership no longer resolves to an actor.
    await expect(resolveActor(env.db, { userId: miaId, orgId: orgA })).rejects.toThrow(/not found/);
    await expect(createSession(env.db, { userId: miaId, orgId: orgA })).rejects.toThrow(/not found/);
    expect((await resolveActor(env.db, { userId: miaId, orgId: orgB })).role).toBe('viewer');
    const refused = await new Client(env.url).login('mia@acc.example', PASSWORD, orgA);
    expect(isProblem(refused, 403)).toBe(true);
    expect(refused.body.detail).toMatch(/suspended/);
    // Without naming one, she signs in to the organization where she is not suspended.
    const elsewhere = await new Client(env.url).login('mia@acc.example', PASSWORD);
    expect(elsewhere.body).toMatchObject({ orgId: orgB, organizations: [{ orgId: orgB }] });
    expect((await owner.get('/api/v1/organization')).body.activeMembers).toBe(
      (await owner.get('/api/v1/members')).body.length - 1,
    );
    expect((await audit('member.suspend'))[0]).toMatchObject({ entityId: miaId });

    const on = await owner.patch(`/api/v1/members/${miaId}`, { json: { disabled: false } });
    expect(on.body.disabled).toBe(false);
    expect((await new Client(env.url).login('mia@acc.example', PASSWORD, orgA)).status).toBe(200);
    expect((await audit('member.restore'))[0]).toMatchObject({ entityId: miaId });

    const self = await owner.patch(`/api/v1/members/${annId}`, { json: { disabled: true } });
    expect(isProblem(self, 409)).toBe(true);
    expect(paths(self)).toEqual(['disabled']);
    const olgaId = await addMember('olga@acc.example', 'owner');
    expect((await owner.patch(`/api/v1/members/${olgaId}`, { json: { disabled: true } })).status).toBe(200);
    // Ann is now the only active owner: she may not step down, and nobody may suspend her.
    const stepDown = await owner.patch(`/api/v1/members/${annId}`, { json: { role: 'manager' } });
    expect(isProblem(stepDown, 409)).toBe(true);
    await expect(updateMembership(env.db, systemActor(orgA), { userId: annId, disabled: true })).rejects.toThrow(
      /last active owner/,
    );
    expect(isProblem(await owner.patch(`/api/v1/members/${annId}`, { json: {} }), 422)).toBe(true);
    expect(
      (await owner.patch(`/api/v1/members/${olgaId}`, { json: { disabled: false, role: 'manager' } })).body,
    ).toMatchObject({ role: 'manager', disabled: false });
    expect(await member(A)).toMatchObject({ role: 'owner', disabled: false });
  });

  it('makes invitation links absolute on PUBLIC_URL when it is set, so they open on a phone', async () => {
    const { app } = createApp({
      db: env.db,
      engine: testEngine(),
      law: loadLaw(),
      publicUrl: 'https://hqs.example.ru',
      log: () => {},
    });
    const r = await app.request('/api/v1/invitations', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: owner.cookie ?? '',
        'x-csrf-token': owner.csrf ?? '',
      },
      body: JSON.stringify({ email: 'phone.reader@acc.example', role: 'viewer' }),
    });
    const body = (await r.json()) as { url: string; token: string };
    expect(r.status, JSON.stringify(body)).toBe(201);
    expect(body.url).toBe(`https://hqs.example.ru/invite#${body.token}`);
  });

  it('invites a new person: the token once, a public look-up and acceptance that signs them in; used once', async () => {
    const inv = await owner.post('/api/v1/invitations', { json: { email: 'New.Person@Acc.example', role: 'manager' } });
    expect(inv.status, JSON.stringify(inv.body)).toBe(201);
    const { token, invitationId } = inv.body;
    expect(token).toMatch(/^hqsi_[A-Za-z0-9_-]{43}$/);
    expect(inv.body.url).toBe(`/invite#${token}`);
    const days = (Date.parse(inv.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
    expect(inv.body.invitation).toMatchObject({
      invitationId,
      email: 'new.person@acc.example',
      role: 'manager',
      acceptedAt: null,
    });
    const list = await owner.get('/api/v1/invitations');
    expect(list.body.map((i: { invitationId: string }) => i.invitationId)).toContain(invitationId);
    expect(JSON.stringify(list.body)).not.toContain(token);
    const rows = await env.db.query<{ token_hash: string }>(
      'SELECT token_hash FROM invitations WHERE invitation_id = $1',
      [invitationId],
    );
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.token_hash).not.toContain(token);

    const anon = new Client(env.url);
    const look = await anon.post('/api/v1/invitations/lookup', { json: { token } });
    expect(look.body).toEqual({
      orgName: 'Agency Acc',
      email: 'new.person@acc.example',
      role: 'manager',
      expiresAt: inv.body.expiresAt,
      existingUser: false,
    });
    expect(
      isProblem(await anon.post('/api/v1/invitations/lookup', { json: { token: `${token.slice(0, -2)}xx` } }), 404),
    ).toBe(true);
    expect(isProblem(await anon.post('/api/v1/invitations/lookup', { json: { token: 'nonsense' } }), 404)).toBe(true);
    const weak = await anon.post('/api/v1/invitations/accept', { json: { token, password: 'qwertyuiop12' } });
    expect(isProblem(weak, 422)).toBe(true);
    expect(paths(weak)).toEqual(['password']);

    const accepted = await anon.post('/api/v1/invitations/accept', {
      json: { token, password: NEW_PASSWORD, name: 'Nina New' },
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.headers.get('set-cookie')).toMatch(/hqs_session=.+HttpOnly/i);
    expect(accepted.body).toMatchObject({
      orgId: orgA,
      orgName: 'Agency Acc',
      role: 'manager',
      user: { email: 'new.person@acc.example', name: 'Nina New' },
    });
    anon.csrf = accepted.body.csrfToken;
    expect((await anon.get('/api/v1/cases')).body.total).toBe(1);
    expect((await anon.post('/api/v1/employers', { json: makeCase(5, { employer: 5 }).employer })).status).toBe(201);
    expect((await new Client(env.url).login('new.person@acc.example', NEW_PASSWORD)).status).toBe(200);

    expect(isProblem(await new Client(env.url).post('/api/v1/invitations/lookup', { json: { token } }), 404)).toBe(
      true,
    );
    expect(
      isProblem(
        await new Client(env.url).post('/api/v1/invitations/accept', { json: { token, password: NEW_PASSWORD } }),
        404,
      ),
    ).toBe(true);
    expect(
      (await owner.get('/api/v1/invitations')).body.map((i: { invitationId: string }) => i.invitationId),
    ).not.toContain(invitationId);
    expect(isProblem(await owner.del(`/api/v1/invitations/${invitationId}`), 409)).toBe(true);
    expect((await audit('invitation.accept'))[0]).toMatchObject({
      entityId: invitationId,
      actor: 'user:new.person@acc.example',
      ip: '127.0.0.1',
      details: { newUser: true },
    });
    expect((await audit('invitation.create')).some((e: { entityId: string }) => e.entityId === invitationId)).toBe(
      true,
    );
    expect(await member('new.person@acc.example')).toMatchObject({ role: 'manager', disabled: false });
  });

  it('invites a specialist to their case and person, and an existing user who accepts with their own password', async () => {
    const missing = await owner.post('/api/v1/invitations', { json: { email: 'kid@acc.example', role: 'specialist' } });
    expect(isProblem(missing, 422)).toBe(true);
    expect(paths(missing)).toEqual(['caseId', 'personId']);
    const noPerson = await owner.post('/api/v1/invitations', {
      json: { email: 'kid@acc.example', role: 'specialist', caseId: caseA, personId: 'p9' },
    });
    expect(paths(noPerson)).toEqual(['personId']);
    expect(
      paths(
        await owner.post('/api/v1/invitations', { json: { email: 'kid@acc.example', role: 'viewer', caseId: caseA } }),
      ),
    ).toEqual(['caseId']);
    expect(
      isProblem(await owner.post('/api/v1/invitations', { json: { email: 'mia@acc.example', role: 'viewer' } }), 409),
    ).toBe(true);

    const first = await owner.post('/api/v1/invitations', {
      json: { email: 'kid@acc.example', role: 'specialist', caseId: caseA, personId: 'p3' },
    });
    // Inviting the same email again replaces the pending invitation: the first link stops working.
    const second = await owner.post('/api/v1/invitations', {
      json: { email: 'kid@acc.example', role: 'specialist', caseId: caseA, personId: 'p3' },
    });
    expect(second.status).toBe(201);
    expect(
      isProblem(
        await new Client(env.url).post('/api/v1/invitations/lookup', { json: { token: first.body.token } }),
        404,
      ),
    ).toBe(true);
    const kid = new Client(env.url);
    const acc = await kid.post('/api/v1/invitations/accept', {
      json: { token: second.body.token, password: NEW_PASSWORD },
    });
    expect(acc.status, JSON.stringify(acc.body)).toBe(200);
    expect(acc.body).toMatchObject({ role: 'specialist', caseId: caseA, personId: 'p3' });
    expect((await kid.get(`/api/v1/cases/${caseA}`)).status).toBe(200);
    expect(isProblem(await kid.get('/api/v1/obligations'), 403)).toBe(true);

    // Bob, owner of the other organization, is invited here as a viewer.
    const inv = await owner.post('/api/v1/invitations', { json: { email: B, role: 'viewer' } });
    const look = await new Client(env.url).post('/api/v1/invitations/lookup', { json: { token: inv.body.token } });
    expect(look.body).toMatchObject({ existingUser: true, role: 'viewer' });
    const bob = new Client(env.url);
    const wrong = await bob.post('/api/v1/invitations/accept', {
      json: { token: inv.body.token, password: 'not bobs password at all' },
    });
    expect(isProblem(wrong, 401)).toBe(true);
    expect(paths(wrong)).toEqual(['password']);
    const ok = await bob.post('/api/v1/invitations/accept', {
      json: { token: inv.body.token, password: PASSWORD, name: 'ignored for an existing user' },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ orgId: orgA, role: 'viewer', user: { email: B } });
    expect(ok.body.organizations.map((o: { orgId: string }) => o.orgId).sort()).toEqual([orgA, orgB].sort());
    // Still the owner over there, with the same password.
    expect((await new Client(env.url).login(B, PASSWORD, orgB)).body.role).toBe('owner');
  });

  it('revokes a pending invitation; an expired one is gone; only owners manage them', async () => {
    const inv = await owner.post('/api/v1/invitations', { json: { email: 'rev@acc.example', role: 'viewer' } });
    expect((await owner.del(`/api/v1/invitations/${inv.body.invitationId}`)).status).toBe(204);
    expect(
      isProblem(await new Client(env.url).post('/api/v1/invitations/lookup', { json: { token: inv.body.token } }), 404),
    ).toBe(true);
    expect(isProblem(await owner.del(`/api/v1/invitations/${inv.body.invitationId}`), 404)).toBe(true);
    expect((await audit('invitation.revoke'))[0]).toMatchObject({ entityId: inv.body.invitationId });

    const old = await owner.post('/api/v1/invitations', { json: { email: 'late@acc.example', role: 'viewer' } });
    await env.db.query(
      `UPDATE invitations SET created_at = now() - interval '8 days', expires_at = now() - interval '1 day' WHERE invitation_id = $1`,
      [old.body.invitationId],
    );
    expect(
      isProblem(await new Client(env.url).post('/api/v1/invitations/lookup', { json: { token: old.body.token } }), 404),
    ).toBe(true);
    expect(
      isProblem(
        await new Client(env.url).post('/api/v1/invitations/accept', {
          json: { token: old.body.token, password: NEW_PASSWORD },
        }),
        404,
      ),
    ).toBe(true);
    expect(
      (await owner.get('/api/v1/invitations')).body.map((i: { invitationId: string }) => i.invitationId),
    ).not.toContain(old.body.invitationId);

    const mia = new Client(env.url);
    await mia.login('mia@acc.example', PASSWORD, orgA);
    expect(isProblem(await mia.get('/api/v1/invitations'), 403)).toBe(true);
    expect(
      isProblem(await mia.post('/api/v1/invitations', { json: { email: 'x@acc.example', role: 'viewer' } }), 403),
    ).toBe(true);
  });

  it('throttles the public invitation routes per address, with Retry-After', async () => {
    const { app } = createApp({
      db: env.db,
      engine: testEngine(),
      law: loadLaw(),
      invitationLimit: { capacity: 2, perSecond: 0.01 },
      log: () => {},
    });
    const post = (path: string, body: unknown) =>
      app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('/api/v1/invitations/lookup', { token: 'hqsi_unknown' })).status).toBe(404);
    expect((await post('/api/v1/invitations/accept', { token: 'hqsi_unknown', password: NEW_PASSWORD })).status).toBe(
      404,
    );
    const third = await post('/api/v1/invitations/lookup', { token: 'hqsi_unknown' });
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
