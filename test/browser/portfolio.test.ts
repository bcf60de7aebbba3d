// Running a portfolio in a real browser (Debian's Chromium through playwright-core) against the real server
// on loopback with a fresh PGlite directory: the case list urgency first, its filters kept in the address
// across a reload and Back, a selection assigned in bulk and found again by the assignee filter, the list
// exported to .xlsx with its filter and read back with exceljs, a dashboard figure opening its list, the
// new-case draft surviving a reload (and a question before leaving) and gone once the case is created,
// and an event corrected — also when someone else changed the case meanwhile. Data is made through the
// API, as an agency's integration would.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, Client } from '../api/harness.ts';
import { makeCase, PASSWORD } from '../store/fixtures.ts';
import {
  ensureWebBuilt,
  expectAccessible,
  launchBrowser,
  newPage,
  ROOT,
  SHOTS,
  startServer,
  type TestPage,
  type TestServer,
} from './harness.ts';

let server: TestServer | undefined;
let browser: Browser | undefined;
let base = '';
let api: Client;
const OWNER = { email: 'irina@agency.example', name: 'Irina Owner' };
const MANAGER = { email: 'max@agency.example' };
let managerId = '';
/** The cases made through the API, by principal's name. */
const ids = new Map<string, string>();

beforeAll(async () => {
  await ensureWebBuilt();
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  base = server.url;
  api = new Client(base);
  const setup = await api.post('/api/v1/setup', {
    json: { email: OWNER.email, password: PASSWORD, orgName: 'Portfolio Agency' },
  });
  expect(setup.status, JSON.stringify(setup.body)).toBe(201);
  api.csrf = null;
  expect((await api.login(OWNER.email, PASSWORD)).status).toBe(200);
  managerId = await addMember(api, MANAGER.email, 'manager');
  for (const [n, employer, name] of [
    [1, 1, 'ALPHA ONE'],
    [2, 1, 'BRAVO TWO'],
    [3, 2, 'CHARLIE THREE'],
  ] as const) {
    const r = await api.post('/api/v1/cases', { json: makeCase(n, { employer, name }) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ids.set(name, r.body.caseId);
  }
  // The examples: other employers, other routes, other deadlines.
  const dir = join(ROOT, 'examples');
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml'))) {
    const r = await api.post('/api/v1/cases', { body: readFileSync(join(dir, f), 'utf8'), type: 'application/yaml' });
    expect(r.status, `${f}: ${JSON.stringify(r.body)}`).toBe(201);
    ids.set(r.body.principalName, r.body.caseId);
  }
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The new-case drafts this browser keeps. */
const drafts = (page: TestPage) =>
  page.evaluate(`Object.keys(localStorage).filter((k) => k.startsWith('hqs.draft.'))`) as Promise<string[]>;

/** The principal's names in the list, top to bottom. */
const listed = (page: TestPage) => page.locator('table.cases tbody th[scope=row] a').allInnerTexts();

describe('the portfolio in the browser', () => {
  let owner: { context: BrowserContext; page: TestPage };

  it('signs in and lists the cases urgency first: the soonest next deadline on top', async () => {
    owner = await newPage(browser!, { width: 1280 });
    const { page } = owner;
    await page.goto(`${base}/login`);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/app$/);
    await page.goto(`${base}/app/cases`);
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('.count-line').first().innerText()).toMatch(/7 cases/);
    const fromApi = (await api.get('/api/v1/cases?sort=next-deadline')).body.items as {
      principalName: string;
      nextDeadline: string | null;
    }[];
    expect(await listed(page)).toEqual(fromApi.map((c) => c.principalName));
    // The order is by the next deadline (the cases without one last), and there is more than one date.
    const dates = fromApi.map((c) => c.nextDeadline);
    const known = dates.filter((d): d is string => d !== null);
    expect(known).toEqual([...known].sort());
    expect(dates.slice(known.length).every((d) => d === null)).toBe(true);
    expect(new Set(known).size).toBeGreaterThan(1);
    expect(await page.getByRole('columnheader', { name: /Next deadline/ }).innerText()).toMatch(/sorted/);
    // Sorting by the overdue count is a link in the header, kept in the address.
    await page.getByRole('link', { name: 'Overdue', exact: true }).click();
    await page.waitForURL(/sort=overdue/);
    const byOverdue = (await api.get('/api/v1/cases?sort=overdue')).body.items as { principalName: string }[];
    await expect.poll(() => listed(page)).toEqual(byOverdue.map((c) => c.principalName));
    await page.screenshot({ path: join(SHOTS, 'cases-list.png'), fullPage: false });
    await expectAccessible(page, 'the case list');
    expect(page.errors).toEqual([]);
  }, 120_000);

  it('keeps the filters in the address: a reload shows the same list, Back the one before', async () => {
    const { page } = owner;
    await page.goto(`${base}/app/cases`);
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Employer', { exact: true }).selectOption({ label: 'ООО «Работодатель 1»' });
    await page.getByLabel('Assignee').selectOption({ label: 'Unassigned' });
    await page.getByLabel('Order').selectOption({ label: 'By name' });
    await page.getByRole('button', { name: 'Show cases' }).click();
    await page.waitForURL(/employer=.*assignee=none.*sort=name/);
    await expect.poll(() => listed(page)).toEqual(['ALPHA ONE', 'BRAVO TWO']);
    await page.reload();
    await page.waitForLoadState('networkidle');
    await expect.poll(() => listed(page)).toEqual(['ALPHA ONE', 'BRAVO TWO']);
    expect(await page.getByLabel('Assignee').inputValue()).toBe('none');
    expect(await page.getByLabel('Order').inputValue()).toBe('name');
    await page.goBack();
    await page.waitForURL(/\/app\/cases$/);
    await expect.poll(async () => (await listed(page)).length).toBe(7);
    expect(await page.getByLabel('Assignee').inputValue()).toBe('');
    await page.goForward();
    await expect.poll(() => listed(page)).toEqual(['ALPHA ONE', 'BRAVO TWO']);
  }, 60_000);

  it('assigns a selection in bulk after a confirmation naming how many; the assignee filter finds them', async () => {
    const { page } = owner;
    await page.goto(`${base}/app/cases?sort=name`);
    await page.waitForLoadState('networkidle');
    await page.getByRole('checkbox', { name: 'Select ALPHA ONE' }).check();
    await page.getByRole('checkbox', { name: 'Select CHARLIE THREE' }).check();
    await expect.poll(() => page.locator('.bulk .count-line').innerText()).toMatch(/2 cases selected/);
    await page.getByLabel('Action').selectOption('assign');
    await page.getByLabel('Member', { exact: true }).selectOption({ label: MANAGER.email });
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('#bulk-q').innerText()).toBe(`assign to ${MANAGER.email}: 2 cases. Go ahead?`);
    await page.getByRole('button', { name: 'Yes, for 2 cases' }).click();
    await expect
      .poll(() => page.locator('.bulk-summary').innerText())
      .toMatch(/Done — assign to max@agency\.example: 2 changed, 0 already so, 0 refused\./);
    await expect.poll(() => page.locator('.bulk .count-line').innerText()).toMatch(/Tick cases/);
    // The assignee column and the filter by that member.
    await page.getByLabel('Assignee').selectOption({ label: MANAGER.email });
    await page.getByRole('button', { name: 'Show cases' }).click();
    await page.waitForURL(new RegExp(`assignee=${managerId}`));
    await expect.poll(() => listed(page)).toEqual(['ALPHA ONE', 'CHARLIE THREE']);
    expect(await page.locator('table.cases td[data-label="Assignee"]').allInnerTexts()).toEqual([
      MANAGER.email,
      MANAGER.email,
    ]);
    const audit = (await api.get('/api/v1/audit?action=case.assign')).body.items as unknown[];
    expect(audit.length).toBe(2);
    // The case page shows the assignee and changes it.
    await page.getByRole('link', { name: 'ALPHA ONE' }).click();
    await page.waitForURL(/\/app\/cases\/[0-9a-f-]{36}/);
    await expect.poll(() => page.locator('.case-head').innerText()).toContain(MANAGER.email);
    await page.getByRole('button', { name: 'Change', exact: true }).click();
    await page.getByLabel('Assignee').selectOption({ label: `${OWNER.email} (you)` });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.locator('.case-status').innerText()).toMatch(/The case is now/);
    expect((await api.get(`/api/v1/cases/${ids.get('ALPHA ONE')}`)).body.assignee.email).toBe(OWNER.email);
    expect(page.errors).toEqual([]);
  }, 90_000);

  it('exports the filtered list to .xlsx, read back with exceljs', async () => {
    const { page } = owner;
    const employer1 = (await api.get(`/api/v1/cases/${ids.get('BRAVO TWO')}`)).body.employerId as string;
    await page.goto(`${base}/app/cases?employer=${employer1}`);
    await page.waitForLoadState('networkidle');
    await expect.poll(async () => (await listed(page)).sort()).toEqual(['ALPHA ONE', 'BRAVO TWO']);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Excel (.xlsx)' }).click(),
    ]);
    const file = await download.path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.worksheets[0]!;
    const text = (r: number) =>
      ((sheet.getRow(r).values as unknown[]) ?? []).map((v) => (v === null || v === undefined ? '' : String(v)));
    const rows = Array.from({ length: sheet.rowCount }, (_, i) => text(i + 1).join(' | ')).filter((r) => r.trim());
    expect(rows.length).toBe(3); // the header and the employer's two cases
    expect(rows.slice(1).join('\n')).toMatch(/ALPHA ONE/);
    expect(rows.slice(1).join('\n')).toMatch(/BRAVO TWO/);
    expect(rows.join('\n')).not.toMatch(/CHARLIE THREE/);
    // The CSV link carries the same filter.
    const csv = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
    expect(csv).toContain(`employer=${employer1}`);
    expect(csv).toContain('format=csv');
  }, 60_000);

  it('opens the list behind a dashboard figure: open cases, and the warnings as the findings list', async () => {
    const { page } = owner;
    await page.goto(`${base}/app`);
    await page.waitForLoadState('networkidle');
    await page.locator('.card').filter({ hasText: 'Open cases' }).getByRole('link').click();
    await page.waitForURL(/\/app\/cases\?status=open$/);
    await expect.poll(() => page.locator('.count-line').first().innerText()).toMatch(/7 cases/);
    expect(await page.getByLabel('Status').inputValue()).toBe('open');
    await page.goBack();
    const dash = (await api.get('/api/v1/dashboard')).body as { findingsBySeverity: Record<string, number> };
    const severity = (['warning', 'error', 'info'] as const).find((s) => (dash.findingsBySeverity[s] ?? 0) > 0);
    expect(severity, 'the examples have findings').toBeDefined();
    const n = dash.findingsBySeverity[severity!]!;
    const word = { warning: 'Warnings', error: 'Errors', info: 'Notes' }[severity!];
    await page.getByRole('link', { name: new RegExp(`^${n} ${word}$`) }).click();
    await page.waitForURL(new RegExp(`/app/findings\\?severity=${severity}$`));
    await expect.poll(() => page.locator('.count-line').first().innerText()).toMatch(new RegExp(`^${n} finding`));
    expect(await page.getByLabel('Severity').inputValue()).toBe(severity);
    // Each row opens its case.
    const first = page.locator('table tbody th[scope=row] a').first();
    const name = await first.innerText();
    await first.click();
    await page.waitForURL(/\/app\/cases\/[0-9a-f-]{36}/);
    await expect.poll(() => page.locator('h1').innerText()).toBe(name);
    await page.goBack();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page, 'the findings list');
    expect(page.errors).toEqual([]);
  }, 60_000);

  it('keeps the new-case form as a draft across a reload, asks before leaving, and forgets it once created', async () => {
    const { page } = owner;
    await page.goto(`${base}/app/cases/new`);
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Find the employer').fill('Работодатель 2');
    await page.getByRole('radio', { name: /Работодатель 2/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Name in Latin letters, as in the passport').fill('DELTA DRAFT');
    await page.getByLabel('Date of birth').fill('1987-03-04');
    // Leaving through the navigation asks first; staying keeps the page.
    let question = '';
    page.once('dialog', (d) => {
      question = d.message();
      void d.dismiss();
    });
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Cases' }).click();
    await expect.poll(() => question).toMatch(/not created yet/);
    expect(page.url()).toMatch(/\/app\/cases\/new$/);
    // A reload (the browser asks too) brings the draft back at the step it was on.
    page.once('dialog', (d) => void d.accept());
    await page.reload();
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('main').innerText()).toMatch(/The draft you were typing is back/);
    expect(await page.getByLabel('Name in Latin letters, as in the passport').inputValue()).toBe('DELTA DRAFT');
    expect(await page.getByLabel('Date of birth').inputValue()).toBe('1987-03-04');
    await expectAccessible(page, 'the new-case form with a draft');
    // Finish it and create the case.
    await page.getByLabel('Citizenship', { exact: true }).selectOption('CN');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Position').fill('Data engineer');
    await page.getByLabel('Kind of work').selectOption('general');
    await page.getByLabel('Salary in roubles, before tax').fill('800000');
    await page.getByLabel('Paid per').selectOption('month');
    await page.getByLabel('Start date').fill('2027-03-01');
    await page.getByLabel('Region 1').selectOption('RU-MOW');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Create the case' }).click();
    await page.waitForURL(/\/app\/cases\/[0-9a-f-]{36}/, { timeout: 30_000 });
    expect(await drafts(page)).toEqual([]);
    await page.goto(`${base}/app/cases/new`);
    await page.waitForLoadState('networkidle');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/draft you were typing/);
    // Something chosen again is a draft; discarded, nothing stays and the form starts afresh.
    await page.getByLabel('Find the employer').fill('Работодатель 1');
    await page.getByRole('radio', { name: /Работодатель 1/ }).check();
    await expect.poll(() => drafts(page)).toHaveLength(1);
    await page.getByRole('button', { name: 'Discard the draft' }).click();
    await page.getByRole('button', { name: 'Yes, discard it' }).click();
    await expect.poll(() => drafts(page)).toEqual([]);
    await expect.poll(() => page.getByRole('button', { name: 'Discard the draft' }).count()).toBe(0);
    expect(page.errors).toEqual([]);
  }, 120_000);

  it('corrects an event in place; a change by someone else meanwhile is said in words', async () => {
    const { page } = owner;
    const id = ids.get('BRAVO TWO')!;
    await page.goto(`${base}/app/cases/${id}?tab=events`);
    await page.waitForLoadState('networkidle');
    await page
      .getByRole('button', { name: /^Correct: / })
      .first()
      .click();
    await page.getByLabel(/^Note/).fill('Filed in person at the Moscow office');
    await page.getByRole('button', { name: 'Save the event' }).click();
    await expect.poll(() => page.locator('.case-status').innerText()).toMatch(/^Corrected: /);
    await expect.poll(() => page.locator('table.events').innerText()).toContain('Filed in person at the Moscow office');
    const after = (await api.get(`/api/v1/cases/${id}`)).body;
    expect(after.case.events.some((e: { note?: string }) => e.note === 'Filed in person at the Moscow office')).toBe(
      true,
    );
    // Someone else corrects the case while the form is open: the form closes and says why.
    await page
      .getByRole('button', { name: /^Correct: / })
      .first()
      .click();
    await page.getByLabel(/^Note/).fill('A second thought');
    const r = await api.put(`/api/v1/cases/${id}/events/0`, {
      json: { version: after.version, event: after.case.events[0] },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await page.getByRole('button', { name: 'Save the event' }).click();
    await expect
      .poll(() => page.locator('.case-status').innerText())
      .toMatch(/Someone else changed this case meanwhile/);
    expect(await page.locator('table.events').innerText()).not.toContain('A second thought');
    await expectAccessible(page, 'the events tab');
    // The refused write is the one error the browser logged (Chromium logs every 409 it receives).
    expect(page.errors).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
    page.errors.length = 0;
  }, 60_000);

  it("records the quarter's salary notification for all of an employer's cases, summed up", async () => {
    const { page } = owner;
    const employer1 = (await api.get(`/api/v1/cases/${ids.get('BRAVO TWO')}`)).body.employerId as string;
    await page.goto(`${base}/app/cases?employer=${employer1}`);
    await page.waitForLoadState('networkidle');
    await page.getByRole('button', { name: 'Select all 2 cases of this list' }).click();
    await expect.poll(() => page.locator('.bulk .count-line').innerText()).toMatch(/2 cases selected/);
    await page.getByLabel('Action').selectOption('salary-notification-filed');
    const period = await page.getByLabel('Quarter').inputValue();
    expect(period).toMatch(/^\d{4}-Q[1-4]$/);
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('#bulk-q').innerText()).toMatch(
      /^record the salary notification for Q[1-4] \d{4} as filed on .+: 2 cases\. Go ahead\?$/,
    );
    await page.getByRole('button', { name: 'Yes, for 2 cases' }).click();
    await expect
      .poll(() => page.locator('.bulk-summary').innerText())
      .toMatch(/: \d changed, \d already so, 0 refused\./);
    const text = await page.locator('.bulk-summary').innerText();
    const [, changed, already] = /: (\d) changed, (\d) already so/.exec(text)!;
    expect(Number(changed) + Number(already)).toBe(2);
    for (const name of ['ALPHA ONE', 'BRAVO TWO']) {
      const c = (await api.get(`/api/v1/cases/${ids.get(name)}`)).body.case as {
        events: { type: string; kind?: string; period?: string }[];
      };
      expect(
        c.events.filter((e) => e.type === 'notification-filed' && e.kind === 'salary' && e.period === period).length,
        name,
      ).toBe(1);
    }
    expect(page.errors).toEqual([]);
  }, 60_000);

  it("limits a manager to one employer from the members page; the manager's list shows only its cases", async () => {
    const { page } = owner;
    await page.goto(`${base}/app/users`);
    await page.waitForLoadState('networkidle');
    await page.getByRole('button', { name: `Employers — ${MANAGER.email}` }).click();
    await page.getByLabel('Only the employers ticked below').check();
    await page.getByRole('button', { name: 'Save the employers' }).click();
    await expect.poll(() => page.locator('.error').first().innerText()).toMatch(/Tick at least one employer/);
    await page.getByLabel('ООО «Работодатель 1»').check();
    await page.getByRole('button', { name: 'Save the employers' }).click();
    await expect.poll(() => page.locator('main').innerText()).toMatch(/Saved which employers/);
    await expect.poll(() => page.locator('table.members').innerText()).toMatch(/Only: ООО «Работодатель 1»/);
    await expectAccessible(page, 'the members page');
    const members = (await api.get('/api/v1/members')).body as { email: string; employerScope: string[] | null }[];
    const employer1 = (await api.get(`/api/v1/cases/${ids.get('BRAVO TWO')}`)).body.employerId as string;
    expect(members.find((m) => m.email === MANAGER.email)!.employerScope).toEqual([employer1]);

    const manager = await newPage(browser!, { width: 1280 });
    try {
      await manager.page.goto(`${base}/login`);
      await manager.page.getByLabel('Email').fill(MANAGER.email);
      await manager.page.getByLabel('Password').fill(PASSWORD);
      await manager.page.getByRole('button', { name: 'Sign in' }).click();
      await manager.page.waitForURL(/\/app$/);
      await manager.page.goto(`${base}/app/cases?sort=name`);
      await manager.page.waitForLoadState('networkidle');
      await expect.poll(() => listed(manager.page)).toEqual(['ALPHA ONE', 'BRAVO TWO']);
      expect(manager.page.errors).toEqual([]);
    } finally {
      await manager.context.close();
    }
  }, 90_000);
});
