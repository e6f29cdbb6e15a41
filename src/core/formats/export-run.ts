// What a folder export does per file and in total, shared by the CLI (src/cli/commands/export.ts, Node
// files, worker threads) and the editor commands (src/extension/exportCommands.ts, through
// vscode.workspace.fs): decoding a file's bytes, the rule that picks sidecar annotations or the
// engine's suggestions, document ids from relative paths, and the summary (files, spans per label,
// skipped files with reasons) with the collection files written only for a complete run.
// Pure: no I/O, no Node built-ins, no vscode. Reading goes through the file layer (export-file.ts,
// src/core/files/), which both callers use.
import type { Engine } from '../engine';
import type { ParsedSidecar } from '../annotations/sidecar';
export { decodeText } from '../files/decode';
export { isExportableName, isSkippedEntry } from '../files/walk';
import { AnnotatedDocument } from '../annotations/document';
import { REVIEWED_STATES, spanToSuggestion, type Annotation, type AnnotationState } from '../annotations/model';
import { BUILTIN_LABELS, orderLabels } from '../labels';
import { summaryNotes } from './registry';
import type { DocumentOutput, Exporter, FormatName, OutputFile } from './common';

/** Where a document's annotations came from: its sidecar, the engine, or the editor holding it open. */
export type ExportSource = 'sidecar' | 'engine' | 'editor';

export interface FileTask {
  path: string;
  id: string;
  /** 1-based position among the files found (numbers Label Studio tasks; unique, in input order). */
  ordinal?: number;
}

export type FileResult =
  | { ok: true; path: string; id: string; source: ExportSource; output: DocumentOutput; labels: string[]; notes: string[] }
  | { ok: false; path: string; id: string; reason: string };

/** The states exported from annotated files: manual + accepted, and with suggestions also auto. */
export function exportStates(includeSuggestions: boolean): AnnotationState[] {
  return includeSuggestions ? [...REVIEWED_STATES, 'auto'] : [...REVIEWED_STATES];
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The engine's spans of `text` as unreviewed suggestions. */
export function engineAnnotations(engine: Engine, text: string): Annotation[] {
  return engine.tag(text).map((s) => spanToSuggestion(s, false));
}

export interface ChosenAnnotations {
  source: 'sidecar' | 'engine';
  annotations: Annotation[];
  /** The states to export (a file without a sidecar exports its suggestions, whatever was asked). */
  states: AnnotationState[];
  notes: string[];
}

/**
 * The export rule for a file that is not open in an editor: with a sidecar (its content given),
 * the sidecar's annotations re-anchored on `text` (orphans reported, not exported) and, with
 * `includeSuggestions`, the engine's suggestions merged under them; without a sidecar, the
 * engine's spans, exported as suggestions. A sidecar that must not be read (newer format
 * version) skips the file with the reason.
 */
export function chooseAnnotations(
  text: string,
  parsed: ParsedSidecar | undefined,
  options: { includeSuggestions: boolean; states: readonly AnnotationState[]; engine: () => Engine; documentPath: string },
): { ok: true; chosen: ChosenAnnotations } | { ok: false; reason: string } {
  if (!parsed) {
    // No one has reviewed this file: the engine's spans are all there is, exported as suggestions.
    return { ok: true, chosen: { source: 'engine', annotations: engineAnnotations(options.engine(), text), states: ['auto'], notes: [] } };
  }
  if (parsed.refused) return { ok: false, reason: parsed.refused };
  const notes: string[] = [];
  for (const p of parsed.problems) if (p.severity === 'error') notes.push(`${p.file}:${p.line}:${p.column}: ${p.message}`);
  const { document, report } = AnnotatedDocument.fromSidecar(text, parsed);
  if (report.orphaned.length || document.orphans().length) {
    notes.push(`${options.documentPath}: ${document.orphans().length} orphaned annotation(s) not exported (their text is no longer in the file)`);
  }
  if (options.includeSuggestions) document.merge(options.engine().tag(text));
  return { ok: true, chosen: { source: 'sidecar', annotations: document.all(), states: [...options.states], notes } };
}

/** Renders one document with `exporter` into a FileResult. */
export function renderResult(
  exporter: Exporter,
  task: FileTask,
  text: string,
  source: ExportSource,
  annotations: readonly Annotation[],
  states: readonly AnnotationState[],
  notes: readonly string[] = [],
): FileResult {
  const output = exporter.document({ id: task.id, text, annotations, ...(task.ordinal ? { ordinal: task.ordinal } : {}) }, { states });
  return { ok: true, path: task.path, id: task.id, source, output, labels: Object.keys(output.spansPerLabel), notes: [...notes, ...output.warnings] };
}

// ---------------------------------------------------------------------------------------------
// Document ids

/**
 * Hands out document ids the way the CLI documents them: the path relative to the folder given,
 * without extension (`2023/江宁.txt` → `2023/江宁`); when that id is taken (`a.txt` and `a.md`),
 * the path with its extension, then `path~2`, `path~3` …
 */
export class IdAllocator {
  private readonly ids = new Set<string>();

  next(relativePath: string): string {
    const dot = relativePath.lastIndexOf('.');
    const slash = relativePath.lastIndexOf('/');
    let id = dot > slash + 1 ? relativePath.slice(0, dot) : relativePath;
    if (this.ids.has(id)) id = relativePath;
    for (let n = 2; this.ids.has(id); n++) id = `${relativePath}~${n}`;
    this.ids.add(id);
    return id;
  }
}

// ---------------------------------------------------------------------------------------------
// Summary

export interface ExportSummary {
  format: FormatName;
  out: string;
  files: number;
  exported: number;
  fromSidecar: number;
  fromEngine: number;
  /** Open documents exported with the annotations the editor holds (editor exports only). */
  fromEditor: number;
  spansPerLabel: Record<string, number>;
  /** Format-specific counts (DocumentOutput.counters), added up. */
  counters: Record<string, number>;
  skipped: { path: string; reason: string }[];
  warnings: string[];
  cancelled: boolean;
  seconds: number;
}

export function emptySummary(format: FormatName, out: string): ExportSummary {
  return { format, out, files: 0, exported: 0, fromSidecar: 0, fromEngine: 0, fromEditor: 0, spansPerLabel: {}, counters: {}, skipped: [], warnings: [], cancelled: false, seconds: 0 };
}

/** Total of the spans per label. */
export function totalSpans(s: Pick<ExportSummary, 'spansPerLabel'>): number {
  return Object.values(s.spansPerLabel).reduce((n, k) => n + k, 0);
}

/** The summary as the CLI prints it (and the editor's output channel shows it). */
export function formatSummary(s: ExportSummary): string {
  const labels = orderLabels(Object.keys(s.spansPerLabel)).filter((l) => s.spansPerLabel[l] !== undefined);
  const total = labels.reduce((n, l) => n + s.spansPerLabel[l], 0);
  const lines = [
    `policy-annotator export: ${s.cancelled ? 'CANCELLED — ' : ''}${s.files} file(s) → ${s.out} (${s.format}) in ${s.seconds.toFixed(1)} s`,
    `  exported: ${s.exported} (from sidecars: ${s.fromSidecar}, from the engine: ${s.fromEngine}${s.fromEditor ? `, from open editors: ${s.fromEditor}` : ''})`,
    `  spans: ${labels.length ? labels.map((l) => `${l} ${s.spansPerLabel[l]}`).join(', ') : 'none'} (total ${total})`,
    `  skipped: ${s.skipped.length}`,
    ...s.skipped.map((k) => `    ${k.path}: ${k.reason}`),
    // What the format cannot hold, said once for the run (the warnings below say where).
    ...summaryNotes(s.format, s.counters ?? {}).map((n) => `  note: ${n}`),
  ];
  if (s.warnings.length) lines.push(`  warnings: ${s.warnings.length}`, ...s.warnings.slice(0, 50).map((w) => `    ${w}`));
  if (s.warnings.length > 50) lines.push(`    … and ${s.warnings.length - 50} more`);
  return lines.join('\n') + '\n';
}

/**
 * Adds up a folder export: results in any order (worker threads finish out of order), per-document
 * files handed back for writing at once, records kept in document order for the collection files,
 * which only a complete run gets ({@link collection}).
 */
export class ExportCollector {
  readonly summary: ExportSummary;
  private readonly records: string[][] = [];
  private readonly labels: Set<string>;

  constructor(
    private readonly exporter: Exporter,
    out: string,
    configuredLabels: Iterable<string> = [],
    /** Keep records for the collection files (false when the caller streams them: to stdout, or
     *  into the format's recordsFile, which collection() then leaves out). */
    private readonly keepRecords = true,
  ) {
    this.summary = emptySummary(exporter.name, out);
    this.labels = new Set(configuredLabels);
  }

  /** Counts a file that was never tried (unreadable folder, unsafe id). */
  skip(path: string, reason: string): void {
    this.summary.skipped.push({ path, reason });
  }

  /** Counts a result; returns the document's own files to write now (brat .txt/.ann, CoNLL files). */
  add(index: number, result: FileResult): OutputFile[] {
    const s = this.summary;
    if (!result.ok) {
      s.skipped.push({ path: result.path, reason: result.reason });
      return [];
    }
    s.exported++;
    if (result.source === 'sidecar') s.fromSidecar++;
    else if (result.source === 'engine') s.fromEngine++;
    else s.fromEditor++;
    for (const [l, n] of Object.entries(result.output.spansPerLabel)) s.spansPerLabel[l] = (s.spansPerLabel[l] ?? 0) + n;
    for (const [c, n] of Object.entries(result.output.counters ?? {})) s.counters[c] = (s.counters[c] ?? 0) + n;
    for (const l of result.labels) this.labels.add(l);
    s.warnings.push(...result.notes);
    if (this.keepRecords) this.records[index] = result.output.records;
    return result.output.files;
  }

  /** The collection files (documents.jsonl, tasks.json + label-config.xml, annotation.conf …) for a complete run. */
  collection(): OutputFile[] {
    if (this.summary.cancelled) throw new Error('a cancelled export gets no collection files');
    const files = this.exporter.collection(this.records.filter(Boolean).flat(), orderLabels([...BUILTIN_LABELS, ...this.labels]));
    // Records not kept: the caller streamed the records file itself.
    return this.keepRecords ? files : files.filter((f) => f.path !== this.exporter.recordsFile?.path);
  }
}
