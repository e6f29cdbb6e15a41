// Policy Annotator for VS Code: a thin adapter over src/core. It decides nothing about spans; it
// shows the engine's spans (decorations, hovers, tree, status bar), keeps them current after edits
// and glossary changes, and reads workspace glossaries through vscode.workspace.fs (web-safe).
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { GlossaryService } from './glossaryService';
import { Tagger, type TagStats, type ViewSpan } from './tagger';
import { Decorator, type AppliedDecoration } from './decorations';
import { SpanHoverProvider } from './hover';
import { SpanTree, StatusBar, type FileView } from './views';
import { documentSelector, isEligible, labelShown, readSettings } from './config';
import { addSelectionToGlossary, type AddToGlossaryArgs } from './commands';
import { AnnotationStore } from './annotations';
import { firstEndingAfter } from '../core/text/search';
import { sidecarUriFor } from './sidecarFiles';
import { disposeLog, logCounts, type LogCounts } from './log';
import { registerAnnotationCommands } from './annotationCommands';
import { registerExportCommands } from './exportCommands';
import { registerTagAllCommands } from './tagAllOccurrences';
import { registerCorpusView, type CorpusSnapshot } from './corpusView';

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
}

let activeStore: AnnotationStore | undefined;

const DISABLED_KEY = 'policyAnnotator.disabledFiles';
/** Above this many spans only the visible part of a document (± VISIBLE_MARGIN lines) is decorated. */
export const LARGE_SPAN_COUNT = 20_000;
const VISIBLE_MARGIN = 400;

/** The spans to draw: all of them, or for very long documents those near the visible ranges. */
export function visibleWindow<T extends { start: number; end: number }>(doc: vscode.TextDocument, editors: readonly vscode.TextEditor[], spans: readonly T[]): readonly T[] {
  if (spans.length <= LARGE_SPAN_COUNT) return spans;
  let from = Infinity;
  let to = -Infinity;
  for (const e of editors)
    for (const r of e.visibleRanges) {
      from = Math.min(from, doc.offsetAt(new vscode.Position(Math.max(0, r.start.line - VISIBLE_MARGIN), 0)));
      to = Math.max(to, doc.offsetAt(doc.lineAt(Math.min(doc.lineCount - 1, r.end.line + VISIBLE_MARGIN)).range.end));
    }
  if (from > to) return spans.slice(0, LARGE_SPAN_COUNT);
  const lo = firstEndingAfter(spans, 0, from);
  const out: T[] = [];
  for (let i = lo; i < spans.length && spans[i].start < to; i++) out.push(spans[i]);
  return out;
}

export function activate(context: vscode.ExtensionContext): PolicyAnnotatorApi {
  // Pure modules (present.ts) translate with @vscode/l10n; give it VS Code's bundle.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });

  const glossary = new GlossaryService();
  const tagger = new Tagger(glossary);
  const store = new AnnotationStore();
  activeStore = store;
  tagger.setOverlay(store);
  const decorator = new Decorator();
  const status = new StatusBar();
  const tree = new SpanTree();
  const disabled = new Set<string>(context.workspaceState.get<string[]>(DISABLED_KEY, []));
  context.subscriptions.push(glossary, store, tagger, decorator, status, tree);
  const corpus = registerCorpusView(glossary, store);
  context.subscriptions.push(...corpus.disposables);

  const settingsFor = (doc: vscode.TextDocument) => readSettings(doc.uri);
  const enabledFor = (doc: vscode.TextDocument) => isEligible(doc) && !disabled.has(doc.uri.toString());
  const shownFor = (doc: vscode.TextDocument) => {
    const s = settingsFor(doc);
    return (label: string) => labelShown(s, label);
  };
  const editorsOf = (doc: vscode.TextDocument) => vscode.window.visibleTextEditors.filter((e) => e.document === doc);
  const configureDecorator = () => decorator.configure(glossary.current.glossary.categories, readSettings().overviewRuler);
  configureDecorator();

  const fileView = (doc: vscode.TextDocument): FileView | undefined => {
    if (!isEligible(doc)) return undefined;
    const enabled = !disabled.has(doc.uri.toString());
    const orphans = store.get(doc)?.doc.orphans().map((o) => ({ label: o.label, exact: o.quote.exact, orphanedAt: o.orphanedAt }));
    return { doc, spans: enabled ? tagger.cached(doc.uri) ?? [] : [], enabled, tooLong: tagger.isTooLong(doc), shown: shownFor(doc), orphans };
  };

  const updateActive = () => {
    const ed = vscode.window.activeTextEditor;
    const view = ed ? fileView(ed.document) : undefined;
    status.update(view);
    tree.update(view);
    void vscode.commands.executeCommand('setContext', 'policyAnnotator.eligible', !!view);
    void vscode.commands.executeCommand('setContext', 'policyAnnotator.fileEnabled', !!view?.enabled);
  };

  /** Applies the cached spans of `doc` to its visible editors (or clears them). */
  const render = (doc: vscode.TextDocument) => {
    const editors = editorsOf(doc);
    if (editors.length > 0) {
      if (enabledFor(doc)) decorator.apply(editors, visibleWindow(doc, editors, tagger.cached(doc.uri) ?? []), shownFor(doc));
      else decorator.clear(editors);
    }
    if (vscode.window.activeTextEditor?.document === doc) updateActive();
  };

  // Very long documents: decorate only around what is on screen (and again after scrolling), so a
  // 300-page report does not hand VS Code hundreds of thousands of ranges at once.
  const scrollTimers = new Map<vscode.TextDocument, ReturnType<typeof setTimeout>>();
  context.subscriptions.push(
    vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
      const spans = tagger.cached(e.textEditor.document.uri);
      if (!spans || spans.length <= LARGE_SPAN_COUNT) return;
      const doc = e.textEditor.document;
      const t = scrollTimers.get(doc);
      if (t) clearTimeout(t);
      scrollTimers.set(doc, setTimeout(() => {
        scrollTimers.delete(doc);
        render(doc);
      }, 50));
    }),
    { dispose: () => scrollTimers.forEach((t) => clearTimeout(t)) },
  );

  let pendingShows = 0;
  /** Makes sure a visible document is tagged (after the first glossary scan) and rendered. */
  const show = async (doc: vscode.TextDocument) => {
    if (!enabledFor(doc)) {
      render(doc);
      return;
    }
    pendingShows++;
    try {
      // Wait for the workspace glossaries and the sidecar, but never leave a text unlit for long.
      await Promise.race([Promise.all([glossary.ensureStarted(), store.ensureLoaded(doc)]), new Promise((r) => setTimeout(r, 1500))]);
      if (doc.isClosed) return;
      await tagger.ensure(doc); // tags when stale (long texts in slices); onDidTag renders
      render(doc);
    } finally {
      pendingShows--;
    }
  };
  const showVisible = () => {
    const seen = new Set<vscode.TextDocument>();
    for (const e of vscode.window.visibleTextEditors) {
      if (seen.has(e.document)) continue;
      seen.add(e.document);
      void show(e.document);
    }
    updateActive();
  };

  tagger.onDidTag(render, undefined, context.subscriptions);

  // Hovers: re-registered when the languages or file patterns change.
  let hoverReg: vscode.Disposable | undefined;
  const registerHover = () => {
    hoverReg?.dispose();
    hoverReg = vscode.languages.registerHoverProvider(documentSelector(readSettings()), new SpanHoverProvider(tagger, glossary, enabledFor, (doc, label) => shownFor(doc)(label)));
  };
  registerHover();
  context.subscriptions.push({ dispose: () => hoverReg?.dispose() });

  context.subscriptions.push(
    vscode.window.registerTreeDataProvider('policyAnnotator.spans', tree),
    vscode.window.onDidChangeVisibleTextEditors(showVisible),
    vscode.window.onDidChangeActiveTextEditor(updateActive),
    glossary.onDidChange(() => {
      if (configureDecorator()) showVisible();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('policyAnnotator')) return;
      if (e.affectsConfiguration('policyAnnotator.languages') || e.affectsConfiguration('policyAnnotator.filePatterns')) registerHover();
      configureDecorator();
      if (e.affectsConfiguration('policyAnnotator.maxDocumentLength')) for (const ed of vscode.window.visibleTextEditors) tagger.forget(ed.document.uri);
      tagger.retagVisible();
      showVisible();
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => decorator.forget(doc.uri)),
    vscode.workspace.onDidRenameFiles((e) => {
      let changed = false;
      for (const f of e.files) {
        if (disabled.delete(f.oldUri.toString())) {
          disabled.add(f.newUri.toString());
          changed = true;
        }
      }
      if (changed) void context.workspaceState.update(DISABLED_KEY, [...disabled]);
    }),

    vscode.commands.registerCommand('policyAnnotator.toggleFile', async (arg?: vscode.Uri) => {
      const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      if (!uri) return;
      const key = uri.toString();
      if (disabled.has(key)) disabled.delete(key);
      else disabled.add(key);
      await context.workspaceState.update(DISABLED_KEY, [...disabled]);
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (doc) await show(doc);
      updateActive();
    }),
    vscode.commands.registerCommand('policyAnnotator.reloadGlossaries', () => glossary.restart()),
    vscode.commands.registerCommand('policyAnnotator.revealSpan', async (uri: vscode.Uri, start: number, end: number) => {
      const doc = await vscode.workspace.openTextDocument(uri);
      const range = new vscode.Range(doc.positionAt(start), doc.positionAt(end));
      const editor = await vscode.window.showTextDocument(doc, { selection: range, preserveFocus: false });
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
    ...registerAnnotationCommands(store, glossary, (doc) => void tagger.spans(doc)),
    ...registerExportCommands({ store, tagger, glossary }),
    ...registerTagAllCommands(store, glossary, (doc) => void tagger.spans(doc)),
    vscode.commands.registerCommand('policyAnnotator.addToGlossary', (args?: AddToGlossaryArgs) =>
      // From a menu the first argument is the editor's Uri; only a plain object carries options.
      addSelectionToGlossary(glossary, args && typeof args === 'object' && !(args instanceof vscode.Uri) ? args : {}),
    ),
  );

  showVisible();

  const toApi = (doc: vscode.TextDocument, spans: readonly ViewSpan[]): ApiAnnotation[] =>
    spans.map((s) => {
      const range = new vscode.Range(doc.positionAt(s.start), doc.positionAt(s.end));
      return { range, label: s.label, source: s.state, text: doc.getText(range) };
    });
  const openDoc = (uri: vscode.Uri) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());

  context.subscriptions.push({ dispose: disposeLog });

  return {
    failures: logCounts,
    getAnnotations(uri) {
      const doc = openDoc(uri);
      return doc ? toApi(doc, tagger.spans(doc)) : [];
    },
    getDecorations: (uri) => decorator.appliedTo(uri),
    async retagNow(uri, options) {
      const doc = openDoc(uri) ?? (await vscode.workspace.openTextDocument(uri));
      await glossary.ensureStarted();
      await glossary.idle();
      if (isEligible(doc)) await store.ensureLoaded(doc);
      if (options?.full) tagger.forget(doc.uri);
      const spans = tagger.tagNow(doc);
      return toApi(doc, spans);
    },
    async whenIdle() {
      for (let i = 0; i < 500; i++) {
        await glossary.idle();
        if (!tagger.busy && pendingShows === 0 && !glossary.busy && !store.busy) break;
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    reloadGlossaries: async () => {
      await glossary.ensureStarted();
      await glossary.restart();
    },
    glossaryFiles: () => glossary.knownFiles(),
    isEnabled: (uri) => {
      const doc = openDoc(uri);
      return doc ? enabledFor(doc) : !disabled.has(uri.toString());
    },
    statusText: () => status.text,
    sidecarUri: (uri) => sidecarUriFor(uri),
    spanTree: () => tree.snapshot(),
    corpusView: () => corpus.view.snapshot(),
    tagStats: (uri) => tagger.stats.get(uri.toString()),
  };
}

export async function deactivate(): Promise<void> {
  // Decisions not yet in a sidecar are written before the host goes away; the rest is disposed
  // through context.subscriptions.
  await activeStore?.flushAll();
  activeStore = undefined;
}
