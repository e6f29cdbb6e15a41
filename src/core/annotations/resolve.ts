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
  // Occupancy map over the covered range: O(total span length) instead of O(n²) inserts.
  let maxEnd = 0;
  for (const s of sorted) if (s.end > maxEnd) maxEnd = s.end;
  const used = new Uint8Array(maxEnd);
  const taken: Span[] = [];
  for (const s of sorted) {
    if (s.end <= s.start || s.start < 0) continue;
    let free = true;
    for (let i = s.start; i < s.end; i++) if (used[i]) { free = false; break; }
    if (!free) continue;
    used.fill(1, s.start, s.end);
    taken.push(s);
  }
  return taken.sort((a, b) => a.start - b.start);
}


