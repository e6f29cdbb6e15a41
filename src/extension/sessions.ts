// The one owner of every open text: a core DocumentSession per document (text, engine spans,
// annotations), kept on the document's text by one listener. tagger.ts (when to tag) and
// annotations.ts (the sidecar) both work on the entries here and never call each other.
import * as vscode from 'vscode';
import { DocumentSession } from '../core/session/document-session';
import type { EditResult, LoadReport } from '../core/annotations/document';
import type { TextEdit } from '../core/types';
import { logFallback } from './log';
import { defaultAuthor, type DocState } from './docState';
import { parentOf, relativePath } from './sidecarFiles';

/** How the last tagging of a document went (for the API, benchmarks and tests). */
export interface TagStats {
  mode: 'full' | 'incremental' | 'sliced';
  /** Milliseconds spent in the engine and the view (sliced: summed over slices, excluding the yields). */
  ms: number;
  chars: number;
  spans: number;
}

export interface OpenDocument {
  uri: vscode.Uri;
  session: DocumentSession;
  /** VS Code's version of the text the session holds. */
  version: number;
  /** The text version and glossary generation the engine's spans were computed for (tagger.ts). */
  tagged?: { version: number; generation: number; tooLong: boolean };
  /** How the last tagging went. */
  stats?: TagStats;
  /** The sidecar side, once loaded (annotations.ts). */
  annotations?: DocState;
}

export interface EditEvent {
  entry: OpenDocument;
  change: vscode.TextDocumentChangeEvent;
  result: EditResult & { report?: LoadReport };
  /** The text was reloaded from disk (not typed): annotations were found again by quote. */
  reloaded: boolean;
}

/** Where the sidecar names the document: relative to the sidecar's folder. */
export function documentPathInSidecar(uri: vscode.Uri, sidecar: vscode.Uri | undefined): string {
  if (!sidecar) return uri.path.slice(uri.path.lastIndexOf('/') + 1);
  return relativePath(parentOf(sidecar).path, uri.path);
}

/** An open document whose annotations are loaded and whose suggestions are current. */
export interface ReadyDocument extends OpenDocument {
  annotations: DocState;
}

/**
 * How the parts of an entry are brought about: annotations.ts loads the sidecar, tagger.ts runs
 * the engine. Each registers itself; callers only ask for `ready`.
 */
export interface SessionParts {
  loadAnnotations(doc: vscode.TextDocument): Promise<DocState | undefined>;
  /** Brings the engine's spans up to date now (finishing a tagging in slices still running). */
  tagNow(doc: vscode.TextDocument): void;
}

export class Sessions implements vscode.Disposable {
  private readonly entries = new Map<string, OpenDocument>();
  private readonly parts: Partial<SessionParts> = {};
  private readonly editEmitter = new vscode.EventEmitter<EditEvent>();
  private readonly openEmitter = new vscode.EventEmitter<vscode.TextDocument>();
  private readonly closeEmitter = new vscode.EventEmitter<OpenDocument>();
  private readonly annotationsEmitter = new vscode.EventEmitter<vscode.Uri>();
  /** After the session of a document followed an edit. */
  readonly onDidEdit = this.editEmitter.event;
  /** A session was created for a document. */
  readonly onDidOpen = this.openEmitter.event;
  /** A document closed: its session is about to go (listeners may still save from it). */
  readonly onWillClose = this.closeEmitter.event;
  /** The annotations of a document changed (a command, a sidecar load, an undo): the view is redrawn. */
  readonly onDidChangeAnnotations = this.annotationsEmitter.event;
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.disposables = [
      this.editEmitter,
      this.openEmitter,
      this.closeEmitter,
      this.annotationsEmitter,
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        const entry = this.entries.get(doc.uri.toString());
        if (!entry) return;
        this.closeEmitter.fire(entry);
        if (this.entries.get(doc.uri.toString()) === entry) this.entries.delete(doc.uri.toString());
        entry.session.dispose();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('policyAnnotator.author')) for (const entry of this.entries.values()) entry.session.author = defaultAuthor(entry.uri);
      }),
    ];
  }

  /** The entry of a document if it has one (without creating it). */
  get(uri: vscode.Uri): OpenDocument | undefined {
    return this.entries.get(uri.toString());
  }

  all(): IterableIterator<OpenDocument> {
    return this.entries.values();
  }

  /** The entry of an open document, created on first use and always on the document's current text. */
  open(doc: vscode.TextDocument): OpenDocument {
    const key = doc.uri.toString();
    let entry = this.entries.get(key);
    if (!entry) {
      const uri = doc.uri;
      const session = new DocumentSession(doc.getText(), {
        author: defaultAuthor(uri),
        onFallback: (kind, e) =>
          logFallback(
            kind,
            kind === 'incremental-tagging'
              ? `${vscode.workspace.asRelativePath(uri)}: re-tagging around the edits failed; tagged the whole text`
              : `${vscode.workspace.asRelativePath(uri)}: moving annotations along an edit failed; re-anchored by quote`,
            e,
          ),
      });
      entry = { uri, session, version: doc.version };
      this.entries.set(key, entry);
      this.openEmitter.fire(doc);
    } else if (entry.version !== doc.version) {
      // An edit we did not see: the text as it is now, annotations found again by quote.
      const text = doc.getText();
      if (text !== entry.session.text) entry.session.applyEdits([{ start: 0, end: entry.session.text.length, newText: text }], { reloaded: { documentPath: this.documentPath(entry) } });
      entry.version = doc.version;
    }
    return entry;
  }

  /** Tells listeners the annotations of a document changed. */
  annotationsChanged(uri: vscode.Uri): void {
    this.annotationsEmitter.fire(uri);
  }

  /** Registers how annotations are loaded (annotations.ts) or spans computed (tagger.ts). */
  provide(part: Partial<SessionParts>): void {
    Object.assign(this.parts, part);
  }

  /** Loads the annotations of a document (once); its spans are the tagger's to bring, when it chooses. */
  async loadAnnotations(doc: vscode.TextDocument): Promise<DocState | undefined> {
    return this.parts.loadAnnotations?.(doc);
  }

  /**
   * The entry of a document with its annotations loaded and the engine's current suggestions
   * merged in: what commands and exports work on. Undefined when the document closed meanwhile
   * or cannot be annotated.
   */
  async ready(doc: vscode.TextDocument): Promise<ReadyDocument | undefined> {
    const st = await this.loadAnnotations(doc);
    if (!st || doc.isClosed) return undefined;
    this.parts.tagNow?.(doc);
    const entry = this.open(doc);
    return entry.annotations ? (entry as ReadyDocument) : undefined;
  }

  /** Forgets the annotations of a document (its sidecar is read again on next use). */
  forgetAnnotations(uri: vscode.Uri): void {
    const entry = this.entries.get(uri.toString());
    if (!entry?.annotations) return;
    entry.annotations.unsubscribe();
    entry.annotations = undefined;
  }

  documentPath(entry: OpenDocument): string {
    return documentPathInSidecar(entry.uri, entry.annotations?.sidecar);
  }

  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    const entry = this.entries.get(e.document.uri.toString());
    if (!entry || e.contentChanges.length === 0) return;
    // Simultaneous changes are reported against the old text: apply them last to first.
    const edits: TextEdit[] = [...e.contentChanges]
      .sort((a, b) => b.rangeOffset - a.rangeOffset)
      .map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, newText: c.text }));
    // A change that leaves the document clean and is no undo/redo is the file reloaded from
    // disk (changed outside the editor, or reverted): annotations are found again by quote.
    const reloaded = !!entry.annotations && e.reason === undefined && !e.document.isDirty;
    const result = entry.session.applyEdits(edits, reloaded ? { reloaded: { documentPath: this.documentPath(entry) } } : {});
    entry.version = e.document.version;
    if (entry.session.text !== e.document.getText()) {
      entry.session.applyEdits([{ start: 0, end: entry.session.text.length, newText: e.document.getText() }], { reloaded: { documentPath: this.documentPath(entry) } });
    }
    this.editEmitter.fire({ entry, change: e, result, reloaded });
  }

  dispose(): void {
    for (const entry of this.entries.values()) entry.session.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
