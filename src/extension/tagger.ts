// Keeps the spans of open documents current: tags on demand, re-tags after edits (debounced,
// visible editors first) and when the glossary changes, and tells listeners when a document's
// spans changed. The tagging itself is the core engine's, on the document's session (sessions.ts);
// this file only decides *when*.
import * as vscode from 'vscode';
import { createEngine, type Engine, type Span } from '../core';
import { tagInSlices } from '../core/engine';
import type { ViewSpan } from '../core/session/document-session';
import type { GlossaryService } from './glossaryService';
import { isEligible, readSettings } from './config';
import type { OpenDocument, Sessions, TagStats } from './sessions';

export type { ViewSpan, TagStats };

/** Texts longer than this are tagged the first time in slices that yield to the event loop, visible part first. */
export const SLICED_TAGGING_LENGTH = 500_000;

export class Tagger implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private engine: Engine;
  private engineGeneration: number;
  private readonly emitter = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires after a document's spans were recomputed (or its annotations changed: see refresh). */
  readonly onDidTag = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly glossary: GlossaryService,
    private readonly sessions: Sessions,
  ) {
    this.engine = createEngine(glossary.current);
    this.engineGeneration = glossary.generation;
    sessions.provide({ tagNow: (doc) => this.complete(doc) });
    this.disposables.push(
      this.emitter,
      sessions.onDidChangeAnnotations((uri) => {
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (doc) this.refresh(doc);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        if (!sessions.get(e.document.uri) && !isEligible(e.document)) return;
        this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.clearTimer(doc.uri.toString())),
      glossary.onDidChange(() => this.retagVisible()),
    );
  }

  private currentEngine(): Engine {
    if (this.engineGeneration !== this.glossary.generation) {
      this.engine = createEngine(this.glossary.current);
      this.engineGeneration = this.glossary.generation;
    }
    return this.engine;
  }

  private isCurrent(entry: OpenDocument | undefined, doc: vscode.TextDocument): boolean {
    const t = entry?.tagged;
    return !!t && t.version === doc.version && t.generation === this.glossary.generation;
  }

  private viewOf(entry: OpenDocument): ViewSpan[] {
    return entry.tagged?.tooLong ? [] : entry.session.view();
  }

  /** Whether the document was skipped for being longer than policyAnnotator.maxDocumentLength. */
  isTooLong(doc: vscode.TextDocument): boolean {
    return this.sessions.get(doc.uri)?.tagged?.tooLong ?? false;
  }

  /** Current spans of a document, tagging it now if it changed since. */
  spans(doc: vscode.TextDocument): ViewSpan[] {
    const entry = this.sessions.get(doc.uri);
    if (entry && this.isCurrent(entry, doc)) return this.viewOf(entry);
    return this.tagNow(doc);
  }

  /** Makes the spans complete and current now: a tagging in slices still running is finished at once. */
  complete(doc: vscode.TextDocument): void {
    if (this.isPartial(doc)) this.tagNow(doc);
    else this.spans(doc);
  }

  /** Whether the spans of a document are still being computed in slices. */
  isPartial(doc: vscode.TextDocument): boolean {
    return this.sessions.get(doc.uri)?.session.partial ?? false;
  }

  /** Spans as last computed, without re-tagging (for decorations between an edit and its re-tag). */
  cached(uri: vscode.Uri): ViewSpan[] | undefined {
    const entry = this.sessions.get(uri);
    return entry?.tagged ? this.viewOf(entry) : undefined;
  }

  /** How the last tagging of a document went. */
  stats(uri: vscode.Uri): TagStats | undefined {
    return this.sessions.get(uri)?.stats;
  }

  /** After the annotations changed: tells listeners (the view is the session's), tagging first if the text changed. */
  refresh(doc: vscode.TextDocument): void {
    const entry = this.sessions.get(doc.uri);
    if (!entry || !this.isCurrent(entry, doc) || entry.tagged?.tooLong) {
      // Not tagged for this text yet: the cheapest way (synchronous for short texts, sliced for long ones).
      void this.ensure(doc);
      return;
    }
    this.emitter.fire(doc);
  }

  private clearTimer(key: string): void {
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
  }

  /** Tags the document immediately (cancelling a pending debounce) and notifies listeners. */
  tagNow(doc: vscode.TextDocument): ViewSpan[] {
    this.clearTimer(doc.uri.toString());
    const settings = readSettings(doc.uri);
    const lastLine = doc.lineAt(doc.lineCount - 1);
    const length = doc.offsetAt(lastLine.range.end);
    const entry = this.sessions.open(doc);
    const engine = this.currentEngine();
    const t0 = performance.now();
    const tooLong = length > settings.maxDocumentLength;
    let spans: ViewSpan[] = [];
    if (tooLong) entry.session.clearEngineSpans();
    else {
      const mode = entry.session.tag(engine);
      spans = entry.session.view();
      entry.stats = { mode, ms: performance.now() - t0, chars: entry.session.text.length, spans: spans.length };
    }
    entry.tagged = { version: doc.version, generation: this.glossary.generation, tooLong };
    this.emitter.fire(doc);
    return spans;
  }

  /**
   * First tagging of a long text without freezing the editor: slice by slice, the visible part
   * first, publishing the spans found so far after each slice. Resolves when done (or when the
   * text changed meanwhile; the next re-tag starts over).
   */
  async tagInBackground(doc: vscode.TextDocument, visible?: { start: number; end: number }): Promise<void> {
    const settings = readSettings(doc.uri);
    if (doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end) > settings.maxDocumentLength) {
      this.tagNow(doc);
      return;
    }
    const entry = this.sessions.open(doc);
    const engine = this.currentEngine();
    const version = doc.version;
    const generation = this.glossary.generation;
    const text = entry.session.text;
    let found: Span[] = [];
    const it = tagInSlices(engine, text, { priorityRange: visible });
    this.background++;
    let busyMs = 0;
    try {
      for (let t0 = performance.now(), r = await it.next(); ; t0 = performance.now(), r = await it.next()) {
        busyMs += performance.now() - t0;
        if (doc.isClosed || doc.version !== version || generation !== this.glossary.generation || this.sessions.get(doc.uri) !== entry) return;
        entry.tagged = { version, generation, tooLong: false };
        if (r.done) {
          const t1 = performance.now();
          if (!entry.session.acceptTagged(engine, text, r.value)) return;
          const spans = entry.session.view();
          entry.stats = { mode: 'sliced', ms: busyMs + performance.now() - t1, chars: text.length, spans: spans.length };
          this.emitter.fire(doc);
          return;
        }
        // Replace what lies in the update's range, keep the rest (sorted by start).
        const u = r.value;
        found = [...found.filter((s) => s.end <= u.start || s.start >= u.end), ...u.spans].sort((a, b) => a.start - b.start);
        entry.session.showPartial(found);
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
    const entry = this.sessions.get(doc.uri);
    if (entry && this.isCurrent(entry, doc)) return;
    const incremental = entry?.session.canRetagIncrementally(this.currentEngine());
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

  /** Forgets the engine's state of a document: the next tagging is a full one (annotations stay). */
  forget(uri: vscode.Uri): void {
    this.clearTimer(uri.toString());
    const entry = this.sessions.get(uri);
    if (!entry) return;
    entry.session.forgetEngineState();
    entry.tagged = undefined;
    entry.stats = undefined;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}
