// doccano sequence-labelling JSONL: one document per line,
//   {"id":"doc","text":"…","label":[[3,7,"ORG"],…]}
// This is doccano's import shape for sequence labelling (extra keys such as "id" become the
// example's metadata). Offsets are code points by default, which is what Python (spaCy,
// doccano's backend) slices by. doccano's browser UI counts UTF-16 units unless the project
// counts grapheme clusters (doccano issue #2290), so `offsetUnit: 'utf16'` is offered for texts
// with characters outside the BMP that will be reviewed in doccano's UI. On import, the
// "label"/"labels"/"entities" keys of doccano's different versions are all understood.
//
// What doccano's span list cannot hold travels in extra keys, which doccano keeps as the example's
// metadata and writes back on export:
//   "review": [{"start","end","label","state","value"?}, …] — one entry per "label" entry, same
//             order and offsets: the review state (manual/accepted/auto) and a NUM's value;
//   "offset_unit": "utf16" — only in `--doccano-offsets utf16` files, so the file says its unit
//             (and import uses it whatever --doccano-offsets says).
// doccano's import drops overlapping spans unless the project allows overlapping entities
// (backend/data_import/pipeline/cleaners.py, SpanCleaner: spans sorted by start, a span kept when
// it starts at or after the end of the last kept one); the export warns about each span that
// rule drops, and the summary says how many.
import type { NumberValue, Problem } from '../types';
import { OffsetMap } from '../text/offsets';
import { isAnnotationState, type Annotation } from '../annotations/model';
import { jsonlTextRecords, isObject } from '../annotations/json-located';
import {
  selectAnnotations, countLabels, idFrom, numberValueFrom, dedupeAnnotations, resolveOffsets, joinRecords, jsonLinesFile,
  type Exporter, type ExportDocument, type ExportOptions, type ImportResult, type ImportedDocument, type OffsetUnit,
} from './common';

export interface DoccanoOptions {
  /** Default 'codepoint'. */
  offsetUnit?: OffsetUnit;
}

export interface DoccanoReview {
  start: number;
  end: number;
  label: string;
  state: Annotation['state'];
  value?: NumberValue;
}

export interface DoccanoRecord {
  id: string;
  text: string;
  label: [number, number, string][];
  review?: DoccanoReview[];
  offset_unit?: 'utf16';
}

export function toDoccanoRecord(doc: ExportDocument, options: ExportOptions & DoccanoOptions = {}): DoccanoRecord {
  const map = new OffsetMap(doc.text);
  const conv = options.offsetUnit === 'utf16' ? (u: number) => u : (u: number) => map.toCodePoint(u);
  const selected = selectAnnotations(doc, options);
  const rec: DoccanoRecord = { id: doc.id, text: doc.text, label: selected.map((a) => [conv(a.start), conv(a.end), a.label]) };
  if (selected.length) {
    rec.review = selected.map((a) => ({ start: conv(a.start), end: conv(a.end), label: a.label, state: a.state, ...(a.value ? { value: a.value } : {}) }));
  }
  if (options.offsetUnit === 'utf16') rec.offset_unit = 'utf16';
  return rec;
}

/**
 * The spans doccano's import drops in a project that does not allow overlapping entities (the
 * default): its SpanCleaner sorts spans by start (a stable sort) and keeps a span only when it
 * starts at or after the end of the last span kept. Returns [dropped, the kept span it overlaps].
 */
export function doccanoDroppedOverlaps(label: readonly [number, number, string][]): [[number, number, string], [number, number, string]][] {
  const sorted = [...label].sort((a, b) => a[0] - b[0]);
  const out: [[number, number, string], [number, number, string]][] = [];
  let last: [number, number, string] | undefined;
  for (const span of sorted) {
    if (!last || span[0] >= last[1]) last = span;
    else out.push([span, last]);
  }
  return out;
}

/** Summary counter: spans a default doccano project drops. */
export const DOCCANO_OVERLAP_COUNTER = 'doccano-overlap-dropped';

const DOCCANO_FILE = jsonLinesFile('doccano.jsonl');

export function doccanoExporter(formatOptions: DoccanoOptions = {}): Exporter {
  return {
    name: 'doccano',
    recordsFile: DOCCANO_FILE,
    document(doc, options) {
      const rec = toDoccanoRecord(doc, { ...options, ...formatOptions });
      const unit = rec.offset_unit === 'utf16' ? 'UTF-16 units' : 'code points';
      const show = ([s, e, l]: [number, number, string]) => `${l} [${s}, ${e})`;
      const dropped = doccanoDroppedOverlaps(rec.label);
      const warnings = dropped.map(
        ([d, kept]) => `${doc.id}: ${show(d)} overlaps ${show(kept)} (${unit}); a doccano project without "Allow overlapping entity" drops ${show(d)} on import`,
      );
      return {
        records: [JSON.stringify(rec)],
        files: [],
        warnings,
        spansPerLabel: countLabels(rec.label.map(([, , label]) => ({ label }))),
        ...(dropped.length ? { counters: { [DOCCANO_OVERLAP_COUNTER]: dropped.length } } : {}),
      };
    },
    collection(records) {
      return [{ path: DOCCANO_FILE.path, content: joinRecords(DOCCANO_FILE, records) }];
    },
  };
}

/** Reads doccano JSONL; spans become manual annotations (a person made them in doccano), unless our "review" metadata gives their state. */
export function importDoccano(content: string, file: string, options: DoccanoOptions = {}): ImportResult {
  const optionUnit = options.offsetUnit ?? 'codepoint';
  const problems: Problem[] = [];
  const documents: ImportedDocument[] = [];
  const report = (line: number, column: number, message: string, severity: Problem['severity'] = 'error') =>
    problems.push({ file, line, column, message, severity });
  for (const { line, raw, o } of jsonlTextRecords(content, report)) {
    const meta = isObject(o.meta) ? o.meta : {};
    const id = idFrom(o.id) ?? idFrom(o.doc_id) ?? idFrom(meta.id) ?? `line-${line}`;
    const key = ['label', 'labels', 'entities'].find((k) => o[k] !== undefined);
    const col = Math.max(1, key ? raw.indexOf(`"${key}"`) + 1 : 1);
    const list = key ? o[key] : [];
    if (!Array.isArray(list)) {
      report(line, col, `"${key}" must be an array of [start, end, label]`);
      continue;
    }
    const text = o.text;
    const map = new OffsetMap(text);
    const annotations: Annotation[] = [];
    // A file that says its unit is read in that unit (a record's own key, else the option).
    const said = o.offset_unit ?? meta.offset_unit;
    const unit: OffsetUnit = said === 'utf16' || said === 'codepoint' ? said : optionUnit;
    if (said !== undefined && said !== 'utf16' && said !== 'codepoint') report(line, 1, `unknown "offset_unit" ${JSON.stringify(said)}; using ${optionUnit}`, 'warning');
    // Our "review" entries give states and values back (doccano keeps them as metadata).
    const reviewList = Array.isArray(o.review) ? o.review : Array.isArray(meta.review) ? meta.review : [];
    const review = new Map<string, { state?: Annotation['state']; value?: NumberValue }>();
    for (const r of reviewList) {
      if (!isObject(r)) continue;
      const state = isAnnotationState(r.state) && r.state !== 'rejected' ? r.state : undefined;
      const value = numberValueFrom(r.value);
      review.set(`${String(r.start)}:${String(r.end)}:${String(r.label)}`, { ...(state ? { state } : {}), ...(value ? { value } : {}) });
    }
    list.forEach((item, k) => {
      // [start, end, label] (sequence labelling) or {start_offset, end_offset, label} (doccano ≥ 1.6 "entities").
      const [start, end, label] = Array.isArray(item) ? item : isObject(item) ? [item.start_offset, item.end_offset, item.label] : [];
      if (typeof label !== 'string' || label === '') return report(line, col, `${key}[${k}]: expected [start, end, "LABEL"]`);
      const r = resolveOffsets(text, map, start, end, unit);
      if (!r.ok) return report(line, col, `${key}[${k}]: ${r.message}`);
      const rv = review.get(`${String(start)}:${String(end)}:${label}`);
      annotations.push({ start: r.start, end: r.end, label, state: rv?.state ?? 'manual', ...(rv?.value ? { value: rv.value } : {}) });
    });
    documents.push({ id, text, annotations: dedupeAnnotations(annotations) });
  }
  return { documents, problems };
}
