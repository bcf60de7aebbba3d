// The portfolio's obligations: every open case's, soonest due first, from their stored evaluations. Not
// for a specialist; a page that names anyone is a read of personal data, so it is audited.
import * as store from '../store/index.ts';
import type { Actor } from '../store/actor.ts';
import { renderFinding, type RenderOptions } from '../i18n/index.ts';

export async function obligationsAcrossCases(
  db: store.Db,
  actor: Actor,
  filter: store.ObligationFilter,
): Promise<store.Page<store.ObligationRecord>> {
  store.requirePortfolio(actor, 'the obligations across cases');
  const page = await store.listObligations(db, actor, filter);
  if (page.items.length)
    await store.inTenant(db, actor, (tx) =>
      store.appendAudit(tx, actor, {
        action: 'obligation.list',
        entity: 'case',
        details: { count: page.items.length, offset: page.offset },
      }),
    );
  return page;
}

/** A finding of the portfolio in words. */
export type WordedFinding = Omit<store.FindingRecord, 'finding'> & { message: string };

/**
 * The findings of every open case's stored evaluation, errors first, worded in `words.lang` (the store
 * keeps codes). Not for a specialist; audited like the obligations list.
 */
export async function findingsAcrossCases(
  db: store.Db,
  actor: Actor,
  filter: store.FindingFilter,
  words: RenderOptions,
): Promise<store.Page<WordedFinding>> {
  const page = await store.listFindings(db, actor, filter);
  if (page.items.length)
    await store.inTenant(db, actor, (tx) =>
      store.appendAudit(tx, actor, {
        action: 'finding.list',
        entity: 'case',
        details: { count: page.items.length, offset: page.offset },
      }),
    );
  return {
    ...page,
    items: page.items.map(({ finding, ...rest }) => ({ ...rest, message: renderFinding(finding, words).message })),
  };
}
