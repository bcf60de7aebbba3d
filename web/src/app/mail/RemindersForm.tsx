// The reminders section of the Account page: the daily digest on or off, its lead times (days before a
// due date), whose cases (owners may ask for all), and its language.
import { useState } from 'react';
import { api } from '../../api.ts';
import { isOwner, useApp, useSession } from '../session.tsx';
import { describedBy, ErrorBox, Field, Load, useData } from '../ui.tsx';
import { useAction } from '../useAction.ts';
import { asFieldProblem } from '../pages/format-error.ts';
import { MailNotice } from './Outbox.tsx';

type Settings = { enabled: boolean; leadDays: number[]; scope: 'assigned' | 'all'; lang: 'en' | 'ru' | 'zh' };

export function RemindersSection() {
  const { t } = useApp();
  const state = useData<Settings>((signal) => api.getReminderSettings({}, { signal }), []);
  return (
    <section aria-labelledby="reminders-h">
      <h2 id="reminders-h">{t('mail.reminders.title')}</h2>
      <p>{t('mail.reminders.intro')}</p>
      <Load state={state}>{(s) => <RemindersForm initial={s} onSaved={(n) => state.setData(n)} />}</Load>
    </section>
  );
}

function RemindersForm({ initial, onSaved }: { initial: Settings; onSaved: (s: Settings) => void }) {
  const { t } = useApp();
  const session = useSession();
  const [enabled, setEnabled] = useState(initial.enabled);
  const [days, setDays] = useState(initial.leadDays.join(', '));
  const [scope, setScope] = useState(initial.scope);
  const [lang, setLang] = useState(initial.lang === 'zh' ? 'en' : initial.lang);
  const [done, setDone] = useState(false);
  const parsed = days
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((d) => (/^\d{1,3}$/.test(d) ? Number(d) : NaN));
  const save = useAction(
    () => {
      setDone(false);
      return api.setReminderSettings({
        body: { enabled, leadDays: parsed, lang, ...(isOwner(session) ? { scope } : {}) },
      });
    },
    {
      toError: asFieldProblem,
      onDone: (s) => {
        setDone(true);
        onSaved(s);
      },
    },
  );
  const err = save.error?.field('leadDays');
  return (
    <>
      <MailNotice where="outbox" />
      {done && (
        <p className="notice" role="status">
          {t('mail.reminders.saved')}
        </p>
      )}
      <ErrorBox error={save.error} fieldIds={{ leadDays: 'rem-days' }} />
      <form onSubmit={save.submit} noValidate>
        <div className="field">
          <label>
            <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />{' '}
            {t('mail.reminders.enabled')}
          </label>
        </div>
        <Field id="rem-days" label={t('mail.reminders.days')} hint={t('mail.reminders.daysHint')} error={err}>
          <input
            id="rem-days"
            type="text"
            inputMode="numeric"
            value={days}
            onChange={(e) => setDays(e.target.value)}
            aria-describedby={describedBy('rem-days', true, err)}
          />
        </Field>
        {isOwner(session) && (
          <div className="field">
            <label htmlFor="rem-scope">{t('mail.reminders.scope')}</label>
            <select id="rem-scope" value={scope} onChange={(e) => setScope(e.target.value as Settings['scope'])}>
              <option value="assigned">{t('mail.reminders.scope.assigned')}</option>
              <option value="all">{t('mail.reminders.scope.all')}</option>
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="rem-lang">{t('mail.reminders.lang')}</label>
          <select id="rem-lang" value={lang} onChange={(e) => setLang(e.target.value as 'en' | 'ru')}>
            <option value="ru">Русский</option>
            <option value="en">English</option>
          </select>
        </div>
        <button type="submit" className="primary" disabled={save.busy}>
          {t('mail.reminders.submit')}
        </button>
      </form>
    </>
  );
}
