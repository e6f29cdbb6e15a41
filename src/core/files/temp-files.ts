// The one naming scheme of temporary files, for the CLI and the editor alike: a write of
// `NAME` goes to `.NAME.PID.TIME.tmp` in the same folder and is renamed over `NAME`. Either side
// recognises the other's leftovers by this name and removes them (or, when NAME itself is
// missing, puts a complete one in its place: see atomic-write.ts). Pure: no I/O.
import type { WriterProcess } from './file-system';

/** A writer whose process cannot be checked (a browser) is presumed dead after this long. */
export const STALE_AFTER_MS = 60 * 60 * 1000;

/** The temporary file name for a write of `targetName` by `pid` at `time`. */
export function tempNameFor(targetName: string, pid: number, time: number): string {
  return `.${targetName}.${pid}.${time}.tmp`;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The writer and time of a temporary file of `targetName`, or undefined for any other name. */
export function parseTempName(name: string, targetName: string): { pid: number; time: number } | undefined {
  const m = new RegExp(`^\\.${escapeRegExp(targetName)}\\.([1-9][0-9]{0,9})\\.([0-9]{1,15})\\.tmp$`).exec(name);
  return m ? { pid: Number(m[1]), time: Number(m[2]) } : undefined;
}

/** Whether a name could be a temporary file of some target (a cheap filter before parseTempName). */
export function looksLikeTemp(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

/**
 * Whether the writer of a temporary file is gone: its process no longer runs; or it is our own
 * PID but the file is older than this process (a recycled PID); or, where processes cannot be
 * checked, the file is older than {@link STALE_AFTER_MS}. A live writer's file is never stale.
 */
export function isStaleTemp(temp: { pid: number; time: number }, writer: WriterProcess, now: number): boolean {
  if (temp.pid === writer.pid) return temp.time < writer.startedAt - 1000;
  const runs = writer.processRuns(temp.pid);
  if (runs !== undefined) return !runs;
  return now - temp.time > STALE_AFTER_MS;
}

/** The stale temporary files of `targetName` among a folder's entry names, newest first. */
export function staleTempsOf(names: readonly string[], targetName: string, writer: WriterProcess, now: number): { name: string; time: number }[] {
  const out: { name: string; time: number }[] = [];
  for (const name of names) {
    if (!looksLikeTemp(name)) continue;
    const t = parseTempName(name, targetName);
    if (t && isStaleTemp(t, writer, now)) out.push({ name, time: t.time });
  }
  return out.sort((a, b) => b.time - a.time);
}
