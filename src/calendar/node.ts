// Node-only loading of the calendar data and conventions from law/calendar (the rest of src/calendar is
// free of node:* so that a browser can build a ProductionCalendar from the same JSON).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CalendarDataError, ProductionCalendar } from './calendar.ts';
import { ConventionsError, parseConventions, type CalendarConventions } from './conventions.ts';

/** law/calendar/ru-production-calendar.json of this repository. */
export const DEFAULT_CALENDAR_PATH = fileURLToPath(
  new URL('../../law/calendar/ru-production-calendar.json', import.meta.url),
);
/** law/calendar/conventions.yaml of this repository. */
export const DEFAULT_CONVENTIONS_PATH = fileURLToPath(new URL('../../law/calendar/conventions.yaml', import.meta.url));

const calendars = new Map<string, ProductionCalendar>();
const conventions = new Map<string, CalendarConventions>();

function readText(path: string, fail: (message: string) => Error): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw fail(`${path}: cannot read the file: ${(e as Error).message}`);
  }
}

/** The production calendar from `path` (default: the repository's), loaded once per path and cached. */
export function loadCalendar(path: string = DEFAULT_CALENDAR_PATH): ProductionCalendar {
  const key = resolve(path);
  const cached = calendars.get(key);
  if (cached) return cached;
  const text = readText(key, (m) => new CalendarDataError(m));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new CalendarDataError(`${key}: not valid JSON: ${(e as Error).message}`);
  }
  const calendar = ProductionCalendar.fromData(json, key);
  calendars.set(key, calendar);
  return calendar;
}

/** The counting conventions from `path` (default: the repository's), loaded once per path and cached. */
export function loadConventions(path: string = DEFAULT_CONVENTIONS_PATH): CalendarConventions {
  const key = resolve(path);
  const cached = conventions.get(key);
  if (cached) return cached;
  const parsed = parseConventions(
    readText(key, (m) => new ConventionsError(m)),
    key,
  );
  conventions.set(key, parsed);
  return parsed;
}
