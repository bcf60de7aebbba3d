// Cases: the store checks roles, tenancy and versions; writes are evaluated as of today (case-writes.ts).
// The answer's ETag is the case version, which the next write sends back.
import * as store from '../../store/index.ts';
import type { ServerContext } from '../context.ts';
import type { Handlers } from '../http.ts';
import { etag, json, noContent, stripUndefined, versionOf } from '../reply.ts';
import { contentDisposition } from '../disposition.ts';
import { runBulk } from '../../services/bulk.ts';
import { duplicatePassports } from '../../services/duplicate-passport.ts';
import { HttpProblem } from '../problem.ts';
import { createEvaluated, updateEvaluated } from './case-writes.ts';
import { routes } from './cases.contract.ts';

export { routes };

/** 409 passport.duplicate: which passport of the new case is in which open case. */
function duplicateProblem(dups: Awaited<ReturnType<typeof duplicatePassports>>): HttpProblem {
  const d = dups[0]!;
  const ref = d.caseRef ? `${d.caseRef} (${d.caseName})` : d.caseName;
  return new HttpProblem(
    409,
    `passport ${d.country} ${d.number} of ${d.personName || d.person} is already in the open case ${ref}: open that case, or send allowDuplicatePassport=true to create this one anyway`,
    dups.map((x) => ({
      path: 'people',
      message: `passport ${x.country} ${x.number} is in case ${x.caseRef ?? x.caseName}`,
    })),
    {},
    {
      code: 'passport.duplicate',
      params: {
        caseId: d.caseId,
        caseRef: d.caseRef,
        caseName: d.caseName,
        passport: `${d.country} ${d.number}`,
        person: d.person,
        personName: d.personName,
        cases: dups,
      },
    },
  );
}

export function handlers(x: ServerContext): Handlers<typeof routes> {
  const { db } = x;
  return {
    listCases: async ({ c, actor, query }) => {
      const { employer, ...rest } = query;
      const filter = stripUndefined({ ...rest, employerId: employer, today: x.today() });
      return json(c, await store.listCases(db, actor, filter));
    },
    createCase: async ({ c, actor, query, body }) => {
      const run = async () => {
        // A person whose passport is in another open case is named first (unless the caller says go ahead).
        if (query.allowDuplicatePassport !== 'true') {
          const dups = await duplicatePassports(db, actor, body);
          if (dups.length) throw duplicateProblem(dups);
        }
        return { status: 201, body: await createEvaluated(x, actor, body, query.employer) };
      };
      // With an Idempotency-Key, a repeat of the same request answers the first case again, never a second.
      const key = c.req.header(store.IDEMPOTENCY_HEADER);
      const r =
        key === undefined
          ? { ...(await run()), replayed: false }
          : await store.idempotent(db, actor, { route: 'createCase', key, request: { query, body } }, run);
      const rec = r.body as store.CaseRecord;
      return json(c, rec, r.status, {
        Location: `/api/v1/cases/${rec.caseId}`,
        ETag: etag(rec.version),
        ...(r.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
      });
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
