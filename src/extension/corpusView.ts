// The corpus at a glance (issue 16): the workspace's policy texts (the core walker's .txt/.md
// files), each with how far its review has come — unreviewed suggestions, manual, accepted and
// rejected annotations, as its sidecar holds them (counted by the core: src/core/corpus/progress.ts)
// — the totals per label, and "Go to Next File with Unreviewed Suggestions". A text open with its
// annotations loaded is counted from its session (sessions.ts), as its sidecar holds it once
// saved; the others from disk. Counting reads every other text and sidecar and runs the engine on
// each text, so it runs only when the view (or the command) asks, after changes have settled, and
// keeps the engine's spans of unchanged texts.
import * as vscode from 'vscode';
import { createEngine, type Engine } from '../core/engine';
import type { Span } from '../core/types';
import { SIDECAR_SUFFIX } from '../core/annotations/sidecar';
import { progress, sumProgress, type Progress, type StateCounts } from '../core/corpus/progress';
import { AnnotatedDocument } from '../core/annotations/document';
import { decodeText } from '../core/files/decode';
import { isExportableName } from '../core/files/walk';
import type { Sessions } from './sessions';
import type { GlossaryService } from './glossaryService';
import { KeyedTimers } from './keyedTimers';
import { logError, notify } from './log';
import { readSidecarAt, sidecarUriFor } from './sidecarFiles';
import { workspacePolicyTexts } from './workspaceTexts';

/** One file's row: what the view shows and the API reports. */
export interface CorpusFile {
  uri: string;
  /** Workspace-relative path. */
  path: string;
  /** Suggestions nobody has reviewed: the engine's and those stored in the sidecar. */
  unreviewed: number;
  manual: number;
  accepted: number;
  rejected: number;
  /** Why the file could not be counted (unreadable text, refused sidecar). */
  problem?: string;
}

export interface CorpusSnapshot {
  files: CorpusFile[];
  /** Per label over the workspace, labels in their usual order. */
  totals: (Omit<CorpusFile, 'uri' | 'path' | 'problem'> & { label: string })[];
}

type Node = { kind: 'totals' } | { kind: 'label'; row: CorpusSnapshot['totals'][number] } | { kind: 'file'; row: CorpusFile };

/** How long changes settle before the view counts again. */
const SETTLE_MS = 500;

const row = (c: StateCounts) => ({ unreviewed: c.unreviewed + c.auto, manual: c.manual, accepted: c.accepted, rejected: c.rejected });

export class CorpusView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly timers = new KeyedTimers();
  private current?: Promise<CorpusSnapshot>;
  private stale = true;
  /** The engine's spans of each text as last counted, kept while text and glossary stay the same. */
  private readonly spans = new Map<string, { text: string; generation: number; spans: Span[] }>();
  private engine?: { generation: number; engine: Engine };

  constructor(
    private readonly glossary: GlossaryService,
    private readonly sessions: Sessions,
  ) {
    const sidecars = vscode.workspace.createFileSystemWatcher(`**/*${SIDECAR_SUFFIX}`);
    const texts = vscode.workspace.createFileSystemWatcher('**/*.{txt,md,TXT,MD}');
    const changed = () => this.invalidate();
    this.disposables.push(this.emitter, sidecars, texts);
    for (const w of [sidecars, texts]) this.disposables.push(w.onDidChange(changed), w.onDidCreate(changed), w.onDidDelete(changed));
    this.disposables.push(
      sessions.onDidChangeAnnotations(changed),
      glossary.onDidChange(changed),
      vscode.workspace.onDidChangeWorkspaceFolders(changed),
      vscode.workspace.onDidSaveTextDocument(changed),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && isExportableName(e.document.uri.path)) changed();
      }),
      { dispose: () => this.timers.clear() },
    );
  }

  /** Marks the counts stale and, once changes have settled, tells the view (which asks again only while shown). */
  invalidate(): void {
    this.stale = true;
    this.timers.schedule('refresh', SETTLE_MS, () => this.emitter.fire(undefined));
  }

  /** The counts now (computed again when something changed since). */
  snapshot(): Promise<CorpusSnapshot> {
    if (!this.current || this.stale) {
      this.stale = false;
      this.current = this.compute().catch((e: unknown) => {
        logError('counting the corpus', e);
        this.stale = true;
        return { files: [], totals: [] };
      });
    }
    return this.current;
  }

  private engineNow(): Engine {
    const generation = this.glossary.generation;
    if (this.engine?.generation !== generation) this.engine = { generation, engine: createEngine(this.glossary.current) };
    return this.engine.engine;
  }

  private async compute(): Promise<CorpusSnapshot> {
    await this.glossary.ensureStarted();
    await this.glossary.idle();
    const files: CorpusFile[] = [];
    const counted: Progress[] = [];
    for (const uri of await workspacePolicyTexts()) {
      const r = await this.countFile(uri);
      if (!r) continue;
      files.push(r.row);
      if (r.progress) counted.push(r.progress);
      // Lets the host breathe between files (a workspace may hold hundreds of reports).
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    // Labels come in display order (NUM, ORG, TERM, then custom ones).
    return { files, totals: Object.entries(sumProgress(counted).labels).map(([label, c]) => ({ label, ...row(c) })) };
  }

  private async countFile(uri: vscode.Uri): Promise<{ row: CorpusFile; progress?: Progress } | undefined> {
    const path = vscode.workspace.asRelativePath(uri);
    const base = { uri: uri.toString(), path, unreviewed: 0, manual: 0, accepted: 0, rejected: 0 };
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    // Annotations loaded: the session holds what the sidecar will hold once saved, on the text as
    // it is now (unsaved edits too), with the engine's spans of that text.
    const ready = open && this.sessions.get(uri)?.annotations ? await this.sessions.ready(open) : undefined;
    if (ready) {
      if (ready.annotations.refused) return { row: { ...base, problem: ready.annotations.refused } };
      const text = ready.session.text;
      // Too long for the editor to tag (no spans): counted with the view's own engine, like a closed text.
      const p = progress(text, ready.session.spans ?? this.engineSpans(uri, text), ready.annotations.doc.stored());
      return { row: { ...base, ...row(p.total) }, progress: p };
    }
    // Open but not annotated yet: its text as it is now is what its sidecar's offsets belong to once saved.
    let text: string;
    if (open) text = open.getText();
    else {
      let bytes: Uint8Array;
      try {
        bytes = await vscode.workspace.fs.readFile(uri);
      } catch (e) {
        return { row: { ...base, problem: (e as Error).message } };
      }
      const decoded = decodeText(bytes);
      if (!decoded.ok) return undefined; // not a text: not a policy text either
      text = decoded.text;
    }
    const sidecarUri = sidecarUriFor(uri);
    const sidecar = sidecarUri ? await readSidecarAt(sidecarUri) : ({ kind: 'missing' } as const);
    if (sidecar.kind === 'refused') return { row: { ...base, problem: sidecar.reason } };
    // The sidecar placed on the text as the editor places it (re-anchored by quote if the text changed).
    const annotations = sidecar.kind === 'read' ? AnnotatedDocument.fromSidecar(text, sidecar.parsed).document.all() : [];
    const p = progress(text, this.engineSpans(uri, text), annotations);
    return { row: { ...base, ...row(p.total) }, progress: p };
  }

  private engineSpans(uri: vscode.Uri, text: string): Span[] {
    const engine = this.engineNow();
    const generation = this.engine!.generation;
    const known = this.spans.get(uri.toString());
    if (known && known.generation === generation && known.text === text) return known.spans;
    const spans = engine.tag(text);
    this.spans.set(uri.toString(), { text, generation, spans });
    return spans;
  }

  getTreeItem(n: Node): vscode.TreeItem {
    const counts = (c: Omit<CorpusFile, 'uri' | 'path'>) =>
      vscode.l10n.t('{0} unreviewed · {1} manual · {2} accepted · {3} rejected', c.unreviewed, c.manual, c.accepted, c.rejected);
    if (n.kind === 'totals') {
      const item = new vscode.TreeItem(vscode.l10n.t('Workspace totals'), vscode.TreeItemCollapsibleState.Expanded);
      item.id = 'corpus:totals';
      item.iconPath = new vscode.ThemeIcon('graph');
      return item;
    }
    if (n.kind === 'label') {
      const item = new vscode.TreeItem(n.row.label, vscode.TreeItemCollapsibleState.None);
      item.id = `corpus:label:${n.row.label}`;
      item.description = counts(n.row);
      item.iconPath = new vscode.ThemeIcon('symbol-field');
      return item;
    }
    const r = n.row;
    const item = new vscode.TreeItem(r.path, vscode.TreeItemCollapsibleState.None);
    item.id = `corpus:file:${r.uri}`;
    item.description = r.problem ? vscode.l10n.t('not counted: {0}', r.problem) : counts(r);
    item.tooltip = `${r.path}\n${item.description}`;
    item.iconPath = new vscode.ThemeIcon(r.problem ? 'warning' : r.unreviewed > 0 ? 'circle-large-outline' : 'pass');
    item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [vscode.Uri.parse(r.uri)] };
    item.contextValue = 'policyAnnotator.corpusFile';
    return item;
  }

  async getChildren(n?: Node): Promise<Node[]> {
    const s = await this.snapshot();
    if (!n) return s.files.length ? [{ kind: 'totals' }, ...s.files.map((f): Node => ({ kind: 'file', row: f }))] : [];
    return n.kind === 'totals' ? s.totals.map((t): Node => ({ kind: 'label', row: t })) : [];
  }

  /** Opens the next file (after the active one, wrapping) with unreviewed suggestions, at its first suggestion. */
  async goToNextFile(): Promise<string | undefined> {
    const { files } = await this.snapshot();
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const at = files.findIndex((f) => f.uri === active);
    const order = [...files.slice(at + 1), ...files.slice(0, at + 1)];
    const next = order.find((f) => f.unreviewed > 0 && f.uri !== active) ?? order.find((f) => f.unreviewed > 0);
    if (!next) {
      notify('info', vscode.l10n.t('No file of the workspace has unreviewed suggestions.'));
      return undefined;
    }
    const uri = vscode.Uri.parse(next.uri);
    await vscode.window.showTextDocument(uri, { preview: false });
    await vscode.commands.executeCommand('policyAnnotator.nextSuggestion', { uri, offset: -1 });
    return next.uri;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export function registerCorpusView(glossary: GlossaryService, sessions: Sessions): { view: CorpusView; disposables: vscode.Disposable[] } {
  const view = new CorpusView(glossary, sessions);
  return {
    view,
    disposables: [
      view,
      vscode.window.registerTreeDataProvider('policyAnnotator.corpus', view),
      vscode.commands.registerCommand('policyAnnotator.nextFileWithSuggestions', () => view.goToNextFile()),
      vscode.commands.registerCommand('policyAnnotator.refreshCorpus', () => {
        view.invalidate();
        return view.snapshot();
      }),
    ],
  };
}
