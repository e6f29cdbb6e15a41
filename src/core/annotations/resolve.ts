// Deterministic overlap resolution between candidate spans from all recognizers.
// Order of preference: longer span first; at equal length the leftmost; at the same extent a
// glossary hit over a rule hit over a quote candidate; then the earlier candidate. A candidate is
// kept when no more preferred kept candidate overlaps it. NUM spans nested in a longer ORG/TERM
// (e.g. 五十五所, 十四五) disappear because the longer span wins.
//
// How: candidates sorted by start fall into clusters of transitively overlapping spans; a span's
// fate depends only on its own cluster, and most clusters are one span. So one numeric sort by
// start, and the preference order only inside the few real clusters.
import type { Span } from '../types';

const ORIGIN_RANK: Record<Span['origin'], number> = { manual: 0, glossary: 1, rule: 2, quote: 3 };
const INDEX_SPACE = 2 ** 22; // start · 2^22 + index stays an exact float for starts < 2^31

export function resolveOverlaps(candidates: readonly Span[]): Span[] {
  const valid: Span[] = [];
  for (const s of candidates) if (s.end > s.start && s.start >= 0) valid.push(s);
  const sorted = byStart(valid);
  const out: Span[] = [];
  for (let i = 0; i < sorted.length; ) {
    let end = sorted[i].end;
    let j = i + 1;
    while (j < sorted.length && sorted[j].start < end) {
      if (sorted[j].end > end) end = sorted[j].end;
      j++;
    }
    if (j === i + 1) out.push(sorted[i]);
    else for (const s of resolveCluster(sorted, i, j, end)) out.push(s);
    i = j;
  }
  return out;
}

/** Candidates sorted by start, stable (a sort of packed numbers, no comparator on the spans:
 *  they come in several object shapes, and a comparator reading their fields is megamorphic). */
function byStart(spans: Span[]): Span[] {
  const n = spans.length;
  let maxStart = 0;
  for (const s of spans) if (s.start > maxStart) maxStart = s.start;
  if (n >= INDEX_SPACE || maxStart >= 2 ** 31) {
    const idx = spans.map((_, k) => k);
    idx.sort((a, b) => spans[a].start - spans[b].start || a - b);
    return idx.map((k) => spans[k]);
  }
  const key = new Float64Array(n);
  for (let k = 0; k < n; k++) key[k] = spans[k].start * INDEX_SPACE + k;
  key.sort();
  const out = new Array<Span>(n);
  for (let k = 0; k < n; k++) out[k] = spans[key[k] % INDEX_SPACE];
  return out;
}

/** The kept spans of the cluster sorted[from, to), which covers [sorted[from].start, end). */
function resolveCluster(sorted: readonly Span[], from: number, to: number, end: number): Span[] {
  const pref = (a: Span, b: Span) => (b.end - b.start) - (a.end - a.start) || a.start - b.start || ORIGIN_RANK[a.origin] - ORIGIN_RANK[b.origin];
  // Two candidates (the usual cluster: a number inside a name, a glossary hit and its quote)
  // overlap each other: the preferred one alone is kept.
  if (to - from === 2) return [pref(sorted[from], sorted[from + 1]) <= 0 ? sorted[from] : sorted[from + 1]];
  const origin = sorted[from].start;
  const order: number[] = [];
  for (let k = from; k < to; k++) order.push(k);
  order.sort((a, b) => pref(sorted[a], sorted[b]) || a - b); // a - b: the earlier candidate
  const used = new Uint8Array(end - origin);
  const kept: number[] = [];
  for (const k of order) {
    const s = sorted[k];
    let free = true;
    for (let i = s.start - origin; i < s.end - origin; i++) if (used[i]) { free = false; break; }
    if (!free) continue;
    used.fill(1, s.start - origin, s.end - origin);
    kept.push(k);
  }
  return kept.sort((a, b) => a - b).map((k) => sorted[k]); // sorted positions: already by start
}
