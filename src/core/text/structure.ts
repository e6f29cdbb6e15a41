// The structure of a page that no span crosses: the line breaks around a title, a byline or a
// heading (a short line with no sentence punctuation, standing on its own). PDF extraction breaks
// lines, even with blank lines between them, inside names and numbers (上汽大⏎⏎众), so a line
// break alone is not a boundary; a line that is a title or a byline is.
import type { CompactView } from './compact';
import { joinsAWord } from '../lexicon/segment';

/** Longest line (in code units, surrounding whitespace left out) that may be a title or byline. */
const MAX_STANDALONE = 24;
/** A line with any of these is prose, not a title or a byline. */
const SENTENCE = /[。；！？，：:;!?]/;
/** A line ending in these goes on in the next one (我国第一部《⏎国防法⏎》). */
const OPENS = /[、《“（(‘「『〈【—-]$/;
/** A line starting with these goes on from the previous one. */
const CLOSES = /^[》”）)’」』〉】、，。；：！？]/;

const cache = new WeakMap<CompactView, Int32Array>();

/** Offsets of the line breaks ('\n' or '\r') that no ORG or TERM span crosses, ascending. */
export function structureBreaks(v: CompactView): Int32Array {
  let out = cache.get(v);
  if (!out) cache.set(v, (out = findBreaks(v.original)));
  return out;
}

function findBreaks(text: string): Int32Array {
  // Lines with content: [start, end) of their trimmed text, and the break offsets around them.
  const lines: { text: string; before: number; after: number }[] = [];
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text.charCodeAt(i);
    if (i < text.length && c !== 10 && c !== 13) continue;
    const t = text.slice(lineStart, i).trim();
    if (t) lines.push({ text: t, before: lineStart - 1, after: i < text.length ? i : -1 });
    lineStart = i + 1;
  }
  const out: number[] = [];
  if (lines.length < 2) return new Int32Array(0);
  lines.forEach((l, k) => {
    if (l.text.length > MAX_STANDALONE || SENTENCE.test(l.text) || OPENS.test(l.text) || CLOSES.test(l.text)) return;
    const prev = lines[k - 1];
    const next = lines[k + 1];
    if (prev && OPENS.test(prev.text)) return;
    if (next && CLOSES.test(next.text)) return;
    // A word of the lexicon across the break (上汽大⏎⏎众, 实体⏎⏎经济) joins the lines: one
    // sentence broken by PDF extraction, whatever the length of its pieces.
    if ((prev && joinsAWord(prev.text, l.text)) || (next && joinsAWord(l.text, next.text))) return;
    if (l.before >= 0) out.push(l.before);
    if (l.after >= 0) out.push(l.after);
  });
  return Int32Array.from(new Set(out)).sort();
}

/** True when a structure break lies inside original offsets (a, b). */
export function breakBetween(v: CompactView, a: number, b: number): boolean {
  const breaks = structureBreaks(v);
  if (breaks.length === 0) return false;
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid] <= a) lo = mid + 1;
    else hi = mid;
  }
  return lo < breaks.length && breaks[lo] < b;
}
