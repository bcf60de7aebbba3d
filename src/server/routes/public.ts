// The public self-check's evaluation: the case is checked here (sizes, text), parsed, validated and
// evaluated by a worker, and the answer streamed as it is read. Nothing is stored. The rate limit per
// address is in the contract (throttle: 'evaluate').
import type { ServerContext } from '../context.ts';
import type { Handlers } from '../http.ts';
import { requestLang } from '../lang.ts';
import { streamOf } from '../reply.ts';
import { routes } from './public.contract.ts';

export { routes };

export function handlers(x: ServerContext): Handlers<typeof routes> {
  return {
    evaluate: async ({ c, query, body }) => {
      // Checked here (sizes, text); parsed, validated and evaluated by a worker; streamed as it is read.
      const r = await x.pool().run({
        text: body.text,
        format: body.format,
        ...(query.unknown === 'employer.inn' ? { innUnknown: true } : {}),
        ...(query.asOf ? { asOf: query.asOf } : {}),
        useCaseAsOf: true,
        today: x.today(),
        lang: requestLang(query.lang, c.req.header('accept-language')),
        documents: query.include === 'documents',
        explain: query.explain === 'true',
      });
      const bytes = r.bytes!;
      return c.body(streamOf(bytes), 200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': String(bytes.byteLength),
      });
    },
  };
}
