// Keeps the spans of open documents current: tags on demand, re-tags after edits (debounced,
// visible editors first) and when the glossary changes, and tells listeners when a document's
// spans changed. The tagging itself is the core engine's; this file only decides *when*.
import * as vscode from 'vscode';
import { logFallback } from './log';
import { createEngine, type Engine, type Span } from '../core';
import { autoView, type ViewSpan } from '../core/session/document-session';
import { IncrementalTagger, tagInSlices } from '../core/engine';
import type { TextEdit as TextChange } from '../core/types';
import type { GlossaryService } from './glossaryService';
import { isEligible, readSettings } from './config';

export type { ViewSpan };

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
  /** Keeps the engine's spans current edit by edit (re-tags only around each change). */
  inc?: IncrementalTagger;
  /** Changes since `inc` last saw the text, each relative to the text after the previous one. */
  pending: TextChange[];
  /** A sliced first tagging of a long text is still running (spans so far are partial). */
  partial?: boolean;
}

/** Texts longer than this are tagged the first time in slices that yield to the event loop, visible part first. */
export const SLICED_TAGGING_LENGTH = 500_000;
/** More changes than this between two re-tags: a full re-tag is cheaper than replaying them. */
const MAX_PENDING = 2_000;

/** How the last tagging of a document went (for the API, benchmarks and tests). */
export interface TagStats {
  mode: 'full' | 'incremental' | 'sliced';
  /** Milliseconds spent in the engine and the overlay (sliced: summed over slices, excluding the yields). */
  ms: number;
  chars: number;
  spans: number;
}

export class Tagger implements vscode.Disposable {
  private readonly cache = new Map<string, DocEntry>();
  /** Last tagging per document. */
  readonly stats = new Map<string, TagStats>();
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
        const entry = this.cache.get(e.document.uri.toString());
        if (!entry && !isEligible(e.document)) return;
        if (entry?.inc) {
          // Simultaneous changes are reported against the old text: apply them last to first.
          for (const c of [...e.contentChanges].sort((a, b) => b.rangeOffset - a.rangeOffset))
            entry.pending.push({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, newText: c.text });
          if (entry.pending.length > MAX_PENDING) {
            entry.inc = undefined;
            entry.pending = [];
          }
        }
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

  /** Whether the spans of a document are still being computed in slices. */
  isPartial(doc: vscode.TextDocument): boolean {
    return this.cache.get(doc.uri.toString())?.partial ?? false;
  }

  /** Spans as last computed, without re-tagging (for decorations between an edit and its re-tag). */
  cached(uri: vscode.Uri): ViewSpan[] | undefined {
    return this.cache.get(uri.toString())?.spans;
  }

  /** Re-applies the overlay (a person's annotations) without re-running the engine when the text is unchanged. */
  refresh(doc: vscode.TextDocument): ViewSpan[] {
    const entry = this.cache.get(doc.uri.toString());
    if (!entry || entry.version !== doc.version || entry.generation !== this.glossary.generation || entry.tooLong || !this.overlay) {
      // Not tagged for this text yet: the cheapest way (synchronous for short texts, sliced for long ones).
      void this.ensure(doc);
      return this.cache.get(doc.uri.toString())?.spans ?? [];
    }
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
    const prev = this.cache.get(key);
    const engine = this.currentEngine();
    const t0 = performance.now();
    let spans: ViewSpan[] = [];
    let engineSpans: Span[] = [];
    let tooLong = false;
    let inc: IncrementalTagger | undefined;
    if (length > settings.maxDocumentLength) tooLong = true;
    else {
      const text = doc.getText();
      // Re-tag only around the changes when the previous result is for the same glossary.
      if (prev?.inc && !prev.partial && prev.inc.engine === engine) {
        try {
          prev.inc.applyAll(prev.pending);
          if (prev.inc.text === text) inc = prev.inc;
        } catch (e) {
          logFallback('incremental-tagging', `${vscode.workspace.asRelativePath(doc.uri)}: re-tagging around the edits failed; tagged the whole text`, e);
          inc = undefined;
        }
      }
      const mode = inc ? 'incremental' : 'full';
      if (!inc) inc = new IncrementalTagger(engine, text);
      // The incremental tagger updates its spans in place; the overlay keeps its own copies.
      engineSpans = inc.spans.map((s) => ({ ...s }));
      spans = this.view(doc, engineSpans);
      this.stats.set(key, { mode, ms: performance.now() - t0, chars: text.length, spans: spans.length });
    }
    this.cache.set(key, { version: doc.version, generation: this.glossary.generation, engine: engineSpans, spans, tooLong, inc, pending: [] });
    this.emitter.fire(doc);
    return spans;
  }

  private view(doc: vscode.TextDocument, engine: readonly Span[]): ViewSpan[] {
    return this.overlay ? this.overlay.apply(doc, engine) : autoView(engine);
  }

  /**
   * First tagging of a long text without freezing the editor: slice by slice, the visible part
   * first, publishing the spans found so far after each slice. Resolves when done (or when the
   * text changed meanwhile; the next re-tag starts over).
   */
  async tagInBackground(doc: vscode.TextDocument, visible?: { start: number; end: number }): Promise<void> {
    const key = doc.uri.toString();
    const settings = readSettings(doc.uri);
    if (doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end) > settings.maxDocumentLength) {
      this.tagNow(doc);
      return;
    }
    const engine = this.currentEngine();
    const version = doc.version;
    const generation = this.glossary.generation;
    const text = doc.getText();
    let found: Span[] = [];
    const it = tagInSlices(engine, text, { priorityRange: visible });
    this.background++;
    let busyMs = 0;
    try {
      for (let t0 = performance.now(), r = await it.next(); ; t0 = performance.now(), r = await it.next()) {
        busyMs += performance.now() - t0;
        if (doc.isClosed || doc.version !== version || generation !== this.glossary.generation) return;
        if (r.done) {
          const inc = new IncrementalTagger(engine, text, r.value);
          const engineSpans = inc.spans.map((s) => ({ ...s }));
          const t1 = performance.now();
          const spans = this.view(doc, engineSpans);
          this.cache.set(key, { version, generation, engine: engineSpans, spans, tooLong: false, inc, pending: [] });
          this.stats.set(key, { mode: 'sliced', ms: busyMs + performance.now() - t1, chars: text.length, spans: spans.length });
          this.emitter.fire(doc);
          return;
        }
        // Replace what lies in the update's range, keep the rest (sorted by start).
        const u = r.value;
        found = [...found.filter((s) => s.end <= u.start || s.start >= u.end), ...u.spans].sort((a, b) => a.start - b.start);
        const engineSpans = found.map((s) => ({ ...s }));
        this.cache.set(key, { version, generation, engine: engineSpans, spans: this.view(doc, engineSpans), tooLong: false, pending: [], partial: true });
        this.emitter.fire(doc);
      }
    } finally {
      this.background--;
    }
  }

  private background = 0;

  /**
   * Brings a document's spans up to date the cheapest way: nothing if current; around the
   * changes if an incremental result exists for this glossary; in slices (visible part first) for
   * a long text seen for the first time; else a full tag.
   */
  async ensure(doc: vscode.TextDocument): Promise<void> {
    const entry = this.cache.get(doc.uri.toString());
    if (entry && entry.version === doc.version && entry.generation === this.glossary.generation) return;
    const incremental = entry?.inc && !entry.partial && entry.inc.engine === this.currentEngine();
    const length = doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
    if (incremental || length <= SLICED_TAGGING_LENGTH) {
      this.tagNow(doc);
      return;
    }
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
    const r = editor?.visibleRanges[0];
    await this.tagInBackground(doc, r ? { start: doc.offsetAt(r.start), end: doc.offsetAt(r.end) } : undefined);
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
        if (!doc.isClosed) void this.ensure(doc);
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
      void this.ensure(e.document);
    }
  }

  /** True while a debounced re-tag is waiting or a long text is being tagged in slices. */
  get busy(): boolean {
    return this.timers.size > 0 || this.background > 0;
  }

  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
    this.cache.delete(key);
    this.stats.delete(key);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}
