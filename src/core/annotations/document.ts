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
import type { Label, NumberValue, Span, TextEdit } from '../types';
import { compareAnnotations, spanToSuggestion, type Annotation, type AnnotationState, type Suggestion } from './model';
import { applyTextEdit } from './shift';
import { quoteOf } from './quote';
import { reanchor, type AnchorInput } from './reanchor';
import { anchorSidecar, placeStored } from './anchor-sidecar';
import { OffsetMap } from '../text/offsets';
import { partitionPoint } from '../text/search';
import { extentKey, isReviewed, overlapIndex, overlaps, sameExtent, shiftAll } from './annotation-lists';
import type { AnnotatedDocumentOptions, ChangeEvent, Decision, DroppedAnnotation, EditResult, LoadReport, Operation, Range, Snapshot } from './document-types';
import { toSidecarData, serializeSidecar, type ParsedSidecar, type StoredAnnotation, type SidecarData } from './sidecar';

export type { Suggestion } from './model';
export type { Range, Decision, DroppedAnnotation, EditResult, Operation, ChangeEvent, LoadReport, AnnotatedDocumentOptions } from './document-types';

const UNDO_LIMIT = 200;

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
      .map((s) => spanToSuggestion(s));
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
    this.checkTag(range, label);
    this.snapshot('tag');
    const placed = this.place(range, label, decision);
    this.refreshSuggestions();
    this.emit('tag');
    return placed;
  }

  /** Tags every range (planned by src/core/corpus/occurrences.ts) with `label` as one undoable step, like tag() each. */
  tagAll(ranges: readonly Range[], label: Label, decision: Decision = {}): Annotation[] {
    for (const r of ranges) this.checkTag(r, label);
    if (ranges.length === 0) return [];
    this.snapshot('tagAll');
    const stamp = this.stamp(decision); // one decision, one time
    const placed = ranges.map((r) => this.place(r, label, stamp).annotation);
    this.refreshSuggestions();
    this.emit('tagAll');
    return placed;
  }

  private checkTag({ start, end }: Range, label: Label): void {
    if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start < end && end <= this._text.length)) {
      throw new RangeError(`cannot tag [${start}, ${end}) in a text of length ${this._text.length}`);
    }
    if (label.trim() === '') throw new RangeError('a tag needs a label');
  }

  private place(range: Range, label: Label, decision: Decision & { value?: NumberValue }): { annotation: Annotation; replaced: Annotation[] } {
    const { start, end } = range;
    const replaced = this.human.filter((a) => isReviewed(a) && overlaps(a, range));
    // Tagging exactly what the engine suggests (even if hidden by the tag being corrected) accepts it.
    const same: { value?: NumberValue } | undefined = this.auto.find((s) => sameExtent(s, { start, end, label })) ??
      (this.textEditedSinceMerge ? undefined : this.engineSpans.find((s) => sameExtent(s, { start, end, label })));
    const value = decision.value ? { value: decision.value } : same?.value ? { value: same.value } : {};
    const annotation: Annotation = { start, end, label, state: same ? 'accepted' : 'manual', ...this.stamp(decision), ...value };
    this.human = this.human.filter((a) => !replaced.includes(a) && !(a.state === 'rejected' && sameExtent(a, annotation)));
    this.addHuman(annotation);
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
    return this.decide('changeLabel', target, () => {
      // The number reading only makes sense for NUM.
      const { value, ...rest } = this.strip(target);
      return { ...rest, label, state: 'manual', ...this.stamp(decision), ...(label === 'NUM' && value ? { value } : {}) };
    });
  }

  /** Accepts the suggestion at `at`. */
  accept(at: number, decision: Decision = {}): Annotation | undefined {
    const target = this.annotationAt(at);
    if (!target || target.state !== 'auto') return undefined;
    return this.decide('accept', target, () => ({ ...this.strip(target), state: 'accepted', ...this.stamp(decision) }));
  }

  /** Rejects the suggestion (or accepted suggestion) at `at`; manual work is removed instead. */
  reject(at: number, decision: Decision = {}): Annotation | undefined {
    const target = this.annotationAt(at);
    if (!target) return undefined;
    if (target.state === 'manual') return this.remove(at, decision);
    return this.decide('reject', target, () => ({ ...this.strip(target), state: 'rejected', ...this.stamp(decision) }));
  }

  /** Replaces `target` by the human decision `make` builds, as one undoable step. */
  private decide(operation: Operation, target: Annotation, make: () => Annotation): Annotation {
    this.snapshot(operation);
    this.detach(target);
    const decided = make();
    this.addHuman(decided);
    this.refreshSuggestions();
    this.emit(operation);
    return decided;
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
    const a = placeStored(orphan, range);
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
    this.emit('undo', snap.operation);
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
    const { live, orphans, report } = anchorSidecar(text, sidecar, () => doc.now());
    doc._orphans = orphans;
    for (const a of live) {
      if (a.state === 'auto') doc.auto.push({ ...a, state: 'auto', pinned: true });
      else doc.human.push(a);
    }
    doc.human.sort(compareAnnotations);
    doc.auto = doc.visibleSuggestions(doc.auto);
    return { document: doc, report };
  }

  /** What a sidecar stores of the text: reviewed work, rejections, pinned suggestions (engine suggestions are recomputed, not saved). */
  stored(): Annotation[] {
    return [...this.human, ...this.auto.filter((a) => a.pinned).map(({ span: _s, pinned: _p, ...a }) => a)];
  }

  /** The stored form: stored() and the orphans. */
  toSidecarData(documentPath: string): SidecarData {
    return toSidecarData(this._text, documentPath, this.stored(), this._orphans);
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
    const human = this.human;
    // after every equal one: insertion order breaks ties
    human.splice(partitionPoint(0, human.length, (m) => compareAnnotations(human[m], a) <= 0), 0, a);
  }

  /** Recomputes visible suggestions after a decision: keeps pinned ones, re-offers engine spans no longer hidden. */
  private refreshSuggestions(): void {
    const current = this.auto;
    const fromEngine: Suggestion[] = this.engineSpans
      .filter((s) => s.end > s.start && s.end <= this._text.length)
      .map((s) => spanToSuggestion(s));
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

  private emit(operation: Operation, undone?: Operation): void {
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
    for (const l of this.listeners) l(undone ? { operation, undone } : { operation });
  }
}
