// The CLI's one error type and its one way of printing a located problem. Every command reports
// through these, so a user (or a script) sees the same shapes whichever command they ran.
import type { Problem } from '../core';

/**
 * A mistake of the user's, not a bug: printed as one line without a stack trace, exit code 2.
 * `showUsage`: the command was called wrongly (an unknown option, a missing argument), so its
 * usage follows the message; input errors (a missing file, a bad line) are one line only.
 */
export class UsageError extends Error {
  readonly showUsage: boolean;
  constructor(message: string, options: { showUsage?: boolean } = {}) {
    super(message);
    this.showUsage = options.showUsage ?? false;
  }
}

/** A usage error that prints the command's usage after it. */
export function callError(message: string): UsageError {
  return new UsageError(message, { showUsage: true });
}

/** `file:line:column: severity: message`, the shape editors and scripts parse. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`;
}
