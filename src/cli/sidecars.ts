// How the read-only commands (agree, stats) read a sidecar: through the core's one sidecar store,
// and strictly — figures computed from a sidecar that could not be read whole would be silently
// wrong, so a refused sidecar or one with an unreadable line is an input error located at it
// (exit 2, nothing on stdout). Warnings (an unknown field, say) go to stderr and the file counts.
import type { Problem } from '../core';
import type { ParsedSidecar } from '../core/annotations/sidecar';
import { readSidecarFile } from '../core/files/sidecar-store';
import { nodeFileSystem } from './node-fs';
import { UsageError, formatProblem } from './errors';

/** An input error at a located problem: `FILE:LINE:COLUMN: message`. */
export function problemError(p: Problem): UsageError {
  return new UsageError(`${p.file}:${p.line}:${p.column}: ${p.message}`);
}

/** The sidecar at `path`, or undefined when there is none. Never writes (no recovery of temporaries). */
export async function readSidecarStrict(path: string): Promise<ParsedSidecar | undefined> {
  const read = await readSidecarFile(nodeFileSystem, path);
  if (read.kind === 'missing') return undefined;
  if (read.kind === 'refused') throw problemError(read.problem);
  const errors = read.parsed.problems.filter((p) => p.severity === 'error');
  for (const p of read.parsed.problems) if (p.severity !== 'error') process.stderr.write(formatProblem(p) + '\n');
  if (errors.length) {
    for (const p of errors.slice(1)) process.stderr.write(formatProblem(p) + '\n');
    throw problemError(errors[0]);
  }
  return read.parsed;
}
