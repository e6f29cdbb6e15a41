import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseSidecar, serializeSidecar, toSidecarData, sidecarPathFor, SIDECAR_FORMAT, SIDECAR_VERSION,
} from '../../src/core/annotations/sidecar';
import { sha256Hex, textHash } from '../../src/core/annotations/hash';
import type { Annotation } from '../../src/core/annotations/model';

const TEXT = '𠀀😀南京市江宁经济技术开发区集聚南瑞集团等企业😀，规上工业企业 646 家。';
const at = (s: string) => TEXT.indexOf(s);
const ann = (s: string, label: string, state: Annotation['state'], extra: Partial<Annotation> = {}): Annotation =>
  ({ start: at(s), end: at(s) + s.length, label, state, ...extra });

test('SHA-256 matches known vectors (so `sha256sum FILE` can check a sidecar)', () => {
  assert.equal(sha256Hex(new Uint8Array()), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(sha256Hex(new TextEncoder().encode('abc')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  const long = new TextEncoder().encode('a'.repeat(1000));
  assert.equal(sha256Hex(long), '41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3');
  assert.match(textHash('南瑞'), /^sha256:[0-9a-f]{64}$/);
});

test('serialize: header first, one annotation per line, stable order, code point offsets and quotes', () => {
  const anns = [
    ann('646 家', 'NUM', 'accepted', { author: 'li', time: '2024-05-01T00:00:00.000Z', value: { value: 646, unit: '家', kind: 'quantity' } }),
    ann('南瑞集团', 'ORG', 'manual', { author: 'li', time: '2024-05-01T00:00:00.000Z' }),
    ann('南京市江宁经济技术开发区', 'ORG', 'rejected'),
  ];
  const out = serializeSidecar(toSidecarData(TEXT, 'doc.txt', anns));
  const lines = out.trimEnd().split('\n');
  assert.equal(lines.length, 4);
  const header = JSON.parse(lines[0]);
  assert.deepEqual(header, { format: SIDECAR_FORMAT, version: SIDECAR_VERSION, document: 'doc.txt', textHash: textHash(TEXT), codePoints: [...TEXT].length });
  const rows = lines.slice(1).map((l) => JSON.parse(l));
  assert.deepEqual(rows.map((r) => r.label), ['ORG', 'ORG', 'NUM']);
  const cps = [...TEXT];
  for (const r of rows) assert.equal(cps.slice(r.start, r.end).join(''), r.quote.exact, 'code point offsets');
  assert.equal(rows[1].quote.exact, '南瑞集团');
  assert.equal(rows[1].quote.prefix, '济技术开发区集聚');
  assert.equal(rows[1].quote.suffix, '等企业😀，规上工');
  assert.deepEqual(Object.keys(rows[1]), ['start', 'end', 'label', 'state', 'quote', 'author', 'time']);
  // Input order does not matter: same text out (clean diffs).
  assert.equal(serializeSidecar(toSidecarData(TEXT, 'doc.txt', [...anns].reverse())), out);
  assert.ok(out.includes('南瑞集团'), 'Chinese is written as is, not \\u-escaped');
});

test('parse(serialize(x)) gives x back, orphans on their own lines', () => {
  const data = toSidecarData(TEXT, 'doc.txt', [ann('南瑞集团', 'ORG', 'manual', { author: 'li', time: 't' })], [
    { start: 3, end: 5, label: 'TERM', state: 'accepted', quote: { exact: '智改数转', prefix: '推进', suffix: '工程' }, orphanedAt: '2024-06-01T00:00:00.000Z' },
  ]);
  const text = serializeSidecar(data);
  const lines = text.trimEnd().split('\n');
  assert.ok(lines[2].startsWith('{"orphanedAt":'), 'orphan line last and marked first thing');
  const back = parseSidecar(text, 'doc.txt.annotations.jsonl');
  assert.deepEqual(back.problems, []);
  assert.deepEqual(back.annotations, data.annotations);
  assert.deepEqual(back.orphans, data.orphans);
  assert.equal(serializeSidecar(back, back.unreadable), text);
});

test('parse errors are located (line, column) and the broken lines are kept verbatim', () => {
  const good = serializeSidecar(toSidecarData(TEXT, 'doc.txt', [ann('南瑞集团', 'ORG', 'manual')])).trimEnd().split('\n');
  const broken = '{"start": 5, "end": 9, "label": "ORG" "state": "manual"}';
  const badState = '{"start":1,"end":2,"label":"NUM","state":"maybe","quote":{"exact":"x"}}';
  const badRange = '{"start":9,"end":2,"label":"NUM","state":"manual","quote":{"exact":"x"}}';
  const file = [good[0], good[1], broken, '', badState, badRange, '[1,2]'].join('\n') + '\n';
  const p = parseSidecar(file, 'x.annotations.jsonl');
  assert.equal(p.annotations.length, 1);
  const where = p.problems.map((q) => [q.line, q.column, q.severity]);
  assert.deepEqual(where, [
    [3, broken.indexOf('"state"') + 1, 'error'],
    [5, badState.indexOf('"state"') + 1, 'error'],
    [6, badRange.indexOf('"end"') + 1, 'error'],
    [7, 1, 'error'],
  ]);
  assert.match(p.problems[0].message, /expected ',' or '}'/);
  assert.equal(p.problems[0].file, 'x.annotations.jsonl');
  // Writing back keeps every line (nothing silently lost).
  const again = serializeSidecar(p, p.unreadable);
  for (const l of [broken, badState, badRange, '[1,2]']) assert.ok(again.includes(l), l);
});

test('unterminated string and control characters are located', () => {
  const head = JSON.stringify({ format: SIDECAR_FORMAT, version: 1, document: 'd', textHash: 'sha256:0' });
  const p = parseSidecar(`${head}\n{"start":1,"end":2,"label":"NUM","state":"manual","quote":{"exact":"abc}}\n`, 'f');
  assert.equal(p.problems.length, 1);
  assert.equal(p.problems[0].line, 2);
  assert.equal(p.problems[0].column, '{"start":1,"end":2,"label":"NUM","state":"manual","quote":{"exact":'.length + 1);
  assert.match(p.problems[0].message, /unterminated string/);
});

test('a newer format version is refused with a clear message, nothing interpreted', () => {
  const file = JSON.stringify({ format: SIDECAR_FORMAT, version: SIDECAR_VERSION + 1, document: 'd.txt', textHash: 'sha256:00' }) +
    '\n{"start":1,"end":2,"label":"NUM","state":"manual","quote":{"exact":"x"},"newField":true}\n';
  const p = parseSidecar(file, 'd.txt.annotations.jsonl');
  assert.ok(p.refused);
  assert.match(p.refused!, /version 2 is newer .* \(1\); update Policy Annotator/);
  assert.equal(p.problems[0].line, 1);
  assert.equal(p.annotations.length, 0);
  assert.equal(p.unreadable.length, 2, 'every line kept');
});

test('unknown fields are kept (warning) and written back', () => {
  const head = JSON.stringify({ format: SIDECAR_FORMAT, version: 1, document: 'd', textHash: 'sha256:0', tool: 'x' });
  const line = '{"start":1,"end":2,"label":"NUM","state":"manual","quote":{"exact":"x","prefix":"","suffix":""},"comment":"check"}';
  const p = parseSidecar(`${head}\n${line}\n`, 'f');
  assert.deepEqual(p.problems.map((q) => q.severity), ['warning']);
  const out = serializeSidecar(p, p.unreadable);
  assert.ok(out.includes('"comment":"check"'));
  assert.ok(out.includes('"tool":"x"'));
});

test('a file without header still yields its annotations, with a warning', () => {
  const p = parseSidecar('{"start":1,"end":2,"label":"NUM","state":"manual","quote":{"exact":"x"}}\n', 'f');
  assert.equal(p.annotations.length, 1);
  assert.equal(p.problems[0].severity, 'warning');
});

test('sidecar location: next to the file, or under a folder by relative path', () => {
  assert.equal(sidecarPathFor('/w/docs/a.txt'), '/w/docs/a.txt.annotations.jsonl');
  assert.equal(sidecarPathFor('/w/docs/a.txt', { folder: '/w/.annotations', root: '/w' }), '/w/.annotations/docs/a.txt.annotations.jsonl');
  assert.equal(sidecarPathFor('C:\\w\\docs\\a.md', { folder: 'C:\\w\\ann\\', root: 'C:\\w' }), 'C:/w/ann/docs/a.md.annotations.jsonl');
  assert.equal(sidecarPathFor('/elsewhere/b.txt', { folder: '/w/ann', root: '/w' }), '/w/ann/b.txt.annotations.jsonl');
});
