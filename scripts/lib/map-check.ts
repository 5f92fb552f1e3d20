/**
 * The offset-map invariant, shared by the format tests (corpus, adapters) and the fuzzing properties: a
 * check that returns the first violation as text instead of asserting, so a long fuzz run can record it.
 */
import type { OffsetMap } from '@promptlint/core';
import { rawOffset } from '../../packages/core/src/util/position.ts';

/** A short, quoted excerpt of the raw text for a failure message. */
const near = (text: string, at: number): string => JSON.stringify(text.slice(Math.max(0, at - 4), at + 8));

/**
 * Every decoded unit of a map lands inside the file, the map never runs backwards, and each decoded letter or
 * digit lands on that same letter (or on the backslash of the escape that wrote it).
 */
export function mapProblem(text: string, value: string, map: OffsetMap, where: string): string | undefined {
  let prev = -1;
  for (let i = 0; i <= value.length; i++) {
    const raw = rawOffset(map, i);
    if (!Number.isInteger(raw) || raw < 0 || raw > text.length) return `${where}: decoded ${i} maps to ${raw}, outside the file (length ${text.length})`;
    if (raw < prev) return `${where}: map runs backwards at decoded ${i} (${prev} -> ${raw})`;
    prev = raw;
    if (i === value.length) break;
    const c = value[i]!;
    if (/[\p{L}\p{N}]/u.test(c) && text[raw] !== c && text[raw] !== '\\') {
      return `${where}: decoded ${JSON.stringify(c)} at ${i} maps to ${near(text, raw)} at ${raw}`;
    }
  }
  return undefined;
}
