// `policy-annotator import --format native|doccano|label-studio|brat FILE --into DIR`:
// annotations made in another tool come back as sidecars next to the texts in DIR.
//
// For each imported document DIR/<id>.txt (or an existing DIR/<id>.md) is the text. When it
// does not exist it is written from the imported text; when it exists with other content, the
// imported spans are re-anchored into it by quote and context, and what cannot be found is kept
// as orphans. An existing sidecar is merged: imported spans replace overlapping manual/accepted
// ones (the newer work came back), everything else is kept.
import { readFileSync, existsSync, statSync, readdirSync } from 'node:fs';
import { join, relative, sep, basename, extname, resolve } from 'node:path';
import type { Command } from './command';
import type { ParsedArgs } from '../args';
import { callError, formatProblem, UsageError } from '../errors';
import { checkInputPaths } from '../inputs';
import { readText } from '../io';
import { nodeFileSystem } from '../node-fs';
import { readSidecarFile, writeSidecarFile } from '../../core/files/sidecar-store';
import { writeUnder } from '../export-output';
import { importNative } from '../../core/formats/native';
import { importDoccano } from '../../core/formats/doccano';
import { importLabelStudio } from '../../core/formats/label-studio';
import { importBrat } from '../../core/formats/brat';
import { IMPORT_FORMAT_NAMES, unsafeIdReason, type ImportedDocument, type ImportResult } from '../../core/formats/common';
import { orderLabels } from '../../core/labels';
import { toSidecarData, serializeSidecar, sidecarPathFor, type StoredAnnotation } from '../../core/annotations/sidecar';
import { AnnotatedDocument } from '../../core/annotations/document';
import type { Annotation } from '../../core/annotations/model';

export const importCommand: Command = {
  name: 'import',
  summary: 'import annotations made in another tool as sidecars next to the texts',
  synopsis: [
    '--format native|doccano|label-studio|brat FILE|FOLDER --into DIR',
    '[--include-suggestions] [--doccano-offsets codepoint|utf16] [--sidecar-folder DIR]',
  ],
  details: `  brat: FILE is one .ann (its .txt next to it) or a folder of .ann/.txt pairs.
  Suggestions (Label Studio predictions, brat Suggestion attributes, state "auto") are only
  imported with --include-suggestions.
  Exit code: 0 when a sidecar was written, 1 when none was and documents were skipped or the
  input has errors, 2 for usage and input errors.`,
  options: [
    { name: '--format', kind: 'string', value: 'FORMAT', help: 'native, doccano, label-studio or brat (required)' },
    { name: '--into', kind: 'string', value: 'DIR', help: 'the folder of the texts; sidecars are written next to them (required)' },
    { name: '--include-suggestions', kind: 'flag', help: 'also import suggestions' },
    { name: '--doccano-offsets', kind: 'string', value: 'codepoint|utf16', help: 'offset unit of doccano records (default codepoint)' },
    { name: '--sidecar-folder', kind: 'string', value: 'DIR', help: 'write sidecars under DIR by relative path instead of next to the texts' },
  ],
  run: runImport,
};

export function readImported(format: string, input: string, offsets: 'codepoint' | 'utf16'): ImportResult {
  if (format === 'brat') {
    const st = statSync(input);
    const pairs: { id: string; ann: string }[] = [];
    if (st.isDirectory()) {
      const walk = (dir: string) => {
        for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
          const full = join(dir, e.name);
          if (e.isDirectory() && !e.name.startsWith('.')) walk(full);
          else if (e.isFile() && e.name.endsWith('.ann')) pairs.push({ id: relative(input, full).split(sep).join('/').slice(0, -4), ann: full });
        }
      };
      walk(input);
    } else pairs.push({ id: basename(input, extname(input)), ann: input });
    const all: ImportResult = { documents: [], problems: [] };
    for (const p of pairs) {
      const txt = p.ann.slice(0, -extname(p.ann).length) + '.txt';
      if (!existsSync(txt)) {
        all.problems.push({ file: p.ann, line: 1, column: 1, message: `no ${basename(txt)} next to it; skipped`, severity: 'error' });
        continue;
      }
      const r = importBrat(p.id, readText(txt), readText(p.ann), p.ann);
      all.documents.push(...r.documents);
      all.problems.push(...r.problems);
    }
    return all;
  }
  const content = readFileSync(input, 'utf8');
  if (format === 'native') return importNative(content, input);
  if (format === 'doccano') return importDoccano(content, input, { offsetUnit: offsets });
  return importLabelStudio(content, input);
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
const reviewed = (a: Annotation) => a.state === 'manual' || a.state === 'accepted';

async function runImport(a: ParsedArgs): Promise<number> {
  const format = a.string('--format');
  if (!format || !(IMPORT_FORMAT_NAMES as readonly string[]).includes(format)) {
    throw callError(format ? `cannot import --format ${format} (importable: ${IMPORT_FORMAT_NAMES.join(', ')})` : '--format is required');
  }
  const into = a.string('--into');
  if (!into) throw callError('--into DIR is required');
  if (a.operands.length !== 1) throw callError('give exactly one FILE (or, for brat, a folder)');
  const input = a.operands[0];
  const offsets = a.string('--doccano-offsets') ?? 'codepoint';
  if (offsets !== 'codepoint' && offsets !== 'utf16') throw callError('--doccano-offsets must be codepoint or utf16');
  checkInputPaths([input], format === 'brat');
  const includeSuggestions = a.flag('--include-suggestions');
  const sidecarFolder = a.string('--sidecar-folder');
  const location = sidecarFolder ? { folder: resolve(sidecarFolder), root: process.cwd() } : {};

  let result: ImportResult;
  try {
    result = readImported(format, input, offsets);
  } catch (e) {
    throw new UsageError(`${input}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  for (const p of result.problems) process.stderr.write(formatProblem(p) + '\n');

  const now = new Date().toISOString();
  const spans: Record<string, number> = {};
  const skipped: string[] = [];
  let written = 0;
  let suggestionsLeft = 0;
  let orphaned = 0;
  let replaced = 0;
  const seen = new Set<string>();
  for (const doc of result.documents) {
    const bad = unsafeIdReason(doc.id);
    if (bad) {
      skipped.push(`${JSON.stringify(doc.id)}: ${bad}`);
      continue;
    }
    if (seen.has(doc.id)) {
      skipped.push(`${doc.id}: a second document with the same id`);
      continue;
    }
    seen.add(doc.id);
    const imported = includeSuggestions ? doc.annotations : doc.annotations.filter((a) => a.state !== 'auto');
    suggestionsLeft += doc.annotations.length - imported.length;
    const textPath = findText(into, doc.id);
    const res = await importOne(textPath, { ...doc, annotations: imported }, location, now);
    if (!res.ok) {
      skipped.push(`${doc.id}: ${res.reason}`);
      continue;
    }
    written++;
    orphaned += res.orphaned;
    replaced += res.replaced;
    for (const a of res.kept) spans[a.label] = (spans[a.label] ?? 0) + 1;
  }
  const labels = orderLabels(Object.keys(spans)).filter((l) => spans[l] !== undefined);
  const lines = [
    `policy-annotator import: ${result.documents.length} document(s) from ${input} (${format}) → ${into}`,
    `  sidecars written: ${written}`,
    `  spans: ${labels.length ? labels.map((l) => `${l} ${spans[l]}`).join(', ') : 'none'}`,
  ];
  if (replaced) lines.push(`  replaced existing overlapping annotations: ${replaced}`);
  if (orphaned) lines.push(`  orphaned (text differs, quote not found): ${orphaned}`);
  if (suggestionsLeft) lines.push(`  suggestions not imported (use --include-suggestions): ${suggestionsLeft}`);
  lines.push(`  skipped: ${skipped.length}`, ...skipped.map((s) => `    ${s}`));
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  if (errors) lines.push(`  problems in the input: ${errors} (listed above)`);
  process.stderr.write(lines.join('\n') + '\n');
  return written === 0 && (skipped.length > 0 || errors > 0) ? 1 : 0;
}

/** DIR/<id>, DIR/<id>.txt or DIR/<id>.md if one exists, else DIR/<id>.txt (to be written). */
function findText(into: string, id: string): string {
  const ext = extname(id).toLowerCase();
  const candidates = ext === '.txt' || ext === '.md' ? [id] : [`${id}.txt`, `${id}.md`];
  for (const c of candidates) if (existsSync(join(into, c))) return join(into, c);
  return join(into, candidates[0]);
}

async function importOne(
  textPath: string,
  doc: ImportedDocument,
  location: { folder?: string; root?: string },
  now: string,
): Promise<{ ok: true; kept: Annotation[]; orphaned: number; replaced: number } | { ok: false; reason: string }> {
  const into = resolve(textPath, '..');
  let text = doc.text;
  let annotations = doc.annotations;
  let orphans: StoredAnnotation[] = [];
  let newOrphans = 0;
  if (existsSync(textPath)) {
    text = readText(textPath);
    if (text !== doc.text) {
      // The text here differs from the tool's copy: find each span again by its quote.
      const data = toSidecarData(doc.text, basename(textPath), doc.annotations);
      const { document, report } = AnnotatedDocument.fromSidecar(text, { ...data, problems: [], unreadable: [] }, { now: () => now });
      annotations = document.all();
      orphans = [...document.orphans()];
      newOrphans = report.orphaned.length;
    }
  } else {
    writeUnder(into, { path: basename(textPath), content: text });
  }

  const sidecarPath = sidecarPathFor(location.folder ? resolve(textPath) : textPath, location);
  let unreadable: { line: number; text: string }[] = [];
  let replaced = 0;
  // The core's sidecar store (shared with the editor) reads it: temporary files of a killed save
  // are settled first (a complete one replaces a missing sidecar), and a sidecar that cannot be
  // read whole — unreadable, not UTF-8, a newer version, half-written — is refused.
  const read = await readSidecarFile(nodeFileSystem, sidecarPath, { recover: true });
  if (read.kind === 'refused') {
    process.stderr.write(formatProblem(read.problem) + '\n');
    return { ok: false, reason: read.reason }; // located on the line above
  }
  if (read.kind === 'read') {
    // Import also refuses to merge into a sidecar with broken lines: it writes many sidecars in
    // one go, and a person should look at a hand-edited one first. Left byte for byte as it is.
    const parsed = read.parsed;
    for (const p of parsed.problems) process.stderr.write(formatProblem(p) + '\n');
    const errors = parsed.problems.filter((p) => p.severity === 'error').length;
    if (errors) return { ok: false, reason: `${sidecarPath}: ${errors} error(s) (listed above); fix them and import again — the sidecar was left untouched` };
    const { document } = AnnotatedDocument.fromSidecar(text, parsed, { now: () => now });
    const existing = document.all();
    const incomingReviewed = annotations.filter(reviewed);
    const keep = existing.filter((e) => {
      const clash = reviewed(e) && incomingReviewed.some((a) => overlaps(a, e) && !(a.start === e.start && a.end === e.end && a.label === e.label));
      if (clash) replaced++;
      const duplicate = annotations.some((a) => a.start === e.start && a.end === e.end && a.label === e.label);
      return !clash && !duplicate;
    });
    annotations = [...keep, ...annotations];
    orphans = [...document.orphans(), ...orphans];
    unreadable = parsed.unreadable;
  }
  const data = toSidecarData(text, basename(textPath), annotations, orphans);
  await writeSidecarFile(nodeFileSystem, sidecarPath, serializeSidecar(data, unreadable));
  return { ok: true, kept: annotations, orphaned: newOrphans, replaced };
}
