// The one folder walker of exports, statistics and agreement, in the CLI and the editor: files given
// directly are taken as they are; folders are searched depth-first, entries sorted by name, for
// `.txt`/`.md` files. One rule, the safer one: hidden entries and node_modules are skipped, and
// symbolic links to folders are not followed (a link can lead out of the folder the user chose,
// or in a circle); links to files are taken like files. Whether a file is text is decided when it
// is read (decode.ts), with the reason in the summary.
import { FileType, baseName, errorReason, joinPath, type FileSystem } from './file-system';

export interface FoundFile {
  path: string;
  /** Path relative to the root given ('/'-separated; the file name for a file given directly): the basis of its id. */
  relative: string;
}

export interface WalkOptions {
  /** A folder not to enter (the export's own output folder). */
  skipFolder?: (path: string) => boolean;
  cancelled?: () => boolean;
  /** Which file names a folder walk takes; default {@link isExportableName} (`.txt`/`.md`). `agree`
   *  walks for sidecars with the same rules. */
  accept?: (name: string) => boolean;
}

/** Whether a folder export takes this file name (`.txt`, `.md`, any case). */
export function isExportableName(name: string): boolean {
  return /\.(txt|md)$/i.test(name);
}

/** Whether a folder walk skips this entry: hidden entries and node_modules. */
export function isSkippedEntry(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

export async function findTextFiles(fs: FileSystem, roots: readonly string[], options: WalkOptions = {}): Promise<{ files: FoundFile[]; skipped: { path: string; reason: string }[] }> {
  const files: FoundFile[] = [];
  const skipped: { path: string; reason: string }[] = [];
  const seen = new Set<string>();
  const accept = options.accept ?? isExportableName;
  const add = (path: string, relative: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    files.push({ path, relative });
  };
  const walk = async (dir: string, rel: string): Promise<void> => {
    if (options.cancelled?.() || options.skipFolder?.(dir)) return;
    let entries: [string, number][];
    try {
      entries = await fs.readDirectory(dir);
    } catch (e) {
      skipped.push({ path: dir, reason: `cannot list: ${errorReason(e)}` });
      return;
    }
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, type] of entries) {
      if (isSkippedEntry(name)) continue;
      const child = joinPath(dir, name);
      if (type & FileType.Directory) {
        if (!(type & FileType.SymbolicLink)) await walk(child, `${rel}${name}/`);
      } else if (type & FileType.File && accept(name)) add(child, rel + name);
    }
  };
  for (const root of roots) {
    let type: number;
    try {
      type = (await fs.stat(root)).type;
    } catch (e) {
      skipped.push({ path: root, reason: `cannot read: ${errorReason(e)}` });
      continue;
    }
    if (type & FileType.Directory) await walk(root, '');
    else add(root, baseName(root));
  }
  return { files, skipped };
}
