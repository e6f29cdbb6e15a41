// Every format with characters outside the BMP (𠀀, emoji) before, inside and after spans: each
// span's text is checked by that format's own offset rule, and every importable format is read
// back to the same spans.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Annotation } from '../../src/core/annotations/model';
import type { ExportDocument } from '../../src/core/formats/common';
import { unsafeIdReason, selectAnnotations } from '../../src/core/formats/common';
import { nativeExporter, importNative } from '../../src/core/formats/native';
import { doccanoExporter, importDoccano } from '../../src/core/formats/doccano';
import { labelStudioExporter, importLabelStudio, LS_NAMES } from '../../src/core/formats/label-studio';
import { bratExporter, importBrat } from '../../src/core/formats/brat';
import { conllExporter, conllEntities, isConllWhitespace, CONLL_DOCSTART } from '../../src/core/formats/conll';
import { renderExport, importContent } from '../../src/core/formats/registry';
import { BUILTIN_LABELS, orderLabels } from '../../src/core/labels';

const TEXT = '𠀀😀前言。南瑞集团😀科技成立于2021年，投资 150 亿元😀。\n上汽大\n众汽车在江宁。高质量发展是主题𠀀';

function at(s: string, label: string, state: Annotation['state'], extra: Partial<Annotation> = {}): Annotation {
  const i = TEXT.indexOf(s);
  assert.ok(i >= 0, s);
  return { start: i, end: i + s.length, label, state, ...extra };
}

const ANNOTATIONS: Annotation[] = [
  at('南瑞集团😀科技', 'ORG', 'manual', { author: 'li', time: '2024-01-01T00:00:00Z' }), // emoji inside
  at('2021年', 'NUM', 'accepted', { value: { value: 2021, unit: '年', kind: 'date', date: '2021' } }),
  at('150 亿元', 'NUM', 'auto', { value: { value: 1.5e10, unit: '元', kind: 'money' } }), // space inside
  at('上汽大\n众', 'ORG', 'manual'), // line break inside
  at('江宁', 'ORG', 'rejected'),
  at('高质量发展', 'TERM', 'manual'),
  at('主题𠀀', 'TERM', 'accepted'), // astral inside, at the very end of the text
];
const DOC: ExportDocument = { id: 'sub/doc-1', text: TEXT, annotations: ANNOTATIONS };
const REVIEWED = ANNOTATIONS.filter((a) => a.state === 'manual' || a.state === 'accepted');
const WITH_AUTO = ANNOTATIONS.filter((a) => a.state !== 'rejected');
const ALL_STATES = { states: ['manual', 'accepted', 'auto', 'rejected'] as const };
const cps = [...TEXT];
const byCodePoints = (s: number, e: number) => cps.slice(s, e).join('');
const key = (a: { start: number; end: number; label: string }) => `${a.start}-${a.end}-${a.label}`;
const surfaces = (list: readonly Annotation[]) => list.map((a) => TEXT.slice(a.start, a.end));

test('state filter: default manual + accepted; auto on request; rejected never', () => {
  assert.deepEqual(selectAnnotations(DOC).map(key), REVIEWED.map(key));
  const all = selectAnnotations(DOC, { states: ['manual', 'accepted', 'auto', 'rejected'] });
  assert.equal(all.length, WITH_AUTO.length);
  assert.ok(!all.some((a) => a.state === 'rejected'));
});

test('native JSONL: code point offsets slice the right text; round trip keeps spans, states and values', () => {
  const out = nativeExporter.document(DOC, ALL_STATES);
  const [file] = nativeExporter.collection(out.records, ['NUM']);
  assert.equal(file.path, 'documents.jsonl');
  const rec = JSON.parse(file.content.trim());
  assert.deepEqual(Object.keys(rec), ['id', 'text', 'spans']);
  assert.equal(rec.text, TEXT);
  assert.deepEqual(rec.spans.map((s: { start: number; end: number }) => byCodePoints(s.start, s.end)), surfaces(WITH_AUTO));
  assert.deepEqual(rec.spans.map((s: { state: string }) => s.state), WITH_AUTO.map((a) => a.state));
  assert.deepEqual(out.spansPerLabel, { ORG: 2, NUM: 2, TERM: 2 });
  const back = importNative(file.content, 'documents.jsonl');
  assert.deepEqual(back.problems, []);
  assert.equal(back.documents[0].id, 'sub/doc-1');
  assert.deepEqual(back.documents[0].annotations.map(key), WITH_AUTO.map(key));
  assert.deepEqual(back.documents[0].annotations.map((a) => a.state), WITH_AUTO.map((a) => a.state));
  assert.deepEqual(back.documents[0].annotations.map((a) => a.value), WITH_AUTO.map((a) => a.value));
  // And the re-export is identical.
  assert.equal(nativeExporter.document({ ...back.documents[0] }, ALL_STATES).records[0], out.records[0]);
});

test('native import reads the gold corpus shape (optional flag, no state) and locates errors', () => {
  const gold = `{"id": "000", "text": "𠀀南瑞集团", "spans": [{"start": 1, "end": 5, "label": "ORG", "optional": false}]}\n` +
    `{"id": "001", "text": "abc", "spans": [{"start": 2, "end": 9, "label": "ORG"}]}\n{"id": 2, "text": }\n`;
  const r = importNative(gold, 'g.jsonl');
  assert.equal(r.documents.length, 2);
  assert.equal(TEXT.includes('南瑞集团'), true);
  const d0 = r.documents[0];
  assert.equal(d0.text.slice(d0.annotations[0].start, d0.annotations[0].end), '南瑞集团');
  assert.equal(d0.annotations[0].state, 'manual');
  assert.deepEqual(r.problems.map((p) => [p.line, p.severity]), [[2, 'error'], [3, 'error']]);
  assert.match(r.problems[0].message, /beyond the end of the text \(3 code points\)/);
  assert.equal(r.problems[1].column, '{"id": 2, "text": '.length + 1);
});

test('doccano JSONL: [start, end, label] in code points (or UTF-16 on request); round trip', () => {
  const exp = doccanoExporter();
  const out = exp.document(DOC);
  const [file] = exp.collection(out.records, []);
  assert.equal(file.path, 'doccano.jsonl');
  const rec = JSON.parse(file.content);
  assert.deepEqual(Object.keys(rec), ['id', 'text', 'label', 'review']);
  assert.deepEqual(rec.label.map(([s, e]: number[]) => byCodePoints(s, e)), surfaces(REVIEWED));
  const back = importDoccano(file.content, 'doccano.jsonl');
  assert.deepEqual(back.problems, []);
  assert.deepEqual(back.documents[0].annotations.map(key), REVIEWED.map(key));
  // UTF-16 offsets for doccano's browser UI.
  const u16 = doccanoExporter({ offsetUnit: 'utf16' }).document(DOC).records[0];
  const rec16 = JSON.parse(u16);
  assert.deepEqual(rec16.label.map(([s, e]: number[]) => TEXT.slice(s, e)), surfaces(REVIEWED));
  assert.deepEqual(importDoccano(u16, 'x', { offsetUnit: 'utf16' }).documents[0].annotations.map(key), REVIEWED.map(key));
});

test('doccano import understands "labels" and "entities" of other doccano versions', () => {
  const t = '😀南瑞集团';
  const lines = [
    JSON.stringify({ text: t, labels: [[1, 5, 'ORG']] }),
    JSON.stringify({ id: 7, text: t, entities: [{ id: 1, start_offset: 1, end_offset: 5, label: 'ORG' }] }),
  ].join('\n');
  const r = importDoccano(lines, 'x');
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.documents.map((d) => d.id), ['line-1', '7']);
  for (const d of r.documents) assert.equal(d.text.slice(d.annotations[0].start, d.annotations[0].end), '南瑞集团');
});

test('Label Studio: annotations for reviewed spans, predictions for suggestions, names match the config', () => {
  const out = labelStudioExporter.document(DOC, ALL_STATES);
  const files = labelStudioExporter.collection(out.records, orderLabels(['ORG', 'NUM', 'TERM']));
  const tasks = JSON.parse(files.find((f) => f.path === 'tasks.json')!.content);
  const config = files.find((f) => f.path === 'label-config.xml')!.content;
  // The config declares the names the results use.
  const labelsTag = /<Labels name="([^"]+)" toName="([^"]+)"/.exec(config)!;
  const textTag = /<Text name="([^"]+)" value="\$([^"]+)"/.exec(config)!;
  const areaTag = /<TextArea name="([^"]+)" toName="([^"]+)" perRegion="true"/.exec(config)!;
  assert.deepEqual([labelsTag[1], labelsTag[2], textTag[1], areaTag[1], areaTag[2]], [LS_NAMES.labels, LS_NAMES.text, LS_NAMES.text, LS_NAMES.value, LS_NAMES.text]);
  for (const l of ['NUM', 'ORG', 'TERM']) assert.ok(config.includes(`<Label value="${l}"`), l);
  assert.equal(tasks.length, 1);
  const task = tasks[0];
  assert.equal(task.data[textTag[2]], TEXT, 'data key matches $text of the config');
  const labelResults = (group: { result: { id: string; type: string; from_name: string; to_name: string; value: { start: number; end: number; text: string; labels: string[] } }[] }) =>
    group.result.filter((r) => r.type === 'labels');
  const ann = labelResults(task.annotations[0]);
  const pred = labelResults(task.predictions[0]);
  assert.equal(task.predictions[0].model_version, 'policy-annotator');
  for (const r of [...ann, ...pred]) {
    assert.equal(byCodePoints(r.value.start, r.value.end), r.value.text, 'value.text is the code point slice');
    assert.equal(r.from_name, labelsTag[1]);
    assert.equal(r.to_name, labelsTag[2]);
  }
  assert.deepEqual(ann.map((r) => r.value.text), surfaces(REVIEWED));
  assert.deepEqual(pred.map((r) => r.value.text), ['150 亿元']);
  // Values ride on per-region text areas with the region's id.
  const area = task.annotations[0].result.find((r: { type: string }) => r.type === 'textarea');
  assert.equal(area.id, ann.find((r) => r.value.text === '2021年')!.id);
  assert.deepEqual(JSON.parse(area.value.text[0]), ANNOTATIONS[1].value);

  const back = importLabelStudio(files[0].content, 'tasks.json');
  assert.deepEqual(back.problems, []);
  const d = back.documents[0];
  assert.equal(d.id, 'sub/doc-1');
  assert.deepEqual(d.annotations.map(key).sort(), WITH_AUTO.map(key).sort());
  assert.deepEqual(d.annotations.filter((a) => a.state === 'auto').map((a) => TEXT.slice(a.start, a.end)), ['150 亿元']);
  assert.deepEqual(d.annotations.find((a) => a.label === 'NUM' && a.state === 'manual')!.value, ANNOTATIONS[1].value);
  assert.deepEqual(d.annotations.find((a) => a.state === 'auto')!.value, ANNOTATIONS[2].value);
});

test('Label Studio import: real export shape, cancelled annotations, UTF-16 offsets of older versions', () => {
  const t = '💩This is an annotation.';
  const exported = [{
    id: 1,
    data: { text: t },
    annotations: [
      { id: 9, completed_by: 1, was_cancelled: false, result: [{ value: { start: 13, end: 23, text: 'annotation', labels: ['TERM'] }, id: 'x', from_name: 'label', to_name: 'text', type: 'labels', origin: 'manual' }] },
      { id: 10, was_cancelled: true, result: [{ value: { start: 0, end: 1, text: '💩', labels: ['TERM'] }, id: 'y', from_name: 'label', to_name: 'text', type: 'labels' }] },
    ],
  }];
  const r = importLabelStudio(JSON.stringify(exported), 'export.json');
  const d = r.documents[0];
  assert.equal(d.id, '1');
  assert.equal(d.annotations.length, 1);
  assert.equal(t.slice(d.annotations[0].start, d.annotations[0].end), 'annotation');
  assert.match(r.problems[0].message, /UTF-16 offsets/);
});

test('brat: .txt is the text, T lines in code points with fragments at line breaks; conf; round trip', () => {
  const out = bratExporter.document(DOC, ALL_STATES);
  const txt = out.files.find((f) => f.path === 'sub/doc-1.txt')!;
  const ann = out.files.find((f) => f.path === 'sub/doc-1.ann')!;
  assert.equal(txt.content, TEXT);
  const tLines = ann.content.split('\n').filter((l) => l.startsWith('T'));
  assert.equal(tLines.length, WITH_AUTO.length);
  for (const line of tLines) {
    const [, typeOffsets, surface] = line.split('\t');
    const frags = typeOffsets.split(' ').slice(1).join(' ').split(';').map((f) => f.split(' ').map(Number));
    assert.equal(frags.map(([s, e]) => byCodePoints(s, e)).join(' '), surface, line);
  }
  assert.ok(tLines.some((l) => l.endsWith('\t上汽大 众') && /ORG \d+ \d+;\d+ \d+\t/.test(l)), 'line break → two fragments');
  assert.ok(ann.content.includes('\tSuggestion T'), 'auto state kept as an attribute');
  assert.ok(/#1\tAnnotatorNotes T\d+\t\{"value":2021/.test(ann.content));
  const [conf] = bratExporter.collection([], orderLabels([...BUILTIN_LABELS, 'ORG']));
  assert.equal(conf.path, 'annotation.conf');
  assert.match(conf.content, /\[entities\]\nNUM\nORG\nTERM\n/);
  assert.match(conf.content, /\[attributes\]\nSuggestion\tArg:<ENTITY>/);

  const back = importBrat('sub/doc-1', txt.content, ann.content, 'sub/doc-1.ann');
  assert.deepEqual(back.problems, []);
  const d = back.documents[0];
  assert.deepEqual(d.annotations.map(key), WITH_AUTO.map(key));
  assert.deepEqual(d.annotations.map((a) => a.state === 'auto'), WITH_AUTO.map((a) => a.state === 'auto'));
  assert.deepEqual(d.annotations.map((a) => a.value), WITH_AUTO.map((a) => a.value));
});

test('brat import: mismatching text fields warn; relations are reported and skipped', () => {
  const t = '😀南瑞集团和国电南自';
  const ann = 'T1\tORG 1 5\t南瑞集团\nT2\tORG 6 10\t国电南自\nR1\tPartner Arg1:T1 Arg2:T2\nT3\tORG 0 2\twrong\n';
  const r = importBrat('d', t, ann, 'd.ann');
  assert.equal(r.documents[0].annotations.length, 3);
  assert.deepEqual(r.problems.map((p) => [p.line, p.severity]), [[4, 'warning'], [1, 'warning']]);
  assert.match(r.problems[1].message, /1 relation line/);
});

test('CoNLL: one code point per line, BIO tags, sentences at 。！？ and line ends, whitespace skipped', () => {
  const out = conllExporter.document(DOC, ALL_STATES);
  const [file] = out.files;
  assert.equal(file.path, 'sub/doc-1.conll');
  assert.ok(file.content.startsWith(`${CONLL_DOCSTART}\n`), 'spaCy\'s document delimiter first');
  const body = file.content.slice(CONLL_DOCSTART.length + 1);
  const lines = body.split('\n');
  for (const l of lines.filter(Boolean)) {
    const [ch, tag, extra] = l.split('\t');
    assert.equal([...ch].length, 1, `one code point: ${JSON.stringify(l)}`);
    assert.ok(!isConllWhitespace(ch));
    assert.match(tag, /^(O|[BI]-[A-Z]+)$/);
    assert.equal(extra, undefined);
  }
  // Each span's text, whitespace removed, comes back from the tags, in order.
  assert.deepEqual(conllEntities(file.content), WITH_AUTO.map((a) => ({ label: a.label, text: TEXT.slice(a.start, a.end).replace(/\s/g, '') })));
  // Sentences: split after 。 and at line ends, but not at the line break inside 上汽大/众.
  const sentences = body.trim().split('\n\n').map((s) => s.split('\n').map((l) => l.split('\t')[0]).join(''));
  assert.deepEqual(sentences, ['𠀀😀前言。', '南瑞集团😀科技成立于2021年，投资150亿元😀。', '上汽大众汽车在江宁。', '高质量发展是主题𠀀']);
  assert.ok(file.content.includes('😀\tI-ORG'), 'emoji inside a span is one I- line');
  assert.ok(file.content.endsWith('𠀀\tI-TERM\n\n'));
});

test('CoNLL: overlapping spans are reported, not silently merged', () => {
  const t = '南瑞集团公司';
  const out = conllExporter.document({ id: 'x', text: t, annotations: [
    { start: 0, end: 4, label: 'ORG', state: 'manual' },
    { start: 2, end: 6, label: 'TERM', state: 'manual' },
  ] });
  assert.equal(out.warnings.length, 1);
  assert.deepEqual(conllEntities(out.files[0].content), [{ label: 'ORG', text: '南瑞集团' }]);
});

test('ids that would escape the output folder are refused', () => {
  for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:\\x', '\\\\server\\x', '', 'a//b', 'a\u0000b']) assert.ok(unsafeIdReason(bad), bad);
  for (const ok of ['doc', 'sub/doc-1', '南京/报告.2023', 'a..b']) assert.equal(unsafeIdReason(ok), undefined, ok);
});

test('renderExport: a whole export in memory (the editor command path), unsafe ids left out', () => {
  const { files, spansPerLabel, warnings } = renderExport('brat', [DOC, { ...DOC, id: '../x' }], { labels: ['PLACE'] });
  assert.deepEqual(files.map((f) => f.path), ['sub/doc-1.txt', 'sub/doc-1.ann', 'annotation.conf']);
  assert.deepEqual(spansPerLabel, { ORG: 2, NUM: 1, TERM: 2 });
  assert.match(warnings[0], /'\.\.' in id/);
  assert.match(files[2].content, /\nTERM\nPLACE\n/);
  const back = importContent('native', renderExport('native', [DOC]).files[0].content, 'x');
  assert.deepEqual(back.documents[0].annotations.map(key), REVIEWED.map(key));
});
