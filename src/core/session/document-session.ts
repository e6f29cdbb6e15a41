// One open text and everything derived from it: the text (held once, by the annotated document),
// the engine's incremental state (spans kept current edit by edit), and the person's annotations.
// Edits go in once (applyEdits) and reach both; the order in which the sidecar is loaded and the
// engine runs does not matter: the engine's spans are handed to the annotations whenever both
// are there (lazily while the document holds nothing but suggestions: a merge of a long text
// costs tens of milliseconds). Pure: no editor, no file system.
import type { Engine } from '../engine';
import { IncrementalTagger } from '../engine';
import type { NumberValue, Span, TextEdit } from '../types';
import { AnnotatedDocument, type DroppedAnnotation, type EditResult, type LoadReport, type Suggestion } from '../annotations/document';
import type { AnnotationState } from '../annotations/model';
import { parseSidecar, type ParsedSidecar } from '../annotations/sidecar';
import { applyTextEdit } from '../annotations/shift';

/** A span as the editor shows it: an engine span and/or a person's decision on it. */
export interface ViewSpan {
  /** UTF-16 offsets into the document, end exclusive. */
  start: number;
  end: number;
  label: string;
  state: AnnotationState;
  /** The engine's span (glossary entry, rule reason, number value) when there is one. */
  span?: Span;
  /** Who decided and when (manual, accepted, rejected). */
  author?: string;
  time?: string;
  /** Number reading stored with the annotation when no engine span backs it. */
  value?: NumberValue;
}

/** More edits than this between two taggings: a full tag is cheaper than replaying them. */
export const MAX_PENDING_EDITS = 2_000;

export interface SessionOptions {
  /** Default author of decisions. */
  author?: string;
  /** Told when a cheaper path failed and a safer one was taken (the editor logs it). */
  onFallback?: (kind: 'incremental-tagging' | 'annotation-edit', error: unknown) => void;
}

export type TagMode = 'full' | 'incremental';

export function autoView(spans: readonly Span[]): ViewSpan[] {
  return spans.map((s) => ({ start: s.start, end: s.end, label: s.label, state: 'auto', span: s }));
}

/** The annotations of `doc` over the engine's spans `auto` (which give each its details). */
export function annotationView(doc: AnnotatedDocument, auto: readonly Span[]): ViewSpan[] {
  const byExtent = new Map<string, Span>();
  for (const s of auto) byExtent.set(`${s.start}:${s.end}:${s.label}`, s);
  return doc.all().map((a) => {
    const span = a.state === 'auto' ? (a as Suggestion).span ?? byExtent.get(`${a.start}:${a.end}:${a.label}`) : byExtent.get(`${a.start}:${a.end}:${a.label}`);
    const v: ViewSpan = { start: a.start, end: a.end, label: a.label, state: a.state, ...(span ? { span } : {}) };
    if (a.author) v.author = a.author;
    if (a.time) v.time = a.time;
    if (!span && a.value) v.value = a.value;
    return v;
  });
}

/** True when the document holds only engine suggestions: no decisions, nothing pinned. */
export function isPlain(doc: AnnotatedDocument): boolean {
  return doc.all().every((a) => a.state === 'auto' && !(a as Suggestion).pinned);
}

export class DocumentSession {
  private doc: AnnotatedDocument;
  private unsubscribe: () => void = () => undefined;
  private readonly listeners = new Set<(operation: string) => void>();
  /** Keeps the engine's spans current edit by edit; undefined before the first tag or after a partial one. */
  private inc?: IncrementalTagger;
  /** Edits the engine state has not seen yet, each relative to the text after the previous one. */
  private pending: TextEdit[] = [];
  /** The engine's spans (copies) as last computed; undefined when never tagged. */
  private engineSpans?: Span[];
  /** The engine's spans are for an older text (edits since) or only part of the text. */
  private stale = false;
  private partialSpans = false;
  /** engineSpans not yet handed to the annotated document. */
  private mergePending = false;
  /** Holds nothing but engine suggestions (no decisions, nothing pinned). */
  private plain = true;
  /** Annotations were loaded (a sidecar, or none) — before that the view is the engine's alone. */
  private annotationsLoaded = false;
  private cachedView?: ViewSpan[];

  constructor(text: string, private readonly options: SessionOptions = {}) {
    this.doc = new AnnotatedDocument(text, [], { author: options.author });
    this.watch();
  }

  /** The current text. */
  get text(): string {
    return this.doc.text;
  }

  /** Whether annotations were loaded (see loadAnnotations). */
  get loaded(): boolean {
    return this.annotationsLoaded;
  }

  /** Holds nothing but engine suggestions. */
  get isPlain(): boolean {
    return this.plain;
  }

  get author(): string | undefined {
    return this.doc.author;
  }

  set author(author: string | undefined) {
    this.doc.author = author;
  }

  /** The annotated document with the engine's current suggestions merged in (for commands and export). */
  get document(): AnnotatedDocument {
    this.syncSuggestions();
    return this.doc;
  }

  /** Annotations whose text is gone (kept for the sidecar), without merging suggestions first. */
  orphans(): ReturnType<AnnotatedDocument['orphans']> {
    return this.doc.orphans();
  }

  /** Told after every change a person made to the annotations (not merges, not edits), across reloads. */
  onDidDecide(listener: (operation: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // -----------------------------------------------------------------------------------------
  // Annotations

  /**
   * Loads the annotations from a parsed sidecar (undefined: none) onto the current text; the
   * engine's spans, whenever they come, are merged in. Returns what re-anchoring found.
   */
  loadAnnotations(sidecar: ParsedSidecar | undefined): LoadReport | undefined {
    const author = this.doc.author;
    let report: LoadReport | undefined;
    if (sidecar) {
      const r = AnnotatedDocument.fromSidecar(this.doc.text, sidecar, { author });
      this.replaceDocument(r.document);
      report = r.report;
    } else this.replaceDocument(new AnnotatedDocument(this.doc.text, [], { author }));
    this.annotationsLoaded = true;
    return report;
  }

  /**
   * Rebuilds the annotations on `newText` by quote and context (the text changed without edits
   * we could follow: reloaded from disk). What cannot be found is orphaned. The engine state
   * is kept only when `edits` lead to the new text.
   */
  reanchor(newText: string, documentPath: string): LoadReport {
    const parsed = parseSidecar(this.doc.serialize(documentPath), documentPath);
    const { document, report } = AnnotatedDocument.fromSidecar(newText, parsed, { author: this.doc.author });
    this.replaceDocument(document);
    return report;
  }

  private replaceDocument(doc: AnnotatedDocument): void {
    this.unsubscribe();
    this.doc = doc;
    this.watch();
    // Spans for an older text are not merged: the next tag brings current ones.
    this.mergePending = this.engineSpans !== undefined && !this.stale;
    this.cachedView = undefined;
  }

  private watch(): void {
    this.plain = isPlain(this.doc);
    this.unsubscribe = this.doc.onDidChange((e) => {
      this.cachedView = undefined;
      if (e.operation === 'merge' || e.operation === 'edit') return;
      this.plain = isPlain(this.doc);
      for (const l of this.listeners) l(e.operation);
    });
  }

  /** Hands the engine's current spans to the annotated document if it has not seen them. */
  private syncSuggestions(): void {
    if (!this.mergePending || !this.engineSpans) return;
    this.mergePending = false;
    this.doc.merge(this.engineSpans);
  }

  // -----------------------------------------------------------------------------------------
  // Text edits

  /**
   * Applies edits in order (each relative to the text after the previous one) to the text, the
   * annotations and the engine state. `reloaded`: the text was reloaded (not typed): annotations
   * are found again by quote instead of moved along. Returns what moving annotations dropped.
   */
  applyEdits(edits: readonly TextEdit[], options: { reloaded?: { documentPath: string } } = {}): EditResult & { report?: LoadReport } {
    const before = this.doc.text;
    let result: EditResult & { report?: LoadReport } = { dropped: [], adjusted: [] };
    if (options.reloaded) {
      let text = before;
      for (const e of edits) text = applyTextEdit(text, e);
      result.report = this.reanchor(text, options.reloaded.documentPath);
    } else {
      try {
        result = this.doc.applyEdits(edits);
      } catch (e) {
        this.options.onFallback?.('annotation-edit', e);
        let text = before;
        for (const x of edits) text = applyTextEdit(text, x);
        result.report = this.reanchor(text, '');
      }
    }
    // The engine's spans are for the text before the edits: never merged into the text after them.
    this.mergePending = false;
    if (this.engineSpans) {
      this.stale = true;
      if (this.inc) {
        this.pending.push(...edits);
        if (this.pending.length > MAX_PENDING_EDITS) this.forgetEngineState();
      }
    }
    this.cachedView = undefined;
    return result;
  }

  /** Puts back annotations dropped by an edit (after an undo, or on request). */
  restore(dropped: readonly DroppedAnnotation[]): DroppedAnnotation[] {
    return this.doc.restore(dropped).notFound;
  }

  // -----------------------------------------------------------------------------------------
  // Engine

  /** Whether the engine's spans are current for this text and engine. */
  isTagged(engine: Engine): boolean {
    return this.engineSpans !== undefined && !this.stale && !this.partialSpans && (this.inc === undefined || this.inc.engine === engine);
  }

  /** Whether tagging with `engine` now would only re-tag around the edits. */
  canRetagIncrementally(engine: Engine): boolean {
    return this.inc !== undefined && this.inc.engine === engine && !this.partialSpans;
  }

  /** Whether the spans are those of a tagging in slices still running. */
  get partial(): boolean {
    return this.partialSpans;
  }

  /** Drops the engine's incremental state (the next tag is a full one); annotations stay. */
  forgetEngineState(): void {
    this.inc = undefined;
    this.pending = [];
    if (this.engineSpans) this.stale = true;
  }

  /** Drops the engine's spans altogether (the document is not tagged: too long). */
  clearEngineSpans(): void {
    this.forgetEngineState();
    this.engineSpans = undefined;
    this.stale = false;
    this.partialSpans = false;
    this.mergePending = false;
    this.cachedView = undefined;
  }

  /**
   * Brings the engine's spans up to date for the current text: around the edits when the
   * incremental state is for this engine, else a full tag (also when re-tagging around the edits
   * fails, which is reported through onFallback).
   */
  tag(engine: Engine): TagMode {
    const text = this.doc.text;
    let inc: IncrementalTagger | undefined;
    if (this.canRetagIncrementally(engine)) {
      try {
        this.inc!.applyAll(this.pending);
        if (this.inc!.text === text) inc = this.inc;
      } catch (e) {
        this.options.onFallback?.('incremental-tagging', e);
      }
    }
    const mode: TagMode = inc ? 'incremental' : 'full';
    this.setTagged(inc ?? new IncrementalTagger(engine, text));
    return mode;
  }

  /** The spans of a tagging in slices that finished for `text` (ignored when the text changed since). */
  acceptTagged(engine: Engine, text: string, spans: Span[]): boolean {
    if (text !== this.doc.text) return false;
    this.setTagged(new IncrementalTagger(engine, text, spans));
    return true;
  }

  /** Spans found so far by a tagging in slices still running (for the current text). */
  showPartial(spans: readonly Span[]): void {
    this.inc = undefined;
    this.pending = [];
    this.engineSpans = spans.map((s) => ({ ...s }));
    this.stale = false;
    this.partialSpans = true;
    this.mergePending = true;
    this.cachedView = undefined;
  }

  private setTagged(inc: IncrementalTagger): void {
    this.inc = inc;
    this.pending = [];
    // The incremental tagger updates its spans in place; the annotations keep their own copies.
    this.engineSpans = inc.spans.map((s) => ({ ...s }));
    this.stale = false;
    this.partialSpans = false;
    this.mergePending = true;
    this.cachedView = undefined;
  }

  /** The engine's spans as last computed (copies), or undefined when never tagged. */
  get spans(): readonly Span[] | undefined {
    return this.engineSpans;
  }

  // -----------------------------------------------------------------------------------------
  // The view

  /**
   * What the editor shows: the person's annotations over the engine's suggestions, in text
   * order. Before annotations are loaded, or while the document holds nothing but suggestions,
   * the engine's spans as they are. Cached until something changes.
   */
  view(): ViewSpan[] {
    if (this.cachedView) return this.cachedView;
    const auto = this.engineSpans ?? [];
    if (!this.annotationsLoaded || this.plain) {
      this.cachedView = autoView(auto);
      return this.cachedView;
    }
    this.syncSuggestions();
    this.cachedView = annotationView(this.doc, this.stale ? [] : auto);
    return this.cachedView;
  }

  dispose(): void {
    this.unsubscribe();
    this.listeners.clear();
  }
}
