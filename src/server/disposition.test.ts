import { describe, expect, it } from 'vitest';
import { contentDisposition } from './disposition.ts';

describe('Content-Disposition', () => {
  it('keeps a plain ASCII name as it is', () => {
    expect(contentDisposition('passport.pdf')).toBe('attachment; filename="passport.pdf"');
  });
  it('gives Cyrillic and Chinese names in filename* with an ASCII fallback', () => {
    expect(contentDisposition('паспорт.pdf', 'document-1')).toBe(
      `attachment; filename="document-1.pdf"; filename*=UTF-8''%D0%BF%D0%B0%D1%81%D0%BF%D0%BE%D1%80%D1%82.pdf`,
    );
    const zh = contentDisposition('护照 scan.pdf');
    expect(zh).toMatch(/^attachment; filename="_ scan\.pdf"; filename\*=UTF-8''%E6%8A%A4%E7%85%A7%20scan\.pdf$/);
    expect(contentDisposition('Résumé (1).pdf')).toBe(
      `attachment; filename="Resume (1).pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%281%29.pdf`,
    );
  });
  it('drops control and bidirectional characters and quotes; the header is always a valid ByteString', () => {
    const h = contentDisposition('a\u202Efdp.exe"\r\n;x\u0000.pdf');
    // eslint-disable-next-line no-control-regex
    expect(h).not.toMatch(/[\u0000-\u001f\u007f-\uffff]/);
    expect(h).toContain('filename="afdp.exe_x.pdf"');
    expect(() => new Headers({ 'content-disposition': h })).not.toThrow();
  });
});
