// The Chinese texts of the law data (locales/glossary.md): every localized text of the document catalogue,
// the grounds, the regions, the sources and the family rules has a `zh`; the HQS is named by the glossary's
// one term; citations stay in the Russian form the law writes them in.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseDocument, stringify } from 'yaml';
import { parseRegionsFile } from './countries.ts';

const ROOT = new URL('../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, ROOT), 'utf8');
const yamlIn = (dir: string): string[] =>
  readdirSync(new URL(dir, ROOT))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => `${dir}/${f}`);

/** The law files whose texts are translated (locales/glossary.md); parameters and countries are not. */
const FILES = [
  ...yamlIn('law/documents'),
  ...yamlIn('law/grounds'),
  'law/regions.yaml',
  'law/sources.yaml',
  'law/family.yaml',
];

/** An act's `short` name stays Russian for a Chinese reader (actName in src/documents/format.ts). */
const NOT_TRANSLATED: readonly RegExp[] = [/^law\/sources\.yaml: sources\[\d+\]\.short$/];

interface Text {
  where: string;
  en: string;
  ru: string;
  zh?: string;
}

/** Every localized text in a YAML file: a mapping with both `en` and `ru` strings, and its `zh` if any. */
function localizedTexts(text: string, path: string): Text[] {
  const out: Text[] = [];
  const walk = (node: unknown, at: string): void => {
    if (isMap(node)) {
      const value = (k: string): unknown => {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === k);
        return pair && isScalar(pair.value) ? pair.value.value : undefined;
      };
      const en = value('en');
      const ru = value('ru');
      if (typeof en === 'string' && typeof ru === 'string') {
        const zh = value('zh');
        out.push({ where: `${path}: ${at}`, en, ru, ...(typeof zh === 'string' ? { zh } : {}) });
        return;
      }
      for (const p of node.items) {
        const key = String(isScalar(p.key) ? p.key.value : '?');
        walk(p.value, at ? `${at}.${key}` : key);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, `${at}[${i}]`));
    }
  };
  walk(parseDocument(text).contents, '');
  return out;
}

const texts: Text[] = FILES.flatMap((f) => localizedTexts(read(f), f)).filter(
  (t) => !NOT_TRANSLATED.some((re) => re.test(t.where)),
);
const chinese = texts.filter((t): t is Text & { zh: string } => t.zh !== undefined);

/** The glossary's Chinese term for a Russian one: the third column of its row in locales/glossary.md. */
function glossaryTerm(russian: string): string {
  const row = read('locales/glossary.md')
    .split('\n')
    .find((l) => l.startsWith(`| ${russian} |`));
  if (row === undefined) throw new Error(`locales/glossary.md has no row for ${russian}`);
  const term = row.split('|')[3]?.trim();
  if (!term) throw new Error(`locales/glossary.md: the row for ${russian} has no Chinese term`);
  return term;
}

const HQS = glossaryTerm('высококвалифицированный специалист (ВКС)');
/** Renderings of ВКС the product used or Chinese guides use; the glossary chose one (house rule 2). */
const OTHER_HQS = ['高素质专家', '高级专家', '高水平专家', '高技术专家', '高技术外国专家', '高资质专家', '高质素', '高端人才'];

describe('the Chinese texts of the law data (locales/glossary.md)', () => {
  it('finds the localized texts of every translated file, and one without zh', () => {
    expect(texts.length).toBeGreaterThan(400);
    for (const f of FILES) expect(texts.some((t) => t.where.startsWith(`${f}: `))).toBe(true);
    const sample = stringify({ documents: [{ id: 'x', title: { en: 'T', ru: 'Т' }, note: { en: 'N', ru: 'Н', zh: '注' } }] });
    expect(localizedTexts(sample, 'law/documents/x.yaml').map((t) => [t.where, t.zh])).toEqual([
      ['law/documents/x.yaml: documents[0].title', undefined],
      ['law/documents/x.yaml: documents[0].note', '注'],
    ]);
  });

  it('gives every localized text a Chinese version (sources keep their short names in Russian)', () => {
    expect(texts.filter((t) => t.zh === undefined).map((t) => t.where)).toEqual([]);
    expect(texts.filter((t) => t.zh !== undefined && !/\p{Script=Han}/u.test(t.zh)).map((t) => t.where)).toEqual([]);
  });

  it(`names the HQS ${HQS} and nothing else`, () => {
    expect(HQS).toBe('高技能专家');
    const other = chinese.filter((t) => OTHER_HQS.some((w) => t.zh.includes(w)) || /HQS(?! Desk)/.test(t.zh));
    expect(other.map((t) => `${t.where}: ${t.zh}`)).toEqual([]);
    const missing = chinese.filter((t) => /ВКС|высококвалифицированн/i.test(t.ru) && !t.zh.includes(HQS));
    expect(missing.map((t) => `${t.where}: ${t.zh}`)).toEqual([]);
  });

  it('cites acts and provisions as Russian law writes them, never in Chinese numbering', () => {
    const acts = (s: string) => s.match(/\d+-ФК?З/g) ?? [];
    const provisions = (s: string) => (s.match(/(?:подп|ст|ч|п)\. ?\d+(?:\.\d+)?/g) ?? []).map((p) => p.replace(/\. ?/, '. '));
    const problems: string[] = [];
    for (const t of chinese) {
      for (const a of acts(t.ru)) if (!t.zh.includes(a)) problems.push(`${t.where}: ${a} missing`);
      for (const p of provisions(t.ru)) if (!t.zh.includes(p)) problems.push(`${t.where}: ${p} missing`);
      if (/第[\d.一二三四五六七八九十百]+[条款项]/.test(t.zh)) problems.push(`${t.where}: Chinese numbering in ${t.zh}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('law/regions.yaml: Chinese names', () => {
  const base = { sources: [{ id: 'iso', covers: 'codes', origin: 'https://www.iso.org/obp/ui/#iso:code:3166:RU' }] };
  const moscow = { code: 'RU-MOW', iso: true, kind: 'federal-city', names: { en: 'Moscow', ru: 'Москва', zh: '莫斯科市' } };

  it('loads names.zh and refuses an empty one', () => {
    const regions = parseRegionsFile(read('law/regions.yaml'), 'law/regions.yaml');
    expect(regions.get('RU-MOW')?.names.zh).toBe('莫斯科市');
    expect(regions.get('RU-SPE')?.names.zh).toBe('圣彼得堡市');
    expect(regions.regions.filter((r) => r.names.zh === undefined).map((r) => r.code)).toEqual([]);
    expect(parseRegionsFile(stringify({ ...base, regions: [moscow] }), 'law/regions.yaml').get('RU-MOW')?.names.zh).toBe('莫斯科市');
    expect(() =>
      parseRegionsFile(stringify({ ...base, regions: [{ ...moscow, names: { ...moscow.names, zh: '' } }] }), 'law/regions.yaml'),
    ).toThrow(/regions\[0\]\.names\.zh/);
  });
});
