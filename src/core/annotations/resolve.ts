// Deterministic overlap resolution between candidate spans from all recognizers.
// Order of preference: longer span first; at equal length the leftmost; at the same extent a
// glossary hit over a rule hit over a quote candidate. NUM spans nested in a longer ORG/TERM
// (e.g. 五十五所, 十四五) disappear because the longer span wins.
import type { Span } from '../types';

const ORIGIN_RANK: Record<Span['origin'], number> = { manual: 0, glossary: 1, rule: 2, quote: 3 };

export function resolveOverlaps(candidates: readonly Span[]): Span[] {
  const sorted = [...candidates].sort(
    (a, b) => (b.end - b.start) - (a.end - a.start) || a.start - b.start || ORIGIN_RANK[a.origin] - ORIGIN_RANK[b.origin],
  );
  const taken: Span[] = [];
  for (const s of sorted) {
    if (s.end <= s.start) continue;
    if (!overlapsAny(taken, s)) insertSorted(taken, s);
  }
  return taken;
}

/** Binary search in spans sorted by start (non-overlapping) for any overlap with s. */
export function overlapsAny(sorted: readonly { start: number; end: number }[], s: { start: number; end: number }): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].end <= s.start) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo].start < s.end;
}

function insertSorted<T extends { start: number }>(arr: T[], s: T): void {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid].start < s.start) lo = mid + 1;
    else hi = mid;
  }
  arr.splice(lo, 0, s);
}
