// The service itself: /healthz asks the database; the OpenAPI document is made once, from every contract.
import type { ServerContext } from '../context.ts';
import type { Handlers } from '../http.ts';
import { HttpProblem } from '../problem.ts';
import { json } from '../reply.ts';
import { routes } from './meta.contract.ts';

export { routes };

export const VERSION = '0.1.0';

export const handlers = (x: ServerContext, document: () => unknown): Handlers<typeof routes> => ({
  getHealth: async ({ c }) => {
    try {
      await x.db.query('SELECT 1');
    } catch (e) {
      x.log('healthz: database check failed', e);
      throw new HttpProblem(503, 'the database does not answer');
    }
    return json(c, { status: 'ok', backend: x.db.backend, version: VERSION });
  },
  getOpenApi: ({ c }) => json(c, document()),
});
