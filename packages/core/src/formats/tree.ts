import type { OffsetMap, StringField, TextSegment, SegmentContext } from '../types.ts';

/**
 * A position-keeping value tree shared by the YAML and JSON adapters: semantic extractors read it without
 * caring which syntax it came from. Nothing in it is ever instantiated or evaluated: it is data.
 */
export type JNode = JObject | JArray | JScalar;

interface JBase {
  readonly start: number;
  readonly end: number;
}

export interface JEntry {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: JNode | undefined;
}

export interface JObject extends JBase {
  readonly kind: 'object';
  readonly entries: readonly JEntry[];
}

export interface JArray extends JBase {
  readonly kind: 'array';
  readonly items: readonly JNode[];
}

export interface JScalar extends JBase {
  readonly kind: 'string' | 'number' | 'boolean' | 'null';
  readonly value: string | number | boolean | null;
  /** Decoded-to-raw map of a string value. */
  readonly map?: OffsetMap;
}

export type Path = readonly (string | number)[];

export function isObject(n: JNode | undefined): n is JObject {
  return n?.kind === 'object';
}

export function isArray(n: JNode | undefined): n is JArray {
  return n?.kind === 'array';
}

export function isString(n: JNode | undefined): n is JScalar & { value: string } {
  return n?.kind === 'string';
}

/** The value of a key (first match; `keys` may list aliases, matched case-sensitively). */
export function get(n: JNode | undefined, ...keys: string[]): JNode | undefined {
  if (!isObject(n)) return undefined;
  for (const k of keys) {
    const e = n.entries.find((x) => x.key === k);
    if (e) return e.value;
  }
  return undefined;
}

/** Case-insensitive key lookup. */
export function getCI(n: JNode | undefined, key: string): JEntry | undefined {
  if (!isObject(n)) return undefined;
  const k = key.toLowerCase();
  return n.entries.find((x) => x.key.toLowerCase() === k);
}

export function str(n: JNode | undefined): string | undefined {
  return isString(n) ? n.value : undefined;
}

export function toField(key: string, path: Path, n: JScalar): StringField {
  return { key, path, value: String(n.value), start: n.start, end: n.end, map: n.map ?? { base: n.start } };
}

export function toSegment(n: JScalar, path: Path, context: SegmentContext): TextSegment {
  return { value: String(n.value), context, path, map: n.map ?? { base: n.start } };
}

/** Visit every string leaf with its key path and the key it hangs under. Depth-bounded. */
export function walkStrings(
  root: JNode | undefined,
  visit: (node: JScalar & { value: string }, path: Path, key: string) => void,
  path: Path = [],
  key = '',
  depth = 0,
): void {
  if (!root || depth > 256) return;
  if (root.kind === 'object') {
    for (const e of root.entries) walkStrings(e.value, visit, [...path, e.key], e.key, depth + 1);
    return;
  }
  if (root.kind === 'array') {
    root.items.forEach((item, i) => walkStrings(item, visit, [...path, i], key, depth + 1));
    return;
  }
  if (root.kind === 'string') visit(root as JScalar & { value: string }, path, key);
}

/** Visit every object node with its path. Depth-bounded. */
export function walkObjects(root: JNode | undefined, visit: (node: JObject, path: Path) => void, path: Path = [], depth = 0): void {
  if (!root || depth > 256) return;
  if (root.kind === 'object') {
    visit(root, path);
    for (const e of root.entries) walkObjects(e.value, visit, [...path, e.key], depth + 1);
  } else if (root.kind === 'array') {
    root.items.forEach((item, i) => walkObjects(item, visit, [...path, i], depth + 1));
  }
}
