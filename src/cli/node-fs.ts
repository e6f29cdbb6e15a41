// The file layer's Node adapter (src/core/files/file-system.ts): what the CLI reads and writes
// through the core's sidecar store, folder walker, atomic write and export run. Synchronous
// calls behind the async interface: the CLI does one thing at a time per thread, and sync calls
// keep an export of thousands of small files free of callback overhead.
import { readFileSync, writeFileSync, mkdirSync, statSync, lstatSync, readdirSync, renameSync, unlinkSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { FileSystemError, FileType, type FileErrorCode, type FileStat, type FileSystem, type WriterProcess } from '../core/files/file-system';

const started = Date.now() - process.uptime() * 1000;

/** This process as a writer of temporary files: its PID, and a PID check with signal 0. */
export const nodeWriter: WriterProcess = {
  pid: process.pid,
  startedAt: started,
  processRuns(pid) {
    if (!Number.isSafeInteger(pid) || pid <= 0) return true;
    try {
      process.kill(pid, 0);
      return true;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code !== 'ESRCH'; // EPERM: it runs, as another user
    }
  },
};

const CODES: Record<string, FileErrorCode> = {
  ENOENT: 'FileNotFound',
  EEXIST: 'FileExists',
  EISDIR: 'FileIsADirectory',
  ENOTDIR: 'FileNotADirectory',
  EACCES: 'NoPermissions',
  EPERM: 'NoPermissions',
};

/** Node's error as the file layer's: the code mapped, the message kept. */
function translate(e: unknown): FileSystemError {
  const err = e as NodeJS.ErrnoException;
  const code = (err.code && CODES[err.code]) || 'Unknown';
  return new FileSystemError(code, code === 'Unknown' ? (err.code ?? err.message) : err.message);
}

function call<T>(f: () => T): Promise<T> {
  try {
    return Promise.resolve(f());
  } catch (e) {
    return Promise.reject(translate(e));
  }
}

function typeOf(s: { isFile(): boolean; isDirectory(): boolean }): number {
  return s.isDirectory() ? FileType.Directory : s.isFile() ? FileType.File : FileType.Unknown;
}

export const nodeFileSystem: FileSystem = {
  writer: nodeWriter,
  readFile: (path) => call(() => readFileSync(path)),
  writeFile: (path, data) => call(() => writeFileSync(path, data)),
  createDirectory: (path) => call(() => void mkdirSync(path, { recursive: true })),
  stat: (path) =>
    call((): FileStat => {
      const s = statSync(path);
      return { type: typeOf(s) | (lstatSync(path).isSymbolicLink() ? FileType.SymbolicLink : 0), mtime: s.mtimeMs, size: s.size };
    }),
  readDirectory: (path) =>
    call(() =>
      readdirSync(path, { withFileTypes: true }).map((e): [string, number] => {
        if (!e.isSymbolicLink()) return [e.name, typeOf(e)];
        // A link: the kind of what it points to (nothing for a broken link), marked as a link.
        let target: number = FileType.Unknown;
        try {
          target = typeOf(statSync(join(path, e.name)));
        } catch {
          // A broken link: listed as a link to nothing, which no walker takes.
        }
        return [e.name, target | FileType.SymbolicLink];
      }),
    ),
  rename: (from, to, options) =>
    call(() => {
      if (!options.overwrite && existsSync(to)) throw Object.assign(new Error(`${to}: exists`), { code: 'EEXIST' });
      renameSync(from, to);
    }),
  delete: (path) => call(() => unlinkSync(path)),
};
