// The audit log (owners; the store checks), in keyset pages.
import * as store from '../../store/index.ts';
import type { ServerContext } from '../context.ts';
import type { Handlers } from '../http.ts';
import { json, stripUndefined } from '../reply.ts';
import { routes } from './audit.contract.ts';

export { routes };

export function handlers({ db }: ServerContext): Handlers<typeof routes> {
  return {
    listAudit: async ({ c, actor, query }) => {
      const { cursor, order, actor: actorUserId, ...rest } = query;
      const filter = stripUndefined({ ...rest, actorUserId, after: cursor, newestFirst: order === 'desc' });
      return json(c, await store.listAudit(db, actor, filter));
    },
  };
}
