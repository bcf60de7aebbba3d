// Across the portfolio: the obligations of every open case from their stored evaluations (audited: see
// src/services/portfolio.ts), and the dashboard's figures.
import * as store from '../../store/index.ts';
import { obligationsAcrossCases } from '../../services/portfolio.ts';
import type { ServerContext } from '../context.ts';
import type { Handlers } from '../http.ts';
import { json, stripUndefined } from '../reply.ts';
import { routes } from './portfolio.contract.ts';

export { routes };

export function handlers({ db, today }: ServerContext): Handlers<typeof routes> {
  return {
    listObligations: async ({ c, actor, query }) => {
      const { status, kind, employer: employerId, case: caseId, dueFrom, dueTo, limit, offset } = query;
      const kinds = kind
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const filter = { status, kind: kinds?.length ? kinds : undefined, employerId, caseId, dueFrom, dueTo };
      return json(c, await obligationsAcrossCases(db, actor, stripUndefined({ ...filter, limit, offset })));
    },
    getDashboard: async ({ c, actor }) => json(c, await store.dashboard(db, actor, today())),
  };
}
