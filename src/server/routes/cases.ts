// Cases: the store checks roles, tenancy and versions; writes are evaluated as of today (case-writes.ts).
// The answer's ETag is the case version, which the next write sends back.
import * as store from '../../store/index.ts';
import type { ServerContext } from '../context.ts';
import type { Handlers } from '../http.ts';
import { etag, json, noContent, stripUndefined, versionOf } from '../reply.ts';
import { contentDisposition } from '../disposition.ts';
import { runBulk } from '../../services/bulk.ts';
import { createEvaluated, updateEvaluated } from './case-writes.ts';
import { routes } from './cases.contract.ts';

export { routes };

export function handlers(x: ServerContext): Handlers<typeof routes> {
  const { db } = x;
  return {
    listCases: async ({ c, actor, query }) => {
      const { employer, ...rest } = query;
      const filter = stripUndefined({ ...rest, employerId: employer, today: x.today() });
      return json(c, await store.listCases(db, actor, filter));
    },
    createCase: async ({ c, actor, query, body }) => {
      const rec = await createEvaluated(x, actor, body, query.employer);
      return json(c, rec, 201, { Location: `/api/v1/cases/${rec.caseId}`, ETag: etag(rec.version) });
    },
    getCase: async ({ c, actor, params }) => {
      const rec = await store.getCase(db, actor, params.id);
      return json(c, rec, 200, { ETag: etag(rec.version) });
    },
    replaceCase: async ({ c, actor, params, query, body }) => {
      const rec = await updateEvaluated(x, actor, params.id, body, versionOf(c, query));
      return json(c, rec, 200, { ETag: etag(rec.version) });
    },
    setCaseStatus: async ({ c, actor, params, body }) => {
      const rec = await store.setCaseStatus(db, actor, params.id, body.status, body.version);
      return json(c, rec, 200, { ETag: etag(rec.version) });
    },
    deleteCase: async ({ c, actor, params }) => {
      await store.deleteCase(db, actor, params.id);
      return noContent(c);
    },
    assignCase: async ({ c, actor, params, body }) =>
      json(c, await store.assignCase(db, actor, params.id, body.assignee)),
    bulkCases: async ({ c, actor, body }) => {
      const deps = { db, tables: x.tables, today: x.today(), evaluate: { engine: x.engine, asOf: x.today() } };
      return json(c, await runBulk(deps, actor, body.caseIds, body.action));
    },
    exportCase: async ({ c, actor, params }) =>
      json(c, await store.exportCase(db, actor, params.id), 200, {
        'Content-Disposition': contentDisposition(`case-${params.id}.json`),
      }),
  };
}
