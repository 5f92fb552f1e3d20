/**
 * Helpers shared by the tool-poisoning family (`tool-poisoning`, `tool-shadowing`): a light folding of text
 * for phrase matching that keeps an index map back to the segment, and sentence (clause) bounds around a match.
 * Everything here is linear in the text length.
 */

export interface FoldedText {
  /** Text with invisible characters removed and full-width ASCII forms folded (case is kept). */
  readonly text: string;
  /** Index in the original string of each folded code unit, plus one trailing entry (original length). */
  readonly index: Int32Array;
}

function isInvisible(cp: number): boolean {
  return (cp >= 0x200b && cp <= 0x200d) || cp === 0x2060 || cp === 0xfeff || cp === 0x180e || cp === 0x00ad || (cp >= 0xe0000 && cp <= 0xe007f);
}

/**
 * Drop zero-width, soft-hyphen and tag characters and the CR of each CRLF (sentence bounds and look-back windows
 * then treat a Windows file exactly as its LF copy); map full-width ASCII (U+FF01–FF5E) and NBSP to ASCII.
 */
export function foldText(input: string): FoldedText {
  const n = input.length;
  const index = new Int32Array(n + 1);
  let k = 0;
  let plain = true;
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c >= 0x80 || (c === 13 && input.charCodeAt(i + 1) === 10)) {
      plain = false;
      break;
    }
  }
  if (plain) {
    for (let i = 0; i <= n; i++) index[i] = i;
    return { text: input, index };
  }
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const cp = input.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (isInvisible(cp) || (cp === 13 && input.charCodeAt(i + 1) === 10)) {
      i += width - 1;
      continue;
    }
    let ch: string;
    if (cp >= 0xff01 && cp <= 0xff5e) ch = String.fromCharCode(cp - 0xfee0);
    else if (cp === 0x3000 || cp === 0x00a0 || cp === 0x202f) ch = ' ';
    else ch = input.slice(i, i + width);
    for (let j = 0; j < ch.length; j++) index[k++] = i + (ch.length === width ? j : 0);
    parts.push(ch);
    i += width - 1;
  }
  index[k] = n;
  return { text: parts.join(''), index: index.subarray(0, k + 1) };
}

/** Original-string range of a folded range. */
export function unfold(f: FoldedText, start: number, end: number): { start: number; end: number } {
  const last = f.index.length - 1;
  const s = f.index[Math.min(start, last)]!;
  if (end <= start) return { start: s, end: s };
  return { start: s, end: f.index[Math.min(end - 1, last)]! + 1 };
}

const MAX_SENTENCE = 400;

/**
 * Bounds of the sentence (or list item, or line pair) around `[start, end)`: from just after the previous
 * `. `, `! `, `? `, blank line or list marker, to just after the next one, each at most 400 units away.
 */
export function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  const floor = Math.max(0, start - MAX_SENTENCE);
  while (s > floor) {
    const c = text.charCodeAt(s - 1);
    // The character before this one, across the CR of a CRLF line break (Windows files read as LF files do).
    const q = c === 10 && text.charCodeAt(s - 2) === 13 ? s - 3 : s - 2;
    if (c === 10) {
      // A line break ends a sentence when the next line starts a list item or follows a blank line.
      const next = text.charCodeAt(s);
      const prev = q >= 0 ? text.charCodeAt(q) : 10;
      if (prev === 10 || next === 45 || next === 42 || next === 43 || (next >= 48 && next <= 57) || next === 10 || next === 13) break;
    }
    if ((c === 32 || c === 10 || c === 9) && q >= 0) {
      const p = text.charCodeAt(q);
      if (p === 46 || p === 33 || p === 63) {
        // "e.g. " and "i.e. " do not end a sentence.
        const abbrev = q >= 3 && /(?:e\.g|i\.e|etc|vs)\.$/i.test(text.slice(q - 4, q + 1));
        if (!abbrev) break;
      }
    }
    s--;
  }
  let e = end;
  const ceil = Math.min(text.length, end + MAX_SENTENCE);
  while (e < ceil) {
    const c = text.charCodeAt(e);
    if (c === 46 || c === 33 || c === 63) {
      const n = text.charCodeAt(e + 1);
      if (Number.isNaN(n) || n === 32 || n === 10 || n === 9 || n === 13) {
        const abbrev = /(?:e\.g|i\.e|etc|vs)$/i.test(text.slice(Math.max(0, e - 4), e));
        if (!abbrev) {
          e++;
          break;
        }
      }
    }
    if (c === 10 && (text.charCodeAt(e + 1) === 10 || text.charCodeAt(e + 1) === 13)) break;
    e++;
  }
  return { start: s, end: e };
}

/** The next sentence after `end` (for two-sentence patterns such as "extracts passwords. The text is logged."). */
export function nextSentence(text: string, end: number): string {
  let s = end;
  while (s < text.length && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 10 || text.charCodeAt(s) === 13 || text.charCodeAt(s) === 9)) s++;
  if (s >= text.length) return '';
  const b = sentenceAround(text, s, s);
  return text.slice(s, b.end);
}

/** Text written to warn about an attack rather than to perform one ("detects phrases such as ..."). */
export const DEFENSIVE = /\b(?:detect(?:s|ed|ing|ion)?|scan(?:s|ned|ning|ner)?|flag(?:s|ged|ging)?|such\s+as|e\.g\.|for\s+example|for\s+instance|(?:patterns?|phrases?|strings?|markers?|tags?)\s+(?:like|such)|look(?:s|ing)?\s+for|block(?:s|ed|ing)?|prevent(?:s|ed|ing)?|protect(?:s|ed|ing)?\s+against|guard(?:s|ing)?\s+against|defend(?:s|ing)?\s+against|poison(?:ed|ing)?|injection|malicious|suspicious|adversarial|red[\s-]team(?:ing)?|jailbreak)\b/i;

/** True when `[start, end)` of `text` sits between matching quotes on the same line. */
export function isQuoted(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 2), start);
  const after = text.slice(end, end + 2);
  const pairs: [string, string][] = [['"', '"'], ["'", "'"], ['`', '`'], ['\u201c', '\u201d'], ['\u2018', '\u2019'], ['\u00ab', '\u00bb']];
  return pairs.some(([o, c]) => before.includes(o) && after.includes(c));
}

/** Cut a quoted phrase for a message. */
export function clip(s: string, max = 60): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 3)}...` : one;
}
