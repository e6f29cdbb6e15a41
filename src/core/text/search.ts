// Binary search over sorted offsets: one home for the lower bound the text and recognizer
// modules all need.

/** The first index in [lo, hi) of the ascending `sorted` whose value is ≥ x (hi when none). */
export function lowerBound(sorted: ArrayLike<number>, x: number, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
