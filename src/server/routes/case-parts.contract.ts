// The parts of a case edited one at a time: its events and its people, each write with the version read.
import { contracts, ETAG, LOCATION } from '../contract.ts';
import * as S from '../schemas.ts';

export const routes = contracts({
  addEvent: {
    method: 'post',
    path: '/api/v1/cases/{id}/events',
    summary: 'Add an event to a case (checked with the case schema); version must be the one read',
    tag: 'cases',
    auth: 'user',
    params: S.IdParams,
    body: { kind: 'json', schema: S.EventBody },
    responses: { 201: { description: 'the case with the event', schema: S.CaseRecord, headers: ETAG } },
  },
  correctEvent: {
    method: 'put',
    path: '/api/v1/cases/{id}/events/{index}',
    summary:
      'Correct the event at this index of case.events (checked with the case schema); version must be the one read',
    tag: 'cases',
    auth: 'user',
    params: S.EventParams,
    body: { kind: 'json', schema: S.EventBody },
    responses: { 200: { description: 'the case with the event corrected', schema: S.CaseRecord, headers: ETAG } },
  },
  removeEvent: {
    method: 'delete',
    path: '/api/v1/cases/{id}/events/{index}',
    summary: 'Remove a mistaken event (its index in case.events); ?version or If-Match required',
    tag: 'cases',
    auth: 'user',
    params: S.EventParams,
    query: S.VersionQuery,
    responses: { 200: { description: 'the case without the event', schema: S.CaseRecord, headers: ETAG } },
  },
  listPeople: {
    method: 'get',
    path: '/api/v1/cases/{id}/people',
    summary: 'The people of a case (principal and family); ETag is the case version',
    tag: 'cases',
    auth: 'user',
    params: S.IdParams,
    responses: { 200: { description: 'the people', schema: S.CasePeople, headers: ETAG } },
  },
  addPerson: {
    method: 'post',
    path: '/api/v1/cases/{id}/people',
    summary: 'Add a person to a case (checked with the case schema, errors at person.…); version must be the one read',
    tag: 'cases',
    auth: 'user',
    params: S.IdParams,
    body: { kind: 'json', schema: S.PersonBody },
    responses: {
      201: { description: 'the case with the person', schema: S.CaseRecord, headers: { ...ETAG, ...LOCATION } },
    },
  },
  replacePerson: {
    method: 'put',
    path: '/api/v1/cases/{id}/people/{personId}',
    summary: 'Replace a person of a case (the id stays); version must be the one read',
    tag: 'cases',
    auth: 'user',
    params: S.PersonParams,
    body: { kind: 'json', schema: S.PersonBody },
    responses: { 200: { description: 'the case with the person replaced', schema: S.CaseRecord, headers: ETAG } },
  },
  removePerson: {
    method: 'delete',
    path: '/api/v1/cases/{id}/people/{personId}',
    summary:
      'Remove a person nothing points to (not the principal, nor one with events, documents, a login or an invitation: 409 naming them)',
    tag: 'cases',
    auth: 'user',
    params: S.PersonParams,
    query: S.VersionQuery,
    responses: { 200: { description: 'the case without the person', schema: S.CaseRecord, headers: ETAG } },
  },
});
