// Generates law/countries.yaml: every ISO 3166-1 alpha-2 country with its names (en, ru, zh) from the
// maintained package i18n-iso-countries, merged with the hand-maintained legal facts below (visa-free
// entry, EAEU, Hague Apostille Convention, Minsk Convention, legal-assistance treaties), taken from the
// research base shared/law/legal-facts.md §3, §7a–§7c (compiled 2026-11-21).
//
//   node bin/run-ts.js scripts/gen-countries.ts          write law/countries.yaml
//   node bin/run-ts.js scripts/gen-countries.ts --check  exit 1 if law/countries.yaml is not up to date
//
// The output is deterministic (sorted by code, no timestamps) and is validated with parseCountriesFile
// before it is written. Edit the facts here, never the YAML.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, isCollection, isScalar, visit } from 'yaml';
import { parseCountriesFile } from '../src/law/countries.ts';

type Confidence = 'high' | 'medium-high' | 'medium' | 'low-medium' | 'low';
interface Cite {
  source: string;
  article?: string;
  part?: string;
  paragraph?: string;
  /** The page the research relied on (the act's own text is the sources registry's url). */
  evidence: string;
  note?: string;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(ROOT, 'law/countries.yaml');
const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------------
// Dates and pages the research relied on

const VERIFIED = '2026-11-21'; // research date of legal-facts.md
const RESEARCH_AS_OF = '2026-11-21';
const DATASET_AS_OF = '2025-01-12'; // Passport Index dataset snapshot
const HCCH_AS_OF = '2026-06-30'; // "last update" of the HCCH status table transcription

const URL = {
  law114: 'http://pravo.gov.ru/proxy/ips/?docbody=&nd=102043016',
  stayCap: 'http://elvisti.com/node/134690',
  dataset: 'https://github.com/ilyankou/passport-index-dataset',
  cnDecree: 'https://www.vedomosti.ru/politics/news/2025/12/01/1159493-putin-vvel-bezvizovii',
  om: 'https://infobira.ru/?action=view&id=17288&module=articles',
  eaeu: 'https://poisk-ru.ru/s17249t23.html',
  hcch: 'https://hcch.net/en/instruments/conventions/status-table/?cid=41',
  minsk: 'https://edis74.ru/minskaya-konventsiya-1993/',
  minskParties: 'https://zakon.rada.gov.ua/laws/show/ru/v53_7323-06',
  uaMinsk:
    'https://minjust.gov.ua/m/informatsiyne-povidomlennya-schodo-zupinennya-dii-ta-vihodu-z-konventsii-pro-pravovu-dopomogu-i-pravovi-vidnosini-u-tsivilnih-simeynih-ta-kriminalnih-spravah-vid-22-sichnya-1993-roku-ta-protokolu-do-nei',
  mdCis: 'https://md.mir24.tv/news/16663524/moldova-oficialno-vyhodit-iz-sng',
  consular: 'https://fzakon.ru/laws/federalnyy-zakon-ot-05.07.2010-n-154-fz',
  legalAssistance: 'https://www.apostil-perevod.ru/news/kogda-ne-trebuetsya-apostil',
} as const;

// ---------------------------------------------------------------------------------------------------
// §7a. Visa-free entry as recorded in the Passport Index dataset (destination RU, 2025-01-12):
// [code, days per visit (null: "visa free" without a number), regime, confidence].
// nonwork = the usual scope of Russia's waiver agreements (no work); cis = CIS visa-free regime (entry to
// work allowed); eaeu = EAEU member (may work without a permit); other = basis unknown.

type Regime = 'nonwork' | 'cis' | 'eaeu' | 'other';
const VISA_FREE_DATASET: readonly (readonly [string, number | null, Regime, Confidence])[] = [
  ['AD', 90, 'nonwork', 'low'],
  ['AE', 90, 'nonwork', 'medium'],
  ['AG', 90, 'nonwork', 'low'],
  ['AM', 90, 'eaeu', 'medium'],
  ['AR', 90, 'nonwork', 'medium'],
  ['AZ', 90, 'cis', 'medium'],
  ['BA', 30, 'nonwork', 'medium'],
  ['BN', 14, 'nonwork', 'low'],
  ['BO', 90, 'nonwork', 'low'],
  ['BR', 90, 'nonwork', 'medium'],
  ['BW', 30, 'nonwork', 'low'],
  ['BY', 90, 'eaeu', 'medium'],
  ['BZ', 90, 'nonwork', 'low'],
  ['CL', 90, 'nonwork', 'medium'],
  ['CO', 90, 'nonwork', 'medium'],
  ['CR', 90, 'nonwork', 'medium'],
  ['CU', 90, 'nonwork', 'medium'],
  ['CV', 60, 'nonwork', 'low'],
  ['DM', 90, 'nonwork', 'low'],
  ['DO', 60, 'nonwork', 'medium'],
  ['EC', 90, 'nonwork', 'medium'],
  ['FJ', 90, 'nonwork', 'medium'],
  ['GD', 90, 'nonwork', 'low'],
  ['GE', 90, 'other', 'low'],
  ['GT', 90, 'nonwork', 'medium'],
  ['GY', 90, 'nonwork', 'medium'],
  ['HK', 14, 'nonwork', 'medium'],
  ['HN', 90, 'nonwork', 'medium'],
  ['IL', 90, 'nonwork', 'medium'],
  ['JM', 90, 'nonwork', 'low'],
  ['KG', null, 'eaeu', 'medium'],
  ['KN', 90, 'nonwork', 'low'],
  ['KR', 60, 'nonwork', 'medium'],
  ['KZ', 90, 'eaeu', 'medium'],
  ['LA', 30, 'nonwork', 'low'],
  ['MD', 90, 'cis', 'medium'],
  ['ME', 30, 'nonwork', 'medium'],
  ['MN', 30, 'nonwork', 'medium'],
  ['MO', 30, 'nonwork', 'medium'],
  ['MU', 60, 'nonwork', 'medium'],
  ['MV', 90, 'nonwork', 'medium'],
  ['NA', 90, 'nonwork', 'low'],
  ['NI', 90, 'nonwork', 'medium'],
  ['NR', 14, 'nonwork', 'low'],
  ['PA', 90, 'nonwork', 'medium'],
  ['PE', 90, 'nonwork', 'medium'],
  ['PW', 30, 'nonwork', 'low'],
  ['PY', 90, 'nonwork', 'medium'],
  ['QA', 90, 'nonwork', 'medium'],
  ['RS', 30, 'nonwork', 'medium'],
  ['SC', 30, 'nonwork', 'medium'],
  ['SR', 90, 'nonwork', 'low'],
  ['SV', 90, 'nonwork', 'medium'],
  ['TH', 30, 'nonwork', 'medium'],
  ['TJ', 90, 'cis', 'medium'],
  ['UA', 90, 'cis', 'medium'],
  ['UY', 90, 'nonwork', 'medium'],
  ['UZ', 90, 'cis', 'medium'],
  ['VC', 90, 'nonwork', 'low'],
  ['VE', 90, 'nonwork', 'medium'],
  ['VU', 90, 'nonwork', 'low'],
  ['WS', 60, 'nonwork', 'low'],
  ['ZA', 90, 'nonwork', 'medium'],
];

/** Remarks of the research on particular dataset rows. */
const VISA_ROW_NOTES: Readonly<Record<string, string>> = {
  AD: 'The research found no Russia–Andorra visa-waiver agreement; this dataset row is doubtful.',
  BY: 'An older list shows no limit on the stay of Belarusian nationals; the dataset shows 90 days.',
  GE: 'Visa-free per the dataset; the legal basis (possibly a unilateral Russian act rather than an agreement) and its start date were not verified. Work purposes are left out to stay on the safe side.',
  KG: 'The dataset records "visa free" without a number of days.',
  UA: 'The current entry rules for Ukrainian nationals were not verified by the research.',
};

const NONWORK_NOTE =
  "Purposes follow the usual scope of Russia's visa-waiver agreements (tourism, private visits, business, transit; not work or study); this agreement itself was not checked.";
const CIS_NOTE =
  'CIS visa-free regime: entry to work is allowed; the work itself still needs a patent or an HQS work permit.';
const EAEU_NOTE = 'EAEU national: may enter to work and works without a work permit (EAEU Treaty art. 97).';

// ---------------------------------------------------------------------------------------------------
// §7b. Hague Apostille Convention: [code, entry into force for that State, accession objected to (A**),
// confidence]. Kosovo (XK, 2016-07-14, objected) has no ISO 3166-1 code and is left out.

const HAGUE: readonly (readonly [string, string, boolean, Confidence])[] = [
  ['AD', '1996-12-31', false, 'high'],
  ['AG', '1981-11-01', false, 'high'],
  ['AL', '2004-05-09', false, 'high'],
  ['AM', '1994-08-14', false, 'high'],
  ['AR', '1988-02-18', false, 'high'],
  ['AT', '1968-01-13', false, 'high'],
  ['AU', '1995-03-16', false, 'high'],
  ['AZ', '2005-03-02', true, 'high'],
  ['BA', '1992-03-06', false, 'high'],
  ['BB', '1966-11-30', false, 'high'],
  ['BD', '2025-03-30', true, 'high'],
  ['BE', '1976-02-09', false, 'high'],
  ['BG', '2001-04-29', false, 'high'],
  ['BH', '2013-12-31', false, 'high'],
  ['BI', '2015-02-13', true, 'high'],
  ['BN', '1987-12-03', false, 'high'],
  ['BO', '2018-05-07', false, 'high'],
  ['BR', '2016-08-14', false, 'high'],
  ['BS', '1973-07-10', false, 'high'],
  ['BW', '1966-09-30', false, 'high'],
  ['BY', '1992-05-31', false, 'high'],
  ['BZ', '1993-04-11', false, 'high'],
  ['CA', '2024-01-11', false, 'high'],
  ['CH', '1973-03-11', false, 'medium'],
  ['CK', '2005-04-30', false, 'high'],
  ['CL', '2016-08-30', false, 'high'],
  ['CN', '2023-11-07', true, 'high'],
  ['CO', '2001-01-30', false, 'high'],
  ['CR', '2011-12-14', false, 'high'],
  ['CV', '2010-02-13', false, 'high'],
  ['CY', '1973-04-30', false, 'high'],
  ['CZ', '1999-03-16', false, 'medium'],
  ['DE', '1966-02-13', false, 'high'],
  ['DK', '2006-12-29', false, 'high'],
  ['DM', '1978-11-03', false, 'high'],
  ['DO', '2009-08-30', true, 'medium'],
  ['DZ', '2026-07-09', true, 'medium'],
  ['EC', '2005-04-02', false, 'medium'],
  ['EE', '2001-09-30', false, 'medium'],
  ['ES', '1978-09-25', false, 'high'],
  ['FI', '1985-08-26', false, 'medium'],
  ['FJ', '1970-10-10', false, 'medium'],
  ['FR', '1965-01-24', false, 'medium'],
  ['GB', '1965-01-24', false, 'medium'],
  ['GD', '2002-04-07', false, 'low'],
  ['GE', '2007-05-14', false, 'medium'],
  ['GR', '1985-05-18', false, 'high'],
  ['GT', '2017-09-18', false, 'medium'],
  ['GY', '2019-04-18', false, 'medium'],
  ['HK', '1965-04-25', false, 'medium'],
  ['HN', '2004-09-30', false, 'medium'],
  ['HR', '1991-10-08', false, 'high'],
  ['HU', '1973-01-18', false, 'medium'],
  ['ID', '2022-06-04', false, 'medium'],
  ['IE', '1999-03-09', false, 'high'],
  ['IL', '1978-08-14', false, 'medium'],
  ['IN', '2005-07-14', true, 'medium'],
  ['IS', '2004-11-27', false, 'high'],
  ['IT', '1978-02-11', false, 'high'],
  ['JM', '2021-07-03', false, 'medium'],
  ['JP', '1970-07-27', false, 'medium'],
  ['KG', '2011-07-31', true, 'medium'],
  ['KN', '1994-12-14', false, 'medium'],
  ['KR', '2007-07-14', false, 'medium'],
  ['KZ', '2001-01-30', false, 'medium'],
  ['LC', '2002-07-31', false, 'medium'],
  ['LI', '1972-09-17', false, 'medium'],
  ['LR', '1996-02-08', true, 'medium'],
  ['LS', '1966-10-04', false, 'medium'],
  ['LT', '1997-07-19', false, 'medium'],
  ['LU', '1979-06-03', false, 'medium'],
  ['LV', '1996-01-30', false, 'medium'],
  ['MA', '2016-08-14', true, 'medium'],
  ['MC', '2002-12-31', false, 'medium'],
  ['MD', '2007-03-16', false, 'medium'],
  ['ME', '2006-06-03', false, 'medium'],
  ['MH', '1992-08-14', false, 'medium'],
  ['MK', '1991-11-17', false, 'medium'],
  ['MN', '2009-12-31', true, 'medium'],
  ['MO', '1969-02-04', false, 'medium'],
  ['MT', '1968-03-03', false, 'medium'],
  ['MU', '1968-03-12', false, 'medium'],
  ['MW', '1967-12-02', false, 'medium'],
  ['MX', '1995-08-14', false, 'medium'],
  ['NA', '2001-01-30', false, 'medium'],
  ['NI', '2013-05-14', false, 'medium'],
  ['NL', '1965-10-08', false, 'medium'],
  ['NO', '1983-07-29', false, 'medium'],
  ['NU', '1999-03-02', false, 'medium'],
  ['NZ', '2001-11-22', false, 'medium'],
  ['OM', '2012-01-30', false, 'medium'],
  ['PA', '1991-08-04', false, 'medium'],
  ['PE', '2010-09-30', true, 'medium'],
  ['PH', '2019-05-14', true, 'medium'],
  ['PK', '2023-03-09', true, 'medium'],
  ['PL', '2005-08-14', false, 'medium'],
  ['PT', '1969-02-04', false, 'medium'],
  ['PW', '2020-06-23', false, 'medium'],
  ['PY', '2014-08-30', false, 'medium'],
  ['RO', '2001-03-16', false, 'medium'],
  ['RS', '1992-04-27', false, 'medium'],
  ['RU', '1992-05-31', false, 'medium'],
  ['RW', '2024-06-05', true, 'medium'],
  ['SA', '2022-12-07', false, 'medium'],
  ['SC', '1979-03-31', false, 'medium'],
  ['SE', '1999-05-01', false, 'medium'],
  ['SG', '2021-09-16', false, 'medium'],
  ['SI', '1991-06-25', false, 'medium'],
  ['SK', '2002-02-18', false, 'medium'],
  ['SM', '1995-02-13', false, 'medium'],
  ['SN', '2023-03-23', true, 'medium'],
  ['SR', '1975-11-25', false, 'medium'],
  ['ST', '2008-09-13', false, 'medium'],
  ['SV', '1996-05-31', false, 'medium'],
  ['SZ', '1968-09-06', false, 'medium'],
  ['TH', '2027-02-28', false, 'medium'],
  ['TJ', '2015-10-31', true, 'medium'],
  ['TN', '2018-03-30', true, 'medium'],
  ['TO', '1970-06-04', false, 'medium'],
  ['TR', '1985-09-29', false, 'medium'],
  ['TT', '2000-07-14', false, 'medium'],
  ['UA', '2003-12-22', false, 'medium'],
  ['US', '1981-10-15', false, 'medium'],
  ['UY', '2012-10-14', false, 'medium'],
  ['UZ', '2012-04-15', true, 'medium'],
  ['VC', '1979-10-27', false, 'medium'],
  ['VE', '1999-03-16', false, 'medium'],
  ['VN', '2026-09-11', true, 'high'],
  ['VU', '1980-07-30', false, 'medium'],
  ['WS', '1999-09-13', false, 'medium'],
  ['ZA', '1995-04-30', false, 'medium'],
];

const HAGUE_NOTES: Readonly<Record<string, string>> = {
  CN: 'Mainland China only; Hong Kong and Macao apply the Convention as territorial extensions and issue their own apostilles.',
  DZ: 'Date from a single transcription of the HCCH table.',
  GD: 'Date conflict: the HCCH transcription gives 2002-04-07, an older Russian list gives 1974-02-07 (succession deposited 2001-07-17); the later date is used.',
  HK: 'Not a Party of its own: the Convention was extended to Hong Kong by the United Kingdom and continues to apply there under China since 1997; Hong Kong authorities issue the apostille.',
  MO: 'Not a Party of its own: the Convention was extended to Macao by Portugal and continues to apply there under China since 1999; Macao authorities issue the apostille.',
  RU: 'Russia is bound as the continuing State of the USSR.',
  TH: 'Pending: Thailand has acceded and the Convention enters into force for it on 2027-02-28 (single transcription of the HCCH table).',
};

const HAGUE_EXTENSION_OF: Readonly<Record<string, string>> = { HK: 'CN', MO: 'CN' };

const OBJECTION_NOTE =
  'At least one Contracting State objected to this accession (A** in the HCCH table); the research could not tell whether Russia did. Where Russia objected, the Convention does not apply between the two States and consular legalization is needed instead.';

// ---------------------------------------------------------------------------------------------------
// §7c. Minsk Convention of 1993 (art. 13: documents accepted without any legalization).

interface MinskFact {
  confidence: Confidence;
  note?: string;
  /** Ukraine: the date from which the Convention no longer applies with Russia. */
  notApplicableFrom?: string;
}

const MINSK: Readonly<Record<string, MinskFact>> = {
  AM: { confidence: 'high' },
  AZ: { confidence: 'high' },
  BY: { confidence: 'high' },
  GE: {
    confidence: 'medium',
    note: 'Georgia left the CIS in 2009, but the sources still list it as a Party to the Convention.',
  },
  KG: { confidence: 'high' },
  KZ: { confidence: 'high' },
  MD: {
    confidence: 'medium',
    note: 'Moldova has been leaving CIS agreements since 2023; a withdrawal from this Convention was not confirmed by the research (2026-11-21). Check before relying on it.',
  },
  TJ: { confidence: 'high' },
  TM: { confidence: 'high' },
  UA: { confidence: 'high', notApplicableFrom: '2022-12-23' },
  UZ: { confidence: 'high' },
};

const RU_MINSK_IN_FORCE = '1994-12-10';

// ---------------------------------------------------------------------------------------------------
// §3. EAEU members (Treaty on the EAEU art. 97: nationals work in other member States without a permit).

const EAEU: Readonly<Record<string, { from: string; confidence: Confidence; note: string }>> = {
  AM: {
    from: '2015-01-02',
    confidence: 'medium-high',
    note: 'Joined by the accession treaty of 2014-10-10, in force 2015-01-02.',
  },
  BY: {
    from: '2015-01-01',
    confidence: 'high',
    note: 'Founding member: the Treaty of 2014-05-29 entered into force 2015-01-01.',
  },
  KG: {
    from: '2015-08-12',
    confidence: 'medium-high',
    note: 'Joined by the accession treaty of 2014-12-23, in force 2015-08-12.',
  },
  KZ: {
    from: '2015-01-01',
    confidence: 'high',
    note: 'Founding member: the Treaty of 2014-05-29 entered into force 2015-01-01.',
  },
  RU: {
    from: '2015-01-01',
    confidence: 'high',
    note: 'Founding member: the Treaty of 2014-05-29 entered into force 2015-01-01.',
  },
};

// ---------------------------------------------------------------------------------------------------
// §7b. Bilateral legal-assistance treaties that exempt documents from any legalization (research:
// low-medium, list not verified treaty by treaty). Value: scope remark, or '' for none.

const LEGAL_ASSISTANCE: Readonly<Record<string, string>> = {
  AL: '',
  BA: '',
  BG: '',
  CN: ' Mainland China only.',
  CU: '',
  CZ: '',
  DZ: '',
  ES: ' Civil-status documents only.',
  GE: '',
  GR: '',
  HR: '',
  HU: '',
  KP: '',
  LT: '',
  LV: '',
  MK: '',
  MN: '',
  PA: '',
  PL: '',
  RO: '',
  SI: '',
  SK: '',
  TN: '',
  VN: '',
};

// ---------------------------------------------------------------------------------------------------
// Building blocks

const stayCap = (): Cite => ({
  source: '115-FZ',
  article: '5',
  paragraph: '1',
  evidence: URL.stayCap,
  note: 'Stays without a visa: at most 90 days in total per calendar year from 2025-01-01 (before: 90 days in any 180), unless a treaty provides otherwise.',
});

const visaRequiredBasis = (): Cite[] => [
  {
    source: '114-FZ',
    article: '24',
    evidence: URL.law114,
    note: 'Foreign nationals enter Russia on a visa unless a treaty or federal law provides otherwise; no visa-free regime is recorded for this country.',
  },
];

function visaRequiredRow(
  extra: { to?: string; from?: string; asOf?: string; confidence?: Confidence; note?: string } = {},
) {
  return {
    ...(extra.from ? { from: extra.from } : {}),
    ...(extra.to ? { to: extra.to } : {}),
    visaFree: false,
    purposes: [],
    workAllowed: false,
    confidence: extra.confidence ?? 'medium',
    asOf: extra.asOf ?? DATASET_AS_OF,
    verified: VERIFIED,
    basis: visaRequiredBasis(),
    ...(extra.note ? { note: extra.note } : {}),
  };
}

function datasetRow(code: string, days: number | null, regime: Regime, confidence: Confidence) {
  const works = regime === 'cis' || regime === 'eaeu';
  const basis: Cite[] = [
    {
      source: `bilateral-RU-${code}`,
      evidence: URL.dataset,
      note: `Visa-free entry as recorded in the Passport Index dataset (${DATASET_AS_OF}); the agreement text was not read.`,
    },
    stayCap(),
  ];
  if (regime === 'eaeu')
    basis.push({ source: 'EAEU-Treaty', article: '97', evidence: URL.eaeu, note: 'Work without a work permit.' });
  const general =
    regime === 'nonwork' ? NONWORK_NOTE : regime === 'cis' ? CIS_NOTE : regime === 'eaeu' ? EAEU_NOTE : undefined;
  const note = [VISA_ROW_NOTES[code], general].filter((n) => n !== undefined).join(' ');
  return {
    visaFree: true,
    ...(days !== null ? { maxStayDays: days } : {}),
    purposes: works ? ['any'] : ['tourism', 'private', 'business', 'transit'],
    workAllowed: works,
    confidence,
    asOf: DATASET_AS_OF,
    verified: VERIFIED,
    basis,
    ...(note ? { note } : {}),
  };
}

/** Visa regimes that changed after the dataset snapshot (§7a, table of rules). */
function specialVisaRows(code: string): object[] | undefined {
  switch (code) {
    case 'RU':
      return [
        {
          visaFree: true,
          purposes: ['any'],
          workAllowed: true,
          confidence: 'high',
          asOf: RESEARCH_AS_OF,
          verified: VERIFIED,
          basis: [
            {
              source: '114-FZ',
              evidence: URL.law114,
              note: 'Preamble: a Russian citizen may return to Russia freely.',
            },
          ],
          note: "Russia's own nationals.",
        },
      ];
    case 'CN':
      return [
        visaRequiredRow({
          to: '2025-11-30',
          note: 'Visa-free group tours under the Russia–China group-travel agreement (resumed 2023-08-01) are outside this row.',
        }),
        {
          from: '2025-12-01',
          to: '2026-09-14',
          visaFree: true,
          maxStayDays: 30,
          purposes: ['private', 'business', 'tourism', 'events', 'transit'],
          workAllowed: false,
          confidence: 'high',
          asOf: '2025-12-01',
          verified: VERIFIED,
          basis: [
            {
              source: 'Presidential-Decree-2025-12-01-CN',
              evidence: URL.cnDecree,
              note: 'Unilateral visa-free entry for PRC nationals on a reciprocal basis, for a fixed term.',
            },
            stayCap(),
          ],
          note: 'Up to 30 days for visits, business, tourism, events and transit; not for work, study, residence or international road haulage: an HQS still needs a work visa.',
        },
        visaRequiredRow({
          from: '2026-09-15',
          asOf: '2025-12-01',
          confidence: 'low',
          note: "The decree's term ended on 2026-09-14; an extension was not verified by the research (2026-11-21). Check before relying on this row.",
        }),
      ];
    case 'OM':
      return [
        visaRequiredRow({ to: '2025-07-17' }),
        {
          from: '2025-07-18',
          visaFree: true,
          maxStayDays: 30,
          purposes: ['tourism', 'private', 'business', 'transit'],
          workAllowed: false,
          confidence: 'medium',
          asOf: '2025-07-18',
          verified: VERIFIED,
          basis: [
            {
              source: 'bilateral-RU-OM',
              evidence: URL.om,
              note: 'Agreement on mutual visa waiver; the start date is from a regional Interior Ministry notice.',
            },
            stayCap(),
          ],
          note: 'Up to 30 days per visit and 90 days per calendar year; not for work, study or residence. The source gives an inconsistent signing date.',
        },
      ];
    case 'SA':
      return [
        visaRequiredRow({
          confidence: 'low-medium',
          note: 'A visa-waiver agreement signed on 2025-12-01 (up to 90 days per calendar year; not for work, study, residence or Hajj) enters into force 60 days after the last notification; it was not in force in February 2026 and its entry into force was not verified. Check before relying on this row.',
        }),
      ];
    default:
      return undefined;
  }
}

function visaRows(code: string): object[] {
  const special = specialVisaRows(code);
  if (special) return special;
  const d = VISA_FREE_DATASET.find(([c]) => c === code);
  return d ? [datasetRow(...d)] : [visaRequiredRow()];
}

function hagueFor(code: string) {
  const h = HAGUE.find(([c]) => c === code);
  if (!h) return undefined;
  const [, inForceFrom, objected, confidence] = h;
  const extensionOf = HAGUE_EXTENSION_OF[code];
  const basis: Cite[] = [
    {
      source: 'Hague-Apostille-Convention',
      article: '3',
      evidence: URL.hcch,
      note: 'The apostille is the only formality that may be required.',
    },
  ];
  if (objected)
    basis.push({
      source: 'Hague-Apostille-Convention',
      article: '12',
      evidence: URL.hcch,
      note: 'An accession has no effect between the acceding State and a State that objected to it.',
    });
  if (extensionOf)
    basis.push({
      source: 'Hague-Apostille-Convention',
      article: '13',
      evidence: URL.hcch,
      note: 'Extension to territories.',
    });
  const note = [HAGUE_NOTES[code], objected ? OBJECTION_NOTE : undefined].filter((n) => n !== undefined).join(' ');
  return {
    inForceFrom,
    objectionsPossible: objected,
    ...(extensionOf ? { extensionOf } : {}),
    confidence: code === 'RU' ? 'high' : confidence,
    asOf: HCCH_AS_OF,
    verified: VERIFIED,
    basis,
    ...(note ? { note } : {}),
  };
}

const minskBasis = (): Cite[] => [
  {
    source: 'Minsk-Convention',
    article: '13',
    evidence: URL.minsk,
    note: 'Documents issued or certified in one Party are accepted in the others without any certification.',
  },
];

function minskFor(code: string) {
  if (code === 'RU') {
    return {
      party: true,
      inForceFrom: RU_MINSK_IN_FORCE,
      confidence: 'high',
      verified: VERIFIED,
      basis: minskBasis(),
      note: 'The Kishinev Convention of 2002, which replaces this one between its parties, is not in force for Russia.',
    };
  }
  const m = MINSK[code];
  if (!m) return undefined;
  const partyBasis = (): Cite[] => [
    ...minskBasis(),
    { source: 'Minsk-Convention', evidence: URL.minskParties, note: 'List of Parties.' },
  ];
  const applies = (extra: { to?: string } = {}) => ({
    ...extra,
    applies: true,
    confidence: m.confidence,
    asOf: RESEARCH_AS_OF,
    verified: VERIFIED,
    basis: partyBasis(),
  });
  const rows: object[] = [];
  if (m.notApplicableFrom) {
    const to = new Date(`${m.notApplicableFrom}T00:00:00Z`);
    to.setUTCDate(to.getUTCDate() - 1);
    rows.push(applies({ to: to.toISOString().slice(0, 10) }));
    rows.push({
      from: m.notApplicableFrom,
      applies: false,
      confidence: m.confidence,
      asOf: RESEARCH_AS_OF,
      verified: VERIFIED,
      basis: [
        {
          source: 'UA-Law-2783-IX',
          evidence: URL.uaMinsk,
          note: 'Ukraine suspended the Convention with Russia and Belarus and withdrew from it and from its 1997 Protocol (law of 2022-12-01, in force 2022-12-23).',
        },
        { source: 'Minsk-Convention', article: '84', evidence: URL.minsk, note: 'Withdrawal.' },
      ],
      note: "Ukrainian documents are not treated as exempt from legalization in Russia. Russia's own practice towards them was not verified (medium).",
    });
  } else {
    rows.push(applies());
  }
  return {
    party: true,
    appliesToRussia: rows,
    confidence: m.confidence,
    verified: VERIFIED,
    basis: partyBasis(),
    ...(m.note ? { note: m.note } : {}),
  };
}

function eaeuFor(code: string) {
  const e = EAEU[code];
  if (!e) return undefined;
  return {
    memberFrom: e.from,
    confidence: e.confidence,
    asOf: RESEARCH_AS_OF,
    verified: VERIFIED,
    basis: [
      {
        source: 'EAEU-Treaty',
        article: '97',
        evidence: URL.eaeu,
        note: 'Nationals of member States work in the others without a work permit.',
      },
    ],
    note: e.note,
  };
}

function legalAssistanceFor(code: string) {
  const scope = LEGAL_ASSISTANCE[code];
  if (scope === undefined) return undefined;
  return {
    confidence: 'low-medium',
    verified: VERIFIED,
    basis: [
      {
        source: `legal-assistance-RU-${code}`,
        evidence: URL.legalAssistance,
        note: 'Bilateral treaty on legal assistance.',
      },
    ],
    note: `The research lists a Russian bilateral legal-assistance treaty with this State that exempts documents from legalization.${scope} Not verified treaty by treaty: the document may need neither an apostille nor consular legalization.`,
  };
}

// ---------------------------------------------------------------------------------------------------
// Names from i18n-iso-countries

interface IsoCountries {
  registerLocale(data: unknown): void;
  getAlpha2Codes(): Record<string, string>;
  getName(code: string, lang: string): string | undefined;
}

/** Codes the package carries that are not ISO 3166-1 (user-assigned). */
export const NON_ISO_CODES: ReadonlySet<string> = new Set(['XK']);

export function isoCountryNames(): { version: string; names: Map<string, { en: string; ru: string; zh: string }> } {
  const lib = require('i18n-iso-countries') as IsoCountries;
  for (const lang of ['en', 'ru', 'zh']) lib.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));
  const version = (require('i18n-iso-countries/package.json') as { version: string }).version;
  const names = new Map<string, { en: string; ru: string; zh: string }>();
  for (const code of Object.keys(lib.getAlpha2Codes()).sort()) {
    if (NON_ISO_CODES.has(code)) continue;
    const get = (lang: string): string => {
      const n = lib.getName(code, lang);
      if (!n) throw new Error(`i18n-iso-countries has no ${lang} name for ${code}`);
      return n;
    };
    names.set(code, { en: get('en'), ru: get('ru'), zh: get('zh') });
  }
  return { version, names };
}

// ---------------------------------------------------------------------------------------------------
// Assembly

export function buildCountriesYaml(): string {
  const { version, names } = isoCountryNames();
  if (names.size !== 249)
    throw new Error(`expected 249 ISO 3166-1 codes from i18n-iso-countries ${version}, got ${names.size}`);
  for (const [what, codes] of [
    ['visa dataset', VISA_FREE_DATASET.map(([c]) => c)],
    ['Hague', HAGUE.map(([c]) => c)],
    ['Minsk', Object.keys(MINSK)],
    ['EAEU', Object.keys(EAEU)],
    ['legal assistance', Object.keys(LEGAL_ASSISTANCE)],
  ] as const) {
    for (const c of codes)
      if (!names.has(c)) throw new Error(`${what} facts name ${c}, which is not an ISO 3166-1 code`);
  }
  const countries = [...names].map(([code, n]) => {
    const hague = hagueFor(code);
    const minsk = minskFor(code);
    const eaeu = eaeuFor(code);
    const treaty = legalAssistanceFor(code);
    return {
      code,
      ...(code === 'RU' ? { self: true } : {}),
      names: n,
      visaFreeEntry: visaRows(code),
      ...(eaeu ? { eaeu } : {}),
      ...(hague ? { hague } : {}),
      ...(minsk ? { minsk } : {}),
      ...(treaty ? { legalAssistanceTreaty: treaty } : {}),
    };
  });
  const file = {
    sources: [
      {
        id: 'i18n-iso-countries',
        covers: 'the list of codes and names.en, names.ru, names.zh',
        origin: 'https://github.com/michaelwittig/node-i18n-iso-countries',
        package: 'i18n-iso-countries',
        version,
        note: 'The primary (official) name of each locale. XK (Kosovo) is a user-assigned code in the package, not ISO 3166-1, and is left out.',
      },
      {
        id: 'passport-index-dataset',
        covers: 'visaFreeEntry rows with asOf 2025-01-12',
        origin: URL.dataset,
        file: 'passport-index-tidy-iso2.csv',
        commit: 'a46dbc872002e01f6465a69071a7ed5b6dc8fc7b',
        asOf: DATASET_AS_OF,
        note: 'Crowd-sourced (passportindex.org). Destination RU; rows giving a number of days or "visa free" are visa-free, "e-visa" and "visa required" count as visa required. Later changes are captured for China and Oman only (Saudi Arabia pending). Abkhazia, South Ossetia and holders of Latvian or Estonian non-citizen passports enter visa-free but have no ISO country code here.',
      },
      {
        id: 'hcch-apostille-status-table',
        covers: 'hague',
        origin: URL.hcch,
        asOf: HCCH_AS_OF,
        note: 'Read from a transcription of the HCCH status table (last update 2026-06-30, 130 Contracting Parties, copied 2026-07-23); the dates of the first 31 Parties and of several others were checked against the HCCH page of 2024-07-29. Which State objected to an A** accession was not available.',
      },
      {
        id: 'minsk-convention-parties',
        covers: 'minsk',
        origin: URL.minskParties,
        asOf: RESEARCH_AS_OF,
        note: 'Parties as listed by the Ukrainian Ministry of Justice (2006) and later legal-services pages; entry-into-force dates of the other Parties were not recorded.',
      },
      {
        id: 'hqs-desk-research',
        covers: 'every legal fact (visaFreeEntry, eaeu, hague, minsk, legalAssistanceTreaty)',
        file: 'shared/law/legal-facts.md (sections 3, 7a, 7b, 7c)',
        asOf: RESEARCH_AS_OF,
        note: 'The research base of HQS Desk; each fact cites the act and the page the research relied on.',
      },
    ],
    consularLegalization: {
      confidence: 'high',
      verified: VERIFIED,
      basis: [
        {
          source: '154-FZ',
          article: '27',
          paragraph: '2',
          evidence: URL.consular,
          note: 'A Russian consular officer legalizes foreign official documents meant for use in Russia unless a treaty provides otherwise.',
        },
      ],
      note: 'No treaty exempting the document applies on this date: the document is legalized by the Russian consulate in the issuing State.',
    },
    domesticDocuments: {
      confidence: 'high',
      verified: VERIFIED,
      basis: [
        {
          source: '154-FZ',
          article: '27',
          paragraph: '2',
          evidence: URL.consular,
          note: 'Legalization concerns foreign official documents only.',
        },
      ],
      note: 'A document issued in Russia is not a foreign document and needs no legalization for use in Russia.',
    },
    countries,
  };
  const doc = new Document(file);
  // Short collections on one line: names: { en, ru, zh }, purposes: [ … ].
  visit(doc, {
    Pair(_, pair) {
      if (
        isScalar(pair.key) &&
        (pair.key.value === 'names' || pair.key.value === 'purposes') &&
        isCollection(pair.value)
      ) {
        pair.value.flow = true;
      }
    },
  });
  doc.commentBefore =
    ' GENERATED by scripts/gen-countries.ts from i18n-iso-countries and the facts in that script; do not edit by hand.\n' +
    ' Regenerate: node bin/run-ts.js scripts/gen-countries.ts (the tests fail when this file is stale).';
  return doc.toString({ lineWidth: 0 });
}

function main(): void {
  const text = buildCountriesYaml();
  parseCountriesFile(text, 'law/countries.yaml'); // throws, listing every problem, if the facts are inconsistent
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(OUT, 'utf8');
    } catch {
      current = '';
    }
    if (current !== text) {
      console.error('law/countries.yaml is stale: run node bin/run-ts.js scripts/gen-countries.ts');
      process.exit(1);
    }
    console.log('law/countries.yaml is up to date');
    return;
  }
  writeFileSync(OUT, text);
  console.log(`wrote law/countries.yaml (${text.split('\n').length} lines)`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
