/**
 * Text normalisation for phrase matching, with an offset map back to the original text.
 *
 * The normalised text is what keyword rules match against; a match `[s, e)` in it maps back to the raw range
 * `[starts[s], ends[e - 1])` of the input. Steps, all in one linear pass:
 *
 * 1. Drop invisible characters: zero-width (U+200B–200D, U+2060, U+FEFF, U+180E), soft hyphen (U+00AD) and
 *    Unicode tag characters (U+E0000–E007F); and the CR of each CRLF, so that a file saved on Windows matches
 *    exactly as its LF copy (a line break is one character to every bounded window).
 * 2. NFKC, one base character plus its combining marks at a time (full-width letters, ligatures, compatibility
 *    forms, decomposed accents).
 * 3. Lower-case.
 * 4. Leetspeak: 0→o, 1→i, 3→e, 4→a, 5→s, 7→t, @→a, $→s, but only for a character that touches a letter
 *    (so "2024", "$100" and "a@b" in an address keep their meaning as far as a phrase matcher cares).
 * 5. Separators between letters: a run of at least three single letters split by one and the same separator
 *    ("i g n o r e", "i.g.n.o.r.e", "i-g-n-o-r-e") is joined, and `-`, `_`, `*`, `~` (up to three in a row)
 *    between two letters inside a word are dropped ("ig-nore", "ig**nore").
 *
 * Everything is O(n) in the input length: each step looks at a bounded neighbourhood of each character.
 */

import { stringFromCodes } from './codes.ts';

export interface NormalizedText {
  /** The normalised text. */
  readonly text: string;
  /** Raw start offset of each normalised code unit; absent when the text kept its length (unit k is raw k). */
  readonly starts?: Int32Array;
  /** Raw end offset (exclusive) of each normalised code unit; absent like `starts`. */
  readonly ends?: Int32Array;
}

/** Characters removed before matching (zero-width, soft hyphen, Mongolian vowel separator, BOM). */
export function isInvisible(cp: number): boolean {
  return (
    (cp >= 0x200b && cp <= 0x200d) || cp === 0x2060 || cp === 0xfeff || cp === 0x180e || cp === 0x00ad ||
    (cp >= 0xe0000 && cp <= 0xe007f)
  );
}

/** ASCII lookup tables: leet substitutes (0 = none), separators. */
const LEET = new Uint8Array(128);
for (const [from, to] of [['0', 'o'], ['1', 'i'], ['3', 'e'], ['4', 'a'], ['5', 's'], ['7', 't'], ['@', 'a'], ['$', 's']] as const) LEET[from.charCodeAt(0)] = to.charCodeAt(0);
const INNER_SEPARATORS = new Uint8Array(128);
for (const c of '-_*~') INNER_SEPARATORS[c.charCodeAt(0)] = 1;
const SPACED_SEPARATORS = new Uint8Array(128);
for (const c of ' .-_*/|,+~:') SPACED_SEPARATORS[c.charCodeAt(0)] = 1;

const COMBINING = /\p{M}/u;
const LETTER = /\p{L}/u;
/** Per-code-point caches (bounded by the number of distinct characters in the input). */
const FOLD_CACHE = new Map<number, string>();
const MARK_CACHE = new Map<number, boolean>();
const LETTER_CACHE = new Map<number, boolean>();

function isMark(cp: number): boolean {
  if (cp < 0x300) return false;
  let v = MARK_CACHE.get(cp);
  if (v === undefined) {
    v = COMBINING.test(String.fromCodePoint(cp));
    if (MARK_CACHE.size < 65536) MARK_CACHE.set(cp, v);
  }
  return v;
}

function isLetterUnit(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  let v = LETTER_CACHE.get(code);
  if (v === undefined) {
    v = code >= 0xd800 && code <= 0xdfff ? false : LETTER.test(String.fromCharCode(code));
    if (LETTER_CACHE.size < 65536) LETTER_CACHE.set(code, v);
  }
  return v;
}

function foldCluster(cluster: string, cp: number, single: boolean): string {
  if (single) {
    let v = FOLD_CACHE.get(cp);
    if (v === undefined) {
      v = cluster.normalize('NFKC').toLowerCase();
      if (v.length > 8) v = v.slice(0, 8);
      if (FOLD_CACHE.size < 65536) FOLD_CACHE.set(cp, v);
    }
    return v;
  }
  const v = cluster.normalize('NFKC').toLowerCase();
  return v.length > 8 ? v.slice(0, 8) : v;
}

/** Growable parallel arrays: output code unit, raw start, raw end. */
class Units {
  codes: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.codes = new Uint16Array(Math.max(16, capacity));
    this.starts = new Int32Array(Math.max(16, capacity));
    this.ends = new Int32Array(Math.max(16, capacity));
  }
  push(code: number, start: number, end: number): void {
    if (this.length === this.codes.length) {
      const n = this.codes.length * 2;
      const c = new Uint16Array(n); c.set(this.codes); this.codes = c;
      const s = new Int32Array(n); s.set(this.starts); this.starts = s;
      const e = new Int32Array(n); e.set(this.ends); this.ends = e;
    }
    this.codes[this.length] = code;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }
}

/** Steps 1–3: invisible removal, NFKC per base+marks cluster, lower-casing. */
function foldUnits(input: string): Units {
  const n = input.length;
  const units = new Units(n + 16);
  let i = 0;
  while (i < n) {
    const code = input.charCodeAt(i);
    if (code === 13 && input.charCodeAt(i + 1) === 10) {
      i++;
      continue;
    }
    if (code < 0x80 && !(i + 1 < n && input.charCodeAt(i + 1) >= 0x300 && isMark(input.codePointAt(i + 1)!))) {
      units.push(code >= 0x41 && code <= 0x5a ? code + 32 : code, i, i + 1);
      i++;
      continue;
    }
    const cp = input.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (isInvisible(cp)) {
      i += width;
      continue;
    }
    let j = i + width;
    // Attach combining marks (at most 16, so a long run of marks stays linear).
    let marks = 0;
    while (j < n && marks < 16) {
      const next = input.codePointAt(j)!;
      if (isInvisible(next) || !isMark(next)) break;
      j += next > 0xffff ? 2 : 1;
      marks++;
    }
    const folded = foldCluster(input.slice(i, j), cp, marks === 0);
    for (let t = 0; t < folded.length; t++) units.push(folded.charCodeAt(t), i, j);
    i = j;
  }
  return units;
}

const NON_ASCII = /[^\x00-\x7f]/;
/** Cheap pre-checks for lower-cased ASCII text (over-approximations of what steps 4 and 5 change). */
const LEET_NEAR_LETTER = /[a-z][013457@$]|[013457@$][a-z]/;
/** Step 5b's trigger: one to three of the same inner separator between two letters. */
const INNER_SEPARATOR_RUN = /[a-z]([-_*~])\1{0,2}[a-z]/;
/** Step 5a's trigger: three single letters split by one and the same separator. */
const SPACED_LETTERS = /(?<![a-z])[a-z]([ .\-_*/|,+~:])[a-z]\1[a-z](?![a-z])/;

/** Normalise `input` for phrase matching; see the module comment. */
export function normalizeForMatching(input: string): NormalizedText {
  // ASCII text (most prompts) needs no NFKC and no invisible-character pass: lower-case it natively, and keep
  // the identity offset map unless a leet or separator step changed something.
  if (!NON_ASCII.test(input)) {
    const lower = input.toLowerCase();
    const crlf = lower.indexOf('\r\n');
    // Nothing for steps 4 and 5 to do: no leet character touching a letter, no separator between letters.
    if (crlf < 0 && !LEET_NEAR_LETTER.test(lower) && !INNER_SEPARATOR_RUN.test(lower) && !SPACED_LETTERS.test(lower)) return { text: lower };
    const m = lower.length;
    const codes = new Uint16Array(m);
    for (let k = 0; k < m; k++) codes[k] = lower.charCodeAt(k);
    let drop = leetAndSeparators(codes, m);
    if (crlf >= 0) {
      drop ??= new Uint8Array(m);
      for (let k = crlf; k >= 0; k = lower.indexOf('\r\n', k + 2)) drop[k] = 1;
    }
    if (!drop) return { text: lower };
    return build(codes, m, drop, undefined, undefined);
  }
  const units = foldUnits(input);
  const drop = leetAndSeparators(units.codes, units.length);
  return build(units.codes, units.length, drop, units.starts, units.ends);
}

/** The full steps without the ASCII shortcuts (for tests that check the shortcuts change nothing). */
export function normalizeForMatchingFull(input: string): NormalizedText {
  const units = foldUnits(input);
  const drop = leetAndSeparators(units.codes, units.length);
  return build(units.codes, units.length, drop, units.starts, units.ends);
}

/**
 * Steps 4 and 5 on `codes[0..m)` in place: leet substitution next to letters, and the separators to drop.
 * Returns the drop mask, or undefined when nothing changed at all.
 */
function leetAndSeparators(codes: Uint16Array, m: number): Uint8Array | undefined {
  let changed = false;
  // Step 4: leetspeak next to a letter.
  const isL = new Uint8Array(m);
  for (let k = 0; k < m; k++) isL[k] = isLetterUnit(codes[k]!) ? 1 : 0;
  for (let k = 0; k < m; k++) {
    const c = codes[k]!;
    const sub = c < 128 ? LEET[c]! : 0;
    if (sub === 0) continue;
    const prev = k > 0 && isL[k - 1] === 1;
    const next = k + 1 < m && isL[k + 1] === 1;
    if (!prev && !next) continue;
    // '@' between two letters is an e-mail address or a handle: leave it.
    if (codes[k] === 0x40 && prev && next) continue;
    codes[k] = sub;
    isL[k] = 1;
    changed = true;
  }

  // Step 5: separators.
  const drop = new Uint8Array(m);
  // 5a: spaced single letters: L s L s L ... with one separator character s repeated.
  let k = 0;
  while (k < m) {
    if (isL[k] && (k === 0 || !isL[k - 1]) && k + 2 < m && !isL[k + 1] && codes[k + 1]! < 128 && SPACED_SEPARATORS[codes[k + 1]!] === 1 && isL[k + 2]) {
      const sep = codes[k + 1]!;
      let count = 1;
      let p = k;
      while (p + 2 < m && codes[p + 1] === sep && isL[p + 2] && !(p + 3 < m && isL[p + 3])) {
        p += 2;
        count++;
      }
      if (count >= 3 && !(p + 1 < m && isL[p + 1])) {
        for (let q = k + 1; q < p; q += 2) drop[q] = 1;
        changed = true;
      }
      k = p + 1;
      continue;
    }
    k++;
  }
  // 5b: up to three '-', '_', '*', '~' between two letters.
  for (let q = 1; q < m; q++) {
    if (!isL[q - 1] || codes[q]! >= 128 || INNER_SEPARATORS[codes[q]!] !== 1) continue;
    let r = q;
    while (r < m && r - q < 3 && codes[r] === codes[q]) r++;
    if (r < m && isL[r]) {
      for (let t = q; t < r; t++) drop[t] = 1;
      changed = true;
    }
    q = r - 1;
  }
  return changed ? drop : undefined;
}

/** The normalised text and its offset map; `unitStarts`/`unitEnds` absent means unit k is raw k. */
function build(codes: Uint16Array, m: number, drop: Uint8Array | undefined, unitStarts: Int32Array | undefined, unitEnds: Int32Array | undefined): NormalizedText {
  const outCodes = new Uint16Array(m);
  const starts = new Int32Array(m);
  const ends = new Int32Array(m);
  let o = 0;
  for (let q = 0; q < m; q++) {
    if (drop && drop[q]) continue;
    outCodes[o] = codes[q]!;
    starts[o] = unitStarts ? unitStarts[q]! : q;
    ends[o] = unitEnds ? unitEnds[q]! : q + 1;
    o++;
  }
  return { text: stringFromCodes(outCodes, o), starts: starts.slice(0, o), ends: ends.slice(0, o) };
}

/** Raw range of the normalised range `[start, end)`. */
export function rawRangeOf(norm: NormalizedText, start: number, end: number): { start: number; end: number } {
  const n = norm.text.length;
  if (n === 0) return { start: 0, end: 0 };
  const first = Math.max(0, Math.min(start, n - 1));
  const s = norm.starts ? norm.starts[first]! : first;
  if (end <= start) return { start: s, end: s };
  const last = Math.max(0, Math.min(end - 1, n - 1));
  const e = norm.ends ? norm.ends[last]! : last + 1;
  return { start: s, end: Math.max(e, s) };
}
