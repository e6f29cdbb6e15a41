// What every command reads the same way: input paths (checked before any output is written),
// input files (a user error is one line naming the file, no stack trace), JSON Lines files and
// --glossary files (the one rule for glossary problems, below).
import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { readText } from './io';
import { UsageError, formatProblem } from './errors';
import { parseGlossary, type ParsedGlossary } from '../core';

/**
 * The rule for `--glossary FILE` in every command (tag, stats, export):
 * - a file that cannot be read (missing, a folder, no permission) is an input error: one line
 *   `policy-annotator: FILE: cannot read: REASON`, exit code 2, before any output is written;
 * - a file that can be read is used as far as it is valid: each problem (YAML syntax, a bad
 *   entry, invalid UTF-8, a newer format version) is one stderr line
 *   `FILE:LINE:COLUMN: severity: message`, the valid entries load, and the exit code does not
 *   change — the same as the editor, which shows them in the Problems panel and keeps going.
 * Files apply after the bundled glossary, in the order given.
 */
export function loadGlossaryArgs(files: readonly string[]): ParsedGlossary[] {
  const parsed = files.map((f) => parseGlossary(readInput(f), f));
  for (const p of parsed) for (const prob of p.problems) process.stderr.write(formatProblem(prob) + '\n');
  return parsed;
}

/** The records of a JSON Lines file with their 1-based line numbers, blank lines skipped; a line
 *  that is not JSON is a usage error located at it. */
export function* jsonlRecords(path: string): Generator<{ line: number; value: unknown }> {
  const lines = readInput(path).split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(lines[i]);
    } catch (e) {
      throw new UsageError(`${path}:${i + 1}:1: invalid JSON: ${(e as Error).message}`);
    }
    yield { line: i + 1, value };
  }
}

/** Reads an input file or fails with a one-line message naming it (no stack trace for a user error). */
export function readInput(path: string): string {
  try {
    return readText(path);
  } catch (e) {
    throw cannotRead(path, e);
  }
}

/**
 * Checks the PATH operands of a command before it writes anything: each must exist and be
 * readable — a file, or (when `folders`) a folder that can be listed. A missing input is an
 * input error (exit 2) rather than a skipped file, so a typo in a path never yields an empty or
 * partial dataset. Files found inside folders are checked later, one by one (an unreadable one
 * is skipped with a reason).
 */
export function checkInputPaths(paths: readonly string[], folders: boolean): void {
  for (const p of paths) {
    try {
      if (statSync(p).isDirectory()) {
        if (!folders) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
        readdirSync(p);
      } else accessSync(p, constants.R_OK);
    } catch (e) {
      throw cannotRead(p, e);
    }
  }
}

function cannotRead(path: string, e: unknown): UsageError {
  const err = e as NodeJS.ErrnoException;
  const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a folder' : err.code === 'EACCES' ? 'permission denied' : err.message;
  return new UsageError(`${path}: cannot read: ${why}`);
}
