/**
 * The secrets detectors' keyword prefilter finds all keywords in one regex pass (rules/_secret-detectors.ts
 * presentKeywords). It must report exactly the keywords a substring search finds, overlapping ones included.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DETECTORS, presentKeywords } from '../src/rules/_secret-detectors.ts';

const KEYWORDS = [...new Set(DETECTORS.flatMap((d) => d.keywords))];

describe('secret detector keywords', () => {
  it('are found exactly as a substring search finds them, overlaps and prefixes included', () => {
    const piece = fc.oneof(fc.constantFrom(...KEYWORDS), fc.constantFrom(...KEYWORDS).map((k) => k.slice(0, Math.max(1, k.length - 1))), fc.constantFrom('x', '-', '_', ' ', 'a', '0', '\n'));
    const text = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
    fc.assert(fc.property(text, (t) => {
      const expected = KEYWORDS.filter((k) => t.includes(k)).sort();
      assert.deepEqual([...presentKeywords(t)].sort(), expected);
    }), { seed: 5, numRuns: 20000 });
  });

  it('are still all found when a long run of one keyword makes the search narrow to the ones not found yet', () => {
    // More than 16 matches in a row without a new keyword narrow the search: keywords repeated many times.
    const piece = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...KEYWORDS.slice(0, 4)) },
      { weight: 1, arbitrary: fc.constantFrom(...KEYWORDS) },
      { weight: 1, arbitrary: fc.constantFrom('x', '-', '_', ' ', '\n') },
    );
    const text = fc.array(piece, { minLength: 20, maxLength: 200 }).map((p) => p.join(''));
    fc.assert(fc.property(text, (t) => {
      assert.deepEqual([...presentKeywords(t)].sort(), KEYWORDS.filter((k) => t.includes(k)).sort());
    }), { seed: 11, numRuns: 3000 });
    const run = `${'sk-'.repeat(100_000)}sk-ant-api03 ${'ghp_'.repeat(1000)}hf_`;
    assert.deepEqual([...presentKeywords(run)].sort(), KEYWORDS.filter((k) => run.includes(k)).sort());
  });

  it('include a keyword that starts inside another match', () => {
    const overlapping = KEYWORDS.flatMap((a) => KEYWORDS.filter((b) => b !== a).map((b) => a + b.slice(1)));
    for (const t of overlapping.slice(0, 2000)) assert.deepEqual([...presentKeywords(t)].sort(), KEYWORDS.filter((k) => t.includes(k)).sort(), t);
  });
});
