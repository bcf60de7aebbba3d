// The API's resources, one module each (contracts in `<name>.contract.ts`, handlers beside them),
// mounted in one order: createApp (../app.ts) serves them as listed here.
import type { ServerContext } from '../context.ts';
import type { Api } from '../http.ts';
import { resources } from './contracts.ts';
import * as audit from './audit.ts';
import * as auth from './auth.ts';
import * as caseParts from './case-parts.ts';
import * as cases from './cases.ts';
import * as documents from './documents.ts';
import * as employers from './employers.ts';
import * as evaluation from './evaluation.ts';
import * as exportsRoutes from './exports.ts';
import * as imports from './imports.ts';
import * as meta from './meta.ts';
import * as organization from './organization.ts';
import * as portfolio from './portfolio.ts';
import * as publicEvaluate from './public.ts';
import * as checklist from './checklist.ts';
import * as selfcheck from './selfcheck.ts';
import * as mail from './mail.ts';

export { contracts, resources, type ApiContracts, type RouteName } from './contracts.ts';

/** Serves every resource on `api`; `document` answers GET /api/openapi.json. */
export function mountAll(api: Api, x: ServerContext, document: () => unknown): void {
  const seen = new Set<string>();
  for (const r of Object.values(resources))
    for (const name of Object.keys(r)) {
      if (seen.has(name)) throw new Error(`two route contracts are named ${name}`);
      seen.add(name);
    }
  api.mount(meta.routes, meta.handlers(x, document));
  api.mount(auth.routes, auth.handlers(x));
  api.mount(organization.routes, organization.handlers(x));
  api.mount(employers.routes, employers.handlers(x));
  api.mount(cases.routes, cases.handlers(x));
  api.mount(caseParts.routes, caseParts.handlers(x));
  api.mount(evaluation.routes, evaluation.handlers(x));
  api.mount(documents.routes, documents.handlers(x));
  api.mount(portfolio.routes, portfolio.handlers(x));
  api.mount(exportsRoutes.routes, exportsRoutes.handlers(x));
  api.mount(imports.routes, imports.handlers(x));
  api.mount(audit.routes, audit.handlers(x));
  api.mount(publicEvaluate.routes, publicEvaluate.handlers(x));
  api.mount(checklist.routes, checklist.handlers(x));
  api.mount(selfcheck.routes, selfcheck.handlers(x));
  api.mount(mail.routes, mail.handlers(x));
}
