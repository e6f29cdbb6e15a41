// The annotation model shared by the extension, the CLI and the exporters.
// An Annotation is a Span a person has a say on: automatic suggestions ('auto') and the
// decisions taken on them ('accepted', 'rejected') or spans made by hand ('manual').
import type { Label, NumberValue, Span } from '../types';

export type AnnotationState = 'auto' | 'accepted' | 'rejected' | 'manual';

/** W3C Web Annotation TextQuoteSelector: the exact text plus a little context on each side. */
export interface QuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface Annotation {
  /** UTF-16 offsets into the current text (code points only at sidecar/format boundaries). */
  start: number;
  end: number;
  label: Label;
  state: AnnotationState;
  /** Who made or decided it (setting or OS user); absent for untouched suggestions. */
  author?: string;
  /** ISO 8601 time of the last human decision. */
  time?: string;
  value?: NumberValue;
}

/** A suggestion: an 'auto' annotation with the engine span it came from (for hovers). */
export interface Suggestion extends Annotation {
  state: 'auto';
  /** The engine span (origin, glossary entry, reason); its offsets may be stale after edits. */
  span?: Span;
  /** Suggestions read from a sidecar or an import: kept across engine runs and saved back. */
  pinned?: boolean;
}

/**
 * The one conversion of an engine span into an unreviewed suggestion. `keepSpan` attaches the
 * span itself (the editor's hovers read its origin and entry); written output (sidecars,
 * exports) leaves it off. Keys are added in one fixed order so JSON output stays byte-stable.
 */
export function spanToSuggestion(s: Span, keepSpan = true): Suggestion {
  const out: Suggestion = { start: s.start, end: s.end, label: s.label, state: 'auto' };
  if (keepSpan) out.span = s;
  if (s.value) out.value = s.value;
  return out;
}

/** An annotation whose text could not be found again after an outside change; kept, never dropped. */
export interface OrphanedAnnotation extends Annotation {
  quote: QuoteSelector;
  orphanedAt: string;
}

/** Every state, in the order used for stable sorting and summaries. */
export const ANNOTATION_STATES: readonly AnnotationState[] = ['manual', 'accepted', 'auto', 'rejected'];

/** States that count as a person's work (the default export filter). */
export const REVIEWED_STATES: readonly AnnotationState[] = ['manual', 'accepted'];

export function isAnnotationState(s: unknown): s is AnnotationState {
  return s === 'auto' || s === 'accepted' || s === 'rejected' || s === 'manual';
}

/** Stable order of annotations: start, end, label, then state (for clean diffs). */
export function compareAnnotations(a: Annotation, b: Annotation): number {
  return a.start - b.start || a.end - b.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) ||
    ANNOTATION_STATES.indexOf(a.state) - ANNOTATION_STATES.indexOf(b.state);
}
