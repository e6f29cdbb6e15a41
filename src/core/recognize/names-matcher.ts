// Matchers over the names and phrases a document's rules found (ORG names, quoted terms), used to
// mark their other occurrences. The same sets recur call after call (incremental re-tagging tags
// windows under one document's facts), so compiled matchers are kept in a small LRU cache.
import { compileMatcher, type Matcher } from '../glossary/matcher';

const CACHE_SIZE = 32;
const cache = new Map<string, Matcher>();

/** An exact matcher (no case or width folding) over `names`; order of `names` does not matter. */
export function namesMatcher(names: Iterable<string>): Matcher {
  const list = [...new Set(names)].sort();
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
