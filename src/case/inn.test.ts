import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { innProblem, innWithCheckDigits, isValidInn } from './inn.ts';

describe('INN check digits (FNS algorithm)', () => {
  it.each([
    ['7707083893', 'Sberbank'],
    ['7736050003', 'Gazprom'],
    ['7702070139', 'VTB Bank'],
    ['7728168971', 'Alfa-Bank'],
    ['7736207543', 'Yandex'],
    ['7710140679', 'T-Bank'],
  ])('accepts the real organization INN %s (%s)', (inn) => {
    expect(innProblem(inn)).toBeUndefined();
    expect(isValidInn(inn)).toBe(true);
  });

  it('accepts the 12-digit individual INN 500100732259', () => {
    expect(isValidInn('500100732259')).toBe(true);
  });

  it('rejects a wrong check digit', () => {
    expect(innProblem('7707083894')).toBe('checksum');
    expect(innProblem('500100732258')).toBe('checksum'); // 12th digit wrong
    expect(innProblem('500100732269')).toBe('checksum'); // 11th digit wrong
  });

  it('rejects anything but 10 or 12 digits', () => {
    for (const bad of ['', '770708389', '77070838931', '7707o83893', ' 7707083893', '77070838931234', '+707083893']) {
      expect(innProblem(bad)).toBe('format');
    }
  });

  it('rejects the region code 00 even when the check digit matches', () => {
    expect(innProblem('0000000000')).toBe('region');
    expect(innProblem(innWithCheckDigits('001234567'))).toBe('region');
  });

  it('completes a base to a valid INN, and any other last digit fails', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{8}(\d)?$/), fc.integer({ min: 1, max: 9 }), (base, shift) => {
        const inn = innWithCheckDigits(base);
        expect(inn).toHaveLength(base.length + 1 === 10 ? 10 : 12);
        expect(inn.startsWith(base)).toBe(true);
        expect(isValidInn(inn)).toBe(true);
        const last = Number(inn[inn.length - 1]);
        const broken = inn.slice(0, -1) + String((last + shift) % 10);
        expect(innProblem(broken)).toBe('checksum');
      }),
    );
  });

  it('completes known bases to the known INNs', () => {
    expect(innWithCheckDigits('770708389')).toBe('7707083893');
    expect(innWithCheckDigits('5001007322')).toBe('500100732259');
    expect(() => innWithCheckDigits('12345')).toThrow(/9 or 10 digits/);
  });
});
