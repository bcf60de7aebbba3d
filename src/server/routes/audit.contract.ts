// The audit log (owners).
import { contracts } from '../contract.ts';
import * as S from '../schemas.ts';

export const routes = contracts({
  listAudit: {
    method: 'get',
    path: '/api/v1/audit',
    summary: 'The audit log (owner); keyset pages: pass `next` as cursor',
    tag: 'audit',
    auth: 'user',
    query: S.AuditQuery,
    responses: { 200: { description: 'a page', schema: S.AuditPage } },
  },
});
