// Sidecar safety (issue 8, item 3): corrupted and hand-edited sidecars are reported with their
// position and never lose a line; a sidecar of a newer format is refused; the CLI leaves a
// sidecar it cannot read whole byte for byte as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseSidecar, serializeSidecar, toSidecarData, SIDECAR_SUFFIX } from '../../src/core/annotations/sidecar';
import { AnnotatedDocument } from '../../src/core/annotations/document';
import type { Annotation } from '../../src/core/annotations/model';
import { checkLocated, NEEDS_BUILD, runCli, tempDir } from './helpers';

const TEXT = '𠀀南京市江宁经济技术开发区集聚南瑞集团等企业😀，规上工业企业 646 家。\r\n推动高质量发展。';
const at = (s: string, label: string, state: Annotation['state']): Annotation => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length, label, state, author: 'li', time: '2024-05-01T08:00:00.000Z' });
const ANNOTATIONS = [at('南瑞集团', 'ORG', 'manual'), at('646 家', 'NUM', 'accepted'), at('高质量发展', 'TERM', 'rejected')];
const GOOD = serializeSidecar(toSidecarData(TEXT, 'doc.txt', ANNOTATIONS));
const GOOD_LINES = GOOD.trimEnd().split('\n');

/** Each hand edit: the sidecar text, and where (line, and column when it is certain) an error must be reported. */
const EDITS: { name: string; text: string; line: number; column?: number; keeps: number }[] = [
  { name: 'truncated line (a crash in an old editor)', text: [GOOD_LINES[0], GOOD_LINES[1], GOOD_LINES[2].slice(0, 40), GOOD_LINES[3]].join('\n'), line: 3, keeps: 2 },
  { name: 'trailing comma', text: [GOOD_LINES[0], GOOD_LINES[1].replace(/}$/, ',}'), GOOD_LINES[2], GOOD_LINES[3]].join('\n'), line: 2, keeps: 2 },
  { name: 'single quotes', text: [GOOD_LINES[0], GOOD_LINES[1].replace(/"label":"ORG"/, "'label':'ORG'"), GOOD_LINES[2], GOOD_LINES[3]].join('\n'), line: 2, column: GOOD_LINES[1].indexOf('"label"') + 1, keeps: 2 },
  { name: 'end before start', text: [GOOD_LINES[0], GOOD_LINES[1].replace(/"end":\d+/, '"end":1'), GOOD_LINES[2], GOOD_LINES[3]].join('\n'), line: 2, column: GOOD_LINES[1].indexOf('"end"') + 1, keeps: 2 },
  { name: 'unknown state', text: [GOOD_LINES[0], GOOD_LINES[1], GOOD_LINES[2].replace(/"state":"\w+"/, '"state":"maybe"'), GOOD_LINES[3]].join('\n'), line: 3, column: GOOD_LINES[2].indexOf('"state"') + 1, keeps: 2 },
  { name: 'a merge conflict left in', text: [GOOD_LINES[0], '<<<<<<< HEAD', GOOD_LINES[1], '=======', GOOD_LINES[2], '>>>>>>> theirs', GOOD_LINES[3]].join('\n'), line: 2, column: 1, keeps: 3 },
  { name: 'NUL bytes and binary garbage in a line', text: [GOOD_LINES[0], '\u0000\u0000\u0001\ufffd\u0007', GOOD_LINES[1], GOOD_LINES[2], GOOD_LINES[3]].join('\n'), line: 2, column: 1, keeps: 3 },
  { name: 'a control character inside a string', text: [GOOD_LINES[0], GOOD_LINES[1].replace('南瑞', '南\u0001瑞'), GOOD_LINES[2], GOOD_LINES[3]].join('\n'), line: 2, keeps: 2 },
  { name: 'deeply nested value', text: [GOOD_LINES[0], GOOD_LINES[1], GOOD_LINES[2].replace(/}$/, `,"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`), GOOD_LINES[3]].join('\n'), line: 3, keeps: 2 },
  { name: 'a 5 MB line', text: [GOOD_LINES[0], `{"start":1,"end":2,"label":"ORG","state":"manual","quote":{"exact":"${'南'.repeat(5_000_000)}`, GOOD_LINES[1], GOOD_LINES[2], GOOD_LINES[3]].join('\n'), line: 2, keeps: 3 },
  { name: 'header broken', text: [GOOD_LINES[0].slice(0, 30), GOOD_LINES[1], GOOD_LINES[2], GOOD_LINES[3]].join('\n'), line: 1, keeps: 3 },
  { name: 'a second header', text: [GOOD_LINES[0], GOOD_LINES[1], GOOD_LINES[0], GOOD_LINES[2], GOOD_LINES[3]].join('\n'), line: 3, keeps: 3 },
  { name: 'an array instead of an object', text: [GOOD_LINES[0], '[1, 2, 3]', GOOD_LINES[1], GOOD_LINES[2], GOOD_LINES[3]].join('\n'), line: 2, column: 1, keeps: 3 },
];

test('sidecar: every hand edit or corruption is located, never throws, and no line is lost when written back', () => {
  for (const e of EDITS) {
    for (const [variant, text] of [['LF', e.text], ['CRLF', e.text.replace(/\n/g, '\r\n')], ['BOM', '\ufeff' + e.text]] as const) {
      const where = `${e.name} (${variant})`;
      let p!: ReturnType<typeof parseSidecar>;
      assert.doesNotThrow(() => { p = parseSidecar(text, 'doc.txt' + SIDECAR_SUFFIX); }, where);
      checkLocated(p.problems, 'doc.txt' + SIDECAR_SUFFIX);
      const err = p.problems.find((x) => x.severity === 'error' && x.line === e.line && (e.column === undefined || x.column === e.column));
      assert.ok(err, `${where}: an error at ${e.line}:${e.column ?? '*'}; got ${JSON.stringify(p.problems.map((x) => `${x.line}:${x.column} ${x.severity} ${x.message.slice(0, 80)}`))}`);
      assert.equal(p.annotations.length + p.orphans.length, e.keeps, `${where}: the readable annotations are kept`);
      // Loading never throws; saving back keeps every line that could not be read, verbatim.
      const { document } = AnnotatedDocument.fromSidecar(TEXT, p);
      const saved = document.serialize('doc.txt');
      for (const u of p.unreadable) assert.ok(saved.includes(u.text), `${where}: unreadable line ${u.line} kept verbatim`);
      assert.equal(parseSidecar(saved, 'again').annotations.length, e.keeps, `${where}: annotations survive a save`);
    }
  }
});

test('sidecar: a newer format version is refused with a clear message and cannot be loaded or overwritten', () => {
  const future = GOOD.replace('"version":1', '"version":7').replace(/\n$/, '\n{"some":"future","shape":[1]}\n');
  const p = parseSidecar(future, 'doc.txt' + SIDECAR_SUFFIX);
  assert.match(p.refused ?? '', /sidecar format version 7 is newer than this version of Policy Annotator reads \(1\); update Policy Annotator — the file was left untouched/);
  assert.deepEqual([p.problems[0].line, p.problems[0].column, p.problems[0].severity], [1, GOOD_LINES[0].indexOf('"version"') + 1, 'error']);
  assert.equal(p.annotations.length, 0, 'nothing interpreted');
  assert.throws(() => AnnotatedDocument.fromSidecar(TEXT, p), /newer/);
  assert.equal(serializeSidecar(p, p.unreadable).trimEnd().split('\n').slice(1).join('\n'), future.trimEnd(), 'every line kept verbatim if anyone did write it');
});

test('sidecar: annotations pointing outside the text or at the wrong words become orphans, never errors', () => {
  const edited = [GOOD_LINES[0], GOOD_LINES[1].replace(/"start":\d+,"end":\d+/, '"start":100000,"end":100004'), GOOD_LINES[2].replace(/"exact":"[^"]*"/, '"exact":"不存在的词"'), GOOD_LINES[3]].join('\n');
  const p = parseSidecar(edited, 's');
  assert.deepEqual(p.problems, []);
  const { document, report } = AnnotatedDocument.fromSidecar(TEXT, p);
  assert.equal(document.all().length + document.orphans().length, 3, 'nothing dropped');
  assert.ok(report.orphaned.length >= 1);
  for (const a of document.all()) assert.ok(a.start >= 0 && a.end <= TEXT.length && a.start < a.end);
});

// ---------------------------------------------------------------------------------------------
// The CLI (import writes sidecars; export reads them)

function importFixture() {
  const dir = tempDir();
  const into = join(dir, 'texts');
  mkdirSync(into);
  writeFileSync(join(into, 'doc.txt'), TEXT);
  const incoming = join(dir, 'incoming.jsonl');
  writeFileSync(incoming, JSON.stringify({ id: 'doc', text: TEXT, spans: [{ start: 2, end: 4, label: 'ORG', state: 'manual' }] }) + '\n');
  return { dir, into, incoming, sidecar: join(into, 'doc.txt' + SIDECAR_SUFFIX) };
}

test('CLI import: a corrupted sidecar is reported with its position and left byte for byte untouched', { skip: NEEDS_BUILD }, () => {
  for (const e of EDITS.filter((x) => x.text.length < 100_000)) {
    const f = importFixture();
    writeFileSync(f.sidecar, e.text);
    const before = readFileSync(f.sidecar);
    const r = runCli(['import', '--format', 'native', f.incoming, '--into', f.into]);
    assert.ok(readFileSync(f.sidecar).equals(before), `${e.name}: the sidecar was changed`);
    assert.equal(r.status, 1, `${e.name}: exit 1 (nothing imported)\n${r.stderr}`);
    const loc = new RegExp(`^${f.sidecar.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${e.line}:${e.column ?? '\\d+'}: error: `, 'm');
    // NUL bytes make the whole file binary to the reader: refused as such, before any line is read.
    if (e.text.includes('\u0000')) assert.match(r.stderr, /binary file \(NUL byte\); the sidecar was left untouched/);
    else assert.match(r.stderr, loc, `${e.name}: located on stderr`);
    assert.match(r.stderr, /left untouched/);
  }
});

test('CLI import: a sidecar that is not UTF-8 (GBK, binary) is left untouched', { skip: NEEDS_BUILD }, () => {
  for (const [name, bytes] of [
    ['GBK', Buffer.concat([Buffer.from(GOOD_LINES[0] + '\n{"start":1,"end":3,"label":"ORG","state":"manual","quote":{"exact":"'), Buffer.from([0xc4, 0xcf, 0xc8, 0xf0]), Buffer.from('"}}\n')])],
    ['binary', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
  ] as const) {
    const f = importFixture();
    writeFileSync(f.sidecar, bytes);
    const r = runCli(['import', '--format', 'native', f.incoming, '--into', f.into]);
    assert.ok(readFileSync(f.sidecar).equals(bytes), `${name}: the sidecar was changed`);
    assert.match(r.stderr, /(not valid UTF-8 \(at byte \d+\)|binary file \(NUL byte\)); the sidecar was left untouched/, name);
  }
});

test('CLI import and export: a sidecar of a newer format version is refused and left untouched', { skip: NEEDS_BUILD }, () => {
  const f = importFixture();
  const future = GOOD.replace('"version":1', '"version":2');
  writeFileSync(f.sidecar, future);
  const r = runCli(['import', '--format', 'native', f.incoming, '--into', f.into]);
  assert.equal(readFileSync(f.sidecar, 'utf8'), future);
  assert.match(r.stderr, /doc: sidecar format version 2 is newer than this version of Policy Annotator reads \(1\)/);
  const out = join(f.dir, 'out');
  const x = runCli(['export', '--format', 'native', '--out', out, '--no-progress', f.into]);
  assert.equal(readFileSync(f.sidecar, 'utf8'), future);
  assert.match(x.stderr, /doc\.txt: \S*doc\.txt\.annotations\.jsonl:1:\d+: sidecar format version 2 is newer/, 'skipped with the sidecar located (FILE:LINE:COLUMN)');
});

test('CLI import: a good sidecar is merged, and every earlier annotation survives', { skip: NEEDS_BUILD }, () => {
  const f = importFixture();
  writeFileSync(f.sidecar, GOOD);
  const r = runCli(['import', '--format', 'native', f.incoming, '--into', f.into]);
  assert.equal(r.status, 0, r.stderr);
  const p = parseSidecar(readFileSync(f.sidecar, 'utf8'), 's');
  assert.deepEqual(p.problems, []);
  assert.equal(p.annotations.length, 4);
});
