// The work behind the export commands (issue 6, "from the editor"): finding the .txt/.md files of
// a folder, taking each document's annotations — as the extension holds them for open documents,
// else the sidecar or the engine by the CLI's rule (src/core/formats/export-run.ts) — rendering
// them with the core exporters and writing under the target folder. Every read and write goes
// through vscode.workspace.fs, so it runs on vscode.dev too. The commands and their prompts,
// progress and summary are in exportCommands.ts.
import * as vscode from 'vscode';
import { createEngine, type Engine } from '../core/engine';
import { AnnotatedDocument } from '../core/annotations/document';
import type { Annotation, AnnotationState } from '../core/annotations/model';
import { exporterFor } from '../core/formats/registry';
import { unsafeIdReason, type Exporter, type FormatName, type OutputFile } from '../core/formats/common';
import { exportStates, ExportCollector, IdAllocator, renderResult, type ExportSummary, type FileResult } from '../core/formats/export-run';
import { exportLoadedFile, loadExportFile, type ExportFileContext, type LoadedFile } from '../core/formats/export-file';
import { findTextFiles } from '../core/files/walk';
import type { Sessions } from './sessions';
import { refusalText, sidecarUriFor, writeAtomically } from './sidecarFiles';
import { sayRefusal } from '../core/files/sidecar-store';
import { fileSystemFor } from './workspace-fs';
import { logError } from './log';
import type { Tagger } from './tagger';
import type { GlossaryService } from './glossaryService';
import { isEligible } from './config';

/** What the export needs from the running extension. */
export interface ExportServices {
  sessions: Sessions;
  tagger: Tagger;
  glossary: GlossaryService;
}

export interface ExportPlan {
  format: FormatName;
  includeSuggestions: boolean;
  target: vscode.Uri;
}

/** A file to export: where it is, how the summary names it, and its document id. */
export interface ExportTask {
  uri: vscode.Uri;
  path: string;
  id: string;
  /** 1-based position among the files found (Label Studio task ids). */
  ordinal?: number;
}

/** What an export did, for the summary message, the output channel, tests and scripts. */
export interface ExportRunResult {
  format: FormatName;
  target: vscode.Uri;
  summary: ExportSummary;
  /** Files written, relative to the target folder, in the order they were written. */
  written: string[];
  /** The collection files of the format (written only by a complete run). */
  collectionFiles: string[];
  /** Files found / files processed before the export ended. */
  total: number;
  processed: number;
  cancelled: boolean;
  /** Set when the export stopped on an error (a write failed); nothing more was written. */
  error?: string;
  /** Each exported document: id, summary path, source, spans. */
  documents: { id: string; path: string; source: string; spans: number }[];
}

const enc = new TextEncoder();
/** Files read ahead of the one being rendered, and document files written at once (each is a round trip to the host). */
const READ_AHEAD = 16;
const MAX_WRITES = 16;

function errorMessage(e: unknown): string {
  if (e instanceof vscode.FileSystemError) return e.code || e.message;
  return e instanceof Error ? e.message : String(e);
}

const trimSlash = (p: string) => p.replace(/\/+$/, '');

/** Whether `inner` is `outer` or lies inside it (same scheme and authority). */
export function isWithin(inner: vscode.Uri, outer: vscode.Uri): boolean {
  if (inner.scheme !== outer.scheme || inner.authority !== outer.authority) return false;
  const a = trimSlash(inner.path);
  const b = trimSlash(outer.path);
  return a === b || a.startsWith(b + '/');
}

/** The last path segment. */
export function baseName(uri: vscode.Uri): string {
  const p = trimSlash(uri.path);
  return p.slice(p.lastIndexOf('/') + 1);
}

/**
 * The files a folder export takes, by the core's one walker (src/core/files/walk.ts, shared with
 * the CLI): each folder searched depth-first with entries sorted by name; .txt/.md only; hidden
 * entries, node_modules, symbolic links to folders and the target folder skipped. Files given
 * directly are taken as they are.
 */
export async function collectExportTasks(
  roots: readonly vscode.Uri[],
  target: vscode.Uri,
  cancelled: () => boolean,
): Promise<{ tasks: ExportTask[]; skipped: { path: string; reason: string }[] }> {
  const tasks: ExportTask[] = [];
  const skipped: { path: string; reason: string }[] = [];
  const ids = new IdAllocator();
  const seen = new Set<string>();
  for (const root of roots) {
    const at = (path: string) => root.with({ path });
    const found = await findTextFiles(fileSystemFor(root), [root.path], { skipFolder: (p) => isWithin(at(p), target), cancelled });
    for (const k of found.skipped) skipped.push({ path: vscode.workspace.asRelativePath(at(k.path)), reason: k.reason });
    for (const f of found.files) {
      const uri = at(f.path);
      if (seen.has(uri.toString())) continue;
      seen.add(uri.toString());
      tasks.push({ uri, path: vscode.workspace.asRelativePath(uri), id: ids.next(f.relative), ordinal: tasks.length + 1 });
    }
  }
  return { tasks, skipped };
}

/** One export run: the exporter, the engine (on first need), the collector and the writes. */
export class ExportSession {
  readonly exporter: Exporter;
  readonly collector: ExportCollector;
  readonly written: string[] = [];
  readonly documents: ExportRunResult['documents'] = [];
  private engineInstance?: Engine;
  private readonly states: AnnotationState[];
  /** Files being exported: never overwritten by an output file (brat writes ID.txt). */
  private readonly sources = new Set<string>();
  private readonly madeFolders = new Map<string, Thenable<void>>();
  /** Document files being written (each fs call is a round trip to the host: they overlap). */
  private readonly inflight = new Set<Promise<void>>();
  private writeError?: Error;

  constructor(
    private readonly services: ExportServices,
    readonly plan: ExportPlan,
  ) {
    this.exporter = exporterFor(plan.format);
    this.states = exportStates(plan.includeSuggestions);
    const labels = services.glossary.current.glossary.categories.map((c) => c.name);
    this.collector = new ExportCollector(this.exporter, vscode.workspace.asRelativePath(plan.target), labels);
  }

  /** The engine on the bundled and workspace glossaries (what the editor shows), for files that are not open. */
  private engine(): Engine {
    this.engineInstance ??= createEngine(this.services.glossary.current);
    return this.engineInstance;
  }

  /** Marks the files of this run, so no output file replaces one of them. */
  protect(tasks: readonly ExportTask[]): void {
    for (const t of tasks) this.sources.add(t.uri.toString());
  }

  /**
   * Exports `tasks` in order: reads run ahead of the file being rendered, and document files are
   * written while the next files are read and rendered. `cancelled` is checked between files;
   * when it stops the run, writes already started are finished (so `written` is exactly what is
   * on disk) and nothing more starts. Returns the number of files processed. Throws on a failed write.
   */
  async runAll(tasks: readonly ExportTask[], cancelled: () => boolean, onFile?: (done: number, task: ExportTask) => void): Promise<number> {
    const loads = new Map<number, Promise<LoadedFile>>();
    let processed = 0;
    try {
      for (let i = 0; i < tasks.length; i++) {
        if (cancelled() || this.writeError) break;
        for (let k = i; k < Math.min(tasks.length, i + READ_AHEAD); k++) if (!loads.has(k)) loads.set(k, this.load(tasks[k]));
        const loaded = await loads.get(i)!;
        loads.delete(i);
        if (cancelled()) break;
        await this.run(i, tasks[i], loaded);
        processed++;
        onFile?.(processed, tasks[i]);
        // Lets the Cancel button (and everything else) through between files.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } finally {
      await this.drain();
    }
    return processed;
  }

  /** Exports one file: counts it and starts writing its own files (brat, CoNLL). Collection files come at the end. */
  private async run(index: number, task: ExportTask, loaded: LoadedFile): Promise<FileResult> {
    const unsafe = unsafeIdReason(task.id);
    let result: FileResult;
    if (unsafe) result = { ok: false, path: task.path, id: task.id, reason: unsafe };
    else {
      try {
        result = await this.render(task, loaded);
      } catch (e) {
        logError(`exporting ${task.path}`, e);
        result = { ok: false, path: task.path, id: task.id, reason: vscode.l10n.t('internal error: {0}', errorMessage(e)) };
      }
    }
    const files = this.collector.add(index, result);
    for (const f of files) await this.startWrite(f);
    if (result.ok) this.documents.push({ id: result.id, path: result.path, source: result.source, spans: Object.values(result.output.spansPerLabel).reduce((a, b) => a + b, 0) });
    return result;
  }

  /** Waits for the document files being written; throws the first write error. */
  async drain(): Promise<void> {
    while (this.inflight.size) await Promise.all([...this.inflight]);
    if (this.writeError) throw this.writeError;
  }

  /** Writes the collection files (documents.jsonl, tasks.json + label-config.xml, annotation.conf …), atomically. */
  async finish(): Promise<void> {
    await this.drain();
    for (const f of this.collector.collection()) {
      const uri = this.outputUri(f.path);
      await writeAtomically(uri, f.content);
      this.written.push(f.path);
    }
  }

  /** Where `path` goes under the target folder; refuses any path that would leave it or replace an exported text. */
  private outputUri(path: string): vscode.Uri {
    const target = this.plan.target;
    const bad = unsafeIdReason(path);
    const uri = bad ? undefined : vscode.Uri.joinPath(target, ...path.split('/'));
    if (!uri || !isWithin(uri, target) || trimSlash(uri.path) === trimSlash(target.path)) {
      throw new Error(vscode.l10n.t('refusing to write outside {0}: {1}', vscode.workspace.asRelativePath(target), path));
    }
    if (this.sources.has(uri.toString())) throw new Error(vscode.l10n.t('refusing to overwrite {0}, which is being exported', vscode.workspace.asRelativePath(uri)));
    return uri;
  }

  /**
   * Starts writing a document file (waiting while too many writes are under way). Document files
   * are written whole in one call; only the collection files, whose presence marks a complete
   * export, go through a temporary file and a rename.
   */
  private async startWrite(file: OutputFile): Promise<void> {
    const uri = this.outputUri(file.path);
    const parent = vscode.Uri.joinPath(uri, '..');
    let folder = this.madeFolders.get(parent.toString());
    if (!folder) {
      folder = vscode.workspace.fs.createDirectory(parent);
      this.madeFolders.set(parent.toString(), folder);
    }
    const made = folder;
    // (Assigned before the body passes its first await, so the finally below always finds it.)
    let p: Promise<void> | undefined = undefined;
    p = (async () => {
      try {
        await made;
        await vscode.workspace.fs.writeFile(uri, enc.encode(file.content));
        this.written.push(file.path);
      } catch (e) {
        this.writeError ??= new Error(vscode.l10n.t('cannot write {0}: {1}', vscode.workspace.asRelativePath(uri), errorMessage(e)));
      } finally {
        this.inflight.delete(p!);
      }
    })();
    this.inflight.add(p);
    while (this.inflight.size >= MAX_WRITES) await Promise.race([...this.inflight]);
  }

  /** Reads a file and its sidecar from disk (ahead of time; an open document may still use the editor's text instead). */
  private load(task: ExportTask): Promise<LoadedFile> {
    const sidecarUri = sidecarUriFor(task.uri);
    const sidecar = sidecarUri && { path: sidecarUri.path, displayPath: vscode.workspace.asRelativePath(sidecarUri) };
    return loadExportFile(fileSystemFor(task.uri), task.uri.path, sidecar).then((l) => (l.sidecar.kind === 'refused' ? { ...l, sidecar: sayRefusal(l.sidecar, refusalText) } : l));
  }

  private async render(task: ExportTask, loaded: LoadedFile): Promise<FileResult> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === task.uri.toString());
    if (open && isEligible(open)) {
      const held = await this.fromEditor(open, task);
      if (held) return held;
    }
    const ctx: ExportFileContext = { exporter: this.exporter, includeSuggestions: this.plan.includeSuggestions, states: this.states, engine: () => this.engine() };
    return exportLoadedFile(task, loaded, ctx, open?.getText());
  }

  /**
   * An open document's annotations as the extension holds them: its text in the editor (saved or
   * not), the person's decisions and the current suggestions. Reviewed work goes out when the
   * document has a sidecar or any decision; a document nobody reviewed exports its suggestions,
   * as the CLI does for a file without a sidecar. Undefined when the editor cannot hold it.
   */
  private async fromEditor(doc: vscode.TextDocument, task: ExportTask): Promise<FileResult | undefined> {
    const { sessions, tagger } = this.services;
    const st = (await sessions.ready(doc))?.annotations;
    if (!st) return undefined;
    if (st.refused) return { ok: false, path: task.path, id: task.id, reason: st.refused };
    const text = doc.getText();
    if (st.session.text !== text) return undefined;
    const annotated = st.sidecarExists || !st.session.isPlain;
    const wantSuggestions = this.plan.includeSuggestions || !annotated;
    let annotations: Annotation[];
    if (tagger.isTooLong(doc)) {
      // Not tagged in the editor (policyAnnotator.maxDocumentLength): the engine runs here.
      const copy = new AnnotatedDocument(text, st.doc.all());
      if (wantSuggestions) copy.merge(this.engine().tag(text));
      annotations = copy.all();
    } else annotations = st.doc.all();
    const notes: string[] = [];
    const orphans = st.doc.orphans().length;
    if (orphans) notes.push(`${task.path}: ${orphans} orphaned annotation(s) not exported (their text is no longer in the file)`);
    const states = annotated ? this.states : (['auto'] as AnnotationState[]);
    return renderResult(this.exporter, task, text, 'editor', annotations, states, notes);
  }

  result(total: number, processed: number, error?: string): ExportRunResult {
    const s = this.collector.summary;
    return {
      format: this.plan.format,
      target: this.plan.target,
      summary: s,
      written: [...this.written],
      collectionFiles: this.exporter.collection([], []).map((f) => f.path),
      total,
      processed,
      cancelled: s.cancelled,
      ...(error ? { error } : {}),
      documents: this.documents,
    };
  }
}
