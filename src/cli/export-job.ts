// The work of exporting one file, shared by the main thread and the worker threads: read and
// check the text, take its sidecar annotations (re-anchored if the text changed) or the
// engine's spans when there is no sidecar, and render it in the chosen format.
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createEngine, compileWithDefault, type Engine } from '../core/engine';
import { parseGlossary } from '../core/glossary/load';
import { parseSidecar, sidecarPathFor, type SidecarLocation } from '../core/annotations/sidecar';
import { AnnotatedDocument } from '../core/annotations/document';
import type { Annotation, AnnotationState } from '../core/annotations/model';
import { exporterFor, type FormatOptions } from '../core/formats/registry';
import type { DocumentOutput, FormatName } from '../core/formats/common';

/** Everything a job needs; plain data so it can be sent to worker threads. */
export interface JobConfig {
  format: FormatName;
  formatOptions: FormatOptions;
  /** States exported from annotated files (sidecars). */
  states: AnnotationState[];
  /** Also run the engine on annotated files and add its suggestions under the reviewed work. */
  includeSuggestions: boolean;
  glossaryFiles: string[];
  sidecars: SidecarLocation;
}

export interface FileTask {
  path: string;
  id: string;
}

export type FileResult =
  | { ok: true; path: string; id: string; source: 'sidecar' | 'engine'; output: DocumentOutput; labels: string[]; notes: string[] }
  | { ok: false; path: string; id: string; reason: string };

/** Decodes UTF-8 strictly: a file that is not text is skipped with a reason instead of exported as mojibake. */
export function decodeText(bytes: Uint8Array): { ok: true; text: string } | { ok: false; reason: string } {
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) return { ok: false, reason: 'binary file (NUL byte)' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { ok: false, reason: `not valid UTF-8 (at byte ${firstInvalidUtf8(bytes)})` };
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (n === 0 || i + n > bytes.length) return i;
    for (let k = 1; k < n; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += n;
  }
  return bytes.length;
}

/** Builds the per-file function; the engine is compiled on first need only (sidecar-only runs never pay for it). */
export function createJobRunner(config: JobConfig): (task: FileTask) => FileResult {
  let engine: Engine | undefined;
  const getEngine = () => {
    engine ??= createEngine(compileWithDefault(config.glossaryFiles.map((f) => parseGlossary(readFileSync(f, 'utf8'), f))));
    return engine;
  };
  const exporter = exporterFor(config.format, config.formatOptions);

  return (task: FileTask): FileResult => {
    const fail = (reason: string): FileResult => ({ ok: false, path: task.path, id: task.id, reason });
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(task.path);
    } catch (e) {
      return fail(`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const decoded = decodeText(bytes);
    if (!decoded.ok) return fail(decoded.reason);
    const text = decoded.text;
    const notes: string[] = [];
    let annotations: Annotation[];
    let source: 'sidecar' | 'engine';
    let states = config.states;

    // Absolute, so a sidecar folder mirrors the path relative to its root whatever the cwd-relative PATH was.
    const sidecarPath = sidecarPathFor(config.sidecars.folder ? resolve(task.path) : task.path, config.sidecars);
    if (existsSync(sidecarPath)) {
      source = 'sidecar';
      const parsed = parseSidecar(readFileSync(sidecarPath, 'utf8'), sidecarPath);
      if (parsed.refused) return fail(parsed.refused);
      for (const p of parsed.problems) if (p.severity === 'error') notes.push(`${p.file}:${p.line}:${p.column}: ${p.message}`);
      const { document, report } = AnnotatedDocument.fromSidecar(text, parsed);
      if (report.orphaned.length || document.orphans().length) {
        notes.push(`${task.path}: ${document.orphans().length} orphaned annotation(s) not exported (their text is no longer in the file)`);
      }
      if (config.includeSuggestions) document.merge(getEngine().tag(text));
      annotations = document.all();
    } else {
      // No one has reviewed this file: the engine's spans are all there is, exported as suggestions.
      source = 'engine';
      annotations = getEngine().tag(text).map((s) => ({ start: s.start, end: s.end, label: s.label, state: 'auto' as const, ...(s.value ? { value: s.value } : {}) }));
      states = ['auto'];
    }
    const output = exporter.document({ id: task.id, text, annotations }, { states });
    return { ok: true, path: task.path, id: task.id, source, output, labels: Object.keys(output.spansPerLabel), notes: [...notes, ...output.warnings] };
  };
}
