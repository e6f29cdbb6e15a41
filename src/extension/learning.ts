// The annotator teaches the tool (docs/learning.md), editor side: every decision taken in any
// document (annotationCommands.ts reports them) is learned into `.policy-annotator/learned.
// glossary.yaml` of the document's workspace folder, written atomically through the core file
// layer on workspace.fs. The learned files are the glossary service's last layers, so every open
// document re-tags with them and documents opened later use them. The file is re-read when it
// changes on disk (a hand edit, git, another window) and with "Reload Glossaries". A file that
// cannot be read is refused like a sidecar: Problems panel, a notification, nothing of it applied
// and nothing written over it until it is fixed.
import * as vscode from 'vscode';
import {
  EMPTY_LEARNED, LEARNED_FILE, findLearned, forget, knownIn, learn, learnedLayer, parseLearned, readLearnedFile, serializeLearned, writeLearnedFile,
  type LearnedSet, type LearningDecision, type Target,
} from '../core/learning';
import type { ParsedGlossary, Problem } from '../core';
import { fileSystemFor } from './workspace-fs';
import { toDiagnostic, type GlossaryService } from './glossaryService';
import { logError, notify } from './log';
import { defaultAuthor } from './docState';

interface FolderState {
  folder: vscode.WorkspaceFolder;
  /** The learned file of the folder. */
  uri: vscode.Uri;
  /** How hovers and problems name it (workspace-relative). */
  name: string;
  kind: 'missing' | 'read' | 'refused';
  set: LearnedSet;
  layer?: ParsedGlossary;
  /** The problems it was refused with (a notification once per new refusal, not per decision). */
  refusal?: string;
  /** A decision was dropped because of the refusal (said once per refusal). */
  toldDropped?: boolean;
}

/** One item of a learned file, as "Forget Learned Entry…" lists it. */
export interface LearnedItem {
  folder: vscode.Uri;
  surface: string;
  label: string;
  rejected: boolean;
}

export function learningEnabled(scope?: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration('policyAnnotator', scope).get<boolean>('learning.enabled', true) !== false;
}

export class LearningService implements vscode.Disposable {
  private readonly folders = new Map<string, FolderState>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('policy-annotator-learned');
  private watchers: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly glossary: GlossaryService) {
    glossary.setLastLayers({
      reload: () => this.reload(),
      layers: () => [...this.folders.values()].filter((f) => f.layer).map((f) => ({ layer: f.layer!, uri: f.uri })),
    });
    this.disposables.push(
      this.diagnostics,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('policyAnnotator.learning')) void this.glossary.restart();
      }),
    );
  }

  /** True while a read or write of a learned file is queued or running. */
  get busy(): boolean {
    return this.pending > 0 || this.timers.size > 0;
  }

  /** Reads every folder's learned file again and watches them (called by the glossary service's restart). */
  async reload(): Promise<void> {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    const keep = new Set<string>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (!learningEnabled(folder.uri)) continue;
      keep.add(folder.uri.toString());
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, LEARNED_FILE));
      const changed = () => this.scheduleRead(folder);
      w.onDidCreate(changed);
      w.onDidChange(changed);
      w.onDidDelete(changed);
      this.watchers.push(w);
      await this.read(folder);
    }
    for (const [key, st] of this.folders) {
      if (keep.has(key)) continue;
      this.diagnostics.delete(st.uri);
      this.folders.delete(key);
    }
  }

  /**
   * Learns `decisions`, taken in the document `doc`, into its folder's learned file. The file is
   * read again first, so a hand edit or another window's decisions are kept, and a file that
   * became unreadable is refused rather than replaced.
   */
  record(doc: vscode.Uri, decisions: readonly LearningDecision[]): void {
    const folder = vscode.workspace.getWorkspaceFolder(doc);
    if (!folder || decisions.length === 0 || !learningEnabled(folder.uri)) return;
    const context = { file: vscode.workspace.asRelativePath(doc, false), author: defaultAuthor(doc), time: new Date().toISOString() };
    this.enqueue(async () => {
      const st = await this.read(folder);
      if (st.kind === 'refused') {
        if (!st.toldDropped) notify('warning', vscode.l10n.t('Your decisions are not learned while {0} cannot be read; fix it or delete it.', st.name));
        st.toldDropped = true;
        return;
      }
      // Accepting what a glossary already suggests teaches nothing (model.ts, knownIn).
      const known = knownIn(this.glossary.current.glossary);
      const set = decisions.reduce((s, d) => learn(s, d, context, known), st.set);
      if (set !== st.set) await this.write(st, set);
    }).catch((e: unknown) => notify('error', vscode.l10n.t('Could not write {0}: {1}', vscode.workspace.asRelativePath(vscode.Uri.joinPath(folder.uri, LEARNED_FILE)), e instanceof Error ? e.message : String(e))));
  }

  /** Removes a learned entry (or rejection); true when there was one. */
  forget(item: LearnedItem): Promise<boolean> {
    const folder = vscode.workspace.getWorkspaceFolder(item.folder);
    if (!folder) return Promise.resolve(false);
    return this.enqueue(async () => {
      const st = await this.read(folder);
      if (st.kind !== 'read') return false;
      const target: Target = { surface: item.surface, label: item.label };
      const set = forget(st.set, target, item.rejected);
      if (set === st.set) return false;
      await this.write(st, set);
      return true;
    });
  }

  /** Everything learned, folder by folder (entries, then rejections). */
  items(): (LearnedItem & { detail: string })[] {
    const out: (LearnedItem & { detail: string })[] = [];
    for (const st of this.folders.values()) {
      for (const e of st.set.entries) out.push({ folder: st.folder.uri, surface: e.term, label: e.category, rejected: false, detail: e.learned?.file ?? '' });
      for (const r of st.set.rejected) out.push({ folder: st.folder.uri, surface: r.term, label: r.category, rejected: true, detail: r.learned?.file ?? '' });
    }
    return out;
  }

  /** Whether a surface is learned (or, with `rejected`, rejected) in the folder of `doc` (for tests). */
  has(doc: vscode.Uri, target: Target, rejected = false): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(doc);
    const st = folder && this.folders.get(folder.uri.toString());
    return !!st && !!findLearned(st.set, target, rejected);
  }

  /** The learned file of the folder of `doc` (or of the first folder). */
  fileFor(doc?: vscode.Uri): vscode.Uri | undefined {
    const folder = (doc && vscode.workspace.getWorkspaceFolder(doc)) ?? vscode.workspace.workspaceFolders?.[0];
    return folder && vscode.Uri.joinPath(folder.uri, LEARNED_FILE);
  }

  private scheduleRead(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.enqueue(async () => {
        const before = this.folders.get(key);
        const old = before && { kind: before.kind, text: serializeLearned(before.set) };
        const st = await this.read(folder);
        // Our own write comes back here: recompile only when the file says something new.
        if (!old || old.kind !== st.kind || old.text !== serializeLearned(st.set)) void this.glossary.refresh();
      });
    }, 50));
  }

  /** Reads the folder's learned file with the core reader (as the CLI does) and updates its state and problems. */
  private async read(folder: vscode.WorkspaceFolder): Promise<FolderState> {
    const key = folder.uri.toString();
    const uri = vscode.Uri.joinPath(folder.uri, LEARNED_FILE);
    const name = vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
    const prev = this.folders.get(key);
    const st: FolderState = { folder, uri, name, kind: 'missing', set: EMPTY_LEARNED };
    let problems: Problem[] = [];
    try {
      const r = await readLearnedFile(fileSystemFor(uri), uri.path, name);
      problems = r.kind === 'missing' ? [] : r.problems;
      if (r.kind === 'read') Object.assign(st, { kind: 'read', set: r.set, layer: learnedLayer(r.set, name) });
      else if (r.kind === 'refused') st.kind = 'refused';
    } catch (e) {
      logError(`reading ${name}`, e);
      st.kind = 'refused';
      problems = [{ file: name, line: 1, column: 1, severity: 'error', message: String(e) }];
    }
    this.diagnostics.set(uri, problems.map((p) => toDiagnostic(p, [])));
    if (st.kind === 'refused') {
      st.refusal = problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('; ');
      st.toldDropped = prev?.refusal === st.refusal ? prev.toldDropped : false;
      if (prev?.refusal !== st.refusal) {
        notify('error', vscode.l10n.t('{0} cannot be read ({1}): nothing learned is applied, and the file is not written over until it is fixed.', name, problems[0]?.message ?? ''));
      }
    }
    this.folders.set(key, st);
    return st;
  }

  private async write(st: FolderState, set: LearnedSet): Promise<void> {
    await writeLearnedFile(fileSystemFor(st.uri), st.uri.path, set);
    // The layer as the file now reads (entries located at their lines, for the hover's link).
    const parsed = parseLearned(serializeLearned(set), st.name);
    this.folders.set(st.folder.uri.toString(), { ...st, kind: 'read', set: parsed.set, layer: learnedLayer(parsed.set, st.name), refusal: undefined, toldDropped: false });
    void this.glossary.refresh();
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    this.pending++;
    const run = this.queue.then(job).finally(() => this.pending--);
    this.queue = run.catch((e: unknown) => logError('learning from a decision', e));
    return run;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const w of this.watchers) w.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
