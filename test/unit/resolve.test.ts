// Overlap resolution between the recognizers' candidates, against its rule applied naively:
// every candidate in preference order (longer, then leftmost, then glossary > rule > quote, then
// the earlier candidate), kept when no kept candidate overlaps it. The implementation resolves
// cluster by cluster, small clusters in scratch tables and large ones with a byte map; random
// candidate sets reach both, with every kind of tie.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveOverlaps } from '../../src/core/annotations/resolve';
import type { Span } from '../../src/core/types';
import { mulberry32 } from './helpers';

const RANK: Record<Span['origin'], number> = { manual: 0, glossary: 1, rule: 2, quote: 3 };
const ORIGINS: Span['origin'][] = ['glossary', 'rule', 'quote', 'manual'];

function reference(candidates: readonly Span[]): Span[] {
  const valid = candidates.map((s, k) => ({ s, k })).filter(({ s }) => s.end > s.start && s.start >= 0);
  valid.sort((a, b) => (b.s.end - b.s.start) - (a.s.end - a.s.start) || a.s.start - b.s.start || RANK[a.s.origin] - RANK[b.s.origin] || a.k - b.k);
  const kept: Span[] = [];
  for (const { s } of valid) if (!kept.some((t) => t.start < s.end && s.start < t.end)) kept.push(s);
  return kept.sort((a, b) => a.start - b.start);
}

/** Candidates in the largest group of transitively overlapping ones. */
function largestCluster(spans: readonly Span[]): number {
  const valid = spans.filter((s) => s.end > s.start && s.start >= 0).sort((a, b) => a.start - b.start);
  let best = 0;
  for (let i = 0; i < valid.length; ) {
    let end = valid[i].end;
    let j = i + 1;
    for (; j < valid.length && valid[j].start < end; j++) end = Math.max(end, valid[j].end);
    best = Math.max(best, j - i);
    i = j;
  }
  return best;
}

test('resolveOverlaps keeps what the preference rule keeps, in clusters of any size', () => {
  const r = mulberry32(20261122);
  let clustersOver16 = 0;
  for (let round = 0; round < 3000; round++) {
    const width = 10 + Math.floor(r() * (round % 10 === 0 ? 400 : 60));
    const n = Math.floor(r() * (round % 10 === 0 ? 120 : 12));
    const spans: Span[] = [];
    for (let k = 0; k < n; k++) {
      const start = Math.floor(r() * width) - (r() < 0.02 ? 3 : 0); // a few invalid ones
      const len = r() < 0.03 ? 0 : 1 + Math.floor(r() * (r() < 0.2 ? 30 : 6));
      spans.push({ start, end: start + len, label: r() < 0.5 ? 'NUM' : 'TERM', origin: ORIGINS[Math.floor(r() * ORIGINS.length)], reason: `c${k}` });
    }
    if (largestCluster(spans) > 16) clustersOver16++;
    // Same objects, same order: which of two equal candidates survives is part of the rule.
    assert.deepEqual(resolveOverlaps(spans).map((s) => s.reason), reference(spans).map((s) => s.reason), `round ${round}`);
  }
  assert.ok(clustersOver16 > 10, `large clusters were generated (${clustersOver16})`);
});

test('resolveOverlaps: equal candidates go to the earlier one, in a small and a large cluster', () => {
  const pair = [
    { start: 0, end: 4, label: 'TERM', origin: 'rule', reason: 'first' },
    { start: 0, end: 4, label: 'ORG', origin: 'rule', reason: 'second' },
    { start: 2, end: 3, label: 'NUM', origin: 'rule', reason: 'inside' },
  ] satisfies Span[];
  assert.deepEqual(resolveOverlaps(pair).map((s) => s.reason), ['first']);
  const many: Span[] = [...pair];
  for (let k = 0; k < 20; k++) many.push({ start: 1, end: 3, label: 'NUM', origin: 'rule', reason: `n${k}` });
  assert.deepEqual(resolveOverlaps(many).map((s) => s.reason), ['first']);
  // A glossary hit beats a rule hit of the same extent, wherever it comes in the list.
  const tie: Span[] = [{ ...pair[1] }, { start: 0, end: 4, label: 'TERM', origin: 'glossary', reason: 'glossary' }, pair[2]];
  assert.deepEqual(resolveOverlaps(tie).map((s) => s.reason), ['glossary']);
});
