// Mail and reminders (contracts in mail.contract.ts). The store checks who may read the outbox.
import { listOutbox } from '../../store/outbox.ts';
import { getReminderSettings, setReminderSettings, unsubscribeReminders } from '../../store/reminders.ts';
import type { ServerContext } from '../context.ts';
import type { Handlers } from '../http.ts';
import { json, stripUndefined } from '../reply.ts';
import { routes } from './mail.contract.ts';

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
    unsubscribeReminders: async ({ c, query }) =>
      json(c, { unsubscribed: await unsubscribeReminders(x.db, query.token) }),
  };
};
