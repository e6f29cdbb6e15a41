// Multi-pattern matcher over glossary terms and aliases.
// Contract (relied on by recognizers, the extension and the benchmark):
//  - leftmost-longest, non-overlapping matches, scanning left to right;
//  - whitespace inside a match (PDF line breaks, spaces) is skipped, never at a match's ends;
//    patterns are compiled with their own whitespace removed;
//  - full-width ASCII folds to half-width and Latin case is ignored when the options ask.
// INTERIM implementation (first-character buckets); replaced by an Aho–Corasick automaton.

export interface MatcherOptions {
  foldWidth: boolean;
  foldCase: boolean;
}

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
}

export function isSkippableSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3000 || c === 0xa0 || c === 0x0b || c === 0x0c;
}

export function foldChar(c: number, o: MatcherOptions): number {
  if (o.foldWidth && c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
  if (o.foldCase && c >= 0x41 && c <= 0x5a) c += 0x20;
  return c;
}

export function compileMatcher(patterns: readonly string[], options: Partial<MatcherOptions> = {}): Matcher {
  const o: MatcherOptions = { foldWidth: true, foldCase: true, ...options };
  const byFirst = new Map<number, { codes: number[]; id: number }[]>();
  patterns.forEach((p, id) => {
    const codes: number[] = [];
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      if (!isSkippableSpace(c)) codes.push(foldChar(c, o));
    }
    if (codes.length === 0) return;
    let list = byFirst.get(codes[0]);
    if (!list) byFirst.set(codes[0], (list = []));
    list.push({ codes, id });
  });
  for (const list of byFirst.values()) list.sort((a, b) => b.codes.length - a.codes.length);
  return {
    size: patterns.length,
    scan(text: string, from = 0, to = text.length): Match[] {
      const out: Match[] = [];
      let i = from;
      while (i < to) {
        const list = byFirst.get(foldChar(text.charCodeAt(i), o));
        let hit: Match | undefined;
        if (list) {
          for (const { codes, id } of list) {
            let j = i;
            let k = 0;
            while (k < codes.length && j < to) {
              const c = text.charCodeAt(j);
              if (k > 0 && isSkippableSpace(c)) { j++; continue; }
              if (foldChar(c, o) !== codes[k]) break;
              j++;
              k++;
            }
            if (k === codes.length) { hit = { start: i, end: j, pattern: id }; break; }
          }
        }
        if (hit) { out.push(hit); i = hit.end; } else i++;
      }
      return out;
    },
  };
}
