// Deterministic overlap resolution between candidate spans from all recognizers.
// Order of preference: longer span first; at equal length the leftmost; at the same extent a
// glossary hit over a rule hit over a quote candidate; then the earlier candidate. NUM spans
// nested in a longer ORG/TERM (e.g. 五十五所, 十四五) disappear because the longer span wins.
import type { Span } from '../types';

const ORIGIN_RANK: Record<Span['origin'], number> = { manual: 0, glossary: 1, rule: 2, quote: 3 };

// Sorting runs on numbers in typed arrays, not on the spans: candidates come from several
// recognizers in several object shapes, and a comparator reading their fields is megamorphic
// (it was a fifth of the engine's time).
const MAX_LEN = 2 ** 20; // longer candidates sort as if this long (none is, in practice)
const START_SPACE = 2 ** 28; // starts beyond 268 M code units fall back to the slow sort

export function resolveOverlaps(candidates: readonly Span[]): Span[] {
  const n = candidates.length;
  let maxEnd = 0;
  for (const s of candidates) if (s.end > maxEnd) maxEnd = s.end;
  const order = preferenceOrder(candidates, maxEnd);
  // Occupancy map over the covered range: O(total span length) instead of O(n²) inserts.
  const used = new Uint8Array(maxEnd);
  const taken: Span[] = [];
  for (let k = 0; k < n; k++) {
    const s = candidates[order[k]];
    if (s.end <= s.start || s.start < 0) continue;
    let free = true;
    for (let i = s.start; i < s.end; i++) if (used[i]) { free = false; break; }
    if (!free) continue;
    used.fill(1, s.start, s.end);
    taken.push(s);
  }
  return byStart(taken, maxEnd);
}

/** Candidate indices, most preferred first (stable: equal keys keep their input order). */
function preferenceOrder(c: readonly Span[], maxEnd: number): Uint32Array {
  const n = c.length;
  const idx = new Uint32Array(n);
  for (let k = 0; k < n; k++) idx[k] = k;
  if (maxEnd >= START_SPACE) {
    const pref = (a: Span, b: Span) => (b.end - b.start) - (a.end - a.start) || a.start - b.start || ORIGIN_RANK[a.origin] - ORIGIN_RANK[b.origin];
    return idx.sort((a, b) => pref(c[a], c[b]) || a - b);
  }
  if (n < 2 ** 15 && maxEnd < 2 ** 26) {
    // Typical documents: (shorter-by, start, rank, index) packed into one exact float
    // (10 + 26 + 2 + 15 = 53 bits), sorted natively with no comparator at all.
    const key = new Float64Array(n);
    let ok = true;
    for (let k = 0; k < n && ok; k++) {
      const s = c[k];
      const len = s.end - s.start;
      if (len >= 2 ** 10 || len < 0 || s.start < 0) ok = false;
      else key[k] = (((2 ** 10 - 1 - len) * 2 ** 26 + s.start) * 4 + ORIGIN_RANK[s.origin]) * 2 ** 15 + k;
    }
    if (ok) {
      key.sort();
      for (let k = 0; k < n; k++) idx[k] = key[k] % 2 ** 15;
      return idx;
    }
  }
  // (shorter-by, start, rank) packed into one float: < 2^20 · 2^28 · 4 = 2^50, exact.
  const key = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const s = c[k];
    const len = Math.min(MAX_LEN - 1, Math.max(0, s.end - s.start));
    key[k] = ((MAX_LEN - 1 - len) * START_SPACE + Math.max(0, s.start)) * 4 + ORIGIN_RANK[s.origin];
  }
  return idx.sort((a, b) => key[a] - key[b] || a - b);
}

/** Non-overlapping spans sorted by start (their starts are distinct). */
function byStart(spans: Span[], maxEnd: number): Span[] {
  const n = spans.length;
  if (maxEnd >= START_SPACE || n >= 2 ** 22) return spans.sort((a, b) => a.start - b.start);
  // start · 2^22 + index < 2^50: one numeric sort, no comparator.
  const key = new Float64Array(n);
  for (let k = 0; k < n; k++) key[k] = spans[k].start * 2 ** 22 + k;
  key.sort();
  const out = new Array<Span>(n);
  for (let k = 0; k < n; k++) out[k] = spans[key[k] % 2 ** 22];
  return out;
}
