// The one file layer of Policy Annotator: what the core needs from a file system, so the sidecar
// store, the folder walker, the atomic write and the export run are written once and run on Node
// files (the CLI: src/cli/node-fs.ts), on vscode.workspace.fs (the editor, also on vscode.dev:
// src/extension/workspace-fs.ts) and in memory (tests: memory-fs.ts).
//
// Paths are plain strings: OS paths for Node, URI paths for VS Code (the adapter keeps the
// scheme and authority). The helpers below split and join them on '/' (and '\\' for Windows
// paths), the only separators either side produces.

/** Kinds of entries; the values are vscode.FileType's, so the editor's adapter passes them through. */
export const FileType = { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 } as const;

export interface FileStat {
  /** A bit set of FileType values (a symbolic link to a folder is Directory | SymbolicLink). */
  type: number;
  /** Milliseconds since the epoch. */
  mtime: number;
  size: number;
}

export type FileErrorCode = 'FileNotFound' | 'FileExists' | 'FileIsADirectory' | 'FileNotADirectory' | 'NoPermissions' | 'Unknown';

/** The one error type adapters throw, so the core can tell "missing" from "cannot be read". */
export class FileSystemError extends Error {
  constructor(
    readonly code: FileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FileSystemError';
  }
}

/** The process that writes temporary files, for telling a live writer's file from a dead one's. */
export interface WriterProcess {
  /** Our id in temporary file names (a PID where there is one; a random number in a browser). */
  readonly pid: number;
  /** When this process started (ms since the epoch). */
  readonly startedAt: number;
  /** Whether a process with this PID runs; undefined where the host cannot tell (a browser). */
  processRuns(pid: number): boolean | undefined;
}

export interface FileSystem {
  readFile(path: string): Promise<Uint8Array>;
  /** Creates or replaces the file (its folder must exist). */
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** Creates the folder and its parents; an existing folder is fine. */
  createDirectory(path: string): Promise<void>;
  /** Throws FileSystemError('FileNotFound') for a missing path. */
  stat(path: string): Promise<FileStat>;
  /** Entries of a folder: name and FileType bits (links: the target's kind | SymbolicLink). */
  readDirectory(path: string): Promise<[string, number][]>;
  rename(from: string, to: string, options: { overwrite: boolean }): Promise<void>;
  /** Deletes a file (not recursively). */
  delete(path: string): Promise<void>;
  readonly writer: WriterProcess;
}

export function isNotFound(e: unknown): boolean {
  return e instanceof FileSystemError && e.code === 'FileNotFound';
}

/** A short reason for a failed call, as shown to users (`FileNotFound`, `NoPermissions`, …). */
export function errorReason(e: unknown): string {
  if (e instanceof FileSystemError) return e.code === 'Unknown' ? e.message : e.code;
  return e instanceof Error ? e.message : String(e);
}

const lastSeparator = (p: string) => Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
const trimEnd = (p: string) => (p.length > 1 ? p.replace(/[/\\]+$/, '') : p);

/** The last segment of a path. */
export function baseName(path: string): string {
  const p = trimEnd(path);
  return p.slice(lastSeparator(p) + 1);
}

/** The folder holding a path ('.' for a bare name). */
export function parentPath(path: string): string {
  const p = trimEnd(path);
  const i = lastSeparator(p);
  return i < 0 ? '.' : i === 0 ? p.slice(0, 1) : p.slice(0, i);
}

/** `names` inside `dir`, with the separator `dir` uses. */
export function joinPath(dir: string, ...names: string[]): string {
  const d = trimEnd(dir);
  const sep = d.includes('\\') && !d.includes('/') ? '\\' : '/';
  const head = d.endsWith('/') || d.endsWith('\\') ? d : d + sep;
  return head + names.join(sep);
}
