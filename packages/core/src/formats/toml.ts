import { parse as parseTomlData, TomlError } from 'smol-toml';
import { alignDecoded } from '../util/position.ts';
import type { CommentNode, OffsetMap, ParseProblem } from '../types.ts';
import type { JNode } from './tree.ts';
import { depthMessage, parseLimits, recordLimitHit } from '../limits.ts';

/**
 * TOML (Codex `config.toml`): `smol-toml` validates the file and decodes the values; a single linear scan of
 * the raw text (valid TOML only, so it needs no error recovery) gives every key and value its raw range.
 * The two are joined by key path into the shared position-keeping tree (formats/tree.ts).
 */
export interface TomlParseResult {
  readonly root?: JNode;
  readonly comments: CommentNode[];
  readonly error?: ParseProblem;
}

type MObject = { kind: 'object'; start: number; end: number; entries: MEntry[] };
type MArray = { kind: 'array'; start: number; end: number; items: MNode[] };
type MScalar = { kind: 'string' | 'number' | 'boolean' | 'null'; start: number; end: number; value: string | number | boolean | null; map?: OffsetMap };
type MNode = MObject | MArray | MScalar;
type MEntry = { key: string; keyStart: number; keyEnd: number; value: MNode | undefined };

export function parseToml(text: string): TomlParseResult {
  const comments: CommentNode[] = [];
  const { maxDepth } = parseLimits();
  let data: unknown;
  try {
    // smol-toml counts inline nesting only; the scanner below also counts tables and dotted keys.
    data = parseTomlData(text, { maxDepth: maxDepth + 1 });
  } catch (e) {
    const err = e as TomlError;
    const offset = err instanceof TomlError ? offsetOf(text, err.line, err.column) : 0;
    if (/excessively nested/.test(String((e as Error).message))) return tooDeep(comments, maxDepth, offset);
    const message = String((e as Error).message ?? e).split('\n')[0]!.replace(/^Invalid TOML document:\s*/, '');
    return { comments, error: { message: `TOML: ${message}`, offset } };
  }
  try {
    const root = new Scanner(text, comments, maxDepth).document();
    fill(root, data, 0, maxDepth);
    growEnds(root, 0, maxDepth);
    return { root: root as JNode, comments };
  } catch (e) {
    if (e instanceof TooDeep) return tooDeep(comments, maxDepth, e.offset);
    return { comments, error: { message: `TOML: ${(e as Error).message}`, offset: 0 } };
  }
}

class TooDeep extends Error {
  constructor(readonly offset: number) {
    super('too deep');
  }
}

function tooDeep(comments: CommentNode[], maxDepth: number, offset: number): TomlParseResult {
  const message = depthMessage('TOML', maxDepth);
  recordLimitHit({ limit: 'maxDepth', value: maxDepth, offset, message });
  return { comments, error: { message, offset } };
}

function offsetOf(text: string, line: number, column: number): number {
  let off = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) return text.length;
    off = nl + 1;
  }
  return Math.min(text.length, off + Math.max(0, column - 1));
}

/** A table's range covers everything later headers and dotted keys added to it. */
function growEnds(n: MNode, depth: number, max: number): number {
  if (depth > max) return n.end;
  if (n.kind === 'object') for (const e of n.entries) if (e.value) n.end = Math.max(n.end, growEnds(e.value, depth + 1, max));
  if (n.kind === 'array') for (const item of n.items) n.end = Math.max(n.end, growEnds(item, depth + 1, max));
  return n.end;
}

/** Put the decoded values (from smol-toml) into the positioned tree. */
function fill(n: MNode | undefined, data: unknown, depth: number, max: number): void {
  if (!n || depth > max) return;
  if (n.kind === 'object') {
    for (const e of n.entries) fill(e.value, data && typeof data === 'object' ? (data as Record<string, unknown>)[e.key] : undefined, depth + 1, max);
  } else if (n.kind === 'array') {
    n.items.forEach((item, i) => fill(item, Array.isArray(data) ? data[i] : undefined, depth + 1, max));
  } else if (n.kind === 'string') {
    if (typeof data === 'string') n.value = data;
  } else if (typeof data === 'number' || typeof data === 'bigint') {
    n.kind = 'number';
    n.value = Number(data);
  } else if (typeof data === 'boolean') {
    n.kind = 'boolean';
    n.value = data;
  } else if (n.kind === 'null') {
    // Dates and times: kept as their text.
    n.kind = 'string';
    n.value = String(n.value);
    n.map = { base: n.start };
  }
}

const BARE_KEY = /[A-Za-z0-9_-]/;

class Scanner {
  private i = 0;
  private readonly root: MObject;
  constructor(private readonly text: string, private readonly comments: CommentNode[], private readonly maxDepth: number) {
    this.root = { kind: 'object', start: 0, end: text.length, entries: [] };
  }

  document(): MObject {
    let table = this.root;
    let tableDepth = 0;
    const t = this.text;
    while (this.i < t.length) {
      this.skipTrivia(true);
      if (this.i >= t.length) break;
      const c = t[this.i];
      if (c === '[') {
        const start = this.i;
        const arrayTable = t[this.i + 1] === '[';
        this.i += arrayTable ? 2 : 1;
        const keys = this.keyPath();
        // `[a.b.c]` nests three tables; `[[a.b]]` adds the array level.
        tableDepth = keys.length + (arrayTable ? 1 : 0);
        if (tableDepth > this.maxDepth) throw new TooDeep(start);
        this.skipSpaces();
        this.i += arrayTable ? 2 : 1;
        table = this.openTable(keys, arrayTable, start, this.i);
        continue;
      }
      const end = this.keyValue(table, tableDepth);
      if (table !== this.root) table.end = Math.max(table.end, end);
    }
    return this.root;
  }

  private openTable(keys: { key: string; start: number; end: number }[], arrayTable: boolean, start: number, end: number): MObject {
    let obj = this.root;
    keys.forEach((k, idx) => {
      const last = idx === keys.length - 1;
      let e = obj.entries.find((x) => x.key === k.key);
      if (last && arrayTable) {
        if (!e) {
          e = { key: k.key, keyStart: k.start, keyEnd: k.end, value: { kind: 'array', start, end, items: [] } };
          obj.entries.push(e);
        }
        const arr = e.value as MArray;
        const table: MObject = { kind: 'object', start, end, entries: [] };
        arr.items.push(table);
        arr.end = end;
        obj = table;
        return;
      }
      if (!e) {
        e = { key: k.key, keyStart: k.start, keyEnd: k.end, value: { kind: 'object', start, end, entries: [] } };
        obj.entries.push(e);
      }
      const v = e.value!;
      // `[a.b]` inside an array of tables `[[a]]` adds to its last element.
      obj = v.kind === 'array' ? (v.items[v.items.length - 1] as MObject) : (v as MObject);
    });
    return obj;
  }

  /** `key.path = value` into `table`; returns the end offset of the value. */
  private keyValue(table: MObject, tableDepth: number): number {
    const lineStart = this.i;
    const keys = this.keyPath();
    const depth = tableDepth + keys.length - 1;
    if (depth > this.maxDepth) throw new TooDeep(lineStart);
    this.skipSpaces();
    if (this.text[this.i] !== '=') throw new Error(`expected '=' at ${this.i}`);
    this.i++;
    this.skipSpaces();
    const value = this.value(depth);
    let obj = table;
    for (let k = 0; k < keys.length - 1; k++) {
      const key = keys[k]!;
      let e = obj.entries.find((x) => x.key === key.key);
      if (!e) {
        e = { key: key.key, keyStart: key.start, keyEnd: key.end, value: { kind: 'object', start: lineStart, end: value.end, entries: [] } };
        obj.entries.push(e);
      }
      obj = e.value as MObject;
      obj.end = Math.max(obj.end, value.end);
    }
    const last = keys[keys.length - 1]!;
    obj.entries.push({ key: last.key, keyStart: last.start, keyEnd: last.end, value });
    return value.end;
  }

  private keyPath(): { key: string; start: number; end: number }[] {
    const keys: { key: string; start: number; end: number }[] = [];
    const t = this.text;
    for (;;) {
      this.skipSpaces();
      const c = t[this.i];
      if (c === '"' || c === "'") {
        const start = this.i + 1;
        const end = this.stringEnd(this.i, c, false);
        const raw = t.slice(start, end);
        keys.push({ key: c === "'" ? raw : decodeBasic(raw), start, end });
        this.i = end + 1;
      } else {
        const start = this.i;
        while (this.i < t.length && BARE_KEY.test(t[this.i]!)) this.i++;
        if (this.i === start) throw new Error(`expected a key at ${start}`);
        keys.push({ key: t.slice(start, this.i), start, end: this.i });
      }
      this.skipSpaces();
      if (t[this.i] !== '.') return keys;
      this.i++;
    }
  }

  private value(depth: number): MNode {
    if (depth > this.maxDepth) throw new TooDeep(this.i);
    const t = this.text;
    const c = t[this.i];
    if (c === '"' || c === "'") {
      const multi = t.startsWith(c.repeat(3), this.i);
      const open = this.i;
      let start = open + (multi ? 3 : 1);
      const end = this.stringEnd(open, c, multi);
      this.i = end + (multi ? 3 : 1);
      // A newline right after the opening delimiter is trimmed.
      if (multi && t[start] === '\n') start += 1;
      else if (multi && t[start] === '\r' && t[start + 1] === '\n') start += 2;
      const raw = t.slice(start, end);
      const value = c === "'" ? raw : decodeBasic(raw);
      return { kind: 'string', start, end, value, map: c === "'" ? { base: start } : alignDecoded(raw, start, value, 'toml') };
    }
    if (c === '[') {
      const arr: MArray = { kind: 'array', start: this.i, end: this.i, items: [] };
      this.i++;
      for (;;) {
        this.skipTrivia(true);
        if (t[this.i] === ']') break;
        arr.items.push(this.value(depth + 1));
        this.skipTrivia(true);
        if (t[this.i] === ',') this.i++;
        else if (t[this.i] !== ']') throw new Error(`unexpected character in array at ${this.i}`);
      }
      this.i++;
      arr.end = this.i;
      return arr;
    }
    if (c === '{') {
      const obj: MObject = { kind: 'object', start: this.i, end: this.i, entries: [] };
      this.i++;
      for (;;) {
        this.skipTrivia(true);
        if (t[this.i] === '}') break;
        this.keyValue(obj, depth + 1);
        this.skipTrivia(true);
        if (t[this.i] === ',') this.i++;
        else if (t[this.i] !== '}') throw new Error(`unexpected character in inline table at ${this.i}`);
      }
      this.i++;
      obj.end = this.i;
      return obj;
    }
    // Bare scalar: boolean, number, date-time (which may hold one space between date and time).
    const start = this.i;
    while (this.i < t.length && !/[,\]}#\r\n]/.test(t[this.i]!)) this.i++;
    let end = this.i;
    while (end > start && (t[end - 1] === ' ' || t[end - 1] === '\t')) end--;
    this.i = end;
    // Typed by `fill` from the decoded data (a number, a boolean, or a date kept as text).
    return { kind: 'null', start, end, value: t.slice(start, end) };
  }

  /** Offset of the closing delimiter of a string opened at `open`. */
  private stringEnd(open: number, q: string, multi: boolean): number {
    const t = this.text;
    let j = open + (multi ? 3 : 1);
    const basic = q === '"';
    while (j < t.length) {
      const ch = t[j];
      if (basic && ch === '\\') {
        j += 2;
        continue;
      }
      if (ch === q) {
        if (!multi) return j;
        if (t.startsWith(q.repeat(3), j)) {
          // Up to two quotes may sit right before the closing delimiter.
          let k = j + 3;
          while (k < t.length && t[k] === q && k < j + 5) k++;
          return k - 3;
        }
      }
      j++;
    }
    throw new Error(`unterminated string at ${open}`);
  }

  private skipSpaces(): void {
    const t = this.text;
    while (this.i < t.length && (t[this.i] === ' ' || t[this.i] === '\t')) this.i++;
  }

  /** Whitespace, line breaks and comments (collected). */
  private skipTrivia(newlines: boolean): void {
    const t = this.text;
    while (this.i < t.length) {
      const ch = t[this.i];
      if (ch === ' ' || ch === '\t' || (newlines && (ch === '\n' || ch === '\r'))) this.i++;
      else if (ch === '#') {
        const start = this.i;
        let end = t.indexOf('\n', start);
        if (end < 0) end = t.length;
        if (t[end - 1] === '\r') end--;
        this.comments.push({ start, end, value: t.slice(start + 1, end), valueStart: start + 1 });
        this.i = end;
      } else return;
    }
  }
}

const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', e: '\x1b', '"': '"', '\\': '\\' };

/** Decode a TOML basic string body (used for keys; values come from smol-toml). */
function decodeBasic(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const n = raw[i + 1] ?? '';
    if (n === 'u' || n === 'U') {
      const len = n === 'u' ? 4 : 8;
      const cp = parseInt(raw.slice(i + 2, i + 2 + len), 16);
      out += Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
      i += 1 + len;
    } else if (n === '\n' || n === '\r' || n === ' ' || n === '\t') {
      // Line-ending backslash: skip the break and the following whitespace.
      let j = i + 1;
      while (j < raw.length && /[ \t\r\n]/.test(raw[j]!)) j++;
      i = j - 1;
    } else {
      out += ESCAPES[n] ?? n;
      i++;
    }
  }
  return out;
}
