// policy-annotator agree: two annotators' sidecar folders written here, compared through the core
// and through the built CLI, with kappa, P/R/F1 and the disagreements computed by hand below.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { agreement, categoriesOf } from '../../src/core/agreement/agreement';
import { alignDocument, countedStates } from '../../src/core/agreement/align';
import { toSidecarData, serializeSidecar } from '../../src/core/annotations/sidecar';
import type { Annotation, AnnotationState } from '../../src/core/annotations/model';

const root = resolve(__dirname, '../../..');
const cli = join(root, 'bin/policy-annotator.js');
const skip = !existsSync(join(root, 'dist/cli.js')) && 'run npm run build first';
const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

// d1: 国务院 0-3 | 决定投资 3-7 | 500亿元 7-12 | 推进 12-14 | 高质量发展 14-19 | 。19 (20 code points)
const D1 = '国务院决定投资500亿元推进高质量发展。';
// d2: 财政部 0-3 | 发布 3-5 | 通知 5-7 | 。7 (8 code points)
const D2 = '财政部发布通知。';
type S = [number, number, string, AnnotationState?];
const A: Record<string, S[]> = {
  'd1.txt': [[0, 3, 'ORG'], [7, 12, 'NUM'], [14, 19, 'TERM', 'accepted']],
  'sub/d2.txt': [[0, 3, 'ORG']],
  'extra.txt': [[0, 2, 'TERM']],
};
const B: Record<string, S[]> = {
  // 500亿 without 元 (boundary), 高质量发展 as ORG (label), a rejection that never counts
  'd1.txt': [[0, 3, 'ORG'], [7, 11, 'NUM'], [14, 19, 'ORG'], [3, 5, 'TERM', 'rejected']],
  // 财政部 only as an unreviewed suggestion (counts only with --include-suggestions); 通知 only in B
  'sub/d2.txt': [[0, 3, 'ORG', 'auto'], [5, 7, 'TERM']],
  'new.txt': [],
};
const TEXTS: Record<string, string> = { 'd1.txt': D1, 'sub/d2.txt': D2, 'extra.txt': '试点示范', 'new.txt': '新文件' };

/*
 * Kappa by hand over the 28 characters of d1 and d2 (extra.txt and new.txt are on one side only).
 * Category per character (A / B):
 *   d1: 0-2 ORG/ORG (3) · 3-6 O/O (4) · 7-10 NUM/NUM (4) · 11 NUM/O (1) · 12-13 O/O (2)
 *       · 14-18 TERM/ORG (5) · 19 O/O (1)
 *   d2: 0-2 ORG/O (3) · 3-4 O/O (2) · 5-6 O/TERM (2) · 7 O/O (1)
 * Agreeing: ORG 3 + O (4+2+1+2+1 = 10) + NUM 4 = 17, po = 17/28.
 * Marginals  A: O 12, ORG 6, NUM 5, TERM 5   B: O 14, ORG 8, NUM 4, TERM 2   (each sums to 28)
 * pe = (12·14 + 6·8 + 5·4 + 5·2) / 28² = (168 + 48 + 20 + 10) / 784 = 246/784
 * kappa = (476/784 − 246/784) / (1 − 246/784) = 230/538 = 0.42751… → 0.4275
 * Per label (L vs the rest): po = (n − a − b + 2·both)/n, pe = (a·b + (n−a)(n−b))/n²
 *   ORG  both 3, a 6, b 8: po 560/784, pe (48 + 22·20)/784 = 488/784 → 72/296 = 0.2432
 *   NUM  both 4, a 5, b 4: po 756/784, pe (20 + 23·24)/784 = 572/784 → 184/212 = 0.8679
 *   TERM both 0, a 5, b 2: po 588/784, pe (10 + 23·26)/784 = 608/784 → −20/176 = −0.1136
 * P/R/F1 with A as reference, exact spans: ORG tp 1 (d1 国务院), fp 1 (d1 高质量发展), fn 1
 * (d2 财政部) → 0.5/0.5/0.5; NUM and TERM tp 0 → 0; ALL tp 1, fp 3, fn 3 → 0.25.
 */
const KAPPA = 0.4275;

function annotations(spans: S[]): Annotation[] {
  return spans.map(([start, end, label, state]) => ({ start, end, label, state: state ?? 'manual' }));
}

/** A folder of texts and sidecars as the editor writes them. */
function writeSide(dir: string, side: Record<string, S[]>, withTexts = true): void {
  for (const [rel, spans] of Object.entries(side)) {
    const path = join(dir, rel);
    mkdirSync(join(path, '..'), { recursive: true });
    if (withTexts) writeFileSync(path, TEXTS[rel]);
    writeFileSync(path + '.annotations.jsonl', serializeSidecar(toSidecarData(TEXTS[rel], rel.split('/').pop()!, annotations(spans))));
  }
}

function folders(): { a: string; b: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pa-agree-'));
  dirs.push(dir);
  writeSide(join(dir, 'A'), A);
  writeSide(join(dir, 'B'), B);
  return { a: join(dir, 'A'), b: join(dir, 'B'), dir };
}

test('agreement: kappa over characters, per-label kappa and P/R/F1 equal the hand computation', () => {
  const states = countedStates(false);
  const side = (s: Record<string, S[]>, rel: string) => ({ text: TEXTS[rel], data: toSidecarData(TEXTS[rel], rel, annotations(s[rel])) });
  const docs = ['d1.txt', 'sub/d2.txt'].map((rel) => alignDocument(rel, side(A, rel), side(B, rel), states).document!);
  const r = agreement(docs);
  assert.equal(r.characters, 28);
  assert.equal(r.kappa.kappa, KAPPA);
  assert.equal(r.kappa.observed, Math.round((17 / 28) * 1e4) / 1e4);
  assert.equal(r.kappa.expected, Math.round((246 / 784) * 1e4) / 1e4);
  assert.deepEqual(r.confusion.TERM, { O: 0, NUM: 0, ORG: 5, TERM: 0 });
  const rows = Object.fromEntries(r.labels.map((l) => [l.label, [l.a, l.b, l.tp, l.fp, l.fn, l.precision, l.recall, l.f1, l.kappa]]));
  assert.deepEqual(rows, {
    NUM: [1, 1, 0, 1, 1, 0, 0, 0, 0.8679],
    ORG: [2, 2, 1, 1, 1, 0.5, 0.5, 0.5, 0.2432],
    TERM: [1, 1, 0, 1, 1, 0, 0, 0, -0.1136],
    ALL: [4, 4, 1, 3, 3, 0.25, 0.25, 0.25, KAPPA],
  });
  assert.deepEqual(r.disagreements.map((d) => [d.document, d.kind, d.a?.surface, d.b?.surface]), [
    ['d1.txt', 'boundary', '500亿元', '500亿'],
    ['d1.txt', 'label', '高质量发展', '高质量发展'],
    ['sub/d2.txt', 'only-a', '财政部', undefined],
    ['sub/d2.txt', 'only-b', undefined, '通知'],
  ]);
  assert.deepEqual(r.disagreements[0].context, { before: '国务院决定投资', text: '500亿元', after: '推进高质量发展。' });
  assert.deepEqual(r.disagreements[1].context, { before: '定投资500亿元推进', text: '高质量发展', after: '。' });
});

test('agreement: overlapping spans of one annotator give each character the longest span’s label', () => {
  const index = new Map([['O', 0], ['ORG', 1], ['TERM', 2]]);
  const { cells, overlapping } = categoriesOf(6, [{ start: 1, end: 3, label: 'TERM' }, { start: 0, end: 5, label: 'ORG' }], index);
  assert.deepEqual([...cells], [1, 1, 1, 1, 1, 0]);
  assert.equal(overlapping, 2);
  // Nothing to decide (both all O): kappa is undefined, not 0 or 1.
  assert.equal(agreement([{ id: 'x', length: 4, a: [], b: [] }]).kappa.kappa, null);
});

test('agree A B: the report, the documents only one side has, and --include-suggestions', { skip }, () => {
  const { a, b } = folders();
  const r = run(['agree', a, b]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^only in A: extra\.txt$/m);
  assert.match(r.stdout, /^only in B: new\.txt$/m);
  assert.match(r.stdout, /^documents compared: 2 \(28 characters\)$/m);
  assert.match(r.stdout, /^Cohen's kappa over 28 characters: 0\.4275 \(observed agreement 0\.6071, chance 0\.3138\)$/m);
  assert.match(r.stdout, /^ORG +2 +2 +1 +1 +1 +0\.5000 +0\.5000 +0\.5000 +0\.2432$/m);
  assert.match(r.stdout, /^ {2}d1\.txt {2}boundary differs +A NUM \[7,12\) 500亿元 {2}\| {2}B NUM \[7,11\) 500亿 {2}国务院决定投资【500亿元】推进高质量发展。$/m);
  assert.match(r.stdout, /^ {2}sub\/d2\.txt {2}only in A +A ORG \[0,3\) 财政部 {2}\| {2}B —/m);

  const j = JSON.parse(run(['agree', '--json', '--include-suggestions', a, b]).stdout);
  assert.deepEqual(Object.keys(j), ['a', 'b', 'states', 'onlyA', 'onlyB', 'notes', 'documents', 'characters', 'kappa', 'confusion', 'labels', 'overlapping', 'disagreements']);
  assert.deepEqual(j.states, ['manual', 'accepted', 'auto']);
  // The suggestion 财政部 now counts and matches A's 财政部.
  assert.deepEqual(j.labels.find((l: { label: string }) => l.label === 'ORG').tp, 2);
  assert.deepEqual(j.disagreements.map((d: { kind: string }) => d.kind), ['boundary', 'label', 'only-b']);
  assert.deepEqual(Object.keys(j.disagreements[0]), ['document', 'kind', 'a', 'b', 'context']);
});

test('agree without the texts: same kappa from the sidecar headers, surfaces from the quotes, no context', { skip }, () => {
  const { a, b } = folders();
  for (const side of [a, b]) for (const rel of ['d1.txt', 'sub/d2.txt']) unlinkSync(join(side, rel));
  const r = run(['agree', '--json', a, b]);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.kappa.kappa, KAPPA);
  assert.equal(j.disagreements[0].context, null);
  assert.equal(j.disagreements[0].a.surface, '500亿元');
  assert.match(j.notes.map((n: { document: string; message: string }) => `${n.document}: ${n.message}`).join('\n'), /^d1\.txt: text not found/m);
});

test('agree over two exports read by the import readers (doccano)', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pa-agree-'));
  dirs.push(dir);
  const rec = (id: string, text: string, label: [number, number, string][]) => JSON.stringify({ id, text, label });
  writeFileSync(join(dir, 'a.jsonl'), rec('d1', D1, [[0, 3, 'ORG'], [7, 12, 'NUM']]) + '\n' + rec('d9', '试点', []) + '\n');
  writeFileSync(join(dir, 'b.jsonl'), rec('d1', D1, [[0, 3, 'ORG'], [7, 12, 'NUM']]) + '\n');
  const j = JSON.parse(run(['agree', '--json', '--format', 'doccano', join(dir, 'a.jsonl'), join(dir, 'b.jsonl')]).stdout);
  assert.equal(j.kappa.kappa, 1);
  assert.deepEqual(j.onlyA, ['d9']);
  assert.deepEqual(j.disagreements, []);
});

test('agree: bad input is a located error, exit 2, nothing on stdout', { skip }, () => {
  const { a, b, dir } = folders();
  writeFileSync(join(b, 'd1.txt.annotations.jsonl'), '{"format":"policy-annotator-sidecar","version":1,"document":"d1.txt","textHash":"x"}\n{"start": 3, "end": 1, "label": "ORG"}\n');
  const bad = run(['agree', a, b]);
  assert.equal(bad.status, 2);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /d1\.txt\.annotations\.jsonl:2:\d+: "end" must be greater than "start"/);
  const missing = run(['agree', a, join(dir, 'nope')]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope: cannot read: no such file/);
  const one = run(['agree', a]);
  assert.equal(one.status, 2);
  assert.match(one.stderr, /agree needs two inputs/);
  writeFileSync(join(dir, 'bad.jsonl'), '{"id": "d1", "text": "abc", "label": [[0, 9, "ORG"]]}\n');
  const exp = run(['agree', '--format', 'doccano', join(dir, 'bad.jsonl'), join(dir, 'bad.jsonl')]);
  assert.equal(exp.status, 2);
  assert.equal(exp.stdout, '');
  assert.match(exp.stderr, /bad\.jsonl:1:\d+: /);
});
