// The one sidecar store: how the CLI and the editor read a sidecar file and decide whether it may
// be interpreted and, later, replaced. One decoder (strict UTF-8, decode.ts) and one strictness:
//
// - missing: no annotations yet; a first save creates it;
// - refused: the file exists but cannot be read (permissions, I/O), is not UTF-8 or is binary, is
//   of a newer format version, or is half-written (its last line is cut off). It is shown with
//   a located problem and must stay byte for byte as it is: no decision, save, export or import
//   may write it until the user fixes or removes it;
// - read: the annotations it holds. Lines that cannot be understood elsewhere in the file are
//   located problems and are kept verbatim when the sidecar is written again (parseSidecar).
import type { Problem } from '../types';
import { parseSidecar, type ParsedSidecar } from '../annotations/sidecar';
import { decodeText } from './decode';
import { errorReason, isNotFound, type FileSystem } from './file-system';
import { settleTemps, writeAtomic } from './atomic-write';

export type SidecarRead =
  | { kind: 'missing' }
  | { kind: 'read'; content: string; parsed: ParsedSidecar }
  | SidecarRefusal;

/**
 * Why a sidecar was refused: `reason` in English (the CLI, logs), and `code` with the variable
 * part in `detail` (an I/O error, a byte offset, a format version) so that a UI can say it in its
 * own language. `problem` is the located refusal, first of `problems`.
 */
export interface SidecarRefusal {
  kind: 'refused';
  code: 'unreadable' | 'binary' | 'not-utf8' | 'newer-version' | 'cut-off';
  detail: string;
  reason: string;
  problem: Problem;
  problems: Problem[];
}

const LEFT_UNTOUCHED = 'the sidecar was left untouched';

export interface ReadSidecarOptions {
  /** How problems name the file (a workspace-relative path in the editor); default `path`. */
  displayPath?: string;
  /** When the sidecar is missing, put a complete temporary file of a killed save in its place. */
  recover?: boolean;
}

export async function readSidecarFile(fs: FileSystem, path: string, options: ReadSidecarOptions = {}): Promise<SidecarRead> {
  const file = options.displayPath ?? path;
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (e) {
    if (!isNotFound(e)) return refusal(file, 'unreadable', errorReason(e), `cannot read the sidecar: ${errorReason(e)}; ${LEFT_UNTOUCHED}`);
    if (!options.recover || !(await settleTemps(fs, path, isCompleteSidecar)).recovered) return { kind: 'missing' };
    return readSidecarFile(fs, path, { ...options, recover: false });
  }
  return interpretSidecar(bytes, file);
}

/** The verdict on a sidecar's bytes (see the top of this file). */
export function interpretSidecar(bytes: Uint8Array, file: string): SidecarRead {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return refusal(file, decoded.code, String(decoded.byte), `${decoded.reason}; ${LEFT_UNTOUCHED}`, decoded.line, decoded.column);
  const content = decoded.text;
  const parsed = parseSidecar(content, file);
  if (parsed.refused) {
    const at = parsed.problems.find((p) => p.message === parsed.refused);
    return refusal(file, 'newer-version', String(parsed.newerVersion ?? ''), parsed.refused, at?.line, at?.column, parsed.problems);
  }
  const cut = cutOffLine(content, parsed);
  if (cut) return refusal(file, 'cut-off', '', `the last line is cut off (a save that did not finish?); ${LEFT_UNTOUCHED}`, cut.line, cut.column, parsed.problems);
  return { kind: 'read', content, parsed };
}

function refusal(file: string, code: SidecarRefusal['code'], detail: string, reason: string, line = 1, column = 1, others: Problem[] = []): SidecarRefusal {
  const problem: Problem = { file, line, column, message: reason, severity: 'error' };
  return { kind: 'refused', code, detail, reason, problem, problems: [problem, ...others.filter((p) => p.message !== reason)] };
}

/** The refusal with its reason said by `say` (a UI's own language), in its problem too. */
export function sayRefusal(r: SidecarRefusal, say: (code: SidecarRefusal['code'], detail: string) => string): SidecarRefusal {
  const reason = say(r.code, r.detail);
  const problem = { ...r.problem, message: reason };
  return { ...r, reason, problem, problems: [problem, ...r.problems.slice(1)] };
}

/**
 * A half-written file: it does not end with a line break and its last line is unreadable. Every
 * sidecar Policy Annotator writes ends with '\n', so this is a write cut short (or a hand edit
 * that is best fixed by hand), not a line to keep verbatim and build on.
 */
function cutOffLine(content: string, parsed: ParsedSidecar): { line: number; column: number } | undefined {
  if (content === '' || content.endsWith('\n')) return undefined;
  const last = parsed.unreadable[parsed.unreadable.length - 1];
  const lines = content.split('\n').length;
  return last && last.line === lines ? { line: last.line, column: 1 } : undefined;
}

/** A temporary file that may replace a missing sidecar: whole, error-free, with a header. */
export function isCompleteSidecar(bytes: Uint8Array): boolean {
  const r = interpretSidecar(bytes, '');
  return r.kind === 'read' && r.content.endsWith('\n') && !!r.parsed.header.textHash && !r.parsed.problems.some((p) => p.severity === 'error');
}

/** Writes a sidecar (atomically); the caller has checked it is not refused. */
export function writeSidecarFile(fs: FileSystem, path: string, content: string): Promise<void> {
  return writeAtomic(fs, path, content);
}
