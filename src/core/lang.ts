// The languages HQS Desk speaks, and the named subsets for surfaces that speak fewer. Every language set in
// the code is one of these: a new language is added here, and the compiler names each surface to word.

/** Every language with a catalogue (locales/{en,ru,zh}.json): the engine's wording, the checklist, the self-check, the portal. */
export const LANGS = ['en', 'ru', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

/** The languages a rendered document is written in (the checklist in all three; see LETTER_LANGS for letters). */
export type DocLang = Lang;

/**
 * The CLI's `--lang` for a case's text output (evaluate, obligations, grounds, checklist): every language. The
 * `law` and `calendar` listings name acts and regions, in LAW_NAME_LANGS.
 */
export const CLI_LANGS = LANGS;
export type CliLang = (typeof CLI_LANGS)[number];

/** Letters (support and cover letters, to the Russian authorities or the employer): English or Russian only. */
export const LETTER_LANGS = ['en', 'ru'] as const satisfies readonly Lang[];
export type LetterLang = (typeof LETTER_LANGS)[number];

/** Spreadsheets in and out (headers, the template, exported sheets): the workspace's languages, English and Russian. */
export const SHEET_LANGS = ['en', 'ru'] as const satisfies readonly Lang[];
export type SheetLang = (typeof SHEET_LANGS)[number];

/** The signed-in workspace of the web app: English and Russian (the portal and the self-check speak all LANGS). */
export const WORKSPACE_LANGS = ['en', 'ru'] as const satisfies readonly Lang[];
export type WorkspaceLang = (typeof WORKSPACE_LANGS)[number];

/** The languages the law data names regions and acts in (law/regions.yaml, law/sources.yaml `short`). */
export const LAW_NAME_LANGS = ['en', 'ru'] as const satisfies readonly Lang[];
export type LawNameLang = (typeof LAW_NAME_LANGS)[number];

/**
 * The language a legal citation is written in for a reader of `lang`: Russian for a Chinese reader (Russian
 * law governs, and the acts are found under their Russian names).
 */
export function lawNameLang(lang: Lang): LawNameLang {
  return lang === 'en' ? 'en' : 'ru';
}
