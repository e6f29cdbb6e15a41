// The extension's API (what `activate` returns): for the tests, benchmarks and other extensions.
// Everything it reports is read from the running services; it decides nothing itself.
import * as vscode from 'vscode';
import type { AppliedDecoration } from './decorations';
import type { GlossaryService } from './glossaryService';
import type { Tagger, TagStats, ViewSpan } from './tagger';
import type { Sessions } from './sessions';
import type { AnnotationStore } from './annotations';
import type { EditorView } from './editorView';
import type { LearningService } from './learning';
import type { SpanTree } from './views';
import type { CorpusSnapshot, CorpusView } from './corpusView';
import { isEligible } from './config';
import { sidecarUriFor } from './sidecarFiles';
import { logCounts, noticesShown, type LogCounts, type Notice } from './log';

/** One annotation as the API reports it. */
export interface ApiAnnotation {
  range: vscode.Range;
  label: string;
  source: 'auto' | 'manual' | 'accepted' | 'rejected';
  text: string;
}

/** What `activate` returns: for tests and other extensions. */
export interface PolicyAnnotatorApi {
  /** Spans of an open document (current: re-tags first if the text changed). [] when not open. */
  getAnnotations(uri: vscode.Uri): ApiAnnotation[];
  /** Decorations as last applied to the visible editors of `uri`, one entry per label × state in use. */
  getDecorations(uri: vscode.Uri): AppliedDecoration[];
  /** Re-tags an open document now (no debounce) and re-renders it; `full` ignores the incremental state. */
  retagNow(uri: vscode.Uri, options?: { full?: boolean }): Promise<ApiAnnotation[]>;
  /** Resolves once no glossary load and no debounced re-tag is pending. */
  whenIdle(): Promise<void>;
  /** Re-scans and re-reads the workspace glossaries. */
  reloadGlossaries(): Promise<void>;
  /** Workspace glossary files in merge order. */
  glossaryFiles(): vscode.Uri[];
  /** Whether highlighting is on for this document (settings and the per-file toggle). */
  isEnabled(uri: vscode.Uri): boolean;
  /** Text of the status-bar item. */
  statusText(): string;
  /** Where the annotations of `uri` are stored (undefined for untitled documents). */
  sidecarUri(uri: vscode.Uri): vscode.Uri | undefined;
  /** How the last tagging of an open document went: full, incremental (around the edits) or sliced; time in ms. */
  tagStats(uri: vscode.Uri): TagStats | undefined;
  /** The "Policy Spans" tree of the active editor as plain data: groups, items, click commands. */
  spanTree(): ReturnType<SpanTree['snapshot']>;
  /** The "Policy Corpus" view's counts: each policy text of the workspace and the totals per label (computed again if stale). */
  corpusView(): Promise<CorpusSnapshot>;
  /** Errors handled and fallbacks taken since activation, as logged in the "Policy Annotator" output channel (tests assert none). */
  failures(): LogCounts;
  /** Notifications shown to the user since activation (the last 200), oldest first. */
  notices(): Notice[];
  /** The learned file that applies to `uri` (its workspace folder's), whether it exists or not. */
  learnedFile(uri?: vscode.Uri): vscode.Uri | undefined;
}

export interface ApiServices {
  glossary: GlossaryService;
  sessions: Sessions;
  tagger: Tagger;
  store: AnnotationStore;
  view: EditorView;
  learning: LearningService;
  corpus: CorpusView;
}

export function createApi({ glossary, sessions, tagger, store, view, learning, corpus }: ApiServices): PolicyAnnotatorApi {
  const toApi = (doc: vscode.TextDocument, spans: readonly ViewSpan[]): ApiAnnotation[] =>
    spans.map((s) => {
      const range = new vscode.Range(doc.positionAt(s.start), doc.positionAt(s.end));
      return { range, label: s.label, source: s.state, text: doc.getText(range) };
    });
  const openDoc = (uri: vscode.Uri) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return {
    failures: logCounts,
    notices: noticesShown,
    getAnnotations(uri) {
      const doc = openDoc(uri);
      return doc ? toApi(doc, tagger.spans(doc)) : [];
    },
    getDecorations: (uri) => view.decorator.appliedTo(uri),
    async retagNow(uri, options) {
      const doc = openDoc(uri) ?? (await vscode.workspace.openTextDocument(uri));
      await glossary.ensureStarted();
      await glossary.idle();
      if (isEligible(doc)) await sessions.loadAnnotations(doc);
      if (options?.full) tagger.forget(doc.uri);
      return toApi(doc, tagger.tagNow(doc));
    },
    async whenIdle() {
      for (let i = 0; i < 500; i++) {
        await glossary.idle();
        if (!tagger.busy && !view.busy && !glossary.busy && !store.busy && !learning.busy) break;
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    reloadGlossaries: async () => {
      await glossary.ensureStarted();
      await glossary.restart();
    },
    glossaryFiles: () => glossary.knownFiles(),
    isEnabled: (uri) => view.isEnabled(uri),
    statusText: () => view.status.text,
    sidecarUri: (uri) => sidecarUriFor(uri),
    spanTree: () => view.tree.snapshot(),
    corpusView: () => corpus.snapshot(),
    tagStats: (uri) => tagger.stats(uri),
    learnedFile: (uri) => learning.fileFor(uri),
  };
}
