// The mail commands on a data directory: hqs remind (a dry run, then the real run through a real SMTP
// server process, then a second run that sends nothing), hqs jobs, and hqs admin reset-password (a
// one-time link that works once, or HQS_OWNER_PASSWORD set at once).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminCommand } from '../../src/cli/commands/admin.ts';
import { sweepCommand } from '../../src/cli/commands/sweep.ts';
import { remindCommand } from '../../src/cli/commands/remind.ts';
import { jobsCommand } from '../../src/cli/commands/jobs.ts';
import type { Io } from '../../src/cli/io.ts';
import {
  authenticate,
  checkCase,
  createCase,
  findUserByEmail,
  openStore,
  organizationsOfUser,
  resolveActor,
  storeConfigFromEnv,
} from '../../src/store/index.ts';
import { completePasswordReset } from '../../src/store/password-reset.ts';
import { generateCase } from '../../bench/generate.ts';
import { loadLaw } from '../../src/law/node.ts';
import { PASSWORD } from '../store/fixtures.ts';
import { startSmtp, type SmtpProcess } from './smtp.ts';

function capture(): Io & { out_: string[]; err_: string[] } {
  const out_: string[] = [];
  const err_: string[] = [];
  return { out_, err_, out: (s) => out_.push(s), err: (s) => err_.push(s) };
}

const DAY = '2026-11-21';
let root: string;
let smtp: SmtpProcess;
const saved = { ...process.env };

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hqs-mailcli-'));
  smtp = await startSmtp();
  process.env.HQS_DATA_DIR = join(root, 'data');
  delete process.env.DATABASE_URL;
  process.env.HQS_OWNER_PASSWORD = PASSWORD;
  await adminCommand(['create-owner', '--email', 'owner@remind.example', '--org', 'Remind'], capture());
  delete process.env.HQS_OWNER_PASSWORD;
  const db = await openStore(storeConfigFromEnv());
  try {
    const user = (await findUserByEmail(db, 'owner@remind.example'))!;
    const org = (await organizationsOfUser(db, user.userId))[0]!;
    const owner = await resolveActor(db, { userId: user.userId, orgId: org.orgId });
    const law = loadLaw();
    for (let i = 0; i < 4; i++) await createCase(db, owner, checkCase(generateCase(i, { law })));
  } finally {
    await db.close();
  }
  await sweepCommand(['--as-of', DAY], capture());
}, 180_000);

afterAll(async () => {
  process.env = saved;
  await smtp?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('hqs remind and hqs jobs', () => {
  it('a dry run says what would be sent; the run sends it; a second run sends nothing', async () => {
    process.env.SMTP_URL = smtp.url;
    process.env.MAIL_FROM = 'HQS Desk <hqs@example.ru>';
    process.env.PUBLIC_URL = 'https://hqs.example.ru';
    const dry = capture();
    expect(await remindCommand(['--as-of', DAY, '--dry-run', '--format', 'json'], dry)).toBe(0);
    const d = JSON.parse(dry.out_.join('\n')) as { reminders: { email: string; status: string }[] };
    expect(d.reminders).toEqual([expect.objectContaining({ email: 'owner@remind.example', status: 'would-send' })]);
    expect(smtp.count()).toBe(0);

    const run = capture();
    expect(await remindCommand(['--as-of', DAY], run)).toBe(0);
    expect(run.out_.join('\n')).toMatch(/owner@remind\.example {2}digest {2}\d+ items? {2}ru {2}sent/);
    expect(run.out_.join('\n')).toContain('delivery: 1 delivered');
    expect(smtp.count()).toBe(1);

    const again = capture();
    expect(await remindCommand(['--as-of', DAY], again)).toBe(0);
    expect(again.out_.join('\n')).toContain('already sent today');
    expect(smtp.count()).toBe(1);

    const jobs = capture();
    expect(await jobsCommand(['--format', 'json'], jobs)).toBe(0);
    expect(JSON.parse(jobs.out_.join('\n'))).toMatchObject({ jobs: [], outbox: { queued: 0, sent: 1, failed: 0 } });
  }, 120_000);

  it('names a bad SMTP_URL or a missing MAIL_FROM', async () => {
    process.env.SMTP_URL = 'http://mail.example';
    await expect(remindCommand(['--dry-run'], capture())).rejects.toThrow(
      /^SMTP_URL: expected smtp:\/\/ or smtps:\/\//,
    );
    process.env.SMTP_URL = smtp.url;
    delete process.env.MAIL_FROM;
    await expect(remindCommand(['--dry-run'], capture())).rejects.toThrow(/^MAIL_FROM: /);
  });
});

describe('hqs admin reset-password', () => {
  it('prints a one-time link that sets a password once; with HQS_OWNER_PASSWORD sets it at once', async () => {
    const io = capture();
    expect(await adminCommand(['reset-password', 'Owner@Remind.example'], io)).toBe(0);
    const m = /https:\/\/hqs\.example\.ru\/reset-password#([\w-]+)/.exec(io.out_.join('\n'));
    expect(m).not.toBeNull();
    const db = await openStore(storeConfigFromEnv());
    try {
      await completePasswordReset(db, m![1]!, `${PASSWORD} one`);
      expect(await authenticate(db, 'owner@remind.example', `${PASSWORD} one`)).toBeTruthy();
      await expect(completePasswordReset(db, m![1]!, `${PASSWORD} two`)).rejects.toThrow(/expired or was used/);
    } finally {
      await db.close();
    }
    process.env.HQS_OWNER_PASSWORD = `${PASSWORD} three`;
    const direct = capture();
    expect(await adminCommand(['reset-password', 'owner@remind.example'], direct)).toBe(0);
    expect(direct.out_.join('\n')).toContain('set from HQS_OWNER_PASSWORD');
    delete process.env.HQS_OWNER_PASSWORD;
    await expect(adminCommand(['reset-password', 'nobody@remind.example'], capture())).rejects.toThrow(/no account/);
  }, 60_000);
});
