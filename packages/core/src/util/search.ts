/** Binary searches over ascending arrays of offsets (line starts, cut points, tag positions, offset maps). */

/** Index of the last of `a[0..n)` that is at most `x`; 0 when none is (callers keep `a[0] <= x`). */
export function lastAtMost(a: ArrayLike<number>, x: number, n = a.length): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Index of the first of `a[0..n)` that is at least `x`; `n` when none is. */
export function firstAtLeast(a: ArrayLike<number>, x: number, n = a.length): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
