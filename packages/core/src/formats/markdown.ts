import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Nodes, Root } from 'mdast';
import type { CommentNode, LinkNode, ParseProblem, TextSegment } from '../types.ts';

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
export function parseMarkdownBody(text: string): MarkdownParts {
  const segments: TextSegment[] = [];
  const links: LinkNode[] = [];
  const comments: CommentNode[] = [];
  const tooDeep = excessiveNesting(text);
  if (tooDeep !== undefined) {
    // Read the body as plain prose: every character still reaches the text rules, at its own offset.
    const start = text.length - text.trimStart().length;
    if (start < text.length) segments.push({ value: text.slice(start), context: 'prose', path: [], map: { base: start } });
    htmlParts(text, 0, links, comments);
    return { segments, links, comments, note: { message: `Markdown nested deeper than ${MAX_MARKDOWN_NESTING} levels: read as plain text`, offset: tooDeep } };
  }
  const tree = processor.parse(text) as Root;
  const definitions = new Map<string, { url: string; start: number; end: number; urlStart: number }>();

  const slice = (n: Nodes) => ({ start: n.position?.start.offset ?? 0, end: n.position?.end.offset ?? 0 });

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
      links.push({ type: 'link', image: n.type === 'image', url: n.url, start, end, urlStart, urlEnd, syntax: raw.startsWith('<') ? 'autolink' : 'markdown' });
    } else if (n.type === 'html') {
      htmlParts(n.value, start, links, comments);
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
      definitions.set(n.identifier, { url: n.url, start, end, urlStart });
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
    const value = text.slice(start, end);
    if (n.type === 'code') {
      segments.push({ value, context: 'code', path: [], map: { base: start } });
      return;
    }
    if (n.type === 'html') {
      segments.push({ value, context: 'html', path: [], map: { base: start } });
      htmlParts(value, start, links, comments);
      return;
    }
    if (n.type === 'definition') {
      const def = definitions.get(n.identifier);
      if (def) links.push({ type: 'link', image: false, url: def.url, start, end, urlStart: def.urlStart, urlEnd: def.urlStart + def.url.length, syntax: 'markdown' });
    }
    segments.push({ value, context: 'prose', path: [], map: { base: start } });
    visitInline(n, depth + 1);
  };
  visitBlock(tree, 0);
  return { segments, links, comments };
}

function rawUrlLength(text: string, urlStart: number, end: number, url: string): number {
  if (text.startsWith(url, urlStart)) return url.length;
  // Escaped or entity-encoded URL: take the raw run up to whitespace or the closing parenthesis.
  let k = urlStart;
  while (k < end && !/[\s)>]/.test(text[k]!)) k++;
  return Math.max(1, k - urlStart);
}

const HTML_COMMENT = /<!--([\s\S]*?)(?:-->|$)/g;
const HTML_URL_ATTR = /<(img|a|source|iframe|video|audio|link|script)\b[^>]{0,2000}?\b(src|href|srcset|data)\s*=\s*(["']?)([^"'\s>]{1,4096})/gi;

/** HTML comments and `<img src>` / `<a href>` URLs inside an HTML fragment at raw offset `base`. */
export function htmlParts(html: string, base: number, links: LinkNode[], comments: CommentNode[]): void {
  for (const m of html.matchAll(HTML_COMMENT)) {
    const s = base + m.index;
    comments.push({ start: s, end: s + m[0].length, value: m[1] ?? '', valueStart: s + 4 });
  }
  for (const m of html.matchAll(HTML_URL_ATTR)) {
    const tag = m[1]!.toLowerCase();
    const url = m[4]!;
    const urlStart = base + m.index + m[0].length - url.length;
    links.push({ type: 'link', image: tag !== 'a', url, start: base + m.index, end: urlStart + url.length, urlStart, urlEnd: urlStart + url.length, syntax: 'html' });
  }
}
