import { RE2JS } from 're2js';

/**
 * User-supplied regular expressions (organisation settings: forbidden phrases, internal token formats).
 * They are compiled with RE2JS, an automaton engine without backtracking, so matching is linear in the text
 * length whatever the pattern: a config can never make a lint run hang. `new RegExp` is never used on them.
 */

export interface UserPattern {
  /** The pattern as written in the config. */
  readonly source: string;
  /** 1-based position in its settings list (shown in messages instead of the pattern). */
  readonly index: number;
  readonly re?: RE2JS;
  /** Why it did not compile. */
  readonly error?: string;
}

/** Longest accepted pattern: longer ones are a config mistake, and the automaton grows with the pattern. */
export const MAX_PATTERN_LENGTH = 1000;

/**
 * Largest accepted RE2 program. Matching is linear in the text, but the constant grows with the number of
 * automaton states alive at once (`[a-z]{1,100}` keeps a hundred): above this size a pattern could take
 * seconds per megabyte, so it is refused with a message instead.
 */
export const MAX_PROGRAM_SIZE = 100;

const cache = new Map<string, UserPattern[]>();

/** Compile a settings list once (cached by content); invalid entries keep their error instead of a matcher. */
export function compileUserPatterns(list: readonly unknown[] | undefined, options: { caseInsensitive?: boolean } = {}): UserPattern[] {
  if (!list || !Array.isArray(list) || list.length === 0) return [];
  const key = `${options.caseInsensitive ? 'i' : ''}\u0000${list.map(String).join('\u0000')}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const out: UserPattern[] = [];
  list.forEach((raw, i) => {
    const index = i + 1;
    if (typeof raw !== 'string' || raw === '') {
      out.push({ source: String(raw), index, error: 'not a non-empty string' });
      return;
    }
    if (raw.length > MAX_PATTERN_LENGTH) {
      out.push({ source: raw, index, error: `longer than ${MAX_PATTERN_LENGTH} characters` });
      return;
    }
    try {
      const re = RE2JS.compile(raw, options.caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
      const size = re.programSize();
      if (size > MAX_PROGRAM_SIZE) out.push({ source: raw, index, error: `too complex: program size ${size}, at most ${MAX_PROGRAM_SIZE}; use smaller counted repetitions` });
      else out.push({ source: raw, index, re });
    } catch (e) {
      out.push({ source: raw, index, error: (e as Error).message.split('\n')[0]!.slice(0, 200) });
    }
  });
  if (cache.size > 100) cache.clear();
  cache.set(key, out);
  return out;
}

export interface PatternMatch {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Every non-overlapping, non-empty match of `re` in `text` (UTF-16 offsets), at most `limit`. */
export function findAllMatches(re: RE2JS, text: string, limit = 200): PatternMatch[] {
  const out: PatternMatch[] = [];
  const m = re.matcher(text);
  let from = 0;
  while (out.length < limit && from <= text.length && m.find(from)) {
    const start = m.start();
    const end = m.end();
    if (end > start) out.push({ start, end, text: text.slice(start, end) });
    from = end > start ? end : end + 1;
  }
  return out;
}
