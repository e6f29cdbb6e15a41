// Finding the names and phrases a document's rules found (ORG names, quoted terms) at their
// other occurrences: leftmost-longest, non-overlapping, across whitespace (PDF line breaks), like
// the glossary matcher.
//
// A document has a few dozen such names, and a new set per document: compiling an automaton for
// them per call, and keeping its 65,536-entry symbol table warm, cost more than the scan. So a
// small set is found with one shared first-unit table (set and cleared per call) and startsWith
// on the whitespace-free view; a large set (incremental re-tagging of a huge document can carry
// thousands) goes through a cached automaton, so the scan stays linear.
import { compileMatcher, type Matcher } from '../glossary/matcher';
import { toOriginalRange, type CompactView } from '../text/compact';
import { CHAR, NAME_FIRST_SHIFT, NAME_ONE_SHIFT, NAME_SECOND_SHIFT, NAME_SETS, groupByUnit } from '../text/char-class';

/** Above this many names, startsWith per candidate could go quadratic: use an automaton. */
const SMALL_SET = 256;
const CACHE_SIZE = 32;
const cache = new Map<string, Matcher>();
// Per call, the first and second units of each set's names (and first units of one-unit names)
// are flagged in the shared character table (src/core/text/char-class.ts, bits cleared after):
// two lookups in one cache line rule out most positions before any string is compared (names
// start with common characters: 南, 江, 中, 国 …). Up to four sets share one pass over the text.
const SET_BITS = (1 << NAME_SETS) - 1;
const ALL_NAME_BITS = (SET_BITS << NAME_FIRST_SHIFT) | (SET_BITS << NAME_SECOND_SHIFT) | (SET_BITS << NAME_ONE_SHIFT);

/**
 * Occurrences of each set of names, each set on its own (leftmost-longest, non-overlapping within
 * the set; sets may overlap each other), found in one pass over the text.
 */
export function findNameSets(v: CompactView, sets: readonly Iterable<string>[]): { start: number; end: number }[][] {
  if (sets.length > NAME_SETS) throw new RangeError(`findNameSets: at most ${NAME_SETS} sets`);
  const lists = sets.map((names) => [...new Set(names)].filter((n) => n.length > 0));
  const out = lists.map((): { start: number; end: number }[] => []);
  const small: number[] = []; // sets found by the shared pass below
  lists.forEach((list, k) => {
    if (list.length > SMALL_SET) out[k] = namesMatcher(list).scan(v.text).map((h) => toOriginalRange(v, h.start, h.end));
    else if (list.length > 0) small.push(k);
  });
  if (small.length === 0) return out;
  // Per set: names by first unit, longest first (leftmost-longest).
  const byFirst = small.map((k) => groupByUnit(lists[k].sort((x, y) => y.length - x.length)));
  small.forEach((k, b) => {
    const bit = 1 << b;
    for (const n of lists[k]) {
      const c = n.charCodeAt(0);
      CHAR[c] |= bit << NAME_FIRST_SHIFT;
      if (n.length === 1) CHAR[c] |= bit << NAME_ONE_SHIFT;
      else CHAR[n.charCodeAt(1)] |= bit << NAME_SECOND_SHIFT;
    }
  });
  const s = v.text;
  const next = small.map(() => 0); // per set: where its next match may start
  try {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const here = CHAR[c];
      const f = (here >>> NAME_FIRST_SHIFT) & SET_BITS; // the sets with a name starting with c
      if (f === 0) continue;
      const may = f & (((CHAR[s.charCodeAt(i + 1)] >>> NAME_SECOND_SHIFT) | (here >>> NAME_ONE_SHIFT)) & SET_BITS);
      if (may === 0) continue;
      for (let b = 0; b < small.length; b++) {
        if ((may & (1 << b)) === 0 || i < next[b]) continue;
        for (const n of byFirst[b].get(c)!) {
          if (!s.startsWith(n, i)) continue;
          out[small[b]].push(toOriginalRange(v, i, i + n.length));
          next[b] = i + n.length;
          break;
        }
      }
    }
  } finally {
    for (const m of byFirst) for (const c of m.keys()) CHAR[c] &= ~ALL_NAME_BITS;
    for (const k of small) for (const n of lists[k]) if (n.length > 1) CHAR[n.charCodeAt(1)] &= ~ALL_NAME_BITS;
  }
  return out;
}

/** An exact matcher (no case or width folding) over `names`; order of `names` does not matter. */
function namesMatcher(names: readonly string[]): Matcher {
  const list = [...names].sort();
  const key = list.join('\u0001');
  let m = cache.get(key);
  if (m) {
    cache.delete(key); // refresh its place in the LRU order
  } else {
    m = compileMatcher(list, { foldWidth: false, foldCase: false });
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  }
  cache.set(key, m);
  return m;
}
