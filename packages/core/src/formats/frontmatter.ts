import type { CommentNode, ParseProblem } from '../types.ts';
import { parseYaml } from './yaml.ts';
import type { JEntry, JNode } from './tree.ts';

export interface FrontMatter {
  /** Raw range of the YAML between the fences. */
  readonly start: number;
  readonly end: number;
  /** Offset where the body starts. */
  readonly bodyStart: number;
  /** Offset of the opening fence (after any leading comment lines). */
  readonly fenceStart: number;
  readonly root?: JNode;
  readonly comments: CommentNode[];
  /** Set when the YAML was invalid and (part of it) was read as lenient `key: value` lines instead. */
  readonly lenient?: ParseProblem;
}

export interface FrontMatterOptions {
  /** Allow `#` comment lines and blank lines before the opening fence (Dotprompt licence headers). */
  readonly leadingComments?: boolean;
}

const OPEN = /^---[ \t]*(?:\r\n?|\n)/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*(?:\r\n?|\n|$)/m;
/** `#` comment or blank lines before a Dotprompt fence. */
const LEADING_COMMENTS = /^(?:[ \t]*(?:#[^\r\n]*)?(?:\r\n?|\n))*/;

/** Split and parse YAML front matter at the start of a file. Never throws. */
export function readFrontMatter(text: string, options: FrontMatterOptions = {}): FrontMatter | undefined {
  let fenceStart = 0;
  const comments: CommentNode[] = [];
  if (options.leadingComments) {
    const lead = LEADING_COMMENTS.exec(text)![0];
    if (lead && OPEN.test(text.slice(lead.length))) {
      fenceStart = lead.length;
      for (const m of lead.matchAll(/#([^\r\n]*)/g)) comments.push({ start: m.index, end: m.index + m[0].length, value: m[1]!, valueStart: m.index + 1 });
    }
  }
  const open = OPEN.exec(text.slice(fenceStart));
  if (!open) return undefined;
  const start = fenceStart + open[0].length;
  const close = CLOSE.exec(text.slice(start));
  if (!close) return undefined;
  const end = start + close.index;
  const bodyStart = end + close[0].length;
  const yaml = text.slice(start, end);
  const parsed = parseYaml(yaml, start);
  comments.push(...parsed.comments);
  if (!parsed.error) return { start, end, bodyStart, fenceStart, root: parsed.roots[0], comments };
  // Cursor, Copilot and Dotprompt accept front matter that is not valid YAML (`globs: *.ts, *.tsx`,
  // Picoschema `{...}[]`): parse it block by block, and read the blocks that still fail as `key: value` text.
  return { start, end, bodyStart, fenceStart, root: lenientBlocks(yaml, start), comments, lenient: parsed.error };
}

/**
 * Top-level blocks of a YAML mapping: a line starting at column 0 and every following line that is
 * indented, blank, a comment or a `- ` item continuing it.
 */
function topLevelBlocks(yaml: string): { offset: number; text: string }[] {
  const blocks: { offset: number; text: string }[] = [];
  let offset = 0;
  let current: { offset: number; end: number } | undefined;
  for (const line of yaml.split('\n')) {
    const lineEnd = offset + line.length + 1;
    const continues = /^(?:[ \t]|#|-(?:[ \t]|\r?$)|\r?$)/.test(line);
    if (!continues || !current) {
      if (current) blocks.push({ offset: current.offset, text: yaml.slice(current.offset, current.end) });
      current = { offset, end: Math.min(lineEnd, yaml.length) };
    } else current.end = Math.min(lineEnd, yaml.length);
    offset = lineEnd;
  }
  if (current) blocks.push({ offset: current.offset, text: yaml.slice(current.offset, current.end) });
  return blocks;
}

const KEY_LINE = /^([^\s#:][^:\r\n]{0,200}?)[ \t]*:(?:[ \t]+|(?=\r?\n|$))/;

/** Parse each top-level block on its own; a block that is not valid YAML becomes `key: <raw text>`. */
function lenientBlocks(yaml: string, base: number): JNode {
  const entries: JEntry[] = [];
  for (const block of topLevelBlocks(yaml)) {
    const blockBase = base + block.offset;
    const parsed = parseYaml(block.text, blockBase);
    const root = parsed.roots[0];
    if (!parsed.error && root?.kind === 'object') {
      entries.push(...root.entries);
      continue;
    }
    // The value is the rest of the block, raw: every character of it stays visible to the text rules. A block
    // with no `key:` at all is kept whole under the empty key.
    const m = KEY_LINE.exec(block.text);
    const key = m ? m[1]!.replace(/^(["'])(.*)\1$/, '$2') : '';
    let vStart = m ? m[0].length : 0;
    let vEnd = block.text.length;
    while (vEnd > vStart && /\s/.test(block.text[vEnd - 1]!)) vEnd--;
    while (vStart < vEnd && /[ \t]/.test(block.text[vStart]!)) vStart++;
    if (!m && vStart === vEnd) continue;
    const value = block.text.slice(vStart, vEnd);
    entries.push({
      key,
      keyStart: blockBase,
      keyEnd: blockBase + (m ? m[1]!.length : 0),
      value: { kind: 'string', value, start: blockBase + vStart, end: blockBase + vEnd, map: { base: blockBase + vStart } },
    });
  }
  return { kind: 'object', start: base, end: base + yaml.length, entries };
}
