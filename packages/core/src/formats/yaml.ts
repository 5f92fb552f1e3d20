import { Composer, Parser, isAlias, isMap, isPair, isScalar, isSeq, type Node as YNode, type Scalar } from 'yaml';
import { alignDecoded } from '../util/position.ts';
import type { CommentNode, ParseProblem } from '../types.ts';
import type { JEntry, JNode, JScalar } from './tree.ts';
import { depthMessage, howToRaise, parseLimits, recordLimitHit } from '../limits.ts';

export interface YamlParseResult {
  /** One tree per YAML document in the stream. */
  readonly roots: JNode[];
  readonly comments: CommentNode[];
  readonly error?: ParseProblem;
}

/** Default nesting limit (the `maxDepth` limit, limits.ts, applies). */
export const MAX_DEPTH = 200;

/**
 * Parse YAML into position-keeping trees. Aliases are never expanded (an alias bomb costs nothing),
 * custom tags stay inert strings, and the text is only read.
 * `base` shifts every offset (for YAML embedded at an offset, such as front matter).
 */
export function parseYaml(text: string, base = 0): YamlParseResult {
  // The yaml package breaks lines only at LF and CRLF; a file with classic Mac line ends (CR only) is read as
  // YAML 1.2 and PyYAML read it. Replaced one for one, so every offset still holds. A stray CR in a file that
  // has LF line ends stays a character (turning it into a break can break a quoted scalar's indentation).
  if (text.includes('\r') && !text.includes('\n')) text = text.replace(/\r/g, '\n');
  const comments: CommentNode[] = [];
  const { maxDepth, maxAliases } = parseLimits();
  // The parser and composer recurse per nesting level: refuse absurd nesting before they see it.
  const scan = scanYaml(text, maxDepth, maxAliases);
  const tooDeep = scan.depthAt;
  if (tooDeep !== undefined) {
    const message = depthMessage('YAML', maxDepth);
    recordLimitHit({ limit: 'maxDepth', value: maxDepth, offset: base + tooDeep, message });
    return { roots: [], comments, error: { message, offset: base + tooDeep } };
  }
  // The tokenizer costs far more than this scan: a flood of aliases is refused before it runs.
  if (scan.aliasAt !== undefined) return tooManyAliases(comments, maxAliases, base + scan.aliasAt);
  let tokens;
  try {
    tokens = Array.from(new Parser().parse(text));
  } catch (e) {
    return { roots: [], comments, error: { message: `YAML: ${(e as Error).message}`, offset: base } };
  }
  const aliases: number[] = [];
  for (const t of tokens) collectComments(t, comments, base, 0, aliases, 4 * maxDepth + 16);
  // Aliases are never expanded, so an alias bomb costs nothing; still, a file with more aliases than any real
  // config is refused before it is composed.
  if (aliases.length > maxAliases) return tooManyAliases(comments, maxAliases, base + aliases[maxAliases]!);
  const composer = new Composer({ keepSourceTokens: true, uniqueKeys: false, strict: false, prettyErrors: false });
  const roots: JNode[] = [];
  try {
    for (const doc of composer.compose(tokens, true)) {
      const err = doc.errors[0];
      if (err) {
        return { roots: [], comments, error: { message: `YAML: ${firstLine(err.message)}`, offset: base + Math.max(0, err.pos?.[0] ?? 0) } };
      }
      const root = convert(doc.contents as YNode | null, text, base, 0, new Set(), maxDepth);
      if (root) roots.push(root);
    }
  } catch (e) {
    return { roots: [], comments, error: { message: `YAML: ${firstLine((e as Error).message)}`, offset: base } };
  }
  return { roots, comments };
}

function tooManyAliases(comments: CommentNode[], maxAliases: number, offset: number): YamlParseResult {
  const message = `YAML: more than ${maxAliases} aliases (the maxAliases limit; aliases are never expanded; ${howToRaise('maxAliases')})`;
  recordLimitHit({ limit: 'maxAliases', value: maxAliases, offset, message });
  return { roots: [], comments, error: { message, offset } };
}

/** Offset where the nesting of `text` first exceeds `max` levels, if it does (see scanYaml). */
export function checkYamlDepth(text: string, max = MAX_DEPTH): number | undefined {
  return scanYaml(text, max, Infinity).depthAt;
}

/**
 * One linear pass over YAML text: `depthAt` is the offset where the nesting first exceeds `maxDepth`, `aliasAt`
 * the offset of alias number `maxAliases + 1` (a `*name` where a value can start), if there are that many.
 * Nesting is a linear over-estimate: flow collections (`[` / `{` where a value can start, outside quotes and
 * comments) plus block levels (increasing indentation, compact `- - x` items). Block scalar content is skipped.
 */
export function scanYaml(text: string, max: number, maxAliases: number): { depthAt?: number; aliasAt?: number } {
  const indents: number[] = [];
  let aliases = 0;
  let flow = 0;
  let blockScalarIndent = -1;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let p = lineStart;
    while (p < lineEnd && (text[p] === ' ' || text[p] === '\t')) p++;
    const indent = p - lineStart;
    const blank = p >= lineEnd || text[p] === '\r' || text[p] === '#';
    if (blockScalarIndent >= 0 && (blank || indent > blockScalarIndent)) {
      lineStart = lineEnd + 1;
      continue;
    }
    blockScalarIndent = -1;
    if (!blank && flow === 0) {
      while (indents.length && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      // `- - - x`: every compact item opens a level.
      while (text[p] === '-' && (text[p + 1] === ' ' || text[p + 1] === '\t')) {
        indents.push(indent + 1);
        p += 2;
        while (text[p] === ' ' || text[p] === '\t') p++;
      }
      if (indents.length > max) return { depthAt: p };
    }
    // Flow brackets, quotes and comments on this line.
    let canStart = true;
    let quote = '';
    for (; p < lineEnd; p++) {
      const c = text[p]!;
      if (quote) {
        if (c === '\\' && quote === '"') p++;
        else if (c === quote) quote = '';
        continue;
      }
      if (c === '#' && (p === lineStart || /\s/.test(text[p - 1]!))) break;
      if ((c === '"' || c === "'") && canStart) quote = c;
      else if ((c === '[' || c === '{') && canStart) {
        if (++flow > max) return { depthAt: p };
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
      else if (c === '*' && canStart && p + 1 < lineEnd && !/[\s,\]}]/.test(text[p + 1]!) && ++aliases > maxAliases) return { aliasAt: p };
      canStart = c === ' ' || c === '\t' ? canStart : c === ':' || c === '-' || c === ',' || c === '[' || c === '{' || c === '?';
    }
    // A block scalar header (`key: |`, `- >-`) hides the more-indented lines that follow.
    if (flow === 0 && /(?:^|[\s:-])[|>][1-9+-]{0,2}$/.test(text.slice(lineStart, lineEnd).replace(/(?<!\s)\s+#.*$/, '').trimEnd())) blockScalarIndent = indent;
    lineStart = lineEnd + 1;
  }
  return {};
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** Collect comments, and the offsets of alias tokens (`*name`), from the CST. */
function collectComments(token: unknown, out: CommentNode[], base: number, depth: number, aliases: number[], maxTokenDepth: number): void {
  if (!token || typeof token !== 'object' || depth > maxTokenDepth) return;
  if (Array.isArray(token)) {
    for (const t of token) collectComments(t, out, base, depth + 1, aliases, maxTokenDepth);
    return;
  }
  const t = token as { type?: string; offset?: number; source?: string };
  if (t.type === 'comment' && typeof t.offset === 'number' && typeof t.source === 'string') {
    out.push({ start: base + t.offset, end: base + t.offset + t.source.length, value: t.source.slice(1), valueStart: base + t.offset + 1 });
    return;
  }
  if (t.type === 'alias' && typeof t.offset === 'number') {
    aliases.push(t.offset);
    return;
  }
  for (const k of ['start', 'sep', 'end', 'items', 'key', 'value', 'props'] as const) {
    const v = (token as Record<string, unknown>)[k];
    if (v && typeof v === 'object') collectComments(v, out, base, depth + 1, aliases, maxTokenDepth);
  }
}

/**
 * YAML node -> position-keeping tree. `anchors` holds the anchors defined so far (document order): an alias
 * to one of them is dropped (never expanded), an alias to nothing is text that merely looks like one
 * (Cursor's `globs: **` followed by `/*` is an alias to YAML) and is kept as its source string.
 */
function convert(node: YNode | null, text: string, base: number, depth: number, anchors: Set<string>, maxDepth: number): JNode | undefined {
  if (!node || depth > maxDepth) return undefined;
  const [start, valueEnd] = node.range ?? [0, 0];
  if ('anchor' in node && typeof node.anchor === 'string') anchors.add(node.anchor);
  if (isMap(node)) {
    const entries: JEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = pair.key as YNode | null;
      const key = isScalar(k) ? String(k.value) : '';
      const kr = k?.range ?? [start, start];
      entries.push({ key, keyStart: base + kr[0], keyEnd: base + kr[1], value: convert(pair.value as YNode | null, text, base, depth + 1, anchors, maxDepth) });
    }
    return { kind: 'object', start: base + start, end: base + valueEnd, entries };
  }
  if (isSeq(node)) {
    const items: JNode[] = [];
    for (const item of node.items) {
      const c = convert(item as YNode | null, text, base, depth + 1, anchors, maxDepth);
      if (c) items.push(c);
    }
    return { kind: 'array', start: base + start, end: base + valueEnd, items };
  }
  if (isAlias(node)) {
    if (anchors.has(node.source)) return undefined;
    const raw = text.slice(start, valueEnd);
    return { kind: 'string', value: raw, start: base + start, end: base + valueEnd, map: { base: base + start } };
  }
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'string') return stringScalar(node, v, text, base, start, valueEnd);
    if (typeof v === 'number') return { kind: 'number', value: v, start: base + start, end: base + valueEnd };
    if (typeof v === 'boolean') return { kind: 'boolean', value: v, start: base + start, end: base + valueEnd };
    if (v === null) return { kind: 'null', value: null, start: base + start, end: base + valueEnd };
    // Dates, binary and other tagged values: keep their source text as a string, never a live object.
    const raw = text.slice(start, valueEnd);
    return { kind: 'string', value: raw, start: base + start, end: base + valueEnd, map: { base: base + start } };
  }
  return undefined;
}

/** A string scalar with exact positions: the range excludes quotes, the map strips escapes, folds and indentation. */
function stringScalar(node: Scalar, value: string, text: string, base: number, start: number, end: number): JScalar {
  const type = node.type;
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    // Content starts on the line after the header (`|`, `>-`, `|2 # comment`).
    const nl = text.indexOf('\n', start);
    const rawStart = nl >= 0 && nl < end ? nl + 1 : end;
    const token = node.srcToken as { indent?: number; props?: { type: string; source: string }[] } | undefined;
    const header = token?.props?.find((t) => t.type === 'block-scalar-header')?.source ?? '';
    const explicit = /[1-9]/.exec(header);
    const indent = explicit && typeof token?.indent === 'number' ? token.indent + Number(explicit[0]) : undefined;
    const map = alignDecoded(text.slice(rawStart, end), base + rawStart, value, type === 'BLOCK_LITERAL' ? 'literal' : 'folded', indent);
    return { kind: 'string', value, start: base + rawStart, end: base + Math.max(rawStart, end), map };
  }
  const quoted = type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE';
  const inner = quoted && end - start >= 2 ? 1 : 0;
  const rawStart = start + inner;
  const rawEnd = Math.max(rawStart, end - inner);
  const style = type === 'QUOTE_DOUBLE' ? 'double' : type === 'QUOTE_SINGLE' ? 'single' : 'plain';
  const map = alignDecoded(text.slice(rawStart, rawEnd), base + rawStart, value, style);
  return { kind: 'string', value, start: base + rawStart, end: base + rawEnd, map };
}
