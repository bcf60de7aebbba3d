// Password reset end to end through the API and a real SMTP server process: the same answer whether or
// not the email has an account, the mailed link (on PUBLIC_URL) sets a new password once, the token is
// refused after use, sessions end, the mail's body is blanked in the outbox once delivered. Invitations
// are mailed too when SMTP is on (the link in the answer stays).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startApi, type ApiEnv } from '../api/harness.ts';
import { PASSWORD } from '../store/fixtures.ts';
import { startSmtp, type SmtpProcess } from './smtp.ts';
import { inSystem } from '../../src/store/index.ts';

const PUBLIC = 'https://hqs.example.ru';

async function until(probe: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`never happened: ${what}`);
}

describe('password reset and invitations by mail', () => {
  let env: ApiEnv;
  let smtp: SmtpProcess;
  const owner = () => new Client(env.url);

  beforeAll(async () => {
    smtp = await startSmtp();
    env = await startApi('pglite', {
      mail: { url: smtp.url, from: 'HQS Desk <hqs@example.ru>' },
      publicUrl: PUBLIC,
    });
    await owner().post('/api/v1/setup', { json: { email: 'reset@a.example', password: PASSWORD, orgName: 'Reset' } });
  }, 120_000);

  afterAll(async () => {
    await env?.close();
    await smtp?.stop();
  });

  it('mails a one-time link that sets a new password once', async () => {
    const signedIn = owner();
    expect((await signedIn.login('reset@a.example', PASSWORD)).status).toBe(200);

    const anyone = new Client(env.url);
    const known = await anyone.post('/api/v1/auth/password-reset', { json: { email: 'Reset@A.example' } });
    const unknown = await anyone.post('/api/v1/auth/password-reset', { json: { email: 'nobody@a.example' } });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.body).toEqual(unknown.body);
    expect(known.body).toEqual({ accepted: true, mail: true });

    await until(() => smtp.count() === 1, 'the reset mail');
    const [mail] = await smtp.messages();
    expect(mail!.subject).toContain('HQS Desk');
    expect(mail!.text).toBeTruthy();
    const link = /https:\/\/hqs\.example\.ru\/reset-password#([\w-]{30,})/.exec(mail!.text!);
    expect(link).not.toBeNull();
    const token = link![1]!;

    // Delivered: the body holding the link is gone from the outbox; only its hash is kept for the token.
    await until(async () => {
      const rows = await inSystem(env.db, (tx) =>
        tx.query<{ status: string; body_text: string }>(
          "SELECT status, body_text FROM outbox WHERE kind = 'password-reset'",
        ),
      );
      return rows.length === 1 && rows[0]!.status === 'sent' && rows[0]!.body_text === '';
    }, 'the outbox row sent and blanked');
    const stored = await inSystem(env.db, (tx) =>
      tx.query<{ token_hash: string }>('SELECT token_hash FROM password_resets'),
    );
    expect(stored.map((r) => r.token_hash)).not.toContain(token);

    const weak = await anyone.post('/api/v1/auth/password-reset/complete', { json: { token, password: 'short' } });
    expect(weak.status).toBe(422);
    expect(JSON.stringify(weak.body)).toContain('password');

    const next = `${PASSWORD} renewed`;
    const done = await anyone.post('/api/v1/auth/password-reset/complete', { json: { token, password: next } });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ email: 'reset@a.example' });

    // The old session ended; the old password no longer works, the new one does; the link works once.
    expect((await signedIn.get('/api/v1/auth/session')).status).toBe(401);
    expect((await owner().login('reset@a.example', PASSWORD)).status).toBe(401);
    expect((await owner().login('reset@a.example', next)).status).toBe(200);
    const again = await anyone.post('/api/v1/auth/password-reset/complete', { json: { token, password: `${next}!` } });
    expect(again.status).toBe(422);
    expect(JSON.stringify(again.body)).toContain('token');
  }, 120_000);

  it('mails an invitation, with the same link the answer shows', async () => {
    const o = owner();
    await o.login('reset@a.example', `${PASSWORD} renewed`);
    const before = smtp.count();
    const inv = await o.post('/api/v1/invitations', { json: { email: 'invitee@a.example', role: 'viewer' } });
    expect(inv.status).toBe(201);
    expect(inv.body.url).toMatch(/^https:\/\/hqs\.example\.ru\/invite#/);
    await until(() => smtp.count() === before + 1, 'the invitation mail');
    const mail = (await smtp.messages())[before]!;
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('invitee@a.example');
    expect(mail.text).toContain(inv.body.url);
    expect(mail.subject).toContain('Reset');
  }, 120_000);
});
