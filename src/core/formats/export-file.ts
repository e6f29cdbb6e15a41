// One file of an export, read through the file layer and judged by the one export rule
// (export-run.ts): the CLI (src/cli/export-job.ts, on Node files, in worker threads too) and the
// editor (src/extension/exportRunner.ts, on vscode.workspace.fs, for files not open in an editor)
// both load with loadExportFile and decide with exportLoadedFile.
import type { Engine } from '../engine';
import type { AnnotationState } from '../annotations/model';
import { decodeText } from '../files/decode';
import { errorReason, type FileSystem } from '../files/file-system';
import { readSidecarFile, type SidecarRead } from '../files/sidecar-store';
import { chooseAnnotations, renderResult, type FileResult, type FileTask } from './export-run';
import type { Exporter } from './common';

/** A text and its sidecar as read from disk. */
export interface LoadedFile {
  bytes?: Uint8Array;
  readError?: string;
  sidecar: SidecarRead;
}

/** Reads a text and (when it has a place for one) its sidecar; never writes, never recovers. */
export async function loadExportFile(fs: FileSystem, path: string, sidecar: { path: string; displayPath?: string } | undefined): Promise<LoadedFile> {
  const [text, side] = await Promise.all([
    fs.readFile(path).then(
      (bytes) => ({ bytes }),
      (e: unknown) => ({ readError: errorReason(e) }),
    ),
    sidecar ? readSidecarFile(fs, sidecar.path, { displayPath: sidecar.displayPath }) : Promise.resolve<SidecarRead>({ kind: 'missing' }),
  ]);
  return { ...text, sidecar: side };
}

export interface ExportFileContext {
  exporter: Exporter;
  includeSuggestions: boolean;
  states: readonly AnnotationState[];
  engine: () => Engine;
}

/**
 * The result for one loaded file: skipped with the reason when the text cannot be read or is not
 * UTF-8, or when its sidecar is refused (located: `FILE:LINE:COLUMN: reason`, the sidecar left
 * as it is); else its sidecar annotations or the engine's suggestions, rendered.
 * `text` overrides the bytes (the editor's text of an open document).
 */
export function exportLoadedFile(task: FileTask, loaded: LoadedFile, ctx: ExportFileContext, text?: string): FileResult {
  const fail = (reason: string): FileResult => ({ ok: false, path: task.path, id: task.id, reason });
  if (text === undefined) {
    if (!loaded.bytes) return fail(`cannot read: ${loaded.readError ?? 'unknown error'}`);
    const decoded = decodeText(loaded.bytes);
    if (!decoded.ok) return fail(decoded.reason);
    text = decoded.text;
  }
  const side = loaded.sidecar;
  if (side.kind === 'refused') return fail(`${side.problem.file}:${side.problem.line}:${side.problem.column}: ${side.reason}`);
  const chosen = chooseAnnotations(text, side.kind === 'read' ? side.parsed : undefined, { ...ctx, documentPath: task.path });
  if (!chosen.ok) return fail(chosen.reason);
  const c = chosen.chosen;
  return renderResult(ctx.exporter, task, text, c.source, c.annotations, c.states, c.notes);
}
