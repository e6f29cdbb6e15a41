// Small file helpers for the CLI's synchronous writes (export outputs, the records file):
// decoding with located errors and atomic writes. The temporary files are named and judged by
// the core's one scheme (src/core/files/temp-files.ts), shared with the editor, so each side
// recognises and removes what the other left; the core's async writeAtomic (sidecars) is the
// same algorithm on the file layer.
import { readFileSync, writeFileSync, renameSync, mkdirSync, unlinkSync, readdirSync, lstatSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { staleTempsOf, looksLikeTemp, tempNameFor } from '../core/files/temp-files';
import { nodeWriter } from './node-fs';

/** Reads a UTF-8 text file; strips a BOM; invalid bytes become U+FFFD (the caller may warn). */
export function readText(path: string): string {
  const buf = readFileSync(path);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The temporary file writeAtomic writes `path` through: `.NAME.PID.TIME.tmp` next to it. */
export function tempPathFor(path: string, pid = process.pid, time = Date.now()): string {
  return join(dirname(path), tempNameFor(basename(path), pid, time));
}

/**
 * Write to a temporary file in the same folder, then rename over the target. Temporary files of
 * earlier writers of the same target that were killed before the rename are removed first
 * ({@link removeStaleTemps}).
 */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  removeStaleTemps(path);
  const tmp = tempPathFor(path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // Never created, or already gone: the error that matters is the one rethrown below.
    }
    throw e;
  }
}

/**
 * Removes what a writer of `path` (this CLI or the editor) left when its process was killed
 * between writing and renaming: only regular files named by the scheme for this `path`, and only
 * when their writer is gone (isStaleTemp). A live writer's temporary file, or anything that does
 * not match the pattern, is never touched. Best effort. Returns the paths removed.
 */
export function removeStaleTemps(path: string): string[] {
  const dir = dirname(path);
  const names = tempLikeNames(dir);
  const removed: string[] = [];
  for (const { name } of staleTempsOf(names, basename(path), nodeWriter, Date.now())) {
    const p = join(dir, name);
    try {
      if (!lstatSync(p).isFile()) continue;
      unlinkSync(p);
      removed.push(p);
      names.splice(names.indexOf(name), 1);
    } catch {
      // Removed meanwhile by another writer settling the same leftovers.
    }
  }
  return removed;
}

// The temp-like names of each folder, listed once per process: an export writes thousands of
// files into one folder, and listing it again for each write made writing quadratic. Leftovers
// appear only when a process is killed, so one look per folder and run is enough.
const tempListings = new Map<string, string[]>();
function tempLikeNames(dir: string): string[] {
  let names = tempListings.get(dir);
  if (!names) {
    try {
      names = readdirSync(dir).filter(looksLikeTemp);
    } catch {
      names = []; // no folder yet (the first write creates it): nothing left there
    }
    tempListings.set(dir, names);
  }
  return names;
}

/** The id of a document: its file name without extension. */
export function docId(path: string): string {
  return basename(path).replace(/\.[^.]*$/, '');
}
