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
    // Two candidates overlap each other (the usual cluster: a number inside a name, a glossary
    // hit and its quote): the preferred one alone is kept, the earlier one on a tie.
    else if (j === i + 2) out.push(prefer(sorted[i], sorted[i + 1]) <= 0 ? sorted[i] : sorted[i + 1]);
    else if (j - i <= SMALL_CLUSTER) resolveSmallCluster(sorted, i, j, out);
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

/** Preference order of two candidates: negative when `a` goes first, 0 on a tie (which callers
 *  settle for the earlier candidate). */
function prefer(a: Span, b: Span): number {
  return (b.end - b.start) - (a.end - a.start) || a.start - b.start || ORIGIN_RANK[a.origin] - ORIGIN_RANK[b.origin];
}

// Clusters of a few candidates (a number inside a name, a glossary hit and its quote and a
// propagated name: 20 or so per document) are resolved in scratch tables, without the arrays,
// comparator closure, sorts and per-cluster byte map of the general case below, which made a
// sixth of everything the pipeline allocates (69 → 57 bytes per character of text).
const SMALL_CLUSTER = 16;
const order = new Int32Array(SMALL_CLUSTER);
const keptAt = new Uint8Array(SMALL_CLUSTER);

/** resolveCluster for to − from ≤ SMALL_CLUSTER, appending the kept spans (by start) to `out`. */
function resolveSmallCluster(sorted: readonly Span[], from: number, to: number, out: Span[]): void {
  const n = to - from;
  // Insertion sort by preference; taken in index order and moved only past less preferred
  // candidates, so equal candidates keep index order (the general case's `|| a - b`).
  for (let k = 0; k < n; k++) {
    const s = sorted[from + k];
    let p = k;
    while (p > 0 && prefer(s, sorted[from + order[p - 1]]) < 0) {
      order[p] = order[p - 1];
      p--;
    }
    order[p] = k;
  }
  keptAt.fill(0, 0, n);
  for (let r = 0; r < n; r++) {
    const s = sorted[from + order[r]];
    let free = true;
    // Kept spans never overlap one another: overlapping one of them is overlapping a used unit.
    for (let q = 0; q < n && free; q++) if (keptAt[q] === 1 && sorted[from + q].start < s.end && s.start < sorted[from + q].end) free = false;
    if (free) keptAt[order[r]] = 1;
  }
  for (let q = 0; q < n; q++) if (keptAt[q] === 1) out.push(sorted[from + q]);
}

/** The kept spans of the cluster sorted[from, to), which covers [sorted[from].start, end). */
function resolveCluster(sorted: readonly Span[], from: number, to: number, end: number): Span[] {
  const origin = sorted[from].start;
  const order: number[] = [];
  for (let k = from; k < to; k++) order.push(k);
  order.sort((a, b) => prefer(sorted[a], sorted[b]) || a - b); // a - b: the earlier candidate
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
