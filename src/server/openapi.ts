// The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with (zod 4's own
// JSON Schema output, which is the 2020-12 dialect OpenAPI 3.1 uses). Named schemas (registered in
// `components`) become `#/components/schemas/…` references; the rest is inlined.
import { z } from 'zod';
import { PROBLEM_TYPE } from './problem.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type BodyDef =
  | { kind: 'json'; schema: z.ZodType; description?: string }
  /** An hqs-case/1 document as JSON or YAML (`text`: handed to the route checked but unparsed). */
  | { kind: 'case'; description?: string; text?: boolean }
  /** A scan: multipart/form-data (`file`, `type`, `personId`) or the raw bytes with `?type&personId`. */
  | {
      kind: 'upload';
      description?: string;
      /** The route streams the body itself (a spreadsheet to a temporary file) and enforces the size limit as it reads: only a Content-Length over it is refused up front, nothing is buffered. */
      streamed?: boolean;
    };

export interface ResponseDef {
  description: string;
  schema?: z.ZodType;
  /** Default application/json. */
  contentType?: string;
  /** Headers the answer carries (ETag, Location, Content-Disposition…): name → what it says. */
  headers?: Record<string, string>;
}

/** The public routes' rate limits (per client address, in memory), checked before the body is read. */
export type Throttle = 'evaluate' | 'invitation' | 'selfcheck' | 'passwordReset';

export interface RouteDoc {
  method: Method;
  /** OpenAPI path syntax: `/api/v1/cases/{id}`. */
  path: string;
  summary: string;
  tag: string;
  /** public: no sign-in; user: a session cookie or an API token. */
  auth: 'public' | 'user';
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: BodyDef;
  responses: Record<number, ResponseDef>;
  /** A rate limit per client address: more requests are refused with 429 and Retry-After. */
  throttle?: Throttle;
}

/** Named schemas for `components.schemas`. */
export const components = z.registry<{ id: string; description?: string }>();

const REF = (id: string) => `#/components/schemas/${id}`;

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const meta = components.get(schema);
  if (meta) return { $ref: REF(meta.id) };
  const out = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
    // A named schema nested inside is a reference to its component, not a copy.
    override: (ctx) => {
      const zs = ctx.zodSchema as unknown as z.ZodType;
      const id = zs === schema ? undefined : components.get(zs)?.id;
      if (!id) return;
      for (const k of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as Json)[k];
      (ctx.jsonSchema as Json).$ref = REF(id);
    },
  }) as Json;
  delete out.$schema;
  return out;
}

function parameters(obj: z.ZodObject | undefined, where: 'path' | 'query'): Json[] {
  if (!obj) return [];
  return Object.entries(obj.shape).map(([name, s]) => {
    const schema = s as z.ZodType;
    const required = where === 'path' || !schema.safeParse(undefined).success;
    const js = jsonSchema(schema, 'input');
    const description = typeof js.description === 'string' ? js.description : undefined;
    return { name, in: where, required, ...(description ? { description } : {}), schema: js };
  });
}

const CASE_MEDIA = ['application/json', 'application/yaml'];
const UPLOAD_MEDIA = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff', 'image/heic', 'image/heif'];

function requestBody(b: BodyDef): Json {
  if (b.kind === 'json')
    return {
      required: true,
      content: { 'application/json': { schema: jsonSchema(b.schema, 'input') } },
      ...(b.description ? { description: b.description } : {}),
    };
  if (b.kind === 'case') {
    return {
      required: true,
      description: b.description ?? 'An hqs-case/1 document, as JSON or YAML (docs: spec/case-format.md).',
      content: Object.fromEntries(CASE_MEDIA.map((m) => [m, { schema: { $ref: REF('Case') } }])),
    };
  }
  return {
    required: true,
    description:
      b.description ?? 'The scan: PDF, JPEG, PNG, TIFF or HEIC/HEIF, checked by its first bytes; at most 20 MB.',
    content: {
      'multipart/form-data': {
        schema: {
          type: 'object',
          required: ['file', 'type', 'personId'],
          properties: {
            file: { type: 'string', contentMediaType: 'application/octet-stream' },
            type: { type: 'string' },
            personId: { type: 'string' },
            fileName: { type: 'string' },
            shared: { type: 'string', enum: ['true', 'false'] },
          },
        },
      },
      ...Object.fromEntries(UPLOAD_MEDIA.map((m) => [m, { schema: { type: 'string', contentMediaType: m } }])),
    },
  };
}

const RETRY_AFTER = { 'Retry-After': 'seconds to wait before trying again' };

const headerObjects = (headers: Record<string, string>): Json =>
  Object.fromEntries(
    Object.entries(headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }]),
  );

export function openApiDocument(
  routes: readonly RouteDoc[],
  info: { title: string; version: string; description?: string },
): Json {
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const responses: Json = {};
    for (const [status, res] of Object.entries(r.responses)) {
      const ct = res.contentType ?? 'application/json';
      const headers = { ...res.headers, ...(status === '429' || status === '503' ? RETRY_AFTER : {}) };
      responses[status] = {
        description: res.description,
        ...(Object.keys(headers).length ? { headers: headerObjects(headers) } : {}),
        ...(res.schema
          ? { content: { [ct]: { schema: jsonSchema(res.schema, 'output') } } }
          : res.contentType
            ? { content: { [ct]: { schema: { type: 'string', contentMediaType: ct } } } }
            : {}),
      };
    }
    if (r.throttle && !responses[429])
      responses[429] = {
        description: 'too many requests from this address: wait as Retry-After says',
        headers: headerObjects(RETRY_AFTER),
        content: { [PROBLEM_TYPE]: { schema: { $ref: REF('Problem') } } },
      };
    responses.default = {
      description: 'An error, as problem details (RFC 9457)',
      content: { [PROBLEM_TYPE]: { schema: { $ref: REF('Problem') } } },
    };
    (paths[r.path] ??= {})[r.method] = {
      operationId: `${r.method}${r.path
        .replace(/^\/api(\/v1)?/, '')
        .replace(/\{(\w+)\}/g, 'By_$1')
        .replace(/[^A-Za-z0-9]+(\w)?/g, (_m, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`,
      summary: r.summary,
      tags: [r.tag],
      security: r.auth === 'public' ? [] : [{ session: [] }, { bearer: [] }],
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(r.body ? { requestBody: requestBody(r.body) } : {}),
      responses,
    };
  }
  const schemas = (
    z.toJSONSchema(components, { io: 'output', unrepresentable: 'any', uri: REF, target: 'draft-2020-12' }) as {
      schemas: Record<string, Json>;
    }
  ).schemas;
  for (const s of Object.values(schemas)) delete s.$schema;
  return {
    openapi: '3.1.0',
    info,
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'hqs_session',
          description: 'Set by POST /api/v1/auth/login; writes also need the X-CSRF-Token header',
        },
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token (hqs_…) created by an owner' },
      },
    },
  };
}
