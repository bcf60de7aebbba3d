// Every route contract of the API, by name, in the order the server registers them (the OpenAPI
// document's order). Node-free: the typed client (../client.ts) takes its types from here.
import { routes as audit } from './audit.contract.ts';
import { routes as auth } from './auth.contract.ts';
import { routes as caseParts } from './case-parts.contract.ts';
import { routes as cases } from './cases.contract.ts';
import { routes as documents } from './documents.contract.ts';
import { routes as employers } from './employers.contract.ts';
import { routes as evaluation } from './evaluation.contract.ts';
import { routes as exportsRoutes } from './exports.contract.ts';
import { routes as imports } from './imports.contract.ts';
import { routes as meta } from './meta.contract.ts';
import { routes as organization } from './organization.contract.ts';
import { routes as portfolio } from './portfolio.contract.ts';
import { routes as publicRoutes } from './public.contract.ts';
import { routes as checklist } from './checklist.contract.ts';
import { routes as selfcheck } from './selfcheck.contract.ts';
import { routes as mail } from './mail.contract.ts';

/** The resources in registration order. */
export const resources = {
  meta,
  auth,
  organization,
  employers,
  cases,
  caseParts,
  evaluation,
  documents,
  portfolio,
  exports: exportsRoutes,
  imports,
  audit,
  public: publicRoutes,
  checklist,
  selfcheck,
  mail,
} as const;

/** Every contract by name (a name used twice is an error: see index.ts). */
export const contracts = {
  ...meta,
  ...auth,
  ...organization,
  ...employers,
  ...cases,
  ...caseParts,
  ...evaluation,
  ...documents,
  ...portfolio,
  ...exportsRoutes,
  ...imports,
  ...audit,
  ...publicRoutes,
  ...checklist,
  ...selfcheck,
  ...mail,
};

export type ApiContracts = typeof contracts;
export type RouteName = keyof ApiContracts;
