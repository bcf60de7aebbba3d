// The portfolio as spreadsheets (src/services/exports.ts streams them; the store checks roles and scopes).
import { EXPORT_TYPES, exportStream, type ExportRequest } from '../../services/exports.ts';
import type { ExportKind } from '../../sheets/index.ts';
import type { ServerContext } from '../context.ts';
import { contentDisposition } from '../disposition.ts';
import type { Handlers } from '../http.ts';
import { requestLang } from '../lang.ts';
import { stripUndefined } from '../reply.ts';
import { routes } from './exports.contract.ts';
import type { SheetLang } from '../../core/lang.ts';

export { routes };

const csvList = (s: string | undefined) =>
  s
    ?.split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function handlers(x: ServerContext): Handlers<typeof routes> {
  const deps = { db: x.db, law: x.law, log: x.log };
  const send = (
    c: Parameters<Handlers<typeof routes>['exportCases']>[0]['c'],
    actor: Parameters<typeof exportStream>[1],
    r: ExportRequest,
    name: string,
  ) => {
    const body = exportStream(deps, actor, r);
    return c.body(body, 200, {
      'Content-Type': EXPORT_TYPES[r.format],
      'Content-Disposition': contentDisposition(`${name}-${x.today()}.${r.format}`),
    });
  };
  const langOf = (c: { req: { header(n: string): string | undefined } }, lang: SheetLang | undefined): SheetLang => {
    const l = requestLang(lang, c.req.header('accept-language'));
    return l === 'ru' ? 'ru' : 'en';
  };
  const one = (
    kind: ExportKind,
    format: 'xlsx' | 'csv' | undefined,
    lang: SheetLang,
    filters: ExportRequest['filters'],
  ) => ({
    kinds: [kind],
    format: format ?? 'xlsx',
    lang,
    filters,
  });
  return {
    exportCases: ({ c, actor, query }) => {
      const { format, lang, employer, ...rest } = query;
      const cases = stripUndefined({ ...rest, employerId: employer, today: x.today() });
      return send(c, actor, one('cases', format, langOf(c, lang), { cases }), 'cases');
    },
    exportDeadlines: ({ c, actor, query }) => {
      const { format, lang, employer, case: caseId, kind, ...rest } = query;
      const kinds = csvList(kind);
      const deadlines = stripUndefined({
        ...rest,
        employerId: employer,
        caseId,
        kind: kinds?.length ? kinds : undefined,
      });
      return send(c, actor, one('deadlines', format, langOf(c, lang), { deadlines }), 'deadlines');
    },
    exportFindings: ({ c, actor, query }) => {
      const { format, lang, employer, case: caseId, code, ...rest } = query;
      const findings = stripUndefined({ ...rest, employerId: employer, caseId, code: code?.length ? code : undefined });
      return send(c, actor, one('findings', format, langOf(c, lang), { findings }), 'findings');
    },
    exportAudit: ({ c, actor, query }) => {
      const { format, lang, order, actor: actorUserId, ...rest } = query;
      const audit = stripUndefined({ ...rest, actorUserId, newestFirst: order === 'desc' });
      return send(c, actor, one('audit', format, langOf(c, lang), { audit }), 'audit');
    },
    exportPortfolio: ({ c, actor, query }) => {
      const kinds = query.kinds ?? ['cases', 'deadlines', 'findings'];
      const r = {
        kinds,
        format: 'xlsx' as const,
        lang: langOf(c, query.lang),
        filters: { cases: { today: x.today() } },
      };
      return send(c, actor, r, 'portfolio');
    },
  };
}
