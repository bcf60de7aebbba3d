// The one citation formatter: every level a citation has is written, in order, in every language, with the
// words the CLI, the documents (`doc.cite.*`) and the web app (`web.cite.*`) give it from locales/*.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatCitation,
  formatCitations,
  PROVISION_LEVELS,
  provisionKey,
  type Citation,
  type CitationStyle,
} from './citation.ts';
import { LANGS, type Lang } from './lang.ts';

const catalogue = (lang: Lang): Record<string, string> =>
  JSON.parse(readFileSync(new URL(`../../locales/${lang}.json`, import.meta.url), 'utf8')) as Record<string, string>;

/** A catalogue's words as the surfaces give them: `prefix` is `doc.` (CLI, documents) or `web.` (the web app). */
function style(lang: Lang, prefix: 'doc.' | 'web.', extra: Partial<CitationStyle> = {}): CitationStyle {
  const words = catalogue(lang);
  return {
    word: (key, params) => {
      const template = words[prefix + key];
      if (template === undefined) throw new Error(`no ${prefix}${key} in locales/${lang}.json`);
      return template.replace(/\{(\w+)\}/g, (m, k: string) => params[k] ?? m);
    },
    ...extra,
  };
}

const KOAP_18_15_3: Citation = { source: 'KoAP', kind: 'code', article: '18.15', part: '3' };
const KOAP_SHORT: Record<Lang, string> = { en: 'Code of Administrative Offences', ru: 'КоАП РФ', zh: 'КоАП РФ' };

describe('formatCitation', () => {
  it('writes part 3 of KoAP art. 18.15 in en, ru and zh, with the documents’ words and the web’s', () => {
    const expected: Record<Lang, string[]> = {
      en: ['art. 18.15', 'part 3'],
      ru: ['ст. 18.15', 'ч. 3'],
      zh: ['第18.15条', '第3部分'],
    };
    for (const lang of LANGS)
      for (const prefix of ['doc.', 'web.'] as const) {
        const out = formatCitation(KOAP_18_15_3, style(lang, prefix, { actName: () => KOAP_SHORT[lang] }));
        expect(out).toBe([KOAP_SHORT[lang], ...expected[lang]].join(', '));
      }
  });

  it('writes the Russian form for a Chinese reader when given the Russian words (documents, CLI)', () => {
    expect(formatCitation(KOAP_18_15_3, style('ru', 'doc.', { actName: () => 'КоАП РФ' }))).toBe(
      'КоАП РФ, ст. 18.15, ч. 3',
    );
  });

  it('writes every level a citation has, outermost first', () => {
    const c: Citation = {
      source: '115-FZ',
      article: '13.2',
      part: '2',
      paragraph: '1',
      subparagraph: '3',
      amendedBy: '316-FZ',
    };
    expect(formatCitation(c, style('en', 'doc.'))).toBe(
      '115-FZ, art. 13.2, part 2, p. 1, subp. 3, as amended by 316-FZ',
    );
    expect(formatCitation(c, style('ru', 'doc.', { actName: (id) => id.replace('FZ', 'ФЗ') }))).toBe(
      '115-ФЗ, ст. 13.2, ч. 2, п. 1, подп. 3, в ред. 316-ФЗ',
    );
    // In every language each level is in the text, in PROVISION_LEVELS order.
    for (const lang of LANGS) {
      const words = style(lang, 'doc.');
      const out = formatCitation(c, words);
      const at = PROVISION_LEVELS.map((level) => out.indexOf(words.word(`cite.${level}`, { n: c[level] as string })));
      expect(at.every((i) => i > 0)).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
    }
  });

  it('leaves out what the citation does not name, and the amending act when asked to', () => {
    expect(formatCitation({ source: '115-FZ', article: '13.2' }, style('en', 'doc.'))).toBe('115-FZ, art. 13.2');
    expect(formatCitation({ source: 'TK' }, style('en', 'doc.'))).toBe('TK');
    const amended: Citation = { source: '115-FZ', article: '13.2', amendedBy: '316-FZ' };
    expect(formatCitation(amended, style('en', 'web.', { amendment: false }))).toBe('115-FZ, art. 13.2');
  });

  it('names acts, the amending one too, by the given actName; by the id without one', () => {
    const names: Record<string, string> = { '115-FZ': '115-ФЗ', '316-FZ': '316-ФЗ' };
    const c: Citation = { source: '115-FZ', article: '8', amendedBy: '316-FZ' };
    expect(formatCitation(c, style('ru', 'doc.', { actName: (id) => names[id] ?? id }))).toBe(
      '115-ФЗ, ст. 8, в ред. 316-ФЗ',
    );
    expect(formatCitation(c, style('en', 'doc.', { separator: ' ' }))).toBe('115-FZ art. 8 as amended by 316-FZ');
  });

  it('asks the catalogue only for the keys it knows', () => {
    const asked: string[] = [];
    formatCitation(
      { source: 'X', article: '1', part: '2', paragraph: '3', subparagraph: '4', amendedBy: 'Y' },
      { word: (key) => (asked.push(key), key) },
    );
    expect(asked).toEqual(['cite.article', 'cite.part', 'cite.paragraph', 'cite.subparagraph', 'cite.amended']);
  });
});

describe('formatCitations and provisionKey', () => {
  it('writes each citation once, keeping parts apart (KoAP art. 18.15 parts 3 and 4 are two)', () => {
    const p4: Citation = { ...KOAP_18_15_3, part: '4' };
    const out = formatCitations([KOAP_18_15_3, p4, { ...KOAP_18_15_3 }], style('en', 'web.'));
    expect(out).toEqual(['KoAP, art. 18.15, part 3', 'KoAP, art. 18.15, part 4']);
    expect(provisionKey(KOAP_18_15_3)).not.toBe(provisionKey(p4));
    expect(provisionKey(KOAP_18_15_3)).toBe(provisionKey({ ...KOAP_18_15_3, url: 'https://example.org' }));
  });
});
