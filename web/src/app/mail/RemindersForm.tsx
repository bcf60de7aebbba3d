// The reminders section of the Account page: the daily digest on or off, its lead times (days before a
// due date), whose cases (owners may ask for all), and its language.
import { useState } from 'react';
import { api } from '../../api.ts';
import { isOwner, useApp, useSession } from '../session.tsx';
import { describedBy, ErrorBox, Field, Load, useData } from '../ui.tsx';
import { useAction } from '../useAction.ts';
import { asFieldProblem } from '../pages/format-error.ts';
import { MailNotice } from './Outbox.tsx';
import type { Lang, WorkspaceLang } from '../../../../src/core/lang.ts';

type Settings = { enabled: boolean; leadDays: number[]; scope: 'assigned' | 'all'; lang: Lang };

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
          <select id="rem-lang" value={lang} onChange={(e) => setLang(e.target.value as WorkspaceLang)}>
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

/** The calendar subscription: make (or renew) the secret address, shown once; stop it. */
export function CalendarSection() {
  const { t } = useApp();
  const state = useData((signal) => api.getCalendarFeed({}, { signal }), []);
  const [made, setMade] = useState<{ url: string; webcal: string } | null>(null);
  const renew = useAction(() => api.renewCalendarFeed(), {
    onDone: (r) => {
      setMade(r);
      state.setData({ active: true, createdAt: new Date().toISOString() });
    },
  });
  const stop = useAction(() => api.revokeCalendarFeed(), {
    onDone: () => {
      setMade(null);
      state.setData({ active: false, createdAt: null });
    },
  });
  return (
    <section aria-labelledby="calendar-h">
      <h2 id="calendar-h">{t('mail.calendar.title')}</h2>
      <p>{t('mail.calendar.intro')}</p>
      <ErrorBox error={renew.error ?? stop.error} />
      <Load state={state}>
        {(s) => (
          <>
            {made && (
              <div className="notice created" role="status">
                <p>{t('mail.calendar.made')}</p>
                <p>
                  <a href={made.webcal}>{t('mail.calendar.subscribe')}</a>
                </p>
                <label htmlFor="calendar-url">{t('mail.calendar.url')}</label>
                <input id="calendar-url" type="text" readOnly value={made.url} onFocus={(e) => e.target.select()} />
              </div>
            )}
            {!made && s.active && s.createdAt && <p>{t('mail.calendar.active', { at: t.dateTime(s.createdAt) })}</p>}
            <div className="actions">
              <button type="button" className="primary" disabled={renew.busy} onClick={() => void renew.run()}>
                {s.active ? t('mail.calendar.renew') : t('mail.calendar.make')}
              </button>
              {s.active && (
                <button type="button" disabled={stop.busy} onClick={() => void stop.run()}>
                  {t('mail.calendar.stop')}
                </button>
              )}
            </div>
          </>
        )}
      </Load>
    </section>
  );
}
