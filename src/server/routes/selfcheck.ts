// The shareable self-check (src/store/selfcheck-codes.ts): the public route keeps the answers under a code
// (the body is checked as an hqs-case/1 document, the rate limit per address is in the contract); an owner
// or a manager reads them, and makes the case from them once — the code is taken first and given back
// when the case cannot be made, so a refused case never uses it up.
import * as store from '../../store/index.ts';
import type { ServerContext } from '../context.ts';
import type { Handlers } from '../http.ts';
import { requestLang } from '../lang.ts';
import { json } from '../reply.ts';
import { createEvaluated } from './case-writes.ts';
import { routes } from './selfcheck.contract.ts';

export { routes };

export function handlers(x: ServerContext): Handlers<typeof routes> {
  const { db } = x;
  return {
    shareSelfCheck: async ({ c, query, body }) => {
      const lang = requestLang(query.lang, c.req.header('accept-language'));
      const shared = await store.shareSelfCheck(db, body as unknown as { format: 'hqs-case/1' }, lang);
      return json(c, shared, 201);
    },
    readSelfCheckCode: async ({ c, actor, body }) => json(c, await store.readSelfCheck(db, actor, body.code)),
    redeemSelfCheckCode: async ({ c, actor, body }) => {
      const taken = await store.redeemSelfCheck(db, actor, body.code);
      let rec: store.CaseRecord;
      try {
        rec = await createEvaluated(x, actor, taken.answers as never, body.employerId);
      } catch (e) {
        await taken.release();
        throw e;
      }
      await store.inTenant(db, actor, (tx) =>
        store.appendAudit(tx, actor, {
          action: 'selfcheck.redeem',
          entity: 'case',
          entityId: rec.caseId,
          details: { lang: taken.lang, sharedAt: taken.createdAt },
        }),
      );
      return json(c, rec, 201, { Location: `/api/v1/cases/${rec.caseId}` });
    },
  };
}
