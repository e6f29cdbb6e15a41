// Keeps the spans of open documents current: tags on demand, re-tags after edits (debounced,
// visible editors first) and when the glossary changes, and tells listeners when a document's
// spans changed. The tagging itself is the core engine's; this file only decides *when*.
import * as vscode from 'vscode';
import { createEngine, type Engine, type NumberValue, type Span } from '../core';
import type { AnnotationState } from '../core/annotations/model';
import type { GlossaryService } from './glossaryService';
import { isEligible, readSettings } from './config';

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

/** Merges a person's annotations over the automatic spans (the annotation store, issue 5). */
export interface Overlay {
  apply(doc: vscode.TextDocument, auto: readonly Span[]): ViewSpan[];
  /** Fires when the annotations of a document changed (a command, a sidecar load, an undo). */
  readonly onDidChange: vscode.Event<vscode.Uri>;
}

interface DocEntry {
  version: number;
  generation: number;
  /** The engine's spans for this version (kept so an annotation change does not re-run the engine). */
  engine: Span[];
  spans: ViewSpan[];
  /** The document was too long to tag (maxDocumentLength). */
  tooLong: boolean;
}

export class Tagger implements vscode.Disposable {
  private readonly cache = new Map<string, DocEntry>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private engine: Engine;
  private engineGeneration: number;
  private readonly emitter = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires after a document's spans were recomputed. */
  readonly onDidTag = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private overlay?: Overlay;

  constructor(private readonly glossary: GlossaryService) {
    this.engine = createEngine(glossary.current);
    this.engineGeneration = glossary.generation;
    this.disposables.push(
      this.emitter,
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        if (!this.cache.has(e.document.uri.toString()) && !isEligible(e.document)) return;
        this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
      glossary.onDidChange(() => this.retagVisible()),
    );
  }

  setOverlay(overlay: Overlay): void {
    this.overlay = overlay;
    this.disposables.push(
      overlay.onDidChange((uri) => {
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (doc) this.refresh(doc);
      }),
    );
  }

  private currentEngine(): Engine {
    if (this.engineGeneration !== this.glossary.generation) {
      this.engine = createEngine(this.glossary.current);
      this.engineGeneration = this.glossary.generation;
    }
    return this.engine;
  }

  /** Whether the document was skipped for being longer than policyAnnotator.maxDocumentLength. */
  isTooLong(doc: vscode.TextDocument): boolean {
    return this.cache.get(doc.uri.toString())?.tooLong ?? false;
  }

  /** Current spans of a document, tagging it now if it changed since. */
  spans(doc: vscode.TextDocument): ViewSpan[] {
    const entry = this.cache.get(doc.uri.toString());
    if (entry && entry.version === doc.version && entry.generation === this.glossary.generation) return entry.spans;
    return this.tagNow(doc);
  }

  /** Spans as last computed, without re-tagging (for decorations between an edit and its re-tag). */
  cached(uri: vscode.Uri): ViewSpan[] | undefined {
    return this.cache.get(uri.toString())?.spans;
  }

  /** Re-applies the overlay (a person's annotations) without re-running the engine when the text is unchanged. */
  refresh(doc: vscode.TextDocument): ViewSpan[] {
    const entry = this.cache.get(doc.uri.toString());
    if (!entry || entry.version !== doc.version || entry.generation !== this.glossary.generation || entry.tooLong || !this.overlay) return this.tagNow(doc);
    entry.spans = this.overlay.apply(doc, entry.engine);
    this.emitter.fire(doc);
    return entry.spans;
  }

  /** Tags the document immediately (cancelling a pending debounce) and notifies listeners. */
  tagNow(doc: vscode.TextDocument): ViewSpan[] {
    const key = doc.uri.toString();
    const t = this.timers.get(key);
    if (t) {
      clearTimeout(t);
      this.timers.delete(key);
    }
    const settings = readSettings(doc.uri);
    const lastLine = doc.lineAt(doc.lineCount - 1);
    const length = doc.offsetAt(lastLine.range.end);
    let spans: ViewSpan[] = [];
    let engine: Span[] = [];
    let tooLong = false;
    if (length > settings.maxDocumentLength) tooLong = true;
    else {
      engine = this.currentEngine().tag(doc.getText());
      spans = this.overlay ? this.overlay.apply(doc, engine) : engine.map((s) => ({ start: s.start, end: s.end, label: s.label, state: 'auto', span: s }));
    }
    this.cache.set(key, { version: doc.version, generation: this.glossary.generation, engine, spans, tooLong });
    this.emitter.fire(doc);
    return spans;
  }

  /** Re-tags after the configured pause; visible documents only (others re-tag when shown). */
  schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const visible = vscode.window.visibleTextEditors.some((e) => e.document === doc);
    if (!visible) return; // stays stale; spans() re-tags on demand
    const old = this.timers.get(key);
    if (old) clearTimeout(old);
    const delay = readSettings(doc.uri).debounce;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!doc.isClosed) this.tagNow(doc);
      }, delay),
    );
  }

  /** Re-tags every visible eligible document (after a glossary or settings change). */
  retagVisible(): void {
    const done = new Set<string>();
    for (const e of vscode.window.visibleTextEditors) {
      const key = e.document.uri.toString();
      if (done.has(key) || !isEligible(e.document)) continue;
      done.add(key);
      this.tagNow(e.document);
    }
  }

  /** True while a debounced re-tag is waiting. */
  get busy(): boolean {
    return this.timers.size > 0;
  }

  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
    this.cache.delete(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}
