// Workspace glossaries: found by the configured globs, read through vscode.workspace.fs (works in
// VS Code for the Web), parsed and merged over the bundled default by the core, reloaded when a
// file is saved, created, changed or deleted. Problems go to the Problems panel at their line and
// column; a file whose new version has errors keeps its last good version in effect.
import * as vscode from 'vscode';
import { KeyedTimers } from './keyedTimers';
import { logError, logFallback } from './log';
import { compileWithDefault, compileWithDefaultAsync, parseGlossaryAsync, GLOSSARY_LIMITS, type CompiledGlossary, type ParsedGlossary, type Problem } from '../core';
import { readSettings } from './config';
import { LEARNED_FILE } from '../core/learning/file';

interface FileState {
  uri: vscode.Uri;
  /** Name shown in hovers and used as ParsedGlossary.file (workspace-relative path). */
  name: string;
  /** Which configured glob found it (merge order: by glob, then by path). */
  order: number;
  /** The version in effect (the last one without errors, or the first one read). */
  inEffect?: ParsedGlossary;
  /** The version last read from disk. */
  last: ParsedGlossary;
  lastText: string;
}

const decoder = new TextDecoder('utf-8');

/** The learned file matches the default glossary glob (any *.glossary.yaml) but is learning.ts's: read there, refused
 *  there when broken (a glossary's "last valid version stays" would keep a refused file in effect). */
function isLearnedFile(uri: vscode.Uri): boolean {
  return uri.path.endsWith('/' + LEARNED_FILE);
}

/** Glossary layers merged after the workspace's own, re-read with them (learning.ts). */
export interface LastLayers {
  reload(): Promise<void>;
  layers(): readonly { layer: ParsedGlossary; uri: vscode.Uri }[];
}

export class GlossaryService implements vscode.Disposable {
  private readonly files = new Map<string, FileState>();
  private compiledGlossary: CompiledGlossary = compileWithDefault();
  private gen = 0;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('policy-annotator-glossary');
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires after the compiled glossary changed (new generation). */
  readonly onDidChange = this.emitter.event;
  private watchers: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  private started?: Promise<void>;
  private readonly fileTimers = new KeyedTimers();
  /** Layers merged after the workspace glossaries (the learned files, learning.ts). */
  private last: LastLayers = { reload: async () => undefined, layers: () => [] };

  constructor() {
    this.disposables.push(
      this.diagnostics,
      this.emitter,
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (!this.started) return;
        const order = this.files.get(doc.uri.toString())?.order ?? this.orderOf(doc);
        if (order >= 0) this.scheduleFile(doc.uri, order);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.started && this.restart()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (this.started && e.affectsConfiguration('policyAnnotator.glossary')) this.restart();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.started && this.restart()),
    );
  }

  /** The merged, compiled glossary in effect. */
  get current(): CompiledGlossary {
    return this.compiledGlossary;
  }

  /** Increases whenever `current` changes. */
  get generation(): number {
    return this.gen;
  }

  /** Starts the first scan (lazily: only once a document needs it, never at activation). */
  ensureStarted(): Promise<void> {
    this.started ??= this.restart();
    return this.started;
  }

  /** Resolves when no load is queued or running. */
  async idle(): Promise<void> {
    while (this.pending > 0 || this.fileTimers.size > 0) {
      await this.queue;
      if (this.fileTimers.size > 0) await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** True while a load is queued or running. */
  get busy(): boolean {
    return this.pending > 0 || this.fileTimers.size > 0;
  }

  /** Workspace glossary files currently known, in merge order. */
  knownFiles(): vscode.Uri[] {
    return this.sorted().map((f) => f.uri);
  }

  /** The file a glossary entry came from (ParsedGlossary.file → Uri), for hover links. */
  uriOf(name: string): vscode.Uri | undefined {
    for (const f of this.files.values()) if (f.name === name) return f.uri;
    for (const l of this.last.layers()) if (l.layer.file === name) return l.uri;
    return undefined;
  }

  /** Sets where the last layers come from (what was learned: it must win over every glossary). */
  setLastLayers(last: LastLayers): void {
    this.last = last;
  }

  /** Compiles again with the current layers (after a learned file changed). */
  refresh(): Promise<void> {
    return this.enqueue(() => this.recompile());
  }

  /** Re-scans the globs and re-reads every glossary file. */
  restart(): Promise<void> {
    return this.enqueue(async () => {
      this.rewatch();
      const found = await this.findAll();
      const keep = new Set(found.map((f) => f.uri.toString()));
      for (const key of [...this.files.keys()]) {
        if (!keep.has(key)) {
          this.diagnostics.delete(this.files.get(key)!.uri);
          this.files.delete(key);
        }
      }
      for (const { uri, order } of found) await this.readOne(uri, order);
      await this.last.reload();
      await this.recompile();
    });
  }

  /** Re-reads one file (after a save or a watcher event), debounced per file. */
  scheduleFile(uri: vscode.Uri, order: number, delay = 30): void {
    if (isLearnedFile(uri)) return;
    const key = uri.toString();
    this.fileTimers.schedule(key, delay, () => {
      void this.enqueue(async () => {
        await this.readOne(uri, this.files.get(key)?.order ?? order);
        await this.recompile();
      });
    });
  }

  private removeFile(uri: vscode.Uri): void {
    void this.enqueue(async () => {
      const key = uri.toString();
      if (!this.files.delete(key)) return;
      this.diagnostics.delete(uri);
      await this.recompile();
    });
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    this.pending++;
    const run = this.queue.then(job).catch((e: unknown) => {
      // The glossaries compiled before stay in use; the failure is logged and counted.
      logFallback('glossary-load', 'loading the workspace glossaries failed; the previous glossaries stay in use', e);
    }).finally(() => {
      this.pending--;
    });
    this.queue = run;
    return run;
  }

  private patterns(): { folder: vscode.WorkspaceFolder; glob: string; order: number }[] {
    const out: { folder: vscode.WorkspaceFolder; glob: string; order: number }[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      readSettings(folder.uri).glossaryGlobs.forEach((glob, order) => {
        // Only relative globs: a setting must not point the extension outside its workspace.
        if (glob.startsWith('/') || /^[a-z]:/i.test(glob) || glob.split(/[\\/]/).includes('..')) return;
        out.push({ folder, glob, order });
      });
    }
    return out;
  }

  /** Which glob (index) matches a document, or -1. */
  private orderOf(doc: vscode.TextDocument): number {
    for (const p of this.patterns()) {
      if (vscode.languages.match({ pattern: new vscode.RelativePattern(p.folder, p.glob) }, doc) > 0) return p.order;
    }
    return -1;
  }

  private rewatch(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    for (const p of this.patterns()) {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(p.folder, p.glob));
      w.onDidCreate((u) => this.scheduleFile(u, p.order));
      w.onDidChange((u) => this.scheduleFile(u, p.order));
      w.onDidDelete((u) => this.removeFile(u));
      this.watchers.push(w);
    }
  }

  private async findAll(): Promise<{ uri: vscode.Uri; order: number }[]> {
    const seen = new Map<string, { uri: vscode.Uri; order: number }>();
    for (const p of this.patterns()) {
      let uris: vscode.Uri[] = [];
      try {
        uris = await vscode.workspace.findFiles(new vscode.RelativePattern(p.folder, p.glob), '**/node_modules/**', 500);
      } catch (e) {
        logError(`looking for glossaries (${p.glob})`, e);
      }
      for (const uri of uris) if (!seen.has(uri.toString()) && !isLearnedFile(uri)) seen.set(uri.toString(), { uri, order: p.order });
    }
    return [...seen.values()];
  }

  private async readOne(uri: vscode.Uri, order: number): Promise<void> {
    const key = uri.toString();
    const name = vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
    let text: string;
    let parsed: ParsedGlossary;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > GLOSSARY_LIMITS.fileBytes) {
        text = '';
        parsed = { file: name, entries: [], categories: [], problems: [{ file: name, line: 1, column: 1, severity: 'error', message: vscode.l10n.t('glossary file is larger than {0} bytes; not loaded', GLOSSARY_LIMITS.fileBytes) }] };
      } else {
        const bytes = await vscode.workspace.fs.readFile(uri);
        text = decoder.decode(bytes);
        // In slices: a term base of 100,000+ entries takes seconds to parse, and the extension
        // host must keep answering (VS Code reports it unresponsive after 3 s).
        parsed = await parseGlossaryAsync(text, name);
      }
    } catch (e) {
      if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') {
        this.files.delete(key);
        this.diagnostics.delete(uri);
        return;
      }
      logError(`reading ${name}`, e);
      text = '';
      parsed = { file: name, entries: [], categories: [], problems: [{ file: name, line: 1, column: 1, severity: 'error', message: vscode.l10n.t('cannot read glossary: {0}', (e as Error).message) }] };
    }
    const prev = this.files.get(key);
    const hasErrors = parsed.problems.some((p) => p.severity === 'error');
    // The first version read counts even with errors (its valid entries load); later a version
    // with errors leaves the previous one in effect until the errors are fixed.
    const inEffect = !hasErrors || !prev?.inEffect ? parsed : prev.inEffect;
    const state: FileState = { uri, name, order, inEffect, last: parsed, lastText: text };
    this.files.set(key, state);
    this.publishDiagnostics(state);
  }

  private publishDiagnostics(f: FileState): void {
    // Lines only to size the ranges of problems: a clean 200,000-entry file has 800,000 of them.
    const lines = f.last.problems.length ? f.lastText.split(/\r\n|\r|\n/) : [];
    const diags = f.last.problems.map((p) => toDiagnostic(p, lines));
    if (f.inEffect !== f.last && diags.length > 0) {
      diags.push(Object.assign(new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), vscode.l10n.t('The last valid version of this glossary stays in effect until the errors are fixed.'), vscode.DiagnosticSeverity.Information), { source: 'policy-annotator' }));
    }
    this.diagnostics.set(f.uri, diags);
  }

  private sorted(): FileState[] {
    return [...this.files.values()].sort((a, b) => a.order - b.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private async recompile(): Promise<void> {
    const parts = [...this.sorted().map((f) => f.inEffect).filter((p): p is ParsedGlossary => !!p), ...this.last.layers().map((l) => l.layer)];
    // In slices, like the parse: the glossary in effect until then keeps serving hovers and tags.
    this.compiledGlossary = await compileWithDefaultAsync(parts);
    this.gen++;
    this.emitter.fire();
  }

  dispose(): void {
    this.fileTimers.clear();
    for (const w of this.watchers) w.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** A located problem as a diagnostic underlining its token (glossaries and learned files). */
export function toDiagnostic(p: Problem, lines: string[]): vscode.Diagnostic {
  const line = Math.max(0, p.line - 1);
  const col = Math.max(0, p.column - 1);
  const text = lines[line] ?? '';
  // Underline from the column to the end of the token (or line), at least one character.
  let end = col;
  while (end < text.length && !/[\s,:\]}]/.test(text[end])) end++;
  if (end === col) end = Math.max(col + 1, text.length);
  const d = new vscode.Diagnostic(new vscode.Range(line, col, line, end), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  d.source = 'policy-annotator';
  return d;
}
