// The faults found when our exports were loaded into the tools that read them (issue 17), each
// checked by that reader's own rule: brat's own annotation.py (vendored under test/vendor/brat),
// label-studio-converter's task['id'], the Label Studio frontend's result text, doccano's import
// keys and SpanCleaner, spaCy's CoNLL document delimiter and BIO column reading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Annotation } from '../../src/core/annotations/model';
import { encodeLabel, decodeLabel } from '../../src/core/formats/common';
import { bratExporter, importBrat } from '../../src/core/formats/brat';
import { labelStudioExporter, importLabelStudio } from '../../src/core/formats/label-studio';
import { doccanoExporter, importDoccano, doccanoDroppedOverlaps } from '../../src/core/formats/doccano';
import { conllExporter, CONLL_DOCSTART } from '../../src/core/formats/conll';
import { renderResult, ExportCollector, formatSummary } from '../../src/core/formats/export-run';
import { repoRoot } from './helpers';

const span = (text: string, s: string, label: string, state: Annotation['state'] = 'manual', extra: Partial<Annotation> = {}): Annotation => {
  const i = text.indexOf(s);
  assert.ok(i >= 0, s);
  return { start: i, end: i + s.length, label, state, ...extra };
};

function python(): string | undefined {
  for (const py of ['/usr/bin/python3', 'python3']) if (spawnSync(py, ['-c', 'pass']).status === 0) return py;
  return undefined;
}

/** Reads .ann sources with brat's own TextAnnotations; returns its textbounds and failed lines per document. */
const BRAT_READER = `
import json, sys
sys.path.insert(0, sys.argv[1])
import annotation
out = []
for d in json.load(sys.stdin):
    a = annotation.TextAnnotations(text=d['text'], source=d['ann'], read_only=True)
    out.append({'spans': [[t.type, [list(s) for s in t.spans], t.text] for t in a.get_textbounds()],
                'failed': a.failed_lines})
print(json.dumps(out, ensure_ascii=False))
`;

function readWithBrat(docs: { text: string; ann: string }[]): { spans: [string, [number, number][], string][]; failed: number[] }[] | undefined {
  const py = python();
  if (!py) return undefined;
  const r = spawnSync(py, ['-c', BRAT_READER, join(repoRoot(), 'test', 'vendor', 'brat')], { input: JSON.stringify(docs), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('brat: spans across \\v \\f \\x1c \\x1d \\x1e are split there, and brat\'s own annotation.py reads every line', (t) => {
  const seps = ['\f', '\v', '\x1c', '\x1d', '\x1e', '\u2028', '\r\n'];
  const docs = seps.map((sep) => {
    const text = `投资646${sep}家企业，南瑞${sep}集团。`;
    const anns = [span(text, `646${sep}家`, 'NUM'), span(text, `南瑞${sep}集团`, 'ORG')];
    const out = bratExporter.document({ id: 'd', text, annotations: anns });
    return { text, anns, ann: out.files[1].content };
  });
  // Python's splitlines() is brat's line rule: every T line stays one line.
  for (const d of docs) assert.equal(d.ann.split('\n').filter(Boolean).length, 2, JSON.stringify(d.ann));
  const read = readWithBrat(docs);
  if (!read) return t.skip('python3 not found; brat reader check skipped');
  read.forEach((r, i) => {
    const sep = seps[i];
    assert.deepEqual(r.failed, [], `brat failed on lines with ${JSON.stringify(sep)}`);
    const cp = [...docs[i].text];
    for (const [, frags, surface] of r.spans) assert.equal(frags.map(([s, e]) => cp.slice(s, e).join('')).join(' '), surface);
    assert.deepEqual(r.spans.map(([type, , surface]) => [type, surface]), [['NUM', '646 家'], ['ORG', '南瑞 集团']]);
    // And our import gives back the spans as exported.
    assert.deepEqual(importBrat('d', docs[i].text, docs[i].ann, 'd.ann').documents[0].annotations.map((a) => [a.start, a.end]), docs[i].anns.map((a) => [a.start, a.end]));
  });
});

test('labels from other tools: brat types and CoNLL tags hold them reversibly (Person Name, 政府机构, A&B<Org>)', (t) => {
  const labels = ['Person Name', '政府机构', 'A&B<Org>', 'A__B', 'GPE_LOC', 'Person-Name'];
  for (const l of labels) {
    const enc = encodeLabel(l);
    // brat's type alphabet (projectconfig.normalize_to_storage_form keeps [a-zA-Z0-9_-] only).
    assert.match(enc, /^[A-Za-z0-9_-]+$/, l);
    assert.equal(decodeLabel(enc), l);
  }
  assert.equal(encodeLabel('NUM'), 'NUM');
  assert.equal(encodeLabel('Person Name'), 'Person__20_Name');
  assert.equal(new Set(labels.map(encodeLabel)).size, labels.length, 'no two labels collide');

  const text = '张三任职于南京市人民政府，A&B公司。';
  const anns = [span(text, '张三', 'Person Name'), span(text, '南京市人民政府', '政府机构'), span(text, 'A&B公司', 'A&B<Org>')];
  const out = bratExporter.document({ id: 'd', text, annotations: anns });
  const conf = bratExporter.collection([], labels)[0].content;
  const entities = conf.split('[entities]\n')[1].split('\n\n')[0].split('\n');
  assert.deepEqual(entities, labels.map(encodeLabel));
  assert.deepEqual(importBrat('d', text, out.files[1].content, 'd.ann').documents[0].annotations.map((a) => a.label).sort(), anns.map((a) => a.label).sort());

  // CoNLL: spaCy and seqeval split a line on whitespace and a tag at its first '-': the label
  // after B-/I- must be the whole (encoded) label.
  const conll = conllExporter.document({ id: 'd', text, annotations: anns }).files[0].content;
  const tags = conll.split('\n').filter((l) => l && l !== CONLL_DOCSTART).map((l) => l.split(/\s+/));
  for (const cols of tags) assert.equal(cols.length, 2, cols.join('|'));
  const seen = new Set(tags.map(([, tag]) => tag).filter((tag) => tag !== 'O').map((tag) => decodeLabel(tag.split('-').slice(1).join('-'))));
  assert.deepEqual([...seen].sort(), anns.map((a) => a.label).sort());

  const read = readWithBrat([{ text, ann: out.files[1].content }]);
  if (!read) return t.skip('python3 not found; brat reader check skipped');
  assert.deepEqual(read[0].failed, []);
  assert.deepEqual(read[0].spans.map(([type]) => decodeLabel(type)).sort(), anns.map((a) => a.label).sort());
});

test('Label Studio: every task has an integer id (label-studio-converter reads task["id"]); import takes results whose text lost its line breaks', () => {
  const text = '上汽大\n众汽车在江宁。';
  const docs = [0, 1, 2].map((i) => ({ id: `doc-${i}`, text, annotations: [span(text, '上汽大\n众', 'ORG')], ordinal: i + 1 }));
  const records = docs.map((d) => labelStudioExporter.document(d).records[0]);
  const tasks = JSON.parse(labelStudioExporter.collection(records, ['ORG'])[0].content) as { id: unknown }[];
  assert.deepEqual(tasks.map((task) => task.id), [1, 2, 3]);
  // A result as the Label Studio frontend saves it: value.text is the selection, without "\n".
  const saved = [{ id: 7, data: { text }, annotations: [{ result: [{ id: 'r1', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 0, end: 5, text: '上汽大众', labels: ['ORG'] } }] }] }];
  const r = importLabelStudio(JSON.stringify(saved), 'export.json');
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.documents[0].annotations.map((a) => [a.start, a.end, a.label]), [[0, 5, 'ORG']]);
});

test('doccano: states and NUM values travel as "review" metadata; utf16 files say their unit; overlaps doccano drops are warned about', () => {
  const text = '😀南瑞集团成立于2021年。';
  const value = { value: 2021, unit: '年', kind: 'date' as const, date: '2021' };
  const anns = [span(text, '南瑞集团', 'ORG', 'manual'), span(text, '2021年', 'NUM', 'accepted', { value }), span(text, '成立', 'TERM', 'auto')];
  const states = { states: ['manual', 'accepted', 'auto'] as const };
  const rec = JSON.parse(doccanoExporter().document({ id: 'd', text, annotations: anns }, { states: [...states.states] }).records[0]);
  // doccano's sequence-labelling import reads "text" and "label"; other keys become metadata.
  assert.deepEqual(rec.label, [[1, 5, 'ORG'], [5, 7, 'TERM'], [8, 13, 'NUM']]);
  assert.deepEqual(rec.review.map((r: { state: string }) => r.state), ['manual', 'auto', 'accepted']);
  assert.deepEqual(rec.review[2].value, value);
  const back = importDoccano(JSON.stringify(rec), 'x').documents[0].annotations;
  assert.deepEqual(back.map((a) => [a.label, a.state, a.value?.value]), [['ORG', 'manual', undefined], ['TERM', 'auto', undefined], ['NUM', 'accepted', 2021]]);
  // A file exported doccano's way comes back with metadata under "meta" (doccano's JSONL export).
  const viaMeta = importDoccano(JSON.stringify({ text, label: rec.label, meta: { review: rec.review } }), 'x').documents[0].annotations;
  assert.deepEqual(viaMeta.map((a) => a.state), ['manual', 'auto', 'accepted']);

  // UTF-16: the file says so, and is read in UTF-16 without being told.
  const r16 = JSON.parse(doccanoExporter({ offsetUnit: 'utf16' }).document({ id: 'd', text, annotations: anns }).records[0]);
  assert.equal(r16.offset_unit, 'utf16');
  assert.deepEqual(r16.label[0], [2, 6, 'ORG']);
  assert.deepEqual(importDoccano(JSON.stringify(r16), 'x').documents[0].annotations.map((a) => text.slice(a.start, a.end)), ['南瑞集团', '2021年']);

  // Overlaps: doccano's SpanCleaner (sorted by start, kept when start >= last kept end).
  const t2 = '南瑞集团公司成立';
  const overl = [span(t2, '南瑞集团', 'ORG'), span(t2, '集团公司', 'TERM'), span(t2, '公司成立', 'TERM'), span(t2, '成立', 'NUM')];
  const out = doccanoExporter().document({ id: 'o', text: t2, annotations: overl });
  const label = JSON.parse(out.records[0]).label as [number, number, string][];
  const cleaner = (spans: [number, number, string][]) => {
    let last = -1;
    return [...spans].sort((a, b) => a[0] - b[0]).filter((s) => (s[0] >= last ? ((last = s[1]), true) : false));
  };
  const kept = cleaner(label);
  assert.equal(doccanoDroppedOverlaps(label).length, label.length - kept.length);
  assert.equal(out.warnings.length, label.length - kept.length);
  assert.match(out.warnings[0], /TERM \[2, 6\) overlaps ORG \[0, 4\).*drops TERM \[2, 6\)/);
  const c = new ExportCollector(doccanoExporter(), 'out');
  c.add(0, renderResult(doccanoExporter(), { path: 'o.txt', id: 'o' }, t2, 'sidecar', overl, ['manual']));
  assert.match(formatSummary(c.summary), /note: 2 overlapping span\(s\).*Allow overlapping entity/);
});

test('CoNLL: overlap warnings in code points name the span kept; files start with spaCy\'s document delimiter; the summary says what CoNLL cannot hold', () => {
  const text = '😀😀南瑞集团公司';
  const out = conllExporter.document({ id: 'x', text, annotations: [span(text, '南瑞集团', 'ORG'), span(text, '集团公司', 'TERM')] });
  assert.equal(out.warnings.length, 1);
  // Code points: 南 is at 2 (UTF-16 would say 4).
  assert.match(out.warnings[0], /TERM \[4, 8\) overlaps ORG \[2, 6\), which is kept.*TERM \[4, 8\) is not written/);
  // spaCy's conll-ner converter splits documents at exactly this string.
  assert.ok(out.files[0].content.startsWith('-DOCSTART- -X- O O\n'));
  const c = new ExportCollector(conllExporter, 'out');
  c.add(0, renderResult(conllExporter, { path: 'x.txt', id: 'x' }, text, 'sidecar', [span(text, '南瑞集团', 'ORG')], ['manual']));
  assert.match(formatSummary(c.summary), /note: CoNLL holds labels only: review states .* and number values are not in the files/);
});
