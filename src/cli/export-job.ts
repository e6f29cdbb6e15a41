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
import { learnedFileFor, loadLearned, type LearnedChoice } from './learned';
import type { ParsedGlossary } from '../core/glossary/load';

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
  /** The learned file rule (learned.ts); its files were checked before the run started. */
  learned: LearnedChoice;
}

/**
 * The engine for each learned file (or none), compiled on first need only (sidecar-only runs
 * never pay for it): the same glossaries, with the learned file as the last layer. Shared by
 * folder exports (export-job) and stdin (export-stdin).
 */
export function engineCache(config: JobConfig): (learnedFile: string | undefined) => Promise<Engine> {
  let glossaries: ParsedGlossary[] | undefined;
  const engines = new Map<string | undefined, Promise<Engine>>();
  return (file) => {
    let e = engines.get(file);
    if (!e) {
      glossaries ??= config.glossaryFiles.map((f) => parseGlossary(readText(f), f));
      const base = glossaries;
      e = file ? loadLearned(file).then((layer) => createEngine(compileWithDefault([...base, layer]))) : Promise.resolve(createEngine(compileWithDefault(base)));
      engines.set(file, e);
    }
    return e;
  };
}

/**
 * Builds the per-file function; the engine is compiled on first need only (sidecar-only runs
 * never pay for it). It never rejects: a bug on one file is that file's result ("internal
 * error"), wherever it runs (main thread or worker), and the others go on.
 */
export function createJobRunner(config: JobConfig): (task: FileTask) => Promise<FileResult> {
  const engineFor = engineCache(config);
  const folders = new Map<string, string | undefined>();
  const exporter = exporterFor(config.format, config.formatOptions);
  return async (task) => {
    try {
      // The engine is only needed for files without a sidecar or with --include-suggestions; it
      // is made ready here (compiling is cached) so the export rule can ask for it synchronously.
      let engine: Engine | undefined;
      const learnedFile = await learnedFileFor(config.learned, task.path, folders);
      const ready = () => engineFor(learnedFile).then((e) => (engine = e));
      const ctx: ExportFileContext = { exporter, includeSuggestions: config.includeSuggestions, states: config.states, engine: () => engine! };
      // Absolute, so a sidecar folder mirrors the path relative to its root whatever the cwd-relative PATH was.
      const sidecarPath = sidecarPathFor(config.sidecars.folder ? resolve(task.path) : task.path, config.sidecars);
      const loaded = await loadExportFile(nodeFileSystem, task.path, { path: sidecarPath });
      if (config.includeSuggestions || loaded.sidecar.kind !== 'read') await ready();
      return exportLoadedFile(task, loaded, ctx);
    } catch (e) {
      return { ok: false, path: task.path, id: task.id, reason: `internal error: ${(e as Error).message}` };
    }
  };
}

