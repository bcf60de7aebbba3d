// Spreadsheets in, end to end in a real browser (issue 14's Done-when): a 300-row .xlsx with Russian
// headers (families, a bad INN, a dd.mm.yyyy date, a date that does not exist, a duplicate passport) is
// uploaded on the Russian import page → the mapping is found from the headers → the preview names each
// problem next to its cell → import → the result survives a reload → the case list sorted by next
// deadline → bulk-assigned → exported to .xlsx through the export route and read back with ExcelJS.
// Then the new-case page names a passport already in an open case ("open it / create anyway").
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { APIRequestContext, Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyRows, PORTFOLIO_PROBLEMS, portfolioRows, writeAgencyXlsx } from '../sheets/generate.ts';
import { makeCase } from '../store/fixtures.ts';
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
let dir = '';
/** 180 cases: 180 principals, and a spouse and a child for every third — 300 rows. */
const CASES = 180;
const OWNER = { email: 'irina@agency.example', password: 'Register-In-2026!', orgName: 'Реестр' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hqs-import-browser-'));
  await ensureWebBuilt();
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  base = server.url;
  expect([...agencyRows(CASES)].length).toBe(300);
  await writeAgencyXlsx(join(dir, 'реестр.xlsx'), portfolioRows(CASES));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('importing a register in the browser', () => {
  let owner: { context: BrowserContext; page: TestPage };
  let request: APIRequestContext;
  let csrf = '';
  const write = (method: 'post' | 'put', path: string, data: unknown) =>
    request[method](`${base}${path}`, { data, headers: { 'X-CSRF-Token': csrf } });

  it('sets up an organization and signs in (Russian browser)', async () => {
    owner = await newPage(browser!, { width: 1400, locale: 'ru-RU' });
    request = owner.context.request;
    expect((await request.post(`${base}/api/v1/setup`, { data: OWNER })).status()).toBe(201);
    const login = await request.post(`${base}/api/v1/auth/login`, {
      data: { email: OWNER.email, password: OWNER.password },
    });
    expect(login.status()).toBe(200);
    csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  });

  it('uploads a 300-row register: the preview maps the Russian headers and names each problem next to its cell', async () => {
    const { page } = owner;
    await page.goto(`${base}/app`);
    await page.getByRole('navigation', { name: 'Рабочее место' }).getByRole('link', { name: 'Импорт' }).click();
    await page.waitForURL('**/app/import');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Импорт таблицы');
    // The templates, in both languages.
    for (const lang of ['ru', 'en']) {
      const href = await page.locator(`a[href$="template?lang=${lang}"]`).getAttribute('href');
      const res = await request.get(new URL(href!, base).toString());
      expect(res.status()).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
      expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toContain(
        lang === 'ru' ? 'ФИО (лат.)' : 'Name (Latin)',
      );
    }
    await expectAccessible(page, 'the import page');
    await page.locator('#import-file').setInputFiles(join(dir, 'реестр.xlsx'));
    await page.getByRole('button', { name: 'Загрузить и проверить' }).click();
    await page.waitForURL('**/app/import?job=*');
    // The mapping: found from the headers.
    const inn = page.getByLabel('ИНН', { exact: true });
    await inn.waitFor({ timeout: 60_000 });
    expect(await inn.inputValue()).toBe('employer.inn');
    expect(await page.getByLabel('ФИО (лат.)', { exact: true }).inputValue()).toBe('name.latin');
    expect(await page.getByLabel('Дата рождения', { exact: true }).inputValue()).toBe('person.birthDate');
    await expect.poll(() => page.locator('.import-counts').innerText()).toContain(`Новых дел: ${CASES - 3}`);
    expect(await page.locator('.import-counts').innerText()).toContain('Дел с ошибками (пропускаются): 3');
    // Only the problems: each named in Russian next to its cell.
    await page.getByLabel('Только строки с проблемами').check();
    await expect.poll(() => page.locator('table.import-rows tbody tr').count()).toBe(3);
    const cellWith = (text: RegExp) => page.locator('table.import-rows td.cell-error').filter({ hasText: text });
    await expect.poll(() => cellWith(/ИНН \d{10}: контрольные цифры/).count()).toBe(1);
    expect(await cellWith(/31\.02\.1990/).innerText()).toMatch(/такой даты нет/);
    expect(await cellWith(/P1000012/).innerText()).toMatch(/уже есть в строке/);
    await expectAccessible(page, 'the import preview');
    // The dd.mm.yyyy text date is read: case 7's row has no problem.
    await page.getByLabel('Только строки с проблемами').uncheck();
    const seventh = page
      .locator('table.import-rows tbody tr')
      .filter({ hasText: `AG-0000${PORTFOLIO_PROBLEMS.textDate}` });
    await expect.poll(() => seventh.first().innerText()).toContain('14.05.1988');
    expect(await seventh.first().locator('.problem').count()).toBe(0);
    expect(await seventh.first().innerText()).toContain('создано');
  });

  it('imports, shows the result (kept across a reload), and the cases are in the list by next deadline', async () => {
    const { page } = owner;
    await page.getByRole('button', { name: `Импортировать дела (${CASES - 3})` }).click();
    const result = page.locator('.import-result');
    await result.waitFor({ timeout: 120_000 });
    await expect.poll(() => result.innerText()).toContain(`Создано дел: ${CASES - 3}`);
    expect(await result.innerText()).toContain('Пропущено из-за ошибок: 3');
    await page.reload();
    await expect.poll(() => page.locator('.import-result').innerText()).toContain(`Создано дел: ${CASES - 3}`);
    await expectAccessible(page, 'the import result');
    await page.getByRole('link', { name: 'Открыть список дел' }).click();
    await page.waitForURL('**/app/cases');
    await expect.poll(() => page.locator('main table tbody tr').count()).toBeGreaterThan(0);
    // Sorted by next deadline (soonest first), through the API the list uses.
    const list = (await (await request.get(`${base}/api/v1/cases?sort=next-deadline&limit=200`)).json()) as {
      total: number;
      items: { caseId: string; nextDeadline: string | null }[];
    };
    expect(list.total).toBe(CASES - 3);
    const dues = list.items.map((c) => c.nextDeadline ?? '9999-12-31');
    expect(dues).toEqual([...dues].sort());
    expect(dues[0]).not.toBe('9999-12-31');
    // Bulk-assigned to the owner.
    const me = ((await (await request.get(`${base}/api/v1/auth/session`)).json()) as { user: { userId: string } }).user
      .userId;
    const first20 = list.items.slice(0, 20).map((c) => c.caseId);
    const bulk = await write('post', '/api/v1/cases/bulk', {
      caseIds: first20,
      action: { type: 'assign', assignee: me },
    });
    expect(bulk.status(), await bulk.text()).toBe(200);
    const mine = (await (await request.get(`${base}/api/v1/cases?assignee=${me}&limit=1`)).json()) as { total: number };
    expect(mine.total).toBe(20);
    // Exported to .xlsx (sorted by next deadline) and read back with the same library.
    const xlsx = await request.get(`${base}/api/v1/exports/cases?format=xlsx&lang=ru&sort=next-deadline`);
    expect(xlsx.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.actualRowCount).toBe(CASES - 3 + 1);
    const names = new Set<string>();
    ws.eachRow((r, n) => {
      if (n > 1)
        for (const v of r.values as unknown[])
          if (typeof v === 'string' && /^PRINCIPAL \d+ SURNAME$/.test(v)) names.add(v);
    });
    expect(names.size).toBe(CASES - 3);
    expect(names.has(`PRINCIPAL ${PORTFOLIO_PROBLEMS.badInn} SURNAME`)).toBe(false);
  }, 180_000);

  it('the new-case page names a passport already in an open case: open it, or create anyway', async () => {
    const { page } = owner;
    const held = makeCase(900);
    const first = await write('post', '/api/v1/cases', held);
    expect(first.status()).toBe(201);
    const heldId = ((await first.json()) as { caseId: string }).caseId;
    await page.goto(`${base}/app/cases/new`);
    await page.getByRole('tab', { name: 'Загрузить файл' }).click();
    const again = { ...makeCase(901), people: held.people };
    await page.locator('#case-file').setInputFiles({
      name: 'case.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(again)),
    });
    await page.locator('#panel-file').getByRole('button', { name: 'Создать дело из файла' }).click();
    const notice = page.getByTestId('duplicate-passport');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('case-900');
    expect(await notice.getByRole('link', { name: 'Открыть это дело' }).getAttribute('href')).toBe(
      `/app/cases/${heldId}`,
    );
    await expectAccessible(page, 'the duplicate-passport notice');
    await notice.getByRole('button', { name: 'Всё равно создать дело' }).click();
    await page.waitForURL(/\/app\/cases\/[0-9a-f-]{36}$/);
    expect(page.url()).not.toContain(heldId);
    // Chromium logs the refused request (409) itself; nothing else went wrong on the page.
    expect(owner.page.errors.filter((e) => !/status of 409 \(Conflict\)/.test(e))).toEqual([]);
  });
});
