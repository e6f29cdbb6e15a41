// The rule for the learned file in `tag` and `export` (docs/learning.md): `--learned FILE`, or
// by default `.policy-annotator/learned.glossary.yaml` in the nearest folder above each input
// that has one (found like git finds its repository), or none with `--no-learned`. A learned
// file with an error is an input error (exit 2, every problem located, nothing written): unlike
// a hand-written glossary, it decides which spans are suggested, so half of it must not apply.
import { dirname, resolve } from 'node:path';
import type { OptionSpec, ParsedArgs } from './args';
import { UsageError, callError, formatProblem } from './errors';
import { nodeFileSystem } from './node-fs';
import { findLearnedFile, learnedLayer, readLearnedFile, LEARNED_FILE } from '../core/learning/file';
import type { ParsedGlossary } from '../core/glossary/load';

export const LEARNED_OPTIONS: readonly OptionSpec[] = [
  { name: '--learned', kind: 'string', value: 'FILE', help: `apply what annotators taught (a learned glossary); default: ${LEARNED_FILE} in the nearest folder above each input that has one` },
  { name: '--no-learned', kind: 'flag', help: 'apply no learned file' },
];

/** Plain data (sent to export's worker threads). */
export type LearnedChoice = { mode: 'off' } | { mode: 'file'; path: string } | { mode: 'discover' };

export function learnedChoice(a: ParsedArgs): LearnedChoice {
  const file = a.string('--learned');
  if (file !== undefined && a.flag('--no-learned')) throw callError('--learned and --no-learned exclude each other');
  if (a.flag('--no-learned')) return { mode: 'off' };
  return file !== undefined ? { mode: 'file', path: resolve(file) } : { mode: 'discover' };
}

/** The learned file for an input (`-`: stdin, looked for from the current folder). */
export function learnedFileFor(choice: LearnedChoice, input: string, cache: Map<string, string | undefined>): Promise<string | undefined> {
  if (choice.mode === 'off') return Promise.resolve(undefined);
  if (choice.mode === 'file') return Promise.resolve(choice.path);
  return findLearnedFile(nodeFileSystem, input === '-' ? process.cwd() : dirname(resolve(input)), cache);
}

/** Reads a learned file as a glossary layer; any error is a UsageError listing every problem
 *  as FILE:LINE:COLUMN; warnings go to stderr. */
export async function loadLearned(path: string): Promise<ParsedGlossary> {
  const read = await readLearnedFile(nodeFileSystem, path);
  if (read.kind === 'missing') throw new UsageError(`${path}: cannot read: no such file`);
  if (read.kind === 'refused') throw new UsageError(read.problems.map(formatProblem).join('\n') + `\n${path}: the learned file has errors; nothing was written`);
  for (const p of read.problems) process.stderr.write(formatProblem(p) + '\n');
  // The same function as the editor's (src/extension/learning.ts): one way from file to engine.
  return learnedLayer(read.set, path);
}

/** Loads the learned files of `inputs` once each (before any output is written), so a bad one
 *  stops the command first; returns the file per input and the parsed layers by file. */
export async function loadLearnedFor(choice: LearnedChoice, inputs: readonly string[]): Promise<{ fileOf: Map<string, string | undefined>; layers: Map<string, ParsedGlossary> }> {
  const cache = new Map<string, string | undefined>();
  const fileOf = new Map<string, string | undefined>();
  const layers = new Map<string, ParsedGlossary>();
  for (const input of inputs) {
    const file = await learnedFileFor(choice, input, cache);
    fileOf.set(input, file);
    if (file && !layers.has(file)) layers.set(file, await loadLearned(file));
  }
  return { fileOf, layers };
}
