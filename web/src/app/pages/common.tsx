// Pieces the workspace pages share: names in words (obligation kinds, statuses, stages, employer kinds,
// countries, regions), the tables of obligations (dashboard, deadlines, employer page) and of cases (cases
// list, employer page), and the employer picker of the filters.
import type { ReactNode } from 'react';
import { countries, regions } from 'virtual:hqs-data';
import { api, type CaseSummary, type ObligationRecord } from '../../api.ts';
import type { Lang, T } from '../../i18n.ts';
import { Link } from '../../router.tsx';
import { useApp } from '../session.tsx';
import { Table, type RowGroup, type TableProps } from '../Table.tsx';
import { StatusTag, useData } from '../ui.tsx';
import { groupBy, type Grouping } from './filters.ts';
import { duePhrase, knownObligationStatus, statusToday } from './format.ts';
import { EMPLOYER_KINDS, isOneOf, OBLIGATION_KINDS, SEZ_TYPES, STAGE_WORDS } from './vocab.ts';

export const kindName = (t: T, kind: string) =>
  isOneOf(OBLIGATION_KINDS, kind) ? t(`obligations.kind.${kind}`) : kind;
export const obligationStatusName = (t: T, s: string) => (knownObligationStatus(s) ? t(`common.status.${s}`) : s);
export const stageName = (t: T, stage: string | null) => {
  const s = stage ?? 'not-evaluated';
  return isOneOf(STAGE_WORDS, s) ? t(`cases.stage.${s}`) : s;
};
export const employerKindName = (t: T, k: string) => (isOneOf(EMPLOYER_KINDS, k) ? t(`employers.kind.${k}`) : k);
export const sezTypeName = (t: T, k: string) => (isOneOf(SEZ_TYPES, k) ? t(`employers.sez.${k}`) : k);

const byCode = <X extends { code: string }>(xs: readonly X[]) => new Map(xs.map((x) => [x.code, x]));
const COUNTRIES = byCode(countries);
const REGIONS = byCode(regions);
export const countryName = (lang: Lang, code: string | null | undefined) =>
  code ? (COUNTRIES.get(code)?.names[lang] ?? code) : '';
export const regionName = (lang: Lang, code: string | null | undefined) =>
  code ? (REGIONS.get(code)?.names[lang] ?? code) : '';
/** Russian regions sorted by their name in the language. */
export const regionOptions = (lang: Lang) =>
  [...regions].sort((a, b) => a.names[lang].localeCompare(b.names[lang], lang));

/** When an obligation is due, in words: "in 3 days", "2 days late", "today"; or when it was met. */
export function DueWhen({
  today,
  o,
}: {
  today: string;
  o: Pick<ObligationRecord, 'due' | 'status' | 'doneOn' | 'late'>;
}) {
  const { t } = useApp();
  if (o.status === 'done') {
    return (
      <span>
        {o.doneOn
          ? t(o.late ? 'obligations.when.doneLate' : 'obligations.when.done', { date: t.date(o.doneOn) })
          : t('common.status.done')}
      </span>
    );
  }
  const p = duePhrase(t.lang, today, o.due, o.status);
  if (!p) return <span className="hint">{t('obligations.when.none')}</span>;
  return (
    <span className={p.key.startsWith('obligations.when.late') ? 'late' : undefined}>
      {t(p.key, { n: t.number(p.n) })}
    </span>
  );
}

/**
 * Cases as a table (stacked on phones): principal (Latin, Cyrillic), stage, contract start, last change;
 * with `showEmployer` also the citizenship, the employer and the case's own id (the cases list).
 */
export function CaseTable({
  items,
  caption,
  showEmployer = true,
  empty,
}: {
  items: readonly CaseSummary[];
  caption: string;
  showEmployer?: boolean;
  /** Shown instead of the table when there is no case. */
  empty?: ReactNode;
}) {
  const { t } = useApp();
  const columns: TableProps<CaseSummary>['columns'] = [
    {
      key: 'principal',
      header: t('cases.col.principal'),
      rowHeader: true,
      cell: (c) => (
        <>
          <Link href={`/app/cases/${c.caseId}`}>{c.principalName}</Link>
          {c.principalNameCyrillic && (
            <span className="block" lang="ru">
              {c.principalNameCyrillic}
            </span>
          )}
          {showEmployer && c.externalId && (
            <span className="hint block">{t('cases.externalId', { id: c.externalId })}</span>
          )}
        </>
      ),
    },
    showEmployer && {
      key: 'citizenship',
      header: t('cases.col.citizenship'),
      cell: (c) => countryName(t.lang, c.principalCitizenship) || '—',
    },
    showEmployer && {
      key: 'employer',
      header: t('cases.col.employer'),
      cell: (c) => <Link href={`/app/employers/${c.employerId}`}>{c.employerName}</Link>,
    },
    {
      key: 'stage',
      header: t('cases.col.stage'),
      cell: (c) => (
        <>
          {stageName(t, c.stage)}
          {c.status === 'closed' && (
            <>
              {' '}
              <StatusTag status="closed" label={t('cases.status.closed')} />
            </>
          )}
        </>
      ),
    },
    {
      key: 'start',
      header: t('cases.col.start'),
      cell: (c) => (c.contractStart ? t.date(c.contractStart) : '—'),
    },
    { key: 'updated', header: t('cases.col.updated'), cell: (c) => t.dateTime(c.updatedAt) },
  ];
  return <Table columns={columns} rows={items} rowKey={(c) => c.caseId} caption={caption} empty={empty} />;
}

/** The status of an obligation today, as a tag with words. */
export function ObligationStatus({ today, o }: { today: string; o: Pick<ObligationRecord, 'due' | 'status'> }) {
  const { t } = useApp();
  const s = statusToday(o.status, o.due, today);
  return <StatusTag status={s} label={obligationStatusName(t, s)} />;
}

/** Below the principal's name: the person of the obligation when it is someone else (a family member). */
function ForPerson({ o }: { o: ObligationRecord }) {
  const { t } = useApp();
  const name = (t.lang === 'ru' && o.personNameCyrillic) || o.personName;
  if (name === o.principalName || (o.personName !== null && o.personName === o.principalName)) return null;
  return (
    <span className="hint block">
      {name ? t('obligations.forPerson', { name }) : t('obligations.personId', { id: o.personId })}
    </span>
  );
}

/**
 * Obligations as a table (stacked on phones): due date, when in words, kind, person and case, employer,
 * status. Grouped by employer or kind with a heading row per group when asked.
 */
export function ObligationTable({
  items,
  today,
  group = 'none',
  caption,
  showEmployer = true,
  empty,
}: {
  items: readonly ObligationRecord[];
  today: string;
  group?: Grouping;
  caption: string;
  showEmployer?: boolean;
  /** Shown instead of the table when there is no obligation. */
  empty?: ReactNode;
}) {
  const { t } = useApp();
  const groups: RowGroup<ObligationRecord>[] =
    group === 'none'
      ? [{ key: '', rows: [...items] }]
      : groupBy(items, (o) => (group === 'employer' ? o.employerId : o.kind)).map((g) => ({
          key: g.key,
          rows: g.items,
          heading: t('obligations.groupHeading', {
            name: group === 'employer' ? (g.items[0]?.employerName ?? g.key) : kindName(t, g.key),
            n: t.number(g.items.length),
          }),
        }));
  const columns: TableProps<ObligationRecord>['columns'] = [
    { key: 'due', header: t('obligations.col.due'), className: 'nowrap', cell: (o) => t.date(o.due) },
    { key: 'when', header: t('obligations.col.when'), cell: (o) => <DueWhen today={today} o={o} /> },
    {
      key: 'kind',
      header: t('obligations.col.kind'),
      cell: (o) => (
        <>
          {kindName(t, o.kind)}
          {o.measure && (
            <span className="hint block">
              {t('obligations.measure', { used: t.number(o.measure.used), limit: t.number(o.measure.limit) })}
            </span>
          )}
        </>
      ),
    },
    {
      key: 'person',
      header: t('obligations.col.person'),
      cell: (o) => (
        <>
          <Link href={`/app/cases/${o.caseId}`}>{o.principalName}</Link>
          <ForPerson o={o} />
        </>
      ),
    },
    showEmployer && {
      key: 'employer',
      header: t('obligations.col.employer'),
      cell: (o) => <Link href={`/app/employers/${o.employerId}`}>{o.employerName}</Link>,
    },
    { key: 'status', header: t('obligations.col.status'), cell: (o) => <ObligationStatus today={today} o={o} /> },
  ];
  return (
    <Table
      columns={columns}
      groups={groups}
      rowKey={(o) => `${o.caseId}/${o.obligationId}`}
      caption={caption}
      empty={empty}
    />
  );
}

export type EmployerOption = { employerId: string; name: string };

/** The organization's employers for the filters' picker (the first 500 by name). */
export function useEmployerOptions() {
  return useData<EmployerOption[]>(async (signal) => {
    const page = await api.listEmployers({ query: { limit: 500 } }, { signal });
    return page.items.map((e) => ({ employerId: e.employerId, name: e.name }));
  }, []);
}

/** A select of employers with "all employers" first. */
export function EmployerSelect({
  id,
  value,
  onChange,
  options,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  options: readonly EmployerOption[] | undefined;
}) {
  const { t } = useApp();
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('obligations.filter.allEmployers')}</option>
      {value && !options?.some((o) => o.employerId === value) && (
        <option value={value}>{t('obligations.filter.thisEmployer')}</option>
      )}
      {options?.map((o) => (
        <option key={o.employerId} value={o.employerId}>
          {o.name}
        </option>
      ))}
    </select>
  );
}

/** A select of obligation kinds in words with "all kinds" first. */
export function KindSelect({ id, value, onChange }: { id: string; value: string; onChange: (v: string) => void }) {
  const { t } = useApp();
  const kinds = [...OBLIGATION_KINDS].sort((a, b) => kindName(t, a).localeCompare(kindName(t, b), t.lang));
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('obligations.filter.allKinds')}</option>
      {kinds.map((k) => (
        <option key={k} value={k}>
          {kindName(t, k)}
        </option>
      ))}
    </select>
  );
}
