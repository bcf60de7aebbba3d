// Across the portfolio: the obligations of every open case from their stored evaluations (a list that
// names people, so it is audited), and the dashboard's figures.
import * as store from '../../store/index.ts';
import type { ServerContext } from '../context.ts';
import type { Handlers } from '../http.ts';
import { json, stripUndefined } from '../reply.ts';
import { routes } from './portfolio.contract.ts';

export { routes };

export function handlers({ db, today }: ServerContext): Handlers<typeof routes> {
  return {
    listObligations: async ({ c, actor, query }) => {
      store.requirePortfolio(actor, 'the obligations across cases');
      const kind = query.kind
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const { status, employer: employerId, case: caseId, dueFrom, dueTo, limit, offset } = query;
      const filter = {
        status,
        kind: kind?.length ? kind : undefined,
        employerId,
        caseId,
        dueFrom,
        dueTo,
        limit,
        offset,
      };
      const page = await store.listObligations(db, actor, stripUndefined(filter));
      if (page.items.length)
        await store.inTenant(db, actor.orgId, (tx) =>
          store.appendAudit(tx, actor, {
            action: 'obligation.list',
            entity: 'case',
            details: { count: page.items.length, offset: page.offset },
          }),
        );
      return json(c, page);
    },
    getDashboard: async ({ c, actor }) => json(c, await store.dashboard(db, actor, today())),
  };
}
