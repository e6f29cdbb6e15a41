// AnnotatedDocument: one text with a person's decisions on it and the engine's current
// suggestions, plus the operations the editor commands need (tag, remove, change label, accept,
// reject, accept all, navigate, undo) and the rule that keeps annotations on their text while
// it is edited. Pure TypeScript on UTF-16 offsets; the VS Code layer only translates positions
// and draws. Code points appear only when reading or writing a sidecar (sidecar.ts).
//
// Invariants:
// - `human` holds manual, accepted and rejected annotations; `auto` holds suggestions.
// - Visible suggestions never overlap a manual or accepted annotation (manual work wins), and
//   a rejected annotation hides the identical suggestion (same start, end, label) for good.
// - Annotation objects are never mutated, only replaced, so undo snapshots are cheap array copies.
import type { Label, NumberValue, Span } from '../types';
import { compareAnnotations, type Annotation, type AnnotationState, type QuoteSelector, type TextEdit } from './model';
import { shiftAnnotation, applyTextEdit } from './shift';
import { quoteOf } from './quote';
import { reanchor, type AnchorInput } from './reanchor';
import { OffsetMap } from '../text/offsets';
import { textHash } from './hash';
import { toSidecarData, serializeSidecar, type ParsedSidecar, type StoredAnnotation, type SidecarData } from './sidecar';

/** A suggestion: an 'auto' annotation with the engine span it came from (for hovers). */
export interface Suggestion extends Annotation {
  state: 'auto';
  /** The engine span (origin, glossary entry, reason); its offsets may be stale after edits. */
  span?: Span;
  /** Suggestions read from a sidecar or an import: kept across engine runs and saved back. */
  pinned?: boolean;
}

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

export type Operation = 'tag' | 'remove' | 'changeLabel' | 'accept' | 'reject' | 'acceptAll' | 'restore' | 'merge' | 'edit' | 'undo' | 'orphans';

export interface ChangeEvent {
  operation: Operation;
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

interface Snapshot {
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

const UNDO_LIMIT = 200;
const sameExtent = (a: Range & { label: Label }, b: Range & { label: Label }) => a.start === b.start && a.end === b.end && a.label === b.label;
const overlaps = (a: Range, b: Range) => a.start < b.end && b.start < a.end;
const isReviewed = (a: Annotation) => a.state === 'manual' || a.state === 'accepted';

export interface AnnotatedDocumentOptions {
  /** Default author of decisions (the setting or the OS user). */
  author?: string;
  /** Clock, injectable for tests. */
  now?: () => string;
}

export class AnnotatedDocument {
  private _text: string;
  private human: Annotation[] = [];
  private auto: Suggestion[] = [];
  private engineSpans: Span[] = [];
  /** Engine spans are only valid for the text they were computed on; set by edits, cleared by merge(). */
  private textEditedSinceMerge = false;
  private _orphans: StoredAnnotation[] = [];
  /** Lines of the loaded sidecar that could not be read; written back unchanged. */
  private unreadable: { line: number; text: string }[] = [];
  private undoStack: Snapshot[] = [];
  private editLog: TextEdit[] = [];
  /** Absolute index of editLog[0]. */
  private editBase = 0;
  private listeners = new Set<(e: ChangeEvent) => void>();
  author: string | undefined;
  private readonly now: () => string;

  constructor(text: string, annotations: readonly Annotation[] = [], options: AnnotatedDocumentOptions = {}) {
    this._text = text;
    this.author = options.author;
    this.now = options.now ?? (() => new Date().toISOString());
    for (const a of annotations) {
      if (a.state === 'auto') this.auto.push({ ...a, state: 'auto', pinned: true });
      else this.human.push({ ...a });
    }
    this.human.sort(compareAnnotations);
    this.auto = this.visibleSuggestions(this.auto);
  }

  get text(): string {
    return this._text;
  }

  // -------------------------------------------------------------------------------------------
  // Reading

  /** Everything, rejected included, sorted (start, end, label, state). */
  all(): Annotation[] {
    return [...this.human, ...this.auto].sort(compareAnnotations);
  }

  /** What the editor shows and exports consider: manual, accepted and current suggestions. */
  visible(): Annotation[] {
    return this.all().filter((a) => a.state !== 'rejected');
  }

  /** Annotations in the given states, sorted. */
  inStates(states: readonly AnnotationState[]): Annotation[] {
    return this.all().filter((a) => states.includes(a.state));
  }

  suggestions(): readonly Suggestion[] {
    return this.auto;
  }

  orphans(): readonly StoredAnnotation[] {
    return this._orphans;
  }

  /**
   * The visible annotation at a cursor offset: one containing it (start ≤ at < end), else one
   * ending exactly there (cursor just after a tag). Reviewed work wins over suggestions; among
   * overlapping imported spans the shortest wins.
   */
  annotationAt(at: number): Annotation | undefined {
    const pick = (pred: (a: Annotation) => boolean) => {
      const hits = [...this.human.filter((a) => a.state !== 'rejected' && pred(a)), ...this.auto.filter(pred)];
      hits.sort((a, b) => Number(b.state !== 'auto') - Number(a.state !== 'auto') || (a.end - a.start) - (b.end - b.start));
      return hits[0];
    };
    return pick((a) => a.start <= at && at < a.end) ?? pick((a) => a.end === at);
  }

  /** The first suggestion starting after `at` (wrapping to the first one). */
  nextUnreviewed(at: number, wrap = true): Suggestion | undefined {
    return this.auto.find((a) => a.start > at) ?? (wrap ? this.auto[0] : undefined);
  }

  /** The last suggestion starting before `at` (wrapping to the last one). */
  previousUnreviewed(at: number, wrap = true): Suggestion | undefined {
    for (let i = this.auto.length - 1; i >= 0; i--) if (this.auto[i].start < at) return this.auto[i];
    return wrap ? this.auto[this.auto.length - 1] : undefined;
  }

  onDidChange(listener: (e: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // -------------------------------------------------------------------------------------------
  // Engine suggestions

  /**
   * Replaces the engine's suggestions with `spans` (UTF-16 offsets into the current text).
   * Manual and accepted annotations win over overlapping spans, rejected ones hide the
   * identical span, pinned suggestions (from a sidecar or an import) win over engine spans.
   * Not an undoable step: it is the engine's view, not a person's decision.
   */
  merge(spans: readonly Span[]): void {
    this.engineSpans = [...spans];
    this.textEditedSinceMerge = false;
    const pinned = this.auto.filter((a) => a.pinned);
    const fromEngine: Suggestion[] = spans
      .filter((s) => s.end > s.start)
      .map((s) => ({ start: s.start, end: s.end, label: s.label, state: 'auto' as const, span: s, ...(s.value ? { value: s.value } : {}) }));
    const pinnedIndex = overlapIndex(pinned);
    this.auto = this.visibleSuggestions([...pinned, ...fromEngine.filter((s) => !pinnedIndex.overlaps(s))]);
    this.emit('merge');
  }

  private visibleSuggestions(candidates: readonly Suggestion[]): Suggestion[] {
    // Indexed, not pairwise: a long report has thousands of suggestions and decisions.
    const reviewed = overlapIndex(this.human.filter(isReviewed));
    const rejected = new Set(this.human.filter((a) => a.state === 'rejected').map(extentKey));
    const out = candidates.filter((s) => !reviewed.overlaps(s) && !rejected.has(extentKey(s)));
    out.sort(compareAnnotations);
    // Drop exact duplicates (a pinned suggestion equal to an engine one, say).
    return out.filter((s, i) => i === 0 || !sameExtent(out[i - 1], s));
  }

  // -------------------------------------------------------------------------------------------
  // Operations (each one undoable step)

  /**
   * Tags [start, end) with `label` as manual work. Overlapping manual/accepted annotations are
   * replaced (this is how a boundary is fixed); tagging exactly a suggestion accepts it.
   * Returns the new annotation and what it replaced.
   */
  tag(range: Range, label: Label, decision: Decision & { value?: NumberValue } = {}): { annotation: Annotation; replaced: Annotation[] } {
    const { start, end } = range;
    if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start < end && end <= this._text.length)) {
      throw new RangeError(`cannot tag [${start}, ${end}) in a text of length ${this._text.length}`);
    }
    if (label.trim() === '') throw new RangeError('a tag needs a label');
    this.snapshot('tag');
    const replaced = this.human.filter((a) => isReviewed(a) && overlaps(a, range));
    // Tagging exactly what the engine suggests (even if hidden by the tag being corrected) accepts it.
    const same: { value?: NumberValue } | undefined = this.auto.find((s) => sameExtent(s, { start, end, label })) ??
      (this.textEditedSinceMerge ? undefined : this.engineSpans.find((s) => sameExtent(s, { start, end, label })));
    const annotation: Annotation = {
      start,
      end,
      label,
      state: same ? 'accepted' : 'manual',
      ...this.stamp(decision),
      ...(decision.value ? { value: decision.value } : same?.value ? { value: same.value } : {}),
    };
    this.human = this.human.filter((a) => !replaced.includes(a) && !(a.state === 'rejected' && sameExtent(a, annotation)));
    this.addHuman(annotation);
    this.refreshSuggestions();
    this.emit('tag');
    return { annotation, replaced };
  }

  /**
   * Removes the tag at `at`: manual work is deleted; a suggestion or an accepted suggestion
   * becomes rejected, so the engine does not offer it again.
   */
  remove(at: number, decision: Decision = {}): Annotation | undefined {
    const target = this.annotationAt(at);
    if (!target) return undefined;
    this.snapshot('remove');
    this.detach(target);
    if (target.state !== 'manual') this.addHuman({ ...this.strip(target), state: 'rejected', ...this.stamp(decision) });
    this.refreshSuggestions();
    this.emit('remove');
    return target;
  }

  /** Gives the tag at `at` another label; the result is manual work. */
  changeLabel(at: number, label: Label, decision: Decision = {}): Annotation | undefined {
    const target = this.annotationAt(at);
    if (!target || target.label === label) return undefined;
    if (label.trim() === '') throw new RangeError('a tag needs a label');
    this.snapshot('changeLabel');
    this.detach(target);
    // The number reading only makes sense for NUM.
    const { value, ...rest } = this.strip(target);
    const changed: Annotation = { ...rest, label, state: 'manual', ...this.stamp(decision), ...(label === 'NUM' && value ? { value } : {}) };
    this.addHuman(changed);
    this.refreshSuggestions();
    this.emit('changeLabel');
    return changed;
  }

  /** Accepts the suggestion at `at`. */
  accept(at: number, decision: Decision = {}): Annotation | undefined {
    const target = this.annotationAt(at);
    if (!target || target.state !== 'auto') return undefined;
    this.snapshot('accept');
    this.detach(target);
    const accepted: Annotation = { ...this.strip(target), state: 'accepted', ...this.stamp(decision) };
    this.addHuman(accepted);
    this.refreshSuggestions();
    this.emit('accept');
    return accepted;
  }

  /** Rejects the suggestion (or accepted suggestion) at `at`; manual work is removed instead. */
  reject(at: number, decision: Decision = {}): Annotation | undefined {
    const target = this.annotationAt(at);
    if (!target) return undefined;
    if (target.state === 'manual') return this.remove(at, decision);
    this.snapshot('reject');
    this.detach(target);
    const rejected: Annotation = { ...this.strip(target), state: 'rejected', ...this.stamp(decision) };
    this.addHuman(rejected);
    this.refreshSuggestions();
    this.emit('reject');
    return rejected;
  }

  /** Accepts every current suggestion as one undoable step; returns how many. */
  acceptAll(decision: Decision = {}): number {
    const all = this.auto;
    if (all.length === 0) return 0;
    this.snapshot('acceptAll');
    const stamp = this.stamp(decision);
    this.auto = [];
    for (const s of all) this.addHuman({ ...this.strip(s), state: 'accepted', ...stamp });
    this.emit('acceptAll');
    return all.length;
  }

  /**
   * Puts back annotations an edit dropped (after the editor undid that edit): each goes back at
   * its old offsets when its quote is there, else where its quote and context are found;
   * the ones that cannot be placed are returned.
   */
  restore(dropped: readonly DroppedAnnotation[]): { restored: Annotation[]; notFound: DroppedAnnotation[] } {
    if (dropped.length === 0) return { restored: [], notFound: [] };
    const map = new OffsetMap(this._text);
    const results = reanchor(this._text, dropped.map((d): AnchorInput => ({
      start: map.toCodePoint(d.annotation.start),
      end: map.toCodePoint(d.annotation.end),
      label: d.annotation.label,
      quote: d.quote,
    })));
    const restored: Annotation[] = [];
    const notFound: DroppedAnnotation[] = [];
    this.snapshot('restore');
    results.forEach((r, i) => {
      if (!r.anchored) {
        notFound.push(dropped[i]);
        return;
      }
      const a: Annotation = { ...dropped[i].annotation, start: r.start, end: r.end };
      this.human = this.human.filter((h) => !(isReviewed(h) && overlaps(h, a)));
      this.addHuman(a);
      restored.push(a);
    });
    if (restored.length === 0) this.undoStack.pop();
    else {
      this.refreshSuggestions();
      this.emit('restore');
    }
    return { restored, notFound };
  }

  /** Removes an orphan for good (the person decided it is obsolete). */
  discardOrphan(orphan: StoredAnnotation): boolean {
    const i = this._orphans.indexOf(orphan);
    if (i < 0) return false;
    this.snapshot('orphans');
    this._orphans = this._orphans.filter((o) => o !== orphan);
    this.emit('orphans');
    return true;
  }

  /** Attaches an orphan to a range the person chose; it becomes a live annotation again. */
  reattachOrphan(orphan: StoredAnnotation, range: Range): Annotation | undefined {
    if (!this._orphans.includes(orphan)) return undefined;
    this.snapshot('orphans');
    this._orphans = this._orphans.filter((o) => o !== orphan);
    const a: Annotation = {
      start: range.start,
      end: range.end,
      label: orphan.label,
      state: orphan.state,
      ...(orphan.author !== undefined ? { author: orphan.author } : {}),
      ...(orphan.time !== undefined ? { time: orphan.time } : {}),
      ...(orphan.value !== undefined ? { value: orphan.value } : {}),
    };
    if (a.state === 'auto') this.auto = this.visibleSuggestions([...this.auto, { ...a, state: 'auto', pinned: true }]);
    else {
      this.human = this.human.filter((h) => !(isReviewed(h) && isReviewed(a) && overlaps(h, a)));
      this.addHuman(a);
      this.refreshSuggestions();
    }
    this.emit('orphans');
    return a;
  }

  /** Undoes the last operation (text edits made since are replayed onto the restored state). */
  undo(): Operation | undefined {
    const snap = this.undoStack.pop();
    if (!snap) return undefined;
    let human = snap.human;
    let consumed = snap.consumed ?? [];
    let added = snap.added ?? [];
    for (const edit of this.editLog.slice(snap.editIndex - this.editBase)) {
      human = shiftAll(human, edit).kept;
      consumed = shiftAll(consumed, edit).kept;
      added = shiftAll(added, edit).kept;
    }
    this.human = human;
    // Current suggestions (already moved with the text), less the ones the operation added,
    // plus the ones it took away.
    const addedKeys = new Set(added.filter((a) => a.pinned).map(extentKey));
    this.auto = this.visibleSuggestions([...this.auto.filter((a) => !(a.pinned && addedKeys.has(extentKey(a)))), ...consumed]);
    this._orphans = snap.orphans;
    this.trimEditLog();
    // Suggestions hidden by the undone operation may apply again.
    this.refreshSuggestions();
    this.emit('undo');
    return snap.operation;
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  // -------------------------------------------------------------------------------------------
  // Text edits

  /** Applies edits in order (each relative to the text after the previous one). */
  applyEdits(edits: readonly TextEdit[]): EditResult {
    const total: EditResult = { dropped: [], adjusted: [] };
    for (const e of edits) {
      const r = this.applyEdit(e);
      total.dropped.push(...r.dropped);
      total.adjusted = total.adjusted.filter((a) => this.human.includes(a) || this.auto.includes(a as Suggestion));
      total.adjusted.push(...r.adjusted);
    }
    return total;
  }

  /**
   * Applies one text edit (UTF-16 offsets of the text before it) and moves every annotation
   * with the text (rules in shift.ts). Manual and accepted annotations whose text is gone are
   * reported in `dropped` so the UI can offer to bring them back (see restore).
   */
  applyEdit(edit: TextEdit): EditResult {
    if (!(0 <= edit.start && edit.start <= edit.end && edit.end <= this._text.length)) {
      throw new RangeError(`edit [${edit.start}, ${edit.end}) outside a text of length ${this._text.length}`);
    }
    const before = this._text;
    const h = shiftAll(this.human, edit);
    const s = shiftAll(this.auto, edit);
    this._text = applyTextEdit(before, edit);
    this.textEditedSinceMerge = true;
    this.human = h.kept;
    // A resized span can become identical to a rejected one (or overlap reviewed work): the
    // suggestion rules apply again, else the sidecar would hold both and reload one as an orphan.
    this.auto = h.adjusted.length > 0 || s.adjusted.length > 0 ? this.visibleSuggestions(s.kept) : s.kept;
    if (this.undoStack.length > 0) this.editLog.push({ ...edit });
    const dropped = h.dropped.filter(isReviewed).map((a) => ({ annotation: a, quote: quoteOf(before, a.start, a.end) }));
    this.emit('edit');
    return { dropped, adjusted: h.adjusted.filter(isReviewed) };
  }

  // -------------------------------------------------------------------------------------------
  // Sidecar

  /**
   * Builds the document from its text and a parsed sidecar. When the text's hash matches the
   * sidecar's, offsets are used as they are; otherwise every annotation (and every orphan) is
   * re-anchored by quote and context, and what cannot be found becomes an orphan — kept,
   * reported, never deleted. A refused sidecar (newer format) must not be loaded: this throws.
   */
  static fromSidecar(text: string, sidecar: ParsedSidecar, options: AnnotatedDocumentOptions = {}): { document: AnnotatedDocument; report: LoadReport } {
    if (sidecar.refused) throw new Error(sidecar.refused);
    const doc = new AnnotatedDocument(text, [], options);
    doc.unreadable = [...sidecar.unreadable];
    const textChanged = sidecar.header.textHash !== textHash(text);
    const items = [...sidecar.annotations, ...sidecar.orphans];
    // Offsets of live annotations are exact when the text is the one they were saved with;
    // orphans' offsets refer to an older text and are always checked.
    const results = reanchor(text, items.map((s) => ({ ...s, trustOffsets: !textChanged && s.orphanedAt === undefined })));
    const report: LoadReport = { atOffsets: 0, moved: 0, orphaned: [], recovered: 0, textChanged };
    const live: Annotation[] = [];
    results.forEach((r, i) => {
      const s = items[i];
      if (r.anchored) {
        if (s.orphanedAt !== undefined) report.recovered++;
        else if (r.how === 'offsets') report.atOffsets++;
        else report.moved++;
        live.push({
          start: r.start,
          end: r.end,
          label: s.label,
          state: s.state,
          ...(s.author !== undefined ? { author: s.author } : {}),
          ...(s.time !== undefined ? { time: s.time } : {}),
          ...(s.value !== undefined ? { value: s.value } : {}),
        });
      } else {
        const orphan = s.orphanedAt !== undefined ? s : { ...s, orphanedAt: doc.now() };
        doc._orphans.push(orphan);
        if (s.orphanedAt === undefined) report.orphaned.push({ annotation: orphan, reason: r.reason });
      }
    });
    for (const a of live) {
      if (a.state === 'auto') doc.auto.push({ ...a, state: 'auto', pinned: true });
      else doc.human.push(a);
    }
    doc.human.sort(compareAnnotations);
    doc.auto = doc.visibleSuggestions(doc.auto);
    return { document: doc, report };
  }

  /** The stored form: reviewed work, rejections, pinned suggestions and orphans (engine suggestions are recomputed, not saved). */
  toSidecarData(documentPath: string): SidecarData {
    const keep = [...this.human, ...this.auto.filter((a) => a.pinned).map(({ span: _s, pinned: _p, ...a }) => a)];
    return toSidecarData(this._text, documentPath, keep, this._orphans);
  }

  /** The sidecar file content (unreadable lines of the loaded file kept at the end). */
  serialize(documentPath: string): string {
    return serializeSidecar(this.toSidecarData(documentPath), this.unreadable);
  }

  // -------------------------------------------------------------------------------------------
  // Internals

  private stamp(decision: Decision): { author?: string; time: string } {
    const author = decision.author ?? this.author;
    return { ...(author !== undefined ? { author } : {}), time: decision.time ?? this.now() };
  }

  /** The plain annotation fields of a suggestion or annotation (no engine span, no pin flag). */
  private strip(a: Annotation): Annotation {
    const { span: _span, pinned: _pinned, author: _author, time: _time, ...rest } = a as Suggestion;
    return rest;
  }

  private detach(target: Annotation): void {
    this.human = this.human.filter((a) => a !== target);
    this.auto = this.auto.filter((a) => a !== target);
  }

  private addHuman(a: Annotation): void {
    let lo = 0;
    let hi = this.human.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareAnnotations(this.human[mid], a) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.human.splice(lo, 0, a);
  }

  /** Recomputes visible suggestions after a decision: keeps pinned ones, re-offers engine spans no longer hidden. */
  private refreshSuggestions(): void {
    const current = this.auto;
    const fromEngine: Suggestion[] = this.engineSpans
      .filter((s) => s.end > s.start && s.end <= this._text.length)
      .map((s) => ({ start: s.start, end: s.end, label: s.label, state: 'auto' as const, span: s, ...(s.value ? { value: s.value } : {}) }));
    // Engine spans are only trustworthy for the text they were computed on; after an edit the
    // shifted current suggestions are used until the next merge().
    const currentIndex = overlapIndex(current);
    const base = this.textEditedSinceMerge ? current : [...current, ...fromEngine.filter((e) => !currentIndex.overlaps(e))];
    this.auto = this.visibleSuggestions(base);
  }

  private snapshot(operation: Operation): void {
    this.undoStack.push({ operation, human: [...this.human], autoBefore: this.auto, orphans: [...this._orphans], editIndex: this.editBase + this.editLog.length });
    if (this.undoStack.length > UNDO_LIMIT) this.undoStack.shift();
    this.trimEditLog();
  }

  /** Forgets edits no snapshot needs any more. */
  private trimEditLog(): void {
    const oldest = this.undoStack.length ? this.undoStack[0].editIndex : this.editBase + this.editLog.length;
    const drop = oldest - this.editBase;
    if (drop > 0) {
      this.editLog.splice(0, drop);
      this.editBase = oldest;
    }
  }

  private emit(operation: Operation): void {
    // An operation just finished: remember which suggestions it took away (by identity: nothing
    // moved in between), and drop the full list.
    const top = this.undoStack[this.undoStack.length - 1];
    if (top?.autoBefore) {
      const now = new Set<Suggestion>(this.auto);
      const before = new Set<Suggestion>(top.autoBefore);
      top.consumed = top.autoBefore.filter((a) => !now.has(a));
      top.added = this.auto.filter((a) => !before.has(a));
      top.autoBefore = undefined;
    }
    for (const l of this.listeners) l({ operation });
  }
}

const extentKey = (a: Range & { label: Label }) => `${a.start}:${a.end}:${a.label}`;

/**
 * "Does anything in this list overlap s?" in O(log n): ranges sorted by start with a running
 * maximum of ends; the ranges starting before s.end overlap s iff the largest of their ends
 * passes s.start. Works for lists that overlap among themselves (imported data may).
 */
function overlapIndex(list: readonly Range[]): { overlaps(s: Range): boolean } {
  const sorted = [...list].sort((a, b) => a.start - b.start);
  const starts = sorted.map((r) => r.start);
  const maxEnd: number[] = [];
  let m = -Infinity;
  for (const r of sorted) maxEnd.push((m = Math.max(m, r.end)));
  return {
    overlaps(s: Range): boolean {
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid] < s.end) lo = mid + 1;
        else hi = mid;
      }
      return lo > 0 && maxEnd[lo - 1] > s.start;
    },
  };
}

function shiftAll<T extends Annotation>(list: readonly T[], edit: TextEdit): { kept: T[]; dropped: T[]; adjusted: T[] } {
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
