// Label Studio tasks JSON (+ the labelling config it needs).
//
// tasks.json is an array of tasks:
//   {"data":{"text":"…","doc_id":"doc"},
//    "annotations":[{"result":[{"id":"T1","from_name":"label","to_name":"text","type":"labels",
//                               "value":{"start":3,"end":7,"text":"南瑞集团","labels":["ORG"]}}]}],
//    "predictions":[{"model_version":"policy-annotator","result":[…]}]}
// Manual and accepted spans go into `annotations` (a person's work), unreviewed suggestions into
// `predictions` (shown as pre-annotations to review). `from_name`/`to_name` are the names of the
// <Labels> and <Text> tags of label-config.xml, written next to tasks.json; a NUM's normalized
// value travels in a per-region <TextArea> result sharing the region's id.
//
// Every task has an integer `id` (its position in the export's input, from 1): Label Studio
// itself assigns ids on import, but label-studio-converter (JSON_MIN, CSV, CoNLL) reads
// task['id'] and fails with KeyError without it.
//
// Offsets: Label Studio's Text tag counts code points (its own e2e tests "NER - Emoji - Text"
// check `start`/`end` by code points around emoji); older versions wrote UTF-16 offsets, so on
// import `value.text` is checked and UTF-16 is used when only that reading matches. The Label
// Studio frontend saves `value.text` without the line breaks a region spans (the browser's
// selection string), so on import a text that equals the span's text less its line breaks matches.
import type { Problem } from '../types';
import { OffsetMap } from '../text/offsets';
import type { Annotation } from '../annotations/model';
import { parseJsonLocated, isObject, jsonLines, lineColumnAt, type JsonValue } from '../annotations/json-located';
import {
  selectAnnotations, countLabels, idFrom, numberValueFrom, dedupeAnnotations, resolveOffsets, joinRecords,
  type Exporter, type ExportDocument, type ExportOptions, type ImportResult, type ImportedDocument, type OutputFile, type RecordsFile,
} from './common';

/** Tag names in the config; results must use the same ones. */
export const LS_NAMES = { labels: 'label', text: 'text', value: 'number_value' } as const;
export const LS_MODEL_VERSION = 'policy-annotator';

/** Colours for the built-in labels (the editor's palette); custom labels get a neutral one. */
const COLOURS: Record<string, string> = { NUM: '#1f77b4', ORG: '#2ca02c', TERM: '#ff7f0e' };

const xmlAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The labelling config matching the tasks (labels in the given order). */
export function labelStudioConfig(labels: readonly string[]): string {
  const lines = [
    '<View>',
    // Without pre-wrap the Text tag trims and collapses whitespace, and offsets stop matching the text.
    '  <Style>.htx-text { white-space: pre-wrap; }</Style>',
    `  <Labels name="${LS_NAMES.labels}" toName="${LS_NAMES.text}">`,
    ...labels.map((l) => `    <Label value="${xmlAttr(l)}" background="${COLOURS[l] ?? '#9467bd'}"/>`),
    '  </Labels>',
    `  <Text name="${LS_NAMES.text}" value="$text" granularity="symbol"/>`,
    '  <View visibleWhen="region-selected">',
    '    <Header value="Normalized number value (JSON, NUM only)"/>',
    `    <TextArea name="${LS_NAMES.value}" toName="${LS_NAMES.text}" perRegion="true" editable="true" rows="2"/>`,
    '  </View>',
    '</View>',
  ];
  return lines.join('\n') + '\n';
}

interface LsResult {
  id: string;
  from_name: string;
  to_name: string;
  type: string;
  value: Record<string, unknown>;
}

function results(doc: ExportDocument, annotations: readonly Annotation[], map: OffsetMap, prefix: string): LsResult[] {
  const out: LsResult[] = [];
  annotations.forEach((a, i) => {
    const id = `${prefix}${i + 1}`;
    const start = map.toCodePoint(a.start);
    const end = map.toCodePoint(a.end);
    out.push({ id, from_name: LS_NAMES.labels, to_name: LS_NAMES.text, type: 'labels', value: { start, end, text: doc.text.slice(a.start, a.end), labels: [a.label] } });
    if (a.value) out.push({ id, from_name: LS_NAMES.value, to_name: LS_NAMES.text, type: 'textarea', value: { start, end, text: [JSON.stringify(a.value)] } });
  });
  return out;
}

export function toLabelStudioTask(doc: ExportDocument, options: ExportOptions = {}): Record<string, unknown> {
  const map = new OffsetMap(doc.text);
  const selected = selectAnnotations(doc, options);
  const human = selected.filter((a) => a.state !== 'auto');
  const auto = selected.filter((a) => a.state === 'auto');
  const task: Record<string, unknown> = { id: doc.ordinal ?? 1, data: { text: doc.text, doc_id: doc.id } };
  // An empty `annotations` entry would mark the task as labelled; leave it out instead.
  if (human.length) task.annotations = [{ result: results(doc, human, map, 'a') }];
  if (auto.length) task.predictions = [{ model_version: LS_MODEL_VERSION, result: results(doc, auto, map, 'p') }];
  return task;
}

// Label Studio imports a JSON array of tasks.
const TASKS_FILE: RecordsFile = { path: 'tasks.json', head: '[\n', separator: ',\n', tail: '\n]\n', empty: '[]\n' };

export const labelStudioExporter: Exporter = {
  name: 'label-studio',
  recordsFile: TASKS_FILE,
  document(doc, options) {
    const task = toLabelStudioTask(doc, options);
    const selected = selectAnnotations(doc, options);
    return { records: [JSON.stringify(task)], files: [], warnings: [], spansPerLabel: countLabels(selected) };
  },
  collection(records, labels): OutputFile[] {
    return [
      { path: TASKS_FILE.path, content: joinRecords(TASKS_FILE, records) },
      { path: 'label-config.xml', content: labelStudioConfig(labels) },
    ];
  },
};

/**
 * Reads Label Studio JSON: an array of tasks (Label Studio's JSON export or our tasks.json), a
 * single task, or JSONL with one task per line. Annotation results become manual annotations,
 * prediction results suggestions ('auto'); cancelled annotations are skipped.
 */
export function importLabelStudio(content: string, file: string): ImportResult {
  const problems: Problem[] = [];
  const documents: ImportedDocument[] = [];
  const body = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const whole = parseJsonLocated(body);
  let tasks: { value: JsonValue; line: number }[];
  if (whole.ok) {
    const v = whole.value;
    tasks = (Array.isArray(v) ? v : [v]).map((value, i) => ({ value, line: Array.isArray(v) ? taskLine(body, i) : 1 }));
  } else {
    // Maybe JSONL; if its first line is not JSON either, report the whole-file error.
    const lines = jsonLines(body).filter((l) => l.text.trim() !== '');
    const parsed = lines.map((l) => ({ l, p: parseJsonLocated(l.text) }));
    if (lines.length < 2 || !parsed[0].p.ok) {
      const at = lineColumnAt(body, whole.offset);
      problems.push({ file, ...at, message: `invalid JSON: ${whole.message}`, severity: 'error' });
      return { documents, problems };
    }
    tasks = [];
    for (const { l, p } of parsed) {
      if (p.ok) tasks.push({ value: p.value, line: l.line });
      else problems.push({ file, line: l.line, column: p.offset + 1, message: `invalid JSON: ${p.message}`, severity: 'error' });
    }
  }
  tasks.forEach(({ value: task, line }, index) => {
    const report = (message: string, severity: Problem['severity'] = 'error') => problems.push({ file, line, column: 1, message: `task ${index + 1}: ${message}`, severity });
    if (!isObject(task) || !isObject(task.data)) return report('expected a task object with "data"');
    const data = task.data;
    let text = data.text;
    if (typeof text !== 'string') {
      const strings = Object.entries(data).filter(([, v]) => typeof v === 'string');
      if (strings.length !== 1) return report('no "data.text" (and not exactly one text field to fall back on)');
      text = strings[0][1] as string;
      report(`no "data.text"; using "data.${strings[0][0]}"`, 'warning');
    }
    const id = idFrom(data.doc_id) ?? idFrom(data.id) ?? idFrom(task.id) ?? `task-${index + 1}`;
    const map = new OffsetMap(text as string);
    const annotations: Annotation[] = [];
    let fellBack = 0;
    let mismatched = 0;
    const take = (groups: JsonValue | undefined, state: 'manual' | 'auto', what: string) => {
      if (groups === undefined) return;
      if (!Array.isArray(groups)) return report(`"${what}" must be an array`);
      for (const g of groups) {
        if (!isObject(g) || g.was_cancelled === true) continue;
        const res = g.result;
        if (!Array.isArray(res)) continue;
        // Per-region values (our <TextArea name="number_value">) share the region id.
        const values = new Map<string, unknown>();
        for (const r of res) {
          if (isObject(r) && r.type === 'textarea' && isObject(r.value) && Array.isArray(r.value.text) && typeof r.value.text[0] === 'string' && typeof r.id === 'string') {
            const parsed = parseJsonLocated(r.value.text[0]);
            if (parsed.ok) values.set(r.id, parsed.value);
          }
        }
        for (const r of res) {
          if (!isObject(r) || r.type !== 'labels' || !isObject(r.value)) continue;
          const v = r.value;
          const labels = Array.isArray(v.labels) ? v.labels.filter((l): l is string => typeof l === 'string' && l !== '') : [];
          if (labels.length === 0) {
            report(`${what}: a result without labels was skipped`, 'warning');
            continue;
          }
          const off = resolveOffsets(text as string, map, v.start, v.end, 'codepoint', typeof v.text === 'string' ? v.text : undefined, sameWithoutLineBreaks);
          if (!off.ok) {
            report(`${what}: ${off.message}`);
            continue;
          }
          if (off.fellBack) fellBack++;
          if (off.textMismatch) mismatched++;
          const value = typeof r.id === 'string' ? numberValueFrom(values.get(r.id)) : undefined;
          for (const label of labels) annotations.push({ start: off.start, end: off.end, label, state, ...(value && label === 'NUM' ? { value } : {}) });
        }
      }
    };
    take(task.annotations, 'manual', 'annotations');
    take(task.predictions, 'auto', 'predictions');
    if (fellBack) report(`${fellBack} span(s) had UTF-16 offsets (an older Label Studio); read as such because their "text" matched only that way`, 'warning');
    if (mismatched) report(`${mismatched} span(s) whose "text" differs from the task text at their offsets; kept at their offsets`, 'warning');
    // A suggestion identical to a person's span adds nothing.
    const human = annotations.filter((a) => a.state !== 'auto');
    const auto = annotations.filter((a) => a.state === 'auto' && !human.some((h) => h.start === a.start && h.end === a.end && h.label === a.label));
    documents.push({ id, text: text as string, annotations: dedupeAnnotations([...human, ...auto]) });
  });
  return { documents, problems };
}

/** Label Studio's frontend writes a region's text without its line breaks: \n, \r and the other breaks a browser selection drops. */
const LS_DROPPED = /[\n\r\u2028\u2029\u0085]/g;
function sameWithoutLineBreaks(actual: string, expected: string): boolean {
  return actual === expected || actual.replace(LS_DROPPED, '') === expected.replace(LS_DROPPED, '');
}

/** Best-effort line of the i-th element of a top-level JSON array (for messages). */
function taskLine(body: string, i: number): number {
  // Our own tasks.json puts one task per line after "[": line i + 2. Other files: line 1.
  const lines = body.split('\n');
  return lines.length > i + 2 && lines[0].trim() === '[' ? i + 2 : 1;
}
