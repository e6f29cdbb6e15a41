// Multi-pattern matcher over glossary terms and aliases.
// Contract (relied on by recognizers, the extension and the benchmark):
//  - leftmost-longest, non-overlapping matches, scanning left to right;
//  - whitespace inside a match (PDF line breaks, spaces) is skipped, never at a match's ends;
//    patterns are compiled with their own whitespace removed;
//  - full-width ASCII folds to half-width and Latin case is ignored when the options ask.
// Further guarantees of this implementation:
//  - patterns that are empty (or whitespace only) never match;
//  - patterns equal after folding and whitespace removal: the lowest index is reported;
//  - symbols are UTF-16 code units (an astral character is two symbols; surrogates pair up by
//    construction because patterns and text are compared unit by unit);
//  - scan time is linear in (to - from) whatever the patterns, whitespace runs included.
//
// How: an Aho–Corasick automaton over the *reversed* patterns, stored as a double-array trie.
// Scanning the text right to left, the automaton state at position i names the longest pattern
// that *starts* at i (its output link), so one backward pass fills "longest match starting here"
// and one forward greedy pass picks leftmost-longest, non-overlapping matches. Both passes are
// O(1) amortized per code unit, unlike the usual forward automaton, which must back up (and can
// go quadratic) to find leftmost-longest matches. Whitespace is simply not fed to the automaton,
// which is exactly "match the text with its whitespace removed".
// The text is processed in chunks, so the per-position buffer stays small (cache-resident).

import { runSteps, type Steps } from '../steps';
import { automatonSteps, scratchTables, SHARED_SCRATCH, ROOT, SPACE, STRIDE, type Automaton, type MatcherOptions, type Scratch } from './automaton';

// Options and folding live with the automaton that applies them; callers import them from here.
export { foldChar, scratchTables, type MatcherOptions, type Scratch } from './automaton';

export interface Match {
  /** UTF-16 offsets, end exclusive. */
  start: number;
  end: number;
  /** Index of the pattern in the array given to compileMatcher. */
  pattern: number;
}

export interface Matcher {
  scan(text: string, from?: number, to?: number): Match[];
  readonly size: number;
  /** Bytes of the automaton's typed arrays (its whole footprint but a few object headers). */
  readonly bytes: number;
}

export function compileMatcher(patterns: readonly string[], options: Partial<MatcherOptions> = {}): Matcher {
  return runSteps(matcherSteps(patterns, options, SHARED_SCRATCH));
}

/**
 * compileMatcher as steps (src/core/steps.ts), for a caller that compiles in slices. `scratch`:
 * per-unit tables for this compilation alone (scratchTables()); the shared ones would be cleared
 * under it by any compilation running in one of its pauses.
 */
function* matcherSteps(patterns: readonly string[], options: Partial<MatcherOptions> = {}, scratch: Scratch = scratchTables()): Steps<Matcher> {
  const o: MatcherOptions = { foldWidth: true, foldCase: true, ...options };
  return new AcMatcher(yield* automatonSteps(patterns, o, scratch), patterns.length);
}
/** Code units per scan chunk: the match-start buffer (4 bytes each) stays within L2. */
const CHUNK = 1 << 14;

/** Longest match starting at each position of the current chunk (see scan). */
const chunkBuffer = new Int32Array(CHUNK);

class AcMatcher implements Matcher {
  constructor(readonly a: Automaton, readonly size: number) {}

  get bytes(): number {
    const { sym, cells, term, len } = this.a;
    return sym.byteLength + cells.byteLength + term.byteLength + len.byteLength;
  }

  scan(text: string, from = 0, to: number = text.length): Match[] {
    const out: Match[] = [];
    const { sym, term, len, maxLen } = this.a;
    from = Math.max(0, from | 0);
    to = Math.min(text.length, to);
    if (maxLen === 0 || from >= to) return out;
    const buf = chunkBuffer; // shared: scans are synchronous and call no outside code
    let a = from;
    while (a < to) {
      const b = Math.min(to, a + CHUNK);
      this.fillStarts(text, a, b, to, buf);
      // Greedy left to right: the longest match starting at i, then continue after it.
      let i = a;
      while (i < b) {
        const n = buf[i - a];
        if (n === 0) { i++; continue; }
        const q = n >> 2; // offset → state index (STRIDE is 4)
        const j = matchEnd(text, sym, i, len[q]);
        out.push({ start: i, end: j, pattern: term[q] });
        i = j;
      }
      a = i; // a match may have carried us past b
    }
    return out;
  }

  /**
   * buf[i − a], for i in [a, b): the state naming the longest pattern that starts at i (its
   * offset in cells; 0: none). One backward pass: every match starting before b ends within
   * maxLen non-space units after b, so those are fed first (without recording) and matches
   * crossing the chunk edge are seen whole.
   */
  fillStarts(text: string, a: number, b: number, to: number, buf: Int32Array): void {
    const { sym, cells, maxLen } = this.a;
    let e = b;
    for (let k = maxLen; e < to && k > 0; e++) if (sym[text.charCodeAt(e)] !== SPACE) k--;

    let s = ROOT;
    for (let i = e - 1; i >= b; i--) {
      const y = sym[text.charCodeAt(i)];
      if (y === 0) s = ROOT;
      else if (y !== SPACE) {
        for (;;) {
          const t = cells[s] + y * STRIDE;
          if (cells[t + 1] === s) { s = t; break; }
          if (s === ROOT) break;
          s = cells[s + 2];
        }
      }
    }
    for (let i = b - 1; i >= a; i--) {
      const y = sym[text.charCodeAt(i)];
      if (y !== 0 && y !== SPACE) {
        for (;;) {
          const t = cells[s] + y * STRIDE;
          if (cells[t + 1] === s) { s = t; break; }
          if (s === ROOT) break;
          s = cells[s + 2];
        }
        buf[i - a] = cells[s + 3];
      } else {
        if (y === 0) s = ROOT;
        buf[i - a] = 0; // no match starts on whitespace or on a unit no pattern has
      }
    }
  }
}

/**
 * Patterns under different folding (glossaries that ask for case-sensitive or width-exact
 * matching next to ones that fold): one automaton per kind of folding, and one greedy pass over
 * their longest match at each position, so the result is what a single automaton folding each
 * pattern its own way would give: leftmost-longest, and the lowest pattern index on a tie.
 */
class MixedMatcher implements Matcher {
  private readonly parts: AcMatcher[] = [];
  private readonly ids: Int32Array[] = [];
  private readonly bufs: Int32Array[] = [];

  /** `parts[k]` matches `ids[k][p]` (an index in the whole pattern list) as its pattern p; parts
   *  that can match nothing (only empty patterns) are left out. */
  constructor(parts: readonly AcMatcher[], ids: readonly Int32Array[], readonly size: number) {
    parts.forEach((p, k) => {
      if (p.a.maxLen === 0) return;
      this.parts.push(p);
      this.ids.push(ids[k]);
      this.bufs.push(new Int32Array(CHUNK));
    });
  }

  get bytes(): number {
    let n = 0;
    for (const p of this.parts) n += p.bytes;
    for (const x of this.ids) n += x.byteLength;
    return n + this.bufs.length * CHUNK * 4;
  }

  scan(text: string, from = 0, to: number = text.length): Match[] {
    const out: Match[] = [];
    from = Math.max(0, from | 0);
    to = Math.min(text.length, to);
    const { parts, ids, bufs } = this;
    if (from >= to || parts.length === 0) return out;
    const sym = parts[0].a.sym; // any part's: whitespace is SPACE in every one
    let a = from;
    while (a < to) {
      const b = Math.min(to, a + CHUNK);
      for (let k = 0; k < parts.length; k++) parts[k].fillStarts(text, a, b, to, bufs[k]);
      let i = a;
      while (i < b) {
        let best = 0; // length in symbols
        let pattern = -1;
        for (let k = 0; k < parts.length; k++) {
          const n = bufs[k][i - a];
          if (n === 0) continue;
          const q = n >> 2;
          const l = parts[k].a.len[q];
          const id = ids[k][parts[k].a.term[q]];
          if (l > best || (l === best && id < pattern)) { best = l; pattern = id; }
        }
        if (best === 0) { i++; continue; }
        const j = matchEnd(text, sym, i, best);
        out.push({ start: i, end: j, pattern });
        i = j;
      }
      a = i;
    }
    return out;
  }
}

/** Where a match of `symbols` symbols starting at `i` ends: whitespace inside it is skipped. */
function matchEnd(text: string, sym: Uint16Array, i: number, symbols: number): number {
  let j = i;
  for (let k = symbols; k > 0; j++) if (sym[text.charCodeAt(j)] !== SPACE) k--;
  return j;
}

/**
 * A matcher where each pattern is folded as its own options ask (`options[p]`, defaults:
 * both folds). Patterns that all fold alike get the plain automaton.
 */
export function compileMixedMatcher(patterns: readonly string[], options: readonly Partial<MatcherOptions>[]): Matcher {
  return runSteps(mixedMatcherSteps(patterns, options, SHARED_SCRATCH));
}

export function* mixedMatcherSteps(patterns: readonly string[], options: readonly Partial<MatcherOptions>[], scratch: Scratch = scratchTables()): Steps<Matcher> {
  // Four kinds of folding at most, by (foldWidth, foldCase); both default to true.
  const byKind: ({ o: MatcherOptions; ids: number[] } | undefined)[] = [];
  for (let p = 0; p < patterns.length; p++) {
    const foldWidth = options[p].foldWidth !== false;
    const foldCase = options[p].foldCase !== false;
    const kind = (foldWidth ? 2 : 0) | (foldCase ? 1 : 0);
    (byKind[kind] ??= { o: { foldWidth, foldCase }, ids: [] }).ids.push(p);
  }
  const all = byKind.filter((g) => g !== undefined);
  if (all.length <= 1) return yield* matcherSteps(patterns, all[0]?.o ?? {}, scratch);
  const parts: AcMatcher[] = [];
  for (const g of all) parts.push(new AcMatcher(yield* automatonSteps(g.ids.map((p) => patterns[p]), g.o, scratch), g.ids.length));
  return new MixedMatcher(parts, all.map((g) => Int32Array.from(g.ids)), patterns.length);
}
