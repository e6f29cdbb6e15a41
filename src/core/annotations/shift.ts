// How one annotation follows one text edit. Pure, so the document store, the undo replay and
// any view (e.g. decorations between engine runs) agree on exactly the same rule.
import type { Annotation } from './model';
import type { TextEdit } from '../types';

export type ShiftOutcome<T extends Annotation> =
  | { kind: 'same'; annotation: T }
  /** Moved as a whole: the span's own text is unchanged. */
  | { kind: 'moved'; annotation: T }
  /** The edit touched the span's text; offsets adjusted to what is left of it. */
  | { kind: 'adjusted'; annotation: T }
  /** The span's text is gone. */
  | { kind: 'dropped'; annotation: T };

/**
 * Rules (UTF-16 offsets, edit [s, e) → newText):
 * - edit wholly before the span (e ≤ start) shifts it; an insertion exactly at `start` too, so
 *   typing in front of a tag does not grow it;
 * - edit wholly after (s ≥ end) leaves it; typing right after a tag does not grow it either;
 * - edit inside the span (start ≤ s, e ≤ end) resizes it by the length change — typing inside
 *   a tag makes it longer;
 * - edit overlapping one boundary keeps the part of the span outside the edit;
 * - edit covering the whole span drops it (its text is gone), even when it types new text over it.
 * An adjusted span loses its number `value`, which was a reading of the old text.
 */
export function shiftAnnotation<T extends Annotation>(a: T, edit: TextEdit): ShiftOutcome<T> {
  const { start: s, end: e } = edit;
  const delta = edit.newText.length - (e - s);
  if (e <= a.start) {
    if (delta === 0) return { kind: 'same', annotation: a };
    return { kind: 'moved', annotation: { ...a, start: a.start + delta, end: a.end + delta } };
  }
  if (s >= a.end) return { kind: 'same', annotation: a };
  let start: number;
  let end: number;
  if (s <= a.start && e >= a.end) {
    // Covers the whole span (also: the whole span selected and typed over).
    return { kind: 'dropped', annotation: a };
  } else if (s >= a.start && e <= a.end) {
    start = a.start;
    end = a.end + delta;
  } else if (s < a.start) {
    // Overlaps the start: what survives is [e, a.end), now after the inserted text.
    start = s + edit.newText.length;
    end = a.end + delta;
  } else {
    // Overlaps the end: what survives is [a.start, s).
    start = a.start;
    end = s;
  }
  if (end <= start) return { kind: 'dropped', annotation: a };
  const { value: _value, ...rest } = a;
  return { kind: 'adjusted', annotation: { ...(rest as T), start, end } };
}

/** The text after an edit. */
export function applyTextEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}
