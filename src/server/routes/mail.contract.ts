// Mail and reminders: whether mail is on, the outbox (owners), one's own reminder settings, and the
// one-click unsubscribe a digest's List-Unsubscribe header points at (RFC 8058).
import { z } from 'zod';
import { contracts } from '../contract.ts';
import * as S from '../schemas.ts';
import { LANGS } from '../../core/lang.ts';

export const MailStatus = z.object({
  enabled: z.boolean().describe('SMTP_URL and MAIL_FROM are set: mail is sent'),
  publicUrl: z.boolean().describe('PUBLIC_URL is set: links in mails open from anywhere'),
});
export const OutboxEntry = z.object({
  mailId: z.uuid(),
  to: z.string(),
  kind: z.enum(['digest', 'specialist-reminder', 'invitation', 'password-reset']),
  caseId: z.uuid().nullable(),
  subject: z.string(),
  status: z.enum(['queued', 'sent', 'failed']),
  attempts: z.int(),
  lastError: z.string().nullable().describe("the SMTP server's answer to the last failed attempt"),
  result: z.string().nullable().describe("the SMTP server's answer when it accepted the mail"),
  createdAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable().describe('when a queued mail is tried (again)'),
});
export const OutboxQuery = z.object({
  status: z.enum(['queued', 'sent', 'failed']).optional(),
  limit: S.intQ(1, 500).optional(),
  offset: S.intQ(0, 1_000_000).optional(),
});
export const OutboxPage = z.object({
  mail: MailStatus,
  items: z.array(OutboxEntry),
  total: z.int(),
  limit: z.int(),
  offset: z.int(),
});
export const ReminderSettings = z.object({
  enabled: z.boolean(),
  leadDays: z.array(z.int()).describe('days before a due date a duty is mentioned (besides overdue and due today)'),
  scope: z
    .enum(['assigned', 'all'])
    .describe('assigned: your cases (and, for owners, the unassigned); all: every case (owners)'),
  lang: z.enum(LANGS),
});
export const ReminderSettingsBody = z
  .object({
    enabled: z.boolean().optional(),
    leadDays: z.array(z.int().min(1).max(365)).max(5).optional(),
    scope: z.enum(['assigned', 'all']).optional(),
    lang: z.enum(LANGS).optional(),
  })
  .strict();
export const UnsubscribeQuery = z.object({ token: z.string().min(20).max(200) });

export const ResetRequestBody = z.object({ email: z.string().max(254) }).strict();
export const ResetRequestAnswer = z.object({
  accepted: z.literal(true).describe('the same answer whether or not the email has an account'),
  mail: z.boolean().describe('mail is on: if the account exists, a link is on its way'),
});
export const ResetCompleteBody = z.object({ token: z.string().max(200), password: z.string().max(1000) }).strict();
export const ResetCompleteAnswer = z.object({ email: z.string() });

export const CalendarFeedState = z.object({
  active: z.boolean(),
  createdAt: z.string().nullable(),
});
export const CalendarFeedUrls = z.object({
  url: z.string().describe('the secret https address of the feed (shown once)'),
  webcal: z.string().describe('the same as webcal://, which calendar apps open as a subscription'),
});
export const FeedParams = z.object({ token: z.string().min(20).max(200) });

export const routes = contracts({
  getMailStatus: {
    method: 'get',
    path: '/api/v1/mail',
    summary: 'Whether mail is sent (SMTP configured) and links in it are absolute (PUBLIC_URL)',
    tag: 'mail',
    auth: 'user',
    responses: { 200: { description: 'the state', schema: MailStatus } },
  },
  listOutbox: {
    method: 'get',
    path: '/api/v1/outbox',
    summary: 'The mails of the organization, newest first, with their delivery (owner)',
    tag: 'mail',
    auth: 'user',
    query: OutboxQuery,
    responses: { 200: { description: 'a page', schema: OutboxPage } },
  },
  getReminderSettings: {
    method: 'get',
    path: '/api/v1/account/reminders',
    summary: 'Your reminder settings (the daily digest, or a specialist’s reminders)',
    tag: 'mail',
    auth: 'user',
    responses: { 200: { description: 'the settings', schema: ReminderSettings } },
  },
  setReminderSettings: {
    method: 'put',
    path: '/api/v1/account/reminders',
    summary: 'Change your reminder settings (what is not given stays)',
    tag: 'mail',
    auth: 'user',
    body: { kind: 'json', schema: ReminderSettingsBody },
    responses: { 200: { description: 'the settings', schema: ReminderSettings } },
  },
  unsubscribeReminders: {
    method: 'post',
    path: '/api/v1/reminders/unsubscribe',
    summary: 'One-click unsubscribe (RFC 8058) from the link of a digest: turns that member’s reminders off',
    tag: 'mail',
    auth: 'public',
    query: UnsubscribeQuery,
    responses: {
      200: {
        description: 'unsubscribed: true — that member’s reminders are off; false — the link is not known',
        schema: z.object({ unsubscribed: z.boolean() }),
      },
    },
  },
  requestPasswordReset: {
    method: 'post',
    path: '/api/v1/auth/password-reset',
    summary: 'Ask for a password-reset link by mail (the same answer whether or not the email has an account)',
    tag: 'auth',
    auth: 'public',
    throttle: 'passwordReset',
    body: { kind: 'json', schema: ResetRequestBody },
    responses: { 202: { description: 'accepted', schema: ResetRequestAnswer } },
  },
  completePasswordReset: {
    method: 'post',
    path: '/api/v1/auth/password-reset/complete',
    summary: 'Set a new password with the one-time token of a reset link; ends the account’s sessions',
    tag: 'auth',
    auth: 'public',
    throttle: 'passwordReset',
    body: { kind: 'json', schema: ResetCompleteBody },
    responses: {
      200: { description: 'the password is set: sign in with it', schema: ResetCompleteAnswer },
      422: { description: 'the link expired or was used, or the password is too weak', schema: S.Problem },
    },
  },
  getCalendarFeed: {
    method: 'get',
    path: '/api/v1/account/calendar',
    summary: 'Whether you have a calendar subscription (its address is shown only when made)',
    tag: 'mail',
    auth: 'user',
    responses: { 200: { description: 'the state', schema: CalendarFeedState } },
  },
  renewCalendarFeed: {
    method: 'post',
    path: '/api/v1/account/calendar',
    summary: 'A new secret calendar subscription address (the old one stops working)',
    tag: 'mail',
    auth: 'user',
    responses: { 201: { description: 'the addresses, shown once', schema: CalendarFeedUrls } },
  },
  revokeCalendarFeed: {
    method: 'delete',
    path: '/api/v1/account/calendar',
    summary: 'Stop your calendar subscription',
    tag: 'mail',
    auth: 'user',
    responses: { 204: { description: 'revoked' } },
  },
  getCalendarFeedIcs: {
    method: 'get',
    path: '/api/v1/calendar/{token}',
    summary: 'A calendar subscription: every deadline of the member’s cases (iCalendar; the token is the secret)',
    tag: 'mail',
    auth: 'public',
    params: FeedParams,
    responses: {
      200: { description: 'iCalendar', contentType: 'text/calendar' },
      404: { description: 'unknown or revoked', schema: S.Problem },
    },
  },
});
