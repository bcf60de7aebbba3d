// Dates as spreadsheets hold them: a date cell (the reader gives a Date at UTC midnight), an Excel serial
// number (1900 date system, with Lotus 1-2-3's phantom 1900-02-29 that Excel keeps for compatibility),
// or text — dd.mm.yyyy as Russian offices write it, ISO YYYY-MM-DD, and d/m/yyyy only when the numbers
// leave no doubt. Two-digit years and day/month orders that could be read both ways are refused with a
// message that says how to write the date, never guessed.
import type { MessageKey, Params } from './words.ts';

export type DateResult = { ok: true; date: string } | { ok: false; key: MessageKey; params: Params };

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function ymd(year: number, month: number, day: number, raw: string): DateResult {
  if (year < MIN_YEAR || year > MAX_YEAR)
    return { ok: false, key: 'date.range', params: { date: `${pad(day)}.${pad(month)}.${year}` } };
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month))
    return { ok: false, key: 'date.unreal', params: { value: raw } };
  return { ok: true, date: `${year}-${pad(month)}-${pad(day)}` };
}

/**
 * An Excel serial day number (1900 system) as an ISO date. Day 1 is 1900-01-01; day 60 is the
 * 1900-02-29 that never was (refused), so from day 61 on the count is one ahead of the calendar.
 * A fraction (a time of day) is dropped.
 */
export function excelSerialToIso(serial: number): DateResult {
  const day = Math.floor(serial);
  if (!Number.isFinite(serial) || day < 1) return { ok: false, key: 'date.invalid', params: { value: String(serial) } };
  if (day === 60) return { ok: false, key: 'date.unreal', params: { value: '29.02.1900' } };
  // 1899-12-31 + day, less the phantom leap day from day 61 on.
  const ms = Date.UTC(1899, 11, 31) + (day > 60 ? day - 1 : day) * 86_400_000;
  const d = new Date(ms);
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), String(serial));
}

/** The Excel serial of an ISO date (for writing and for tests): the inverse of excelSerialToIso. */
export function isoToExcelSerial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const days = Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 31)) / 86_400_000);
  return days >= 60 ? days + 1 : days;
}

const DOTTED = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})(?:\s*г\.?)?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?$/i;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
/** A serial written as text: five digits (1927-05-18 … 2173-10-14), so that a lone year such as 2026 is not read as one. */
const SERIAL = /^\d{5}(?:[.,]\d+)?$/;

/** Reads a date cell: a Date, an Excel serial number, or text. */
export function parseSheetDate(value: unknown): DateResult {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, key: 'date.invalid', params: { value: String(value) } };
    // A date cell is a day count; readers hand it over as UTC midnight (a time of day is dropped).
    return ymd(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate(), value.toISOString().slice(0, 10));
  }
  if (typeof value === 'number') return excelSerialToIso(value);
  const raw = String(value).trim();
  let m = ISO.exec(raw);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]), raw);
  m = SLASHED.exec(raw);
  if (m) {
    // d/m/yyyy (most of the world) or m/d/yyyy (United States): only when one reading is impossible.
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = Number(m[3]);
    if (a === b || a > 12) return ymd(year, b, a, raw);
    if (b > 12) return ymd(year, a, b, raw);
    return { ok: false, key: 'date.ambiguous', params: { value: raw } };
  }
  m = DOTTED.exec(raw);
  if (m) {
    if (m[3]!.length === 2) return { ok: false, key: 'date.twoDigitYear', params: { value: raw } };
    return ymd(Number(m[3]), Number(m[2]), Number(m[1]), raw);
  }
  if (SERIAL.test(raw)) return excelSerialToIso(Number(raw.replace(',', '.')));
  return { ok: false, key: 'date.invalid', params: { value: raw } };
}
