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

/** Above this many names, startsWith per candidate could go quadratic: use an automaton. */
const SMALL_SET = 256;
const CACHE_SIZE = 32;
const cache = new Map<string, Matcher>();
/** Scratch: 1 for the first code unit of a name in the current call, else 0 (cleared after). */
const firstUnit = new Uint8Array(65536);

/** Occurrences of `names` (whitespace-free strings) in the text of `v`, as original ranges. */
export function findNames(v: CompactView, names: Iterable<string>): { start: number; end: number }[] {
  const list = [...new Set(names)].filter((n) => n.length > 0);
  if (list.length === 0) return [];
  if (list.length > SMALL_SET) {
    return namesMatcher(list).scan(v.text).map((h) => toOriginalRange(v, h.start, h.end));
  }
  const byFirst = new Map<number, string[]>();
  for (const n of list.sort((a, b) => b.length - a.length)) { // longest first: leftmost-longest
    const c = n.charCodeAt(0);
    const l = byFirst.get(c);
    if (l) l.push(n);
    else byFirst.set(c, [n]);
    firstUnit[c] = 1;
  }
  const s = v.text;
  const out: { start: number; end: number }[] = [];
  try {
    for (let i = 0; i < s.length; ) {
      if (firstUnit[s.charCodeAt(i)] === 0) { i++; continue; }
      let len = 0;
      for (const n of byFirst.get(s.charCodeAt(i))!) if (s.startsWith(n, i)) { len = n.length; break; }
      if (len === 0) { i++; continue; }
      out.push(toOriginalRange(v, i, i + len));
      i += len;
    }
  } finally {
    for (const c of byFirst.keys()) firstUnit[c] = 0;
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
