// ORG and TERM spans stay inside the structure of the page and begin and end where words do: a
// glossary hit, a rule's name or a propagated name that cuts a word the lexicon keeps whole in its
// sentence is dropped (民生 in 保障人民生命安全, 一汽 in 第一汽车制造厂, 低保 in 最低保障).
// Numbers are left to their own rules, and quoted phrases are delimited by their quotation marks.
import type { Span } from '../types';
import type { CompactView } from '../text/compact';
import { CONTEXT, cutsAWord } from '../lexicon/segment';
import { breakBetween, breakIn, structureBreaks } from '../text/structure';
import { lowerBound, lowerBoundInt32 } from '../text/search';
import { isClauseBreak } from '../text/char-class';



/** True when the span is checked here: an ORG or TERM found by the glossary or a rule, or a
 *  phrase quoted elsewhere in the document (the quotation marks delimit only the quoted one). */
function checked(s: Span): boolean {
  return (s.label === 'ORG' || s.label === 'TERM') && (s.origin === 'glossary' || s.origin === 'rule' || s.reason === 'quoted-elsewhere');
}

/** `spans` without those that cut a word of their sentence. */
export function dropSpansCuttingWords(v: CompactView, spans: Span[]): Span[] {
  const s = v.text;
  const offsets = v.toOriginal;
  const n = offsets.length;
  // Whitespace units left out of the view. offsets[k] lies in [k, k + removed], so the compact
  // index of an original offset x lies in [x − removed, x]; and a span's end lies at most its
  // length past its start. The searches below run over those few entries instead of the whole
  // view (a binary search over all of it, twice per span, was about 3% of the pipeline).
  const removed = v.original.length - n;
  let breaks: Int32Array | undefined;
  return spans.filter((span) => {
    if (span.label !== 'ORG' && span.label !== 'TERM') return true;
    // No name or term runs across a title, a byline or a heading (text/structure.ts).
    breaks ??= structureBreaks(v);
    if (breakIn(breaks, span.start, span.end)) return false;
    if (!checked(span)) return true;
    const a = lowerBoundInt32(offsets, span.start, Math.max(0, span.start - removed), Math.min(n, span.start));
    const b = lowerBoundInt32(offsets, span.end, a, Math.min(n, a + (span.end - span.start)));
    if (b <= a) return true;
    // A title in 《》 is not tagged whole (《国防法》); what is inside it follows the rules.
    if (span.label === 'TERM' && s.charCodeAt(a - 1) === 0x300a && s.charCodeAt(b) === 0x300b) return false;
    return !cutsAWordCompact(s, a, b);
  });
}

/**
 * True when the original range [start, end) stands as a word of its sentence: within one part of
 * the page structure and cutting no word the lexicon keeps whole. The rule names propagate by,
 * shared with "tag all occurrences" (src/core/corpus/occurrences.ts).
 */
export function standsAsWord(v: CompactView, start: number, end: number): boolean {
  if (breakBetween(v, start, end)) return false;
  const a = lowerBound(v.toOriginal, start);
  const b = lowerBound(v.toOriginal, end);
  return b <= a || !cutsAWordCompact(v.text, a, b);
}

/** cutsAWord for the compact range [a, b) in the clause around it, as far as the segmenter looks past its edges. */
function cutsAWordCompact(s: string, a: number, b: number): boolean {
  let lo = a;
  while (lo > 0 && a - lo < CONTEXT && !isClauseBreak(s.charCodeAt(lo - 1))) lo--;
  let hi = b;
  while (hi < s.length && hi - b < CONTEXT && !isClauseBreak(s.charCodeAt(hi))) hi++;
  return cutsAWord(s, a, b, lo, hi);
}
