// Annotation lists under edits and overlaps: the list helpers AnnotatedDocument (document.ts)
// applies, pure functions of their inputs.
import type { Label } from '../types';
import type { TextEdit } from '../types';
import { compareAnnotations, type Annotation } from './model';
import { shiftAnnotation } from './shift';
import { lowerBound } from '../text/search';
import type { Range } from './document-types';

export const sameExtent = (a: Range & { label: Label }, b: Range & { label: Label }) => a.start === b.start && a.end === b.end && a.label === b.label;
export const overlaps = (a: Range, b: Range) => a.start < b.end && b.start < a.end;
export const isReviewed = (a: Annotation) => a.state === 'manual' || a.state === 'accepted';

export const extentKey = (a: Range & { label: Label }) => `${a.start}:${a.end}:${a.label}`;

/**
 * "Does anything in this list overlap s?" in O(log n): ranges sorted by start with a running
 * maximum of ends; the ranges starting before s.end overlap s iff the largest of their ends
 * passes s.start. Works for lists that overlap among themselves (imported data may).
 */
export function overlapIndex(list: readonly Range[]): { overlaps(s: Range): boolean } {
  const sorted = [...list].sort((a, b) => a.start - b.start);
  const starts = sorted.map((r) => r.start);
  const maxEnd: number[] = [];
  let m = -Infinity;
  for (const r of sorted) maxEnd.push((m = Math.max(m, r.end)));
  return {
    overlaps(s: Range): boolean {
      const lo = lowerBound(starts, s.end);
      return lo > 0 && maxEnd[lo - 1] > s.start;
    },
  };
}

export function shiftAll<T extends Annotation>(list: readonly T[], edit: TextEdit): { kept: T[]; dropped: T[]; adjusted: T[] } {
  const kept: T[] = [];
  const dropped: T[] = [];
  const adjusted: T[] = [];
  for (const a of list) {
    const r = shiftAnnotation(a, edit);
    if (r.kind === 'dropped') dropped.push(a);
    else {
      kept.push(r.annotation);
      if (r.kind === 'adjusted') adjusted.push(r.annotation);
    }
  }
  if (adjusted.length === 0) return { kept, dropped, adjusted };
  // An edit can shrink two overlapping annotations onto the same extent (日 and 日推动 after
  // deleting 推动): keep one per extent and label, the first by state, as tag() would. Two
  // copies would reload from the sidecar as one annotation and one spurious orphan.
  kept.sort(compareAnnotations);
  return { kept: kept.filter((a, i) => i === 0 || !sameExtent(kept[i - 1], a)), dropped, adjusted };
}
