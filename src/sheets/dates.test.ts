import { describe, expect, it } from 'vitest';
import { excelSerialToIso, isoToExcelSerial, parseSheetDate } from './dates.ts';

const ok = (date: string) => ({ ok: true, date });
const bad = (key: string) => expect.objectContaining({ ok: false, key });

describe('spreadsheet dates', () => {
  it('Excel serials in the 1900 system: day 1, the phantom 1900-02-29 (day 60), day 61 on', () => {
    expect(excelSerialToIso(1)).toEqual(ok('1900-01-01'));
    expect(excelSerialToIso(59)).toEqual(ok('1900-02-28'));
    expect(excelSerialToIso(60)).toEqual(bad('date.unreal'));
    expect(excelSerialToIso(61)).toEqual(ok('1900-03-01'));
    expect(excelSerialToIso(45658)).toEqual(ok('2025-01-01'));
    expect(excelSerialToIso(45658.75)).toEqual(ok('2025-01-01'));
    for (const iso of ['1900-01-01', '1900-03-01', '1988-05-14', '2026-02-28', '2028-02-29'])
      expect(excelSerialToIso(isoToExcelSerial(iso))).toEqual(ok(iso));
  });

  it('text: dd.mm.yyyy, ISO, an unambiguous d/m/yyyy, a serial written as text', () => {
    expect(parseSheetDate('14.05.1988')).toEqual(ok('1988-05-14'));
    expect(parseSheetDate('1.2.1990 г.')).toEqual(ok('1990-02-01'));
    expect(parseSheetDate('14.05.1988 0:00:00')).toEqual(ok('1988-05-14'));
    expect(parseSheetDate('1988-05-14')).toEqual(ok('1988-05-14'));
    expect(parseSheetDate('25/12/2026')).toEqual(ok('2026-12-25'));
    expect(parseSheetDate('12/25/2026')).toEqual(ok('2026-12-25'));
    expect(parseSheetDate('45658')).toEqual(ok('2025-01-01'));
    expect(parseSheetDate(new Date('2026-04-01T00:00:00Z'))).toEqual(ok('2026-04-01'));
  });

  it('refuses what it would have to guess, and dates that do not exist', () => {
    expect(parseSheetDate('05/06/2026')).toEqual(bad('date.ambiguous'));
    expect(parseSheetDate('14.05.88')).toEqual(bad('date.twoDigitYear'));
    expect(parseSheetDate('31.02.2026')).toEqual(bad('date.unreal'));
    expect(parseSheetDate('29.02.2027')).toEqual(bad('date.unreal'));
    expect(parseSheetDate('2026')).toEqual(bad('date.invalid'));
    expect(parseSheetDate('вчера')).toEqual(bad('date.invalid'));
    expect(parseSheetDate('01.01.1850')).toEqual(bad('date.range'));
  });
});
