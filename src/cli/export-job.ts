// The work of exporting one file, shared by the main thread and the worker threads: read the
// file, then the core's rule (src/core/formats/export-run.ts, shared with the editor commands):
// check the text, take its sidecar annotations (re-anchored if the text changed) or the engine's
// spans when there is no sidecar, and render it in the chosen format.
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readText } from './io';
import { createEngine, compileWithDefault, type Engine } from '../core/engine';
import { parseGlossary } from '../core/glossary/load';
import { sidecarPathFor, type SidecarLocation } from '../core/annotations/sidecar';
import type { AnnotationState } from '../core/annotations/model';
import { exporterFor, type FormatOptions } from '../core/formats/registry';
import type { FormatName } from '../core/formats/common';
import { chooseAnnotations, decodeText, renderResult, type FileResult, type FileTask } from '../core/formats/export-run';

export { decodeText, type FileResult, type FileTask };

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

/**
 * Builds the per-file function; the engine is compiled on first need only (sidecar-only runs
 * never pay for it). It never throws: a bug on one file is that file's result ("internal error"),
 * wherever it runs (main thread or worker), and the others go on.
 */
export function createJobRunner(config: JobConfig): (task: FileTask) => FileResult {
  const run = createUnguardedRunner(config);
  return (task) => {
    try {
      return run(task);
    } catch (e) {
      return { ok: false, path: task.path, id: task.id, reason: `internal error: ${(e as Error).message}` };
    }
  };
}

function createUnguardedRunner(config: JobConfig): (task: FileTask) => FileResult {
  let engine: Engine | undefined;
  const getEngine = () => {
    engine ??= createEngine(compileWithDefault(config.glossaryFiles.map((f) => parseGlossary(readText(f), f))));
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
    // Absolute, so a sidecar folder mirrors the path relative to its root whatever the cwd-relative PATH was.
    const sidecarPath = sidecarPathFor(config.sidecars.folder ? resolve(task.path) : task.path, config.sidecars);
    const sidecar = existsSync(sidecarPath) ? { content: readFileSync(sidecarPath, 'utf8'), path: sidecarPath } : undefined;
    const chosen = chooseAnnotations(text, sidecar, { includeSuggestions: config.includeSuggestions, states: config.states, engine: getEngine, documentPath: task.path });
    if (!chosen.ok) return fail(chosen.reason);
    const c = chosen.chosen;
    return renderResult(exporter, task, text, c.source, c.annotations, c.states, c.notes);
  };
}
