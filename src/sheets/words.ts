// The wording of spreadsheets — column headers and the names they are known by, the words for enumerated
// values in both directions (reading «Супруга» as spouse, writing overdue as «просрочено»), sheet names
// and the import's messages — kept in locales/sheets/{en,ru}.json, apart from the logic.
import en from '../../locales/sheets/en.json' with { type: 'json' };
import ru from '../../locales/sheets/ru.json' with { type: 'json' };

import { SHEET_LANGS, type SheetLang } from '../core/lang.ts';

export { SHEET_LANGS, type SheetLang };

type Catalog = typeof en;
const catalogs: Record<SheetLang, Catalog> = { en, ru: ru as Catalog };

export function catalog(lang: SheetLang): Catalog {
  return catalogs[lang];
}

export type MessageKey = keyof Catalog['messages'];
export type Params = Record<string, string | number>;

/** A message of the import in `lang`, with `{name}` placeholders filled. */
export function message(lang: SheetLang, key: MessageKey, params: Params = {}): string {
  const template = catalogs[lang].messages[key] ?? catalogs.en.messages[key];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A column header of an export (`columns.due`), or an enumerated value's word (`enums.obligationStatus.due`). */
export function columnWord(lang: SheetLang, key: keyof Catalog['columns']): string {
  return catalogs[lang].columns[key];
}

export type EnumName = keyof Catalog['enums'];

/** The word for an enumerated value; the value itself when the catalog has none (a kind added later). */
export function enumWord(lang: SheetLang, name: EnumName, value: string): string {
  const words = catalogs[lang].enums[name] as Record<string, string>;
  return words[value] ?? value;
}

/**
 * The form a header or a value is compared in: lower case, ё as е, letters and digits only — so
 * «Паспорт №», «паспорт» and "PASSPORT" compare equal, and so do «Супруг(а)» and «супруга».
 */
export function normalizeWord(s: string): string {
  return s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
