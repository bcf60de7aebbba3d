// Reminders that reach people, through a real SMTP server process (test/mail/smtp-server.mjs) and parsed
// with mailparser: a member's digest names the person, the employer, the duty, the date and links to the
// case; the owner gets the unassigned cases; a specialist gets their own family's in their language; the
// one-click unsubscribe turns the digest off; a second run the same day sends nothing; a mail the server
// refuses is retried and then delivered, and one it keeps refusing ends as failed in the outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../store/backends.ts';
import { makeOrg, PASSWORD, type Org } from '../store/fixtures.ts';
import { startSmtp, type SmtpProcess } from './smtp.ts';
import { generateCase } from '../../bench/generate.ts';
import { loadLaw } from '../../src/law/node.ts';
import type { IsoDate } from '../../src/calendar/date.ts';
import {
  addMemberByEmail,
  assignCase,
  checkCase,
  createCase,
  inSystem,
  resolveActor,
  sweep,
  type Actor,
  type Db,
} from '../../src/store/index.ts';
import { testEngine } from '../store/fixtures.ts';
import { runReminders } from '../../src/mail/reminders.ts';
import { deliverDueMail } from '../../src/mail/deliver.ts';
import { createMailTransport, mailConfigFromEnv } from '../../src/mail/transport.ts';
import { listOutbox } from '../../src/store/outbox.ts';
import { planReminders, setReminderSettings, unsubscribeReminders } from '../../src/store/reminders.ts';

const DAY = '2026-11-21' as IsoDate;
const BASE = 'https://hqs.example.ru';

describe('reminders by mail (PGlite, a real SMTP server process)', () => {
  let backend: TestBackend;
  let db: Db;
  let A: Org;
  let manager: Actor;
  let smtp: SmtpProcess;
  const caseIds: string[] = [];
  let specialistEmail = '';

  beforeAll(async () => {
    [backend, smtp] = await Promise.all([startBackend('pglite'), startSmtp()]);
    db = await backend.fresh();
    A = await makeOrg(db, 'mail');
    const law = loadLaw();
    for (let i = 0; i < 10; i++)
      caseIds.push((await createCase(db, A.owner, checkCase(generateCase(i, { law })))).caseId);
    const m = await addMemberByEmail(db, A.owner, {
      email: 'manager.mail@example.com',
      password: PASSWORD,
      role: 'manager',
    });
    manager = await resolveActor(db, { userId: m.userId, orgId: A.orgId });
    for (const id of caseIds.slice(0, 5)) await assignCase(db, A.owner, id, m.userId);
    specialistEmail = 'specialist.mail@example.com';
    await addMemberByEmail(db, A.owner, {
      email: specialistEmail,
      password: PASSWORD,
      role: 'specialist',
      caseId: caseIds[7]!,
    });
    await sweep(db, testEngine(), DAY);
  }, 120_000);

  afterAll(async () => {
    await smtp?.stop();
    await backend?.close();
  });

  it('plans a digest per member from the stored obligations: their cases, the unassigned to the owner', async () => {
    await setReminderSettings(db, manager, { lang: 'en' });
    const plan = await planReminders(db, DAY);
    const forManager = plan.find((p) => p.email === 'manager.mail@example.com');
    const forOwner = plan.find((p) => p.email === A.ownerEmail);
    expect(forManager?.kind).toBe('digest');
    expect(forOwner?.kind).toBe('digest');
    expect(new Set(forManager!.items.map((i) => i.caseId)).size).toBeGreaterThan(0);
    for (const i of forManager!.items) expect(caseIds.slice(0, 5)).toContain(i.caseId);
    for (const i of forOwner!.items) expect(caseIds.slice(5)).toContain(i.caseId);
    // Only overdue, due today, or due in exactly one of the lead times (30, 7, 1).
    for (const i of [...forManager!.items, ...forOwner!.items])
      expect(i.days <= 0 || [30, 7, 1].includes(i.days)).toBe(true);
  });

  it('mails each member once: items with person, employer, duty, date and case link; List-Unsubscribe', async () => {
    const cfg = mailConfigFromEnv({ SMTP_URL: smtp.url, MAIL_FROM: 'HQS Desk <hqs@example.ru>' })!;
    const transport = createMailTransport(cfg);
    const first = await runReminders(db, DAY, { base: BASE, mailOn: true });
    expect(first.length).toBeGreaterThanOrEqual(2);
    expect(first.every((o) => o.status === 'queued')).toBe(true);
    const report = await deliverDueMail(db, transport);
    expect(report).toEqual({ sent: first.length, retrying: 0, failed: 0 });
    const mails = await smtp.messages();
    expect(mails).toHaveLength(first.length);

    const toManager = mails.find((m) => m.to && 'text' in m.to && m.to.text.includes('manager.mail@example.com'))!;
    expect(toManager.subject).toMatch(/^HQS Desk: \d+ deadlines? to watch/);
    expect(toManager.text).toBeTruthy(); // the plain-text part
    const plan = (await planReminders(db, DAY)).find((p) => p.email === 'manager.mail@example.com')!;
    for (const item of plan.items) {
      expect(toManager.text).toContain(`${BASE}/app/cases/${item.caseId}`);
      expect(toManager.text).toContain(item.employer);
      expect(toManager.text).toContain(item.personLatin);
    }
    expect(toManager.text).toMatch(/collection of the work permit|notification|registration|extension|passport|limit/);
    const header = (name: string) =>
      toManager.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '') ?? '';
    const unsubUrl = header('list-unsubscribe').replace(/^<|>$/g, '');
    expect(unsubUrl).toMatch(new RegExp(`^${BASE}/api/v1/reminders/unsubscribe\\?token=[\\w-]{30,}$`));
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

    // The owner's digest is in Russian (the default) and covers the unassigned cases.
    const toOwner = mails.find((m) => m.to && 'text' in m.to && m.to.text.includes(A.ownerEmail))!;
    expect(toOwner.subject).toMatch(/^HQS Desk: \d+ срок/);

    // A second run the same day sends nothing.
    const second = await runReminders(db, DAY, { base: BASE, mailOn: true });
    expect(second.every((o) => o.status === 'already-sent')).toBe(true);
    expect(await deliverDueMail(db, transport)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(smtp.count()).toBe(first.length);

    // One click turns the manager's digest off: the next day they get nothing.
    const token = new URL(unsubUrl).searchParams.get('token')!;
    expect(await unsubscribeReminders(db, token)).toBe(true);
    expect(await unsubscribeReminders(db, 'x'.repeat(40))).toBe(false);
    const next = await planReminders(db, '2026-11-22');
    expect(next.find((p) => p.email === 'manager.mail@example.com')).toBeUndefined();

    // The outbox records each mail with the server's answer.
    const outbox = await listOutbox(db, A.owner);
    expect(outbox.items.filter((i) => i.status === 'sent')).toHaveLength(first.length);
    expect(outbox.items.every((i) => i.attempts === 1 && /^250/.test(i.result ?? ''))).toBe(true);
    await expect(listOutbox(db, manager)).rejects.toThrow(/only an owner/);
    transport.close();
  });

  it('a specialist gets their own family’s duties in their language', async () => {
    const mails = await smtp.messages();
    const plan = (await planReminders(db, DAY)).find((p) => p.email === specialistEmail);
    if (!plan) {
      // Their family has nothing due on the day: then nothing was mailed to them.
      expect(mails.some((m) => m.to && 'text' in m.to && m.to.text.includes(specialistEmail))).toBe(false);
      return;
    }
    expect(plan.kind).toBe('specialist-reminder');
    expect(plan.items.every((i) => i.caseId === caseIds[7])).toBe(true);
    const mail = mails.find((m) => m.to && 'text' in m.to && m.to.text.includes(specialistEmail))!;
    expect(mail.text).toContain(`${BASE}/portal`);
  });

  it('without SMTP nothing is recorded, and a dry run only says what would be sent', async () => {
    const day = '2026-11-23';
    const off = await runReminders(db, day, { base: BASE, mailOn: false });
    expect(off.length).toBeGreaterThan(0);
    expect(off.every((o) => o.status === 'mail-off')).toBe(true);
    const dry = await runReminders(db, day, { base: BASE, mailOn: true, dryRun: true });
    expect(dry.every((o) => o.status === 'would-send')).toBe(true);
    const rows = await inSystem(db, (tx) => tx.query('SELECT 1 FROM reminder_sends WHERE day = $1', [day]));
    expect(rows).toHaveLength(0);
  });
});

describe('retries (a server that refuses the first attempts)', () => {
  let backend: TestBackend;
  let db: Db;
  let A: Org;
  let smtp: SmtpProcess;

  beforeAll(async () => {
    [backend, smtp] = await Promise.all([startBackend('pglite'), startSmtp({ refuseFirst: 1 })]);
    db = await backend.fresh();
    A = await makeOrg(db, 'retry');
    const law = loadLaw();
    for (let i = 0; i < 4; i++) await createCase(db, A.owner, checkCase(generateCase(i, { law })));
    await sweep(db, testEngine(), DAY);
  }, 120_000);

  afterAll(async () => {
    await smtp?.stop();
    await backend?.close();
  });

  it('retries a refused mail after its delay, then delivers it; gives up after the last attempt', async () => {
    const transport = createMailTransport({ url: smtp.url, from: 'hqs@example.ru' });
    const policy = { maxAttempts: 2, retryBaseSeconds: 0, claimSeconds: 60 };
    const made = await runReminders(db, DAY, { base: BASE, mailOn: true });
    expect(made).toHaveLength(1);
    // The first attempt is refused (451): the mail waits, with the server's answer.
    const first = await deliverDueMail(db, transport, { ...policy, retryBaseSeconds: 3600 });
    expect(first).toEqual({ sent: 0, retrying: 1, failed: 0 });
    let entry = (await listOutbox(db, A.owner)).items[0]!;
    expect(entry.status).toBe('queued');
    expect(entry.attempts).toBe(1);
    expect(entry.lastError).toMatch(/451/);
    // Not yet due (an hour of backoff): nothing is tried.
    expect(await deliverDueMail(db, transport, policy)).toEqual({ sent: 0, retrying: 0, failed: 0 });
    await inSystem(db, (tx) => tx.query('UPDATE outbox SET next_attempt_at = now()'));
    expect(await deliverDueMail(db, transport, policy)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    entry = (await listOutbox(db, A.owner)).items[0]!;
    expect(entry).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(smtp.count()).toBe(1);
    transport.close();

    // A server nobody answers at: after maxAttempts the mail is failed, with the reason.
    const dead = createMailTransport({ url: 'smtp://127.0.0.1:1', from: 'hqs@example.ru' });
    await inSystem(db, (tx) => tx.query("UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_at = now()"));
    expect(await deliverDueMail(db, dead, policy)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await deliverDueMail(db, dead, policy)).toEqual({ sent: 0, retrying: 0, failed: 1 });
    entry = (await listOutbox(db, A.owner)).items[0]!;
    expect(entry.status).toBe('failed');
    expect(entry.lastError).toMatch(/ECONNREFUSED|connect/i);
    dead.close();
  });
});
