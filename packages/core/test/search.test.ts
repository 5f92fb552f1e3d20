import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { firstAtLeast, lastAtMost } from '../src/util/search.ts';

/** The same answers by a linear scan of `a[0..n)`. */
function linearLast(a: readonly number[], x: number, n: number): number {
  let last = 0;
  for (let k = 0; k < n; k++) if (a[k]! <= x) last = k;
  return last;
}
function linearFirst(a: readonly number[], x: number, n: number): number {
  for (let k = 0; k < n; k++) if (a[k]! >= x) return k;
  return n;
}

describe('binary searches over ascending offsets', () => {
  it('agree with a linear scan, over the whole array and over a prefix', () => {
    const sorted = fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 30 }).map((a) => a.sort((x, y) => x - y));
    fc.assert(fc.property(sorted, fc.integer({ min: -5, max: 70 }), fc.nat(), (a, x, cut) => {
      const n = 1 + (cut % a.length);
      assert.equal(lastAtMost(a, x), linearLast(a, x, a.length));
      assert.equal(firstAtLeast(a, x), linearFirst(a, x, a.length));
      assert.equal(lastAtMost(a, x, n), linearLast(a, x, n));
      assert.equal(firstAtLeast(a, x, n), linearFirst(a, x, n));
    }), { seed: 3, numRuns: 3000 });
  });
});
