// The documents (and the CLI) write citations with src/core's formatter: every level, the acts by their
// short names, in Russian for a Chinese reader.
import { describe, expect, it } from 'vitest';
import { loadLaw } from '../law/node.ts';
import { citeProvision } from './format.ts';
import { formatCitation } from '../cli/cite.ts';

describe('citations in the documents and the CLI', () => {
  const law = loadLaw();
  const koap = { source: 'KoAP', kind: 'code', article: '18.15', part: '3' } as const;

  it('write part 3 of KoAP art. 18.15 in en, ru and zh', () => {
    expect(citeProvision(koap, law, 'en')).toBe('Code of Administrative Offences, art. 18.15, part 3');
    expect(citeProvision(koap, law, 'ru')).toBe('КоАП РФ, ст. 18.15, ч. 3');
    expect(citeProvision(koap, law, 'zh')).toBe('КоАП РФ, ст. 18.15, ч. 3');
  });

  it('name the amending act in documents, and in the CLI only when asked', () => {
    const c = { source: '115-FZ', article: '13.2', paragraph: '1', amendedBy: 'KoAP' };
    expect(citeProvision(c, law, 'en')).toBe('115-FZ, art. 13.2, p. 1, as amended by Code of Administrative Offences');
    expect(formatCitation(c, law, 'en')).toBe('115-FZ, art. 13.2, p. 1');
    expect(formatCitation(c, law, 'ru', true)).toBe('115-ФЗ, ст. 13.2, п. 1, в ред. КоАП РФ');
  });
});
