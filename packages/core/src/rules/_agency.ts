import type { PromptDocument } from '../types.ts';
import { isObject, isArray, type JEntry, type JNode, type JObject, type Path } from '../formats/tree.ts';

/**
 * Helpers of the `agency` rules: they read settings that are not text (booleans, numbers, lists) from the
 * document's value trees (YAML, JSON, TOML). Data only: nothing is evaluated.
 */

/** Visit every object entry with its owner object and the owner's key path. Depth-bounded. */
export function eachEntry(doc: PromptDocument, visit: (entry: JEntry, owner: JObject, path: Path) => void): void {
  const walk = (n: JNode | undefined, path: Path, depth: number) => {
    if (!n || depth > 64) return;
    if (isObject(n)) {
      for (const e of n.entries) {
        visit(e, n, path);
        walk(e.value, [...path, e.key], depth + 1);
      }
    } else if (isArray(n)) n.items.forEach((item, i) => walk(item, [...path, i], depth + 1));
  };
  for (const root of doc.tree ?? []) walk(root, [], 0);
}

/** The object of the trees whose raw range is exactly [start, end) (an MCP server entry, for example). */
export function objectAt(doc: PromptDocument, start: number, end: number): JObject | undefined {
  let found: JObject | undefined;
  const walk = (n: JNode | undefined, depth: number) => {
    if (found || !n || depth > 64 || n.start > start || n.end < end) return;
    if (isObject(n)) {
      if (n.start === start && n.end === end) {
        found = n;
        return;
      }
      for (const e of n.entries) walk(e.value, depth + 1);
    } else if (isArray(n)) for (const item of n.items) walk(item, depth + 1);
  };
  for (const root of doc.tree ?? []) walk(root, 0);
  return found;
}

/** `true`, or a string that says true (`"true"`, `"True"`, YAML written by Python tools). */
export function isTrue(n: JNode | undefined): boolean {
  if (!n) return false;
  if (n.kind === 'boolean') return n.value === true;
  return n.kind === 'string' && /^true$/i.test(String(n.value).trim());
}

/** `false`, or a string that says false. */
export function isFalse(n: JNode | undefined): boolean {
  if (!n) return false;
  if (n.kind === 'boolean') return n.value === false;
  return n.kind === 'string' && /^false$/i.test(String(n.value).trim());
}

/** The entry of `key` in `owner`. */
export function entry(owner: JNode | undefined, key: string): JEntry | undefined {
  return isObject(owner) ? owner.entries.find((e) => e.key === key) : undefined;
}

/** A scalar's text (string, number or boolean), lower-cased and trimmed. */
export function scalarText(n: JNode | undefined): string | undefined {
  if (!n || n.kind === 'object' || n.kind === 'array' || n.value === null) return undefined;
  return String(n.value).trim().toLowerCase();
}

/** Raw range of a value node. */
export function rangeOf(n: JNode): { start: number; end: number } {
  return { start: n.start, end: Math.max(n.end, n.start + 1) };
}

/** Whether a document was read from a structured format with value trees. */
export function hasTree(doc: PromptDocument): boolean {
  return !!doc.tree && doc.tree.length > 0 && !doc.parseError;
}
