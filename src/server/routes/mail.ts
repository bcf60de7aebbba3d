// Mail and reminders (contracts in mail.contract.ts). The store checks who may read the outbox.
import { listOutbox } from '../../store/outbox.ts';
import { getReminderSettings, setReminderSettings, unsubscribeReminders } from '../../store/reminders.ts';
import type { ServerContext } from '../context.ts';
import type { Handlers } from '../http.ts';
import { json, noContent, stripUndefined } from '../reply.ts';
import { NotFound } from '../../store/errors.ts';
import {
  calendarFeedEvents,
  calendarFeedState,
  renewCalendarFeed,
  revokeCalendarFeed,
} from '../../store/calendar-feeds.ts';
import { renderFeedIcs } from '../../mail/calendar-feed.ts';
import { routes } from './mail.contract.ts';
import { completePasswordReset, requestPasswordReset, RESET_MINUTES } from '../../store/password-reset.ts';
import { mailPasswordReset } from '../../mail/notices.ts';

export { routes };

export const handlers = (x: ServerContext): Handlers<typeof routes> => {
  const status = () => ({ enabled: x.mailOn, publicUrl: x.publicUrl !== undefined });
  return {
    getMailStatus: async ({ c }) => json(c, status()),
    listOutbox: async ({ c, actor, query }) =>
      json(c, { mail: status(), ...(await listOutbox(x.db, actor, stripUndefined(query))) }),
    getReminderSettings: async ({ c, actor }) => json(c, await getReminderSettings(x.db, actor)),
    setReminderSettings: async ({ c, actor, body }) =>
      json(c, await setReminderSettings(x.db, actor, stripUndefined(body))),
    requestPasswordReset: async ({ c, body, ip }) => {
      // Mail off: nothing is made (a token nobody receives would only wait to be guessed).
      if (x.mailOn) {
        const r = await requestPasswordReset(x.db, body.email, { from: ip, minutes: RESET_MINUTES });
        if (r) {
          const url = `${x.mailBase()}/reset-password#${r.token}`;
          await mailPasswordReset(x.db, { userId: r.userId, email: r.email, url, minutes: RESET_MINUTES });
          x.mailQueued();
        }
      }
      return json(c, { accepted: true as const, mail: x.mailOn }, 202);
    },
    completePasswordReset: async ({ c, body }) => {
      const r = await completePasswordReset(x.db, body.token, body.password);
      return json(c, { email: r.email });
    },
    getCalendarFeed: async ({ c, actor }) => json(c, await calendarFeedState(x.db, actor)),
    renewCalendarFeed: async ({ c, actor }) => {
      const token = await renewCalendarFeed(x.db, actor);
      const url = `${x.mailBase() || new URL(c.req.url).origin}/api/v1/calendar/${token}`;
      return json(c, { url, webcal: url.replace(/^https?:/, 'webcal:') }, 201);
    },
    revokeCalendarFeed: async ({ c, actor }) => {
      await revokeCalendarFeed(x.db, actor);
      return noContent(c);
    },
    getCalendarFeedIcs: async ({ c, params }) => {
      const feed = await calendarFeedEvents(x.db, params.token);
      if (!feed) throw new NotFound('calendar feed', '');
      const body = renderFeedIcs(feed, {
        now: x.now(),
        lang: feed.lang,
        base: x.mailBase() || new URL(c.req.url).origin,
      });
      return c.body(body, 200, { 'Content-Type': 'text/calendar; charset=utf-8' });
    },
    unsubscribeReminders: async ({ c, query }) =>
      json(c, { unsubscribed: await unsubscribeReminders(x.db, query.token) }),
  };
};
