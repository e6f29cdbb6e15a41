// How far the review of one text has come (issue 16, "the corpus at a glance"): the decisions its
// sidecar holds, per state and per label, and the engine's suggestions nobody has reviewed yet.
// The editor's corpus view counts each file with it.
import type { Span } from '../types';
import type { ParsedSidecar } from '../annotations/sidecar';
import { AnnotatedDocument } from '../annotations/document';
import type { Suggestion } from '../annotations/model';

export interface StateCounts {
  manual: number;
  accepted: number;
  rejected: number;
  /** Suggestions stored in the sidecar (an import, say) and still unreviewed. */
  auto: number;
  /** The engine's suggestions not yet reviewed: not accepted, rejected or covered by a decision. */
  unreviewed: number;
}

export interface Progress {
  total: StateCounts;
  /** Per label, for the labels with any count. */
  labels: Map<string, StateCounts>;
  /** Annotations of the sidecar whose text could not be found (kept, not counted above). */
  orphans: number;
}

export const noCounts = (): StateCounts => ({ manual: 0, accepted: 0, rejected: 0, auto: 0, unreviewed: 0 });

/** Adds `b` into `a`. */
export function addCounts(a: StateCounts, b: StateCounts): void {
  a.manual += b.manual;
  a.accepted += b.accepted;
  a.rejected += b.rejected;
  a.auto += b.auto;
  a.unreviewed += b.unreviewed;
}

/**
 * The progress of `text` given the engine's spans on it and its sidecar (undefined: none yet):
 * the sidecar's annotations placed on the text as the editor places them (re-anchored by quote
 * when the text changed), the engine's spans merged under them by the editor's rules.
 */
export function progress(text: string, engineSpans: readonly Span[], sidecarAnnotations: ParsedSidecar | undefined): Progress {
  const doc = sidecarAnnotations ? AnnotatedDocument.fromSidecar(text, sidecarAnnotations).document : new AnnotatedDocument(text);
  doc.merge(engineSpans);
  const out: Progress = { total: noCounts(), labels: new Map(), orphans: doc.orphans().length };
  for (const a of doc.all()) {
    let c = out.labels.get(a.label);
    if (!c) out.labels.set(a.label, (c = noCounts()));
    const key = a.state === 'auto' ? ((a as Suggestion).pinned ? 'auto' : 'unreviewed') : a.state;
    c[key]++;
    out.total[key]++;
  }
  return out;
}
