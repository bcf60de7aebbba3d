// A case's events and people, one at a time: each write carries the version read, is checked with the
// whole case and evaluated as of today (case-writes.ts); the answer is the case with its new ETag.
import * as store from '../../store/index.ts';
import type { ServerContext } from '../context.ts';
import type { Handlers } from '../http.ts';
import { etag, json, versionOf } from '../reply.ts';
import { evaluated, parts } from './case-writes.ts';
import { routes } from './case-parts.contract.ts';

export { routes };

export function handlers(x: ServerContext): Handlers<typeof routes> {
  const { db } = x;
  const withETag = (c: Parameters<typeof json>[0], rec: store.CaseRecord, status = 200) =>
    json(c, rec, status, { ETag: etag(rec.version) });
  return {
    addEvent: async ({ c, actor, params, body }) => {
      const rec = await evaluated(x, (ev) =>
        store.addEvent(db, actor, params.id, body.event, body.version, parts(x, ev)),
      );
      return withETag(c, rec, 201);
    },
    correctEvent: async ({ c, actor, params, body }) => {
      const rec = await evaluated(x, (ev) =>
        store.updateEvent(db, actor, params.id, params.index, body.event, body.version, parts(x, ev)),
      );
      return withETag(c, rec);
    },
    removeEvent: async ({ c, actor, params, query }) => {
      const version = versionOf(c, query);
      const rec = await evaluated(x, (ev) =>
        store.removeEvent(db, actor, params.id, params.index, version, parts(x, ev)),
      );
      return withETag(c, rec);
    },

    listPeople: async ({ c, actor, params }) => {
      const r = await store.listPeople(db, actor, params.id);
      return json(c, r, 200, { ETag: etag(r.version) });
    },
    addPerson: async ({ c, actor, params, body }) => {
      const rec = await evaluated(x, (ev) =>
        store.addPerson(db, actor, params.id, body.person, body.version, parts(x, ev)),
      );
      const added = rec.case.people.at(-1)!;
      return json(c, rec, 201, {
        ETag: etag(rec.version),
        Location: `/api/v1/cases/${rec.caseId}/people/${encodeURIComponent(added.id)}`,
      });
    },
    replacePerson: async ({ c, actor, params, body }) => {
      const rec = await evaluated(x, (ev) =>
        store.updatePerson(db, actor, params.id, params.personId, body.person, body.version, parts(x, ev)),
      );
      return withETag(c, rec);
    },
    removePerson: async ({ c, actor, params, query }) => {
      const version = versionOf(c, query);
      const rec = await evaluated(x, (ev) =>
        store.removePerson(db, actor, params.id, params.personId, version, parts(x, ev)),
      );
      return withETag(c, rec);
    },
  };
}
