// Loading what every command needs: the law data and the production calendar, once per process.
import { readFileSync } from 'node:fs';
import { loadLaw } from '../law/node.ts';
import { loadCalendar } from '../calendar/node.ts';
import { parseIsoDate, todayInMoscow, type IsoDate } from '../calendar/date.ts';
import { InputError } from './args.ts';

export { loadLaw, loadCalendar };

export function readInput(file: string): string {
  try {
    return file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

/** A date option: a real YYYY-MM-DD date, or today in Europe/Moscow when absent. */
export function dateArg(value: unknown, what: string, fallback: () => IsoDate = () => todayInMoscow()): IsoDate {
  if (value === undefined) return fallback();
  try {
    return parseIsoDate(String(value));
  } catch (e) {
    throw new InputError(`${what}: ${(e as Error).message}`);
  }
}

export function json(v: unknown): string {
  return JSON.stringify(v, null, 2);
}
