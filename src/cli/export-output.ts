// Where an export's output goes: files under --out (atomic, never outside it) or JSON lines on
// stdout (`--out -`).
import { resolve, sep } from 'node:path';
import { writeAtomic } from './io';
import { unsafeIdReason, type DocumentOutput, type OutputFile } from '../core/formats/common';

/** Writes `file` under `outDir`, atomically; refuses any path that would land outside it. */
export function writeUnder(outDir: string, file: OutputFile): void {
  writeAtomic(pathUnder(outDir, file.path), file.content);
}

/** `path` resolved under `outDir`; throws for a path that would land outside it. */
export function pathUnder(outDir: string, path: string): string {
  const root = resolve(outDir);
  const target = resolve(root, path);
  if (!target.startsWith(root + sep) || unsafeIdReason(path)) throw new Error(`refusing to write outside ${outDir}: ${path}`);
  return target;
}

/** One stdout line per document: the record itself for JSON formats, {"id","files"} for file formats. */
export function streamLine(id: string, output: DocumentOutput): string {
  if (output.records.length) return output.records.join('\n');
  return JSON.stringify({ id, files: Object.fromEntries(output.files.map((f) => [f.path, f.content])) });
}

export function stdoutWriter(): (line: string) => Promise<void> {
  let broken = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') broken = true; // the reader went away (e.g. `| head`): stop quietly
    else throw e;
  });
  return (line) => {
    if (broken) return Promise.resolve();
    return new Promise((r) => {
      if (process.stdout.write(line + '\n')) r();
      else process.stdout.once('drain', r);
    });
  };
}
