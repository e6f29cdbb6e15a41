// What every command reads the same way: input files (a user error is one line naming the
// file, no stack trace) and --glossary files (problems to stderr, valid entries load anyway).
// Its own module so that commands in their own files (stats.ts) need not import main.ts, which
// imports them.
import { readText } from './io';
import { parseGlossary, type ParsedGlossary, type Problem } from '../core';

export class UsageError extends Error {}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`;
}

/** Loads --glossary files; problems go to stderr, valid entries load anyway. */
export function loadGlossaryArgs(files: readonly string[]): ParsedGlossary[] {
  const parsed = files.map((f) => {
    return parseGlossary(readInput(f), f);
  });
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
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a folder' : err.code === 'EACCES' ? 'permission denied' : err.message;
    throw new UsageError(`${path}: cannot read: ${why}`);
  }
}
