// Define-only glossary entries (`show: hover`): never tagged, but explained where they occur.
// The hover asks for the longest such surface covering a position; the text around it is read
// without whitespace, so a surface broken by a PDF line break is still found.
import type { GlossaryEntry } from '../types';
import { withoutJsWhitespace } from '../text/char-class';

export interface ReferenceIndex {
  /** Surface without whitespace → entry (a later entry wins a shared surface, as in the matcher). */
  readonly bySurface: ReadonlyMap<string, GlossaryEntry>;
  /** The surface lengths present, longest first (only these are tried). */
  readonly lengths: readonly number[];
}

export function referenceIndex(entries: Iterable<GlossaryEntry>): ReferenceIndex {
  const bySurface = new Map<string, GlossaryEntry>();
  for (const e of entries) {
    for (const s of [e.term, ...e.aliases]) {
      const key = withoutJsWhitespace(s);
      if (key) bySurface.set(key, e);
    }
  }
  const lengths = [...new Set([...bySurface.keys()].map((k) => k.length))].sort((a, b) => b - a);
  return { bySurface, lengths };
}

export interface ReferenceHit {
  entry: GlossaryEntry;
  /** Offsets in the text that was searched (UTF-16, end exclusive). */
  start: number;
  end: number;
}

/**
 * The longest define-only surface in `text` that covers `offset` (leftmost among equals), or
 * undefined. `text` may be a window of a document: only its characters are looked at.
 */
export function referenceAt(index: ReferenceIndex, text: string, offset: number): ReferenceHit | undefined {
  if (index.lengths.length === 0 || offset < 0 || offset >= text.length || /\s/.test(text[offset])) return undefined;
  const longest = index.lengths[0];
  // Positions of the non-whitespace characters within reach of `offset`, and where `offset` is among them.
  const pos: number[] = [];
  let before = 0;
  for (let i = offset - 1; i >= 0 && before < longest - 1; i--) if (!/\s/.test(text[i])) { pos.push(i); before++; }
  pos.reverse();
  const at = pos.length;
  for (let i = offset, after = 0; i < text.length && after < longest; i++) if (!/\s/.test(text[i])) { pos.push(i); after++; }
  const chars = pos.map((p) => text[p]);
  for (const len of index.lengths) {
    for (let s = Math.max(0, at - len + 1); s <= at && s + len <= chars.length; s++) {
      const entry = index.bySurface.get(chars.slice(s, s + len).join(''));
      if (entry) return { entry, start: pos[s], end: pos[s + len - 1] + 1 };
    }
  }
  return undefined;
}
