// Pieces of the portfolio pages (cases list, findings, deadlines, audit, the case page's assignee): the
// members a case can be assigned to, their picker, and the spreadsheet links that carry a list's filters.
import { api, type Member } from '../../api.ts';
import type { T } from '../../i18n.ts';
import { canWrite, useApp } from '../session.tsx';
import { useData } from '../ui.tsx';
import { FINDING_KINDS } from './vocab.ts';
import type { SheetLang } from '../../../../src/core/lang.ts';

export type Assignee = { userId: string; email: string; name: string | null };

export const personName = (m: { name: string | null; email: string }) => m.name?.trim() || m.email;

/**
 * The members who may work a case: active owners and managers. Only owners and managers may list the
 * members; for anyone else the list is empty (the filters still offer "me" and "unassigned").
 */
export function useAssignees() {
  const { session } = useApp();
  const may = canWrite(session);
  return useData<Member[]>(
    async (signal) =>
      may
        ? (await api.listMembers({}, { signal }))
            .filter((m) => !m.disabled && (m.role === 'owner' || m.role === 'manager'))
            .sort((a, b) => personName(a).localeCompare(personName(b)))
        : [],
    [may],
  );
}

/** Who works a case, in words: a name, "you", or "nobody yet". */
export function assigneeText(t: T, a: Assignee | null, me: string | null | undefined): string {
  if (!a) return t('portfolio.assignee.none');
  return a.userId === me ? t('portfolio.assignee.youName', { name: personName(a) }) : personName(a);
}

/** A select of assignable members (and "nobody" when `none` is given). */
export function MemberSelect({
  id,
  value,
  onChange,
  members,
  none,
  describedBy,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  members: readonly Member[] | undefined;
  /** The label of the empty choice (clear the assignee); without it a member must be picked. */
  none?: string;
  describedBy?: string | undefined;
}) {
  const { t, session } = useApp();
  const me = session?.user.userId;
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy}>
      {none !== undefined ? <option value="">{none}</option> : <option value="">{t('portfolio.assignee.pick')}</option>}
      {members?.map((m) => (
        <option key={m.userId} value={m.userId}>
          {m.userId === me ? t('portfolio.assignee.youName', { name: personName(m) }) : personName(m)}
        </option>
      ))}
    </select>
  );
}

/** "Download: Excel (.xlsx) · CSV" for a list, each link with the list's filters. */
export function ExportLinks({ href, what }: { href: (format: 'xlsx' | 'csv') => string; what: string }) {
  const { t } = useApp();
  return (
    <p className="exports">
      <span>{t('portfolio.export.label', { what })}</span>{' '}
      <a href={href('xlsx')} download>
        {t('portfolio.export.xlsx')}
      </a>{' '}
      ·{' '}
      <a href={href('csv')} download>
        {t('portfolio.export.csv')}
      </a>
    </p>
  );
}

/** The language of a spreadsheet: the reader's, where the exports speak it (English and Russian). */
export const exportLang = (lang: string): SheetLang => (lang === 'ru' ? 'ru' : 'en');

export const findingKindName = (t: T, code: string) =>
  (FINDING_KINDS as readonly string[]).includes(code) ? t(`portfolio.finding.${code}`) : code;

/** A select of the kinds of finding in words, "any kind" first. */
export function FindingKindSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const { t } = useApp();
  const kinds = [...FINDING_KINDS].sort((a, b) => findingKindName(t, a).localeCompare(findingKindName(t, b), t.lang));
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('portfolio.filter.anyFinding')}</option>
      {value && !(FINDING_KINDS as readonly string[]).includes(value) && <option value={value}>{value}</option>}
      {kinds.map((k) => (
        <option key={k} value={k}>
          {findingKindName(t, k)}
        </option>
      ))}
    </select>
  );
}
