// The files behind PATH operands (export, stats): the core's one folder walker
// (src/core/files/walk.ts, shared with the editor) on Node files, with the output folder skipped.
import { realpathSync, existsSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { IdAllocator } from '../core/formats/export-run';
import { findTextFiles } from '../core/files/walk';
import { nodeFileSystem } from './node-fs';
import type { FileTask } from './export-job';

/** Tasks for PATH arguments: files as given, folders searched for .txt/.md (docs/export.md: hidden
 *  entries, node_modules, symbolic links to folders and the output folder skipped). */
export async function collectTasks(paths: readonly string[], outDir: string | undefined): Promise<{ tasks: FileTask[]; skipped: { path: string; reason: string }[] }> {
  const outReal = outDir && existsSync(outDir) ? realpathSync(outDir) : outDir ? resolve(outDir) : undefined;
  const isOut = (dir: string) => {
    if (!outReal) return false;
    const real = realpathSync(dir);
    return real === outReal || real.startsWith(outReal + sep);
  };
  const { files, skipped } = await findTextFiles(nodeFileSystem, paths, { skipFolder: isOut });
  const ids = new IdAllocator();
  return { tasks: files.map((f, k) => ({ path: f.path, id: ids.next(f.relative), ordinal: k + 1 })), skipped };
}
