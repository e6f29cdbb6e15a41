// Native JSONL: one document per line,
//   {"id":"doc","text":"…","spans":[{"start":3,"end":7,"label":"ORG","state":"manual","value":{…}}]}
// with Unicode code point offsets, end exclusive — the shape of ../shared/corpus/*.gold.jsonl
// (plus `state` and `value`), so our exports can be scored against gold directly.
import type { Problem } from '../types';
import { OffsetMap } from '../text/offsets';
import { isAnnotationState, type Annotation } from '../annotations/model';
import { jsonlTextRecords, isObject } from '../annotations/json-located';
import {
  selectAnnotations, countLabels, idFrom, joinRecords, jsonLinesFile, numberValueFrom, dedupeAnnotations, resolveOffsets,
  type Exporter, type ExportDocument, type ExportOptions, type DocumentOutput, type ImportResult, type ImportedDocument,
} from './common';

export interface NativeSpan {
  start: number;
  end: number;
  label: string;
  state: Annotation['state'];
  value?: Annotation['value'];
}

export interface NativeRecord {
  id: string;
  text: string;
  spans: NativeSpan[];
}

export function toNativeRecord(doc: ExportDocument, options: ExportOptions = {}): NativeRecord {
  const map = new OffsetMap(doc.text);
  return {
    id: doc.id,
    text: doc.text,
    spans: selectAnnotations(doc, options).map((a) => ({
      start: map.toCodePoint(a.start),
      end: map.toCodePoint(a.end),
      label: a.label,
      state: a.state,
      ...(a.value ? { value: a.value } : {}),
    })),
  };
}

const NATIVE_FILE = jsonLinesFile('documents.jsonl');

export const nativeExporter: Exporter = {
  name: 'native',
  recordsFile: NATIVE_FILE,
  document(doc, options): DocumentOutput {
    const rec = toNativeRecord(doc, options);
    return { records: [JSON.stringify(rec)], files: [], warnings: [], spansPerLabel: countLabels(rec.spans) };
  },
  collection(records) {
    return [{ path: NATIVE_FILE.path, content: joinRecords(NATIVE_FILE, records) }];
  },
};

/** Reads native JSONL (gold files too: `optional` is accepted and ignored; a missing state means manual). */
export function importNative(content: string, file: string): ImportResult {
  const problems: Problem[] = [];
  const documents: ImportedDocument[] = [];
  const report = (line: number, column: number, message: string, severity: Problem['severity'] = 'error') =>
    problems.push({ file, line, column, message, severity });
  for (const { line, raw, o } of jsonlTextRecords(content, report)) {
    const col = (key: string) => Math.max(1, raw.indexOf(`"${key}"`) + 1);
    const id = idFrom(o.id) ?? `line-${line}`;
    if (o.id === undefined) report(line, 1, `no "id"; using "${id}"`, 'warning');
    const text = o.text;
    const map = new OffsetMap(text);
    const annotations: Annotation[] = [];
    const spans = o.spans ?? [];
    if (!Array.isArray(spans)) {
      report(line, col('spans'), '"spans" must be an array');
      continue;
    }
    spans.forEach((s, k) => {
      if (!isObject(s)) return report(line, col('spans'), `span ${k}: expected an object`);
      const r = resolveOffsets(text, map, s.start, s.end, 'codepoint');
      if (!r.ok) return report(line, col('spans'), `span ${k}: ${r.message}`);
      if (typeof s.label !== 'string' || s.label === '') return report(line, col('spans'), `span ${k}: "label" must be a non-empty string`);
      if (s.state !== undefined && !isAnnotationState(s.state)) return report(line, col('spans'), `span ${k}: unknown state ${JSON.stringify(s.state)}`);
      const value = s.value === undefined ? undefined : numberValueFrom(s.value);
      if (s.value !== undefined && !value) report(line, col('spans'), `span ${k}: "value" is not a number reading; ignored`, 'warning');
      annotations.push({ start: r.start, end: r.end, label: s.label, state: (s.state as Annotation['state'] | undefined) ?? 'manual', ...(value ? { value } : {}) });
    });
    documents.push({ id, text, annotations: dedupeAnnotations(annotations) });
  }
  return { documents, problems };
}
