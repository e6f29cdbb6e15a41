// A FileSystem held in memory: the third adapter, with which the unit tests drive the same
// scenarios as through Node's files and vscode.workspace.fs. Paths are '/'-separated.
import { FileSystemError, FileType, baseName, parentPath, type FileStat, type FileSystem, type WriterProcess } from './file-system';

type Entry = { kind: 'file'; data: Uint8Array; mtime: number } | { kind: 'dir'; mtime: number } | { kind: 'link'; target: string; mtime: number };

export class MemoryFileSystem implements FileSystem {
  private readonly entries = new Map<string, Entry>([['/', { kind: 'dir', mtime: 0 }]]);
  /** Paths that fail to read, with the error code (for "exists but cannot be read"). */
  readonly unreadable = new Map<string, 'NoPermissions' | 'Unknown'>();
  private clock = 1;

  constructor(
    readonly writer: WriterProcess = { pid: 4242, startedAt: 0, processRuns: () => undefined },
  ) {}

  private norm(path: string): string {
    const parts: string[] = [];
    for (const s of path.split('/')) {
      if (!s || s === '.') continue;
      if (s === '..') parts.pop();
      else parts.push(s);
    }
    return '/' + parts.join('/');
  }

  /** Follows links (to a depth of 8). */
  private resolve(path: string): { path: string; entry?: Entry; link: boolean } {
    let p = this.norm(path);
    let link = false;
    for (let i = 0; i < 8; i++) {
      const e = this.entries.get(p);
      if (e?.kind !== 'link') return { path: p, entry: e, link };
      link = true;
      p = this.norm(e.target.startsWith('/') ? e.target : `${parentPath(p)}/${e.target}`);
    }
    return { path: p, link };
  }

  private missing(path: string): never {
    throw new FileSystemError('FileNotFound', `${path}: no such file`);
  }

  private checkParent(path: string): void {
    const parent = this.resolve(parentPath(this.norm(path)));
    if (parent.entry?.kind !== 'dir') this.missing(parentPath(path));
  }

  async readFile(path: string): Promise<Uint8Array> {
    const bad = this.unreadable.get(this.norm(path));
    if (bad) throw new FileSystemError(bad, `${path}: cannot be read`);
    const { entry } = this.resolve(path);
    if (!entry) this.missing(path);
    if (entry.kind !== 'file') throw new FileSystemError('FileIsADirectory', `${path}: is a folder`);
    return entry.data.slice();
  }

  async writeFile(path: string, data: Uint8Array): Promise<void> {
    this.checkParent(path);
    const { path: p, entry } = this.resolve(path);
    if (entry?.kind === 'dir') throw new FileSystemError('FileIsADirectory', `${path}: is a folder`);
    this.entries.set(p, { kind: 'file', data: data.slice(), mtime: this.clock++ });
  }

  async createDirectory(path: string): Promise<void> {
    const p = this.norm(path);
    if (p === '/') return;
    await this.createDirectory(parentPath(p));
    const e = this.resolve(p).entry;
    if (e?.kind === 'file') throw new FileSystemError('FileExists', `${path}: a file is in the way`);
    if (!e) this.entries.set(p, { kind: 'dir', mtime: this.clock++ });
  }

  async stat(path: string): Promise<FileStat> {
    const { entry, link } = this.resolve(path);
    if (!entry) this.missing(path);
    const type = (entry.kind === 'dir' ? FileType.Directory : FileType.File) | (link ? FileType.SymbolicLink : 0);
    return { type, mtime: entry.mtime, size: entry.kind === 'file' ? entry.data.length : 0 };
  }

  async readDirectory(path: string): Promise<[string, number][]> {
    const { path: dir, entry } = this.resolve(path);
    if (!entry) this.missing(path);
    if (entry.kind !== 'dir') throw new FileSystemError('FileNotADirectory', `${path}: not a folder`);
    const out: [string, number][] = [];
    for (const [p, e] of this.entries) {
      if (p === dir || parentPath(p) !== dir) continue;
      if (e.kind === 'link') {
        const target = this.resolve(p).entry;
        out.push([baseName(p), (target?.kind === 'dir' ? FileType.Directory : target ? FileType.File : 0) | FileType.SymbolicLink]);
      } else out.push([baseName(p), e.kind === 'dir' ? FileType.Directory : FileType.File]);
    }
    return out;
  }

  async rename(from: string, to: string, options: { overwrite: boolean }): Promise<void> {
    const f = this.norm(from);
    const e = this.entries.get(f);
    if (!e) this.missing(from);
    this.checkParent(to);
    const t = this.norm(to);
    if (this.entries.has(t) && !options.overwrite) throw new FileSystemError('FileExists', `${to}: exists`);
    for (const [p, x] of [...this.entries]) {
      if (p === f || p.startsWith(f + '/')) {
        this.entries.delete(p);
        this.entries.set(t + p.slice(f.length), x);
      }
    }
  }

  async delete(path: string): Promise<void> {
    const p = this.norm(path);
    if (!this.entries.has(p)) this.missing(path);
    this.entries.delete(p);
  }

  /** A symbolic link at `path` pointing to `target` (tests of the walker's rule). */
  symlink(target: string, path: string): void {
    this.entries.set(this.norm(path), { kind: 'link', target, mtime: this.clock++ });
  }
}
