/**
 * Shared helpers for the format adapter tests: parse a text the way `lintText` does, find a segment or
 * field by its key path, and check that decoded indexes map back to the right raw characters.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument, sniffFormat, type FormatId, type PromptDocument, type TextSegment, type DocumentNode } from '@promptlint/core';
import { rawOffset } from '../../src/util/position.ts';
import { mapProblem } from '../../../../scripts/lib/map-check.ts';

export const FIXTURES = fileURLToPath(new URL('../fixtures/formats/', import.meta.url));

export function fixture(name: string): string {
  return readFileSync(FIXTURES + name, 'utf8');
}

/** Parse `text` as a file named `path` (format sniffed unless given). */
export function parse(text: string, path: string, format?: FormatId): PromptDocument {
  return parseDocument({ path, text }, format ?? sniffFormat(path, text));
}

/** The segment whose key path, joined with dots, is `path`. */
export function segment(doc: PromptDocument, path: string): TextSegment {
  const s = doc.segments.find((x) => x.path.join('.') === path);
  assert.ok(s, `no segment at ${path}; have: ${doc.segments.map((x) => x.path.join('.')).join(', ')}`);
  return s;
}

/** The segment whose decoded value contains `needle`. */
export function segmentWith(doc: PromptDocument, needle: string): TextSegment {
  const s = doc.segments.find((x) => x.value.includes(needle));
  assert.ok(s, `no segment contains ${JSON.stringify(needle)}`);
  return s;
}

/** Assert that the decoded occurrence of `word` in `seg` (the n-th, default first) maps onto `word` in the raw text. */
export function assertMapsTo(text: string, seg: { value: string; map: TextSegment['map'] }, word: string, nth = 0): number {
  let idx = -1;
  for (let k = 0; k <= nth; k++) {
    idx = seg.value.indexOf(word, idx + 1);
    assert.ok(idx >= 0, `decoded value has no occurrence ${nth} of ${JSON.stringify(word)}: ${JSON.stringify(seg.value)}`);
  }
  const raw = rawOffset(seg.map, idx);
  assert.equal(text.slice(raw, raw + word.length), word, `decoded ${JSON.stringify(word)} at ${idx} maps to raw ${raw}: ${JSON.stringify(text.slice(raw - 5, raw + word.length + 5))}`);
  return raw;
}

/**
 * Every letter or digit of every segment maps onto the same character in the raw text, and the map never
 * runs backwards: the invariant that keeps findings on the right bytes.
 */
export function assertAligned(doc: PromptDocument): void {
  for (const seg of doc.segments) {
    const problem = mapProblem(doc.file.text, seg.value, seg.map, `${doc.file.path} ${seg.path.join('.')}`);
    assert.equal(problem, undefined, problem);
  }
}

export function nodesOf<T extends DocumentNode['type']>(doc: PromptDocument, type: T): Extract<DocumentNode, { type: T }>[] {
  return doc.nodes.filter((n): n is Extract<DocumentNode, { type: T }> => n.type === type);
}
