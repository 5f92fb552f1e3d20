import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Nodes, Root } from 'mdast';
import type { CommentNode, LinkNode, ParseProblem, TextSegment } from '../types.ts';
import { rawTextSegment } from '../util/position.ts';
import { lastAtMost } from '../util/search.ts';

const processor = unified().use(remarkParse);

export interface MarkdownParts {
  readonly segments: TextSegment[];
  readonly links: LinkNode[];
  readonly comments: CommentNode[];
  /** Set when the body was too deeply nested to parse as Markdown and was read as one prose segment. */
  readonly note?: ParseProblem;
}

/** Deepest list/blockquote nesting parsed as Markdown (the parser slows down steeply beyond it). */
export const MAX_MARKDOWN_NESTING = 32;
/** Budget for the sum of nesting levels over all lines. */
const MAX_NESTING_WORK = 100_000;
const QUOTE_MARKER = /^[ \t]{0,3}>/;
const LIST_ITEM = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/**
 * Estimate list and blockquote nesting line by line (linear): `>` markers, plus a stack of list-item
 * indentations. Fenced code is skipped. Returns the offset where a limit is first exceeded.
 */
export function excessiveNesting(text: string): number | undefined {
  const indents: number[] = [];
  let work = 0;
  let fence = '';
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, Math.min(lineEnd, lineStart + 4000));
    const fenceMatch = /^[ \t]{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1]!.startsWith(fence)) fence = '';
    } else if (fenceMatch) {
      fence = fenceMatch[1]!;
    } else {
      let rest = line;
      let quotes = 0;
      for (let m = QUOTE_MARKER.exec(rest); m && quotes <= MAX_MARKDOWN_NESTING; m = QUOTE_MARKER.exec(rest)) {
        quotes++;
        rest = rest.slice(m[0].length);
      }
      const item = LIST_ITEM.exec(rest);
      if (item) {
        const indent = item[1]!.length;
        while (indents.length && indents[indents.length - 1]! >= indent) indents.pop();
        indents.push(indent);
      } else if (line.trim() === '') {
        // Blank lines keep list context.
      } else if (!/^[ \t]/.test(line)) indents.length = 0;
      const depth = quotes + indents.length;
      work += depth;
      if (depth > MAX_MARKDOWN_NESTING || work > MAX_NESTING_WORK) return lineStart;
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

const BLOCK_CONTAINERS = new Set(['root', 'list', 'listItem', 'blockquote', 'footnoteDefinition']);

/**
 * Markdown body -> prose/code/html segments (raw slices, so positions are exact), links and images
 * (Markdown and HTML), and HTML comments (for directives). `text` is the whole file with any front matter
 * blanked out, so mdast offsets are file offsets.
 */
export function parseMarkdownBody(body: string, options: { plainParagraphs?: boolean } = {}): MarkdownParts {
  let text = body;
  const segments: TextSegment[] = [];
  const links: LinkNode[] = [];
  const comments: CommentNode[] = [];
  if (text.length > MAX_PARSED_MARKDOWN) {
    // Past this size the parser's worst case (several microseconds a character) matters more than structure.
    const start = text.length - text.trimStart().length;
    if (start < text.length) segments.push(rawTextSegment(text, start, text.length, 'prose'));
    htmlParts(text, 0, links, comments);
    return { segments, links, comments, note: { message: `Markdown body larger than ${MAX_PARSED_MARKDOWN / 1024} KiB: read as plain text`, offset: 0 } };
  }
  const tooDeep = excessiveNesting(text);
  if (tooDeep !== undefined) {
    // Read the body as plain prose: every character still reaches the text rules, at its own offset.
    const start = text.length - text.trimStart().length;
    if (start < text.length) segments.push(rawTextSegment(text, start, text.length, 'prose'));
    htmlParts(text, 0, links, comments);
    return { segments, links, comments, note: { message: `Markdown nested deeper than ${MAX_MARKDOWN_NESTING} levels: read as plain text`, offset: tooDeep } };
  }
  // The parser is super-linear on some inputs (long runs of emphasis delimiters, brackets, `<|`), so it
  // only sees a prepared copy of the same length: emphasis delimiters neutralised and over-long paragraphs
  // blanked. Blanked paragraphs are read as plain prose; values always come from the original text.
  const original = text;
  const prepared = prepareForParser(original, options);
  text = prepared.text;
  for (const r of prepared.plain) {
    segments.push(rawTextSegment(original, r.start, r.end, 'prose'));
    htmlParts(original.slice(r.start, r.end), r.start, links, comments);
  }
  // The parser sees the prepared text without the plain paragraphs; node offsets map back to file offsets.
  const compact = compactText(text, prepared.removable);
  const tree = processor.parse(compact.text) as Root;
  const definitions = new Map<string, { url: string; start: number; end: number; urlStart: number }>();

  const slice = (n: Nodes) => {
    const s = n.position?.start.offset ?? 0;
    const e = n.position?.end.offset ?? 0;
    return { start: compact.toOriginal(s), end: e > s ? compact.toOriginal(e - 1) + 1 : compact.toOriginal(s) };
  };

  const visitInline = (n: Nodes, depth: number): void => {
    if (depth > 200) return;
    const { start, end } = slice(n);
    if (n.type === 'link' || n.type === 'image') {
      const raw = text.slice(start, end);
      const close = raw.lastIndexOf('](');
      let urlStart = start;
      if (close >= 0) {
        let k = close + 2;
        while (raw[k] === ' ' || raw[k] === '<') k++;
        urlStart = start + k;
      } else if (n.type === 'link' && raw.startsWith('<')) urlStart = start + 1;
      const found = text.indexOf(n.url, urlStart);
      if (found >= 0 && found < end) urlStart = found;
      const urlEnd = Math.min(end, urlStart + rawUrlLength(text, urlStart, end, n.url));
      links.push({ type: 'link', image: n.type === 'image', url: originalUrl(original, text, n.url, urlStart, urlEnd), start, end, urlStart, urlEnd, syntax: raw.startsWith('<') ? 'autolink' : 'markdown' });
    } else if (n.type === 'html') {
      htmlParts(original.slice(start, end), start, links, comments);
    } else if (n.type === 'linkReference' || n.type === 'imageReference') {
      const def = definitions.get(n.identifier);
      if (def) links.push({ type: 'link', image: n.type === 'imageReference', url: def.url, start, end, urlStart: def.urlStart, urlEnd: def.urlStart + def.url.length, syntax: 'markdown' });
    }
    if ('children' in n) for (const c of n.children as Nodes[]) visitInline(c, depth + 1);
  };

  // Definitions first, so references resolve wherever they stand.
  const collectDefinitions = (n: Nodes, depth: number): void => {
    if (depth > 200) return;
    if (n.type === 'definition') {
      const { start, end } = slice(n);
      const found = text.indexOf(n.url, start);
      const urlStart = found >= 0 && found < end ? found : start;
      definitions.set(n.identifier, { url: originalUrl(original, text, n.url, urlStart, urlStart + n.url.length), start, end, urlStart });
    }
    if ('children' in n) for (const c of n.children as Nodes[]) collectDefinitions(c, depth + 1);
  };
  collectDefinitions(tree, 0);

  const visitBlock = (n: Nodes, depth: number): void => {
    if (depth > 200) return;
    if (BLOCK_CONTAINERS.has(n.type) && 'children' in n) {
      for (const c of n.children as Nodes[]) visitBlock(c, depth + 1);
      return;
    }
    const { start, end } = slice(n);
    if (end <= start) return;
    if (n.type === 'paragraph' && prepared.placeholders.has(start)) return;
    const value = original.slice(start, end);
    if (n.type === 'code') {
      segments.push(rawTextSegment(original, start, end, 'code'));
      return;
    }
    if (n.type === 'html') {
      segments.push(rawTextSegment(original, start, end, 'html'));
      htmlParts(value, start, links, comments);
      return;
    }
    if (n.type === 'definition') {
      const def = definitions.get(n.identifier);
      if (def) links.push({ type: 'link', image: false, url: def.url, start, end, urlStart: def.urlStart, urlEnd: def.urlStart + def.url.length, syntax: 'markdown' });
    }
    segments.push(rawTextSegment(original, start, end, 'prose'));
    visitInline(n, depth + 1);
  };
  visitBlock(tree, 0);
  // Plain paragraphs were added before the parse: keep the segments in document order.
  segments.sort((a, b) => a.map.base - b.map.base);
  return { segments, links, comments };
}

/** The URL as written in the original text, when the parsed URL is a plain slice of it. */
function originalUrl(original: string, prepared: string, parsed: string, start: number, end: number): string {
  return prepared.slice(start, end) === parsed ? original.slice(start, end) : parsed;
}

/** Largest Markdown body parsed for structure; a larger one is read as plain prose. */
export const MAX_PARSED_MARKDOWN = 256 * 1024;

/** Longest paragraph (run of non-blank lines outside fenced code) handed to the Markdown parser. */
export const MAX_PARSED_PARAGRAPH = 4096;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;
/** A line that may start an HTML block. */
const HTML_START = /^[ \t]{0,3}</;
/** A closing fence line: nothing but the fence characters and trailing blanks. */
const FENCE_CLOSE = /^[ \t]{0,3}(?:`{3,}|~{3,})[ \t]*\r?$/;
const THEMATIC_BREAK = /^[ \t]{0,3}([*_-])(?:[ \t]*\1){2,}[ \t]*$/;

/** What prepareForParser hands back. */
export interface PreparedMarkdown {
  /** Same length and line breaks as the input. */
  readonly text: string;
  /** Ranges read as prose without the parser. */
  readonly plain: { start: number; end: number }[];
  /** Start of each plain paragraph's one-letter placeholder. */
  readonly placeholders: Set<number>;
  /** Ranges the parser need not see at all (a plain paragraph after its placeholder letter), in order. */
  readonly removable: { start: number; end: number }[];
}

/**
 * `text` without the `removable` ranges (so the parser never walks them: its cost is per character, blanks
 * included), and the map from offsets in that shorter text back to `text`.
 */
export function compactText(text: string, removable: readonly { start: number; end: number }[]): { text: string; toOriginal(offset: number): number } {
  if (!removable.length) return { text, toOriginal: (o) => o };
  const parts: string[] = [];
  const cStarts: number[] = [0];
  const oStarts: number[] = [0];
  let prev = 0;
  let c = 0;
  for (const r of removable) {
    parts.push(text.slice(prev, r.start));
    c += r.start - prev;
    prev = r.end;
    cStarts.push(c);
    oStarts.push(r.end);
  }
  parts.push(text.slice(prev));
  return {
    text: parts.join(''),
    toOriginal(offset: number): number {
      const k = lastAtMost(cStarts, offset);
      return oStarts[k]! + (offset - cStarts[k]!);
    },
  };
}

/** Only spaces and tabs make a blank line for Markdown (a no-break space does not). */
const BLANK_LINE = /^[ \t\r]*$/;
/**
 * A line that can only be paragraph text: it starts with a letter in the first column (so it is no list item,
 * quote, heading, indented code, HTML block or definition) and has nothing an inline construct needs (links,
 * images, autolinks, inline HTML, code spans, escapes, entities).
 */
const PLAIN_LINE = /^\p{L}[^<>[\]`\\&!\r]*\r?$/u;
/** An ATX heading with plain text (a heading is one line; a closing `#` sequence is not plain). */
const PLAIN_HEADING = /^#{1,6} \p{L}[^<>[\]`\\&!\r#]*\r?$/u;
/** A one-line bullet item whose text is plain in the same sense: `- `, `* ` or `+ `, one space, a letter. */
const PLAIN_BULLET = /^[-*+] \p{L}[^<>[\]`\\&!\r]*\r?$/u;
/** Openers of the HTML blocks that run across blank lines, with what closes them. */
const HTML_SPANNING: readonly (readonly [RegExp, string])[] = [
  [/<!--/, '-->'], [/<script/i, '</script'], [/<pre/i, '</pre'], [/<style/i, '</style'], [/<textarea/i, '</textarea'],
  [/<\?/, '?>'], [/<!\[CDATA\[/, ']]>'], [/<![A-Za-z]/, '>'],
];

/**
 * A copy of `text` with the same length and line breaks that the parser handles in linear time:
 * `*` and `_` become `x` (emphasis is never needed, and its resolution is quadratic in delimiters), except
 * list markers and thematic breaks; paragraphs longer than MAX_PARSED_PARAGRAPH are blanked and returned
 * in `plain`, to be read as prose. So are paragraphs made only of plain lines (PLAIN_LINE, between blank
 * lines, outside HTML blocks that span blank lines): the parser would find nothing in them but one paragraph,
 * and skipping them is most of a typical prompt's parsing time.
 */
export function prepareForParser(text: string, options: { plainParagraphs?: boolean } = {}): PreparedMarkdown {
  const removable: { start: number; end: number }[] = [];
  const plainParagraphs = options.plainParagraphs !== false;
  const placeholders = new Set<number>();
  const out: string[] = [];
  const plain: { start: number; end: number }[] = [];
  let fence = '';
  /** Opening fence of a block whose content may be cut, and where that content starts. */
  let cutFence = '';
  let contentStart = 0;
  let runStart = -1;
  let runParts: number[] = [];
  /**
   * What the current run is, when it follows a blank line (or the start) outside HTML blocks: a paragraph of
   * plain lines, or one-line plain bullet items; '' when it is anything else.
   */
  let runKind: '' | 'para' | 'bullets' | 'heading' = '';
  let runLineStarts: number[] = [];
  /** A line of the current run may start an HTML block. */
  let runHtml = false;
  /** This scan and the parser agree on where fenced code is (see the fence branch). */
  let trusted = true;
  let afterBreak = true;
  /** Closing marker of an HTML block that may still be open. */
  let htmlOpen = '';
  /**
   * Consecutive plain runs (only blank lines between them) share one placeholder: the parser's cost is per
   * block more than per character. `group` is the open group: its first line, placeholder width and cut range.
   */
  let group: { line: number; start: number; width: number; room: number; cut: { start: number; end: number } | undefined } | undefined;
  const flush = (end: number) => {
    if (runStart >= 0 && !runKind) group = undefined;
    if (runStart >= 0 && end - runStart > MAX_PARSED_PARAGRAPH) {
      group = undefined;
      plain.push({ start: runStart, end });
      for (const i of runParts) out[i] = out[i]!.replace(/[^\r\n]/g, ' ');
    } else if (runStart >= 0 && runKind) {
      // Up to the last line's end, trailing spaces included, line ending excluded (as the parser's paragraphs).
      const lineEndOf = (from: number, to: number) => {
        let e = to;
        while (e > from && (text[e - 1] === '\n' || text[e - 1] === '\r')) e--;
        return e;
      };
      const e = lineEndOf(runStart, end);
      // The parser still sees a placeholder where the run was, so the structure around it stays the same (a
      // paragraph or heading ends an open list or indented code block; an item keeps an indented paragraph after
      // it in the list): a one-letter paragraph `x`, or one item `- x`. parseMarkdownBody skips that placeholder;
      // the rest of the run is cut from what the parser sees.
      const width = runKind === 'bullets' ? 3 : 1;
      if (runKind === 'bullets') runLineStarts.forEach((ls, k) => plain.push({ start: ls + 2, end: lineEndOf(ls, k + 1 < runLineStarts.length ? runLineStarts[k + 1]! : end) }));
      else plain.push({ start: runStart, end: e });
      /** Line `i` of `out` as `prefix` padded with spaces to its length (a CR at its end kept). */
      const fill = (i: number, prefix: string) => {
        const line = out[i]!;
        const cr = line.endsWith('\r') ? 1 : 0;
        out[i] = prefix + ' '.repeat(line.length - cr - prefix.length) + (cr ? '\r' : '');
      };
      for (const i of runParts) fill(i, '');
      // Join the open group (its placeholder now stands for this run too, and takes this run's kind), or start one.
      if (!group || (width === 3 && group.room < 3)) {
        const first = out[runParts[0]!]!;
        group = { line: runParts[0]!, start: runStart, width, room: first.length - (first.endsWith('\r') ? 1 : 0), cut: undefined };
      }
      placeholders.delete(group.start + group.width - 1);
      group.width = width;
      fill(group.line, width === 3 ? '- x' : 'x');
      placeholders.add(group.start + width - 1);
      if (group.cut) Object.assign(group.cut, { start: group.start + width, end: e }); // in place: it is in `removable`
      else if (e > group.start + width) removable.push((group.cut = { start: group.start + width, end: e }));
    }
    runStart = -1;
    runParts = [];
    runLineStarts = [];
    runHtml = false;
  };
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const fenceMatch = FENCE.exec(line);
    // A backtick fence's info string has no backtick (else the line is inline code).
    const opens = !!fenceMatch && !(fenceMatch[1]![0] === '`' && line.includes('`', fenceMatch[0].length));
    let prepared = line;
    if (fence) {
      // A closing fence: the same character, at least as many, nothing else on the line.
      if (FENCE_CLOSE.test(line) && line.trimStart().startsWith(fence)) {
        fence = '';
        // The parser only needs a fenced block's fence lines (its code segment is the block's raw text
        // either way), so the content is cut from what the parser sees.
        if (cutFence && contentStart < lineStart) removable.push({ start: contentStart, end: lineStart });
        cutFence = '';
      }
    } else if (opens) {
      // A fence the parser may read otherwise (indented: perhaps inside a list item; in a run that may be an
      // HTML block; inside an HTML block) could put this scan and the parser out of step about where code is:
      // no fast path for the rest of the text.
      if (!line.startsWith(fenceMatch[1]!) || htmlOpen || runHtml) trusted = false;
      flush(lineStart);
      group = undefined;
      cutFence = plainParagraphs && trusted ? fenceMatch[1]! : '';
      contentStart = lineEnd + 1;
      afterBreak = false;
      fence = fenceMatch[1]!;
    } else if (BLANK_LINE.test(line)) {
      flush(lineStart);
      afterBreak = true;
    } else {
      if (runStart < 0) {
        runStart = lineStart;
        runKind = !plainParagraphs || !trusted || !afterBreak || htmlOpen ? ''
          : PLAIN_LINE.test(line) ? 'para' : PLAIN_BULLET.test(line) ? 'bullets' : PLAIN_HEADING.test(line) ? 'heading' : '';
      } else if (runKind === 'heading' || (runKind && !(runKind === 'para' ? PLAIN_LINE : PLAIN_BULLET).test(line))) runKind = '';
      runLineStarts.push(lineStart);
      if (HTML_START.test(line)) runHtml = true;
      afterBreak = false;
      if (htmlOpen) {
        if (line.includes(htmlOpen)) htmlOpen = '';
      }
      if (!htmlOpen && line.includes('<')) {
        for (const [opener, closer] of HTML_SPANNING) {
          const m = opener.exec(line);
          if (m && !line.includes(closer, m.index + m[0].length)) {
            htmlOpen = closer;
            break;
          }
        }
      }
      prepared = neutraliseEmphasis(line);
      runParts.push(out.length);
    }
    out.push(prepared);
    if (lineEnd === text.length) {
      if (!fence) flush(lineEnd);
      break;
    }
    out.push('\n');
    lineStart = lineEnd + 1;
  }
  return { text: out.join(''), plain, placeholders, removable };
}

function neutraliseEmphasis(line: string): string {
  if (!line.includes('*') && !line.includes('_')) return line;
  if (THEMATIC_BREAK.test(line)) return line;
  // Keep a list marker `*` after indentation and block-quote markers.
  let k = 0;
  while (k < line.length && (line[k] === ' ' || line[k] === '\t' || line[k] === '>')) k++;
  const keep = line[k] === '*' && (line[k + 1] === ' ' || line[k + 1] === '\t' || k + 1 === line.length) ? k : -1;
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    out += (c === '*' || c === '_') && i !== keep ? 'x' : c;
  }
  return out;
}

function rawUrlLength(text: string, urlStart: number, end: number, url: string): number {
  if (text.startsWith(url, urlStart)) return url.length;
  // Escaped or entity-encoded URL: take the raw run up to whitespace or the closing parenthesis.
  let k = urlStart;
  while (k < end && !/[\s)>]/.test(text[k]!)) k++;
  return Math.max(1, k - urlStart);
}

const HTML_URL_ATTR = /<(img|a|source|iframe|video|audio|link|script)\b[^<>]{0,2000}?\b(src|href|srcset|data)\s*=\s*(["']?)([^"'\s>]{1,4096})/gi;

/** HTML comments and `<img src>` / `<a href>` URLs inside an HTML fragment at raw offset `base`. */
export function htmlParts(html: string, base: number, links: LinkNode[], comments: CommentNode[]): void {
  // indexOf loop, not a lazy regex: many unclosed `<!--` must stay linear.
  for (let i = html.indexOf('<!--'); i >= 0; ) {
    const close = html.indexOf('-->', i + 4);
    const end = close < 0 ? html.length : close + 3;
    comments.push({ start: base + i, end: base + end, value: html.slice(i + 4, close < 0 ? html.length : close), valueStart: base + i + 4 });
    if (close < 0) break;
    i = html.indexOf('<!--', end);
  }
  for (const m of html.matchAll(HTML_URL_ATTR)) {
    const tag = m[1]!.toLowerCase();
    const url = m[4]!;
    const urlStart = base + m.index + m[0].length - url.length;
    links.push({ type: 'link', image: tag !== 'a', url, start: base + m.index, end: urlStart + url.length, urlStart, urlEnd: urlStart + url.length, syntax: 'html' });
  }
}
