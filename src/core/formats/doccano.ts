// doccano sequence-labelling JSONL: one document per line,
//   {"id":"doc","text":"…","label":[[3,7,"ORG"],…]}
// This is doccano's import shape for sequence labelling (extra keys such as "id" become the
// example's metadata). Offsets are code points by default, which is what Python (spaCy,
// doccano's backend) slices by. doccano's browser UI counts UTF-16 units unless the project
// counts grapheme clusters (doccano issue #2290), so `offsetUnit: 'utf16'` is offered for texts
// with characters outside the BMP that will be reviewed in doccano's UI. On import, the
// "label"/"labels"/"entities" keys of doccano's different versions are all understood.
import type { Problem } from '../types';
import { OffsetMap } from '../text/offsets';
import type { Annotation } from '../annotations/model';
import { jsonlTextRecords, isObject } from '../annotations/json-located';
import {
  selectAnnotations, countLabels, idFrom, dedupeAnnotations, resolveOffsets, joinRecords, jsonLinesFile,
  type Exporter, type ExportDocument, type ExportOptions, type ImportResult, type ImportedDocument, type OffsetUnit,
} from './common';

export interface DoccanoOptions {
  /** Default 'codepoint'. */
  offsetUnit?: OffsetUnit;
}

export function toDoccanoRecord(doc: ExportDocument, options: ExportOptions & DoccanoOptions = {}): { id: string; text: string; label: [number, number, string][] } {
  const map = new OffsetMap(doc.text);
  const conv = options.offsetUnit === 'utf16' ? (u: number) => u : (u: number) => map.toCodePoint(u);
  return { id: doc.id, text: doc.text, label: selectAnnotations(doc, options).map((a) => [conv(a.start), conv(a.end), a.label]) };
}

const DOCCANO_FILE = jsonLinesFile('doccano.jsonl');

export function doccanoExporter(formatOptions: DoccanoOptions = {}): Exporter {
  return {
    name: 'doccano',
    recordsFile: DOCCANO_FILE,
    document(doc, options) {
      const rec = toDoccanoRecord(doc, { ...options, ...formatOptions });
      return { records: [JSON.stringify(rec)], files: [], warnings: [], spansPerLabel: countLabels(rec.label.map(([, , label]) => ({ label }))) };
    },
    collection(records) {
      return [{ path: DOCCANO_FILE.path, content: joinRecords(DOCCANO_FILE, records) }];
    },
  };
}

/** Reads doccano JSONL; spans become manual annotations (a person made them in doccano). */
export function importDoccano(content: string, file: string, options: DoccanoOptions = {}): ImportResult {
  const unit = options.offsetUnit ?? 'codepoint';
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
    list.forEach((item, k) => {
      // [start, end, label] (sequence labelling) or {start_offset, end_offset, label} (doccano ≥ 1.6 "entities").
      const [start, end, label] = Array.isArray(item) ? item : isObject(item) ? [item.start_offset, item.end_offset, item.label] : [];
      if (typeof label !== 'string' || label === '') return report(line, col, `${key}[${k}]: expected [start, end, "LABEL"]`);
      const r = resolveOffsets(text, map, start, end, unit);
      if (!r.ok) return report(line, col, `${key}[${k}]: ${r.message}`);
      annotations.push({ start: r.start, end: r.end, label, state: 'manual' });
    });
    documents.push({ id, text, annotations: dedupeAnnotations(annotations) });
  }
  return { documents, problems };
}
