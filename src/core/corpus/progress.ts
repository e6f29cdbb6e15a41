// Review progress of a document: how many annotations are in each state and how many of the
// engine's suggestions still wait for a decision, per label. One function for the CLI's
// `stats` and the editor's corpus view, and the editor's own rule for what is still a
// suggestion (AnnotatedDocument.merge): an engine span is open unless a manual or accepted
// annotation overlaps it, a rejection of the very same span hides it, or a suggestion kept in
// the sidecar (state auto) overlaps it. Pure; UTF-16 offsets like every in-memory annotation.
import type { Span } from '../types';
import type { Annotation } from '../annotations/model';
import { AnnotatedDocument } from '../annotations/document';
import { orderLabels } from '../labels';

export interface StateCounts {
  manual: number;
  accepted: number;
  rejected: number;
  /** Suggestions stored in the sidecar (from an import) and not yet reviewed. */
  auto: number;
  /** Engine suggestions not covered by any decision: still to review. */
  unreviewed: number;
}

export interface Progress {
  total: StateCounts;
  /** Per label, labels in display order (NUM, ORG, TERM, then custom ones); only labels seen. */
  labels: Record<string, StateCounts>;
  /** Decisions taken (manual + accepted + rejected) out of decisions plus open items (auto +
   *  unreviewed), 0–1; null when there is nothing at all to decide. */
  reviewed: number | null;
}

const zero = (): StateCounts => ({ manual: 0, accepted: 0, rejected: 0, auto: 0, unreviewed: 0 });
const KEYS: readonly (keyof StateCounts)[] = ['manual', 'accepted', 'rejected', 'auto', 'unreviewed'];

/** Decisions out of decisions plus open items (see {@link Progress.reviewed}). */
export function reviewedShare(c: StateCounts): number | null {
  const decided = c.manual + c.accepted + c.rejected;
  const open = c.auto + c.unreviewed;
  return decided + open === 0 ? null : decided / (decided + open);
}

/**
 * The progress of one document: `engineSpans` are the engine's spans on `text` (engine.tag),
 * `annotations` what its sidecar holds, placed on the text (AnnotatedDocument.fromSidecar(…)
 * .document.all(), or [] when there is no sidecar). Orphans are not annotations of the text and
 * are not counted here.
 */
export function progress(text: string, engineSpans: readonly Span[], annotations: readonly Annotation[]): Progress {
  const doc = new AnnotatedDocument(text, annotations);
  doc.merge(engineSpans);
  const labels = new Map<string, StateCounts>();
  const total = zero();
  const count = (label: string, key: keyof StateCounts) => {
    let c = labels.get(label);
    if (!c) labels.set(label, (c = zero()));
    c[key]++;
    total[key]++;
  };
  for (const a of doc.all()) {
    if (a.state !== 'auto') count(a.label, a.state);
  }
  // The document's suggestions are exactly the open ones: pinned (kept in the sidecar, state
  // auto) and the engine's that no decision covers.
  for (const s of doc.suggestions()) count(s.label, s.pinned ? 'auto' : 'unreviewed');
  const out: Record<string, StateCounts> = {};
  for (const l of orderLabels(labels.keys())) out[l] = labels.get(l)!;
  return { total, labels: out, reviewed: reviewedShare(total) };
}

/** Sum of several documents' progress (workspace totals). */
export function sumProgress(list: Iterable<Progress>): Progress {
  const total = zero();
  const labels = new Map<string, StateCounts>();
  for (const p of list) {
    for (const k of KEYS) total[k] += p.total[k];
    for (const [l, c] of Object.entries(p.labels)) {
      let t = labels.get(l);
      if (!t) labels.set(l, (t = zero()));
      for (const k of KEYS) t[k] += c[k];
    }
  }
  const out: Record<string, StateCounts> = {};
  for (const l of orderLabels(labels.keys())) out[l] = labels.get(l)!;
  return { total, labels: out, reviewed: reviewedShare(total) };
}
