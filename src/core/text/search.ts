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

/**
 * The next occurrence of any of a few code units in a string, for a scan that moves forward: one
 * native indexOf per unit, repeated only once the scan has passed its last answer. Finding the
 * few quotation marks or 条/策/招 of a text so is several times faster than a regex character
 * class stepping through every unit.
 */
export class NextUnit {
  /** Per unit: index of its next occurrence, -1 when there is none left, -2 not yet looked for. */
  private readonly at: number[];
  constructor(private readonly s: string, private readonly units: readonly string[]) {
    this.at = units.map(() => -2);
  }

  /** The first index ≥ `from` holding one of the units, -1 when none; `from` never decreases. */
  from(from: number): number {
    let best = -1;
    for (let k = 0; k < this.at.length; k++) {
      let p = this.at[k];
      if (p === -1) continue;
      if (p < from) p = this.at[k] = this.s.indexOf(this.units[k], from);
      if (p >= 0 && (best < 0 || p < best)) best = p;
    }
    return best;
  }
}
