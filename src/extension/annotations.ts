// The editor side of annotating (issue 5): the annotations of each open text's session
// (sessions.ts), loaded from and saved to its sidecar through vscode.workspace.fs, reported when an
// edit drops them, re-read when the file changes outside the editor, moved along on renames.
// All decisions about annotations (overlaps, states, undo, re-anchoring, the sidecar format) are
// the core's; this file translates VS Code events and positions into core calls.
import * as vscode from 'vscode';
import { KeyedTimers } from './keyedTimers';
import type { Annotation } from '../core/annotations/model';
import type { DroppedAnnotation, LoadReport } from '../core/annotations/document';
import { SIDECAR_SUFFIX } from '../core/annotations/sidecar';
import type { SidecarRead } from '../core/files/sidecar-store';
import type { Problem } from '../core/types';
import { isEligible } from './config';
import { logError, logInfo, notify } from './log';
import { readSidecarAt, sidecarUriFor, writeAtomically } from './sidecarFiles';
import { onFilesRenamed } from './sidecarRenames';
import type { DocState } from './docState';
import { documentPathInSidecar, type EditEvent, type OpenDocument, type Sessions } from './sessions';

export { exists, relativePath, sidecarUriFor, writeAtomically } from './sidecarFiles';

export class AnnotationStore implements vscode.Disposable {
  private readonly loading = new Map<string, Promise<DocState | undefined>>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('policy-annotator-sidecar');
  private readonly disposables: vscode.Disposable[] = [];
  private readonly saveTimers = new KeyedTimers();
  private pendingWrites = 0;
  /** The write of each document under way (see write). */
  private readonly writing = new Map<string, Promise<boolean>>();

  constructor(private readonly sessions: Sessions) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/*${SIDECAR_SUFFIX}`);
    sessions.provide({ loadAnnotations: (doc) => this.ensureLoaded(doc) });
    this.disposables.push(
      this.diagnostics,
      watcher,
      watcher.onDidChange((u) => this.sidecarChangedOnDisk(u)),
      watcher.onDidCreate((u) => this.sidecarChangedOnDisk(u)),
      watcher.onDidDelete((u) => this.sidecarChangedOnDisk(u)),
      sessions.onDidEdit((e) => this.onEdit(e)),
      sessions.onDidOpen((doc) => {
        if (isEligible(doc)) void this.ensureLoaded(doc);
      }),
      sessions.onWillClose((entry) => void this.onClose(entry)),
      vscode.workspace.onDidSaveTextDocument((d) => void this.onSave(d)),
      vscode.workspace.onWillRenameFiles((e) => e.waitUntil(this.flushFor(e.files.map((f) => f.oldUri)))),
      vscode.workspace.onDidRenameFiles((e) => void this.onRenamed(e.files)),
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Loading

  /** The state of a document if it has been loaded. */
  get(doc: vscode.TextDocument): DocState | undefined {
    return this.sessions.get(doc.uri)?.annotations;
  }

  private *states(): Generator<DocState> {
    for (const entry of this.sessions.all()) if (entry.annotations) yield entry.annotations;
  }

  /** Loads the document's sidecar (once) and returns its state (callers go through sessions.ready / loadAnnotations). */
  private ensureLoaded(doc: vscode.TextDocument): Promise<DocState | undefined> {
    const key = doc.uri.toString();
    const st = this.get(doc);
    if (st) return Promise.resolve(st);
    let p = this.loading.get(key);
    if (!p) {
      p = this.load(doc).finally(() => this.loading.delete(key));
      this.loading.set(key, p);
    }
    return p;
  }

  /** True while a sidecar is being read or written. */
  get busy(): boolean {
    return this.loading.size > 0 || this.pendingWrites > 0 || this.saveTimers.size > 0;
  }

  /** Reads a sidecar by the core store's rule and shows its problems in the Problems panel. */
  private async readSidecar(uri: vscode.Uri, recover = false): Promise<SidecarRead> {
    const read = await readSidecarAt(uri, recover);
    const problems: Problem[] = read.kind === 'read' ? read.parsed.problems : read.kind === 'refused' ? read.problems : [];
    if (problems.length === 0) this.diagnostics.delete(uri);
    else
      this.diagnostics.set(
        uri,
        problems.map((p) => {
          const d = new vscode.Diagnostic(new vscode.Range(p.line - 1, Math.max(0, p.column - 1), p.line - 1, Number.MAX_SAFE_INTEGER), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
          d.source = 'policy-annotator';
          return d;
        }),
      );
    return read;
  }

  /** Tells the user (once per refusal) that a sidecar was refused and will be left as it is. */
  private showRefusal(st: DocState): void {
    if (!st.refused || st.refusalShown) return;
    st.refusalShown = true;
    const where = st.sidecar ? vscode.workspace.asRelativePath(st.sidecar) : '';
    logInfo(`refused ${where}: ${st.refused}`);
    notify('error', vscode.l10n.t('Annotations of {0} were not loaded: {1}', vscode.workspace.asRelativePath(st.uri), st.refused));
  }

  private async load(doc: vscode.TextDocument, reportOrphans = true): Promise<DocState | undefined> {
    if (doc.isClosed) return undefined;
    const sidecar = sidecarUriFor(doc.uri);
    const read: SidecarRead = sidecar ? await this.readSidecar(sidecar, true) : { kind: 'missing' };
    if (doc.isClosed) return undefined;
    const entry = this.sessions.open(doc);
    const report = entry.session.loadAnnotations(read.kind === 'read' ? read.parsed : undefined);
    if (reportOrphans && report && report.orphaned.length > 0) {
      notify('warning', 
        vscode.l10n.t('{0} annotation(s) of {1} could not be found in the changed text. They are kept as orphans in {2}.', report.orphaned.length, vscode.workspace.asRelativePath(doc.uri), vscode.workspace.asRelativePath(sidecar!)),
      );
    }
    entry.annotations?.unsubscribe();
    const session = entry.session;
    const st: DocState = {
      uri: doc.uri,
      session,
      get doc() {
        return session.document;
      },
      sidecar,
      sidecarExists: read.kind !== 'missing',
      refused: read.kind === 'refused' ? read.reason : undefined,
      dirty: false,
      lastContent: read.kind === 'read' ? read.content : undefined,
      recentDrops: [],
      unsubscribe: session.onDidDecide(() => {
        st.dirty = true;
      }),
    };
    entry.annotations = st;
    this.showRefusal(st);
    this.sessions.annotationsChanged(doc.uri);
    return st;
  }

  // ---------------------------------------------------------------------------------------------
  // Text changes

  private onEdit({ entry, change, result, reloaded }: EditEvent): void {
    const st = entry.annotations;
    if (!st) return;
    if (reloaded) {
      void this.externalChange(st, change.document, result.report);
      return;
    }
    if (result.report) {
      // Moving annotations along the edit failed and they were found again by quote (logged).
      this.reanchored(st, result.report);
      return;
    }
    if (change.reason === vscode.TextDocumentChangeReason.Undo && st.recentDrops.length > 0) st.recentDrops = st.session.restore(st.recentDrops);
    if (result.dropped.length > 0) {
      st.recentDrops = [...st.recentDrops, ...result.dropped].slice(-50);
      void this.noticeDropped(st, result.dropped);
    }
  }

  private async noticeDropped(st: DocState, dropped: DroppedAnnotation[]): Promise<void> {
    const what = dropped.map((d) => `“${d.quote.exact}” (${d.annotation.label})`).join(vscode.l10n.t(', '));
    const restore = vscode.l10n.t('Restore');
    const pick = await vscode.window.showInformationMessage(vscode.l10n.t('Tag {0} was removed with its text. Undo the edit or choose Restore to bring it back.', what), restore);
    if (pick !== restore) return;
    let notFound = st.session.restore(dropped);
    if (notFound.length > 0) {
      // The text is still gone: undo the edit in the editor, then put the tags back.
      const editor = vscode.window.visibleTextEditors.find((ed) => ed.document.uri.toString() === st.uri.toString());
      if (editor) {
        await vscode.window.showTextDocument(editor.document, editor.viewColumn);
        await vscode.commands.executeCommand('undo');
        notFound = st.session.restore(notFound);
      }
    }
    st.recentDrops = st.recentDrops.filter((d) => !dropped.includes(d) || notFound.includes(d));
    this.sessions.annotationsChanged(st.uri);
    this.scheduleAutoSave(st);
  }

  /**
   * The file changed on disk (git pull, another program) and the editor reloaded it. If the sidecar
   * changed on disk too, it is read again (it belongs to the new text); otherwise the annotations
   * in memory are re-anchored on the new text.
   */
  private async externalChange(st: DocState, doc: vscode.TextDocument, report: LoadReport | undefined): Promise<void> {
    // The session found the annotations again on the new text; a newer sidecar from disk replaces them below.
    this.reanchored(st, report, false);
    this.sessions.annotationsChanged(st.uri);
    this.pendingWrites++;
    try {
      const read = st.sidecar ? await this.readSidecar(st.sidecar) : undefined;
      if (read?.kind === 'read' && read.content !== st.lastContent && !st.refused) {
        await this.load(doc);
        return;
      }
      this.reportReanchor(st);
      this.scheduleAutoSave(st);
    } finally {
      this.pendingWrites--;
    }
  }

  /** The session re-anchored the annotations by quote (what cannot be found is orphaned). */
  private reanchored(st: DocState, result: LoadReport | undefined, report = true): void {
    st.recentDrops = [];
    st.lastReport = result;
    if (result && (result.orphaned.length > 0 || result.moved > 0)) st.dirty = true;
    if (report) {
      this.reportReanchor(st);
      this.scheduleAutoSave(st);
    }
  }

  private reportReanchor(st: DocState): void {
    const r = st.lastReport;
    st.lastReport = undefined;
    if (!r || r.orphaned.length === 0) return;
    notify('warning', 
      vscode.l10n.t('{0} annotation(s) of {1} could not be found in the changed text. They are kept as orphans in {2}.', r.orphaned.length, vscode.workspace.asRelativePath(st.uri), st.sidecar ? vscode.workspace.asRelativePath(st.sidecar) : '—'),
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Saving

  private documentPathInSidecar(st: DocState): string {
    return documentPathInSidecar(st.uri, st.sidecar);
  }

  /** Whether there is anything worth a sidecar: decisions, pinned suggestions, orphans, or a file already there. */
  private worthSaving(st: DocState): boolean {
    if (st.sidecarExists) return true;
    const data = st.doc.toSidecarData(this.documentPathInSidecar(st));
    return data.annotations.length > 0 || data.orphans.length > 0;
  }

  /** Writes the sidecar now (atomically). Returns false when it must not be written. */
  async write(st: DocState): Promise<boolean> {
    // One write of a document at a time: a save must not check the file while an earlier write
    // of ours, which checked it before, is still to land (or the check says nothing).
    const key = st.uri.toString();
    this.pendingWrites++;
    const run = (this.writing.get(key) ?? Promise.resolve(true)).then(
      () => this.writeNow(st),
      () => this.writeNow(st),
    );
    this.writing.set(key, run);
    try {
      return await run;
    } finally {
      this.pendingWrites--;
      if (this.writing.get(key) === run) this.writing.delete(key);
    }
  }

  private async writeNow(st: DocState): Promise<boolean> {
    if (!st.sidecar) return false;
    if (!st.refused && st.sidecarExists) {
      // What is on disk now, not what was there at load: a file replaced meanwhile by one that
      // cannot be read (a newer version from git, a half-written copy) is refused, never overwritten.
      const now = await this.readSidecar(st.sidecar);
      if (now.kind === 'refused') st.refused = now.reason;
    } else if (st.refused && (await this.readSidecar(st.sidecar)).kind === 'missing') {
      // The user removed the refused file and the watcher has not said so yet (its events can lag
      // by seconds on a busy machine): nothing is left to protect, so the save goes ahead.
      this.refusalLifted(st);
    }
    if (st.refused) {
      this.showRefusal(st);
      return false;
    }
    if (!this.worthSaving(st)) {
      st.dirty = false;
      return true;
    }
    const content = st.doc.serialize(this.documentPathInSidecar(st));
    if (content === st.lastContent && st.sidecarExists) {
      st.dirty = false;
      return true;
    }
    try {
      st.lastContent = content;
      await writeAtomically(st.sidecar, content);
      st.sidecarExists = true;
      st.dirty = false;
      this.diagnostics.delete(st.sidecar);
      return true;
    } catch (e) {
      st.lastContent = undefined;
      logError(`saving ${vscode.workspace.asRelativePath(st.sidecar)}`, e);
      notify('error', vscode.l10n.t('Could not save the annotations of {0}: {1}', vscode.workspace.asRelativePath(st.uri), (e as Error).message));
      return false;
    }
  }

  /** A refused sidecar was removed: a refused sidecar is the user's to fix or remove; removed, annotating may go on. */
  private refusalLifted(st: DocState): void {
    if (st.sidecar) logInfo(`${vscode.workspace.asRelativePath(st.sidecar)} was removed; annotations of ${vscode.workspace.asRelativePath(st.uri)} are saved again`);
    st.refused = undefined;
    st.refusalShown = false;
    st.sidecarExists = false;
    if (st.sidecar) this.diagnostics.delete(st.sidecar);
  }

  /** After a decision: write at once when the text itself has no unsaved changes (setting). */
  scheduleAutoSave(st: DocState): void {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === st.uri.toString());
    if (!doc || doc.isDirty || !st.dirty) return;
    if (!vscode.workspace.getConfiguration('policyAnnotator', st.uri).get<boolean>('autoSaveAnnotations', true)) return;
    const key = st.uri.toString();
    this.saveTimers.schedule(key, 200, () => {
      const d = vscode.workspace.textDocuments.find((x) => x.uri.toString() === key);
      if (d && !d.isDirty && st.session.text === d.getText()) void this.write(st);
    });
  }

  private async onSave(doc: vscode.TextDocument): Promise<void> {
    if (!this.get(doc)) return;
    const st = this.sessions.open(doc).annotations; // on the text as saved
    if (st) await this.write(st);
  }

  private async onClose(entry: OpenDocument): Promise<void> {
    const st = entry.annotations;
    if (!st) return;
    // Decisions are never dropped with the editor: unsaved ones go to the sidecar (offsets of the
    // text as last seen; re-anchored by quote if the file on disk differs).
    st.unsubscribe();
    if (st.dirty) await this.write(st);
  }

  private async flushFor(uris: readonly vscode.Uri[]): Promise<void> {
    const keys = new Set(uris.map((u) => u.toString()));
    const prefixes = uris.map((u) => u.toString() + '/');
    for (const st of this.states()) {
      const k = st.uri.toString();
      if ((keys.has(k) || prefixes.some((p) => k.startsWith(p))) && st.dirty) await this.write(st);
    }
  }

  private async onRenamed(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): Promise<void> {
    await onFilesRenamed(files, async (newUri) => {
      // Reload what is open under the new name from its (moved) sidecar.
      for (const doc of vscode.workspace.textDocuments) {
        const k = doc.uri.toString();
        if (k === newUri.toString() || k.startsWith(newUri.toString() + '/')) {
          this.sessions.forgetAnnotations(doc.uri);
          if (isEligible(doc)) await this.ensureLoaded(doc);
        }
      }
    });
  }

  /** The sidecar of an open document changed, appeared or went away on disk. */
  private async sidecarChangedOnDisk(uri: vscode.Uri): Promise<void> {
    for (const st of [...this.states()]) {
      if (st.sidecar?.toString() !== uri.toString()) continue;
      const read = await this.readSidecar(uri);
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === st.uri.toString());
      if (read.kind === 'refused') {
        // Replaced by something unreadable: refused from now on, whatever is unsaved.
        if (st.refused !== read.reason) {
          st.refused = read.reason;
          st.refusalShown = false;
          st.sidecarExists = true;
          this.showRefusal(st);
        }
        return;
      }
      if (read.kind === 'missing') {
        if (st.refused) this.refusalLifted(st);
        st.sidecarExists = false;
        return;
      }
      if (st.refused) {
        // Fixed by the user: read it as it is now.
        if (doc) await this.load(doc);
        return;
      }
      if (read.content === st.lastContent) return; // our own write
      if (st.dirty) {
        notify('warning', vscode.l10n.t('The annotations of {0} changed on disk while you have unsaved annotation changes; saving will overwrite the file.', vscode.workspace.asRelativePath(st.uri)));
        return;
      }
      if (doc) await this.load(doc);
    }
  }

  dispose(): void {
    this.saveTimers.clear();
    for (const st of this.states()) st.unsubscribe();
    for (const d of this.disposables) d.dispose();
  }

  /** Saves every document with unsaved annotation changes (on deactivation). */
  async flushAll(): Promise<void> {
    for (const st of this.states()) if (st.dirty) await this.write(st);
  }

  /** Fires the change event for a document (after a command changed its annotations). */
  changed(st: DocState): void {
    this.sessions.annotationsChanged(st.uri);
    this.scheduleAutoSave(st);
  }
}

export type { DocState, Annotation };
