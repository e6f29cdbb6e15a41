// What the editor shows of the open documents' sessions: decorations in the visible editors, the
// hover, the "Policy Spans" tree and the status bar, and the per-file on/off switch. It reads
// spans from the tagger (which reads the document's session) and decides nothing about them.
import * as vscode from 'vscode';
import type { GlossaryService } from './glossaryService';
import type { Tagger } from './tagger';
import type { Sessions } from './sessions';
import { Decorator } from './decorations';
import { SpanHoverProvider } from './hover';
import { SpanTree, StatusBar, type FileView } from './views';
import { documentSelector, isEligible, labelShown, readSettings } from './config';
import { firstEndingAfter } from '../core/text/search';
import { KeyedTimers } from './keyedTimers';

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

export class EditorView implements vscode.Disposable {
  readonly decorator = new Decorator();
  readonly status = new StatusBar();
  readonly tree = new SpanTree();
  /** Documents the user switched off (kept per workspace). */
  private readonly disabled: Set<string>;
  private readonly scrollTimers = new KeyedTimers();
  private hoverReg?: vscode.Disposable;
  private pendingShows = 0;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly state: vscode.Memento,
    private readonly glossary: GlossaryService,
    private readonly tagger: Tagger,
    private readonly sessions: Sessions,
  ) {
    this.disabled = new Set<string>(state.get<string[]>(DISABLED_KEY, []));
    this.configureDecorator();
    this.registerHover();
    this.disposables = [
      this.decorator,
      this.status,
      this.tree,
      { dispose: () => this.hoverReg?.dispose() },
      { dispose: () => this.scrollTimers.clear() },
      vscode.window.registerTreeDataProvider('policyAnnotator.spans', this.tree),
      tagger.onDidTag((doc) => this.render(doc)),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.scrolled(e.textEditor.document)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.showVisible()),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateActive()),
      glossary.onDidChange(() => {
        if (this.configureDecorator()) this.showVisible();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => this.settingsChanged(e)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.decorator.forget(doc.uri)),
      vscode.workspace.onDidRenameFiles((e) => this.renamed(e.files)),
    ];
  }

  /** Whether highlighting is on for this document (settings and the per-file toggle). */
  enabledFor(doc: vscode.TextDocument): boolean {
    return isEligible(doc) && !this.disabled.has(doc.uri.toString());
  }

  isEnabled(uri: vscode.Uri): boolean {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    return doc ? this.enabledFor(doc) : !this.disabled.has(uri.toString());
  }

  /** True while a visible document waits for its first tagging. */
  get busy(): boolean {
    return this.pendingShows > 0;
  }

  private shownFor(doc: vscode.TextDocument): (label: string) => boolean {
    const s = readSettings(doc.uri);
    return (label: string) => labelShown(s, label);
  }

  private configureDecorator(): boolean {
    return this.decorator.configure(this.glossary.current.glossary.categories, readSettings().overviewRuler);
  }

  /** Hovers: re-registered when the languages or file patterns change. */
  private registerHover(): void {
    this.hoverReg?.dispose();
    this.hoverReg = vscode.languages.registerHoverProvider(
      documentSelector(readSettings()),
      new SpanHoverProvider(this.tagger, this.glossary, (doc) => this.enabledFor(doc), (doc, label) => this.shownFor(doc)(label)),
    );
  }

  private fileView(doc: vscode.TextDocument): FileView | undefined {
    if (!isEligible(doc)) return undefined;
    const enabled = !this.disabled.has(doc.uri.toString());
    const orphans = this.sessions.get(doc.uri)?.session.orphans().map((o) => ({ label: o.label, exact: o.quote.exact, orphanedAt: o.orphanedAt }));
    return { doc, spans: enabled ? this.tagger.cached(doc.uri) ?? [] : [], enabled, tooLong: this.tagger.isTooLong(doc), shown: this.shownFor(doc), orphans };
  }

  updateActive(): void {
    const ed = vscode.window.activeTextEditor;
    const view = ed ? this.fileView(ed.document) : undefined;
    this.status.update(view);
    this.tree.update(view);
    void vscode.commands.executeCommand('setContext', 'policyAnnotator.eligible', !!view);
    void vscode.commands.executeCommand('setContext', 'policyAnnotator.fileEnabled', !!view?.enabled);
  }

  /** Applies the cached spans of `doc` to its visible editors (or clears them). */
  private render(doc: vscode.TextDocument): void {
    const editors = vscode.window.visibleTextEditors.filter((e) => e.document === doc);
    if (editors.length > 0) {
      if (this.enabledFor(doc)) this.decorator.apply(editors, visibleWindow(doc, editors, this.tagger.cached(doc.uri) ?? []), this.shownFor(doc));
      else this.decorator.clear(editors);
    }
    if (vscode.window.activeTextEditor?.document === doc) this.updateActive();
  }

  /**
   * Very long documents: decorate only around what is on screen (and again after scrolling), so a
   * 300-page report does not hand VS Code hundreds of thousands of ranges at once.
   */
  private scrolled(doc: vscode.TextDocument): void {
    const spans = this.tagger.cached(doc.uri);
    if (!spans || spans.length <= LARGE_SPAN_COUNT) return;
    this.scrollTimers.schedule(doc.uri.toString(), 50, () => this.render(doc));
  }

  /** Makes sure a visible document is tagged (after the first glossary scan) and rendered. */
  async show(doc: vscode.TextDocument): Promise<void> {
    if (!this.enabledFor(doc)) {
      this.render(doc);
      return;
    }
    this.pendingShows++;
    try {
      // Wait for the workspace glossaries and the annotations, but never leave a text unlit for long.
      // (Only loaded here: the tagging below takes the cheapest way, in slices for a long text.)
      await Promise.race([Promise.all([this.glossary.ensureStarted(), this.sessions.loadAnnotations(doc)]), new Promise((r) => setTimeout(r, 1500))]);
      if (doc.isClosed) return;
      await this.tagger.ensure(doc); // tags when stale (long texts in slices); onDidTag renders
      this.render(doc);
    } finally {
      this.pendingShows--;
    }
  }

  showVisible(): void {
    const seen = new Set<vscode.TextDocument>();
    for (const e of vscode.window.visibleTextEditors) {
      if (seen.has(e.document)) continue;
      seen.add(e.document);
      void this.show(e.document);
    }
    this.updateActive();
  }

  private settingsChanged(e: vscode.ConfigurationChangeEvent): void {
    if (!e.affectsConfiguration('policyAnnotator')) return;
    if (e.affectsConfiguration('policyAnnotator.languages') || e.affectsConfiguration('policyAnnotator.filePatterns')) this.registerHover();
    this.configureDecorator();
    if (e.affectsConfiguration('policyAnnotator.maxDocumentLength')) for (const ed of vscode.window.visibleTextEditors) this.tagger.forget(ed.document.uri);
    this.tagger.retagVisible();
    this.showVisible();
  }

  private renamed(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): void {
    let changed = false;
    for (const f of files) {
      if (this.disabled.delete(f.oldUri.toString())) {
        this.disabled.add(f.newUri.toString());
        changed = true;
      }
    }
    if (changed) void this.state.update(DISABLED_KEY, [...this.disabled]);
  }

  /** Switches highlighting of one file on or off (the policyAnnotator.toggleFile command). */
  async toggle(arg?: vscode.Uri): Promise<void> {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (!uri) return;
    const key = uri.toString();
    if (this.disabled.has(key)) this.disabled.delete(key);
    else this.disabled.add(key);
    await this.state.update(DISABLED_KEY, [...this.disabled]);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (doc) await this.show(doc);
    this.updateActive();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
