// The first run and signing in: setup, sign-in, the session, sign-out, one's own password.
import { contracts } from '../contract.ts';
import * as S from '../schemas.ts';

export const routes = contracts({
  getSetup: {
    method: 'get',
    path: '/api/v1/setup',
    summary: 'Whether the first-run setup is still needed (no user exists yet)',
    tag: 'auth',
    auth: 'public',
    responses: { 200: { description: 'the state', schema: S.SetupState } },
  },
  setUp: {
    method: 'post',
    path: '/api/v1/setup',
    summary: 'First run: create the first organization and its owner (only while no user exists)',
    tag: 'auth',
    auth: 'public',
    body: { kind: 'json', schema: S.SetupBody },
    responses: { 201: { description: 'created', schema: S.SetupResult } },
  },
  login: {
    method: 'post',
    path: '/api/v1/auth/login',
    summary: 'Sign in with email and password: sets the session cookie, returns the CSRF token',
    tag: 'auth',
    auth: 'public',
    body: { kind: 'json', schema: S.LoginBody },
    responses: {
      200: { description: 'signed in', schema: S.SessionInfo },
      409: {
        description: 'the account belongs to several organizations and has used none: choose one (organizations)',
        schema: S.Problem,
      },
      429: { description: 'failed attempts slow further ones down (Retry-After)', schema: S.Problem },
    },
  },
  getSession: {
    method: 'get',
    path: '/api/v1/auth/session',
    summary: 'Who is signed in, and the CSRF token for writes',
    tag: 'auth',
    auth: 'user',
    responses: { 200: { description: 'the session', schema: S.SessionInfo } },
  },
  logout: {
    method: 'post',
    path: '/api/v1/auth/logout',
    summary: 'Sign out (ends the session)',
    tag: 'auth',
    auth: 'user',
    responses: { 204: { description: 'signed out' } },
  },
  changePassword: {
    method: 'post',
    path: '/api/v1/auth/password',
    summary: 'Change your own password (signed in by cookie); ends your other sessions',
    tag: 'auth',
    auth: 'user',
    body: { kind: 'json', schema: S.PasswordBody },
    responses: { 200: { description: 'changed', schema: S.PasswordResult } },
  },
});
