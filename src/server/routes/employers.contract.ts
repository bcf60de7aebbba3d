// Employers of the organization.
import { contracts, LOCATION } from '../contract.ts';
import * as S from '../schemas.ts';

export const routes = contracts({
  listEmployers: {
    method: 'get',
    path: '/api/v1/employers',
    summary: 'Employers (search, pages)',
    tag: 'employers',
    auth: 'user',
    query: S.EmployerQuery,
    responses: { 200: { description: 'a page', schema: S.pageOf(S.EmployerRecord) } },
  },
  createEmployer: {
    method: 'post',
    path: '/api/v1/employers',
    summary: 'Create an employer',
    tag: 'employers',
    auth: 'user',
    body: { kind: 'json', schema: S.EmployerRecord.shape.employer },
    responses: { 201: { description: 'created', schema: S.EmployerRecord, headers: LOCATION } },
  },
  getEmployer: {
    method: 'get',
    path: '/api/v1/employers/{id}',
    summary: 'One employer',
    tag: 'employers',
    auth: 'user',
    params: S.IdParams,
    responses: { 200: { description: 'the employer', schema: S.EmployerRecord } },
  },
  replaceEmployer: {
    method: 'put',
    path: '/api/v1/employers/{id}',
    summary: 'Replace an employer',
    tag: 'employers',
    auth: 'user',
    params: S.IdParams,
    body: { kind: 'json', schema: S.EmployerRecord.shape.employer },
    responses: { 200: { description: 'replaced', schema: S.EmployerRecord } },
  },
  deleteEmployer: {
    method: 'delete',
    path: '/api/v1/employers/{id}',
    summary: 'Delete an employer without cases',
    tag: 'employers',
    auth: 'user',
    params: S.IdParams,
    responses: { 204: { description: 'deleted' } },
  },
});
