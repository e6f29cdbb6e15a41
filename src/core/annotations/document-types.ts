// The vocabulary of AnnotatedDocument (document.ts): what its operations take and report, and
// what one undo step keeps. On its own so that the class file holds only behaviour.
import type { Annotation, QuoteSelector, Suggestion } from './model';
import type { StoredAnnotation } from './sidecar';

export interface Range {
  start: number;
  end: number;
}

/** Who and when, recorded on every human decision. */
export interface Decision {
  author?: string;
  time?: string;
}

/** An annotation removed by an edit, with what is needed to put it back (see restore). */
export interface DroppedAnnotation {
  annotation: Annotation;
  /** Quote taken from the text before the edit. */
  quote: QuoteSelector;
}

export interface EditResult {
  /** Manual and accepted annotations whose text the edit removed (suggestions and rejections are not reported). */
  dropped: DroppedAnnotation[];
  /** Annotations whose own text the edit changed (still present, new offsets). */
  adjusted: Annotation[];
}

export type Operation = 'tag' | 'tagAll' | 'remove' | 'changeLabel' | 'accept' | 'reject' | 'acceptAll' | 'restore' | 'merge' | 'edit' | 'undo' | 'orphans';

export interface ChangeEvent {
  operation: Operation;
  /** For 'undo': the operation undone (a 'tagAll' of several files is undone in all of them). */
  undone?: Operation;
}

export interface LoadReport {
  /** Annotations found at their stored offsets. */
  atOffsets: number;
  /** Annotations found again by quote and context after the text changed. */
  moved: number;
  /** Annotations that could not be found (now orphans), with the reason. */
  orphaned: { annotation: StoredAnnotation; reason: string }[];
  /** Orphans from the file that were found again. */
  recovered: number;
  /** Whether the text differs from the one the sidecar was written for. */
  textChanged: boolean;
}

export interface Snapshot {
  operation: Operation;
  human: Annotation[];
  /**
   * Suggestions as they were before the operation; replaced, once the operation is done, by
   * `consumed` — only those it took away. Keeping the whole list would make undo replay every
   * later edit over thousands of suggestions that did not change.
   */
  autoBefore?: Suggestion[];
  consumed?: Suggestion[];
  /** Suggestions the operation added (e.g. re-attaching an orphaned suggestion). */
  added?: Suggestion[];
  orphans: StoredAnnotation[];
  /** Absolute index into the edit log at the time of the snapshot. */
  editIndex: number;
}

export interface AnnotatedDocumentOptions {
  /** Default author of decisions (the setting or the OS user). */
  author?: string;
  /** Clock, injectable for tests. */
  now?: () => string;
}
