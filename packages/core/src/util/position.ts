import type { OffsetMap, SegmentContext, TextSegment } from '../types.ts';
import { stringFromCodes } from './codes.ts';
import { lastAtMost } from './search.ts';

/** Line index over a text: offset <-> 1-based line/column in UTF-16 code units. */
export class LineIndex {
  readonly #starts: number[];
  readonly #length: number;

  constructor(text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.#starts = starts;
    this.#length = text.length;
  }

  /** 1-based line and column of an offset (clamped into the text). */
  locate(offset: number): { line: number; column: number } {
    const o = Math.max(0, Math.min(offset, this.#length));
    const k = lastAtMost(this.#starts, o);
    return { line: k + 1, column: o - this.#starts[k]! + 1 };
  }

  /** Offset of a 1-based line's first character. */
  lineStart(line: number): number {
    return this.#starts[Math.max(0, Math.min(line - 1, this.#starts.length - 1))]!;
  }

  get lineCount(): number {
    return this.#starts.length;
  }
}

/** Raw offset of decoded index `i` of a segment or field. */
export function rawOffset(map: OffsetMap, i: number): number {
  if (map.offsets) {
    const n = map.offsets.length;
    if (n === 0) return map.base;
    return map.offsets[Math.max(0, Math.min(i, n - 1))]!;
  }
  return map.base + i;
}

/** Raw range of a decoded range [start, end). The end maps to just after the last decoded unit's raw text. */
export function rawRange(map: OffsetMap, start: number, end: number): { start: number; end: number } {
  const s = rawOffset(map, start);
  if (end <= start) return { start: s, end: s };
  const e = rawOffset(map, end);
  return { start: s, end: Math.max(e, s + 1) };
}

export function exactMap(base: number): OffsetMap {
  return { base };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '0': '\0', a: '\x07', v: '\v',
  e: '\x1b', ' ': ' ', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029', '\t': '\t',
};

/**
 * How a decoded string was written:
 * - `json`: a JSON string body (quotes excluded), backslash escapes;
 * - `double` / `single`: a YAML quoted scalar body (quotes excluded): escapes, or `''`; both fold lines;
 * - `plain`: a YAML plain scalar (folds lines);
 * - `literal` / `folded`: a YAML block scalar's content lines (the header line excluded);
 * - `toml`: a TOML basic string body, one-line or multi-line: the escapes of `double` (`\U`, `\e`, `\xHH`,
 *   line-ending backslash), but line breaks and the indentation after them are content.
 */
export type ScalarStyle = 'json' | 'double' | 'single' | 'plain' | 'literal' | 'folded' | 'toml';

/** How far a mismatch may look ahead in the raw text to resynchronise (keeps the walk linear). */
const RESYNC_WINDOW = 16;

/**
 * Build an offset map for a decoded string whose raw form is `raw`, starting at raw offset `rawStart`.
 * It walks both texts once: escapes map each decoded unit to its escape sequence, a YAML `''` to its first
 * quote, a folded line break (a decoded space or newline) to the raw line break (CRLF counts as one), and
 * indentation, trailing whitespace and escaped line breaks are skipped. Block scalars strip exactly their
 * content indentation, so the spaces of more-indented lines map to their own columns.
 * Linear in raw.length + decoded.length, never throws, and the map never runs backwards. Unexpected input
 * (a decoder this walk does not model) degrades to the nearest raw position instead of drifting.
 * `style` may be a boolean for the historical signature: true = escapes (`double`), false = `plain`.
 */
export function alignDecoded(raw: string, rawStart: number, decoded: string, style: ScalarStyle | boolean, blockIndent?: number): OffsetMap {
  if (raw === decoded) return { base: rawStart };
  const s: ScalarStyle = style === true ? 'double' : style === false ? 'plain' : style;
  const escapes = s === 'json' || s === 'double' || s === 'toml';
  const block = s === 'literal' || s === 'folded';
  const indent = block ? (blockIndent ?? detectIndent(raw)) : 0;
  const offsets = new Int32Array(decoded.length + 1);
  let p = 0;
  // A block scalar's first line starts with indentation too.
  let lineStart = block;

  /** Skip the indentation of a line: all leading blanks of a flow scalar, at most `indent` spaces of a block one. */
  const skipIndent = () => {
    if (block) {
      for (let k = 0; k < indent && raw.charCodeAt(p) === 32; k++) p++;
    } else if (s !== 'toml') {
      while (p < raw.length && (raw[p] === ' ' || raw[p] === '\t')) p++;
    }
    lineStart = false;
  };
  /** Consume one raw line break (CRLF, LF or CR). */
  const skipBreak = () => {
    if (raw[p] === '\r' && raw[p + 1] === '\n') p += 2;
    else p++;
    lineStart = true;
  };

  for (let i = 0; i < decoded.length; i++) {
    const c = decoded[i]!;
    let matched = false;
    while (p < raw.length) {
      if (lineStart) {
        skipIndent();
        if (p >= raw.length) break;
      }
      const r = raw[p]!;
      if (escapes && r === '\\') {
        const esc = decodeEscape(raw, p, s === 'json');
        if (esc) {
          if (esc.text === '') {
            // An escaped line break: decodes to nothing, and the next line's indentation goes with it.
            p += esc.length;
            continue;
          }
          if (esc.text[0] === c) {
            offsets[i] = rawStart + p;
            // An escape above the BMP decodes to two units: both map to the escape.
            if (esc.text.length === 2 && decoded[i + 1] === esc.text[1]) offsets[++i] = rawStart + p;
            p += esc.length;
            matched = true;
          }
          break;
        }
      }
      if (s === 'single' && r === "'" && raw[p + 1] === "'") {
        if (c === "'") {
          offsets[i] = rawStart + p;
          p += 2;
          matched = true;
        }
        break;
      }
      if (r === c) {
        offsets[i] = rawStart + p;
        p++;
        if (c === '\n') lineStart = true;
        matched = true;
        break;
      }
      if (r === '\n' || r === '\r') {
        if (c === ' ' || c === '\n') {
          // A folded or normalised line break.
          offsets[i] = rawStart + p;
          skipBreak();
          matched = true;
          break;
        }
        // A line break that decodes to nothing (chomped, or folded into a following empty line).
        skipBreak();
        continue;
      }
      if (r === ' ' || r === '\t') {
        // Whitespace trimmed before a fold, or the rest of an empty line.
        p++;
        continue;
      }
      break;
    }
    if (!matched) {
      // Resynchronise on the next raw occurrence of the character, close by; else stay put.
      const limit = Math.min(raw.length, p + RESYNC_WINDOW);
      let q = p;
      while (q < limit && raw[q] !== c) q++;
      if (q < limit) {
        offsets[i] = rawStart + q;
        p = q + 1;
        lineStart = false;
      } else offsets[i] = rawStart + Math.min(p, raw.length);
    }
  }
  offsets[decoded.length] = rawStart + Math.min(p, raw.length);
  return { base: rawStart, offsets };
}

/** Content indentation of a block scalar: the indentation of its first non-empty line. */
function detectIndent(raw: string): number {
  let p = 0;
  while (p < raw.length) {
    let n = 0;
    while (raw.charCodeAt(p + n) === 32) n++;
    const c = raw[p + n];
    if (c !== '\n' && c !== '\r') return c === undefined ? 0 : n;
    p += n + 1;
  }
  return 0;
}

function decodeEscape(raw: string, p: number, json: boolean): { text: string; length: number } | undefined {
  const n = raw[p + 1];
  if (n === undefined) return undefined;
  if (json) {
    // JSON knows only these escapes (and \uXXXX below).
    if (!'"\\/bfnrtu'.includes(n)) return undefined;
  } else if (n === '\n' || n === '\r') {
    // YAML escaped line break: nothing, and the next line's leading blanks are dropped.
    let q = p + 2;
    if (n === '\r' && raw[q] === '\n') q++;
    while (raw[q] === ' ' || raw[q] === '\t') q++;
    return { text: '', length: q - p };
  }
  const simple = SIMPLE_ESCAPES[n];
  if (simple !== undefined) return { text: simple, length: 2 };
  const hexLen = n === 'x' ? 2 : n === 'u' ? 4 : n === 'U' ? 8 : 0;
  if (hexLen) {
    const hex = raw.slice(p + 2, p + 2 + hexLen);
    if (hex.length === hexLen && /^[0-9a-fA-F]+$/.test(hex)) {
      const cp = Number.parseInt(hex, 16);
      if (n === 'u') return { text: String.fromCharCode(cp), length: 2 + hexLen };
      if (cp > 0x10ffff) return undefined;
      return { text: String.fromCodePoint(cp), length: 2 + hexLen };
    }
  }
  return undefined;
}

/** The map of `value.slice(from, to)` for a string whose map is `map`. */
export function sliceMap(map: OffsetMap, from: number, to: number): OffsetMap {
  if (!map.offsets) return { base: map.base + from };
  const n = Math.max(0, to - from);
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) offsets[i] = rawOffset(map, from + i);
  return { base: offsets[0] ?? map.base, offsets };
}

/**
 * Compose maps for text decoded twice (a JSON document inside a JSON string): `inner` maps indexes of the
 * innermost value to indexes into the outer decoded string, `outer` maps those to raw file offsets.
 */
export function composeMap(outer: OffsetMap, inner: OffsetMap, length: number): OffsetMap {
  const offsets = new Int32Array(length + 1);
  for (let i = 0; i <= length; i++) offsets[i] = rawOffset(outer, rawOffset(inner, i));
  return { base: offsets[0] ?? outer.base, offsets };
}

/**
 * The segment for raw text `text.slice(start, end)`, as rules read it: the CR of each CRLF removed, so that a
 * file saved on Windows gives the same findings, at the same lines and columns, as its LF copy (every bounded
 * window and blank-line test sees one line break). The map keeps every unit's raw offset.
 */
export function rawTextSegment(text: string, start: number, end: number, context: SegmentContext, path: TextSegment['path'] = []): TextSegment {
  const raw = text.slice(start, end);
  if (!raw.includes('\r\n')) return { value: raw, context, path, map: { base: start } };
  // One pass over the character codes (a regex replace of 200,000 CRLFs in 1 MB took 24 ms, this takes 5).
  const n = raw.length;
  const codes = new Uint16Array(n);
  const offsets = new Int32Array(n + 1);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    // The LF of a CRLF stands for both characters: it starts at the CR, so a range ending before it ends there.
    offsets[j] = start + i;
    codes[j++] = c;
    if (c === 13 && raw.charCodeAt(i + 1) === 10) {
      codes[j - 1] = 10;
      i++;
    }
  }
  offsets[j] = end;
  return { value: stringFromCodes(codes, j), context, path, map: { base: start, offsets: offsets.slice(0, j + 1) } };
}
