// Across the portfolio: every open case's obligations, and the dashboard.
import { contracts } from '../contract.ts';
import * as S from '../schemas.ts';

export const routes = contracts({
  listObligations: {
    method: 'get',
    path: '/api/v1/obligations',
    summary: 'Obligations across all open cases, soonest first (from the last evaluation of each case)',
    tag: 'portfolio',
    auth: 'user',
    query: S.ObligationQuery,
    responses: { 200: { description: 'a page', schema: S.pageOf(S.ObligationRecord) } },
  },
  listFindings: {
    method: 'get',
    path: '/api/v1/findings',
    summary:
      "Findings across all open cases (errors first), from each case's stored evaluation, worded in the asked language",
    tag: 'portfolio',
    auth: 'user',
    query: S.FindingQuery,
    responses: { 200: { description: 'a page', schema: S.pageOf(S.FindingItem) } },
  },
  getDashboard: {
    method: 'get',
    path: '/api/v1/dashboard',
    summary: 'Portfolio summary: overdue, due this week, cases by stage, findings by severity',
    tag: 'portfolio',
    auth: 'user',
    responses: { 200: { description: 'summary', schema: S.Dashboard } },
  },
});
