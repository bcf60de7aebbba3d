// The shareable self-check: the public self-check stores its answers under a one-time code; an owner or a
// manager reads them with the code and makes a case from them, once.
import { contracts } from '../contract.ts';
import * as S from '../schemas.ts';
import * as P from '../schemas-papers.ts';

export const routes = contracts({
  shareSelfCheck: {
    method: 'post',
    path: '/api/v1/selfcheck/codes',
    summary:
      'Keep the self-check answers (the hqs-case/1 document it builds) for an agency under a one-time code, for 14 days; throttled per address',
    tag: 'public',
    auth: 'public',
    throttle: 'selfcheck',
    query: P.SelfCheckShareQuery,
    body: { kind: 'case' },
    responses: { 201: { description: 'the code (shown once) and when it expires', schema: P.SelfCheckShared } },
  },
  readSelfCheckCode: {
    method: 'post',
    path: '/api/v1/selfcheck/codes/read',
    summary: 'The answers behind a self-check code (owner or manager); the code stays usable',
    tag: 'cases',
    auth: 'user',
    body: { kind: 'json', schema: P.SelfCheckCodeBody },
    responses: { 200: { description: 'the answers', schema: P.SelfCheckAnswers } },
  },
  redeemSelfCheckCode: {
    method: 'post',
    path: '/api/v1/selfcheck/codes/redeem',
    summary:
      'Make a case from the answers behind a self-check code (owner or manager); the code is used up (a second use: 409)',
    tag: 'cases',
    auth: 'user',
    body: { kind: 'json', schema: P.SelfCheckRedeemBody },
    responses: { 201: { description: 'the case made', schema: S.CaseRecord } },
  },
});
