// The text incremental re-tagging reads: a plain string (retag) or a text kept in chunks (the
// IncrementalTagger), behind one small interface, so that an edit to a long document rebuilds
// one chunk instead of copying the whole string per keystroke.
import { partitionPoint } from '../text/search';

/** What the planning reads of a text: a JS string, or the tagger's chunks. */
export interface Text {
  readonly length: number;
  charCodeAt(i: number): number;
  slice(start: number, end: number): string;
  indexOf(unit: string, from: number): number;
  toString(): string;
}

/** A text as chunks of about CHUNK code units: an edit rebuilds one chunk (versions share the
 *  others), reads near a position touch one chunk, and the whole string is joined only when
 *  asked for. */
export class ChunkedText implements Text {
  static readonly CHUNK = 16_384;
  private joined: string | undefined;
  private last = 0; // chunk of the previous lookup: reads cluster

  private constructor(private readonly chunks: readonly string[], private readonly ends: Int32Array, readonly length: number) {}

  static from(s: string): ChunkedText {
    const chunks: string[] = [];
    for (let i = 0; i < s.length; i += ChunkedText.CHUNK) chunks.push(s.slice(i, i + ChunkedText.CHUNK));
    const t = ChunkedText.of(chunks.length ? chunks : ['']);
    t.joined = s;
    return t;
  }

  private static of(chunks: string[]): ChunkedText {
    const ends = new Int32Array(chunks.length);
    let n = 0;
    for (let k = 0; k < chunks.length; k++) ends[k] = n += chunks[k].length;
    return new ChunkedText(chunks, ends, n);
  }

  private find(i: number): number {
    const ends = this.ends;
    let k = this.last;
    if (i < ends[k] && (k === 0 || i >= ends[k - 1])) return k;
    // The last chunk needs no test: a position past every end still lies in it.
    return (this.last = partitionPoint(0, ends.length - 1, (m) => ends[m] <= i));
  }

  private startOf(k: number): number {
    return k === 0 ? 0 : this.ends[k - 1];
  }

  charCodeAt(i: number): number {
    if (i < 0 || i >= this.length) return NaN;
    const k = this.find(i);
    return this.chunks[k].charCodeAt(i - this.startOf(k));
  }

  slice(start: number, end: number): string {
    if (this.joined !== undefined) return this.joined.slice(start, end);
    start = Math.max(0, start);
    end = Math.min(this.length, end);
    if (start >= end) return '';
    let k = this.find(start);
    let out = '';
    for (let at = start; at < end; k++) {
      const s0 = this.startOf(k);
      const piece = this.chunks[k].slice(at - s0, end - s0);
      out += piece;
      at = s0 + this.chunks[k].length;
    }
    return out;
  }

  /** Next position of a single code unit (the native search, chunk by chunk). */
  indexOf(unit: string, from: number): number {
    if (this.joined !== undefined) return this.joined.indexOf(unit, from);
    if (from >= this.length) return -1;
    for (let k = this.find(Math.max(0, from)); k < this.chunks.length; k++) {
      const s0 = this.startOf(k);
      const i = this.chunks[k].indexOf(unit, Math.max(0, from - s0));
      if (i >= 0) return s0 + i;
    }
    return -1;
  }

  toString(): string {
    return (this.joined ??= this.chunks.join(''));
  }

  /** A new version with [s, e) replaced by ins. */
  edit(s: number, e: number, ins: string): ChunkedText {
    const a = this.find(Math.min(s, Math.max(0, this.length - 1)));
    const b = this.find(Math.min(Math.max(e - 1, s), Math.max(0, this.length - 1)));
    const merged = this.chunks[a].slice(0, s - this.startOf(a)) + ins + this.chunks[b].slice(e - this.startOf(b));
    // Split only what grew past two chunks (typing at one place must not shed tiny chunks).
    const mid: string[] = [];
    if (merged.length <= 2 * ChunkedText.CHUNK) mid.push(merged);
    else for (let i = 0; i < merged.length; i += ChunkedText.CHUNK) mid.push(merged.slice(i, i + ChunkedText.CHUNK));
    const chunks = [...this.chunks.slice(0, a), ...mid, ...this.chunks.slice(b + 1)].filter((c) => c.length > 0);
    return ChunkedText.of(chunks.length ? chunks : ['']);
  }
}
