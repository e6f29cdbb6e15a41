// UTF-16 code units (JS strings, VS Code positions) ⇄ Unicode code points (dataset formats).
// The one place where the two counting schemes meet; everything else calls this module.
import { lowerBound, partitionPoint } from './search';

/** Maps between UTF-16 offsets and code point offsets of one text. O(n) to build, O(log n) per lookup. */
export class OffsetMap {
  /** UTF-16 offsets of the high surrogates of astral characters, ascending. */
  private readonly astral: number[] = [];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.astral.push(i);
          i++;
        }
      }
    }
  }

  /** Number of code points in the text. */
  get codePointLength(): number {
    return this.text.length - this.astral.length;
  }

  /** How many astral characters start strictly before UTF-16 offset `u`. */
  private astralBefore(u: number): number {
    return lowerBound(this.astral, u);
  }

  /** UTF-16 offset → code point offset. An offset inside a surrogate pair maps to the pair's start. */
  toCodePoint(u: number): number {
    if (u <= 0) return 0;
    if (u >= this.text.length) return this.codePointLength;
    const k = this.astralBefore(u);
    // u points at the low surrogate of pair k-1: round down to the pair's start.
    if (k > 0 && this.astral[k - 1] === u - 1) return u - 1 - (k - 1);
    return u - k;
  }

  /** Code point offset → UTF-16 offset. */
  toUtf16(cp: number): number {
    if (cp <= 0) return 0;
    if (cp >= this.codePointLength) return this.text.length;
    // Smallest u with u - astralBefore(u) >= cp: astral chars before the result shift it right.
    // (the code point index of astral[m] is astral[m] - m)
    const astral = this.astral;
    return cp + partitionPoint(0, astral.length, (m) => astral[m] - m < cp);
  }
}

/** Code point length of a string (surrogate pairs count once). */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
