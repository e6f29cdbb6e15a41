// The one atomic write: the whole content goes to a temporary file next to the target (named by
// temp-files.ts), which is then renamed over it, so a reader always sees one whole version, old
// or new. Before writing, the leftovers of writers that died between the two steps are settled
// (settleTemps). Used by the editor for every sidecar and export file and by the CLI for sidecars;
// the CLI's streaming and export writes (src/cli/io.ts, records-writer.ts) use the same names.
import { FileType, baseName, isNotFound, joinPath, parentPath, type FileSystem } from './file-system';
import { staleTempsOf, tempNameFor } from './temp-files';

const encoder = new TextEncoder();

export async function writeAtomic(fs: FileSystem, path: string, content: string | Uint8Array): Promise<void> {
  const dir = parentPath(path);
  await fs.createDirectory(dir);
  await settleTemps(fs, path);
  const tmp = joinPath(dir, tempNameFor(baseName(path), fs.writer.pid, Date.now()));
  try {
    await fs.writeFile(tmp, typeof content === 'string' ? encoder.encode(content) : content);
    await fs.rename(tmp, path, { overwrite: true });
  } catch (e) {
    // The write failed (full disk, no permission): the temporary file must not stay behind. If
    // it cannot be removed either, the next write of this target removes it.
    await fs.delete(tmp).then(undefined, () => undefined);
    throw e;
  }
}

export interface Settled {
  /** Stale temporary files removed. */
  removed: string[];
  /** The temporary file put in place of a missing target. */
  recovered?: string;
}

/**
 * Settles what writers of `path` that were killed left behind. When `path` is missing and
 * `isComplete` accepts a stale temporary file (the newest first), that file becomes `path`: a
 * host that replaces a file by deleting it before the rename (VS Code's file service) can die in
 * between, leaving only the complete new version. Every other stale temporary file is removed.
 * A live writer's file, and anything not named by our scheme, is never touched. Best effort:
 * a failure to list or remove is not an error of the write that asked.
 */
export async function settleTemps(fs: FileSystem, path: string, isComplete?: (bytes: Uint8Array) => boolean): Promise<Settled> {
  const dir = parentPath(path);
  const settled: Settled = { removed: [] };
  let names: string[];
  try {
    names = (await fs.readDirectory(dir)).filter(([, type]) => type === FileType.File).map(([n]) => n);
  } catch {
    // No folder yet (nothing left there), or one we cannot list: then the write itself reports
    // the real problem; settling is never the reason a write fails.
    return settled;
  }
  const stale = staleTempsOf(names, baseName(path), fs.writer, Date.now());
  if (stale.length === 0) return settled;
  let missing = false;
  if (isComplete) missing = await fs.stat(path).then(() => false, (e: unknown) => isNotFound(e));
  for (const t of stale) {
    const p = joinPath(dir, t.name);
    if (missing && isComplete && isComplete(await fs.readFile(p).catch(() => new Uint8Array()))) {
      await fs.rename(p, path, { overwrite: false });
      settled.recovered = p;
      missing = false;
      continue;
    }
    // Removed meanwhile by another writer settling the same leftovers: nothing to do.
    await fs.delete(p).then(() => settled.removed.push(p), () => undefined);
  }
  return settled;
}
