// brat standoff: per document DOC.txt (the text, byte for byte) and DOC.ann, plus one
// annotation.conf for the collection.
//   T1<TAB>ORG 12 16<TAB>南瑞集团
//   T2<TAB>ORG 30 33;35 36<TAB>上汽大 众          ← a span across a line break: one fragment per line
//   A1<TAB>Suggestion T3                         ← state 'auto' (exported with --include-suggestions)
//   #1<TAB>AnnotatorNotes T4<TAB>{"value":646,"unit":"家","kind":"quantity"}
// Offsets are character offsets as Python counts them — code points — "from 0, start included,
// end excluded" (brat's Annotation-Data-Format page). The text field cannot hold a line break,
// so a span containing one is written as discontinuous fragments, as brat itself does; reading
// back takes the first fragment's start and the last fragment's end.
//
// "Line break" is what brat's reader breaks lines on: it reads .ann files with codecs' readlines()
// and annotation sources with str.splitlines() (annotation.py, _parse_ann_file/_parse_ann_lines),
// which break at \n \r \v \f \x1c \x1d \x1e \x85 \u2028 \u2029. A text field holding any of them
// (pdftotext writes \f at every page break) cuts the T line in two and brat rewrites the file.
// Labels outside brat's type alphabet are written with encodeLabel (common.ts) and decoded on import.
import type { Problem } from '../types';
import { OffsetMap } from '../text/offsets';
import type { Annotation } from '../annotations/model';
import { parseJsonLocated } from '../annotations/json-located';
import {
  selectAnnotations, countLabels, numberValueFrom, dedupeAnnotations, resolveOffsets, encodeLabel, decodeLabel,
  type Exporter, type ExportDocument, type ExportOptions, type ImportResult, type OutputFile,
} from './common';

export const BRAT_SUGGESTION_ATTRIBUTE = 'Suggestion';
/** Python's str.splitlines() separators (brat's line reader). */
export const BRAT_LINE_BREAK = /[\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029]/;

/** UTF-16 fragments of [start, end) without line-break characters. */
function fragments(text: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let s = -1;
  for (let i = start; i <= end; i++) {
    const brk = i === end || BRAT_LINE_BREAK.test(text[i]);
    if (brk && s >= 0) {
      out.push([s, i]);
      s = -1;
    } else if (!brk && s < 0) s = i;
  }
  return out;
}

/** brat type names: [A-Za-z0-9_-] only; our labels already comply, labels from other tools are encoded. */
const bratType = encodeLabel;

export function toBratAnn(doc: ExportDocument, options: ExportOptions = {}): { ann: string; warnings: string[]; written: Annotation[] } {
  const map = new OffsetMap(doc.text);
  const lines: string[] = [];
  const warnings: string[] = [];
  const written: Annotation[] = [];
  let t = 0;
  let a = 0;
  let note = 0;
  for (const ann of selectAnnotations(doc, options)) {
    const frags = fragments(doc.text, ann.start, ann.end);
    if (frags.length === 0) {
      warnings.push(`${doc.id}: span [${ann.start}, ${ann.end}) ${ann.label} is only line breaks; not representable in brat, skipped`);
      continue;
    }
    if (frags[0][0] !== ann.start || frags[frags.length - 1][1] !== ann.end) {
      warnings.push(`${doc.id}: span [${ann.start}, ${ann.end}) ${ann.label} starts or ends with a line break, which brat cannot hold; written as [${frags[0][0]}, ${frags[frags.length - 1][1]})`);
    }
    const id = `T${++t}`;
    const offsets = frags.map(([s, e]) => `${map.toCodePoint(s)} ${map.toCodePoint(e)}`).join(';');
    const surface = frags.map(([s, e]) => doc.text.slice(s, e)).join(' ');
    lines.push(`${id}\t${bratType(ann.label)} ${offsets}\t${surface}`);
    if (ann.state === 'auto') lines.push(`A${++a}\t${BRAT_SUGGESTION_ATTRIBUTE} ${id}`);
    if (ann.value) lines.push(`#${++note}\tAnnotatorNotes ${id}\t${JSON.stringify(ann.value)}`);
    written.push(ann);
  }
  return { ann: lines.length ? lines.join('\n') + '\n' : '', warnings, written };
}

export function bratAnnotationConf(labels: readonly string[]): string {
  return [
    '# Written by Policy Annotator. NUM: numbers; ORG: organizations; TERM: policy terms.',
    '[entities]',
    ...labels.map(bratType),
    '',
    '[relations]',
    '',
    '[events]',
    '',
    '[attributes]',
    `${BRAT_SUGGESTION_ATTRIBUTE}\tArg:<ENTITY>`,
    '',
  ].join('\n');
}

export const bratExporter: Exporter = {
  name: 'brat',
  document(doc, options) {
    const { ann, warnings, written } = toBratAnn(doc, options);
    return {
      records: [],
      files: [{ path: `${doc.id}.txt`, content: doc.text }, { path: `${doc.id}.ann`, content: ann }],
      warnings,
      spansPerLabel: countLabels(written),
    };
  },
  collection(_records, labels): OutputFile[] {
    return [{ path: 'annotation.conf', content: bratAnnotationConf(labels) }];
  },
};

/**
 * Reads one brat document (.ann content + its .txt text). T lines become manual annotations
 * (or suggestions when they carry the Suggestion attribute); AnnotatorNotes holding a number
 * reading restore its value. Relations, events and other attributes are reported and skipped.
 */
export function importBrat(id: string, text: string, ann: string, file: string): ImportResult {
  const problems: Problem[] = [];
  const report = (line: number, column: number, message: string, severity: Problem['severity'] = 'error') =>
    problems.push({ file, line, column, message, severity });
  const map = new OffsetMap(text);
  const spans = new Map<string, Annotation & { line: number }>();
  const suggestions = new Set<string>();
  const notes = new Map<string, string>();
  const skippedKinds = new Map<string, number>();
  ann.split('\n').forEach((rawLine, i) => {
    const line = i + 1;
    const raw = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (raw.trim() === '') return;
    const cols = raw.split('\t');
    const kind = raw[0];
    if (kind === 'T') {
      const m = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(cols[1] ?? '');
      if (cols.length < 3 || !m) return report(line, (cols[0]?.length ?? 0) + 2, 'expected "T<n><TAB>TYPE START END[;START END…]<TAB>text"');
      const frags = m[2].split(';').map((f) => f.split(' ').map(Number) as [number, number]);
      const start = frags[0][0];
      const end = frags[frags.length - 1][1];
      // The text field of a multi-fragment span joins fragments with spaces, so only
      // single-fragment spans can be checked against it.
      const surface = cols.slice(2).join('\t');
      const first = resolveOffsets(text, map, frags[0][0], frags[0][1], 'codepoint', frags.length === 1 ? surface : undefined);
      const r = resolveOffsets(text, map, start, end, first.ok && first.fellBack ? 'utf16' : 'codepoint');
      if (!r.ok) return report(line, cols[0].length + 2, r.message);
      if (first.ok && first.textMismatch) report(line, cols[0].length + cols[1].length + 3, `text field does not match the document at ${start}-${end} (${JSON.stringify(surface)})`, 'warning');
      if (first.ok && first.fellBack) report(line, cols[0].length + 2, 'offsets read as UTF-16 units: only that way does the text field match', 'warning');
      spans.set(cols[0], { start: r.start, end: r.end, label: decodeLabel(m[1]), state: 'manual', line });
    } else if (kind === 'A' || kind === 'M') {
      const [name, target] = (cols[1] ?? '').split(' ');
      if (name === BRAT_SUGGESTION_ATTRIBUTE && target) suggestions.add(target);
      else skippedKinds.set('attribute', (skippedKinds.get('attribute') ?? 0) + 1);
    } else if (kind === '#') {
      const [what, target] = (cols[1] ?? '').split(' ');
      if (what === 'AnnotatorNotes' && target && cols.length >= 3) notes.set(target, cols.slice(2).join('\t'));
    } else if (kind === 'R' || kind === 'E' || kind === '*' || kind === 'N') {
      const name = { R: 'relation', E: 'event', '*': 'equivalence', N: 'normalization' }[kind]!;
      skippedKinds.set(name, (skippedKinds.get(name) ?? 0) + 1);
    } else report(line, 1, `unknown annotation line ${JSON.stringify(raw.slice(0, 20))}`, 'warning');
  });
  for (const [k, n] of skippedKinds) report(1, 1, `${n} ${k} line(s) skipped: Policy Annotator keeps entity spans only`, 'warning');
  const annotations: Annotation[] = [];
  for (const [tid, s] of spans) {
    const { line: _line, ...a } = s;
    const note = notes.get(tid);
    const parsed = note !== undefined ? parseJsonLocated(note) : undefined;
    const value = parsed?.ok ? numberValueFrom(parsed.value) : undefined;
    annotations.push({ ...a, state: suggestions.has(tid) ? 'auto' : 'manual', ...(value ? { value } : {}) });
  }
  return { documents: [{ id, text, annotations: dedupeAnnotations(annotations) }], problems };
}
