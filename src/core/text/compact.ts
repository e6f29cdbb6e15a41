// A whitespace-free view of a text. PDF extraction breaks lines (and leaves spaces) inside
// numbers and names: `646 家`, `上汽大\n\n众`. Rule-based recognizers scan the compact view and
// map matches back, so a span covers the break while never starting or ending on whitespace.
import { isWhitespaceCode } from './char-class';

export interface CompactView {
  /** The text with every whitespace character removed. */
  readonly text: string;
  /** Original UTF-16 offset of each compact character. */
  readonly toOriginal: Int32Array;
  /** Original text. */
  readonly original: string;
}


export function compactView(original: string): CompactView {
  const toOriginal = new Int32Array(original.length);
  const parts: string[] = [];
  let n = 0;
  let runStart = 0;
  for (let i = 0; i < original.length; i++) {
    if (isWhitespaceCode(original.charCodeAt(i))) {
      if (i > runStart) parts.push(original.slice(runStart, i));
      runStart = i + 1;
    } else toOriginal[n++] = i;
  }
  if (runStart < original.length) parts.push(original.slice(runStart));
  let text = parts.join('');
  // Older reports write the zero of 一九八○年 with a white circle (U+25CB); the rules read 〇.
  if (text.indexOf('\u25cb') >= 0) text = text.replace(/\u25cb/g, '\u3007');
  return { text, toOriginal: toOriginal.subarray(0, n), original };
}

/** Maps a compact range [start, end) back to an original range that starts and ends on non-whitespace. */
export function toOriginalRange(v: CompactView, start: number, end: number): { start: number; end: number } {
  return { start: v.toOriginal[start], end: v.toOriginal[end - 1] + 1 };
}

