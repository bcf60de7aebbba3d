// The service itself: whether it is up (and its database), and this API's OpenAPI document.
import { z } from 'zod';
import { contracts } from '../contract.ts';
import * as S from '../schemas.ts';

export const routes = contracts({
  getHealth: {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness and database check',
    tag: 'meta',
    auth: 'public',
    responses: { 200: { description: 'up', schema: S.Health } },
  },
  getOpenApi: {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document: the API in OpenAPI 3.1, made from the schemas the routes validate with',
    tag: 'meta',
    auth: 'public',
    responses: {
      200: {
        description: 'the OpenAPI document',
        schema: z
          .object({ openapi: z.literal('3.1.0'), info: z.object({ title: z.string(), version: z.string() }).loose() })
          .loose(),
      },
    },
  },
});
