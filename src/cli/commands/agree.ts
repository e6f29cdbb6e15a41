// `policy-annotator agree A B`: how far two annotators agree on the same documents — per-label
// P/R/F1 with A as the reference, Cohen's kappa over characters, and every disagreement with its
// context. A and B are two folders of sidecars, or two exports in a format `import` reads (the
// same importers). The figures are the core's (src/core/agreement); this file only reads.
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command } from './command';
import type { ParsedArgs } from '../args';
import { callError, formatProblem, UsageError } from '../errors';
import { checkInputPaths, readInput } from '../inputs';
import { nodeFileSystem } from '../node-fs';
import { problemError, readSidecarStrict } from '../sidecars';
import { readImported } from './import';
import { findTextFiles } from '../../core/files/walk';
import { isSidecarPath, SIDECAR_SUFFIX } from '../../core/annotations/sidecar';
import { IMPORT_FORMAT_NAMES, type ImportResult } from '../../core/formats/common';
import { agreement } from '../../core/agreement/agreement';
import { alignSides, countedStates, sideFromImport, type SideDocument } from '../../core/agreement/align';
import { formatAgreement, type AgreementSummary } from '../../core/agreement/format';

export const agreeCommand: Command = {
  name: 'agree',
  summary: 'inter-annotator agreement of two sidecar folders or exports: P/R/F1, kappa, disagreements',
  synopsis: ['[--json] [--include-suggestions] A B', '--format native|doccano|label-studio|brat [--doccano-offsets codepoint|utf16] [--json] A B'],
  details: `  A, B: two folders of sidecars (*.annotations.jsonl, searched like export searches for texts;
  a text is looked for next to its sidecar), or with --format two exports (brat: two folders).
  Documents are matched by path relative to A and to B (exports: by id); one that only one
  side has is listed, not compared. A is the reference of precision and recall. Counted:
  manual and accepted annotations (plus unreviewed "auto" with --include-suggestions),
  never rejected ones. Kappa: every character is one item, its category the label of the
  span over it or O (docs/agreement.md).`,
  options: [
    { name: '--format', kind: 'string', value: 'FORMAT', help: 'A and B are exports in this format (native, doccano, label-studio, brat)' },
    { name: '--doccano-offsets', kind: 'string', value: 'codepoint|utf16', help: 'offset unit of doccano records (default codepoint)' },
    { name: '--include-suggestions', kind: 'flag', help: 'also count unreviewed suggestions (state "auto")' },
    { name: '--json', kind: 'flag', help: 'print the report as JSON' },
  ],
  run: runAgree,
};

/** The sidecars under `root` (a folder, or one sidecar file), keyed by their text's relative path. */
async function sidecarSide(root: string): Promise<Map<string, SideDocument>> {
  const { files, skipped } = await findTextFiles(nodeFileSystem, [root], { accept: isSidecarPath });
  if (skipped.length > 0) throw new UsageError(`${skipped[0].path}: ${skipped[0].reason}`);
  if (files.length === 0) throw new UsageError(`${root}: no sidecars (*${SIDECAR_SUFFIX}) found`);
  const side = new Map<string, SideDocument>();
  for (const f of files) {
    if (!isSidecarPath(f.path)) throw new UsageError(`${f.path}: not a sidecar (*${SIDECAR_SUFFIX}); give --format for an export`);
    const data = await readSidecarStrict(f.path);
    if (!data) throw new UsageError(`${f.path}: cannot read: no such file`);
    // The text is next to its sidecar under its own name; the header names it too (a sidecar
    // that was copied under another name).
    const named = data.header.document && !/[\\/]/.test(data.header.document) ? [join(dirname(f.path), data.header.document)] : [];
    const textPath = [f.path.slice(0, -SIDECAR_SUFFIX.length), ...named].find((p) => existsSync(p) && statSync(p).isFile());
    side.set(f.relative.slice(0, -SIDECAR_SUFFIX.length), { text: textPath === undefined ? undefined : readInput(textPath), data });
  }
  return side;
}

/** The documents of an export, keyed by id; an error in it is an input error (exit 2). */
function exportSide(format: string, path: string, offsets: 'codepoint' | 'utf16'): Map<string, SideDocument> {
  let result: ImportResult;
  try {
    result = readImported(format, path, offsets);
  } catch (e) {
    throw new UsageError(`${path}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const errors = result.problems.filter((p) => p.severity === 'error');
  for (const p of result.problems) if (p.severity !== 'error' || p !== errors[0]) process.stderr.write(formatProblem(p) + '\n');
  if (errors.length) throw problemError(errors[0]);
  const side = new Map<string, SideDocument>();
  for (const doc of result.documents) {
    if (side.has(doc.id)) throw new UsageError(`${path}: two documents with the id ${JSON.stringify(doc.id)}`);
    side.set(doc.id, sideFromImport(doc));
  }
  return side;
}

async function runAgree(a: ParsedArgs): Promise<number> {
  if (a.operands.length !== 2) throw callError('agree needs two inputs, A and B');
  const [pathA, pathB] = a.operands;
  const format = a.string('--format');
  if (format !== undefined && !(IMPORT_FORMAT_NAMES as readonly string[]).includes(format)) {
    throw callError(`cannot read --format ${format} (readable: ${IMPORT_FORMAT_NAMES.join(', ')})`);
  }
  const offsets = a.string('--doccano-offsets') ?? 'codepoint';
  if (offsets !== 'codepoint' && offsets !== 'utf16') throw callError('--doccano-offsets must be codepoint or utf16');
  checkInputPaths([pathA, pathB], format === undefined || format === 'brat');
  const read = (p: string) => (format === undefined ? sidecarSide(p) : exportSide(format, p, offsets));
  const sideA = await read(pathA);
  const sideB = await read(pathB);
  const states = countedStates(a.flag('--include-suggestions'));
  const aligned = alignSides(sideA, sideB, states);
  const summary: AgreementSummary = { a: pathA, b: pathB, states, onlyA: aligned.onlyA, onlyB: aligned.onlyB, notes: aligned.notes, ...agreement(aligned.documents) };
  process.stdout.write(a.flag('--json') ? JSON.stringify(summary) + '\n' : formatAgreement(summary));
  return 0;
}
