// Mail in the browser: the password reset end to end (sign-in → "Forgot your password?" → the mail at a
// real SMTP server process → its link → a new password → sign in), and the owner's Mail page and the
// Account page's reminders and calendar sections, each checked with axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ensureWebBuilt, expectAccessible, launchBrowser, newPage, startServer, type TestServer } from './harness.ts';
import { startSmtp, type SmtpProcess } from '../mail/smtp.ts';

const OWNER = { email: 'owner@mail.example', password: 'correct horse battery staple', org: 'Mail Org' };

let server: TestServer;
let browser: Browser | undefined;
let smtp: SmtpProcess;

beforeAll(async () => {
  smtp = await startSmtp();
  await ensureWebBuilt();
  [server, browser] = await Promise.all([
    startServer({ SMTP_URL: smtp.url, MAIL_FROM: 'HQS Desk <hqs@example.ru>' }),
    launchBrowser(),
  ]);
  const r = await fetch(`${server.url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: OWNER.email, password: OWNER.password, orgName: OWNER.org }),
  });
  expect(r.status).toBe(201);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.stop();
});

describe('mail in the browser', () => {
  it('resets a forgotten password through the mailed link', async () => {
    const { page, context } = await newPage(browser!);
    await page.goto(`${server.url}/login`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL('**/reset-password');
    await expectAccessible(page, 'the reset request page');
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByRole('button', { name: 'Mail me a link' }).click();
    await expect.poll(() => page.locator('main').innerText()).toMatch(/a link to set a new password is on its way/);
    await expect.poll(() => smtp.count(), { timeout: 60_000 }).toBe(1);
    const [mail] = await smtp.messages();
    const link = /http:\/\/127\.0\.0\.1:\d+\/reset-password#[\w-]+/.exec(mail!.text!)![0];
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill(`${OWNER.password} new`);
    await page.getByLabel('The new password again').fill(`${OWNER.password} new`);
    await expectAccessible(page, 'the new password page');
    await page.getByRole('button', { name: 'Set the password' }).click();
    await expect.poll(() => page.locator('main').innerText()).toMatch(/is set\. Sign in with it/);
    expect(page.url()).not.toContain('#');
    await page.getByRole('link', { name: 'Back to sign-in' }).click();
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(`${OWNER.password} new`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/app$/);

    await page.goto(`${server.url}/app/outbox`);
    await expect.poll(() => page.locator('main').innerText()).toMatch(/password reset/);
    await expect.poll(() => page.locator('main').innerText()).toMatch(/PUBLIC_URL is not set/);
    await expectAccessible(page, 'the Mail page');

    await page.goto(`${server.url}/app/account`);
    await page.getByRole('heading', { name: 'Reminders by mail' }).waitFor();
    await page.getByLabel('Remind me this many days before a due date').fill('14, 3');
    await page.getByRole('button', { name: 'Save reminders' }).click();
    await expect.poll(() => page.locator('main').innerText()).toMatch(/Reminders saved/);
    await page.getByRole('button', { name: 'Make my calendar address' }).click();
    await expect
      .poll(() => page.getByLabel('Address to paste into a calendar app').inputValue())
      .toMatch(/\/api\/v1\/calendar\/cal_/);
    await expectAccessible(page, 'the Account page');
    expect(page.errors).toEqual([]);
    await context.close();
  }, 240_000);
});
