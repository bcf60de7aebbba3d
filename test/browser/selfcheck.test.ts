// The public self-check in a real browser: Debian's Chromium driven by playwright-core (never a
// downloaded browser) against the real server (`node bin/hqs.js start`) on 127.0.0.1 with a temporary
// PGlite data directory. Walks the check in en, ru and zh to an eligible and an ineligible outcome,
// checks Back/Change keep later answers, focus, the page address, and runs axe-core on the pages.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { next, toOutcome, walkToSummary } from './selfcheck-walk.ts';
import {
  ensureWebBuilt,
  expectAccessible,
  launchBrowser,
  newPage as openPage,
  SHOTS,
  startServer,
  tooWide,
  type TestServer,
  englishLines,
} from './harness.ts';

let server: TestServer | undefined;
let base = '';
let browser: Browser | undefined;

beforeAll(async () => {
  await ensureWebBuilt(); // test the current source: build the app the server serves
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  base = server.url;
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const newPage = (width = 1000) => openPage(browser!, { width });

function noPersonalDataIn(url: string) {
  for (const s of ['VERMA', '7714582300', '1991', 'Technosfera', '800000', '50000'])
    expect(url, `the address carries "${s}"`).not.toContain(s);
}

const DATE_IN: Record<string, RegExp> = {
  en: /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/,
  ru: /\d{1,2} (января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря) \d{4} г\./,
  zh: /\d{4}年\d{1,2}月\d{1,2}日/,
};
const ELIGIBLE_HEADING: Record<string, RegExp> = {
  en: /You can be hired/,
  ru: /Вас можно нанять/,
  zh: /您可以作为高技能专家受聘/,
};

describe('the public self-check in the browser', () => {
  it('en: validates, walks to eligible, keeps answers on Change, then not eligible; axe finds nothing serious', async () => {
    const { context, page } = await newPage();
    await page.goto(`${base}/`);
    await page.locator('h1').waitFor();
    await expectAccessible(page, 'the start page');
    // An empty answer: the error summary names the field; nothing moves on.
    await page.locator('main button[type=submit]').click();
    await expect.poll(() => page.locator('.error-summary').isVisible()).toBe(true);
    expect(await page.locator('#f-citizenship').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: join(SHOTS, 'selfcheck-en-error.png') });

    await walkToSummary(page, { salary: 800000, family: true, axe: true });
    await expectAccessible(page, 'the summary');
    await page.screenshot({ path: join(SHOTS, 'selfcheck-en-summary.png'), fullPage: true });
    expect(await page.locator('.summary .row').count()).toBe(11);

    expect(await toOutcome(page)).toBe('eligible');
    await expect.poll(() => page.locator('h1').innerText()).toMatch(ELIGIBLE_HEADING.en!);
    // The reasons, the whole plan and the later papers are folded: open them to read everything.
    await page.evaluate('document.querySelectorAll("main details").forEach((d) => { d.open = true; })');
    const text = await page.locator('main').innerText();
    expect(text).toMatch(DATE_IN.en!);
    expect(text).toContain('115-FZ');
    expect(text).toContain('ANITA VERMA (Spouse)');
    await expectAccessible(page, 'the eligible outcome');
    await page.screenshot({ path: join(SHOTS, 'selfcheck-en-eligible.png') });
    noPersonalDataIn(page.url());

    // Back to the summary, change the salary: the family answers stay.
    await page.locator('button.back').click();
    await page.waitForURL('**/?step=summary');
    const salaryRow = page.locator('.summary .row').filter({ hasText: 'Salary' });
    await salaryRow.locator('button').click();
    await page.waitForURL('**/?step=salary');
    expect(await page.locator('#f-salary-amount').inputValue()).toBe('800000');
    await page.locator('#f-salary-amount').fill('50000');
    await next(page, 'summary');
    expect(await page.locator('.summary').innerText()).toContain('ANITA VERMA');
    expect(await toOutcome(page)).toBe('ineligible');
    expect(await page.locator('main').innerText()).toMatch(/below the threshold/);
    await expectAccessible(page, 'the ineligible outcome');
    await page.screenshot({ path: join(SHOTS, 'selfcheck-en-ineligible.png') });
    // Print: the print stylesheet hides the controls.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.actions').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    expect(page.errors).toEqual([]);
    await context.close();
  }, 180_000);

  for (const lang of ['ru', 'zh'] as const) {
    it(`${lang}: eligible with family, then not eligible alone, on a 360-px phone`, async () => {
      const { context, page } = await newPage(360);
      await page.goto(`${base}/`);
      await page.locator(`header button[lang=${lang}]`).click();
      await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe(lang === 'zh' ? 'zh-CN' : lang);
      await walkToSummary(page, { salary: 800000, family: true, axe: lang === 'zh' });
      if (lang === 'ru') await page.screenshot({ path: join(SHOTS, 'selfcheck-ru-summary-phone.png') });
      expect(await toOutcome(page)).toBe('eligible');
      await expect.poll(() => page.locator('h1').innerText()).toMatch(ELIGIBLE_HEADING[lang]!);
      expect(await page.locator('main').innerText()).toMatch(DATE_IN[lang]!);
      // A phone reader first: the answer and the next steps on the first screen, the rest folded (a few
      // screens, not 24).
      await page.evaluate('window.scrollTo(0, 0)');
      const first = (await page.evaluate(
        `(() => { const top = (s) => { const e = document.querySelector(s); return e ? e.getBoundingClientRect().bottom : Infinity; }; return { h: window.innerHeight, answer: top('main h1'), next: top('#next'), step: top('.next-steps li'), screens: document.documentElement.scrollHeight / window.innerHeight, folded: document.querySelectorAll('main details.more:not([open])').length }; })()`,
      )) as { h: number; answer: number; next: number; step: number; screens: number; folded: number };
      expect(first.answer, 'the answer on the first screen').toBeLessThan(first.h);
      expect(first.step, 'the first next step on the first screen').toBeLessThan(first.h);
      expect(await page.locator('.next-steps li').count()).toBeLessThanOrEqual(3);
      expect(first.folded, 'the reasons, the whole plan and the later papers folded').toBeGreaterThanOrEqual(2);
      expect(first.screens, 'screens of the outcome').toBeLessThan(8);
      await page.screenshot({ path: join(SHOTS, `selfcheck-phone-${lang}.png`) });
      // The legal content in Chinese: reasons, steps, documents and issuers, not English under a note.
      if (lang === 'zh') expect(await englishLines(page), 'English lines on the Chinese outcome').toEqual([]);
      await expectAccessible(page, `the ${lang} eligible outcome`);
      await page.screenshot({ path: join(SHOTS, `selfcheck-${lang}-eligible-phone.png`) });
      // The page must not scroll sideways on a phone.
      const wide = await tooWide(page);
      expect(wide, 'elements wider than a 360-px phone').toEqual([]);
      noPersonalDataIn(page.url());

      await page.locator('.actions button.secondary').click(); // start again
      await page.waitForURL('**/?step=citizenship');
      expect(await page.locator('#f-citizenship').inputValue()).toBe('');
      await walkToSummary(page, { salary: 50000, family: false });
      expect(await toOutcome(page)).toBe('ineligible');
      if (lang === 'zh') expect(await englishLines(page), 'English lines on the Chinese outcome').toEqual([]);
      await expectAccessible(page, `the ${lang} ineligible outcome`);
      await page.screenshot({ path: join(SHOTS, `selfcheck-${lang}-ineligible-phone.png`) });
      expect(page.errors).toEqual([]);
      await context.close();
    }, 180_000);
  }

  it('a citizen of Kazakhstan (EAEU) gets the review outcome: no permit is needed, the route is named', async () => {
    const { context, page } = await newPage();
    await page.goto(`${base}/`);
    await walkToSummary(page, { salary: 800000, family: false, citizenship: 'KZ' });
    expect(await toOutcome(page)).toBe('review');
    expect(await page.locator('main').innerText()).toMatch(/Eurasian Economic Union|EAEU/);
    await expectAccessible(page, 'the review outcome');
    expect(page.errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('a citizen of Russia is told no permit is needed, without calling the server', async () => {
    const { context, page } = await newPage();
    let evaluations = 0;
    page.on('request', (r) => r.url().includes('/api/v1/evaluate') && evaluations++);
    await page.goto(`${base}/`);
    await page.locator('#f-citizenship').selectOption('RU');
    await next(page, 'outcome-citizen');
    await expectAccessible(page, 'the citizen outcome');
    expect(evaluations).toBe(0);
    await context.close();
  }, 60_000);
});
