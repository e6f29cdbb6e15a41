// The annotation model shared by the extension, the CLI and the exporters.
// An Annotation is a Span a person has a say on: automatic suggestions ('auto') and the
// decisions taken on them ('accepted', 'rejected') or spans made by hand ('manual').
import type { Label, NumberValue } from '../types';

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

/** An annotation whose text could not be found again after an outside change; kept, never dropped. */
export interface OrphanedAnnotation extends Annotation {
  quote: QuoteSelector;
  orphanedAt: string;
}
