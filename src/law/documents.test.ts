// The document catalogue (law/documents) and the residence grounds (law/grounds): every entry cited by a
// known source, the vocabularies kept, the dated uses on both sides of a change, and the loader's errors
// naming file and key.
import { describe, expect, it } from 'vitest';
import { researchOf, type IsoDate } from './citation.ts';
import { OFFICIAL_HOSTS, hostIsOneOf } from './schema.ts';
import { HOLDERS, LawDataError, PROCEDURES, parseLawFiles } from './index.ts';
import type { Citation, LawFile } from './index.ts';
import { loadLaw, readLawFiles } from './node.ts';

const law = loadLaw();
const base: LawFile[] = readLawFiles();
const d = (s: string) => s as IsoDate;

function problemsOf(...files: LawFile[]): string[] {
  const paths = new Set(files.map((f) => f.path));
  try {
    parseLawFiles([...base.filter((f) => !paths.has(f.path)), ...files]);
  } catch (e) {
    expect(e).toBeInstanceOf(LawDataError);
    return [...(e as LawDataError).problems];
  }
  throw new Error('expected the loader to fail');
}

const cite = '{ source: 115-FZ, article: "8", evidence: "https://example.org/a" }';
const use = (extra = '', procedure = 'work-visa', holders = '[principal]') =>
  `      - procedure: ${procedure}\n        holders: ${holders}\n        form: copy\n        copies: 1\n        translation: false\n        confidence: medium\n        verified: 2026-11-21\n        basis: [${cite}]\n${extra}`;
const docFile = (id: string, uses: string, extra = ''): LawFile => ({
  path: 'law/documents/test.yaml',
  text:
    `documents:\n  - id: ${id}\n    title: { en: T, ru: Т }\n    issuer: { en: I, ru: И }\n    origin: applicant\n    fileStem: Test_Doc\n` +
    `    confidence: medium\n    verified: 2026-11-21\n    basis: [${cite}]\n${extra}    uses:\n${uses}`,
});

function allCitations(): { where: string; basis: readonly Citation[] }[] {
  const out: { where: string; basis: readonly Citation[] }[] = [];
  for (const doc of law.documents.documents) {
    out.push({ where: `document ${doc.id}`, basis: doc.basis });
    doc.uses.forEach((u, i) => out.push({ where: `document ${doc.id} uses[${i}] (${u.procedure})`, basis: u.basis }));
  }
  for (const p of law.documents.procedures) out.push({ where: `procedure ${p.id}`, basis: p.basis });
  for (const g of law.grounds.grounds) {
    out.push({ where: `ground ${g.id}`, basis: g.basis });
    out.push({ where: `ground ${g.id} languageCertificate`, basis: g.languageCertificate.basis });
    if (g.processing.parameter === undefined) out.push({ where: `ground ${g.id} processing`, basis: g.processing.basis });
  }
  return out;
}

describe('the document catalogue', () => {
  it('describes every procedure, each with an index of documents that it uses', () => {
    expect(law.documents.procedures.map((p) => p.id)).toEqual([...PROCEDURES]);
    for (const p of law.documents.procedures) {
      const entries = law.documents.forProcedure(p.id);
      expect(new Set(entries.map((e) => e.document.id))).toEqual(new Set(p.index));
    }
  });

  it('cites every document, every use, every procedure and every ground with a registered source, its official text and the research pages', () => {
    const entries = allCitations();
    expect(entries.length).toBeGreaterThan(200);
    for (const { where, basis } of entries) {
      expect(basis.length, where).toBeGreaterThan(0);
      for (const c of basis) {
        expect(law.sources.has(c.source), `${where}: ${c.source}`).toBe(true);
        if (c.amendedBy !== undefined) expect(law.sources.has(c.amendedBy), `${where}: ${c.amendedBy}`).toBe(true);
        // The link a reader clicks is the act's official text; the research pages stay evidence.
        if (c.kind === 'practice-guide') expect(c.url, where).toBeUndefined();
        else expect(hostIsOneOf(c.url ?? '', OFFICIAL_HOSTS), `${where}: ${c.source} ${c.url}`).toBe(true);
        expect(researchOf(c)?.evidence.length, where).toBeGreaterThan(0);
      }
    }
  });

  it('gives every use holders from the vocabulary, a verified date and a confidence', () => {
    for (const doc of law.documents.documents) {
      expect(doc.fileStem).toMatch(/^[A-Z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$/);
      for (const u of doc.uses) {
        expect(u.holders.length).toBeGreaterThan(0);
        for (const h of u.holders) expect(HOLDERS).toContain(h);
        expect(u.verified).toBe('2026-11-21');
      }
    }
  });

  it('keeps the consular pack order and the scan names of the HQS visa guide', () => {
    const ids = law.documents.forProcedure('work-visa').map((e) => e.document.id);
    expect(ids.slice(0, 4)).toEqual(['passport', 'visa-application-form', 'photo', 'invitation']);
    expect(law.documents.document('passport').fileStem).toBe('Passport_Bio');
    expect(law.documents.document('visa-application-form').fileStem).toBe('Visa_Form');
    expect(law.documents.document('invitation').fileStem).toBe('Invitation_HQS');
  });

  it('marks foreign civil-status documents as foreign public documents (legalization applies) and the passport as not', () => {
    for (const id of ['marriage-certificate', 'birth-certificate', 'adoption-certificate', 'criminal-record-certificate']) {
      expect(law.documents.document(id).origin).toBe('foreign-public');
    }
    expect(law.documents.document('passport').origin).toBe('foreign-identity');
    expect(law.documents.document('invitation').origin).toBe('russian');
  });

  it('changes the extension documents on 2023-07-10: registration proof until the day before, medical certificates from that day', () => {
    const on = (date: string) => law.documents.forProcedure('work-permit-extension', d(date)).map((e) => e.document.id);
    expect(on('2023-07-09')).toContain('registration-slip');
    expect(on('2023-07-09')).not.toContain('hiv-certificate');
    expect(on('2023-07-10')).not.toContain('registration-slip');
    expect(on('2023-07-10')).toEqual(expect.arrayContaining(['hiv-certificate', 'drug-addiction-certificate', 'infectious-diseases-certificate']));
    const medical = law.documents.forProcedure('work-permit-extension', d('2023-07-10')).find((e) => e.document.id === 'hiv-certificate');
    expect(medical?.use.parameters).toEqual(['work-permit.medical-exam-after-extension']);
  });

  it('takes a copy of the contract with the petition from 2024-01-07, the original before', () => {
    const contract = (date: string) => law.documents.forProcedure('work-permit', d(date)).filter((e) => e.document.id === 'employment-contract');
    expect(contract('2024-01-06').map((e) => e.use.form)).toEqual(['original']);
    expect(contract('2024-01-07').map((e) => e.use.form)).toEqual(['copy']);
  });

  it('asks for the criminal-record certificate from 14, issued no more than 3 months before filing, for visa nationals', () => {
    const e = law.documents.forProcedure('hqs-rp').find((x) => x.document.id === 'criminal-record-certificate');
    expect(e?.use.holders).toContain('child-14-17');
    expect(e?.use.holders).not.toContain('child-under-14');
    expect(e?.use.validity?.maxAgeMonths).toBe(3);
    expect(e?.use.when).toBe('visa-national');
  });

  it('looks documents up by id and names an unknown one', () => {
    expect(law.documents.has('passport')).toBe(true);
    expect(() => law.documents.document('passprot')).toThrow(/unknown document type "passprot"/);
  });
});

describe('the residence grounds', () => {
  it('list every subparagraph of 115-FZ art. 8 p.2 (1–20) and the decree on the new regions', () => {
    const subs = new Set(law.grounds.grounds.flatMap((g) => g.basis.filter((c) => c.source === '115-FZ' && c.article === '8').map((c) => c.subparagraph)));
    for (let n = 1; n <= 20; n++) expect(subs.has(String(n)), `subparagraph ${n}`).toBe(true);
    expect(law.grounds.has('resident-of-new-regions')).toBe(true);
    expect(law.grounds.grounds.length).toBeGreaterThanOrEqual(21);
  });

  it('date the grounds added in 2022–2023: KZ/MD/UA not on 2022-07-13, in force on 2022-07-14', () => {
    expect(law.grounds.inForce(d('2022-07-13')).map((g) => g.id)).not.toContain('citizen-kz-md-ua');
    expect(law.grounds.inForce(d('2022-07-14')).map((g) => g.id)).toContain('citizen-kz-md-ua');
    expect(law.grounds.inForce(d('2023-07-09')).map((g) => g.id)).not.toContain('military-service');
    expect(law.grounds.inForce(d('2023-07-10')).map((g) => g.id)).toContain('military-service');
  });

  it('give each ground a processing time the law data can read and a decision rule', () => {
    for (const g of law.grounds.grounds) {
      if (g.processing.parameter !== undefined) expect(law.valueAt(g.processing.parameter, d('2026-11-21'))?.value, g.id).toBeTypeOf('number');
      else expect((g.processing.months ?? g.processing.workingDays ?? 0) > 0, g.id).toBe(true);
      expect(g.eligibleWhen !== undefined || g.needsFacts.length > 0, g.id).toBe(true);
      for (const id of g.documents) expect(law.documents.has(id), `${g.id}: ${id}`).toBe(true);
    }
    expect(law.grounds.ground('hqs-and-family').processing.parameter).toBe('rp.hqs-processing-term');
    expect(law.grounds.ground('citizen-by').eligibleWhen?.citizenshipIn).toEqual(['BY']);
    expect(law.grounds.ground('russian-citizen-parent-or-child').languageCertificate.required).toBe(false);
  });
});

describe('the loader rejects bad catalogue data, naming file and key', () => {
  it('an unknown key', () => {
    const f = docFile('test-doc', use(), '    colour: red\n');
    expect(problemsOf(f)).toContain('law/documents/test.yaml: documents[0].colour: unknown key (not part of the format; see law/README.md)');
  });

  it('a holder outside the vocabulary, and a use without a citation', () => {
    const f = docFile('test-doc', use('', 'work-visa', '[principal, cousin]').replace(/ {8}basis: .*\n/, ''));
    const problems = problemsOf(f);
    expect(problems.some((p) => p.startsWith('law/documents/test.yaml: documents[0].uses[0].holders[1]: '))).toBe(true);
    expect(problems).toContain('law/documents/test.yaml: documents[0].uses[0].basis: a citation is required');
  });

  it('a use for a procedure whose index does not list the document', () => {
    expect(problemsOf(docFile('test-doc', use()))).toContain(
      'law/documents/test.yaml: documents[0].uses[0].procedure: work-visa\'s index in law/documents/procedures.yaml does not list "test-doc": add it where the authority expects it',
    );
  });

  it('two uses that claim the same holder at the same time', () => {
    const f = docFile('passport-copy-test', use() + use());
    expect(problemsOf(f)).toContain(
      'law/documents/test.yaml: documents[0].uses[1]: overlaps uses[0] (work-visa, principal): give them different holders, dates (from/to) or conditions',
    );
  });

  it('a document id already in another file, an unknown parameter and a translation of a Russian-made document', () => {
    const f = docFile('passport', use('        parameters: [duty.nothing]\n').replace('translation: false', 'translation: true'));
    const problems = problemsOf(f);
    expect(problems.some((p) => /documents\[0\]\.id: "passport" is already a document in law\/documents\/identity\.yaml/.test(p))).toBe(true);
    const g = docFile('test-doc', use().replace('translation: false', 'translation: true'));
    expect(problemsOf(g)).toContain(
      'law/documents/test.yaml: documents[0].uses[0].translation: a notarized translation does not apply to a document of origin applicant (it is Russian or made for the filing)',
    );
    expect(problems).toContain('law/documents/test.yaml: documents[0].uses[0].parameters[0]: unknown parameter "duty.nothing" (no file parameters/duty/nothing.yaml)');
  });

  it('an index entry that is not a document', () => {
    const procedures = base.find((f) => f.path === 'law/documents/procedures.yaml') as LawFile;
    const f = { path: procedures.path, text: procedures.text.replace('      - hqs-petition\n', '      - hqs-petition\n      - no-such-document\n') };
    expect(problemsOf(f)).toContain('law/documents/procedures.yaml: procedures[0].index[1]: unknown document "no-such-document" (not in law/documents/*.yaml)');
  });

  it('a ground with an unknown document, an unknown country, no decision rule, and a source listed twice', () => {
    const grounds = base.find((f) => f.path === 'law/grounds/grounds.yaml') as LawFile;
    const text = grounds.text
      .replace('documents: [rsfsr-birth-proof]', 'documents: [no-such-proof]')
      .replace('citizenshipIn: [KZ, MD, UA]', 'citizenshipIn: [KZ, MD, XX]')
      .replace('    needsFacts: [native-speaker-recognized]\n', '');
    const sources = base.find((f) => f.path === 'law/sources.yaml') as LawFile;
    const dup = { path: sources.path, text: `${sources.text}  - id: 115-FZ\n    kind: federal-law\n    adopted: 2002-07-25\n    short: { en: T, ru: Т }\n    title: { en: T, ru: Т }\n    url: https://www.consultant.ru/\n` };
    const problems = problemsOf({ path: grounds.path, text }, dup);
    expect(problems.some((p) => /^law\/grounds\/grounds\.yaml: grounds\[0\]\.documents\[0\]: unknown document "no-such-proof"/.test(p))).toBe(true);
    expect(problems.some((p) => /^law\/grounds\/grounds\.yaml: grounds\[\d+\]\.eligibleWhen\.citizenshipIn\[2\]: unknown country "XX"/.test(p))).toBe(true);
    expect(problems.some((p) => /^law\/grounds\/grounds\.yaml: grounds\[\d+\]: give eligibleWhen/.test(p))).toBe(true);
    expect(problems.some((p) => /^law\/sources\.yaml: sources\[\d+\]\.id: "115-FZ" is already listed at sources\[0\]/.test(p))).toBe(true);
  });
});
