// What an editing operation on the annotations teaches (docs/learning.md): the editor knows the
// annotation an operation made and what it replaced; this turns that into LearningDecisions, so
// the rule "which decision teaches what" has one home, tested without VS Code.
import type { Label } from '../types';
import type { LearningDecision } from './model';

/** An annotation as the decisions need it (UTF-16 offsets into `text`). */
export interface DecidedSpan {
  start: number;
  end: number;
  label: Label;
  state: 'auto' | 'accepted' | 'manual' | 'rejected';
}

const surfaceOf = (text: string, s: DecidedSpan) => ({ surface: text.slice(s.start, s.end), label: s.label });

/**
 * A span tagged by hand. `made` is the annotation the tag produced (accepted when it is exactly a
 * suggestion); `replaced` are the tags and suggestions it took the place of (overlapping it).
 * Replacing one of them is a correction of it — another boundary and/or label: the old surface
 * is rejected, the new one learned. With several replaced, the one of the same label is the
 * one corrected (the others were merely overlapped and teach nothing: rejecting them would
 * carry a guess to every text).
 */
export function decisionsForTag(text: string, made: DecidedSpan, replaced: readonly DecidedSpan[]): LearningDecision[] {
  if (made.state === 'accepted') return [{ kind: 'accept', ...surfaceOf(text, made) }];
  const corrected = replaced.find((r) => r.label === made.label && r.state !== 'rejected') ?? (replaced.length === 1 && replaced[0].state !== 'rejected' ? replaced[0] : undefined);
  if (corrected) return [{ kind: 'change', from: surfaceOf(text, corrected), to: surfaceOf(text, made) }];
  return [{ kind: 'tag', ...surfaceOf(text, made) }];
}

/** A tag or suggestion removed or rejected: a suggestion (or accepted one) is rejected
 *  everywhere; removing one's own manual tag teaches nothing (it was a slip, not a judgement
 *  on the surface — "Forget Learned Entry…" removes what it taught). */
export function decisionsForRemoval(text: string, removed: DecidedSpan): LearningDecision[] {
  return removed.state === 'auto' || removed.state === 'accepted' ? [{ kind: 'reject', ...surfaceOf(text, removed) }] : [];
}

/** A label changed: the surface under the old label is rejected, under the new one learned. */
export function decisionsForLabel(text: string, before: DecidedSpan, label: Label): LearningDecision[] {
  return before.label === label ? [] : [{ kind: 'change', from: surfaceOf(text, before), to: { surface: text.slice(before.start, before.end), label } }];
}

/** Suggestions accepted (one by one or all in a file). */
export function decisionsForAccept(text: string, accepted: readonly DecidedSpan[]): LearningDecision[] {
  return accepted.map((s) => ({ kind: 'accept', ...surfaceOf(text, s) }));
}
