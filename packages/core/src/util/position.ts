import type { OffsetMap } from '../types.ts';

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
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.#starts[lo]! + 1 };
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
 * Build an offset map for a decoded string whose raw form is `raw` (a quoted or block scalar, a JSON string),
 * starting at raw offset `rawStart`. Works for JSON escapes, YAML double/single-quoted, plain and block
 * scalars: it walks both texts once, skipping indentation, line folds, quotes and escape sequences.
 * Linear in raw.length + decoded.length.
 */
export function alignDecoded(raw: string, rawStart: number, decoded: string, escapes: boolean): OffsetMap {
  if (raw === decoded) return { base: rawStart };
  const offsets = new Int32Array(decoded.length + 1);
  let p = 0;
  for (let i = 0; i < decoded.length; i++) {
    const c = decoded[i]!;
    let matched = false;
    // Skip raw characters that decode to nothing: quotes, indentation, fold whitespace, line continuations.
    while (p < raw.length) {
      const r = raw[p]!;
      if (escapes && r === '\\') {
        const esc = decodeEscape(raw, p);
        if (esc) {
          if (esc.text === '') {
            p += esc.length;
            continue;
          }
          if (esc.text[0] === c) {
            offsets[i] = rawStart + p;
            // A \U escape above the BMP decodes to two units: map both to the escape.
            if (esc.text.length === 2 && decoded[i + 1] === esc.text[1]) offsets[++i] = rawStart + p;
            p += esc.length;
            matched = true;
          }
          break;
        }
      }
      if (r === c) {
        offsets[i] = rawStart + p;
        p += !escapes && c === "'" && raw[p + 1] === "'" && decoded[i + 1] !== "'" ? 2 : 1;
        matched = true;
        break;
      }
      // Folding: a decoded space or newline may stand for a raw line break plus indentation.
      if ((c === ' ' || c === '\n') && (r === '\n' || r === '\r')) {
        offsets[i] = rawStart + p;
        p++;
        if (raw[p] === '\n' && r === '\r') p++;
        while (p < raw.length && (raw[p] === ' ' || raw[p] === '\t')) p++;
        matched = true;
        break;
      }
      if (r === ' ' || r === '\t' || r === '\n' || r === '\r' || r === '"' || r === "'") {
        p++;
        continue;
      }
      break;
    }
    if (!matched) {
      // Best effort: map to the current raw position and move on.
      offsets[i] = rawStart + Math.min(p, Math.max(0, raw.length - 1));
      if (p < raw.length) p++;
    }
  }
  offsets[decoded.length] = rawStart + Math.min(p, raw.length);
  return { base: rawStart, offsets };
}

function decodeEscape(raw: string, p: number): { text: string; length: number } | undefined {
  const n = raw[p + 1];
  if (n === undefined) return undefined;
  if (n === '\n') {
    let q = p + 2;
    while (raw[q] === ' ' || raw[q] === '\t') q++;
    return { text: '', length: q - p };
  }
  if (n === '\r') {
    let q = p + 2;
    if (raw[q] === '\n') q++;
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
