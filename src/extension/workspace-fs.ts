// The file layer's editor adapter (src/core/files/file-system.ts) on vscode.workspace.fs, so the
// core's sidecar store, folder walker, atomic write and export run work on local folders, remote
// ones and vscode.dev alike. A path is the URI's path; one adapter per scheme and authority.
import * as vscode from 'vscode';
import { FileSystemError, type FileErrorCode, type FileSystem, type WriterProcess } from '../core/files/file-system';

const hostProcess = typeof process !== 'undefined' && typeof process.pid === 'number' ? process : undefined;

/**
 * The extension host as a writer of temporary files: its PID and a PID check where it runs on
 * Node (desktop, remote, code-server); in a browser a random id, and temporary files of other
 * writers count as stale only by age (temp-files.ts).
 */
const writer: WriterProcess = hostProcess
  ? {
      pid: hostProcess.pid,
      startedAt: Date.now() - hostProcess.uptime() * 1000,
      processRuns(pid) {
        try {
          hostProcess.kill(pid, 0);
          return true;
        } catch (e) {
          return (e as { code?: string }).code !== 'ESRCH'; // EPERM: it runs, as another user
        }
      },
    }
  : { pid: 1_000_000_000 + Math.floor(Math.random() * 1_000_000_000), startedAt: Date.now(), processRuns: () => undefined };

const CODES: Record<string, FileErrorCode> = {
  FileNotFound: 'FileNotFound',
  FileExists: 'FileExists',
  FileIsADirectory: 'FileIsADirectory',
  FileNotADirectory: 'FileNotADirectory',
  NoPermissions: 'NoPermissions',
};

function translate(e: unknown): FileSystemError {
  if (e instanceof vscode.FileSystemError) {
    const code = CODES[e.code] ?? 'Unknown';
    return new FileSystemError(code, code === 'Unknown' ? e.code || e.message : e.message);
  }
  return new FileSystemError('Unknown', e instanceof Error ? e.message : String(e));
}

async function call<T>(f: () => Thenable<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw translate(e);
  }
}

class WorkspaceFileSystem implements FileSystem {
  readonly writer = writer;
  constructor(private readonly base: vscode.Uri) {}

  uri(path: string): vscode.Uri {
    return this.base.with({ path, query: '', fragment: '' });
  }

  readFile(path: string) {
    return call(() => vscode.workspace.fs.readFile(this.uri(path)));
  }
  writeFile(path: string, data: Uint8Array) {
    return call(() => vscode.workspace.fs.writeFile(this.uri(path), data));
  }
  createDirectory(path: string) {
    return call(() => vscode.workspace.fs.createDirectory(this.uri(path)));
  }
  async stat(path: string) {
    const s = await call(() => vscode.workspace.fs.stat(this.uri(path)));
    return { type: s.type, mtime: s.mtime, size: s.size };
  }
  readDirectory(path: string) {
    return call(() => vscode.workspace.fs.readDirectory(this.uri(path))) as Promise<[string, number][]>;
  }
  rename(from: string, to: string, options: { overwrite: boolean }) {
    return call(() => vscode.workspace.fs.rename(this.uri(from), this.uri(to), options));
  }
  delete(path: string) {
    return call(() => vscode.workspace.fs.delete(this.uri(path), { useTrash: false }));
  }
}

const adapters = new Map<string, WorkspaceFileSystem>();

/** The file layer for files of `uri`'s scheme and authority; paths are URI paths. */
export function fileSystemFor(uri: vscode.Uri): FileSystem {
  const key = `${uri.scheme}://${uri.authority}`;
  let fs = adapters.get(key);
  if (!fs) {
    fs = new WorkspaceFileSystem(uri.with({ path: '/', query: '', fragment: '' }));
    adapters.set(key, fs);
  }
  return fs;
}
