// A deterministic generator of realistic `hqs-case/1` cases for the benchmark (and for tests that want
// volume): one principal with 0–4 family members, a realistic mix of citizenships, employer kinds and
// occupations, salaries around and below the law's thresholds, and 1–3 years of dated events (permit,
// invitations and visas for those who need them, crossings and registrations per person, quarterly salary
// and notifications, some residence permits, the odd termination), cut at a horizon date.
//
// Determinism: a seeded PRNG (sfc32), never Math.random. Case i depends only on (seed, i), so the first
// 500 cases of a 100,000-case run are the same 500 cases a test generates.
//
// Realism comes from the law data, not from numbers written here: who needs a visa to come to work and
// who belongs to the EAEU is read from the country table, and salaries are placed relative to the lowest
// salary threshold the law gives the case's category on the contract start date.
import type { Law } from '../src/law/index.ts';
import type { CategoryFacts } from '../src/law/index.ts';
import {
  addMonths,
  addYears,
  dayOfWeekOfDayNumber,
  fromDayNumber,
  quarterBounds,
  quarterOf,
  toDayNumber,
  type IsoDate,
} from '../src/calendar/date.ts';
import { innWithCheckDigits } from '../src/case/inn.ts';
import type {
  Case,
  CaseDocument,
  CaseEvent,
  CaseEventOf,
  Contract,
  Employer,
  EmployerKind,
  Occupation,
  Passport,
  Person,
  SezType,
} from '../src/case/index.ts';

// ——— PRNG ———

/** sfc32 (Chris Doty-Humphrey's Small Fast Chaotic PRNG): 32-bit state words, period ≥ 2^32. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    // Seed the four words through splitmix32 so that nearby seeds give unrelated streams.
    let s = (seed ^ Math.imul(stream, 0x9e3779b9)) >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One item of `[item, weight][]`, with probability proportional to its weight. */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.next() * total;
    for (const [item, w] of table) {
      r -= w;
      if (r < 0) return item;
    }
    return (table[table.length - 1] as readonly [T, number])[0];
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }

  letters(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(65 + this.int(0, 25));
    return s;
  }
}

// ——— Vocabularies and mixes ———

/** Citizenships of principals, weighted roughly as HQS permits are issued. */
export const CITIZENSHIP_MIX: readonly (readonly [string, number])[] = [
  ['CN', 20],
  ['IN', 11],
  ['TR', 10],
  ['UZ', 8],
  ['KZ', 7],
  ['DE', 6],
  ['RS', 5],
  ['BY', 4],
  ['US', 4],
  ['EG', 4],
  ['VN', 3],
  ['KG', 3],
  ['BR', 3],
  ['TJ', 2],
  ['AM', 2],
  ['KR', 2],
  ['IT', 2],
  ['FR', 2],
  ['GB', 1],
  ['IR', 2],
];

interface NameBank {
  male: readonly string[];
  female: readonly string[];
  family: readonly string[];
  /** Passport number: a prefix of letters (or none) and a number of digits. */
  passport: readonly [string, number];
}

const BANKS: Record<string, NameBank> = {
  CN: {
    male: ['WEI', 'JUN', 'HAO', 'LEI', 'MING', 'QIANG', 'YONG', 'TAO'],
    female: ['NA', 'FANG', 'LI', 'JING', 'XIU', 'YAN', 'MEI', 'LING'],
    family: ['CHEN', 'WANG', 'LI', 'ZHANG', 'LIU', 'YANG', 'HUANG', 'ZHAO', 'WU', 'ZHOU'],
    passport: ['E', 8],
  },
  IN: {
    male: ['RAHUL', 'AMIT', 'VIKRAM', 'ARJUN', 'SANJAY', 'RAVI', 'KIRAN'],
    female: ['PRIYA', 'ANANYA', 'DEEPA', 'KAVYA', 'NEHA', 'LAKSHMI'],
    family: ['SHARMA', 'PATEL', 'IYER', 'REDDY', 'GUPTA', 'NAIR', 'SINGH', 'RAO'],
    passport: ['Z', 7],
  },
  TR: {
    male: ['MEHMET', 'AHMET', 'MUSTAFA', 'EMRE', 'BURAK', 'KEREM'],
    female: ['AYSE', 'ELIF', 'ZEYNEP', 'MERVE', 'SELIN', 'ESRA'],
    family: ['YILMAZ', 'KAYA', 'DEMIR', 'CELIK', 'SAHIN', 'OZTURK', 'AYDIN'],
    passport: ['U', 8],
  },
  UZ: {
    male: ['BOBUR', 'JAMSHID', 'SARDOR', 'OTABEK', 'RUSTAM', 'AZIZ'],
    female: ['DILNOZA', 'MADINA', 'NODIRA', 'SEVARA', 'GULNORA'],
    family: ['KARIMOV', 'RAKHIMOV', 'YUSUPOV', 'TASHKENTOV', 'ALIEV', 'NAZAROV'],
    passport: ['FA', 7],
  },
  KZ: {
    male: ['NURLAN', 'ASKAR', 'DAULET', 'YERLAN', 'TIMUR', 'ARMAN'],
    female: ['AIGERIM', 'DANA', 'ASEL', 'ZHANAR', 'KAMILA'],
    family: ['ABENOV', 'NURPEISOV', 'SULEIMENOV', 'ZHANUZAKOV', 'OMAROV', 'ISKAKOV'],
    passport: ['N', 8],
  },
  DE: {
    male: ['THOMAS', 'MICHAEL', 'STEFAN', 'ANDREAS', 'JONAS', 'LUKAS', 'FELIX'],
    female: ['ANNA', 'JULIA', 'KATHARINA', 'LAURA', 'SARAH', 'EMMA'],
    family: ['MUELLER', 'SCHMIDT', 'SCHNEIDER', 'FISCHER', 'WEBER', 'WAGNER', 'BECKER'],
    passport: ['C', 8],
  },
  RS: {
    male: ['NIKOLA', 'MARKO', 'STEFAN', 'MILOS', 'DUSAN', 'LAZAR'],
    female: ['JELENA', 'MILICA', 'ANA', 'IVANA', 'TIJANA'],
    family: ['JOVANOVIC', 'PETROVIC', 'NIKOLIC', 'MARKOVIC', 'DJORDJEVIC', 'STOJANOVIC'],
    passport: ['', 9],
  },
  BY: {
    male: ['ALIAKSANDR', 'SIARHEI', 'ANDREI', 'DZMITRY', 'PAVEL'],
    female: ['VOLHA', 'TATSIANA', 'HANNA', 'NATALLIA', 'ALENA'],
    family: ['KAVALIOU', 'NOVIK', 'MELNIK', 'SHEVCHUK', 'LUKASHEVICH'],
    passport: ['MP', 7],
  },
  US: {
    male: ['JOHN', 'MICHAEL', 'DAVID', 'JAMES', 'ROBERT', 'DANIEL'],
    female: ['JENNIFER', 'EMILY', 'SARAH', 'JESSICA', 'ASHLEY'],
    family: ['SMITH', 'JOHNSON', 'WILLIAMS', 'BROWN', 'MILLER', 'DAVIS'],
    passport: ['', 9],
  },
  EG: {
    male: ['AHMED', 'MOHAMED', 'OMAR', 'KHALED', 'YOUSSEF', 'HASSAN'],
    female: ['FATMA', 'NOUR', 'MARIAM', 'SARA', 'HANA', 'AYA'],
    family: ['HASSAN', 'IBRAHIM', 'MAHMOUD', 'MOSTAFA', 'ABDELRAHMAN', 'SAYED'],
    passport: ['A', 8],
  },
  VN: {
    male: ['MINH', 'HUNG', 'DUC', 'TUAN', 'QUANG', 'HIEU'],
    female: ['LAN', 'HOA', 'MAI', 'THAO', 'LINH', 'NGOC'],
    family: ['NGUYEN', 'TRAN', 'LE', 'PHAM', 'HOANG', 'VU'],
    passport: ['C', 7],
  },
  KG: {
    male: ['AZAMAT', 'BAKYT', 'ERMEK', 'TALANT', 'NURBEK'],
    female: ['AIZADA', 'GULZAT', 'NURGUL', 'CHOLPON', 'AIDAI'],
    family: ['ASANOV', 'BEKMURZAEV', 'TOKTOGULOV', 'SADYKOV', 'OSMONOV'],
    passport: ['AC', 7],
  },
  BR: {
    male: ['JOAO', 'PEDRO', 'LUCAS', 'GABRIEL', 'RAFAEL', 'MATEUS'],
    female: ['MARIA', 'ANA', 'BEATRIZ', 'JULIANA', 'LARISSA'],
    family: ['SILVA', 'SANTOS', 'OLIVEIRA', 'SOUZA', 'PEREIRA', 'COSTA'],
    passport: ['FZ', 6],
  },
  TJ: {
    male: ['FIRDAVS', 'SHOHRUKH', 'DILSHOD', 'KOMRON', 'FARRUKH'],
    female: ['MANIZHA', 'ZARINA', 'NIGINA', 'SHAHLO', 'TAHMINA'],
    family: ['RAHMONOV', 'SAIDOV', 'KARIMOV', 'SHARIPOV', 'NABIEV'],
    passport: ['', 9],
  },
  AM: {
    male: ['ARMEN', 'DAVIT', 'GOR', 'ARAM', 'TIGRAN', 'NAREK'],
    female: ['ANI', 'LUSINE', 'MARIAM', 'NARINE', 'ARMINE'],
    family: ['HOVHANNISYAN', 'GRIGORYAN', 'SARGSYAN', 'KHACHATRYAN', 'PETROSYAN'],
    passport: ['AT', 7],
  },
  KR: {
    male: ['MINJUN', 'SEOJUN', 'JIHOON', 'DONGHYUN', 'SUNGMIN'],
    female: ['SEOYEON', 'JIWOO', 'HAEUN', 'MINJI', 'YUNA'],
    family: ['KIM', 'LEE', 'PARK', 'CHOI', 'JUNG', 'KANG'],
    passport: ['M', 8],
  },
  IT: {
    male: ['MARCO', 'LUCA', 'GIUSEPPE', 'ALESSANDRO', 'MATTEO'],
    female: ['GIULIA', 'FRANCESCA', 'CHIARA', 'SARA', 'MARTINA'],
    family: ['ROSSI', 'RUSSO', 'FERRARI', 'ESPOSITO', 'BIANCHI', 'ROMANO'],
    passport: ['YA', 7],
  },
  FR: {
    male: ['PIERRE', 'NICOLAS', 'JULIEN', 'THOMAS', 'ANTOINE'],
    female: ['MARIE', 'CAMILLE', 'CLAIRE', 'LEA', 'MANON'],
    family: ['MARTIN', 'BERNARD', 'DUBOIS', 'THOMAS', 'ROBERT', 'PETIT'],
    passport: ['', 2],
  },
  GB: {
    male: ['OLIVER', 'GEORGE', 'HARRY', 'JACK', 'WILLIAM'],
    female: ['OLIVIA', 'AMELIA', 'ISLA', 'EMILY', 'SOPHIE'],
    family: ['SMITH', 'JONES', 'TAYLOR', 'BROWN', 'WILSON', 'EVANS'],
    passport: ['', 9],
  },
  IR: {
    male: ['ALI', 'REZA', 'MOHAMMAD', 'HOSSEIN', 'AMIR', 'MEHDI'],
    female: ['ZAHRA', 'FATEMEH', 'MARYAM', 'NEGAR', 'SARA'],
    family: ['HOSSEINI', 'AHMADI', 'MOHAMMADI', 'KARIMI', 'RAHIMI', 'MOUSAVI'],
    passport: ['K', 8],
  },
};

const FALLBACK_BANK = BANKS['US'] as NameBank;

/** Latin → Cyrillic, the rough way a Russian clerk spells a foreign name (longest match first). */
const TRANSLIT: readonly (readonly [string, string])[] = [
  ['SHCH', 'Щ'],
  ['ZH', 'Ж'],
  ['KH', 'Х'],
  ['TS', 'Ц'],
  ['CH', 'Ч'],
  ['SH', 'Ш'],
  ['YA', 'Я'],
  ['YU', 'Ю'],
  ['YE', 'Е'],
  ['YO', 'Ё'],
  ['A', 'А'],
  ['B', 'Б'],
  ['C', 'К'],
  ['D', 'Д'],
  ['E', 'Е'],
  ['F', 'Ф'],
  ['G', 'Г'],
  ['H', 'Х'],
  ['I', 'И'],
  ['J', 'Дж'],
  ['K', 'К'],
  ['L', 'Л'],
  ['M', 'М'],
  ['N', 'Н'],
  ['O', 'О'],
  ['P', 'П'],
  ['Q', 'К'],
  ['R', 'Р'],
  ['S', 'С'],
  ['T', 'Т'],
  ['U', 'У'],
  ['V', 'В'],
  ['W', 'В'],
  ['X', 'Кс'],
  ['Y', 'Й'],
  ['Z', 'З'],
];

function cyrillic(latin: string): string {
  return latin
    .split(' ')
    .map((word) => {
      let out = '';
      for (let i = 0; i < word.length;) {
        const hit = TRANSLIT.find(([l]) => word.startsWith(l, i));
        if (hit === undefined) {
          out += word[i];
          i += 1;
        } else {
          out += hit[1];
          i += hit[0].length;
        }
      }
      return out.charAt(0) + out.slice(1).toLowerCase();
    })
    .join(' ');
}

const EMPLOYER_KIND_MIX: readonly (readonly [EmployerKind, number])[] = [
  ['commercial', 52],
  ['it-accredited', 12],
  ['science-education', 10],
  ['foreign-branch', 7],
  ['skolkovo', 5],
  ['special-economic-zone', 5],
  ['healthcare', 6],
  ['other', 3],
];

const SEZ_MIX: readonly (readonly [SezType, number])[] = [
  ['technology-innovation', 5],
  ['industrial-production', 4],
  ['tourist-recreational', 1],
  ['port', 1],
];

const OCCUPATIONS_BY_KIND: Record<EmployerKind, readonly (readonly [Occupation, number])[]> = {
  commercial: [
    ['general', 70],
    ['it', 20],
    ['other', 10],
  ],
  'it-accredited': [
    ['it', 85],
    ['general', 15],
  ],
  'science-education': [
    ['scientist', 50],
    ['teacher', 40],
    ['general', 10],
  ],
  'foreign-branch': [
    ['general', 85],
    ['it', 10],
    ['other', 5],
  ],
  skolkovo: [
    ['it', 50],
    ['scientist', 25],
    ['general', 25],
  ],
  'special-economic-zone': [
    ['general', 70],
    ['it', 20],
    ['scientist', 10],
  ],
  healthcare: [
    ['medical', 80],
    ['general', 10],
    ['scientist', 10],
  ],
  other: [
    ['general', 60],
    ['other', 40],
  ],
};

const POSITIONS: Record<Occupation, readonly string[]> = {
  general: [
    'General director',
    'Chief engineer',
    'Project manager',
    'Financial director',
    'Production manager',
    'Commercial director',
  ],
  it: [
    'Senior software engineer',
    'Data engineer',
    'Solution architect',
    'DevOps engineer',
    'Machine learning engineer',
  ],
  scientist: ['Leading researcher', 'Senior research fellow', 'Head of laboratory', 'Research chemist'],
  teacher: ['Professor', 'Associate professor', 'Visiting lecturer', 'Language teacher'],
  medical: ['Cardiac surgeon', 'Oncologist', 'Head of department', 'Anaesthesiologist'],
  other: ['Chef', 'Sports coach', 'Choreographer', 'Quality auditor'],
};

const EMPLOYER_NAMES = [
  'ООО «Вектор»',
  'АО «Северсталь Инжиниринг»',
  'ООО «Техностиль»',
  'ООО «Балтийские цифровые системы»',
  'АО «Нордфарм Рус»',
  'ООО «Уральские машины»',
  'ФГБУН «Институт прикладной физики»',
  'ООО «Восток Логистик»',
  'ООО «Медицинский центр Здоровье»',
  'АО «Камская сталь»',
  'ООО «Инфосфера»',
  'ООО «Сибирский текстиль»',
  'ФГАОУ ВО «Университет науки и технологий»',
  'ООО «Азия Трейд Рус»',
  'ООО «Волга Химпром»',
];

/** Regions of the work, weighted as HQS work is concentrated; RU-MOW with RU-MOS is a common pair. */
const REGION_MIX: readonly (readonly [readonly string[], number])[] = [
  [['RU-MOW'], 42],
  [['RU-MOW', 'RU-MOS'], 6],
  [['RU-SPE'], 14],
  [['RU-MOS'], 8],
  [['RU-TA'], 4],
  [['RU-SVE'], 4],
  [['RU-NVS'], 3],
  [['RU-KDA'], 3],
  [['RU-NIZ'], 3],
  [['RU-SAM'], 2],
  [['RU-PRI'], 3],
  [['RU-KGD'], 2],
  [['RU-LEN'], 2],
  [['RU-BA'], 2],
  [['RU-CR'], 1],
  [['RU-SEV'], 1],
];

/** Region code → two digits of INN region (for realistic INNs). */
const INN_REGION: Record<string, string> = {
  'RU-MOW': '77',
  'RU-SPE': '78',
  'RU-MOS': '50',
  'RU-TA': '16',
  'RU-SVE': '66',
  'RU-NVS': '54',
  'RU-KDA': '23',
  'RU-NIZ': '52',
  'RU-SAM': '63',
  'RU-PRI': '25',
  'RU-KGD': '39',
  'RU-LEN': '47',
  'RU-BA': '02',
  'RU-CR': '91',
  'RU-SEV': '92',
};

const BORDER_POINTS = [
  'Sheremetyevo airport (SVO)',
  'Vnukovo airport (VKO)',
  'Domodedovo airport (DME)',
  'Pulkovo airport (LED)',
  'Kazan airport (KZN)',
];

// ——— Dates as day numbers ———

type Day = number;

function iso(d: Day): IsoDate {
  return fromDayNumber(d);
}

function day(d: string): Day {
  return toDayNumber(d as IsoDate);
}

/** The first Monday–Friday on or after `d` (offices file and issue on weekdays). */
function weekday(d: Day): Day {
  const w = dayOfWeekOfDayNumber(d);
  return w === 6 ? d + 2 : w === 7 ? d + 1 : d;
}

function plusYears(d: Day, years: number): Day {
  return day(addYears(iso(d), years));
}

function plusMonths(d: Day, months: number): Day {
  return day(addMonths(iso(d), months));
}

// ——— Options ———

export interface GenerateOptions {
  /** The law: its country table decides visas and EAEU membership, its thresholds place the salaries. */
  law: Pick<Law, 'countries' | 'applicableThresholds'>;
  /** PRNG seed (default 20261121). */
  seed?: number;
  /** No event is dated after this day (default 2026-11-21): the cases look as they would on that day. */
  horizon?: IsoDate;
}

export const DEFAULT_SEED = 20261121;
export const DEFAULT_HORIZON = '2026-11-21' as IsoDate;

const CONTRACT_START_FROM = day('2023-01-09');
const CONTRACT_START_TO = day('2026-12-31');

// ——— Building one case ———

interface PersonPlan {
  person: Person;
  /** Needs an invitation and a visa to come to Russia (no visa-free entry that allows this stay). */
  needsVisa: boolean;
  /** Comes from abroad (else already in Russia when the case begins). */
  abroad: boolean;
}

class CaseBuilder {
  readonly events: CaseEvent[] = [];
  private readonly horizon: Day;

  constructor(
    readonly rng: Rng,
    horizon: Day,
  ) {
    this.horizon = horizon;
  }

  /** Adds an event when its date is on or before the horizon; returns whether it was added. */
  add(on: Day, event: DistributiveOmit<CaseEvent, 'on'>): boolean {
    if (on > this.horizon) return false;
    this.events.push({ on: iso(on), ...event } as CaseEvent);
    return true;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function nameOf(rng: Rng, bank: NameBank, sex: 'M' | 'F', family: string, withCyrillic: boolean): Person['name'] {
  const given = rng.pick(sex === 'M' ? bank.male : bank.female);
  const latin = `${given} ${family}`;
  return withCyrillic ? { latin, cyrillic: cyrillic(latin) } : { latin };
}

function passportNumber(rng: Rng, bank: NameBank): string {
  const [prefix, digits] = bank.passport;
  if (digits <= 2) return `${rng.digits(2)}${rng.letters(2)}${rng.digits(5)}`; // French style 12AB34567
  return `${prefix}${rng.digits(digits)}`;
}

/** A passport issued before `before` (and not before the holder's birth), valid 10 years (5 for minors). */
function passportFor(rng: Rng, bank: NameBank, country: string, birth: Day, before: Day): Passport {
  // A minor's passport is valid 5 years: issued within the last 4, so that most are still valid.
  const window = before - birth < 22 * 365 ? 4 * 365 : 9 * 365;
  const earliest = Math.max(birth + 30, before - window);
  const issued = rng.int(Math.min(earliest, before - 30), before - 30);
  const minor = issued - birth < 18 * 365;
  const expires = plusYears(issued, minor ? 5 : 10) - 1;
  return { number: passportNumber(rng, bank), country, issued: iso(issued), expires: iso(expires) };
}

function employerOf(rng: Rng, regions: readonly string[], start: Day): Employer {
  const kind = rng.weighted(EMPLOYER_KIND_MIX);
  const region = regions[0] ?? 'RU-MOW';
  const inn = innWithCheckDigits(`${INN_REGION[region] ?? '77'}${rng.digits(7)}`);
  const employer: Employer = { name: rng.pick(EMPLOYER_NAMES), inn, kind, region };
  if (kind === 'special-economic-zone') employer.sezType = rng.weighted(SEZ_MIX);
  if (kind === 'healthcare' && rng.chance(0.2)) employer.internationalMedicalCluster = true;
  if (region === 'RU-KDA' && rng.chance(0.25)) employer.siriusPriorityArea = true;
  // Most sponsors registered years ago; some register with this case; some never did (a finding).
  const registered = rng.weighted<'long-ago' | 'for-this-case' | 'never'>([
    ['long-ago', 70],
    ['for-this-case', 20],
    ['never', 10],
  ]);
  if (registered === 'long-ago') employer.hqsRegistered = iso(start - rng.int(400, 3000));
  else if (registered === 'for-this-case') employer.hqsRegistered = iso(weekday(start - rng.int(90, 150)));
  employer.illegalHiringPenaltyWithin2Years = rng.chance(0.02);
  if (rng.chance(0.3)) employer.belowThresholdPenaltyWithin2Years = rng.chance(0.03);
  return employer;
}

/**
 * The lowest monthly-equivalent threshold the law sets for this category on `on` (undefined when every
 * matching category sets none): salaries are placed around it.
 */
function referenceMonthly(law: GenerateOptions['law'], facts: CategoryFacts, on: IsoDate): number | undefined {
  let lowest: number | undefined;
  for (const { value } of law.applicableThresholds(facts, on)) {
    if (value.value === null) return undefined;
    const perMonth =
      value.period === 'calendar-quarter' ? value.value / 3 : value.period === 'year' ? value.value / 12 : value.value;
    if (lowest === undefined || perMonth < lowest) lowest = perMonth;
  }
  return lowest;
}

function salaryOf(rng: Rng, reference: number | undefined): { monthly: number; salary: Contract['salary'] } {
  const base = reference ?? rng.int(120, 400) * 1000;
  const factor = rng.weighted<[number, number]>([
    [[0.55, 0.99], 14], // below the threshold
    [[1.0, 1.15], 26], // just at or above it
    [[1.15, 3.2], 60], // comfortably above
  ]);
  const monthly = Math.round((base * (factor[0] + rng.next() * (factor[1] - factor[0]))) / 1000) * 1000;
  const per = rng.weighted<'month' | 'quarter' | 'year'>([
    ['month', 70],
    ['quarter', 12],
    ['year', 18],
  ]);
  const amount = per === 'month' ? monthly : per === 'quarter' ? monthly * 3 : monthly * 12;
  return { monthly, salary: { amount, per } };
}

/** Visa rule for one person: no citizenship lets them come to work (or join a worker) without a visa. */
function needsVisa(law: GenerateOptions['law'], citizenships: readonly string[], on: IsoDate): boolean {
  return !citizenships.some((c) => law.countries.visaRequired(c, on).workAllowedVisaFree);
}

function isEaeu(law: GenerateOptions['law'], citizenships: readonly string[], on: IsoDate): boolean {
  return citizenships.some((c) => law.countries.isEaeu(c, on));
}

function familyOf(
  rng: Rng,
  principal: Person,
  principalBirth: Day,
  start: Day,
  bank: NameBank,
  familyName: string,
  withCyrillic: boolean,
): Person[] {
  const size = rng.weighted<number>([
    [0, 34],
    [1, 20],
    [2, 21],
    [3, 15],
    [4, 10],
  ]);
  const members: Person[] = [];
  const citizenship = principal.citizenships[0] as string;
  const id = (): string => `p${members.length + 2}`;
  const principalSex = principal.sex ?? 'M';
  let spouseCitizenship: string | undefined;
  // Latest birth of anyone who takes part in events: before the permit is even filed.
  const latestBirth = start - 200;

  if (size >= 1 && rng.chance(0.8)) {
    spouseCitizenship = rng.chance(0.85) ? citizenship : rng.weighted(CITIZENSHIP_MIX);
    const sex = principalSex === 'M' ? 'F' : 'M';
    const birth = Math.min(principalBirth + rng.int(-8 * 365, 8 * 365), start - 20 * 365);
    const spouseBank = BANKS[spouseCitizenship] ?? bank;
    members.push({
      id: id(),
      role: 'family',
      relation: 'spouse',
      name: nameOf(
        rng,
        spouseBank,
        sex,
        spouseCitizenship === citizenship ? familyName : rng.pick(spouseBank.family),
        withCyrillic,
      ),
      sex,
      birthDate: iso(birth),
      citizenships: [spouseCitizenship],
    });
  }
  const withParent = size >= 2 && rng.chance(0.15);
  const children = size - members.length - (withParent ? 1 : 0);
  for (let i = 0; i < children; i++) {
    const earliest = principalBirth + 20 * 365;
    if (earliest > latestBirth) break;
    // Mostly minors; sometimes an adult child (some of them incapacitated).
    const adult = rng.chance(0.1) && start - 19 * 365 > earliest;
    const birth = adult
      ? rng.int(earliest, start - 19 * 365)
      : rng.int(Math.max(earliest, start - 17 * 365), latestBirth);
    const sex = rng.chance(0.5) ? 'M' : 'F';
    const citizenships =
      spouseCitizenship !== undefined && spouseCitizenship !== citizenship && rng.chance(0.5)
        ? [citizenship, spouseCitizenship]
        : [citizenship];
    const child: Person = {
      id: id(),
      role: 'family',
      relation: 'child',
      name: nameOf(rng, bank, sex, familyName, withCyrillic),
      sex,
      birthDate: iso(birth),
      citizenships,
    };
    if (rng.chance(0.05)) child.adopted = true;
    if (adult && rng.chance(0.3)) child.incapacitated = true;
    members.push(child);
  }
  if (withParent) {
    const sex = rng.chance(0.5) ? 'M' : 'F';
    const birth = Math.max(principalBirth - rng.int(20 * 365, 38 * 365), start - 92 * 365);
    members.push({
      id: id(),
      role: 'family',
      relation: 'parent',
      name: nameOf(rng, bank, sex, familyName, withCyrillic),
      sex,
      birthDate: iso(birth),
      citizenships: [citizenship],
    });
  }
  return members;
}

/** A quarter id → its first and last day numbers. */
function quarterDays(q: string): [Day, Day] {
  const b = quarterBounds(q);
  return [day(b.from), day(b.to)];
}

function nextQuarter(q: string): string {
  const y = Number(q.slice(0, 4));
  const n = Number(q.slice(6));
  return n === 4 ? `${y + 1}-Q1` : `${y}-Q${n + 1}`;
}

/**
 * Builds case number `index` of the stream `seed`. Pure: the same arguments give the same case.
 */
export function generateCase(index: number, opts: GenerateOptions): Case {
  const seed = opts.seed ?? DEFAULT_SEED;
  const horizon = day(opts.horizon ?? DEFAULT_HORIZON);
  const rng = new Rng(seed, index + 1);
  const law = opts.law;
  const b = new CaseBuilder(rng, horizon);

  // ——— Contract dates and the engagement ———
  const start = weekday(rng.int(CONTRACT_START_FROM, CONTRACT_START_TO));
  const termYears = rng.weighted<number>([
    [1, 20],
    [2, 25],
    [3, 55],
  ]);
  const end = plusYears(start, termYears) - 1;
  const regions = rng.weighted(REGION_MIX);
  const employer = employerOf(rng, regions, start);
  const occupation = rng.weighted(OCCUPATIONS_BY_KIND[employer.kind]);
  const facts: CategoryFacts = {
    employerKind: employer.kind,
    occupation,
    regions,
    ...(employer.sezType !== undefined ? { sezType: employer.sezType } : {}),
    ...(employer.internationalMedicalCluster === true ? { internationalMedicalCluster: true } : {}),
    ...(employer.siriusPriorityArea === true ? { siriusPriorityArea: true } : {}),
  };
  const { monthly, salary } = salaryOf(rng, referenceMonthly(law, facts, iso(start)));
  const contract: Contract = {
    kind: rng.chance(0.88) ? 'employment' : 'civil',
    position: rng.pick(POSITIONS[occupation]),
    occupation,
    salary,
    start: iso(start),
    end: iso(end),
    regions: [...regions],
  };
  if (rng.chance(0.01)) contract.currency = rng.pick(['USD', 'EUR', 'CNY']);

  // ——— People ———
  const citizenship = rng.weighted(CITIZENSHIP_MIX);
  const bank = BANKS[citizenship] ?? FALLBACK_BANK;
  const familyName = rng.pick(bank.family);
  const withCyrillic = rng.chance(0.6);
  const sex = rng.chance(0.78) ? 'M' : 'F';
  const principalBirth = start - rng.int(24 * 365, 62 * 365);
  const principal: Person = {
    id: 'p1',
    role: 'principal',
    name: nameOf(rng, bank, sex, familyName, withCyrillic),
    sex,
    birthDate: iso(principalBirth),
    citizenships: rng.chance(0.03)
      ? [citizenship, rng.weighted(CITIZENSHIP_MIX)].filter((c, i, a) => a.indexOf(c) === i)
      : [citizenship],
  };
  if (rng.chance(0.5)) principal.email = `${familyName.toLowerCase()}${rng.digits(3)}@example.com`;
  if (rng.chance(0.1)) {
    principal.history = {
      priorRefusal: rng.chance(0.3),
      overstay: rng.chance(0.2),
      entryBan: rng.chance(0.05),
      deported: rng.chance(0.03),
    };
  }
  const people: Person[] = [
    principal,
    ...familyOf(rng, principal, principalBirth, start, bank, familyName, withCyrillic),
  ];
  const eaeu = isEaeu(law, principal.citizenships, iso(start));

  // Passports, issued before the permit is filed.
  for (const p of people) {
    const country = p.citizenships[0] as string;
    p.passports = [passportFor(rng, BANKS[country] ?? bank, country, day(p.birthDate), start - 100)];
    if (rng.chance(0.04)) p.residenceCountry = rng.pick(['AE', 'TR', 'DE', 'KZ', 'AM', 'RS']);
  }

  const plans: PersonPlan[] = people.map((p) => {
    const visa = needsVisa(law, p.citizenships, iso(start));
    const abroad = visa ? rng.chance(0.93) : rng.chance(0.6);
    p.startsFrom = abroad ? 'abroad' : 'in-russia';
    return { person: p, needsVisa: visa, abroad };
  });
  const principalPlan = plans[0] as PersonPlan;

  // ——— Timeline ———
  const spanYears = rng.int(1, 3);
  const spanEnd = Math.min(plusYears(start, spanYears), horizon);
  const terminated = rng.chance(0.06)
    ? rng.int(start + 60, Math.max(start + 61, plusYears(start, spanYears) - 30))
    : undefined;
  const activeUntil = Math.min(spanEnd, terminated ?? Infinity);

  const signed = weekday(start - rng.int(40, 75));
  b.add(signed, { type: 'contract-signed' });
  const notifiedLate = rng.chance(0.05);
  const concluded = weekday(
    eaeu ? start + rng.int(0, notifiedLate ? 12 : 2) : signed + rng.int(1, notifiedLate ? 15 : 3),
  );
  if (rng.chance(0.97)) b.add(concluded, { type: 'notification-filed', kind: 'contract-concluded' });
  if (employer.hqsRegistered !== undefined && rng.chance(0.2))
    b.add(day(employer.hqsRegistered), { type: 'employer-registered' });

  let permitUntil: Day | undefined;
  let permitIssued: Day | undefined;
  if (!eaeu) {
    const filed = weekday(signed + rng.int(1, 10));
    b.add(filed, { type: 'work-permit-filed' });
    const issued = weekday(filed + rng.int(12, 24));
    // Usually for the contract term (at most 3 years); sometimes shorter, to be extended later.
    permitUntil = rng.chance(0.12)
      ? Math.min(end, plusYears(issued, 1) + rng.int(0, 200))
      : Math.min(end, plusYears(issued, 3) - 1);
    if (permitUntil < issued) permitUntil = issued + 365;
    if (b.add(issued, { type: 'work-permit-issued', validUntil: iso(permitUntil), regions: [...regions] }))
      permitIssued = issued;
  }

  // Insurance policies: a year each, renewed most years.
  const insure = (id: string, from: Day): void => {
    for (let f = from; f <= activeUntil; f = plusYears(f, 1)) {
      if (
        !b.add(f - rng.int(1, 5), {
          type: 'insurance',
          person: id,
          validFrom: iso(f),
          validUntil: iso(plusYears(f, 1) - 1),
        })
      )
        break;
      if (!rng.chance(0.8)) break;
    }
  };

  /** The day each person is first in Russia for this engagement (undefined: never, within the horizon). */
  const arrival = new Map<string, Day>();
  const registeredUntil = permitUntil !== undefined ? iso(permitUntil) : iso(end);
  const register = (id: string, after: Day, address?: string): void => {
    const late = rng.chance(0.03);
    const on = weekday(after + (late ? rng.int(8, 25) : rng.int(1, 6)));
    const event: Omit<CaseEventOf<'registered'>, 'on'> = { type: 'registered', person: id };
    if (on <= day(registeredUntil) && rng.chance(0.8)) event.until = registeredUntil;
    if (address !== undefined) event.address = address;
    b.add(on, event);
  };
  const address = `${rng.pick(['Москва', 'Санкт-Петербург', 'Казань', 'Екатеринбург', 'Новосибирск'])}, ул. ${rng.pick(['Ленина', 'Тверская', 'Садовая', 'Мира', 'Савушкина'])}, д. ${rng.int(1, 120)}, кв. ${rng.int(1, 400)}`;

  // The principal's arrival.
  if (permitIssued !== undefined || eaeu) {
    const base = permitIssued ?? signed;
    let entry: Day | undefined;
    if (principalPlan.abroad) {
      if (principalPlan.needsVisa) {
        b.add(base, { type: 'invitation-issued', person: 'p1', validUntil: iso(base + 90) });
        const visa = weekday(base + rng.int(4, 25));
        const visaUntil = permitUntil ?? plusYears(visa, 1);
        b.add(visa, {
          type: 'visa-issued',
          person: 'p1',
          validFrom: iso(visa),
          validUntil: iso(Math.max(visa, visaUntil)),
          entries: 'multiple',
        });
        entry = visa + rng.int(2, 30);
      } else {
        entry = base + rng.int(3, 40);
      }
      const crossing: Omit<CaseEventOf<'entry'>, 'on'> = { type: 'entry', person: 'p1' };
      if (rng.chance(0.5)) crossing.via = rng.pick(BORDER_POINTS);
      if (b.add(entry, crossing)) arrival.set('p1', entry);
    } else {
      arrival.set('p1', base);
    }
    const arrived = arrival.get('p1');
    if (arrived !== undefined) {
      insure('p1', arrived);
      if (principalPlan.abroad) register('p1', arrived, rng.chance(0.4) ? address : undefined);
      if (permitIssued !== undefined && rng.chance(0.94))
        b.add(weekday(Math.max(arrived, permitIssued) + rng.int(1, 25)), { type: 'work-permit-collected' });
    }
  }

  // Family members follow once the permit is issued (or with an EAEU principal, once he is there).
  const principalArrived = arrival.get('p1');
  if (principalArrived !== undefined) {
    for (const plan of plans.slice(1)) {
      if (!rng.chance(0.9)) continue; // some stay at home
      const id = plan.person.id;
      const base = (permitIssued ?? principalArrived) + rng.int(5, 90);
      let entry: Day | undefined;
      if (plan.abroad) {
        if (plan.needsVisa) {
          const invited = weekday(base);
          b.add(invited, { type: 'invitation-issued', person: id, validUntil: iso(invited + 90) });
          const visa = weekday(invited + rng.int(5, 30));
          const visaUntil = permitUntil ?? plusYears(visa, 1);
          b.add(visa, {
            type: 'visa-issued',
            person: id,
            validFrom: iso(visa),
            validUntil: iso(Math.max(visa, visaUntil)),
            entries: 'multiple',
          });
          entry = visa + rng.int(2, 45);
        } else {
          entry = base + rng.int(0, 30);
        }
        if (b.add(entry, { type: 'entry', person: id })) arrival.set(id, entry);
      } else {
        arrival.set(id, principalArrived);
      }
      const arrived = arrival.get(id);
      if (arrived !== undefined) {
        insure(id, arrived);
        if (plan.abroad) register(id, arrived, rng.chance(0.3) ? address : undefined);
      }
    }
  }

  // Trips abroad: the principal travels 0–3 times a year; family members join some trips. Every return is
  // followed by a new registration (most on time, a few late, a few never).
  if (principalArrived !== undefined) {
    let cursor = principalArrived + rng.int(40, 150);
    while (cursor < activeUntil) {
      const out = cursor;
      const back = out + rng.int(4, 28);
      const travellers = [...arrival.entries()]
        .filter(([id, arrived]) => arrived < out && (id === 'p1' || rng.chance(0.6)))
        .map(([id]) => id);
      for (const id of travellers) {
        if (!b.add(out, { type: 'exit', person: id })) continue;
        if (b.add(back, { type: 'entry', person: id }) && rng.chance(0.96)) register(id, back);
      }
      cursor = back + rng.int(60, 260);
    }
  }

  // Salary and the quarterly notifications (not for an EAEU principal: no HQS permit, no such duty).
  if (principalArrived !== undefined || eaeu) {
    const monthlyPeriods = rng.chance(0.1);
    const paysLate = rng.chance(0.05);
    let q: string = quarterOf(iso(start));
    for (;;) {
      const [qFrom, qTo] = quarterDays(q);
      if (qTo > activeUntil) break;
      const cut = rng.chance(0.05) ? 0.6 + rng.next() * 0.35 : 1; // unpaid leave, sick leave
      if (monthlyPeriods) {
        for (let m = 0; m < 3; m++) {
          const monthStart = plusMonths(qFrom, m);
          const monthEnd = plusMonths(qFrom, m + 1) - 1;
          const worked = Math.min(monthEnd, activeUntil) - Math.max(monthStart, start) + 1;
          if (worked <= 0) continue;
          const amount = Math.round((monthly * cut * worked) / (monthEnd - monthStart + 1) / 100) * 100;
          b.add(monthEnd + rng.int(0, paysLate ? 20 : 5), {
            type: 'salary-paid',
            period: iso(monthStart).slice(0, 7),
            amount,
          });
        }
      } else {
        const worked = (Math.min(qTo, activeUntil) - Math.max(qFrom, start) + 1) / (qTo - qFrom + 1);
        const amount = Math.round((monthly * 3 * worked * cut) / 100) * 100;
        if (amount > 0) b.add(qTo + rng.int(0, paysLate ? 20 : 3), { type: 'salary-paid', period: q, amount });
      }
      if (!eaeu && rng.chance(0.95)) {
        const late = rng.chance(0.04);
        const filedOn = weekday(qTo + (late ? rng.int(32, 70) : rng.int(3, 28)));
        b.add(filedOn, { type: 'notification-filed', kind: 'salary', period: q });
      }
      q = nextQuarter(q);
    }
  }

  // Permit extension when the permit ends before the contract.
  if (permitUntil !== undefined && permitUntil < end && permitIssued !== undefined && rng.chance(0.75)) {
    const filed = weekday(permitUntil - rng.int(20, 120));
    if (filed > permitIssued && b.add(filed, { type: 'work-permit-extension-filed' })) {
      b.add(weekday(filed + rng.int(10, 30)), { type: 'work-permit-extended', validUntil: iso(end) });
    }
  }

  // Residence permits on HQS grounds: the principal, and most of the family with him.
  if (!eaeu && principalArrived !== undefined && permitUntil !== undefined && rng.chance(0.4)) {
    const filed = weekday(principalArrived + rng.int(90, 420));
    if (filed < activeUntil) {
      for (const [id, arrived] of arrival) {
        if (id !== 'p1' && (arrived > filed || !rng.chance(0.8))) continue;
        if (!b.add(filed, { type: 'rp-filed', person: id })) continue;
        const issued = weekday(filed + rng.int(45, 110));
        const until = Math.max(issued, permitUntil);
        if (b.add(issued, { type: 'rp-issued', person: id, validUntil: iso(until) })) {
          register(id, issued);
          const yearOne = plusYears(issued, 1) + rng.int(0, 55);
          if (rng.chance(0.85)) b.add(yearOne, { type: 'rp-annual-notification-filed', person: id, year: 1 });
        }
      }
    }
  }

  // Termination: the notification, sometimes the permit cancelled, usually the family leaves.
  if (terminated !== undefined) {
    const t = weekday(terminated);
    if (b.add(t, { type: 'contract-terminated' })) {
      if (rng.chance(0.9))
        b.add(weekday(t + rng.int(1, rng.chance(0.1) ? 12 : 3)), {
          type: 'notification-filed',
          kind: 'contract-terminated',
        });
      if (!eaeu && rng.chance(0.3)) b.add(weekday(t + rng.int(3, 20)), { type: 'work-permit-cancelled' });
      if (rng.chance(0.6)) for (const id of arrival.keys()) b.add(t + rng.int(5, 29), { type: 'exit', person: id });
    }
  }

  // A passport that expires during the engagement is sometimes renewed in time.
  for (const p of people) {
    const passport = p.passports?.[0];
    if (passport === undefined) continue;
    const expires = day(passport.expires);
    if (expires < end && rng.chance(0.7)) {
      const issued = weekday(expires - rng.int(20, 150));
      if (issued > day(passport.issued) && issued >= day(p.birthDate)) {
        const country = p.citizenships[0] as string;
        b.add(issued, {
          type: 'passport-renewed',
          person: p.id,
          number: passportNumber(rng, BANKS[country] ?? bank),
          issued: iso(issued),
          expires: iso(plusYears(issued, issued - day(p.birthDate) < 18 * 365 ? 5 : 10) - 1),
        });
      }
    }
  }

  // Documents gathered for the file (about half the cases keep them in the system).
  const documents: CaseDocument[] = [];
  if (rng.chance(0.5)) {
    for (const p of people) {
      const passport = p.passports?.[0];
      if (passport !== undefined) {
        const doc: CaseDocument = {
          type: 'passport',
          person: p.id,
          number: passport.number,
          country: passport.country,
          issued: passport.issued,
          expires: passport.expires,
          translated: rng.chance(0.8),
        };
        if (rng.chance(0.02)) doc.name = { latin: `${p.name.latin}A` }; // a spelling that differs: a finding
        documents.push(doc);
      }
      const country = p.citizenships[0] as string;
      if (p.relation === 'spouse' && rng.chance(0.8)) {
        documents.push({
          type: 'marriage-certificate',
          person: p.id,
          country,
          issued: iso(start - rng.int(400, 7000)),
          apostille: rng.chance(0.6),
          translated: rng.chance(0.8),
        });
      }
      if (p.relation === 'child' && rng.chance(0.8)) {
        documents.push({
          type: 'birth-certificate',
          person: p.id,
          country,
          issued: iso(day(p.birthDate) + rng.int(3, 40)),
          translated: rng.chance(0.8),
        });
      }
    }
    if (rng.chance(0.7)) {
      documents.push({
        type: 'diploma',
        person: 'p1',
        country: citizenship,
        issued: iso(principalBirth + rng.int(21 * 365, 24 * 365)),
        translated: rng.chance(0.7),
      });
    }
  }

  const result: Case = {
    format: 'hqs-case/1',
    id: `bench-${seed}-${index}`,
    employer,
    people,
    contract,
    events: b.events,
  };
  if (documents.length > 0) result.documents = documents;
  return result;
}

/** Cases 0 … n−1 of the stream, one at a time (nothing is kept here). */
export function* generateCases(n: number, opts: GenerateOptions): Generator<Case> {
  for (let i = 0; i < n; i++) yield generateCase(i, opts);
}
