// "Tag all occurrences" (issue 16): where else a surface the annotator selected occurs, by the
// rule the engine propagates a name by — the compact view's match (PDF line breaks and spaces
// inside tolerated, leftmost and non-overlapping: names-matcher.ts) kept only where it stands as a
// word (word-edges.ts) — and which of those a batch may tag: none on top of a person's work, none
// the annotator rejected with that label. UTF-16 offsets, like AnnotatedDocument.
import type { Annotation } from '../annotations/model';
import { compactView } from '../text/compact';
import { findNameSets } from '../recognize/names-matcher';
import { standsAsWord } from '../recognize/word-edges';
import { contextOf } from '../eval/stats';
import { lowerBound } from '../text/search';
import { extentKey, isReviewed, overlapIndex } from '../annotations/annotation-lists';

export interface OccurrenceRange {
  start: number;
  end: number;
}

/** An occurrence as a preview lists it: 1-based line and a line of text around it, marked 【like this】. */
export interface OccurrencePlace extends OccurrenceRange {
  line: number;
  context: string;
}

export type SkipReason = 'tagged' | 'rejected';

export interface TagAllPlan {
  /** Occurrences to tag, in text order. */
  tag: OccurrenceRange[];
  /** Occurrences left alone: on top of a manual or accepted annotation, or rejected with this label. */
  skipped: (OccurrenceRange & { reason: SkipReason })[];
}

/**
 * Where `surface` occurs in `text` as a word. Whitespace in the surface and in the text is
 * ignored (a name broken by a PDF line break is found); an empty surface occurs nowhere.
 */
export function findOccurrences(text: string, surface: string): OccurrenceRange[] {
  const name = compactView(surface).text;
  if (name === '') return [];
  const view = compactView(text);
  return findNameSets(view, [[name]])[0].filter((r) => standsAsWord(view, r.start, r.end));
}

/** Line numbers (1-based) and contexts of `ranges` (ascending) in `text`. */
export function placesOf(text: string, ranges: readonly OccurrenceRange[]): OccurrencePlace[] {
  const breaks: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) breaks.push(i);
  return ranges.map((r) => ({ start: r.start, end: r.end, line: lowerBound(breaks, r.start) + 1, context: contextOf(text, r) }));
}

/**
 * Which occurrences a batch tags with `label`, given the document's annotations (rejected ones
 * included): an occurrence overlapping a manual or accepted annotation is already someone's work
 * (whatever its label), one the annotator rejected with this label stays rejected. Suggestions
 * do not stop a tag: tagging a suggestion's exact extent accepts it, as tagging by hand does.
 */
export function planTagAll(annotations: readonly Annotation[], occurrences: readonly OccurrenceRange[], label: string): TagAllPlan {
  const reviewed = overlapIndex(annotations.filter(isReviewed));
  const rejected = new Set(annotations.filter((a) => a.state === 'rejected' && a.label === label).map(extentKey));
  const plan: TagAllPlan = { tag: [], skipped: [] };
  for (const o of occurrences) {
    const range = { start: o.start, end: o.end };
    if (reviewed.overlaps(range)) plan.skipped.push({ ...range, reason: 'tagged' });
    else if (rejected.has(extentKey({ ...range, label }))) plan.skipped.push({ ...range, reason: 'rejected' });
    else plan.tag.push(range);
  }
  return plan;
}
