// Small file helpers for the CLI: decoding with located errors and atomic writes.
import { readFileSync, writeFileSync, renameSync, mkdirSync, unlinkSync, readdirSync, lstatSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

/** Reads a UTF-8 text file; strips a BOM; invalid bytes become U+FFFD (the caller may warn). */
export function readText(path: string): string {
  const buf = readFileSync(path);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The temporary file writeAtomic writes `path` through: `.NAME.PID.TIME.tmp` next to it. */
export function tempPathFor(path: string, pid = process.pid, time = Date.now()): string {
  return join(dirname(path), `.${basename(path)}.${pid}.${time}.tmp`);
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
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw e;
  }
}

/**
 * Removes what {@link writeAtomic} left next to `path` when its process was killed between
 * writing and renaming: only regular files named exactly `.NAME.PID.TIME.tmp` for this `path`,
 * and only when no process with that PID runs (or the PID is ours but the file is older than
 * this process: a previous process with a recycled PID). A temporary file of a live writer, or
 * anything that does not match the pattern, is never touched. Best effort: errors are ignored.
 * Returns the paths removed.
 */
export function removeStaleTemps(path: string): string[] {
  const dir = dirname(path);
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(path))}\\.([1-9][0-9]{0,9})\\.([0-9]{1,15})\\.tmp$`);
  const names = tempLikeNames(dir);
  const removed: string[] = [];
  const started = Date.now() - process.uptime() * 1000;
  for (const name of [...names]) {
    const m = pattern.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    const time = Number(m[2]);
    const dead = pid === process.pid ? time < started - 1000 : !processRuns(pid);
    if (!dead) continue;
    const p = join(dir, name);
    try {
      if (!lstatSync(p).isFile()) continue;
      unlinkSync(p);
      removed.push(p);
      names.splice(names.indexOf(name), 1);
    } catch { /* gone meanwhile, or not ours to remove */ }
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
      names = readdirSync(dir).filter((n) => n.startsWith('.') && n.endsWith('.tmp'));
    } catch {
      names = [];
    }
    tempListings.set(dir, names);
  }
  return names;
}

/** Whether a process with this PID exists (signal 0 checks without signalling). Unsure → true. */
function processRuns(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH'; // EPERM: it runs, as another user
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The id of a document: its file name without extension. */
export function docId(path: string): string {
  return basename(path).replace(/\.[^.]*$/, '');
}
