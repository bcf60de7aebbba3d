// The signed-in app end to end in a real browser (Debian's Chromium through playwright-core) against the
// real server on loopback with a fresh PGlite directory: the first run → an employer → a case with a
// spouse and a child entered step by step → its deadlines with dates → a scan uploaded and the checklist
// counting it → an event marked from the plan → the dashboard changing; then an invited specialist who
// sees their own case on a phone and cannot open another. axe-core checks the key pages; screenshots go
// to docs/screenshots.
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toOutcome, walkToSummary } from './selfcheck-walk.ts';
import {
  ensureWebBuilt,
  expectAccessible,
  launchBrowser,
  newPage,
  SHOTS,
  startServer,
  tooWide,
  type TestPage,
  type TestServer,
  englishLines,
  internalIdLines,
} from './harness.ts';

let server: TestServer | undefined;
let browser: Browser | undefined;
let base = '';

const OWNER = { email: 'olga@agency.example', password: 'Migration-Desk-2026!', org: 'Vector Migration Agency' };
const SPECIALIST_PASSWORD = 'Chen-Wei-Portal-77';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** An ISO date `days` from today in Moscow (what the server counts in). */
function moscowDate(days = 0): string {
  const now = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Moscow',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

beforeAll(async () => {
  await ensureWebBuilt();
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  base = server.url;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function dashboardFigure(page: TestPage, label: RegExp): Promise<number> {
  await page.goto(`${base}/app`);
  await page.waitForLoadState('networkidle');
  const card = page.locator('.card').filter({ hasText: label }).first();
  await card.waitFor();
  return Number((await card.locator('.big').innerText()).replace(/\D/g, ''));
}

describe('the workspace in the browser', () => {
  let owner: { context: BrowserContext; page: TestPage };
  let caseUrl = '';
  let otherCaseId = '';

  it('first run: /app sends a fresh install through sign-in to /setup, which creates the owner and signs in', async () => {
    owner = await newPage(browser!, { width: 1280 });
    const { page } = owner;
    await page.goto(`${base}/app`);
    await page.waitForLoadState('networkidle');
    await page.waitForURL('**/setup');
    await expectAccessible(page, 'the first-run page');
    await page.getByLabel('Organization name').fill(OWNER.org);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Choose a password').fill('short');
    await page.getByRole('button', { name: 'Create the organization' }).click();
    // The message is at the field, in words; the summary links to the field without repeating it.
    await expect.poll(() => page.locator('.field.invalid').innerText()).toMatch(/longer, less common password/);
    expect(await page.locator('.error-summary').innerText()).not.toMatch(/longer, less common password/);
    await page.getByLabel('Choose a password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Create the organization' }).click();
    await page.waitForURL(/\/app$/);
    await expect.poll(() => page.locator('main').innerText()).toMatch(/Add an employer/);
    await expectAccessible(page, 'the empty dashboard');
  }, 120_000);

  it('adds an employer; a wrong INN is named on its field', async () => {
    const { page } = owner;
    await page.getByRole('link', { name: 'Add an employer' }).click();
    await page.waitForLoadState('networkidle'); // the form is drawn once the page's data is in
    await page.getByLabel('Name', { exact: true }).fill('ООО «Вектор»');
    await page.getByLabel('INN', { exact: true }).fill('7707083894');
    await page.getByLabel('Kind of employer').selectOption('commercial');
    await page.getByRole('button', { name: 'Add the employer' }).click();
    await expect
      .poll(() => page.locator('.field.invalid').innerText(), { timeout: 15_000 })
      .toMatch(/This INN has a typo: its check digit does not match/);
    await expect(page.locator('.error-summary a[href$="-inn"]').innerText()).resolves.toMatch(/INN/);
    await page.getByLabel('INN', { exact: true }).fill('7707083893');
    await page.getByRole('button', { name: 'Add the employer' }).click();
    await page.waitForURL(/\/app\/employers\/[0-9a-f-]{36}/, { timeout: 15_000 });
    await expect.poll(() => page.locator('main').innerText(), { timeout: 15_000 }).toContain('7707083893');
    await expectAccessible(page, 'the employers page');
  }, 60_000);

  it('creates a case with a spouse and a child step by step, and shows its deadlines with dates', async () => {
    const { page } = owner;
    await page.goto(`${base}/app/cases/new`);
    await page.waitForLoadState('networkidle');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'the new-case form');
    // Employer: the one just added.
    await page.getByLabel('Find the employer').fill('7707083893');
    await page.getByRole('radio', { name: /Вектор/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    // The specialist.
    await page.getByLabel('Name in Latin letters, as in the passport').fill('CHEN WEI');
    await page.getByLabel('Date of birth').fill('1988-05-14');
    await page.getByLabel('Citizenship', { exact: true }).selectOption('CN');
    await page.getByRole('button', { name: 'Continue' }).click();
    // The contract.
    await page.getByLabel('Position').fill('Senior process engineer');
    await page.getByLabel('Kind of work').selectOption('general');
    await page.getByLabel('Salary in roubles, before tax').fill('800000');
    await page.getByLabel('Paid per').selectOption('month');
    await page.getByLabel('Start date').fill(moscowDate(120));
    await page.getByLabel('Region 1').selectOption('RU-MOW');
    await page.getByRole('button', { name: 'Continue' }).click();
    // The family, entered once.
    for (const [relation, name, born] of [
      ['spouse', 'LI NA', '1990-02-01'],
      ['child', 'CHEN XIAO', '2018-09-10'],
    ] as const) {
      await page.getByRole('button', { name: 'Add a family member' }).click();
      const member = page
        .locator('fieldset, section, .member')
        .filter({ has: page.getByLabel('Relation to the specialist') })
        .last();
      await member.getByLabel('Relation to the specialist').selectOption(relation);
      await member.getByLabel('Name in Latin letters, as in the passport').fill(name);
      await member.getByLabel('Date of birth').fill(born);
    }
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('main').innerText()).toMatch(/LI NA[\s\S]*CHEN XIAO/);
    await page.screenshot({ path: join(SHOTS, 'workspace-new-case-review.png'), fullPage: true });
    await page.getByRole('button', { name: 'Create the case' }).click();
    await page.waitForURL(/\/app\/cases\/[0-9a-f-]{36}/, { timeout: 20_000 });
    caseUrl = page.url().replace(/\?.*$/, '');
    await expect.poll(() => page.locator('h1').innerText()).toContain('CHEN WEI');
    await expectAccessible(page, 'the case overview');
    await page.screenshot({ path: join(SHOTS, 'workspace-case-overview.png') });

    await page.locator('#tab-plan').click();
    await expect.poll(() => page.locator('main').innerText()).toMatch(/LI NA/);
    await expect.poll(() => page.locator('main svg').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'the plan tab');
    await page.screenshot({ path: join(SHOTS, 'workspace-case-plan.png') });

    await page.locator('#tab-obligations').click();
    const text = await page.locator('main').innerText();
    expect(text).toMatch(
      /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/,
    );
    expect(text).toContain('115-FZ');
    await expectAccessible(page, 'the deadlines tab');
  }, 180_000);

  it('uploads a scan for the spouse: the checklist counts it and the file downloads', async () => {
    const { page } = owner;
    await page.locator('#tab-documents').click();
    const inputs = page.locator('input[type=file][id^="up-p2-"]');
    await inputs.first().waitFor();
    const before = await page.locator('#tab-documents').innerText();
    await inputs.first().setInputFiles({ name: 'passport-li-na.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect
      .poll(() => page.getByRole('link', { name: /Download passport-li-na\.pdf/ }).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => page.locator('#tab-documents').innerText()).not.toBe(before);
    const download = page.waitForEvent('download');
    await page
      .getByRole('link', { name: /Download passport-li-na\.pdf/ })
      .first()
      .click();
    expect((await download).suggestedFilename()).toBe('passport-li-na.pdf');
    await expectAccessible(page, 'the documents tab');
    await page.screenshot({ path: join(SHOTS, 'workspace-case-documents.png'), fullPage: true });
  }, 60_000);

  it('marks the contract signed from the plan: a deadline appears overdue on the dashboard, then filing clears it', async () => {
    const { page } = owner;
    const overdue0 = await dashboardFigure(page, /Overdue/);
    const stages0 = await page.locator('main').innerText();
    await page.goto(`${caseUrl}?tab=plan`);
    await page.waitForLoadState('networkidle');
    await page
      .getByRole('button', { name: /^Mark as done: Contract\b/ })
      .first()
      .click();
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Save the event' }) });
    await form.locator('input[type=date]').first().fill(moscowDate(-30));
    await form.getByRole('button', { name: 'Save the event' }).click();
    await expect.poll(() => page.locator('.case-status').innerText(), { timeout: 15_000 }).toMatch(/Contract signed/);

    const overdue1 = await dashboardFigure(page, /Overdue/);
    expect(overdue1).toBe(overdue0 + 1); // the contract notification (3 working days) is now late
    expect(await page.locator('main').innerText()).not.toBe(stages0);
    await page.screenshot({ path: join(SHOTS, 'workspace-dashboard.png'), fullPage: true });
    await expectAccessible(page, 'the dashboard with a case');

    await page.goto(`${caseUrl}?tab=obligations`);
    await page.waitForLoadState('networkidle');
    await page
      .getByRole('button', { name: /^Mark as filed: Notification of a contract concluded/ })
      .first()
      .click();
    const form2 = page.locator('form').filter({ has: page.getByRole('button', { name: 'Save the event' }) });
    await form2.getByRole('button', { name: 'Save the event' }).click();
    await expect
      .poll(() => page.locator('.case-status').innerText(), { timeout: 15_000 })
      .toMatch(/Recorded: Employer's notification/);
    await page.screenshot({ path: join(SHOTS, 'workspace-case-deadlines.png') });
    expect(await dashboardFigure(page, /Overdue/)).toBe(overdue0);
  }, 120_000);

  it('imports a second case from an hqs-case/1 file', async () => {
    const { page } = owner;
    await page.goto(`${base}/app/cases/new`);
    await page.waitForLoadState('networkidle');
    await page.getByRole('tab', { name: 'Import a file' }).click();
    const yaml = [
      'format: hqs-case/1',
      'employer: { name: ООО «Вектор», inn: "7707083893", kind: commercial }',
      'people:',
      '  - { id: p1, role: principal, name: { latin: RAHUL VERMA }, birthDate: 1985-03-04, citizenships: [IN] }',
      'contract: { kind: employment, position: Engineer, occupation: general, salary: { amount: 300000, per: month }, start: 2027-06-01, regions: [RU-MOW] }',
      '',
    ].join('\n');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'verma.yaml', mimeType: 'application/yaml', buffer: Buffer.from(yaml) });
    await page.getByRole('button', { name: 'Create the case from this file' }).click();
    await page.waitForURL(/\/app\/cases\/[0-9a-f-]{36}/, { timeout: 20_000 });
    otherCaseId = /\/app\/cases\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await expect.poll(() => page.locator('h1').innerText()).toContain('RAHUL VERMA');
    await page.goto(`${base}/app/cases`);
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('main').innerText()).toMatch(/CHEN WEI[\s\S]*|RAHUL VERMA/);
    await expectAccessible(page, 'the cases list');
    await page.screenshot({ path: join(SHOTS, 'workspace-cases.png'), fullPage: true });
  }, 60_000);

  it('invites the specialist, who signs up from the link and sees only their own case on a phone', async () => {
    const { page } = owner;
    await page.goto(`${base}/app/users`);
    await page.waitForLoadState('networkidle');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectAccessible(page, 'people and access');
    await page.getByLabel('Email', { exact: true }).fill('chen.wei@example.com');
    await page.getByLabel(/Specialist/).check();
    await page.getByLabel('Case of the specialist').fill('CHEN');
    await page
      .getByRole('radio', { name: /CHEN WEI/ })
      .first()
      .check();
    await page.getByLabel('Who in this case the invitation is for').selectOption('p1');
    await page.getByRole('button', { name: 'Create the invitation' }).click();
    const link = await page.locator('#invite-url').inputValue();
    expect(link).toMatch(/\/invite#[A-Za-z0-9_-]{20,}/);
    await page.screenshot({ path: join(SHOTS, 'workspace-users.png'), fullPage: true });

    const phone = await newPage(browser!, { width: 360 });
    const sp = phone.page;
    await sp.goto(link.trim());
    await sp.waitForLoadState('networkidle');
    await expect.poll(() => sp.locator('main').innerText()).toContain(OWNER.org);
    await sp.getByLabel('Choose a password').fill(SPECIALIST_PASSWORD);
    await sp.getByRole('button', { name: 'Accept the invitation' }).click();
    await sp.waitForURL('**/portal', { timeout: 15_000 });
    await expect.poll(() => sp.locator('main').innerText(), { timeout: 15_000 }).toMatch(/LI NA/);
    const portal = await sp.locator('main').innerText();
    expect(portal).toMatch(/LI NA/);
    expect(portal).not.toMatch(/RAHUL VERMA/);
    // Only what the specialist brings: not the employer's petition, registration card or the duties it pays,
    // even among the later filings' papers (folded).
    await sp.evaluate('document.querySelectorAll("main details").forEach((d) => { d.open = true; })');
    const everything = await sp.locator('main').innerText();
    expect(everything).toMatch(/Passport/);
    expect(everything).not.toMatch(
      /Petition to engage|registration card with the Interior Ministry|Guarantee letter|state duty for issuing the work permit|state duty for the invitation/,
    );
    await sp.evaluate('document.querySelectorAll("main details").forEach((d) => { d.open = false; })');
    await expectAccessible(sp, 'the portal on a phone');
    expect(await tooWide(sp)).toEqual([]);
    await sp.screenshot({ path: join(SHOTS, 'portal-en-phone.png') });
    await sp.locator('header button[lang=zh]').click();
    await expect.poll(() => sp.evaluate('document.documentElement.lang')).toBe('zh-CN');
    await sp.waitForLoadState('networkidle');
    await expect.poll(() => sp.locator('main').innerText()).toContain('中文内容仅供参考，法律以俄文文本为准。');
    // What the specialist reads is Chinese: duties, steps, documents, the legal notes.
    await expect.poll(() => englishLines(sp), { timeout: 15_000 }).toEqual([]);
    await expectAccessible(sp, 'the portal in Chinese');
    await sp.screenshot({ path: join(SHOTS, 'portal-zh-phone.png') });

    // Another case: the workspace sends a specialist back to the portal, and the API answers 404.
    await sp.goto(`${base}/app/cases/${otherCaseId}`);
    await sp.waitForLoadState('networkidle');
    await sp.waitForURL('**/portal');
    const res = await sp.evaluate(async (id) => (await fetch(`/api/v1/cases/${id}`)).status, otherCaseId);
    expect(res).toBe(404);
    // The browser logs the refused request for the other case: nothing else.
    expect(sp.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await phone.context.close();
  }, 120_000);

  it('turns a self-check result into a case without retyping', async () => {
    const { page } = owner;
    await page.goto(`${base}/`);
    await page.waitForLoadState('networkidle');
    await walkToSummary(page, { salary: 800000, family: true });
    expect(await toOutcome(page)).toBe('eligible');
    await page.getByRole('link', { name: 'Create a case from this result' }).click();
    await page.waitForURL('**/app/cases/new?from=selfcheck');
    await expect.poll(() => page.locator('main').innerText()).toMatch(/RAHUL VERMA[\s\S]*ANITA VERMA/);
    await expectAccessible(page, 'the new case from a self-check');
    await page.getByRole('button', { name: 'Create the case' }).click();
    await page.waitForURL(/\/app\/cases\/[0-9a-f-]{36}/, { timeout: 20_000 });
    await expect.poll(() => page.locator('h1').innerText()).toContain('RAHUL VERMA');
  }, 120_000);

  it('speaks Russian in the workspace: dates, duties and the navigation', async () => {
    const { page } = owner;
    await page.goto(`${caseUrl}?tab=obligations`);
    await page.waitForLoadState('networkidle');
    await page.locator('header button[lang=ru]').click();
    await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('ru');
    await expect.poll(() => page.locator('nav.app-nav').innerText()).toMatch(/Сводка[\s\S]*Дела/);
    await expect
      .poll(() => page.locator('main').innerText())
      .toMatch(/\d{1,2} (января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря) \d{4} г\./);
    await expectAccessible(page, 'the deadlines tab in Russian');
    await page.screenshot({ path: join(SHOTS, 'workspace-ru-case-deadlines.png'), fullPage: true });
    await page.goto(`${base}/app`);
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('main').innerText()).toMatch(/Просрочено|просроч/i);
    // No internal id in what a Russian reader sees: the dashboard, and the case's tabs.
    await expect.poll(() => internalIdLines(page), { timeout: 15_000 }).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'dashboard-ru.png'), fullPage: true });
    for (const tab of ['overview', 'plan', 'obligations', 'documents', 'people', 'events']) {
      await page.goto(`${caseUrl}?tab=${tab}`);
      await page.waitForLoadState('networkidle');
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await internalIdLines(page), `the case's ${tab} tab in Russian`).toEqual([]);
      if (tab === 'overview') await page.screenshot({ path: join(SHOTS, 'case-ru.png'), fullPage: true });
    }
    // A bad INN in Russian: the reader's words, once, at the field; no path, regular expression or id.
    await page.goto(`${base}/app/employers?new=1`);
    await page.waitForLoadState('networkidle');
    await page.locator('input[id$="-name"]').fill('ООО «Ромашка»');
    await page.locator('input[id$="-inn"]').fill('12345');
    await page.locator('form.employer-form button[type=submit]').click();
    await expect
      .poll(() => page.locator('.field.invalid').first().innerText(), { timeout: 15_000 })
      .toContain('ИНН — 10 или 12 цифр');
    const main = await page.locator('main').innerText();
    expect(main.split('ИНН — 10 или 12 цифр').length - 1, main).toBe(1);
    expect(main).not.toMatch(/[\\^$]|\/\^|must match|Invalid|inn:|[0-9a-f]{8}-[0-9a-f]{4}/);
    await expect(page.locator('.error-summary a[href$="-inn"]').innerText()).resolves.toBe('ИНН');
    await expectAccessible(page, 'a refused employer in Russian');
    await page.locator('header button[lang=en]').click();
    await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('en');
  }, 60_000);

  it('has no script errors and no page wider than a 360-px phone', async () => {
    const { page } = owner;
    expect(page.errors.filter((e) => !/status of 422/.test(e))).toEqual([]); // the refused INN and password above
    await page.setViewportSize({ width: 360, height: 800 });
    for (const path of ['/app', caseUrl.slice(base.length), '/app/cases']) {
      await page.goto(`${base}${path}`);
      await page.waitForLoadState('networkidle');
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await tooWide(page), `${path} at 360 px`).toEqual([]);
    }
    await page.screenshot({ path: join(SHOTS, 'workspace-case-phone.png') });
    await owner.context.close();
  }, 60_000);
});
