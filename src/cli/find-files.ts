// The files behind PATH operands (export, stats): files as given, folders searched recursively
// for .txt/.md with the rules of docs/export.md.
import { statSync, readdirSync, realpathSync, existsSync } from 'node:fs';
import { join, resolve, relative, basename, sep } from 'node:path';
import { IdAllocator, isExportableName, isSkippedEntry } from '../core/formats/export-run';
import type { FileTask } from './export-job';

/** Tasks for PATH arguments: files as given, folders searched for .txt/.md (hidden entries, node_modules and the output folder skipped). */
export function collectTasks(paths: readonly string[], outDir: string | undefined): { tasks: FileTask[]; skipped: { path: string; reason: string }[] } {
  const tasks: FileTask[] = [];
  const skipped: { path: string; reason: string }[] = [];
  const ids = new IdAllocator();
  const outReal = outDir && existsSync(outDir) ? realpathSync(outDir) : outDir ? resolve(outDir) : undefined;
  const add = (path: string, idBase: string) => tasks.push({ path, id: ids.next(idBase), ordinal: tasks.length + 1 });
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      skipped.push({ path: p, reason: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    if (st.isFile()) {
      add(p, basename(p));
      continue;
    }
    const root = p;
    const visited = new Set<string>();
    const walk = (dir: string) => {
      const real = realpathSync(dir);
      if (visited.has(real) || (outReal && (real === outReal || real.startsWith(outReal + sep)))) return;
      visited.add(real);
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch (e) {
        skipped.push({ path: dir, reason: `cannot list: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries) {
        if (isSkippedEntry(e.name)) continue;
        const full = join(dir, e.name);
        let isDir = e.isDirectory();
        let isFile = e.isFile();
        if (e.isSymbolicLink()) {
          try {
            const s = statSync(full);
            isDir = s.isDirectory();
            isFile = s.isFile();
          } catch {
            continue;
          }
        }
        if (isDir) walk(full);
        else if (isFile && isExportableName(e.name)) add(full, relative(root, full).split(sep).join('/'));
      }
    };
    walk(root);
  }
  return { tasks, skipped };
}
