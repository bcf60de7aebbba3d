// The findings across the portfolio: the risks and inconsistencies of each open case's latest stored
// evaluation (evaluations.summary.findings), one row per finding, for the portfolio view and its export.
import type { Finding } from '../engine/index.ts';
import { requirePortfolio, type Actor } from './actor.ts';
import { inTenant, requireUuid, type Db } from './db.ts';
import { Invalid } from './errors.ts';
import { pageOf, Where, type Page, type PageRequest } from './page.ts';

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface FindingRecord {
  caseId: string;
  externalId: string | null;
  employerId: string;
  employerName: string;
  principalName: string;
  principalNameCyrillic: string | null;
  /** The date the evaluation was made for. */
  asOf: string;
  severity: FindingSeverity;
  code: string;
  people: string[];
  /** The finding as stored: its code, params and basis (words come from renderFinding, src/i18n). */
  finding: Finding;
}

export interface FindingFilter extends PageRequest {
  severity?: readonly FindingSeverity[];
  code?: readonly string[];
  employerId?: string;
  caseId?: string;
  /** Only open cases (default true). */
  openCasesOnly?: boolean;
}

const SEVERITIES: readonly FindingSeverity[] = ['error', 'warning', 'info'];

/** Findings of the stored evaluations: errors first, then warnings, then information; by principal's name. */
export async function listFindings(db: Db, actor: Actor, f: FindingFilter = {}): Promise<Page<FindingRecord>> {
  requirePortfolio(actor, 'the findings of the portfolio');
  const { limit, offset } = pageOf(f, 1000, 100);
  for (const s of f.severity ?? [])
    if (!SEVERITIES.includes(s))
      throw Invalid.one('severity', `expected error, warning or info, got ${JSON.stringify(s)}`);
  const w = new Where();
  if (f.caseId !== undefined) w.add('c.case_id = ?::uuid', requireUuid(f.caseId, 'case'));
  if (f.employerId !== undefined) w.add('c.employer_id = ?::uuid', requireUuid(f.employerId, 'employer'));
  if (f.severity?.length) w.add(`x.f ->> 'severity' = ANY(?::text[])`, [...f.severity]);
  if (f.code?.length) w.add(`x.f ->> 'code' = ANY(?::text[])`, [...f.code]);
  if (f.openCasesOnly !== false) w.clauses.push(`c.status = 'open'`);
  const from = `FROM evaluations v
    JOIN cases c ON c.org_id = v.org_id AND c.case_id = v.case_id
    JOIN employers e ON e.org_id = c.org_id AND e.employer_id = c.employer_id
    CROSS JOIN LATERAL jsonb_array_elements(coalesce(v.summary -> 'findings', '[]'::jsonb)) WITH ORDINALITY AS x(f, n)`;
  return inTenant(db, actor, async (tx) => {
    const total = (await tx.query<{ n: number }>(`SELECT count(*)::int AS n ${from} ${w.sql}`, w.params))[0]!.n;
    const rows = await tx.query<{
      case_id: string;
      external_id: string | null;
      employer_id: string;
      employer_name: string;
      principal_name: string;
      principal_name_cyrillic: string | null;
      as_of: string;
      f: Finding;
    }>(
      `SELECT c.case_id, c.external_id, c.employer_id, e.name AS employer_name, c.principal_name, c.principal_name_cyrillic,
              v.as_of, x.f
       ${from} ${w.sql}
       ORDER BY CASE x.f ->> 'severity' WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, lower(c.principal_name), c.case_id, x.n
       LIMIT ${limit} OFFSET ${offset}`,
      w.params,
    );
    return {
      items: rows.map((r) => ({
        caseId: r.case_id,
        externalId: r.external_id,
        employerId: r.employer_id,
        employerName: r.employer_name,
        principalName: r.principal_name,
        principalNameCyrillic: r.principal_name_cyrillic,
        asOf: r.as_of,
        severity: r.f.severity,
        code: r.f.code,
        people: r.f.people ?? [],
        finding: r.f,
      })),
      total,
      limit,
      offset,
    };
  });
}
