// The structure of a page that no span crosses: the line breaks around a title, a byline or a
// heading (a short line with no sentence punctuation, standing on its own). PDF extraction breaks
// lines, even with blank lines between them, inside names and numbers (上汽大⏎⏎众), so a line
// break alone is not a boundary; a line that is a title or a byline is.
import type { CompactView } from './compact';
import { isWhitespaceCode } from './char-class';
import { joinsAWord } from '../lexicon/segment';
import { lowerBoundInt32 } from './search';

/** Longest line (in code units, surrounding whitespace left out) that may be a title or byline. */
const MAX_STANDALONE = 24;
/** Units kept of each end of a long line: enough for the longest word across a break. */
const EDGE = 12;
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
  // Lines with content: their trimmed text (only when short: most lines of prose are long, and
  // copying them all cost more than the rest of this), and the break offsets around them.
  const lines: { text: string; short: boolean; before: number; after: number }[] = [];
  // Line ends found by indexOf (native, many units per step) rather than a charCodeAt loop over
  // every unit of the text: this pass over each document was 2% of the pipeline. The next '\r'
  // is looked for again only once passed, so a text without any is searched for one once.
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  for (let lineStart = 0; lineStart <= text.length; ) {
    if (lf >= 0 && lf < lineStart) lf = text.indexOf('\n', lineStart);
    if (cr >= 0 && cr < lineStart) cr = text.indexOf('\r', lineStart);
    const i = lf < 0 ? (cr < 0 ? text.length : cr) : cr < 0 ? lf : Math.min(lf, cr);
    let a = lineStart;
    let b = i;
    while (a < b && isWhitespaceCode(text.charCodeAt(a))) a++;
    while (b > a && isWhitespaceCode(text.charCodeAt(b - 1))) b--;
    if (b > a) {
      const short = b - a <= MAX_STANDALONE;
      // A long line keeps its first and last few units: all its neighbours look at.
      lines.push({ text: short ? text.slice(a, b) : text.slice(a, a + EDGE) + text.slice(b - EDGE, b), short, before: lineStart - 1, after: i < text.length ? i : -1 });
    }
    lineStart = i + 1;
  }
  const out: number[] = [];
  if (lines.length < 2) return new Int32Array(0);
  lines.forEach((l, k) => {
    if (!l.short || SENTENCE.test(l.text) || OPENS.test(l.text) || CLOSES.test(l.text)) return;
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
  return breakIn(structureBreaks(v), a, b);
}

/** breakBetween on a view's structureBreaks, for a caller that checks many spans of one view
 *  (one WeakMap lookup per view instead of one per span). */
export function breakIn(breaks: Int32Array, a: number, b: number): boolean {
  if (breaks.length === 0) return false;
  const lo = lowerBoundInt32(breaks, a + 1); // the first break after a
  return lo < breaks.length && breaks[lo] < b;
}
