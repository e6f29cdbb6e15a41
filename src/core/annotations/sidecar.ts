/**
 * The sidecar file: a document's annotations stored next to it as plain text.
 *
 * Name and location: the annotations of `FILE.txt` live in `FILE.txt.annotations.jsonl` in the
 * same folder (the full file name is kept so `a.txt` and `a.md` never share a sidecar). When the
 * `policyAnnotator.sidecarFolder` setting names a folder, sidecars go there instead, under the
 * document's path relative to the workspace root: `<folder>/<relative path>.annotations.jsonl`.
 * {@link sidecarPathFor} computes both; docs/sidecar.md is the user-facing description.
 *
 * Format (JSON Lines, UTF-8, `\n` line ends), chosen for clean `git diff`s:
 * - line 1, the header: `{"format":"policy-annotator-sidecar","version":1,"document":"FILE.txt",
 *   "textHash":"sha256:…","codePoints":N}` — the hash of the text the offsets refer to;
 * - one line per annotation, sorted by start, end, label, state:
 *   `{"start":12,"end":16,"label":"ORG","state":"manual","quote":{"exact":"南瑞集团","prefix":"…",
 *   "suffix":"…"},"author":"li","time":"2024-05-01T08:00:00.000Z","value":{…}}`
 *   with `start`/`end` in Unicode code points (end exclusive) and a W3C TextQuoteSelector;
 * - orphaned annotations (text not found after an outside change) last, one per line, marked
 *   with `"orphanedAt"` and their last known offsets.
 *
 * Reading never loses data: a line that cannot be understood is reported with its line and
 * column and kept verbatim, so writing the sidecar back keeps it; unknown fields are kept too.
 * A header with a newer `version` is refused (see {@link ParsedSidecar.refused}); callers must
 * then leave the file untouched.
 */
import type { NumberValue, Problem } from '../types';
import { OffsetMap } from '../text/offsets';
import { isAnnotationState, compareAnnotations, type Annotation, type AnnotationState, type QuoteSelector } from './model';
import { quoteOf } from './quote';
import { textHash } from './hash';
import { parseJsonLocated, isObject, jsonLines, type JsonValue } from './json-located';

export const SIDECAR_FORMAT = 'policy-annotator-sidecar';
/** The newest sidecar format version this code reads and the one it writes. */
export const SIDECAR_VERSION = 1;
export const SIDECAR_SUFFIX = '.annotations.jsonl';

export interface SidecarHeader {
  format: typeof SIDECAR_FORMAT;
  version: number;
  /** File name of the annotated document, for people reading the sidecar (the location rule, not this field, pairs the two). */
  document: string;
  /** `sha256:<hex>` of the UTF-8 text the offsets refer to (see hash.ts). */
  textHash: string;
  /** Code point length of that text (a cheap first check, and a hint when reading by hand). */
  codePoints?: number;
  /** Fields this version does not know, kept for writing back. */
  extra?: Record<string, JsonValue>;
}

/** One annotation as stored: code point offsets plus the quote that re-finds it. */
export interface StoredAnnotation {
  start: number;
  end: number;
  label: string;
  state: AnnotationState;
  quote: QuoteSelector;
  author?: string;
  time?: string;
  value?: NumberValue;
  /** Set on orphans: when the annotation lost its text. */
  orphanedAt?: string;
  extra?: Record<string, JsonValue>;
}

export interface SidecarData {
  header: SidecarHeader;
  annotations: StoredAnnotation[];
  /** Annotations whose text is gone; `orphanedAt` set. */
  orphans: StoredAnnotation[];
}

export interface ParsedSidecar extends SidecarData {
  problems: Problem[];
  /** Lines that could not be read, verbatim with their line numbers; serialize keeps them. */
  unreadable: { line: number; text: string }[];
  /** Set when the file must not be interpreted nor overwritten (e.g. a newer format version). */
  refused?: string;
  /** The newer format version a refused file declares (with `refused`). */
  newerVersion?: number;
}

// ---------------------------------------------------------------------------------------------
// Paths

export interface SidecarLocation {
  /** Folder collecting all sidecars (the setting); absent: next to the document. */
  folder?: string;
  /** Workspace root the document path is taken relative to when `folder` is set. */
  root?: string;
}

const slashes = (p: string) => p.replace(/\\/g, '/');

/** Where the sidecar of `documentPath` lives. Pure string work ('/' or '\\' separators), no I/O. */
export function sidecarPathFor(documentPath: string, location: SidecarLocation = {}): string {
  if (!location.folder) return documentPath + SIDECAR_SUFFIX;
  const doc = slashes(documentPath);
  const folder = slashes(location.folder).replace(/\/+$/, '');
  const root = location.root ? slashes(location.root).replace(/\/+$/, '') + '/' : undefined;
  const rel = root && doc.startsWith(root) ? doc.slice(root.length) : doc.slice(doc.lastIndexOf('/') + 1);
  return `${folder}/${rel}${SIDECAR_SUFFIX}`;
}

export function isSidecarPath(path: string): boolean {
  return path.endsWith(SIDECAR_SUFFIX);
}

// ---------------------------------------------------------------------------------------------
// Building from in-memory annotations (UTF-16) and back

/** The stored form of annotations on `text` (UTF-16 offsets → code points, quotes taken from the text). */
export function toSidecarData(
  text: string,
  documentPath: string,
  annotations: readonly Annotation[],
  /** Orphans keep their stored form (code point offsets into the text they were made on). */
  orphans: readonly StoredAnnotation[] = [],
): SidecarData {
  const map = new OffsetMap(text);
  const stored = annotations.map((a): StoredAnnotation => ({
    start: map.toCodePoint(a.start),
    end: map.toCodePoint(a.end),
    label: a.label,
    state: a.state,
    quote: quoteOf(text, a.start, a.end),
    ...(a.author !== undefined ? { author: a.author } : {}),
    ...(a.time !== undefined ? { time: a.time } : {}),
    ...(a.value !== undefined ? { value: a.value } : {}),
  }));
  return {
    header: { format: SIDECAR_FORMAT, version: SIDECAR_VERSION, document: documentPath, textHash: textHash(text), codePoints: map.codePointLength },
    annotations: stored,
    orphans: orphans.map((o) => ({ ...o })),
  };
}

// ---------------------------------------------------------------------------------------------
// Serialize

function compareStored(a: StoredAnnotation, b: StoredAnnotation): number {
  return compareAnnotations(a as unknown as Annotation, b as unknown as Annotation) ||
    (a.author ?? '').localeCompare(b.author ?? '') || (a.time ?? '').localeCompare(b.time ?? '');
}

function annotationLine(a: StoredAnnotation): string {
  // Fixed key order: JSON.stringify keeps insertion order, which is what makes diffs stable.
  const o: Record<string, unknown> = {};
  if (a.orphanedAt !== undefined) o.orphanedAt = a.orphanedAt;
  o.start = a.start;
  o.end = a.end;
  o.label = a.label;
  o.state = a.state;
  o.quote = { exact: a.quote.exact, prefix: a.quote.prefix, suffix: a.quote.suffix };
  if (a.author !== undefined) o.author = a.author;
  if (a.time !== undefined) o.time = a.time;
  if (a.value !== undefined) o.value = a.value;
  for (const [k, v] of Object.entries(a.extra ?? {})) if (!(k in o)) o[k] = v;
  return JSON.stringify(o);
}

/** The sidecar text: header, annotations sorted, orphans sorted, then unreadable lines verbatim. */
export function serializeSidecar(data: SidecarData, unreadable: readonly { text: string }[] = []): string {
  const h = data.header;
  const header: Record<string, unknown> = { format: SIDECAR_FORMAT, version: h.version, document: h.document, textHash: h.textHash };
  if (h.codePoints !== undefined) header.codePoints = h.codePoints;
  for (const [k, v] of Object.entries(h.extra ?? {})) if (!(k in header)) header[k] = v;
  const lines = [JSON.stringify(header)];
  for (const a of [...data.annotations].sort(compareStored)) lines.push(annotationLine({ ...a, orphanedAt: undefined }));
  for (const a of [...data.orphans].sort(compareStored)) lines.push(annotationLine({ ...a, orphanedAt: a.orphanedAt ?? '' }));
  for (const u of unreadable) lines.push(u.text);
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Parse

const HEADER_FIELDS = new Set(['format', 'version', 'document', 'textHash', 'codePoints']);
const ANNOTATION_FIELDS = new Set(['orphanedAt', 'start', 'end', 'label', 'state', 'quote', 'author', 'time', 'value']);
const NUMBER_KINDS = new Set(['quantity', 'money', 'percent', 'date', 'ordinal', 'duration', 'area', 'level']);

/** Column (1-based) of `"key"` in a line, to point at the offending field; 1 if not found. */
function columnOfKey(line: string, key: string): number {
  const i = line.indexOf(JSON.stringify(key));
  return i < 0 ? 1 : i + 1;
}

function extraFields(o: Record<string, JsonValue>, known: Set<string>): Record<string, JsonValue> | undefined {
  const extra: Record<string, JsonValue> = {};
  let any = false;
  for (const k of Object.keys(o)) {
    if (!known.has(k)) {
      extra[k] = o[k];
      any = true;
    }
  }
  return any ? extra : undefined;
}

/** Validates one annotation object; returns the problem (field + message) or the annotation. */
function readAnnotation(o: Record<string, JsonValue>): StoredAnnotation | { field: string; message: string } {
  const { start, end, label, state, quote, author, time, value, orphanedAt } = o;
  const isOffset = (v: JsonValue | undefined) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  if (!isOffset(start)) return { field: 'start', message: '"start" must be a non-negative integer (code points)' };
  if (!isOffset(end)) return { field: 'end', message: '"end" must be a non-negative integer (code points)' };
  if ((end as number) <= (start as number)) return { field: 'end', message: '"end" must be greater than "start"' };
  if (typeof label !== 'string' || label === '') return { field: 'label', message: '"label" must be a non-empty string' };
  if (!isAnnotationState(state)) return { field: 'state', message: '"state" must be one of manual, accepted, rejected, auto' };
  if (!isObject(quote) || typeof quote.exact !== 'string') return { field: 'quote', message: '"quote" must be an object with a string "exact"' };
  if ((quote.prefix !== undefined && typeof quote.prefix !== 'string') || (quote.suffix !== undefined && typeof quote.suffix !== 'string')) {
    return { field: 'quote', message: '"quote.prefix" and "quote.suffix" must be strings' };
  }
  if (author !== undefined && typeof author !== 'string') return { field: 'author', message: '"author" must be a string' };
  if (time !== undefined && typeof time !== 'string') return { field: 'time', message: '"time" must be an ISO 8601 string' };
  if (orphanedAt !== undefined && typeof orphanedAt !== 'string') return { field: 'orphanedAt', message: '"orphanedAt" must be a string' };
  if (value !== undefined) {
    if (!isObject(value) || typeof value.value !== 'number' || typeof value.unit !== 'string' || typeof value.kind !== 'string' || !NUMBER_KINDS.has(value.kind)) {
      return { field: 'value', message: '"value" must be a number reading {"value": number, "unit": string, "kind": …}' };
    }
  }
  return {
    start: start as number,
    end: end as number,
    label,
    state,
    quote: { exact: quote.exact, prefix: (quote.prefix as string | undefined) ?? '', suffix: (quote.suffix as string | undefined) ?? '' },
    ...(author !== undefined ? { author: author as string } : {}),
    ...(time !== undefined ? { time: time as string } : {}),
    ...(value !== undefined ? { value: value as unknown as NumberValue } : {}),
    ...(orphanedAt !== undefined ? { orphanedAt: orphanedAt as string } : {}),
    ...(extraFields(o, ANNOTATION_FIELDS) ? { extra: extraFields(o, ANNOTATION_FIELDS) } : {}),
  };
}

/** Reads a sidecar; every problem is located (file, line, column) and no line is dropped. */
export function parseSidecar(text: string, file: string): ParsedSidecar {
  const problems: Problem[] = [];
  const unreadable: { line: number; text: string }[] = [];
  const result: ParsedSidecar = {
    header: { format: SIDECAR_FORMAT, version: SIDECAR_VERSION, document: '', textHash: '' },
    annotations: [],
    orphans: [],
    problems,
    unreadable,
  };
  const report = (line: number, column: number, message: string, severity: Problem['severity'] = 'error') =>
    problems.push({ file, line, column, message, severity });

  const lines = jsonLines(text);
  let sawHeader = false;
  for (let n = 0; n < lines.length; n++) {
    const { line, text: raw } = lines[n];
    if (raw.trim() === '') continue;
    if (result.refused) {
      unreadable.push({ line, text: raw });
      continue;
    }
    const parsed = parseJsonLocated(raw);
    if (!parsed.ok) {
      report(line, parsed.offset + 1, `invalid JSON: ${parsed.message}`);
      unreadable.push({ line, text: raw });
      continue;
    }
    const o = parsed.value;
    if (!isObject(o)) {
      report(line, 1, 'expected a JSON object');
      unreadable.push({ line, text: raw });
      continue;
    }
    if (!sawHeader) {
      sawHeader = true;
      if (o.format === SIDECAR_FORMAT) {
        const version = o.version;
        if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
          report(line, columnOfKey(raw, 'version'), '"version" must be a positive integer');
        } else if (version > SIDECAR_VERSION) {
          result.newerVersion = version;
          result.refused = `sidecar format version ${version} is newer than this version of Policy Annotator reads (${SIDECAR_VERSION}); update Policy Annotator — the file was left untouched`;
          report(line, columnOfKey(raw, 'version'), result.refused);
          unreadable.push({ line, text: raw });
          continue;
        }
        if (typeof o.document === 'string') result.header.document = o.document;
        else report(line, columnOfKey(raw, 'document'), '"document" must be a string', 'warning');
        if (typeof o.textHash === 'string') result.header.textHash = o.textHash;
        else report(line, columnOfKey(raw, 'textHash'), '"textHash" must be a string (annotations will be re-anchored by quote)', 'warning');
        if (typeof o.codePoints === 'number') result.header.codePoints = o.codePoints;
        const extra = extraFields(o, HEADER_FIELDS);
        if (extra) result.header.extra = extra;
        continue;
      }
      report(line, 1, `missing header line {"format":"${SIDECAR_FORMAT}","version":…}; reading the annotations anyway`, 'warning');
    }
    if (o.format !== undefined) {
      report(line, columnOfKey(raw, 'format'), 'a second header line; only the first one counts');
      unreadable.push({ line, text: raw });
      continue;
    }
    const a = readAnnotation(o);
    if ('field' in a) {
      report(line, columnOfKey(raw, a.field), a.message);
      unreadable.push({ line, text: raw });
      continue;
    }
    if (a.extra) report(line, columnOfKey(raw, Object.keys(a.extra)[0]), `unknown field(s) ${Object.keys(a.extra).join(', ')} kept as they are`, 'warning');
    if (a.orphanedAt !== undefined) result.orphans.push(a);
    else result.annotations.push(a);
  }
  return result;
}
