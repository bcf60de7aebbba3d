// The audit log (/app/audit, owners): who did what to which record, when and from where — newest first,
// filtered by action, kind of record, person and dates (all in the URL), paged by key ("older entries"
// passes the page's `next` as the cursor).
import { useEffect, useState, type FormEvent } from 'react';
import { api, type AuditEntry, type AuditPage, type Member } from '../../api.ts';
import type { T } from '../../i18n.ts';
import { Link, navigate, useLocation } from '../../router.tsx';
import { isOwner, useApp } from '../session.tsx';
import { Table, type TableProps } from '../Table.tsx';
import { ErrorBox, PageTitle, useData } from '../ui.tsx';
import { auditHref, readAuditFilter, type AuditFilter } from './filters.ts';
import { actorOf, auditRange, detailPairs } from './format.ts';
import { exportLang, ExportLinks } from './portfolio-ui.tsx';
import { AUDIT_ACTIONS, AUDIT_ENTITIES, isOneOf } from './vocab.ts';

const LIMIT = 50;

const actionName = (t: T, a: string) => (isOneOf(AUDIT_ACTIONS, a) ? t(`audit.action.${a}`) : a);
const entityName = (t: T, e: string) => (isOneOf(AUDIT_ENTITIES, e) ? t(`audit.entity.${e}`) : e);

export function Audit() {
  const { t, session } = useApp();
  if (!isOwner(session)) {
    return (
      <main id="main">
        <PageTitle>{t('audit.title')}</PageTitle>
        <p className="notice warn">{t('audit.ownersOnly')}</p>
      </main>
    );
  }
  return <AuditLog />;
}

function AuditLog() {
  const { t } = useApp();
  const { search } = useLocation();
  const key = search.toString();
  const filter = readAuditFilter(search);
  const [form, setForm] = useState<AuditFilter>(filter);
  useEffect(() => setForm(readAuditFilter(new URLSearchParams(key))), [key]);
  const members = useData<Member[]>((signal) => api.listMembers({}, { signal }), []);
  const page = useData<AuditPage>(
    (signal) =>
      api.listAudit(
        {
          query: {
            order: 'desc',
            limit: LIMIT,
            action: filter.action,
            entity: filter.entity,
            entityId: filter.entityId,
            actor: filter.actor,
            cursor: filter.cursor,
            ...auditRange(filter.since, filter.until),
          },
        },
        { signal },
      ),
    [key],
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(auditHref({ ...form, cursor: undefined }));
  };
  const set = (k: keyof AuditFilter, v: string) => setForm({ ...form, [k]: v || undefined });
  const filtered = !!(
    filter.action ||
    filter.entity ||
    filter.entityId ||
    filter.actor ||
    filter.since ||
    filter.until
  );
  const memberName = (userId: string | null) => {
    const m = userId ? members.data?.find((x) => x.userId === userId) : undefined;
    return m?.name || undefined;
  };
  const columns: TableProps<AuditEntry>['columns'] = [
    {
      key: 'when',
      header: t('audit.col.when'),
      cell: (a) => <time dateTime={a.at}>{t.dateTime(a.at)}</time>,
    },
    {
      key: 'who',
      header: t('audit.col.who'),
      cell: (a) => {
        const who = actorOf(a.actor);
        const name = memberName(a.actorUserId);
        return who.kind === 'user'
          ? name
            ? `${name} (${who.name})`
            : who.name
          : who.kind === 'token'
            ? t('audit.who.token', { prefix: who.name })
            : t('audit.who.system', { name: who.name });
      },
    },
    {
      key: 'what',
      header: t('audit.col.what'),
      cell: (a) => (
        <>
          {actionName(t, a.action)}
          <span className="hint block">
            {entityName(t, a.entity)}
            {a.entityId && (
              <>
                {' '}
                <EntityLink entity={a.entity} id={a.entityId} />
              </>
            )}
          </span>
        </>
      ),
    },
    { key: 'where', header: t('audit.col.where'), className: 'mono', cell: (a) => a.ip ?? '—' },
    {
      key: 'details',
      header: t('audit.col.details'),
      cell: (a) => {
        const details = detailPairs(a.details);
        return details.length === 0 ? (
          '—'
        ) : (
          <ul className="plain details">
            {details.map((d) => (
              <li key={d.key}>
                <span className="hint">{d.key}:</span> {d.value}
              </li>
            ))}
          </ul>
        );
      },
    },
  ];

  return (
    <main id="main">
      <PageTitle sub={t('audit.sub')}>{t('audit.title')}</PageTitle>
      <form className="filters" onSubmit={submit} aria-label={t('audit.filter.title')}>
        <div className="toolbar">
          <div className="field">
            <label htmlFor="audit-action">{t('audit.filter.action')}</label>
            <select id="audit-action" value={form.action ?? ''} onChange={(e) => set('action', e.target.value)}>
              <option value="">{t('audit.filter.anyAction')}</option>
              {form.action && !isOneOf(AUDIT_ACTIONS, form.action) && (
                <option value={form.action}>{form.action}</option>
              )}
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {actionName(t, a)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="audit-entity">{t('audit.filter.entity')}</label>
            <select id="audit-entity" value={form.entity ?? ''} onChange={(e) => set('entity', e.target.value)}>
              <option value="">{t('audit.filter.anyEntity')}</option>
              {form.entity && !isOneOf(AUDIT_ENTITIES, form.entity) && (
                <option value={form.entity}>{form.entity}</option>
              )}
              {AUDIT_ENTITIES.map((x) => (
                <option key={x} value={x}>
                  {entityName(t, x)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="audit-actor">{t('audit.filter.actor')}</label>
            <select id="audit-actor" value={form.actor ?? ''} onChange={(e) => set('actor', e.target.value)}>
              <option value="">{t('audit.filter.anyActor')}</option>
              {form.actor && !members.data?.some((m) => m.userId === form.actor) && (
                <option value={form.actor}>{t('audit.filter.thisActor')}</option>
              )}
              {members.data?.map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name ? `${m.name} (${m.email})` : m.email}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="audit-since">{t('audit.filter.since')}</label>
            <input
              id="audit-since"
              type="date"
              value={form.since ?? ''}
              onChange={(e) => set('since', e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="audit-until">{t('audit.filter.until')}</label>
            <input
              id="audit-until"
              type="date"
              value={form.until ?? ''}
              onChange={(e) => set('until', e.target.value)}
            />
          </div>
          <button type="submit" className="primary">
            {t('audit.filter.apply')}
          </button>
          {filtered && (
            <Link href="/app/audit" className="clear">
              {t('audit.filter.clear')}
            </Link>
          )}
        </div>
        {filter.entityId && (
          <p className="chip">
            {t('audit.filter.record', { id: filter.entityId })}{' '}
            <Link href={auditHref({ ...filter, entityId: undefined, cursor: undefined })}>
              {t('audit.filter.allRecords')}
            </Link>
          </p>
        )}
        <p className="hint">{t('audit.filter.timeHint')}</p>
      </form>
      <ExportLinks
        what={t('portfolio.export.audit')}
        href={(format) =>
          api.href('exportAudit', {
            query: {
              action: filter.action,
              entity: filter.entity,
              entityId: filter.entityId,
              actor: filter.actor,
              ...auditRange(filter.since, filter.until),
              format,
              lang: exportLang(t.lang),
            },
          })
        }
      />

      {page.error && <ErrorBox error={page.error} />}
      <div aria-busy={page.loading}>
        {page.data && (
          <>
            {filter.cursor !== undefined && <p className="hint">{t('audit.olderShown')}</p>}
            <Table
              columns={columns}
              rows={page.data.items}
              rowKey={(a) => a.seq}
              caption={t('audit.title')}
              className="audit"
              empty={<p className="notice">{t('audit.none')}</p>}
            />
            <nav className="pager" aria-label={t('common.pages')}>
              {filter.cursor !== undefined && (
                <Link href={auditHref({ ...filter, cursor: undefined })}>{t('audit.newest')}</Link>
              )}
              {page.data.next !== undefined && (
                <Link href={auditHref({ ...filter, cursor: page.data.next })}>{t('audit.older')}</Link>
              )}
            </nav>
          </>
        )}
      </div>
    </main>
  );
}

/** The record an entry names: a link where the workspace has a page for it, else its id. */
function EntityLink({ entity, id }: { entity: string; id: string }) {
  const { t } = useApp();
  const href = entity === 'case' ? `/app/cases/${id}` : entity === 'employer' ? `/app/employers/${id}` : null;
  const filterHref = auditHref({ entityId: id, entity });
  return (
    <>
      {href ? <Link href={href}>{id}</Link> : <span className="mono">{id}</span>}{' '}
      <Link href={filterHref}>
        {t('audit.history')}
        <span className="visually-hidden"> {t('audit.historyOf', { id })}</span>
      </Link>
    </>
  );
}
