// The work of exporting one file, shared by the main thread and the worker threads: read the
// file and its sidecar through the file layer, then the core's rule (src/core/formats/
// export-file.ts and export-run.ts, shared with the editor commands):
// check the text, take its sidecar annotations (re-anchored if the text changed) or the engine's
// spans when there is no sidecar, and render it in the chosen format.
import { resolve } from 'node:path';
import { readText } from './io';
import { createEngine, compileWithDefault, type Engine } from '../core/engine';
import { parseGlossary } from '../core/glossary/load';
import { sidecarPathFor, type SidecarLocation } from '../core/annotations/sidecar';
import type { AnnotationState } from '../core/annotations/model';
import { exporterFor, type FormatOptions } from '../core/formats/registry';
import type { FormatName } from '../core/formats/common';
import { decodeText, type FileResult, type FileTask } from '../core/formats/export-run';
import { exportLoadedFile, loadExportFile, type ExportFileContext } from '../core/formats/export-file';
import { nodeFileSystem } from './node-fs';

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
 * never pay for it). It never rejects: a bug on one file is that file's result ("internal
 * error"), wherever it runs (main thread or worker), and the others go on.
 */
export function createJobRunner(config: JobConfig): (task: FileTask) => Promise<FileResult> {
  let engine: Engine | undefined;
  const ctx: ExportFileContext = {
    exporter: exporterFor(config.format, config.formatOptions),
    includeSuggestions: config.includeSuggestions,
    states: config.states,
    engine: () => (engine ??= createEngine(compileWithDefault(config.glossaryFiles.map((f) => parseGlossary(readText(f), f))))),
  };
  return async (task) => {
    try {
      // Absolute, so a sidecar folder mirrors the path relative to its root whatever the cwd-relative PATH was.
      const sidecarPath = sidecarPathFor(config.sidecars.folder ? resolve(task.path) : task.path, config.sidecars);
      return exportLoadedFile(task, await loadExportFile(nodeFileSystem, task.path, { path: sidecarPath }), ctx);
    } catch (e) {
      return { ok: false, path: task.path, id: task.id, reason: `internal error: ${(e as Error).message}` };
    }
  };
}
