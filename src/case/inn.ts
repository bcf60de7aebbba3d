// INN (ИНН, taxpayer identification number) check digits, as the Federal Tax Service (FNS) defines them:
// 10 digits for an organization (one check digit), 12 for an individual or individual entrepreneur (two).
// Each check digit is the weighted sum of the preceding digits, mod 11, mod 10.

const WEIGHTS_10 = [2, 4, 10, 3, 5, 9, 4, 6, 8] as const;
const WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const;
const WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8] as const;

const DIGITS = /^\d+$/;

function checkDigit(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits[i] ?? 0) * (weights[i] ?? 0);
  return (sum % 11) % 10;
}

function toDigits(s: string): number[] {
  return [...s].map(Number);
}

/** What is wrong with an INN, or undefined when it is valid. */
export type InnProblem =
  | 'format' // not 10 or 12 digits
  | 'region' // begins with 00: the first two digits are a region code (01–99), 00 is never assigned
  | 'checksum'; // the check digit(s) do not match

export function innProblem(inn: string): InnProblem | undefined {
  if (!DIGITS.test(inn) || (inn.length !== 10 && inn.length !== 12)) return 'format';
  if (inn.startsWith('00')) return 'region';
  const d = toDigits(inn);
  if (inn.length === 10) return checkDigit(d, WEIGHTS_10) === d[9] ? undefined : 'checksum';
  const ok = checkDigit(d, WEIGHTS_11) === d[10] && checkDigit(d, WEIGHTS_12) === d[11];
  return ok ? undefined : 'checksum';
}

/** True for a 10- or 12-digit INN whose check digits match (FNS algorithm). */
export function isValidInn(inn: string): boolean {
  return innProblem(inn) === undefined;
}

/**
 * Completes an INN from its base: 9 digits → a 10-digit organization INN; 10 digits → a 12-digit
 * individual INN. Used to make test fixtures and examples with correct check digits.
 */
export function innWithCheckDigits(base: string): string {
  if (!DIGITS.test(base) || (base.length !== 9 && base.length !== 10)) {
    throw new Error(`innWithCheckDigits: expected 9 or 10 digits, got "${base}"`);
  }
  const d = toDigits(base);
  if (base.length === 9) return base + String(checkDigit(d, WEIGHTS_10));
  const c11 = checkDigit(d, WEIGHTS_11);
  const c12 = checkDigit([...d, c11], WEIGHTS_12);
  return `${base}${c11}${c12}`;
}
