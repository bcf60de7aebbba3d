// Reading a spreadsheet row by row, never the whole file at once: .xlsx through ExcelJS's streaming reader
// (the first worksheet; the zip is read as a stream, a worksheet stored before its shared strings is
// parked in a temporary file, not in memory), .csv through the small parser below (UTF-8 or Windows-1251,
// `;`, `,` or tab, quoted fields across lines). Progress is reported by bytes read; an AbortSignal stops
// the reading between two rows.
import { createReadStream, statSync, openSync, readSync, closeSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import ExcelJS from 'exceljs';

/** A cell as read: text, a number, a date (UTC midnight for a date cell), a boolean, or empty. */
export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** The row's number in the sheet (1 = the first line), as a spreadsheet program shows it. */
  number: number;
  cells: CellValue[];
}

export type SheetFormat = 'xlsx' | 'csv';
export type CsvEncoding = 'utf-8' | 'windows-1251';
export type CsvDelimiter = ',' | ';' | '\t';

/** A file on disk, or a stream (an upload) with its name. */
export type SheetInput =
  | { path: string; format?: SheetFormat }
  | { stream: Readable | ReadableStream<Uint8Array>; name: string; size?: number; format?: SheetFormat };

export interface ReadProgress {
  bytes: number;
  /** Known for a file, or when the upload says its size. */
  totalBytes?: number;
  rows: number;
}

export interface ReadOptions {
  signal?: AbortSignal;
  onProgress?: (p: ReadProgress) => void;
  /** CSV: the encoding (default: detected — UTF-8 unless the bytes are not UTF-8, then Windows-1251). */
  encoding?: CsvEncoding;
  /** CSV: the separator (default: detected on the first line). */
  delimiter?: CsvDelimiter;
}

/** What the reader found out about the file (filled in as it reads). */
export interface SheetInfo {
  name: string;
  format: SheetFormat;
  encoding?: CsvEncoding;
  delimiter?: CsvDelimiter;
  worksheet?: string;
  bytes: number;
}

export class SheetReadError extends Error {
  override name = 'SheetReadError';
}

function formatOf(input: SheetInput): SheetFormat {
  if (input.format) return input.format;
  const name = 'path' in input ? input.path : input.name;
  const ext = extname(name).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return 'csv';
  if ('path' in input) {
    // No telling extension: a zip is an .xlsx.
    const fd = openSync(input.path, 'r');
    try {
      const head = Buffer.alloc(4);
      readSync(fd, head, 0, 4, 0);
      return head.readUInt32LE(0) === 0x04034b50 ? 'xlsx' : 'csv';
    } finally {
      closeSync(fd);
    }
  }
  if (ext === '.xls') throw new SheetReadError(`${name}: the old Excel format (.xls) is not read; save it as .xlsx`);
  throw new SheetReadError(`${name}: expected an .xlsx or .csv file`);
}

function openInput(input: SheetInput): { stream: Readable; name: string; totalBytes?: number } {
  if ('path' in input) {
    let size: number;
    try {
      size = statSync(input.path).size;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new SheetReadError(
        `cannot read ${input.path}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
      );
    }
    return {
      stream: createReadStream(input.path, { highWaterMark: 256 * 1024 }),
      name: basename(input.path),
      totalBytes: size,
    };
  }
  const stream = input.stream instanceof Readable ? input.stream : Readable.fromWeb(input.stream as never);
  return { stream, name: input.name, ...(input.size !== undefined ? { totalBytes: input.size } : {}) };
}

function aborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError');
}

/**
 * A spreadsheet read row by row. Iterate `rows()` once; `info` tells the format, encoding and separator
 * found (complete once the first row is out).
 */
export class SheetReader {
  readonly info: SheetInfo;
  private readonly format: SheetFormat;

  constructor(
    private readonly input: SheetInput,
    private readonly opts: ReadOptions = {},
  ) {
    this.format = formatOf(input);
    this.info = { name: 'path' in input ? basename(input.path) : input.name, format: this.format, bytes: 0 };
  }

  async *rows(): AsyncGenerator<SheetRow> {
    aborted(this.opts.signal);
    const { stream, totalBytes } = openInput(this.input);
    let rows = 0;
    let lastReport = 0;
    const report = (force = false) => {
      if (!this.opts.onProgress) return;
      const now = performance.now();
      if (!force && now - lastReport < 100) return;
      lastReport = now;
      this.opts.onProgress({ bytes: this.info.bytes, ...(totalBytes !== undefined ? { totalBytes } : {}), rows });
    };
    const counter = new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        this.info.bytes += chunk.length;
        done(null, chunk);
      },
    });
    stream.on('error', (e) => counter.destroy(e));
    stream.pipe(counter);
    const onAbort = () => {
      stream.destroy();
      counter.destroy();
    };
    this.opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const source = this.format === 'xlsx' ? this.xlsxRows(counter) : this.csvRows(counter);
      for await (const row of source) {
        aborted(this.opts.signal);
        rows++;
        report();
        yield row;
      }
      aborted(this.opts.signal);
      report(true);
    } finally {
      this.opts.signal?.removeEventListener('abort', onAbort);
      stream.destroy();
      counter.destroy();
    }
  }

  private async *xlsxRows(stream: Readable): AsyncGenerator<SheetRow> {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache', // a cell's number format tells a date from a number
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    try {
      for await (const ws of reader) {
        this.info.worksheet = (ws as unknown as { name?: string }).name ?? 'Sheet1';
        for await (const row of ws) {
          const values = row.values as unknown[];
          const cells: CellValue[] = [];
          for (let i = 1; i < values.length; i++) cells.push(cellOf(values[i]));
          yield { number: row.number, cells };
        }
        return; // the first worksheet only
      }
    } catch (e) {
      if (this.opts.signal?.aborted) throw e;
      if (e instanceof SheetReadError) throw e;
      throw new SheetReadError(`${this.info.name}: not a readable .xlsx file (${(e as Error).message})`);
    }
  }

  private async *csvRows(stream: Readable): AsyncGenerator<SheetRow> {
    const decoder = new CsvDecoder(this.opts.encoding);
    const parser = new CsvParser(this.opts.delimiter);
    let number = 0;
    const flush = function* (rows: string[][]): Generator<SheetRow> {
      for (const r of rows) {
        number++;
        // A blank line is a row with nothing in it, kept so row numbers match the file's lines.
        yield { number, cells: r.map((c) => (c === '' ? null : c)) };
      }
    };
    for await (const chunk of stream) {
      const text = decoder.decode(chunk as Buffer, this.info.bytes);
      if (decoder.encoding) this.info.encoding = decoder.encoding;
      yield* flush(parser.push(text));
      if (parser.delimiter) this.info.delimiter = parser.delimiter;
    }
    yield* flush(parser.push(decoder.end(), true));
    this.info.encoding ??= decoder.encoding ?? 'utf-8';
    if (parser.delimiter) this.info.delimiter = parser.delimiter;
  }
}

/** ExcelJS cell values to plain ones: rich text joined, a formula's result, a hyperlink's text. */
function cellOf(v: unknown): CellValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('result' in o) return cellOf(o.result);
    if ('text' in o) return cellOf(o.text);
    if ('error' in o) return null;
  }
  return String(v);
}

/**
 * Bytes to text, the encoding decided at the first byte above 0x7F (everything before it is ASCII and
 * reads the same either way): UTF-8 when those bytes are UTF-8, else Windows-1251 — the two encodings
 * Russian offices' CSV files come in. A file that turns out not to be UTF-8 later is refused, never garbled.
 */
export class CsvDecoder {
  encoding: CsvEncoding | undefined;
  private decoder: InstanceType<typeof TextDecoder> | undefined;
  private bomChecked = false;

  constructor(encoding?: CsvEncoding) {
    if (encoding) this.choose(encoding);
  }

  private choose(encoding: CsvEncoding): void {
    this.encoding = encoding;
    this.decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: false });
  }

  decode(chunk: Uint8Array, offset: number): string {
    let bytes = chunk;
    if (!this.bomChecked) {
      this.bomChecked = true;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        if (!this.decoder) this.choose('utf-8');
        bytes = bytes.subarray(3);
      }
    }
    let head = '';
    if (!this.decoder) {
      const i = bytes.findIndex((b) => b > 0x7f);
      if (i < 0) return Buffer.from(bytes).toString('latin1');
      head = Buffer.from(bytes.subarray(0, i)).toString('latin1');
      bytes = bytes.subarray(i);
      let utf8 = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
      } catch {
        utf8 = false;
      }
      this.choose(utf8 ? 'utf-8' : 'windows-1251');
    }
    try {
      return head + this.decoder!.decode(bytes, { stream: true });
    } catch {
      throw new SheetReadError(
        `the file began as UTF-8 but the bytes after byte ${offset} are not UTF-8: save it again as UTF-8 (or give the encoding)`,
      );
    }
  }

  end(): string {
    if (!this.decoder) return '';
    try {
      return this.decoder.decode();
    } catch {
      throw new SheetReadError('the file ends in the middle of a UTF-8 character');
    }
  }
}

/**
 * CSV as spreadsheet programs write it (RFC 4180): fields in double quotes may hold the separator, line
 * breaks and doubled quotes; lines end in CRLF, LF or CR. The separator is the one of `;`, `,` and tab
 * that the first line (outside quotes) has most of — Russian Excel writes `;`.
 */
export class CsvParser {
  delimiter: CsvDelimiter | undefined;
  private buf = '';
  private row: string[] = [];
  private field = '';
  private quoted = false;
  private inQuotes = false;
  private pendingQuote = false;
  private pendingCR = false;

  constructor(delimiter?: CsvDelimiter) {
    this.delimiter = delimiter;
  }

  /** Waits for the first lines (up to 20, or 64 KiB) and takes the separator the busiest of them uses most. */
  private detect(text: string, final: boolean): boolean {
    this.buf += text;
    const lines: string[] = [];
    let inQ = false;
    let from = 0;
    for (let i = 0; i < this.buf.length && lines.length < 20; i++) {
      const c = this.buf[i];
      if (c === '"') inQ = !inQ;
      else if (!inQ && (c === '\n' || c === '\r')) {
        lines.push(this.buf.slice(from, i));
        from = i + 1;
      }
    }
    if (lines.length < 20 && this.buf.length < 65536 && !final) return false;
    if (from < this.buf.length && lines.length < 20) lines.push(this.buf.slice(from));
    let best: [CsvDelimiter, number] = [',', 0];
    for (const raw of lines) {
      const line = raw.replace(/"[^"]*"/g, '');
      for (const d of [';', ',', '\t'] as const) {
        const n = line.split(d).length - 1;
        if (n > best[1]) best = [d, n];
      }
    }
    this.delimiter = best[0];
    return true;
  }

  /** Feeds text; returns the rows completed. `final`: the end of the file. */
  push(text: string, final = false): string[][] {
    if (!this.delimiter) {
      if (!this.detect(text, final)) return [];
      text = this.buf;
      this.buf = '';
    }
    const d = this.delimiter!;
    const out: string[][] = [];
    const endRow = () => {
      this.row.push(this.field);
      out.push(this.row);
      this.row = [];
      this.field = '';
      this.quoted = false;
    };
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (this.pendingCR) {
        this.pendingCR = false;
        if (c === '\n') continue;
      }
      if (this.pendingQuote) {
        this.pendingQuote = false;
        if (c === '"') {
          this.field += '"';
          continue;
        }
        this.inQuotes = false;
      }
      if (this.inQuotes) {
        if (c === '"') this.pendingQuote = true;
        else this.field += c;
        continue;
      }
      if (c === '"' && this.field === '' && !this.quoted) {
        this.inQuotes = true;
        this.quoted = true;
      } else if (c === d) {
        this.row.push(this.field);
        this.field = '';
        this.quoted = false;
      } else if (c === '\n') endRow();
      else if (c === '\r') {
        endRow();
        this.pendingCR = true;
      } else this.field += c;
    }
    if (final) {
      if (this.pendingQuote) this.inQuotes = false;
      if (this.field !== '' || this.row.length > 0 || this.quoted) endRow();
    }
    return out;
  }
}
