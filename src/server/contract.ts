// Route contracts: what each route of the API takes and answers, as data — method, path, summary, who may
// call it, zod schemas for its parameters, query, body and answers. The server validates requests with
// them (http.ts), the OpenAPI document is made from them (openapi.ts) and the typed client (client.ts)
// takes its types from them. This file and the contracts (routes/*.contract.ts) import no Node module and
// no store code: the web app's type check reads them.
import type { z } from 'zod';
import type { Case } from '../case/index.ts';
import type { RouteDoc } from './openapi.ts';

export type Contract = RouteDoc;
export type Contracts = Record<string, Contract>;

/**
 * A resource's contracts, named (the name is the typed client's function). The literal method and path
 * of each are kept in the type: the client's table of paths is checked against them.
 */
export function contracts<const T extends Contracts>(c: T): T {
  return c;
}

/** A case body left as checked text, for a worker to parse (`{ kind: 'case', text: true }`). */
export interface CaseText {
  text: string;
  format: 'json' | 'yaml';
}

type Out<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;

/** What the handler of a contract receives, once validated. */
export type ParamsOut<C> = C extends { params: infer P } ? Out<P> : Record<string, never>;
export type QueryOut<C> = C extends { query: infer Q } ? Out<Q> : Record<string, never>;
export type BodyOut<C> = C extends { body: infer B }
  ? B extends { kind: 'json'; schema: infer S }
    ? Out<S>
    : B extends { kind: 'case'; text: true }
      ? CaseText
      : B extends { kind: 'case' }
        ? Case
        : undefined
  : undefined;

/** Headers answers carry, as the contracts document them. */
export const ETAG = { ETag: 'the case version ("vN"): send it back as If-Match (or ?version=N) to write' };
export const LOCATION = { Location: 'the URL of the record made' };
export const DOWNLOAD = {
  'Content-Disposition': 'attachment, with the file name (filename* in UTF-8 and an ASCII filename)',
};
