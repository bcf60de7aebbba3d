// The public self-check's evaluation: no sign-in, nothing stored, rate-limited per address.
import { contracts } from '../contract.ts';
import * as S from '../schemas.ts';

export const routes = contracts({
  evaluate: {
    method: 'post',
    path: '/api/v1/evaluate',
    summary: 'Evaluate a case without signing in; nothing is stored; throttled per address',
    tag: 'public',
    auth: 'public',
    throttle: 'evaluate',
    query: S.PublicEvaluateQuery,
    body: { kind: 'case', text: true },
    responses: {
      200: { description: 'the evaluation', schema: S.Evaluation },
      413: {
        description: 'the case is larger than the limits (people, events, documents, sizes)',
        schema: S.Problem,
      },
      503: {
        description: 'every evaluation worker is busy, or the time budget ran out (Retry-After)',
        schema: S.Problem,
      },
    },
  },
});
