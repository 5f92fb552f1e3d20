import { parseTree, visit, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { alignDecoded } from '../util/position.ts';
import type { CommentNode, ParseProblem } from '../types.ts';
import type { JEntry, JNode } from './tree.ts';
import { depthMessage, parseLimits, recordLimitHit } from '../limits.ts';

export interface JsonParseResult {
  readonly root?: JNode;
  readonly comments: CommentNode[];
  readonly error?: ParseProblem;
}

/** Parse JSON or JSONC (comments, trailing commas) into a position-keeping tree. */
export function parseJson(text: string): JsonParseResult {
  const comments: CommentNode[] = [];
  const { maxDepth } = parseLimits();
  const depthError = checkDepth(text, maxDepth);
  if (depthError) {
    recordLimitHit({ limit: 'maxDepth', value: maxDepth, offset: depthError.offset, message: depthError.message });
    return { comments, error: depthError };
  }
  const errors: ParseError[] = [];
  let tree: JsonNode | undefined;
  try {
    visit(text, {
      onComment(offset, length) {
        const raw = text.slice(offset, offset + length);
        const block = raw.startsWith('/*');
        const value = block ? raw.slice(2, raw.endsWith('*/') ? -2 : undefined) : raw.slice(2);
        // jsonc-parser gives an unterminated `/*` at the end of the text one unit too many.
        comments.push({ start: offset, end: Math.min(offset + length, text.length), value, valueStart: Math.min(offset + 2, text.length) });
      },
    }, { allowTrailingComma: true, disallowComments: false });
    tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  } catch (e) {
    return { comments, error: { message: `JSON: ${(e as Error).message}`, offset: 0 } };
  }
  const err = errors[0];
  if (err) return { comments, error: { message: `JSON: ${humanError(printParseErrorCode(err.error))}`, offset: err.offset } };
  return { root: tree ? convert(tree, text, 0, maxDepth) : undefined, comments };
}

function humanError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Refuse absurd nesting before the recursive parser sees it. */
function checkDepth(text: string, max: number): ParseProblem | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return { message: depthMessage('JSON', max), offset: i };
    } else if (c === 125 || c === 93) depth--;
  }
  return undefined;
}

function convert(node: JsonNode, text: string, depth: number, maxDepth: number): JNode | undefined {
  if (depth > maxDepth) return undefined;
  const start = node.offset;
  const end = node.offset + node.length;
  switch (node.type) {
    case 'object': {
      const entries: JEntry[] = [];
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k) continue;
        entries.push({ key: String(k.value), keyStart: k.offset + 1, keyEnd: k.offset + k.length - 1, value: v ? convert(v, text, depth + 1, maxDepth) : undefined });
      }
      return { kind: 'object', start, end, entries };
    }
    case 'array': {
      const items: JNode[] = [];
      for (const c of node.children ?? []) {
        const j = convert(c, text, depth + 1, maxDepth);
        if (j) items.push(j);
      }
      return { kind: 'array', start, end, items };
    }
    case 'string': {
      const value = String(node.value);
      const raw = text.slice(start + 1, end - 1);
      return { kind: 'string', value, start: start + 1, end: end - 1, map: alignDecoded(raw, start + 1, value, 'json') };
    }
    case 'number':
      return { kind: 'number', value: node.value as number, start, end };
    case 'boolean':
      return { kind: 'boolean', value: node.value as boolean, start, end };
    case 'null':
      return { kind: 'null', value: null, start, end };
    default:
      return undefined;
  }
}
