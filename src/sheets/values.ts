// Reading one cell as the field it is mapped to: countries and regions by name (en, ru) or code, names by
// script, amounts written the Russian or the English way, the words of enumerated values in either
// language. Each reader returns the value or a message key; none throws.
import type { CountryTable, RegionTable } from '../law/countries.ts';
import { catalog, normalizeWord, SHEET_LANGS, type MessageKey, type Params } from './words.ts';

export type Read<T> = { ok: true; value: T } | { ok: false; key: MessageKey; params: Params };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = (key: MessageKey, params: Params): Read<never> => ({ ok: false, key, params });

/** Names people write that differ from the law table's official ones (its names stay the first choice). */
const COUNTRY_ALIASES: Record<string, string> = {
  китай: 'CN',
  china: 'CN',
  кнр: 'CN',
  россия: 'RU',
  russia: 'RU',
  рф: 'RU',
  сша: 'US',
  usa: 'US',
  unitedstates: 'US',
  америка: 'US',
  англия: 'GB',
  uk: 'GB',
  britain: 'GB',
  greatbritain: 'GB',
  южнаякорея: 'KR',
  корея: 'KR',
  korea: 'KR',
  republicofkorea: 'KR',
  кндр: 'KP',
  иран: 'IR',
  iran: 'IR',
  молдова: 'MD',
  moldova: 'MD',
  белоруссия: 'BY',
  кыргызстан: 'KG',
  киргизстан: 'KG',
  turkey: 'TR',
  турецкаяреспублика: 'TR',
  vietnam: 'VN',
  вьетнам: 'VN',
  германия: 'DE',
  фрг: 'DE',
  нидерланды: 'NL',
  голландия: 'NL',
  holland: 'NL',
  чехия: 'CZ',
  czechia: 'CZ',
  оаэ: 'AE',
  uae: 'AE',
  лаос: 'LA',
  сирия: 'SY',
  syria: 'SY',
  венесуэла: 'VE',
  venezuela: 'VE',
  боливия: 'BO',
  bolivia: 'BO',
  танзания: 'TZ',
  tanzania: 'TZ',
};

export interface Lookup {
  country(text: string): string | undefined;
  region(text: string): string | undefined;
  /** The law's country codes (for parseCase). */
  countries: ReadonlySet<string>;
  regions: ReadonlySet<string>;
}

/** Name forms of an official name: whole, without the bracketed part, and the bracketed part alone. */
function forms(name: string): string[] {
  const out = [name];
  const m = /^(.*?)\s*\((.*)\)\s*$/.exec(name);
  if (m) out.push(m[1]!, m[2]!);
  const comma = /^(.*?),\s*(.*)$/.exec(name); // "Moldova, Republic of"
  if (comma) out.push(comma[1]!);
  return out;
}

/** Country and region look-ups built once from the law's tables. */
export function makeLookup(countries: CountryTable, regions: RegionTable): Lookup {
  const byCountry = new Map<string, string>();
  for (const c of countries.countries) {
    byCountry.set(normalizeWord(c.code), c.code);
    for (const n of [c.names.en, c.names.ru]) for (const f of forms(n)) byCountry.set(normalizeWord(f), c.code);
  }
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) {
    const k = normalizeWord(alias);
    if (!byCountry.has(k) && countries.codes.has(code)) byCountry.set(k, code);
  }
  const byRegion = new Map<string, string>();
  for (const r of regions.regions) {
    byRegion.set(normalizeWord(r.code), r.code);
    byRegion.set(normalizeWord(r.code.slice(3)), r.code);
    for (const n of [r.names.en, r.names.ru]) for (const f of forms(n)) byRegion.set(normalizeWord(f), r.code);
  }
  for (const [alias, code] of Object.entries({
    мск: 'RU-MOW',
    спб: 'RU-SPE',
    петербург: 'RU-SPE',
    stpetersburg: 'RU-SPE',
  }))
    if (regions.codes.has(code)) byRegion.set(normalizeWord(alias), code);
  return {
    country: (text) => byCountry.get(normalizeWord(text)),
    // «г. Москва», «город Москва» are Москва.
    region: (text) => byRegion.get(normalizeWord(text.replace(/^\s*(г\.|город)\s*/i, ''))),
    countries: countries.codes,
    regions: regions.codes,
  };
}

/** Several values in one cell: «Китай, Россия», "RU-MOW; RU-MOS". */
export function splitList(text: string): string[] {
  return text
    .split(/[;,/\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function readCountry(text: string, lookup: Lookup): Read<string> {
  const code = lookup.country(text);
  return code ? ok(code) : bad('country.unknown', { value: text });
}

export function readCountries(text: string, lookup: Lookup): Read<string[]> {
  const out: string[] = [];
  // A whole-cell match first: "Moldova, Republic of" holds a comma.
  const whole = lookup.country(text);
  if (whole) return ok([whole]);
  for (const part of splitList(text)) {
    const code = lookup.country(part);
    if (!code) return bad('country.unknown', { value: part });
    if (!out.includes(code)) out.push(code);
  }
  return out.length ? ok(out) : bad('country.unknown', { value: text });
}

export function readRegions(text: string, lookup: Lookup): Read<string[]> {
  const out: string[] = [];
  for (const part of splitList(text)) {
    const code = lookup.region(part);
    if (!code) return bad('region.unknown', { value: part });
    if (!out.includes(code)) out.push(code);
  }
  return out.length ? ok(out) : bad('region.unknown', { value: text });
}

const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/** Spaces collapsed; the letters as written (a passport's Latin name keeps its case). */
export function cleanName(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function readLatinName(text: string): Read<string> {
  const s = cleanName(text);
  if (CYRILLIC.test(s)) return bad('name.notLatin', { value: s });
  return ok(s);
}

export function readCyrillicName(text: string): Read<string> {
  const s = cleanName(text);
  if (LATIN.test(s)) return bad('name.notCyrillic', { value: s });
  return ok(s);
}

/** A name column of either script («ФИО», "Full name"): which one it is, by its letters. */
export function readAnyName(text: string): Read<{ script: 'latin' | 'cyrillic'; name: string }> {
  const s = cleanName(text);
  const lat = LATIN.test(s);
  const cyr = CYRILLIC.test(s);
  if (lat && cyr) return bad('name.mixed', { value: s });
  return ok({ script: cyr ? 'cyrillic' : 'latin', name: s });
}

/**
 * An amount: a number cell, or text such as «450 000», «450 000,50 руб.», "450,000.50", "$1,200". A
 * lone comma before exactly three digits ("450,000") could be either thousands or decimals: refused.
 */
export function readAmount(value: unknown): Read<number> {
  if (typeof value === 'number') return value < 0 ? bad('number.negative', { value: String(value) }) : ok(value);
  const raw = String(value).trim();
  let s = raw.replace(/[\s\u00a0\u202f']/g, '').replace(/(руб\.?|р\.|₽|rub|usd|eur|\$|€)/gi, '');
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) {
    // The later sign is the decimal one; the other separates thousands.
    s = comma > dot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (comma >= 0) {
    const commas = s.split(',').length - 1;
    if (commas > 1) s = s.replace(/,/g, '');
    else if (/^\d{1,3},\d{3}$/.test(s)) return bad('number.ambiguous', { value: raw, plain: s.replace(',', '') });
    else s = s.replace(',', '.');
  } else if ((s.match(/\./g) ?? []).length > 1) s = s.replace(/\./g, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return bad('number.invalid', { value: raw });
  const n = Number(s);
  return n < 0 ? bad('number.negative', { value: raw }) : ok(n);
}

export type EnumName = 'sex' | 'employerKind' | 'occupation' | 'contractKind' | 'salaryPer';

/** An enumerated value by its code or its word in either language. */
export function readEnum(name: EnumName, text: string): Read<string> {
  const k = normalizeWord(text);
  const words = SHEET_LANGS.map((l) => catalog(l).values[name] as Record<string, string[]>);
  for (const w of words)
    for (const [code, list] of Object.entries(w)) {
      if (normalizeWord(code) === k) return ok(code);
      if (list.some((x) => normalizeWord(x) === k)) return ok(code);
    }
  const allowed = [...new Set(words.flatMap((w) => Object.values(w).map((l) => l[0]!)))].join(', ');
  return bad('enum.unknown', { value: text, allowed });
}

export type RoleValue = { principal: true } | { principal: false; relation: string; adopted?: boolean };

/** The person's role: principal («ВКС», "Employee"), or a relation («Супруга», "Son", «Приёмная дочь»). */
export function readRole(text: string): Read<RoleValue> {
  const k = normalizeWord(text);
  for (const l of SHEET_LANGS) {
    const v = catalog(l).values;
    if (v.role.principal.some((x) => normalizeWord(x) === k) || k === 'principal') return ok({ principal: true });
    if (v.adopted.some((x) => normalizeWord(x) === k))
      return ok({ principal: false, relation: 'child', adopted: true });
    for (const [code, list] of Object.entries(v.relation as Record<string, string[]>))
      if (normalizeWord(code) === k || list.some((x) => normalizeWord(x) === k))
        return ok({ principal: false, relation: code });
  }
  const allowed = Object.values(catalog('ru').values.relation as Record<string, string[]>)
    .map((l) => l[0]!)
    .join(', ');
  return bad('role.unknown', { value: text, allowed });
}

/** An INN as digits: a number cell or text with spaces; leading zeros as written. */
export function readInn(value: unknown): Read<string> {
  let s = String(value).replace(/[\s\u00a0]/g, '');
  // A number cell loses the leading zero of the regions 01…09 (0105012342 becomes 105012342): put it back.
  if (typeof value === 'number' && (s.length === 9 || s.length === 11)) s = `0${s}`;
  if (!/^\d{10}$|^\d{12}$/.test(s)) return bad('inn.format', { value: String(value) });
  return ok(s);
}

/** A passport number as written, without spaces and «№»; upper case (the comparison key is the same). */
export function passportNumber(value: unknown): string {
  return String(value)
    .replace(/[\s\u00a0№#]/g, '')
    .toUpperCase();
}

/** The key people are matched by: country and number. */
export function passportKey(country: string, number: string): string {
  return `${country}:${passportNumber(number).replace(/-/g, '')}`;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function readEmail(text: string): Read<string> {
  const s = text.trim();
  return EMAIL.test(s) ? ok(s) : bad('email.invalid', { value: s });
}
