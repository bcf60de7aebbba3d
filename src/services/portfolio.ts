// The portfolio's obligations: every open case's, soonest due first, from their stored evaluations. Not
// for a specialist; a page that names anyone is a read of personal data, so it is audited.
import * as store from '../store/index.ts';
import type { Actor } from '../store/actor.ts';

export async function obligationsAcrossCases(
  db: store.Db,
  actor: Actor,
  filter: store.ObligationFilter,
): Promise<store.Page<store.ObligationRecord>> {
  store.requirePortfolio(actor, 'the obligations across cases');
  const page = await store.listObligations(db, actor, filter);
  if (page.items.length)
    await store.inTenant(db, actor.orgId, (tx) =>
      store.appendAudit(tx, actor, {
        action: 'obligation.list',
        entity: 'case',
        details: { count: page.items.length, offset: page.offset },
      }),
    );
  return page;
}
