// Binary search over sorted offsets: one home for the lower bound every module needs (text
// offsets, recognizers, the engine's windows, annotation lists). Hand-written copies of this loop
// drifted before (< against <=, lo against lo - 1); callers say what "before" means instead.

/**
 * The first index in [lo, hi) at which `before(i)` is false, for a `before` that is true on a
 * prefix of the range and false after it (hi when it is true throughout).
 */
export function partitionPoint(lo: number, hi: number, before: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index in [lo, hi) of the ascending `sorted` whose value is ≥ x (hi when none). */
export function lowerBound(sorted: ArrayLike<number>, x: number, lo = 0, hi = sorted.length): number {
  return partitionPoint(lo, hi, (i) => sorted[i] < x);
}

/**
 * lowerBound on an Int32Array (a compact view's offsets, the structure breaks), with the loop
 * written out: the tagger calls it for every candidate span, and through partitionPoint's
 * closure over an ArrayLike shared with other callers it cost about 4% of the whole pipeline.
 */
export function lowerBoundInt32(sorted: Int32Array, x: number, lo = 0, hi = sorted.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index of `items` (ascending by start) whose start + off is ≥ p. */
export function firstStartingAt(items: readonly { start: number }[], off: number, p: number): number {
  return partitionPoint(0, items.length, (i) => items[i].start + off < p);
}

/** The first index of `items` (non-overlapping, so ascending by end too) whose end + off is > p. */
export function firstEndingAfter(items: readonly { end: number }[], off: number, p: number): number {
  return partitionPoint(0, items.length, (i) => items[i].end + off <= p);
}
