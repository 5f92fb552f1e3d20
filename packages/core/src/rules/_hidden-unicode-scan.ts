import type { SecuritySeverity } from '../types.ts';
import { sanitize } from '../util/mask.ts';
import { lastAtMost } from '../util/search.ts';

/**
 * One linear pass over a text that finds invisible and reordering characters used to hide instructions:
 * Unicode tag characters, bidi controls, zero-width characters, variation-selector smuggling and other
 * invisible format characters. Legitimate uses are kept apart: emoji ZWJ sequences (through grapheme
 * clusters), subdivision flags, ZWJ/ZWNJ in Arabic-script and Indic text, ZWSP in scripts written without
 * spaces, a single variation selector after an emoji or an ideograph, a single soft hyphen.
 */

export type HiddenKind =
  | 'tags'
  | 'bidiOverride'
  | 'bidiUnbalanced'
  | 'zeroWidthRun'
  | 'zeroWidthInWord'
  | 'bomInText'
  | 'selectorRun'
  | 'looseSelector'
  | 'hangulFiller'
  | 'privateUseRun'
  | 'unassignedRun'
  | 'softHyphenRun'
  | 'invisibleFormatRun';

export interface HiddenHit {
  /** Range in the scanned text (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
  kind: HiddenKind;
  data: Record<string, string | number>;
  severity: SecuritySeverity;
  /** Ranges to delete to neutralise the finding (absent when removal could change meaning). */
  remove?: [number, number][];
}

const MAX_HITS = 1000;
const MAX_SHOWN = 120;

const BIDI_NAMES: Readonly<Record<number, string>> = {
  0x202a: 'LEFT-TO-RIGHT EMBEDDING', 0x202b: 'RIGHT-TO-LEFT EMBEDDING', 0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE', 0x202e: 'RIGHT-TO-LEFT OVERRIDE', 0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE', 0x2068: 'FIRST STRONG ISOLATE', 0x2069: 'POP DIRECTIONAL ISOLATE',
};

const EXT_PICT = /\p{Extended_Pictographic}/u;
const EMOJI_BASE = /\p{Emoji}/u;
const WORD = /[\p{L}\p{M}\p{N}]/u;
const JOINING_SCRIPT = /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mandaic}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Mongolian}\p{Script=Tibetan}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const NO_SPACE_SCRIPT = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Javanese}\p{Script=Balinese}\p{Script=Tai_Tham}\u3000-\u303f\uff00-\uffef]/u;
const HAN = /\p{Script=Han}/u;
const UNASSIGNED = /\p{Cn}/u;

const hex = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** Extended_Pictographic, with a numeric fast path for the main emoji blocks (skin-tone modifiers excluded). */
function isExtPict(cp: number, s: string): boolean {
  if (cp >= 0x1f300 && cp <= 0x1faff) return cp < 0x1f3fb || cp > 0x1f3ff;
  return EXT_PICT.test(s);
}
function asciiWord(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a));
}
function isJoining(prevAscii: boolean, prevS: string, nextAscii: boolean, nextS: string): boolean {
  return (!prevAscii && JOINING_SCRIPT.test(prevS)) || (!nextAscii && JOINING_SCRIPT.test(nextS));
}
function isZeroWidth(cp: number): boolean {
  return cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x2060 || cp === 0x180e || cp === 0xfeff;
}
function isMark(cp: number): boolean {
  return cp === 0x200e || cp === 0x200f || cp === 0x061c;
}
function isSelector(cp: number): boolean {
  return (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
}
function isPrivateUse(cp: number): boolean {
  return (cp >= 0xe000 && cp <= 0xf8ff) || (cp >= 0xf0000 && cp <= 0xffffd) || (cp >= 0x100000 && cp <= 0x10fffd);
}
function isOtherFormat(cp: number): boolean {
  return (cp >= 0x2061 && cp <= 0x2064) || (cp >= 0xfff9 && cp <= 0xfffb) || cp === 0x17b4 || cp === 0x17b5 || (cp >= 0x1d173 && cp <= 0x1d17a) || cp === 0x034f;
}
function isConjoiningJamo(cp: number | undefined): boolean {
  return cp !== undefined && ((cp >= 0x1100 && cp <= 0x11ff && cp !== 0x115f && cp !== 0x1160) || (cp >= 0xa960 && cp <= 0xa97f) || (cp >= 0xd7b0 && cp <= 0xd7ff));
}

function cpAt(text: string, i: number): number | undefined {
  return i >= 0 && i < text.length ? text.codePointAt(i) : undefined;
}
/** Code point that ends just before index i (surrogate-aware). */
function cpBefore(text: string, i: number): number | undefined {
  if (i <= 0) return undefined;
  const lo = text.charCodeAt(i - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && i >= 2) {
    const hi = text.charCodeAt(i - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return text.codePointAt(i - 2);
  }
  return lo;
}
const cpLen = (cp: number) => (cp > 0xffff ? 2 : 1);
const ch = (cp: number | undefined) => (cp === undefined ? '' : String.fromCodePoint(cp));

/** Grapheme clusters of a window of the text, recomputed only when the index leaves it (linear overall). */
class Graphemes {
  #segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
  #start = -1;
  #end = -1;
  #starts: number[] = [];
  constructor(private readonly text: string) {}

  /** Start and end of the cluster that contains index i. */
  cluster(i: number): [number, number] {
    const t = this.text;
    if (!(i >= this.#start + 64 || this.#start === 0) || !(i < this.#end - 64 || this.#end === t.length) || this.#start < 0) {
      let s = Math.max(0, i - 64);
      const lo = t.charCodeAt(s);
      if (s > 0 && lo >= 0xdc00 && lo <= 0xdfff) s--;
      const e = Math.min(t.length, i + 4096);
      this.#start = s;
      this.#end = e;
      this.#starts = [];
      for (const g of this.#segmenter.segment(t.slice(s, e))) this.#starts.push(s + g.index);
      this.#starts.push(e);
    }
    const a = this.#starts;
    const k = lastAtMost(a, i, a.length - 1);
    return [a[k]!, a[k + 1]!];
  }
}

/** Only letters, digits, marks and zero-width characters between two offsets (one word). */
function wordBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || (c >= 0x200b && c <= 0x200d) || c === 0x2060) continue;
    if (c < 0x80 || !/[\p{L}\p{M}\p{N}]/u.test(text.slice(i, i + 2))) return false;
  }
  return true;
}

function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  // Mask secrets before shortening, so a cut never leaves the prefix of one in the message.
  let out = sanitize(s.slice(0, 4 * MAX_SHOWN)).replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '\ufffd').replace(/\r?\n/g, '\u23ce');
  if (out.length > MAX_SHOWN) out = `${out.slice(0, MAX_SHOWN - 1)}…`;
  return out;
}

function mostlyPrintable(s: string): boolean {
  if (!s) return false;
  let ok = 0;
  for (const c of s) if (/[\p{L}\p{N}\p{P}\p{Zs}\p{S}\n\t]/u.test(c)) ok++;
  return ok / [...s].length >= 0.8;
}

/** Bits in a run of two distinct zero-width characters, read as 8-bit ASCII (either assignment). */
function decodeBits(run: string, distinct: readonly number[]): string | undefined {
  if (distinct.length !== 2 || run.length < 8) return undefined;
  for (const one of distinct) {
    let out = '';
    for (let i = 0; i + 8 <= run.length; i += 8) {
      let b = 0;
      for (let k = 0; k < 8; k++) b = (b << 1) | (run.charCodeAt(i + k) === one ? 1 : 0);
      out += String.fromCharCode(b);
    }
    if (/^[\x20-\x7e\n\t]+$/.test(out)) return out;
  }
  return undefined;
}

/** Bytes carried by a run of variation selectors (VS1–16 = 0–15, VS17–256 = 16–255), as UTF-8 text. */
function decodeSelectors(cps: number[]): string | undefined {
  const bytes = Uint8Array.from(cps.map((cp) => (cp <= 0xfe0f ? cp - 0xfe00 : cp - 0xe0100 + 16)));
  const s = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return mostlyPrintable(s) ? s : undefined;
}

interface BidiOpen {
  cp: number;
  at: number;
  isolate: boolean;
  override: boolean;
  hit?: HiddenHit;
}

/** Scan `text` (a BOM at the start of a file was already stripped, so any U+FEFF here is past offset 0). */
export function scanHidden(text: string): HiddenHit[] {
  const hits: HiddenHit[] = [];
  let graphemes: Graphemes | undefined;
  let stack: BidiOpen[] = [];
  let lastInWord: HiddenHit | undefined;

  const push = (h: HiddenHit) => {
    if (hits.length < MAX_HITS) hits.push(h);
  };
  const flushLine = () => {
    for (const o of stack) {
      if (o.override) continue; // already reported as an override
      push({ start: o.at, end: o.at + 1, kind: 'bidiUnbalanced', severity: 'high', data: { code: hex(o.cp), name: BIDI_NAMES[o.cp]! }, remove: [[o.at, o.at + 1]] });
    }
    stack = [];
  };

  for (let i = 0; i < text.length && hits.length < MAX_HITS; ) {
    const c = text.charCodeAt(i);
    if (c < 0xad) {
      if ((c === 10 || c === 13) && stack.length) flushLine();
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const len = cpLen(cp);

    // Tag characters: a run, benign only as the tag sequence of a subdivision flag.
    if (cp >= 0xe0000 && cp <= 0xe007f) {
      let j = i;
      const cps: number[] = [];
      let n = 0;
      while (j < text.length) {
        const t = text.codePointAt(j)!;
        if (t < 0xe0000 || t > 0xe007f) break;
        if (n < 2 * MAX_SHOWN || t === 0xe007f) cps.push(t);
        n++;
        j += 2;
      }
      const inner = cps.slice(0, -1);
      const flag =
        n <= 8 && cpBefore(text, i) === 0x1f3f4 && cps[cps.length - 1] === 0xe007f && inner.length >= 2 && inner.length <= 7 &&
        inner.every((t) => (t >= 0xe0061 && t <= 0xe007a) || (t >= 0xe0030 && t <= 0xe0039));
      if (!flag) {
        const hidden = printable(cps.map((t) => (t >= 0xe0020 && t <= 0xe007e ? String.fromCharCode(t - 0xe0000) : '')).join(''));
        push({ start: i, end: j, kind: 'tags', severity: 'critical', data: { count: n, hidden: hidden || '(no printable text)' }, remove: [[i, j]] });
      }
      i = j;
      continue;
    }

    // Bidi controls: overrides always, embeddings and isolates when unbalanced within their line.
    if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) {
      if (cp === 0x202c) {
        const top = stack[stack.length - 1];
        if (top && !top.isolate) {
          stack.pop();
          if (top.override && top.hit?.remove) top.hit.remove.push([i, i + 1]);
        } else push({ start: i, end: i + 1, kind: 'bidiUnbalanced', severity: 'high', data: { code: hex(cp), name: BIDI_NAMES[cp]! }, remove: [[i, i + 1]] });
      } else if (cp === 0x2069) {
        let k = stack.length - 1;
        while (k >= 0 && !stack[k]!.isolate) k--;
        if (k < 0) push({ start: i, end: i + 1, kind: 'bidiUnbalanced', severity: 'high', data: { code: hex(cp), name: BIDI_NAMES[cp]! }, remove: [[i, i + 1]] });
        else stack.length = k;
      } else {
        const open: BidiOpen = { cp, at: i, isolate: cp >= 0x2066, override: cp === 0x202d || cp === 0x202e };
        if (open.override) {
          open.hit = { start: i, end: i + 1, kind: 'bidiOverride', severity: 'high', data: { code: hex(cp), name: BIDI_NAMES[cp]! }, remove: [[i, i + 1]] };
          push(open.hit);
        }
        if (stack.length < 125) stack.push(open);
      }
      i += 1;
      continue;
    }
    if (cp === 0x2029 || cp === 0x2028 || cp === 0x85) {
      if (stack.length) flushLine();
      i += 1;
      continue;
    }

    // Zero-width characters (with LRM/RLM/ALM as members of a run).
    if (isZeroWidth(cp) || isMark(cp)) {
      let j = i;
      while (j < text.length) {
        const z = text.charCodeAt(j);
        if (!isZeroWidth(z) && !isMark(z)) break;
        j++;
      }
      const run = j - i >= 4 ? text.slice(i, j) : '';
      // Distinct code units of the run in first-seen order, in one pass without per-character strings
      // (a 1 MB run of U+200B must cost what a 1 MB ASCII line costs, not 40 times more).
      const distinct: number[] = [];
      let anyZeroWidth = false;
      if (run) {
        for (let k = i; k < j; k++) {
          const z = text.charCodeAt(k);
          anyZeroWidth ||= isZeroWidth(z);
          if (!distinct.includes(z)) distinct.push(z);
        }
      }
      if (run && distinct.length < run.length && anyZeroWidth) {
        const bits = decodeBits(run, distinct);
        push({
          start: i, end: j, kind: 'zeroWidthRun', severity: 'high',
          data: { count: run.length, codes: distinct.map((z) => hex(z)).join(', '), hidden: bits ? ` (decodes to "${printable(bits)}")` : '' },
          remove: [[i, j]],
        });
        i = j;
        continue;
      }
      const prev = cpBefore(text, i);
      const next = cpAt(text, j);
      const prevS = ch(prev);
      const nextS = ch(next);
      // Scripts that use joiners and word-break hints are all outside ASCII: skip the script tests for ASCII.
      const prevAscii = prev !== undefined && prev < 0x80;
      const nextAscii = next !== undefined && next < 0x80;
      let prevWord: boolean | undefined;
      let nextWord: boolean | undefined;
      for (let k = i; k < j; k++) {
        const z = text.charCodeAt(k);
        if (isMark(z)) continue;
        if (z === 0xfeff) {
          push({ start: k, end: k + 1, kind: 'bomInText', severity: 'medium', data: { code: 'U+FEFF' }, remove: [[k, k + 1]] });
          continue;
        }
        if (prevAscii && nextAscii && !(asciiWord(prev) && asciiWord(next))) continue;
        let legit = false;
        if (z === 0x200d) {
          const prevPict = !prevAscii && isExtPict(prev!, prevS);
          const nextPict = !nextAscii && isExtPict(next!, nextS);
          if (prevPict && nextPict) legit = true; // ExtPict ZWJ ExtPict always joins (UAX #29 GB11)
          else if (nextPict || prevPict || prev === 0xfe0f || (prev !== undefined && prev >= 0x1f3fb && prev <= 0x1f3ff)) {
            graphemes ??= new Graphemes(text);
            const [gs, ge] = graphemes.cluster(k);
            legit = ge > k + 1 && EXT_PICT.test(text.slice(gs, ge));
          }
          legit ||= isJoining(prevAscii, prevS, nextAscii, nextS);
        } else if (z === 0x200c) legit = isJoining(prevAscii, prevS, nextAscii, nextS);
        else if (z === 0x180e) legit = /\p{Script=Mongolian}/u.test(prevS) || /\p{Script=Mongolian}/u.test(nextS);
        else legit = (!prevAscii && NO_SPACE_SCRIPT.test(prevS)) || (!nextAscii && NO_SPACE_SCRIPT.test(nextS));
        if (legit) continue;
        prevWord ??= prevAscii ? asciiWord(prev) : WORD.test(prevS);
        nextWord ??= nextAscii ? asciiWord(next) : WORD.test(nextS);
        if (!prevWord || !nextWord) continue;
        // Merge hidden characters inside one word into one finding.
        if (lastInWord && k - lastInWord.end <= 64 && k - lastInWord.start < 128 && wordBetween(text, lastInWord.end, k)) {
          lastInWord.end = k + 1;
          lastInWord.data.count = Number(lastInWord.data.count) + 1;
          lastInWord.remove!.push([k, k + 1]);
        } else {
          lastInWord = { start: k, end: k + 1, kind: 'zeroWidthInWord', severity: 'medium', data: { count: 1, code: hex(z) }, remove: [[k, k + 1]] };
          push(lastInWord);
        }
      }
      i = j;
      continue;
    }

    // Variation selectors: a run smuggles bytes; a single one belongs to the character before it.
    if (isSelector(cp)) {
      let j = i;
      const cps: number[] = [];
      let n = 0;
      while (j < text.length) {
        const v = text.codePointAt(j)!;
        if (!isSelector(v)) break;
        if (n < 2 * MAX_SHOWN) cps.push(v);
        n++;
        j += cpLen(v);
      }
      // Repeated emoji/text presentation selectors (a doubled U+FE0F after an emoji is a common copy-paste
      // artefact) carry no data: only a run with other selectors, or a long one, can smuggle bytes.
      const presentationOnly = n < 8 && (cps[0] === 0xfe0e || cps[0] === 0xfe0f) && cps.every((v) => v === cps[0]);
      if (n >= 2 && !presentationOnly) {
        const decoded = decodeSelectors(cps);
        push({ start: i, end: j, kind: 'selectorRun', severity: 'high', data: { count: n, hidden: decoded ? ` (decodes to "${printable(decoded)}")` : '' }, remove: [[i, j]] });
      } else if (n === 1) {
        const cp1 = cps[0]!;
        const base = cpBefore(text, i);
        const baseS = ch(base);
        // U+FE0E/FE0F alone are presentation selectors, harmless wherever they stray (an emoji lost in an edit).
        const attached = cp1 === 0xfe0e || cp1 === 0xfe0f || (base !== undefined && !/\s/u.test(baseS) && !/[A-Za-z]/.test(baseS));
        if (!attached) push({ start: i, end: j, kind: 'looseSelector', severity: 'medium', data: { code: hex(cp1) }, remove: [[i, j]] });
      }
      i = j;
      continue;
    }

    // Hangul fillers: invisible letters that make blank names and padding.
    if (cp === 0x3164 || cp === 0xffa0 || cp === 0x115f || cp === 0x1160) {
      let j = i;
      while (j < text.length) {
        const h = text.charCodeAt(j);
        if (h !== 0x3164 && h !== 0xffa0 && h !== 0x115f && h !== 0x1160) break;
        j++;
      }
      const conjoining = (cp === 0x115f || cp === 0x1160) && j - i === 1 && (isConjoiningJamo(cpBefore(text, i)) || isConjoiningJamo(cpAt(text, j)));
      if (!conjoining) push({ start: i, end: j, kind: 'hangulFiller', severity: 'medium', data: { count: j - i, code: hex(cp) } });
      i = j;
      continue;
    }

    if (cp === 0xad) {
      let j = i;
      while (text.charCodeAt(j) === 0xad) j++;
      if (j - i >= 2) push({ start: i, end: j, kind: 'softHyphenRun', severity: 'medium', data: { count: j - i }, remove: [[i, j]] });
      i = j;
      continue;
    }

    if (isOtherFormat(cp)) {
      let j = i;
      let n = 0;
      while (j < text.length) {
        const o = text.codePointAt(j)!;
        if (!isOtherFormat(o)) break;
        j += cpLen(o);
        n++;
      }
      if (n >= 2) push({ start: i, end: j, kind: 'invisibleFormatRun', severity: 'medium', data: { count: n, code: hex(cp) } });
      i = j;
      continue;
    }

    if (isPrivateUse(cp)) {
      let j = i;
      let n = 0;
      while (j < text.length) {
        const o = text.codePointAt(j)!;
        if (!isPrivateUse(o)) break;
        j += cpLen(o);
        n++;
      }
      if (n >= 8) push({ start: i, end: j, kind: 'privateUseRun', severity: 'medium', data: { count: n } });
      i = j;
      continue;
    }

    // Unassigned code points. The emoji blocks are skipped: emoji newer than this Node's Unicode tables are
    // assigned in the file's world, and a run of them is visible anyway.
    if (cp >= 0x2000 && !(cp >= 0x3040 && cp <= 0x9fff) && !(cp >= 0xac00 && cp <= 0xd7a3) && !(cp >= 0xd800 && cp <= 0xdfff) && !(cp >= 0x1f000 && cp <= 0x1faff) && UNASSIGNED.test(String.fromCodePoint(cp))) {
      let j = i;
      let n = 0;
      while (j < text.length) {
        const o = text.codePointAt(j)!;
        if (o < 0x2000 || !UNASSIGNED.test(String.fromCodePoint(o))) break;
        j += cpLen(o);
        n++;
      }
      if (n >= 3) push({ start: i, end: j, kind: 'unassignedRun', severity: 'medium', data: { count: n } });
      i = j;
      continue;
    }

    i += len;
  }
  if (stack.length) flushLine();
  return hits.sort((a, b) => a.start - b.start);
}

/** Cheap test: could `text` hold anything `scanHidden` reports? */
export const HIDDEN_CANDIDATE = /[\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200d\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\ue000-\uf8ff\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}\u{f0000}-\u{10fffd}\u{1d173}-\u{1d17a}]|\p{Cn}/u;
