// Content-Disposition for downloads (RFC 6266): the name as UTF-8 in `filename*` (RFC 8187, which
// replaced RFC 5987), and an ASCII `filename` for clients that read only that. The stored name is kept
// for display as it was uploaded; only the header is cleaned: control characters and the bidirectional
// overrides that can make `fdp.exe` look like `exe.pdf` are dropped, slashes become underscores.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** RFC 8187 value characters: what encodeURIComponent leaves alone, less ' ( ) * (which it does not escape). */
function encodeValue(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…` for a file name in any script. `fallback` is the ASCII
 * name used when the name has no Latin letters or digits left (`паспорт.pdf` → `document-….pdf`).
 */
export function contentDisposition(name: string, fallback = 'download'): string {
  const clean = name.replace(INVISIBLE, '').replace(/[/\\]/g, '_').trim().slice(0, 255) || fallback;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && /^\.[A-Za-z0-9]{1,8}$/.test(clean.slice(dot)) ? clean.slice(dot) : '';
  let ascii = clean
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents off: é → e
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%;]/g, '_')
    .replace(/_{2,}/g, '_');
  if (!/[A-Za-z0-9]/.test(ascii.slice(0, ascii.length - ext.length)))
    ascii = `${fallback.replace(/\.[^.]*$/, '')}${ext}`;
  if (ascii === clean) return `attachment; filename="${ascii}"`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeValue(clean)}`;
}
