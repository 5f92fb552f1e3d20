import type { ParseProblem } from '../types.ts';
import { parseYaml } from './yaml.ts';
import type { JEntry, JNode } from './tree.ts';
import type { CommentNode } from '../types.ts';

export interface FrontMatter {
  /** Raw range of the YAML between the fences. */
  readonly start: number;
  readonly end: number;
  /** Offset where the body starts. */
  readonly bodyStart: number;
  readonly root?: JNode;
  readonly comments: CommentNode[];
  /** Set when the YAML was invalid and the lenient `key: value` reading was used instead. */
  readonly lenient?: ParseProblem;
}

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

/** Split and parse YAML front matter at the start of a file. */
export function readFrontMatter(text: string): FrontMatter | undefined {
  const open = OPEN.exec(text);
  if (!open) return undefined;
  const from = open[0].length;
  CLOSE.lastIndex = 0;
  const rest = text.slice(from);
  const close = CLOSE.exec(rest);
  if (!close) return undefined;
  const start = from;
  const end = from + close.index;
  const bodyStart = end + close[0].length;
  const yaml = text.slice(start, end);
  const parsed = parseYaml(yaml, start);
  if (!parsed.error) return { start, end, bodyStart, root: parsed.roots[0], comments: parsed.comments };
  // Cursor and others accept front matter such as `globs: **/*` that is not valid YAML: read it line by line.
  return { start, end, bodyStart, root: lenientKeyValues(yaml, start), comments: parsed.comments, lenient: parsed.error };
}

const LINE = /^([A-Za-z_][\w.-]{0,100})[ \t]*:[ \t]*(.*?)[ \t]*$/;

function lenientKeyValues(yaml: string, base: number): JNode {
  const entries: JEntry[] = [];
  let offset = 0;
  for (const line of yaml.split('\n')) {
    const clean = line.endsWith('\r') ? line.slice(0, -1) : line;
    const m = LINE.exec(clean);
    if (m) {
      const key = m[1]!;
      const value = m[2]!;
      const valueStart = base + offset + clean.length - (clean.length - clean.indexOf(value, key.length + 1));
      entries.push({
        key,
        keyStart: base + offset,
        keyEnd: base + offset + key.length,
        value: { kind: 'string', value, start: valueStart, end: valueStart + value.length, map: { base: valueStart } },
      });
    }
    offset += line.length + 1;
  }
  return { kind: 'object', start: base, end: base + yaml.length, entries };
}
