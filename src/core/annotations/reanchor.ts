// Re-anchoring: finding stored annotations again in a text that changed outside the editor
// (another program, git pull, a re-extracted PDF). The stored code point offsets are tried
// first; then every occurrence of the exact quote is scored by how well the text around it
// matches the stored prefix/suffix; what cannot be found with enough confidence is orphaned —
// attaching a label to the wrong copy of a repeated phrase would silently corrupt the data,
// while an orphan is visible and can be re-attached by hand.
import { OffsetMap } from '../text/offsets';
import { backCodePoints } from './quote';
import { isJsWhitespace } from '../text/char-class';
import type { QuoteSelector } from './model';

export interface AnchorInput {
  /** Code point offsets into the text the annotation was made on. */
  start: number;
  end: number;
  label: string;
  quote: QuoteSelector;
  /** The offsets were made on this very text (hashes match): a quote found there needs no context check. */
  trustOffsets?: boolean;
}

export type AnchorResult =
  /** `start`/`end`: UTF-16 offsets into the new text. `how`: 'offsets' = stored place still holds the quote. */
  | { anchored: true; start: number; end: number; how: 'offsets' | 'quote'; score: number }
  | { anchored: false; reason: string };

export interface ReanchorOptions {
  /** Minimum context similarity (0..1, mean of prefix and suffix) to accept a moved quote. Default 0.5. */
  minContext?: number;
  /** Lower bar when the quote occurs exactly once in the new text. Default 0.3. */
  minContextUnique?: number;
}

/** Re-anchors every item in `text`; results are in input order. Two items never take the same place with the same label. */
export function reanchor(text: string, items: readonly AnchorInput[], options: ReanchorOptions = {}): AnchorResult[] {
  const minContext = options.minContext ?? 0.5;
  const minUnique = options.minContextUnique ?? 0.3;
  const map = new OffsetMap(text);
  const claimed = new Set<string>();
  const key = (s: number, e: number, label: string) => `${s}:${e}:${label}`;
  const results: AnchorResult[] = new Array(items.length);

  // Pass 1: items whose stored place still holds the quote claim it first, so a moved item
  // cannot steal the place of one that did not move.
  const pending: number[] = [];
  items.forEach((it, i) => {
    const s = map.toUtf16(it.start);
    const e = map.toUtf16(it.end);
    if (it.quote.exact !== '' && text.slice(s, e) === it.quote.exact && !claimed.has(key(s, e, it.label)) &&
        // At the stored place, but is it the same copy? A different copy of a repeated phrase can
        // land exactly there after an insertion; then its context gives it away.
        (it.trustOffsets || sameCopy(text, s, e, it.quote, minContext, minUnique))) {
      claimed.add(key(s, e, it.label));
      results[i] = { anchored: true, start: s, end: e, how: 'offsets', score: 1 };
    } else pending.push(i);
  });

  // Pass 2: search by quote and context.
  for (const i of pending) {
    const it = items[i];
    const exact = it.quote.exact;
    if (exact === '') {
      results[i] = { anchored: false, reason: 'the stored quote is empty' };
      continue;
    }
    const expected = map.toUtf16(it.start);
    const candidates: { start: number; context: number; distance: number }[] = [];
    let occurrences = 0;
    for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
      occurrences++;
      if (claimed.has(key(at, at + exact.length, it.label))) continue;
      const context = contextAt(text, at, at + exact.length, it.quote);
      candidates.push({ start: at, context, distance: Math.abs(at - expected) });
      if (occurrences > 100_000) break; // pathological repetition; the best so far will do
    }
    if (candidates.length === 0) {
      results[i] = { anchored: false, reason: occurrences ? 'every occurrence of the quote is taken by another annotation' : 'the quoted text is no longer in the document' };
      continue;
    }
    candidates.sort((a, b) => b.context - a.context || a.distance - b.distance);
    const best = candidates[0];
    const bar = occurrences === 1 ? minUnique : minContext;
    if (best.context < bar) {
      results[i] = { anchored: false, reason: `the quote occurs ${occurrences}× but no occurrence has the stored context (best match ${Math.round(best.context * 100)}%)` };
      continue;
    }
    claimed.add(key(best.start, best.start + exact.length, it.label));
    results[i] = { anchored: true, start: best.start, end: best.start + exact.length, how: 'quote', score: best.context };
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Context similarity. Whitespace is ignored on both sides: re-extracting a PDF or re-wrapping a
// paragraph moves line breaks and spaces without changing what the context says.


function contextAt(text: string, start: number, end: number, quote: QuoteSelector): number {
  return (prefixSimilarity(text, start, quote.prefix) + suffixSimilarity(text, end, quote.suffix)) / 2;
}

function sameCopy(text: string, s: number, e: number, quote: QuoteSelector, minContext: number, minUnique: number): boolean {
  const context = contextAt(text, s, e, quote);
  return context >= minContext || (context >= minUnique && occursOnce(text, quote.exact));
}

function occursOnce(text: string, exact: string): boolean {
  const first = text.indexOf(exact);
  return first !== -1 && text.indexOf(exact, first + 1) === -1;
}

function codePointsNoSpace(s: string): string[] {
  return [...s].filter((c) => !isJsWhitespace(c));
}

/** Similarity of the stored prefix with the text just before `at` (right-aligned). */
function prefixSimilarity(text: string, at: number, prefix: string): number {
  const want = codePointsNoSpace(prefix);
  if (want.length === 0) return textHasNoContentBefore(text, at) ? 1 : 0.5;
  const got: string[] = [];
  let i = at;
  while (got.length < want.length && i > 0) {
    const j = backCodePoints(text, i, 1);
    const cp = text.slice(j, i);
    if (!isJsWhitespace(cp)) got.unshift(cp);
    i = j;
  }
  return similarity(want, got);
}

/** Similarity of the stored suffix with the text just after `at` (left-aligned). */
function suffixSimilarity(text: string, at: number, suffix: string): number {
  const want = codePointsNoSpace(suffix);
  if (want.length === 0) return textHasNoContentAfter(text, at) ? 1 : 0.5;
  const got: string[] = [];
  for (let i = at; got.length < want.length && i < text.length; ) {
    const cp = String.fromCodePoint(text.codePointAt(i)!);
    if (!isJsWhitespace(cp)) got.push(cp);
    i += cp.length;
  }
  return similarity(want, got);
}

const textHasNoContentBefore = (text: string, at: number) => text.slice(0, at).trim() === '';
const textHasNoContentAfter = (text: string, at: number) => text.slice(at).trim() === '';

/** 1 − (Levenshtein distance / longer length), on code point arrays. */
function similarity(a: readonly string[], b: readonly string[]): number {
  const n = Math.max(a.length, b.length);
  if (n === 0) return 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return 1 - prev[b.length] / n;
}
