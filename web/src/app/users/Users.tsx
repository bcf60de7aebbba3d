// People and access (/app/users, owners): the members with their roles (a specialist with the case and
// person they may see), suspending, restoring and removing them; invitations (the link shown once) and
// the pending ones; API tokens (the token shown once). The server refuses what would leave the
// organization without an owner, and its reason is shown as it gives it.
import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type * as S from '../../../../src/server/schemas.ts';
import { api, ApiError, type CaseRecord, type Member } from '../../api.ts';
import { Link } from '../../router.tsx';
import { isOwner, useApp } from '../session.tsx';
import { Table, type TableProps } from '../Table.tsx';
import { ErrorBox, Field, Load, PageTitle, StatusTag, describedBy, useData, type Loaded } from '../ui.tsx';
import { asApiError, useAction } from '../useAction.ts';
import { CasePersonPicker, ShownOnce, peopleOf, type CasePerson } from './pickers.tsx';
import { ScopeEditor, ScopeText } from './scope.tsx';
import { useEmployerOptions } from '../pages/common.tsx';
import { MailNotice } from '../mail/Outbox.tsx';

type Invitation = z.infer<typeof S.Invitation>;

/** A link on a loopback address opens only on the machine that made it (PUBLIC_URL not set). */
const loopbackHost = (u: URL): boolean => /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(u.hostname);
type NewInvitation = z.infer<typeof S.NewInvitation>;
type ApiToken = z.infer<typeof S.ApiToken>;
type NewToken = z.infer<typeof S.NewToken>;
type Role = Member['role'];

const ROLES: readonly Role[] = ['owner', 'manager', 'viewer', 'specialist'];
const TOKEN_ROLES = ['manager', 'viewer'] as const;
/** At most this many specialists' cases are read to name the person they are. */
const NAMED_CASES = 25;

/**
 * The error as the problem box should title it: here a 409 is a refusal (the last owner, a member
 * already), not someone else's edit, so it is shown as a plain problem with the server's reason.
 */
const asError = (x: unknown): ApiError => {
  const e = asApiError(x);
  return e.status === 409 ? new ApiError(400, e.detail, e.errors) : e;
};

export function Users() {
  const { t, session } = useApp();
  if (!isOwner(session)) {
    return (
      <main id="main">
        <PageTitle>{t('users.title')}</PageTitle>
        <p className="notice warn">{t('users.ownerOnly')}</p>
      </main>
    );
  }
  return <UsersPage />;
}

function UsersPage() {
  const { t } = useApp();
  const members = useData((signal) => api.listMembers({}, { signal }), []);
  const invitations = useData((signal) => api.listInvitations({}, { signal }), []);
  const cases = useCaseNames([...(members.data ?? []), ...(invitations.data ?? [])]);
  return (
    <main id="main" className="users">
      <PageTitle sub={t('users.intro')}>{t('users.title')}</PageTitle>
      <Members members={members} cases={cases.data} />
      <InviteSection onInvited={invitations.reload} />
      <section aria-labelledby="pending-h">
        <h2 id="pending-h">{t('users.pending.title')}</h2>
        <Load state={invitations}>
          {(list) => <PendingInvitations list={list} reload={invitations.reload} cases={cases.data} />}
        </Load>
      </section>
      <Tokens />
    </main>
  );
}

// ——— Members ———

type CaseNames = Map<string, CaseRecord | null> | undefined;

/** The specialists' cases, to name the case and the person (one read per case, the first NAMED_CASES). */
function useCaseNames(withCases: readonly { caseId: string | null }[]) {
  const ids = [...new Set(withCases.map((m) => m.caseId).filter((x): x is string => !!x))].sort().slice(0, NAMED_CASES);
  return useData(
    async (signal) => {
      const out = new Map<string, CaseRecord | null>();
      await Promise.all(
        ids.map((id) =>
          api.getCase({ id }, { signal }).then(
            (r) => out.set(id, r),
            () => out.set(id, null),
          ),
        ),
      );
      return out;
    },
    [ids.join(',')],
  );
}

/** "the case of CHEN WEI" (a link) and "LI NA (spouse)" for a specialist's case and person. */
function CaseAccess({ caseId, personId, cases }: { caseId: string | null; personId: string | null; cases: CaseNames }) {
  const { t } = useApp();
  if (!caseId) return <span className="hint">{t('users.access.all')}</span>;
  const rec = cases?.get(caseId);
  const person = rec ? peopleOf(rec, t).find((p) => p.personId === personId)?.label : undefined;
  return (
    <>
      <Link href={`/app/cases/${encodeURIComponent(caseId)}`}>
        {rec
          ? t('users.access.case', { name: rec.principalName })
          : t('users.access.caseId', { id: caseId.slice(0, 8) })}
      </Link>
      {personId && <div className="hint">{person ?? t('users.access.person', { id: personId })}</div>}
    </>
  );
}

function Members({ members, cases }: { members: Loaded<Member[]>; cases: CaseNames }) {
  const { t, session, refresh } = useApp();
  const [editing, setEditing] = useState<string | null>(null);
  const [scoping, setScoping] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const employers = useEmployerOptions();
  const [done, setDone] = useState<string | null>(null);
  const me = session?.user.userId;
  const nameOf = (m: Member) => m.name?.trim() || m.email;

  const act = useAction(
    async ({ m, what }: { m: Member; what: 'suspend' | 'restore' | 'remove' }) => {
      setDone(null);
      if (what === 'remove') await api.removeMember({ userId: m.userId });
      else await api.updateMember({ userId: m.userId, body: { disabled: what === 'suspend' } });
      setRemoving(null);
      setDone(t(`users.done.${what}`, { name: nameOf(m) }));
      if (m.userId === me) await refresh();
      members.reload();
    },
    { toError: asError },
  );

  const columns: TableProps<Member>['columns'] = [
    {
      key: 'person',
      header: t('users.col.person'),
      rowHeader: true,
      label: false,
      cell: (m) => (
        <>
          {m.name?.trim() && <div>{m.name}</div>}
          <div className={m.name?.trim() ? 'hint' : undefined}>{m.email}</div>
          {m.userId === me && <div className="hint">{t('users.you')}</div>}
        </>
      ),
    },
    { key: 'role', header: t('users.col.role'), cell: (m) => t(`users.role.${m.role}`) },
    {
      key: 'access',
      header: t('users.col.access'),
      cell: (m) =>
        m.role === 'manager' || m.role === 'viewer' ? (
          <ScopeText scope={m.employerScope} employers={employers.data} />
        ) : (
          <CaseAccess caseId={m.role === 'specialist' ? m.caseId : null} personId={m.personId} cases={cases} />
        ),
    },
    {
      key: 'status',
      header: t('users.col.status'),
      cell: (m) =>
        m.disabled ? (
          <StatusTag status="suspended" label={t('users.status.suspended')} />
        ) : (
          <StatusTag status="ok" label={t('users.status.active')} />
        ),
    },
    {
      key: 'lastLogin',
      header: t('users.col.lastLogin'),
      cell: (m) => (m.lastLoginAt ? t.dateTime(m.lastLoginAt) : t('users.never')),
    },
    {
      key: 'actions',
      header: t('users.col.actions'),
      label: false,
      className: 'actions',
      cell: (m) => {
        const who = nameOf(m);
        return (
          <>
            <button
              type="button"
              className="link"
              aria-expanded={editing === m.userId}
              onClick={() => setEditing(editing === m.userId ? null : m.userId)}
            >
              {t('users.action.role')}
              <span className="visually-hidden"> — {who}</span>
            </button>
            {(m.role === 'manager' || m.role === 'viewer') && (
              <button
                type="button"
                className="link"
                aria-expanded={scoping === m.userId}
                onClick={() => setScoping(scoping === m.userId ? null : m.userId)}
              >
                {t('portfolio.scope.action')}
                <span className="visually-hidden"> — {who}</span>
              </button>
            )}
            {m.userId !== me && (
              <button
                type="button"
                className="link"
                onClick={() => void act.run({ m, what: m.disabled ? 'restore' : 'suspend' })}
              >
                {m.disabled ? t('users.action.restore') : t('users.action.suspend')}
                <span className="visually-hidden"> — {who}</span>
              </button>
            )}
            <button type="button" className="link danger-link" onClick={() => setRemoving(m.userId)}>
              {t('users.action.remove')}
              <span className="visually-hidden"> — {who}</span>
            </button>
          </>
        );
      },
    },
  ];

  /** Under a member's row: the confirmation of removing them, and the editor of their role. */
  const panels = (m: Member, span: number) => {
    const self = m.userId === me;
    const who = nameOf(m);
    return [
      removing === m.userId && (
        <tr key={`${m.userId}-remove`} className="row-panel">
          <td colSpan={span}>
            <p>{t(self ? 'users.remove.confirmSelf' : 'users.remove.confirm', { name: who })}</p>
            <button type="button" className="danger" onClick={() => void act.run({ m, what: 'remove' })}>
              {t('users.remove.yes', { name: who })}
            </button>{' '}
            <button type="button" className="secondary" onClick={() => setRemoving(null)}>
              {t('common.cancel')}
            </button>
          </td>
        </tr>
      ),
      editing === m.userId && (
        <tr key={`${m.userId}-role`} className="row-panel">
          <td colSpan={span}>
            <RoleEditor
              member={m}
              onDone={(changed) => {
                setEditing(null);
                if (changed) {
                  setDone(t('users.done.role', { name: who, role: t(`users.role.${changed}`) }));
                  if (self) void refresh();
                  members.reload();
                }
              }}
            />
          </td>
        </tr>
      ),
      scoping === m.userId && (
        <tr key={`${m.userId}-scope`} className="row-panel">
          <td colSpan={span}>
            <ScopeEditor
              member={m}
              employers={employers.data ?? []}
              onDone={(changed) => {
                setScoping(null);
                if (changed) {
                  setDone(t('portfolio.scope.done', { name: who }));
                  members.reload();
                }
              }}
            />
          </td>
        </tr>
      ),
    ];
  };

  return (
    <section aria-labelledby="members-h">
      <h2 id="members-h">{t('users.members.title')}</h2>
      <ErrorBox error={act.error} />
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      <Load state={members}>
        {(list) => (
          <Table
            columns={columns}
            rows={list}
            rowKey={(m) => m.userId}
            caption={t('users.members.caption', { n: list.length })}
            labels="inline"
            className="members"
            after={panels}
          />
        )}
      </Load>
    </section>
  );
}

function RoleRadios({
  name,
  value,
  onChange,
  error,
}: {
  name: string;
  value: Role;
  onChange: (r: Role) => void;
  error?: string | undefined;
}) {
  const { t } = useApp();
  return (
    <fieldset
      id={name}
      className={`field${error ? ' invalid' : ''}`}
      aria-describedby={error ? `${name}-error` : undefined}
    >
      <legend>{t('users.field.role')}</legend>
      {error && (
        <p className="error" id={`${name}-error`}>
          {error}
        </p>
      )}
      {ROLES.map((r) => (
        <div className="radio with-hint" key={r}>
          <input
            type="radio"
            id={`${name}-${r}`}
            name={name}
            value={r}
            checked={value === r}
            onChange={() => onChange(r)}
            aria-describedby={`${name}-${r}-hint`}
          />
          <label htmlFor={`${name}-${r}`}>{t(`users.role.${r}`)}</label>
          <p className="hint radio-hint" id={`${name}-${r}-hint`}>
            {t(`users.roleHint.${r}`)}
          </p>
        </div>
      ))}
    </fieldset>
  );
}

function RoleEditor({ member, onDone }: { member: Member; onDone: (changed: Role | null) => void }) {
  const { t } = useApp();
  const [role, setRole] = useState<Role>(member.role);
  const [target, setTarget] = useState<Partial<CasePerson>>(
    member.caseId ? { caseId: member.caseId, ...(member.personId ? { personId: member.personId } : {}) } : {},
  );
  const prefix = `role-${member.userId}`;
  const save = useAction(
    () =>
      api.updateMember({
        userId: member.userId,
        body: { role, ...(role === 'specialist' ? { caseId: target.caseId, personId: target.personId } : {}) },
      }),
    { toError: asError, onDone: () => onDone(role) },
  );
  const error = save.error;
  return (
    <form
      onSubmit={save.submit}
      noValidate
      className="role-editor"
      aria-label={t('users.roleEditor', { name: member.name?.trim() || member.email })}
    >
      <ErrorBox
        error={error}
        fieldIds={{ role: `${prefix}-r`, caseId: `${prefix}-case`, personId: `${prefix}-person` }}
      />
      <RoleRadios name={`${prefix}-r`} value={role} onChange={setRole} error={error?.field('role')} />
      {role === 'specialist' && (
        <CasePersonPicker
          idPrefix={prefix}
          value={target}
          onChange={setTarget}
          caseError={error?.field('caseId')}
          personError={error?.field('personId')}
        />
      )}
      <button type="submit" className="primary" disabled={save.busy}>
        {t('users.roleEditor.save')}
      </button>{' '}
      <button type="button" className="secondary" onClick={() => onDone(null)}>
        {t('common.cancel')}
      </button>
    </form>
  );
}

// ——— Invitations ———

function InviteSection({ onInvited }: { onInvited: () => void }) {
  const { t } = useApp();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('manager');
  const [target, setTarget] = useState<Partial<CasePerson>>({});
  const [created, setCreated] = useState<NewInvitation | null>(null);
  const createdRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (created) createdRef.current?.focus();
  }, [created]);

  const invite = useAction(
    () =>
      api.createInvitation({
        body: {
          email: email.trim(),
          role,
          ...(role === 'specialist'
            ? {
                ...(target.caseId ? { caseId: target.caseId } : {}),
                ...(target.personId ? { personId: target.personId } : {}),
              }
            : {}),
        },
      }),
    {
      toError: asError,
      onDone: (r) => {
        setCreated(r);
        setEmail('');
        setTarget({});
        onInvited();
      },
    },
  );
  const error = invite.error;
  const err = (k: string) => error?.field(k);
  return (
    <section aria-labelledby="invite-h">
      <h2 id="invite-h">{t('users.invite.title')}</h2>
      {created && (
        <div className="notice created" role="region" aria-labelledby="invite-created-h">
          <h3 id="invite-created-h" ref={createdRef} tabIndex={-1}>
            {t('users.invite.created', { email: created.invitation.email })}
          </h3>
          <ShownOnce
            id="invite-url"
            label={t('users.invite.link')}
            value={new URL(created.url, location.origin).href}
            note={t('users.invite.once', { date: t.dateTime(created.expiresAt) })}
          />
          {loopbackHost(new URL(created.url, location.origin)) && (
            <p className="hint warn" role="note">
              {t('users.invite.localOnly', { host: new URL(created.url, location.origin).host })}
            </p>
          )}
          <button type="button" className="secondary" onClick={() => setCreated(null)}>
            {t('users.invite.done')}
          </button>
        </div>
      )}
      <p className="hint">{t('users.invite.intro')}</p>
      <MailNotice where="invitations" />
      <form onSubmit={invite.submit} noValidate>
        <ErrorBox
          error={error}
          fieldIds={{ email: 'inv-email', role: 'inv-role', caseId: 'inv-case', personId: 'inv-person' }}
        />
        <Field id="inv-email" label={t('users.field.email')} error={err('email')}>
          <input
            id="inv-email"
            type="email"
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-describedby={describedBy('inv-email', false, err('email'))}
            required
          />
        </Field>
        <RoleRadios name="inv-role" value={role} onChange={setRole} error={err('role')} />
        {role === 'specialist' && (
          <CasePersonPicker
            idPrefix="inv"
            value={target}
            onChange={setTarget}
            caseError={err('caseId')}
            personError={err('personId')}
          />
        )}
        <button type="submit" className="primary" disabled={invite.busy}>
          {t('users.invite.submit')}
        </button>
      </form>
    </section>
  );
}

function PendingInvitations({ list, reload, cases }: { list: Invitation[]; reload: () => void; cases: CaseNames }) {
  const { t } = useApp();
  const [done, setDone] = useState<string | null>(null);
  const pending = list.filter((i) => !i.acceptedAt);
  const revoke = useAction(
    async (i: Invitation) => {
      setDone(null);
      await api.revokeInvitation({ id: i.invitationId });
      setDone(t('users.pending.revoked', { email: i.email }));
      reload();
    },
    { toError: asError },
  );
  return (
    <>
      <ErrorBox error={revoke.error} />
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      <Table
        columns={[
          { key: 'email', header: t('users.field.email'), rowHeader: true, label: false, cell: (i) => i.email },
          { key: 'role', header: t('users.col.role'), cell: (i) => t(`users.role.${i.role}`) },
          {
            key: 'access',
            header: t('users.col.access'),
            cell: (i) => <CaseAccess caseId={i.caseId} personId={i.personId} cases={cases} />,
          },
          { key: 'sent', header: t('users.pending.sent'), cell: (i) => t.dateTime(i.createdAt) },
          { key: 'expires', header: t('users.pending.expires'), cell: (i) => t.dateTime(i.expiresAt) },
          {
            key: 'actions',
            header: t('users.col.actions'),
            label: false,
            cell: (i) => (
              <button type="button" className="link danger-link" onClick={() => void revoke.run(i)}>
                {t('users.pending.revoke')}
                <span className="visually-hidden"> — {i.email}</span>
              </button>
            ),
          },
        ]}
        rows={pending}
        rowKey={(i) => i.invitationId}
        caption={t('users.pending.title')}
        labels="inline"
        empty={<p>{t('users.pending.none')}</p>}
      />
    </>
  );
}

// ——— API tokens ———

function tokenState(k: ApiToken, now: number): 'revoked' | 'expired' | 'active' {
  if (k.revokedAt) return 'revoked';
  if (k.expiresAt && Date.parse(k.expiresAt) <= now) return 'expired';
  return 'active';
}

function Tokens() {
  const { t } = useApp();
  const tokens = useData((signal) => api.listTokens({}, { signal }), []);
  const [name, setName] = useState('');
  const [role, setRole] = useState<(typeof TOKEN_ROLES)[number]>('viewer');
  const [expires, setExpires] = useState('');
  const [created, setCreated] = useState<NewToken | null>(null);
  const createdRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (created) createdRef.current?.focus();
  }, [created]);
  const now = Date.now();

  const create = useAction(
    () =>
      // A date means "valid through that day" in Moscow.
      api.createToken({
        body: { name: name.trim(), role, ...(expires ? { expiresAt: `${expires}T23:59:59+03:00` } : {}) },
      }),
    {
      toError: asError,
      onDone: (r) => {
        setCreated(r);
        setName('');
        setExpires('');
        tokens.reload();
      },
    },
  );
  const revoke = useAction((k: ApiToken) => api.revokeToken({ id: k.tokenId }), {
    toError: asError,
    onDone: () => tokens.reload(),
  });
  const error = create.error;
  const err = (k: string) => error?.field(k);
  return (
    <section aria-labelledby="tokens-h">
      <h2 id="tokens-h">{t('users.tokens.title')}</h2>
      <p className="hint">{t('users.tokens.intro')}</p>
      <ErrorBox error={revoke.error} />
      <Load state={tokens}>
        {(list) => (
          <Table
            columns={[
              { key: 'name', header: t('users.tokens.name'), rowHeader: true, label: false, cell: (k) => k.name },
              { key: 'role', header: t('users.col.role'), cell: (k) => t(`users.role.${k.role}`) },
              { key: 'prefix', header: t('users.tokens.prefix'), cell: (k) => <code>{k.prefix}…</code> },
              { key: 'created', header: t('users.tokens.created'), cell: (k) => t.dateTime(k.createdAt) },
              {
                key: 'lastUsed',
                header: t('users.tokens.lastUsed'),
                cell: (k) => (k.lastUsedAt ? t.dateTime(k.lastUsedAt) : t('users.never')),
              },
              {
                key: 'expires',
                header: t('users.tokens.expires'),
                cell: (k) => (k.expiresAt ? t.dateTime(k.expiresAt) : t('users.tokens.noExpiry')),
              },
              {
                key: 'status',
                header: t('users.col.status'),
                cell: (k) => {
                  const state = tokenState(k, now);
                  return (
                    <StatusTag
                      status={state === 'active' ? 'ok' : 'closed'}
                      label={
                        state === 'revoked' && k.revokedAt
                          ? t('users.tokens.revokedOn', { date: t.dateTime(k.revokedAt) })
                          : t(`users.tokens.state.${state}`)
                      }
                    />
                  );
                },
              },
              {
                key: 'actions',
                header: t('users.col.actions'),
                label: false,
                cell: (k) =>
                  tokenState(k, now) === 'active' && (
                    <button type="button" className="link danger-link" onClick={() => void revoke.run(k)}>
                      {t('users.tokens.revoke')}
                      <span className="visually-hidden"> — {k.name}</span>
                    </button>
                  ),
              },
            ]}
            rows={list}
            rowKey={(k) => k.tokenId}
            caption={t('users.tokens.title')}
            labels="inline"
            empty={<p>{t('users.tokens.none')}</p>}
          />
        )}
      </Load>
      {created && (
        <div className="notice created" role="region" aria-labelledby="token-created-h">
          <h3 id="token-created-h" ref={createdRef} tabIndex={-1}>
            {t('users.tokens.created.title', { name: created.record.name })}
          </h3>
          <ShownOnce
            id="token-value"
            label={t('users.tokens.value')}
            value={created.token}
            note={t('users.tokens.once')}
          />
          <button type="button" className="secondary" onClick={() => setCreated(null)}>
            {t('users.invite.done')}
          </button>
        </div>
      )}
      <h3>{t('users.tokens.new')}</h3>
      <form onSubmit={create.submit} noValidate>
        <ErrorBox error={error} fieldIds={{ name: 'token-name', role: 'token-role', expiresAt: 'token-expires' }} />
        <Field id="token-name" label={t('users.tokens.name')} hint={t('users.tokens.nameHint')} error={err('name')}>
          <input
            id="token-name"
            type="text"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-describedby={describedBy('token-name', true, err('name'))}
            required
          />
        </Field>
        <fieldset id="token-role" className={`field${err('role') ? ' invalid' : ''}`}>
          <legend>{t('users.col.role')}</legend>
          {err('role') && <p className="error">{err('role')}</p>}
          {TOKEN_ROLES.map((r) => (
            <div className="radio with-hint" key={r}>
              <input
                type="radio"
                id={`token-role-${r}`}
                name="token-role"
                checked={role === r}
                onChange={() => setRole(r)}
                aria-describedby={`token-role-${r}-hint`}
              />
              <label htmlFor={`token-role-${r}`}>{t(`users.role.${r}`)}</label>
              <p className="hint radio-hint" id={`token-role-${r}-hint`}>
                {t(`users.roleHint.${r}`)}
              </p>
            </div>
          ))}
        </fieldset>
        <Field
          id="token-expires"
          label={t('users.tokens.expiresField')}
          hint={t('users.tokens.expiresHint')}
          error={err('expiresAt')}
        >
          <input
            id="token-expires"
            type="date"
            className="w10"
            value={expires}
            onChange={(e) => setExpires(e.target.value)}
            aria-describedby={describedBy('token-expires', true, err('expiresAt'))}
          />
        </Field>
        <button type="submit" className="primary" disabled={create.busy}>
          {t('users.tokens.create')}
        </button>
      </form>
    </section>
  );
}
