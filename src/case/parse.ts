// Reading a case file: JSON or YAML text (or an already parsed value) → a checked `Case`, or every problem
// at once, each with the path of the field it concerns and what was expected there.
import { LineCounter, isMap, isScalar, isSeq, parseDocument, stringify, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { issueCode } from './codes.ts';
import { crossFieldIssues, formatPath, type CheckTables, type PathSegment, type RawIssue } from './checks.ts';
import {
  CASE_FORMAT,
  CaseSchema,
  CaseWithoutInnSchema,
  EVENT_TYPES,
  NUMERIC_FIELDS,
  expectations,
  type Case,
} from './schema.ts';

export interface CaseError {
  /** Where: `people[0].birthDate`, `employer.inn`; `(root)` for the file as a whole. */
  path: string;
  /** What is wrong and what was expected, without the path (English). */
  message: string;
  /** The stable code of the problem (docs/api.md "Problem codes"), and what its wording needs. */
  code: string;
  params?: Record<string, string | number>;
  /** 1-based line and column in the YAML or JSON text, when known. */
  line?: number;
  column?: number;
}

export type ParseResult = { ok: true; case: Case } | { ok: false; errors: CaseError[] };

export interface ParseCaseOptions extends CheckTables {
  /** Text format; when omitted, taken from the file name's extension, else from the first character. */
  format?: 'json' | 'yaml';
  /** Used to detect the format and to name the file in messages. */
  fileName?: string;
  /**
   * Called with the loaded value before the schema sees it; may throw to refuse it (a server checks its
   * size limits here, so that an oversized case costs no validation).
   */
  inspect?: (value: unknown) => void;
  /**
   * The employer's INN may be missing (CaseWithoutInnSchema: an evaluation that stores nothing, for a reader
   * who does not know it yet). The result is then a Case whose `employer.inn` may be undefined.
   */
  innUnknown?: boolean;
}

export const ROOT_PATH = '(root)';

interface Position {
  line: number;
  column: number;
}

interface Loaded {
  value: unknown;
  /** Position of each path (formatted) in the text. */
  positions: Map<string, Position>;
}

// ——— Loading text ———

export function detectFormat(text: string, fileName?: string): 'json' | 'yaml' {
  const ext = fileName?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  if (ext === 'json') return 'json';
  if (ext === 'yaml' || ext === 'yml') return 'yaml';
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? s).trim().replace(/:$/, '');
}

/**
 * Walks the YAML syntax tree: records where each path is, and replaces every bare number written where
 * the case expects text (an INN, a passport number, an id) with the exact digits written, so that
 * `inn: 0105012345` keeps its leading zero. Only `amount` and `year` are numbers in a case.
 */
function walkYaml(
  node: unknown,
  path: PathSegment[],
  value: unknown,
  lines: LineCounter,
  positions: Map<string, Position>,
): unknown {
  if (isMap(node)) {
    const obj =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined;
    for (const pair of node.items) {
      const keyNode = pair.key;
      if (!isScalar(keyNode)) continue;
      const key = String(keyNode.value);
      const child = [...path, key];
      const at = formatPath(child);
      if (keyNode.range && !positions.has(at)) positions.set(at, toPosition(lines, keyNode.range[0]));
      if (obj !== undefined && Object.hasOwn(obj, key)) {
        const patched = walkYaml(pair.value, child, obj[key], lines, positions);
        if (patched !== obj[key]) obj[key] = patched;
      }
    }
    return value;
  }
  if (isSeq(node)) {
    const arr = Array.isArray(value) ? value : undefined;
    node.items.forEach((item, i) => {
      const child = [...path, i];
      const range = (item as YamlNode | null)?.range;
      if (range) positions.set(formatPath(child), toPosition(lines, range[0]));
      if (arr !== undefined && i < arr.length) {
        const patched = walkYaml(item, child, arr[i], lines, positions);
        if (patched !== arr[i]) arr[i] = patched;
      }
    });
    return value;
  }
  if (isScalar(node) && typeof value === 'number' && typeof node.source === 'string') {
    const last = path[path.length - 1];
    const numeric = typeof last === 'string' && NUMERIC_FIELDS.has(last);
    if (!numeric && node.source.trim() !== '') return node.source.trim();
  }
  return value;
}

function toPosition(lines: LineCounter, offset: number): Position {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

type LoadResult = { ok: true; loaded: Loaded } | { ok: false; errors: CaseError[] };

/** At most this many syntax errors are reported (a broken file can produce one per line). */
const MAX_SYNTAX_ERRORS = 20;

function syntaxMessage(what: 'YAML' | 'JSON', message: string): string {
  // The parser catches its own stack overflow on absurdly deep nesting; say what it means.
  if (/Maximum call stack size exceeded/.test(message)) return `${what}: nested too deeply`;
  return `${what} syntax: ${firstLine(message)}`;
}

/**
 * Keys written twice in one mapping, found in one pass with a set per mapping (the YAML library's own
 * `uniqueKeys` check compares each key with every earlier one: quadratic, minutes for 60,000 keys).
 */
function duplicateKeys(root: unknown, lines: LineCounter, what: 'YAML' | 'JSON'): CaseError[] {
  const errors: CaseError[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0 && errors.length < MAX_SYNTAX_ERRORS) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const key = String(pair.key.value);
          if (seen.has(key)) {
            const error: CaseError = {
              path: ROOT_PATH,
              message: `${what} syntax: Map keys must be unique: ${JSON.stringify(key)} is written twice`,
              code: 'syntax',
            };
            if (pair.key.range) Object.assign(error, toPosition(lines, pair.key.range[0]));
            errors.push(error);
          }
          seen.add(key);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return errors;
}

function loadYaml(text: string, what: 'YAML' | 'JSON'): LoadResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { schema: 'core', lineCounter: lines, uniqueKeys: false, prettyErrors: true });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    return {
      ok: false,
      errors: problems.slice(0, MAX_SYNTAX_ERRORS).map((e) => {
        const pos = e.linePos?.[0];
        const error: CaseError = { path: ROOT_PATH, message: syntaxMessage(what, e.message), code: 'syntax' };
        if (pos) Object.assign(error, { line: pos.line, column: pos.col });
        return error;
      }),
    };
  }
  const duplicates = duplicateKeys(doc.contents, lines, what);
  if (duplicates.length > 0) return { ok: false, errors: duplicates };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return {
      ok: false,
      errors: [
        {
          path: ROOT_PATH,
          message: `${what} could not be read: ${err instanceof Error ? err.message : String(err)}`,
          code: 'syntax',
        },
      ],
    };
  }
  const positions = new Map<string, Position>();
  try {
    value = walkYaml(doc.contents, [], value, lines, positions);
  } catch (err) {
    if (err instanceof RangeError)
      return { ok: false, errors: [{ path: ROOT_PATH, message: `${what}: nested too deeply`, code: 'too-deep' }] };
    throw err;
  }
  return { ok: true, loaded: { value, positions } };
}

function loadJson(text: string): LoadResult {
  try {
    JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const error: CaseError = { path: ROOT_PATH, message: `JSON syntax: ${message}`, code: 'syntax' };
    const offset = /position (\d+)/.exec(message)?.[1];
    if (offset !== undefined) {
      const before = text.slice(0, Number(offset)).split('\n');
      error.line = before.length;
      error.column = (before[before.length - 1]?.length ?? 0) + 1;
    }
    return { ok: false, errors: [error] };
  }
  // Valid JSON is valid YAML 1.2: read it through the YAML tree too, for positions, duplicate keys and
  // the exact digits of numbers written where text is expected. Fall back to plain JSON if that fails.
  const viaYaml = loadYaml(text, 'JSON');
  if (viaYaml.ok) return viaYaml;
  if (viaYaml.errors.some((e) => /^JSON syntax: Map keys must be unique/.test(e.message))) return viaYaml;
  return { ok: true, loaded: { value: JSON.parse(text) as unknown, positions: new Map() } };
}

/**
 * The value of JSON text when reading it through the YAML tree would give the same value: no key written
 * twice in one object (JSON.parse keeps the last silently) and no number where the case expects text
 * (the YAML pass keeps its exact digits). Undefined otherwise, or when it is not JSON.
 */
function plainJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  let written = 0;
  // Every match is a real string token: between tokens of valid JSON no quote stands outside a string.
  const strings = /"(?:[^"\\]|\\.)*"\s*(:?)/g;
  for (let m = strings.exec(text); m !== null; m = strings.exec(text)) if (m[1] === ':') written++;
  let kept = 0;
  let textual = true;
  // Iterative: a deeply nested value must not overflow the stack here.
  const stack: [unknown, string | undefined][] = [[value, undefined]];
  while (stack.length > 0) {
    const [v, key] = stack.pop()!;
    if (Array.isArray(v)) for (const x of v) stack.push([x, key]);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        kept++;
        stack.push([x, k]);
      }
    } else if (typeof v === 'number' && !(key !== undefined && NUMERIC_FIELDS.has(key))) textual = false;
  }
  return written === kept && textual ? value : undefined;
}

// ——— Turning schema issues into messages ———

interface Def {
  type: string;
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  options?: z.core.$ZodType[];
  discriminator?: string;
  entries?: Record<string, string | number>;
  values?: unknown[];
}

function defOf(schema: z.core.$ZodType): Def {
  return schema._zod.def as unknown as Def;
}

function field(v: unknown, key: PathSegment): unknown {
  if (Array.isArray(v)) return typeof key === 'number' ? v[key] : undefined;
  if (typeof v === 'object' && v !== null && typeof key === 'string' && Object.hasOwn(v, key)) {
    return (v as Record<string, unknown>)[key];
  }
  return undefined;
}

/** Strips optional and similar wrappers; picks the event schema that the value's `type` selects. */
function unwrap(schema: z.core.$ZodType | undefined, value: unknown): z.core.$ZodType | undefined {
  let s = schema;
  for (let guard = 0; s !== undefined && guard < 16; guard++) {
    const def = defOf(s);
    if (
      def.innerType !== undefined &&
      ['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)
    ) {
      s = def.innerType;
    } else if (def.type === 'pipe' && def.in !== undefined) {
      s = def.in;
    } else if (def.type === 'union' && def.discriminator !== undefined && def.options !== undefined) {
      const tag = field(value, def.discriminator);
      const picked = def.options.find((o) => {
        const literal = defOf(o).shape?.[def.discriminator as string];
        return literal !== undefined && (defOf(literal).values ?? []).includes(tag);
      });
      return picked ?? s;
    } else {
      return s;
    }
  }
  return s;
}

/** The schema that applies at a path of the (raw) input. */
function schemaAt(path: readonly PathSegment[], data: unknown): z.core.$ZodType | undefined {
  let s: z.core.$ZodType | undefined = CaseSchema;
  let v = data;
  for (const seg of path) {
    s = unwrap(s, v);
    if (s === undefined) return undefined;
    const def = defOf(s);
    if (def.type === 'object' && def.shape !== undefined && typeof seg === 'string' && Object.hasOwn(def.shape, seg)) {
      s = def.shape[seg];
    } else if (def.type === 'array' && def.element !== undefined && typeof seg === 'number') {
      s = def.element;
    } else {
      return undefined;
    }
    v = field(v, seg);
  }
  return unwrap(s, v);
}

function requiredKeys(def: Def): string[] {
  return Object.entries(def.shape ?? {})
    .filter(([, s]) => defOf(s).type !== 'optional')
    .map(([k]) => k);
}

/** What a schema accepts, in words. */
function expectedOf(schema: z.core.$ZodType | undefined): string | undefined {
  if (schema === undefined) return undefined;
  const hint = expectations.get(schema as z.ZodType)?.expected;
  if (hint !== undefined) return hint;
  const def = defOf(schema);
  switch (def.type) {
    case 'enum':
      return `one of ${Object.values(def.entries ?? {}).join(', ')}`;
    case 'literal':
      return (def.values ?? []).map((v) => JSON.stringify(v)).join(' or ');
    case 'boolean':
      return 'true or false';
    case 'number':
      return 'a number';
    case 'string':
      return 'text';
    case 'array':
      return 'a list';
    case 'object': {
      const keys = requiredKeys(def);
      return keys.length > 0 ? `a mapping with ${keys.join(', ')}` : 'a mapping';
    }
    case 'union':
      return def.discriminator !== undefined ? `an event: a mapping with on and type` : undefined;
    default:
      return undefined;
  }
}

function show(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return typeof v;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] as number;
}

/** The closest candidate to a misspelt word, if close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const limit = w.length <= 4 ? 1 : w.length <= 8 ? 2 : 3;
  if (bestDistance <= limit) return best;
  // Else the one candidate sharing the longest beginning (at least 3 letters): "validTo" → "validUntil".
  const prefix = (c: string): number => {
    const l = c.toLowerCase();
    let n = 0;
    while (n < w.length && n < l.length && w[n] === l[n]) n++;
    return n;
  };
  const longest = Math.max(0, ...candidates.map(prefix));
  const sharing = candidates.filter((c) => prefix(c) === longest);
  return longest >= 3 && sharing.length === 1 ? sharing[0] : undefined;
}

function suggestion(word: unknown, candidates: readonly string[]): string {
  if (typeof word !== 'string') return '';
  const c = closest(word, candidates);
  return c !== undefined && c !== word ? `; did you mean "${c}"?` : '';
}

/** A spelling of a rejected value that the schema would accept (lower-case country code, spaces). */
function fixedSpelling(schema: z.core.$ZodType | undefined, input: unknown): string | undefined {
  if (schema === undefined || typeof input !== 'string') return undefined;
  const candidates = [input.trim(), input.trim().toUpperCase(), input.replace(/[\s-]/g, ''), input.replace(/\s/g, '')];
  for (const c of candidates) {
    if (c !== input && (schema as z.ZodType).safeParse(c).success) return c;
  }
  return undefined;
}

/** ` for a visa-issued event` when the path is inside an event whose type is known. */
function eventContext(path: readonly PathSegment[], data: unknown): string {
  if (path[0] !== 'events' || typeof path[1] !== 'number') return '';
  const type = field(field(field(data, 'events'), path[1]), 'type');
  return typeof type === 'string' && (EVENT_TYPES as readonly string[]).includes(type) ? ` for a ${type} event` : '';
}

function formatMessage(input: unknown): string {
  if (input === undefined) return `required: write format: ${CASE_FORMAT} at the top of the file`;
  if (typeof input === 'string' && input.startsWith('hqs-evaluation/')) {
    return `this is an evaluation (${input}), not a case; a case file has format: ${CASE_FORMAT}`;
  }
  if (typeof input === 'string' && /^hqs-case\/\d+$/.test(input)) {
    return `unsupported version "${input}": this program reads ${CASE_FORMAT}`;
  }
  return `expected "${CASE_FORMAT}", got ${show(input)}`;
}

function issueToErrors(issue: z.core.$ZodIssue, data: unknown): RawIssue[] {
  const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  const input = (issue as { input?: unknown }).input;
  const coded = issueCode(issue);
  const one = (message: string): RawIssue[] => [{ path, message, ...coded }];
  if (path.length === 1 && path[0] === 'format' && issue.code !== 'custom')
    return [{ path, message: formatMessage(input), code: input === undefined ? 'required' : 'case.format' }];
  const schema = schemaAt(path, data);
  const expected = expectedOf(schema);

  switch (issue.code) {
    case 'invalid_type': {
      if (input === undefined) return one(`required${eventContext(path, data)}: ${expected ?? issue.expected}`);
      if (issue.expected === 'int') return one(`expected a whole number, got ${show(input)}`);
      if (typeof input === 'number' && issue.expected === 'string') {
        return one(`expected ${expected ?? 'text'}, got the number ${show(input)} (write it in quotes)`);
      }
      return one(`expected ${expected ?? issue.expected}, got ${show(input)}`);
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      if (input === undefined) return one(`required${eventContext(path, data)}: one of ${values.join(', ')}`);
      if (values.length === 1) return one(`expected ${JSON.stringify(values[0])}, got ${show(input)}`);
      return one(`unknown value ${show(input)} (expected one of ${values.join(', ')})${suggestion(input, values)}`);
    }
    case 'invalid_union': {
      const disc = (issue as { discriminator?: string }).discriminator;
      if (disc === undefined) return one(issue.message);
      const tag = field(input, disc);
      const options = ((issue as { options?: unknown[] }).options ?? EVENT_TYPES).map(String);
      if (tag === undefined) return one(`required: the event type, one of ${options.join(', ')}`);
      const hint = suggestion(tag, options);
      return one(`unknown event type ${show(tag)}${hint !== '' ? hint : ` (expected one of ${options.join(', ')})`}`);
    }
    case 'invalid_format': {
      if (issue.format === 'date') {
        if (typeof input === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(input)) return one(`not a real date (${input})`);
        return one(`expected a date as YYYY-MM-DD, got ${show(input)}`);
      }
      if (issue.format === 'email') return one(`not a valid email address (${show(input)})`);
      const fixed = fixedSpelling(schema, input);
      return one(
        `expected ${expected ?? 'text of another form'}, got ${show(input)}${fixed !== undefined ? `; did you mean "${fixed}"?` : ''}`,
      );
    }
    case 'too_small': {
      if (issue.origin === 'array')
        return one(`must not be empty${expected !== undefined ? ` (expected ${expected})` : ''}`);
      if (issue.origin === 'string') return one('must not be empty');
      if (issue.minimum === 0 && issue.inclusive) return one(`must not be negative (got ${show(input)})`);
      return one(`must be at least ${String(issue.minimum)} (got ${show(input)})`);
    }
    case 'too_big':
      return one(`must be at most ${String(issue.maximum)} (got ${show(input)})`);
    case 'unrecognized_keys': {
      const def = schema === undefined ? undefined : defOf(schema);
      const allowed = Object.keys(def?.shape ?? {});
      const where = eventContext(path, data);
      return issue.keys.map((key) => {
        const hint = suggestion(key, allowed);
        const list = allowed.length > 0 && allowed.length <= 12 ? ` (allowed: ${allowed.join(', ')})` : '';
        return {
          path: [...path, key],
          message: `unknown field${where}${hint !== '' ? hint : list}`,
          code: 'unknown-field',
        };
      });
    }
    default:
      return one(issue.message);
  }
}

// ——— Ordering and positions ———

const SECTION_ORDER = ['format', 'id', 'asOf', 'employer', 'people', 'contract', 'events', 'documents'];

function sectionRank(path: readonly PathSegment[]): [number, number] {
  const first = path[0];
  const rank = typeof first === 'string' ? SECTION_ORDER.indexOf(first) : -1;
  const index = typeof path[1] === 'number' ? path[1] : -1;
  return [rank === -1 ? (path.length === 0 ? -1 : SECTION_ORDER.length) : rank, index];
}

function positionOf(path: readonly PathSegment[], positions: Map<string, Position>): Position | undefined {
  for (let n = path.length; n > 0; n--) {
    const pos = positions.get(formatPath(path.slice(0, n)));
    if (pos !== undefined) return pos;
  }
  return undefined;
}

function finish(raw: RawIssue[], positions: Map<string, Position>): CaseError[] {
  const seen = new Set<string>();
  const unique = raw.filter((r) => {
    const key = `${formatPath(r.path)}\u0000${r.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // Text input: in the order of the file (a missing top-level section first); otherwise by section.
  const ranked = unique.map((r, order) => ({
    r,
    order,
    rank: sectionRank(r.path),
    pos: positionOf(r.path, positions),
  }));
  const byLine = positions.size > 0;
  ranked.sort(
    (a, b) =>
      (byLine ? (a.pos?.line ?? 0) - (b.pos?.line ?? 0) : 0) ||
      a.rank[0] - b.rank[0] ||
      a.rank[1] - b.rank[1] ||
      a.order - b.order,
  );
  return ranked.map(({ r, pos }) => {
    const error: CaseError = {
      path: r.path.length === 0 ? ROOT_PATH : formatPath(r.path),
      message: r.message,
      code: r.code ?? 'invalid',
      ...(r.params ? { params: r.params } : {}),
    };
    if (pos !== undefined) {
      error.line = pos.line;
      error.column = pos.column;
    }
    return error;
  });
}

// ——— Public API ———

/** Checks an already loaded value (a parsed JSON body, say) as a case. */
function validate(
  data: unknown,
  opts: CheckTables & { innUnknown?: boolean | undefined },
  positions: Map<string, Position>,
): ParseResult {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const what = data === null || data === undefined ? 'the file is empty' : `got ${show(data)}`;
    return {
      ok: false,
      errors: [
        {
          path: ROOT_PATH,
          message: `${what}; expected a case: a mapping with format: ${CASE_FORMAT}, employer, people, contract`,
          code: 'case.not-a-case',
        },
      ],
    };
  }
  const format = field(data, 'format');
  if (typeof format === 'string' && format !== CASE_FORMAT && /^hqs-/.test(format)) {
    // Another document or version: the field-by-field errors would only be noise.
    return {
      ok: false,
      errors: finish([{ path: ['format'], message: formatMessage(format), code: 'case.format' }], positions),
    };
  }
  const parsed = (opts.innUnknown ? CaseWithoutInnSchema : CaseSchema).safeParse(data, { reportInput: true });
  const raw: RawIssue[] = [];
  if (!parsed.success) for (const issue of parsed.error.issues) raw.push(...issueToErrors(issue, data));
  raw.push(...crossFieldIssues(data, opts));
  if (raw.length > 0 || !parsed.success) return { ok: false, errors: finish(raw, positions) };
  // Without an INN only where the caller allowed it (the engine never reads it).
  return { ok: true, case: parsed.data as Case };
}

/**
 * Parses and checks a case file. `input` is JSON or YAML text, or an already parsed value. Every problem
 * is reported at once: for text in the order of the file, for a value by section (employer, people…).
 */
export function parseCase(input: string | unknown, opts: ParseCaseOptions): ParseResult {
  if (typeof input !== 'string') {
    opts.inspect?.(input);
    return validate(input, opts, new Map());
  }
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const format = opts.format ?? detectFormat(text, opts.fileName);
  if (format === 'json') {
    // Most JSON arrives valid, without duplicate keys or numbers where text is expected: then the YAML
    // pass (positions for error lines, exact digits) changes nothing, and JSON.parse is ~10× faster.
    const plain = plainJson(text);
    if (plain !== undefined) {
      opts.inspect?.(plain);
      const r = validate(plain, opts, new Map());
      if (r.ok) return r;
    }
  }
  const loaded = format === 'json' ? loadJson(text) : loadYaml(text, 'YAML');
  if (!loaded.ok) return { ok: false, errors: loaded.errors };
  opts.inspect?.(loaded.loaded.value);
  return validate(loaded.loaded.value, opts, loaded.loaded.positions);
}

/**
 * One line per error: `people[0].birthDate: not a real date (2025-02-30)`, prefixed with
 * `FILE:LINE: ` when a file name is given and the line is known.
 */
export function formatCaseErrors(errors: readonly CaseError[], fileName?: string): string {
  return errors
    .map((e) => {
      const where = fileName === undefined ? '' : e.line !== undefined ? `${fileName}:${e.line}: ` : `${fileName}: `;
      return `${where}${e.path}: ${e.message}`;
    })
    .join('\n');
}

/** The case as JSON text (two-space indent, trailing newline). */
export function caseToJson(c: Case): string {
  return `${JSON.stringify(c, null, 2)}\n`;
}

/** The case as YAML text that parseCase reads back to the same case (digits and codes stay text). */
export function caseToYaml(c: Case): string {
  return stringify(c, { schema: 'core', lineWidth: 0 });
}
