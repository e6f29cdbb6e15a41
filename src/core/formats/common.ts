// What every dataset format shares: the document shape handed to exporters, the state filter,
// the shape importers return, and the id rule that keeps exports inside their output folder.
// Offsets here are UTF-16 (core's convention); each format converts at its own boundary with
// OffsetMap, following that format's documented offset rule.
import type { NumberValue, Problem } from '../types';
import { REVIEWED_STATES, compareAnnotations, type Annotation, type AnnotationState } from '../annotations/model';

/** A document to export: its id (becomes file names in some formats), text and annotations. */
export interface ExportDocument {
  id: string;
  text: string;
  /** UTF-16 offsets into `text`. */
  annotations: readonly Annotation[];
  /** 1-based position in the export's input (Label Studio's task `id`); 1 when not given. */
  ordinal?: number;
}

export interface ExportOptions {
  /** States to export; default manual + accepted. 'rejected' is never exported, whatever is asked. */
  states?: readonly AnnotationState[];
}

/** A file an exporter wants written, relative to the output folder ('/' separators). */
export interface OutputFile {
  path: string;
  content: string;
}

/**
 * What an exporter makes of one document: `records` go into the collection file (one JSONL
 * line or array element each, in document order); `files` are written on their own.
 */
export interface DocumentOutput {
  records: string[];
  files: OutputFile[];
  /** Things the format cannot represent (e.g. overlapping spans in BIO); the export goes on. */
  warnings: string[];
  /** Spans written, per label (for the summary). */
  spansPerLabel: Record<string, number>;
  /** Format-specific counts the summary turns into notes (e.g. spans doccano would drop). */
  counters?: Record<string, number>;
}

export interface Exporter {
  readonly name: FormatName;
  /** Per-document output. */
  document(doc: ExportDocument, options?: ExportOptions): DocumentOutput;
  /** Collection-level files from all records (in document order) and every label seen or configured. */
  collection(records: readonly string[], labels: readonly string[]): OutputFile[];
  /** The collection file the records make up, for formats that have one: a writer can then
   *  stream records to disk as documents finish instead of holding a whole corpus in memory.
   *  collection() renders the same file with {@link joinRecords}. */
  readonly recordsFile?: RecordsFile;
}

/** A file made of `head`, the records joined by `separator`, and `tail`; `empty` when there are no records. */
export interface RecordsFile {
  readonly path: string;
  readonly head: string;
  readonly separator: string;
  readonly tail: string;
  readonly empty: string;
}

/** The content of `file` for `records` (what a streaming writer writes piece by piece). */
export function joinRecords(file: RecordsFile, records: readonly string[]): string {
  return records.length ? file.head + records.join(file.separator) + file.tail : file.empty;
}

/** JSON Lines: one record per line, each line ended. */
export function jsonLinesFile(path: string): RecordsFile {
  return { path, head: '', separator: '\n', tail: '\n', empty: '' };
}

export type FormatName = 'native' | 'doccano' | 'label-studio' | 'brat' | 'conll';
export const FORMAT_NAMES: readonly FormatName[] = ['native', 'doccano', 'label-studio', 'brat', 'conll'];
/** Formats that can be read back (CoNLL loses too much: whitespace, states, values). */
export const IMPORT_FORMAT_NAMES: readonly FormatName[] = ['native', 'doccano', 'label-studio', 'brat'];

export interface ImportedDocument {
  id: string;
  text: string;
  /** UTF-16 offsets into `text`, sorted. */
  annotations: Annotation[];
}

export interface ImportResult {
  documents: ImportedDocument[];
  /** Located problems; a bad record or span is skipped, the rest still imports. */
  problems: Problem[];
}

/** The annotations of `doc` that go out under `options`, sorted; rejected never. */
export function selectAnnotations(doc: ExportDocument, options: ExportOptions = {}): Annotation[] {
  const states = new Set(options.states ?? REVIEWED_STATES);
  states.delete('rejected');
  return doc.annotations.filter((a) => states.has(a.state) && a.end > a.start).sort(compareAnnotations);
}

export function countLabels(annotations: readonly { label: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of annotations) out[a.label] = (out[a.label] ?? 0) + 1;
  return out;
}

export function emptyOutput(): DocumentOutput {
  return { records: [], files: [], warnings: [], spansPerLabel: {} };
}

/**
 * Why an id cannot be used as a relative file path, or undefined when it can. Exports write
 * `<out>/<id>.<ext>`, so an id must not climb out of the output folder or name an absolute path.
 */
export function unsafeIdReason(id: string): string | undefined {
  if (id === '') return 'empty id';
  if (/[\u0000-\u001f]/.test(id)) return 'control character in id';
  if (id.startsWith('/') || id.startsWith('\\') || /^[A-Za-z]:/.test(id)) return 'absolute path as id';
  const parts = id.split(/[\\/]/);
  if (parts.some((p) => p === '..')) return "'..' in id";
  if (parts.some((p) => p === '' || p === '.')) return 'empty or "." path segment in id';
  return undefined;
}

/** Ids are strings in our formats; numbers from other tools are accepted and turned into strings. */
export function idFrom(v: unknown): string | undefined {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

const NUMBER_KINDS = new Set(['quantity', 'money', 'percent', 'date', 'ordinal', 'duration', 'area', 'level']);

/** A NumberValue read from foreign JSON, or undefined when it does not have the shape. */
export function numberValueFrom(v: unknown): NumberValue | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.value !== 'number' || typeof o.unit !== 'string' || typeof o.kind !== 'string' || !NUMBER_KINDS.has(o.kind)) return undefined;
  return o as unknown as NumberValue;
}

/** Drops exact duplicates (same start, end, label), keeping the first; sorts. */
export function dedupeAnnotations(list: Annotation[]): Annotation[] {
  const seen = new Set<string>();
  return list.sort(compareAnnotations).filter((a) => {
    const k = `${a.start}:${a.end}:${a.label}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export type OffsetUnit = 'codepoint' | 'utf16';

/**
 * Turns a foreign [start, end) into UTF-16 offsets of `text`. `unit` is the format's rule; when
 * the format also stores the span's text (`expected`) and it does not match under that rule but
 * matches under the other one, the other one is used and `fellBack` is set — tools that slice
 * JavaScript strings (older Label Studio, doccano's default) write UTF-16 offsets by mistake.
 */
export function resolveOffsets(
  text: string,
  map: { toUtf16(cp: number): number; codePointLength: number },
  start: unknown,
  end: unknown,
  unit: OffsetUnit,
  expected?: string,
  /** How the stored text is compared with the document's (default: equal). */
  same: (actual: string, expected: string) => boolean = (a, b) => a === b,
): { ok: true; start: number; end: number; fellBack: boolean; textMismatch: boolean } | { ok: false; message: string } {
  if (typeof start !== 'number' || typeof end !== 'number' || !Number.isInteger(start) || !Number.isInteger(end) || start < 0) {
    return { ok: false, message: 'start and end must be non-negative integers' };
  }
  if (end <= start) return { ok: false, message: `end (${end}) must be greater than start (${start})` };
  const limit = unit === 'codepoint' ? map.codePointLength : text.length;
  const convert = (u: OffsetUnit) => (u === 'codepoint' ? [map.toUtf16(start), map.toUtf16(end)] : [start, end]);
  const [s, e] = convert(unit);
  if (end > limit) {
    return { ok: false, message: `span [${start}, ${end}) is beyond the end of the text (${limit} ${unit === 'codepoint' ? 'code points' : 'UTF-16 units'})` };
  }
  if (expected === undefined || same(text.slice(s, e), expected)) return { ok: true, start: s, end: e, fellBack: false, textMismatch: false };
  const other: OffsetUnit = unit === 'codepoint' ? 'utf16' : 'codepoint';
  const [s2, e2] = convert(other);
  if (end <= (other === 'codepoint' ? map.codePointLength : text.length) && same(text.slice(s2, e2), expected)) return { ok: true, start: s2, end: e2, fellBack: true, textMismatch: false };
  return { ok: true, start: s, end: e, fellBack: false, textMismatch: true };
}

// ---------------------------------------------------------------------------------------------
// Labels from other tools in formats with a closed label alphabet
//
// brat's annotation.conf and its type check only take [A-Za-z0-9_-] (projectconfig.py turns
// anything else into '_', so `Person Name` and `Person-Name` would collide), and CoNLL readers
// split columns on whitespace (spaCy reads `B-Person Name` as `Person`). Such labels are written
// in a reversible form: a label made of [A-Za-z0-9_-] without "__" is kept as it is (NUM, ORG,
// TERM, GPE_LOC, Person-Name); any other label keeps its ASCII letters, digits and '-' and writes
// every other code point — '_' too — as `__HEX_` (upper-case hex of the code point):
// `Person Name` → `Person__20_Name`, `政府机构` → `__653F___5E9C___673A___6784_`. A kept label never
// contains "__" and an encoded one always does, so decoding is unambiguous.

const SAFE_LABEL = /^[A-Za-z0-9_-]+$/;

/** `label` as brat types and CoNLL tags can hold it (reversible with {@link decodeLabel}). */
export function encodeLabel(label: string): string {
  if (SAFE_LABEL.test(label) && !label.includes('__')) return label;
  let out = '';
  for (const ch of label) out += /^[A-Za-z0-9-]$/.test(ch) ? ch : `__${ch.codePointAt(0)!.toString(16).toUpperCase()}_`;
  return out;
}

/** The label {@link encodeLabel} encoded; other labels come back unchanged. */
export function decodeLabel(written: string): string {
  if (!written.includes('__')) return written;
  return written.replace(/__([0-9A-F]{1,6})_/g, (m, hex: string) => {
    const cp = parseInt(hex, 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}
