// Small file helpers for the CLI: decoding with located errors and atomic writes.
import { readFileSync, writeFileSync, renameSync, mkdirSync, unlinkSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

/** Reads a UTF-8 text file; strips a BOM; invalid bytes become U+FFFD (the caller may warn). */
export function readText(path: string): string {
  const buf = readFileSync(path);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Write to a temporary file in the same folder, then rename over the target. */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw e;
  }
}

/** The id of a document: its file name without extension. */
export function docId(path: string): string {
  return basename(path).replace(/\.[^.]*$/, '');
}
