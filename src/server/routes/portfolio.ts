// Across the portfolio: the obligations of every open case from their stored evaluations (audited: see
// src/services/portfolio.ts), and the dashboard's figures.
import * as store from '../../store/index.ts';
import { findingsAcrossCases, obligationsAcrossCases } from '../../services/portfolio.ts';
import { requestLang } from '../lang.ts';
import type { ServerContext } from '../context.ts';
import type { Handlers } from '../http.ts';
import { json, stripUndefined } from '../reply.ts';
import { routes } from './portfolio.contract.ts';

export { routes };

export function handlers({ db, today, law }: ServerContext): Handlers<typeof routes> {
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
    listFindings: async ({ c, actor, query }) => {
      const { severity, code, employer: employerId, case: caseId, lang, limit, offset } = query;
      const filter = stripUndefined({
        severity,
        code: code?.length ? code : undefined,
        employerId,
        caseId,
        limit,
        offset,
      });
      const words = { lang: requestLang(lang, c.req.header('accept-language')), law };
      return json(c, await findingsAcrossCases(db, actor, filter, words));
    },
    getDashboard: async ({ c, actor }) => json(c, await store.dashboard(db, actor, today())),
  };
}
