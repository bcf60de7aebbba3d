// Employers of the organization (the store checks roles and tenancy).
import * as store from '../../store/index.ts';
import type { ServerContext } from '../context.ts';
import type { Handlers } from '../http.ts';
import { json, noContent, stripUndefined } from '../reply.ts';
import { routes } from './employers.contract.ts';

export { routes };

export function handlers({ db }: ServerContext): Handlers<typeof routes> {
  return {
    listEmployers: async ({ c, actor, query }) => json(c, await store.listEmployers(db, actor, stripUndefined(query))),
    createEmployer: async ({ c, actor, body }) => {
      const r = await store.createEmployer(db, actor, body);
      return json(c, r, 201, { Location: `/api/v1/employers/${r.employerId}` });
    },
    getEmployer: async ({ c, actor, params }) => json(c, await store.getEmployer(db, actor, params.id)),
    replaceEmployer: async ({ c, actor, params, body }) =>
      json(c, await store.updateEmployer(db, actor, params.id, body)),
    deleteEmployer: async ({ c, actor, params }) => {
      await store.deleteEmployer(db, actor, params.id);
      return noContent(c);
    },
  };
}
