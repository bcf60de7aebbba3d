// Small pieces the case page and the specialist's portal share. Their wording lives in the portal's files
// (locales/app/<lang>/portal.json), which have Chinese too, so the same component reads right in both.
import type { Person } from '../../../../src/case/schema.ts';
import type { RenderedObligation as Obligation } from '../../../../src/engine/types.ts';
import type { T } from '../../i18n.ts';
import { dueIn, pluralForm } from './model.ts';

/** A key with plural forms (`<key>.one|few|many|other`) for the number n. */
export function plural(t: T, key: string, n: number): string {
  return t(`${key}.${pluralForm(t.lang === 'zh' ? 'zh-CN' : t.lang, n)}`, { n: t.number(n) });
}

/** A person's name as the reader's language writes it: Cyrillic for Russian where the case has it. */
export function nameOf(p: Pick<Person, 'name'> | undefined, lang: string, fallback = ''): string {
  if (!p) return fallback;
  return lang === 'ru' && p.name.cyrillic ? p.name.cyrillic : p.name.latin;
}

/** "in 3 days" / "due today" / "12 days late" (nothing once the duty is met). */
export function DueIn({ t, status, due, today }: { t: T; status: string; due: string; today: string }) {
  const d = dueIn({ status: status as Obligation['status'], due: due as Obligation['due'] }, today);
  if (d.kind === 'closed') return null;
  if (d.kind === 'today') return <span className="due-in due-today">{t('portal.days.today')}</span>;
  return (
    <span className={`due-in due-${d.kind}`}>
      {plural(t, d.kind === 'left' ? 'portal.days.left' : 'portal.days.late', d.n)}
    </span>
  );
}
