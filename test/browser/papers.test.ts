// Papers in a real browser (Debian's Chromium): a manager marks a document of the case "not accepted" with
// a comment on the case page, and the specialist sees the comment in the portal (English and Chinese);
// a specialist's public self-check sent as a one-time code is made into a case on the New case page, and a
// second use of the code is refused in words.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toOutcome, walkToSummary } from './selfcheck-walk.ts';
import {
  ensureWebBuilt,
  expectAccessible,
  launchBrowser,
  newPage,
  startServer,
  type TestPage,
  type TestServer,
} from './harness.ts';

let server: TestServer | undefined;
let browser: Browser | undefined;
let base = '';

const OWNER = { email: 'pavel@papers.example', password: 'Papers-Desk-2026!', org: 'Papers Agency' };
const SPECIALIST = { email: 'li.na@papers.example', password: 'Li-Na-Portal-2026' };

const CASE = {
  format: 'hqs-case/1',
  employer: { name: 'ООО «Бумаги»', inn: '7707083893', kind: 'commercial', region: 'RU-MOW' },
  people: [
    {
      id: 'p1',
      role: 'principal',
      name: { latin: 'LI NA' },
      birthDate: '1990-04-02',
      citizenships: ['CN'],
      startsFrom: 'abroad',
      residenceCountry: 'CN',
      email: SPECIALIST.email,
    },
  ],
  contract: {
    kind: 'employment',
    position: 'Engineer',
    occupation: 'general',
    salary: { amount: 800000, per: 'month' },
    start: '2027-03-01',
    regions: ['RU-MOW'],
  },
};

beforeAll(async () => {
  await ensureWebBuilt();
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  base = server.url;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Signs in through the API in the page's context (its cookies), returning the CSRF token for writes. */
async function signIn(page: TestPage, email: string, password: string): Promise<string> {
  const r = await page.request.post(`${base}/api/v1/auth/login`, { data: { email, password } });
  expect(r.status(), await r.text()).toBe(200);
  return (await r.json()).csrfToken as string;
}

describe('papers in the browser', () => {
  let owner: { context: BrowserContext; page: TestPage };
  let specialist: { context: BrowserContext; page: TestPage };
  let caseId = '';
  const comment = 'The passport scan is cut off at the bottom: scan both pages again';

  it('a manager marks a document not accepted with a comment; the specialist sees it in the portal', async () => {
    owner = await newPage(browser!, { width: 1280 });
    const { page } = owner;
    const setup = await page.request.post(`${base}/api/v1/setup`, {
      data: { email: OWNER.email, password: OWNER.password, orgName: OWNER.org },
    });
    expect(setup.status(), await setup.text()).toBe(201);
    const csrf = await signIn(page, OWNER.email, OWNER.password);
    const made = await page.request.post(`${base}/api/v1/cases`, { data: CASE, headers: { 'x-csrf-token': csrf } });
    expect(made.status(), await made.text()).toBe(201);
    caseId = (await made.json()).caseId;
    const inv = await page.request.post(`${base}/api/v1/members`, {
      data: { email: SPECIALIST.email, role: 'specialist', caseId, personId: 'p1' },
      headers: { 'x-csrf-token': csrf },
    });
    expect(inv.status(), await inv.text()).toBe(202);
    const token = (await inv.json()).token as string;

    await page.goto(`${base}/app/cases/${caseId}?tab=documents`);
    await page.waitForLoadState('networkidle');
    await page.getByRole('heading', { name: /Next filing:/ }).waitFor();
    await page.getByRole('link', { name: 'Next filing: scans (ZIP)' }).waitFor();
    const form = page.getByRole('form', { name: /^Status of .*passport/i }).first();
    await form.getByRole('radio', { name: 'Not accepted' }).check();
    await form.getByRole('button', { name: /Save the status/ }).click();
    // A rejection needs a comment: the server says so at the comment.
    await expect.poll(() => form.locator('.error').innerText()).toMatch(/Say why the document is not accepted/);
    await form.getByRole('textbox', { name: /^Comment/ }).fill(comment);
    await form.getByRole('button', { name: /Save the status/ }).click();
    await expect.poll(() => form.innerText()).toMatch(/Status saved/);
    await expect.poll(() => page.locator('.review-comment').first().innerText()).toContain(comment);
    await expect
      .poll(() => page.locator('.review-counts').first().innerText())
      .toMatch(/0 of \d+ accepted · 1 not accepted/);
    await expectAccessible(page, 'the documents tab with the status forms');
    // The refused save (422) is logged by Chromium as a failed resource; nothing else went wrong.
    expect(page.errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
    page.errors.length = 0;

    specialist = await newPage(browser!, { width: 390 });
    const acc = await specialist.page.request.post(`${base}/api/v1/invitations/accept`, {
      data: { token, password: SPECIALIST.password },
    });
    expect(acc.status(), await acc.text()).toBe(200);
    await specialist.page.goto(`${base}/portal`);
    await specialist.page.waitForLoadState('networkidle');
    await expect
      .poll(() => specialist.page.locator('#bring').innerText())
      .toContain(`Why it was not accepted: ${comment}`);
    await expect.poll(() => specialist.page.locator('#bring').innerText()).toMatch(/Documents not accepted: 1/);
    await expectAccessible(specialist.page, 'the portal with a rejected document');

    // In Chinese the status and the reason's label are Chinese; the comment is as the manager wrote it.
    const zh = await newPage(browser!, { width: 390, locale: 'zh-CN' });
    await signIn(zh.page, SPECIALIST.email, SPECIALIST.password);
    await zh.page.goto(`${base}/portal`);
    await zh.page.waitForLoadState('networkidle');
    await expect.poll(() => zh.page.locator('#bring').innerText()).toContain(`未通过的原因：${comment}`);
    expect(specialist.page.errors).toEqual([]);
    expect(zh.page.errors).toEqual([]);
    await zh.context.close();
  }, 180_000);

  it('a self-check sent as a code becomes a case on the New case page, once', async () => {
    const visitor = await newPage(browser!, { width: 390 });
    await visitor.page.goto(`${base}/`);
    await visitor.page.waitForLoadState('networkidle');
    await walkToSummary(visitor.page, { salary: 800000, family: true });
    expect(await toOutcome(visitor.page)).toBe('eligible');
    // The answers never go into an address.
    const addresses: string[] = [];
    visitor.page.on('request', (r) => addresses.push(r.url()));
    await visitor.page.getByRole('button', { name: 'Get a code for my answers' }).click();
    const codeText = visitor.page.locator('.share-code strong.code');
    await codeText.waitFor();
    const code = (await codeText.innerText()).trim();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/);
    expect(addresses.filter((a) => /RAHUL|VERMA|800000/.test(a))).toEqual([]);
    await expectAccessible(visitor.page, 'the outcome with the code');
    expect(visitor.page.errors).toEqual([]);
    await visitor.context.close();

    const { page } = owner;
    await page.goto(`${base}/app/cases/new`);
    await page.waitForLoadState('networkidle');
    await page.getByRole('textbox', { name: 'Self-check code' }).fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Show the answers' }).click();
    await expect.poll(() => page.locator('.from-code').innerText()).toMatch(/RAHUL VERMA[\s\S]*ANITA VERMA/);
    await expectAccessible(page, 'the answers behind a self-check code');
    await page.getByRole('button', { name: 'Create the case from these answers' }).click();
    await page.waitForURL(/\/app\/cases\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('main').innerText()).toContain('RAHUL VERMA');

    await page.goto(`${base}/app/cases/new`);
    await page.waitForLoadState('networkidle');
    await page.getByRole('textbox', { name: 'Self-check code' }).fill(code);
    await page.getByRole('button', { name: 'Show the answers' }).click();
    await expect.poll(() => page.locator('.from-code .error').innerText()).toMatch(/has been used already/);
    expect(
      page.errors.filter((e) => !/status of 409/.test(e)),
      page.errors.join('\n'),
    ).toEqual([]);
  }, 180_000);
});
