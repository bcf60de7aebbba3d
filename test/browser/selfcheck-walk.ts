// Walking the public self-check in a browser: shared by the self-check suite and the workspace suite
// (which turns a result into a case).
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectAccessible, headingFocused } from './harness.ts';

export async function next(page: Page, expectStep: string) {
  await page.locator('main button[type=submit], main button.primary').first().click();
  await page.waitForURL(`**/?step=${expectStep}`);
  await page.locator('h1').first().waitFor();
  await expect
    .poll(() => headingFocused(page), { message: `focus on the heading of ${expectStep}`, timeout: 5_000 })
    .toBe(true);
}

export interface Walk {
  salary: number;
  citizenship?: string;
  family: boolean;
  axe?: boolean;
}

/** From the first question to the summary. */
export async function walkToSummary(page: Page, w: Walk) {
  await page.locator('#f-citizenship').selectOption(w.citizenship ?? 'IN');
  if (w.axe) await expectAccessible(page, 'the citizenship question');
  await next(page, 'residence');
  await page.locator('#f-residence').selectOption('IN');
  await next(page, 'employerKind');
  // Keyboard: move to the first radio and pick it with Space.
  await page.locator('#f-employerKind-commercial').focus();
  await page.keyboard.press('Space');
  if (w.axe) await expectAccessible(page, 'the employer kind question (radios)');
  await next(page, 'employer');
  await page.locator('#f-employer-name').fill('Technosfera Engineering LLC');
  await page.locator('#f-employer-inn').fill('7714582300');
  await next(page, 'region');
  await page.locator('#f-region').selectOption('RU-MOW');
  await next(page, 'occupation');
  await page.locator('#f-occupation-occupation-general').check();
  await page.locator('#f-occupation-position').fill('Senior process engineer');
  await next(page, 'salary');
  await page.locator('#f-salary-amount').fill(String(w.salary));
  await page.locator('#f-salary-per-month').check();
  await next(page, 'startDate');
  await page.locator('#f-startDate').fill('2027-03-01');
  await next(page, 'person');
  await page.locator('#f-person-name').fill('RAHUL VERMA');
  await page.locator('#f-person-birthDate').fill('1991-07-22');
  await next(page, 'hasFamily');
  await page.locator(`#f-hasFamily-${w.family ? 'yes' : 'no'}`).check();
  if (w.family) {
    await next(page, 'family');
    await page.locator('#f-family').click();
    await page.locator('#f-family-0-relation').selectOption('spouse');
    await page.locator('#f-family-0-name').fill('ANITA VERMA');
    await page.locator('#f-family-0-birthDate').fill('1993-01-02');
    await page.locator('#f-family-0-citizenship').selectOption('IN');
    if (w.axe) await expectAccessible(page, 'the family question');
  }
  await next(page, 'summary');
}

export async function toOutcome(page: Page): Promise<'eligible' | 'ineligible' | 'review'> {
  await next(page, 'outcome-evaluation');
  const panel = page.locator('.panel');
  await panel.waitFor({ timeout: 20_000 });
  const cls = (await panel.getAttribute('class')) ?? '';
  const status = (['eligible', 'ineligible', 'review'] as const).find((s) => cls.split(' ').includes(s));
  if (!status) throw new Error(`the outcome panel has no status class: "${cls}"`);
  return status;
}
