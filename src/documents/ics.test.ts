import { describe, it, expect } from 'vitest';
import ICAL from 'ical.js';
import fc from 'fast-check';
import { escapeText, foldLine, obligationUid, sequenceAt } from './ics.ts';

const unfold = (s: string) => s.replace(/\r\n /g, '');

describe('foldLine (RFC 5545 §3.1)', () => {
  it('leaves a line of 75 octets alone and folds one of 76', () => {
    expect(foldLine('A'.repeat(75))).toBe('A'.repeat(75));
    expect(foldLine('A'.repeat(76))).toBe(`${'A'.repeat(75)}\r\n A`);
  });

  it('folds a long Cyrillic line on octets: no piece over 75 octets, no UTF-8 sequence split, unfolds to the original', () => {
    const line = `DESCRIPTION:${'Уведомление о выплате заработной платы высококвалифицированному специалисту; '.repeat(4)}`;
    const folded = foldLine(line);
    const pieces = folded.split('\r\n');
    expect(pieces.length).toBeGreaterThan(4);
    for (const [i, p] of pieces.entries()) {
      expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
      if (i > 0) expect(p.startsWith(' ')).toBe(true);
      // A split UTF-8 sequence would not survive a round trip through bytes.
      expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
      expect(p).not.toContain('\uFFFD');
    }
    // Two-octet letters: a piece is 74 or 75 octets, never a wasted octet more than a letter needs.
    expect(Buffer.byteLength(pieces[1] as string, 'utf8')).toBeGreaterThanOrEqual(74);
    expect(unfold(folded)).toBe(line);
  });

  it('folds CJK (3 octets) and emoji (4 octets) without splitting them', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const line = `SUMMARY:${s}`;
        const folded = foldLine(line);
        for (const p of folded.split('\r\n')) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
        expect(unfold(folded)).toBe(line);
      }),
    );
    const cjk = foldLine(`SUMMARY:${'陈伟的高级工程师工作许可'.repeat(5)}`);
    expect(cjk.split('\r\n').every((p) => !p.includes('\uFFFD') && Buffer.byteLength(p) <= 75)).toBe(true);
  });
});

describe('escapeText (RFC 5545 §3.3.11)', () => {
  it('escapes backslash, semicolon, comma and newlines, and ical.js reads the value back', () => {
    const value = 'ст. 13.2, п. 8; C:\\path\nline two\r\nline three';
    expect(escapeText(value)).toBe('ст. 13.2\\, п. 8\\; C:\\\\path\\nline two\\nline three');
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//test//EN',
      'BEGIN:VEVENT',
      'UID:x@test',
      'DTSTAMP:20260101T000000Z',
      'DTSTART;VALUE=DATE:20260101',
      foldLine(`DESCRIPTION:${escapeText(value)}`),
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const ev = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
    expect(ev.description).toBe(value.replace(/\r\n/g, '\n'));
  });
});

describe('UIDs and SEQUENCE', () => {
  it('the UID depends only on the case key and the obligation id', () => {
    const a = obligationUid('id:case-1', 'salary-notification:2026-Q4');
    expect(obligationUid('id:case-1', 'salary-notification:2026-Q4')).toBe(a);
    expect(obligationUid('id:case-2', 'salary-notification:2026-Q4')).not.toBe(a);
    expect(obligationUid('id:case-1', 'salary-notification:2027-Q1')).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{32}@hqs-desk$/);
  });

  it('SEQUENCE grows with the export time', () => {
    expect(sequenceAt(new Date('2020-01-01T00:00:00Z'))).toBe(0);
    expect(sequenceAt(new Date('2026-11-21T10:00:01Z'))).toBeGreaterThan(sequenceAt(new Date('2026-11-21T10:00:00Z')));
  });
});
