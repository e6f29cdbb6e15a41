// The folder-export pieces shared by the CLI and the editor commands (src/core/formats/export-run.ts):
// decoding, the sidecar-or-engine rule, ids, and the collector's summary and collection files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getDefaultEngine } from '../../src/core/engine';
import { parseSidecar, serializeSidecar, toSidecarData } from '../../src/core/annotations/sidecar';
import { exporterFor } from '../../src/core/formats/registry';
import {
  chooseAnnotations, decodeText, ExportCollector, IdAllocator, isExportableName, isSkippedEntry, renderResult, exportStates, formatSummary,
} from '../../src/core/formats/export-run';

const TEXT = '😀南瑞集团成立于2021年，投资150亿元。';
const enc = new TextEncoder();

test('decodeText: BOM stripped, binary and non-UTF-8 refused with a reason', () => {
  assert.deepEqual(decodeText(enc.encode('\ufeff南瑞')), { ok: true, text: '南瑞' });
  assert.deepEqual(decodeText(new Uint8Array([0x41, 0, 0x42])), { ok: false, code: 'binary', byte: 1, reason: 'binary file (NUL byte)', line: 1, column: 2 });
  assert.deepEqual(decodeText(new Uint8Array([0x41, 0xc4, 0xe3])), { ok: false, code: 'not-utf8', byte: 1, reason: 'not valid UTF-8 (at byte 1)', line: 1, column: 2 });
});

test('ids: relative path without extension; a.txt and a.md both kept; then ~2', () => {
  const ids = new IdAllocator();
  assert.equal(ids.next('2023/江宁.txt'), '2023/江宁');
  assert.equal(ids.next('a.txt'), 'a');
  assert.equal(ids.next('a.md'), 'a.md');
  assert.equal(ids.next('a.md'), 'a.md~2');
  assert.equal(ids.next('noext'), 'noext');
  assert.ok(isExportableName('x.TXT') && isExportableName('y.md') && !isExportableName('x.txt.annotations.jsonl'));
  assert.ok(isSkippedEntry('.git') && isSkippedEntry('node_modules') && !isSkippedEntry('corpus'));
});

test('chooseAnnotations: the engine without a sidecar (as suggestions), the sidecar with one, refused newer versions', () => {
  const engine = () => getDefaultEngine();
  const opts = { includeSuggestions: false, states: exportStates(false), engine, documentPath: 'a.txt' };
  const noSidecar = chooseAnnotations(TEXT, undefined, opts);
  assert.ok(noSidecar.ok);
  assert.equal(noSidecar.chosen.source, 'engine');
  assert.deepEqual(noSidecar.chosen.states, ['auto']);
  assert.ok(noSidecar.chosen.annotations.some((a) => TEXT.slice(a.start, a.end) === '南瑞集团'));

  const i = TEXT.indexOf('南瑞集团');
  const content = serializeSidecar(toSidecarData(TEXT, 'a.txt', [{ start: i, end: i + 4, label: 'ORG', state: 'manual' }]));
  const withSidecar = chooseAnnotations(TEXT, parseSidecar(content, 'a.txt.annotations.jsonl'), opts);
  assert.ok(withSidecar.ok);
  assert.equal(withSidecar.chosen.source, 'sidecar');
  assert.deepEqual(withSidecar.chosen.annotations.map((a) => [a.start, a.end, a.label, a.state]), [[i, i + 4, 'ORG', 'manual']]);
  const withSuggestions = chooseAnnotations(TEXT, parseSidecar(content, 'a.txt.annotations.jsonl'), { ...opts, includeSuggestions: true, states: exportStates(true) });
  assert.ok(withSuggestions.ok && withSuggestions.chosen.annotations.some((a) => a.state === 'auto' && a.label === 'NUM'));

  const newer = content.replace('"version":1', '"version":99');
  const refused = chooseAnnotations(TEXT, parseSidecar(newer, 'a.txt.annotations.jsonl'), opts);
  assert.ok(!refused.ok && /version 99/.test(refused.reason));
});

test('ExportCollector: summary per source and label, files handed back, collection in document order, none when cancelled', () => {
  const exporter = exporterFor('brat');
  const c = new ExportCollector(exporter, 'out', ['PLACE']);
  const i = TEXT.indexOf('南瑞集团');
  const ann = [{ start: i, end: i + 4, label: 'ORG', state: 'manual' as const }];
  const second = c.add(1, renderResult(exporter, { path: 'b.txt', id: 'b' }, TEXT, 'editor', ann, exportStates(false)));
  const first = c.add(0, renderResult(exporter, { path: 'a.txt', id: 'a' }, TEXT, 'sidecar', ann, exportStates(false)));
  c.add(2, { ok: false, path: 'c.txt', id: 'c', reason: 'binary file (NUL byte)' });
  c.skip('d', 'cannot list: EACCES');
  assert.deepEqual(second.map((f) => f.path), ['b.txt', 'b.ann']);
  assert.deepEqual(first.map((f) => f.path), ['a.txt', 'a.ann']);
  const s = c.summary;
  assert.deepEqual([s.exported, s.fromSidecar, s.fromEngine, s.fromEditor], [2, 1, 0, 1]);
  assert.deepEqual(s.spansPerLabel, { ORG: 2 });
  assert.deepEqual(s.skipped.map((k) => k.path), ['c.txt', 'd']);
  assert.match(c.collection()[0].content, /\nPLACE\n/);
  assert.match(formatSummary(s), /from open editors: 1/);

  const native = new ExportCollector(exporterFor('native'), 'out');
  native.add(1, renderResult(exporterFor('native'), { path: 'b.txt', id: 'b' }, TEXT, 'engine', [], exportStates(false)));
  native.add(0, renderResult(exporterFor('native'), { path: 'a.txt', id: 'a' }, TEXT, 'engine', [], exportStates(false)));
  assert.deepEqual(native.collection()[0].content.trim().split('\n').map((l) => JSON.parse(l).id), ['a', 'b']);
  native.summary.cancelled = true;
  assert.throws(() => native.collection(), /cancelled/);
});
