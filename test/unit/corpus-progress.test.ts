// Review progress (core/corpus/progress.ts) and its place in `policy-annotator stats`: per state,
// per label, engine suggestions still open, per file and in total.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { progress, sumProgress } from '../../src/core/corpus/progress';
import { toSidecarData, serializeSidecar, parseSidecar } from '../../src/core/annotations/sidecar';
import { AnnotatedDocument } from '../../src/core/annotations/document';
import type { Annotation } from '../../src/core/annotations/model';
import type { Span } from '../../src/core/types';

const root = resolve(__dirname, '../../..');
const cli = join(root, 'bin/policy-annotator.js');
const skip = !existsSync(join(root, 'dist/cli.js')) && 'run npm run build first';
const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

// 国务院 0-3 | 决定投资 3-7 | 500亿元 7-12 | 推进 12-14 | 高质量发展 14-19 | 。
const TEXT = '国务院决定投资500亿元推进高质量发展。';
const span = (start: number, end: number, label: string): Span => ({ start, end, label, origin: 'glossary' } as Span);
const ENGINE = [span(0, 3, 'ORG'), span(7, 12, 'NUM'), span(14, 19, 'TERM'), span(3, 5, 'TERM')];

test('progress: decisions per state and label; engine suggestions no decision covers stay open', () => {
  const annotations: Annotation[] = [
    { start: 0, end: 3, label: 'ORG', state: 'accepted' }, // covers the engine's 国务院
    { start: 7, end: 11, label: 'NUM', state: 'manual' }, // overlaps the engine's 500亿元: hides it
    { start: 14, end: 19, label: 'TERM', state: 'rejected' }, // the very engine span: hidden for good
  ];
  const p = progress(TEXT, ENGINE, annotations);
  // Open: only 决定 (3-5), which no decision touches.
  assert.deepEqual(p.total, { manual: 1, accepted: 1, rejected: 1, auto: 0, unreviewed: 1 });
  assert.deepEqual(Object.keys(p.labels), ['NUM', 'ORG', 'TERM']);
  assert.deepEqual(p.labels.TERM, { manual: 0, accepted: 0, rejected: 1, auto: 0, unreviewed: 1 });
  assert.equal(p.reviewed, 3 / 4);
  // A suggestion kept in the sidecar (state auto) is open too, and an engine span under it is not counted twice.
  const q = progress(TEXT, ENGINE, [{ start: 3, end: 5, label: 'TERM', state: 'auto' }]);
  assert.deepEqual(q.total, { manual: 0, accepted: 0, rejected: 0, auto: 1, unreviewed: 3 });
  assert.equal(q.reviewed, 0);
  // Nothing to decide at all: no share, not 0% or 100%.
  assert.equal(progress('无', [], []).reviewed, null);
  const sum = sumProgress([p, q]);
  assert.deepEqual(sum.total, { manual: 1, accepted: 1, rejected: 1, auto: 1, unreviewed: 4 });
  assert.deepEqual(sum.labels.TERM, { manual: 0, accepted: 0, rejected: 1, auto: 1, unreviewed: 1 + 1 });
  assert.equal(sum.reviewed, 3 / 8);
});

test('progress: an open document counted from stored() is what its sidecar holds once saved (the corpus view on a session)', () => {
  const doc = new AnnotatedDocument(TEXT, [{ start: 3, end: 5, label: 'TERM', state: 'auto' }]); // a pinned suggestion (import)
  doc.merge(ENGINE);
  doc.accept(0);
  doc.reject(8);
  const stored = doc.stored();
  assert.ok(stored.every((a) => a.state !== 'auto' || (a.start === 3 && a.end === 5)), 'merged engine suggestions are not stored');
  const fromSidecar = AnnotatedDocument.fromSidecar(TEXT, parseSidecar(doc.serialize('t.txt'), 't.txt')).document.all();
  assert.deepEqual(progress(TEXT, ENGINE, stored), progress(TEXT, ENGINE, fromSidecar));
  assert.deepEqual(progress(TEXT, ENGINE, stored).total, { manual: 0, accepted: 1, rejected: 1, auto: 1, unreviewed: 1 });
});

test('stats: per-file review progress and totals from the sidecars, text and --json', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pa-progress-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'texts'));
  writeFileSync(join(dir, 'texts', 'a.txt'), TEXT);
  writeFileSync(join(dir, 'texts', 'b.txt'), TEXT);
  const decided: Annotation[] = [{ start: 0, end: 3, label: 'ORG', state: 'accepted' }, { start: 14, end: 19, label: 'TERM', state: 'rejected' }];
  writeFileSync(join(dir, 'texts', 'a.txt.annotations.jsonl'), serializeSidecar(toSidecarData(TEXT, 'a.txt', decided)));
  const r = spawnSync(process.execPath, [cli, 'stats', '--json', join(dir, 'texts')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  const a = s.progress.files[0];
  const b = s.progress.files[1];
  assert.deepEqual([a.id, a.sidecar, b.id, b.sidecar], ['a', true, 'b', false]);
  // a: 国务院 accepted, 高质量发展 rejected; what the engine finds besides stays open.
  assert.equal(a.progress.total.accepted, 1);
  assert.equal(a.progress.total.rejected, 1);
  const engineSpans = b.progress.total.unreviewed; // b has no sidecar: every engine span is open
  assert.ok(engineSpans >= 3, JSON.stringify(b.progress));
  assert.equal(a.progress.total.unreviewed, engineSpans - 2);
  assert.equal(s.progress.total.total.unreviewed, 2 * engineSpans - 2);
  const text = spawnSync(process.execPath, [cli, 'stats', join(dir, 'texts')], { encoding: 'utf8' });
  assert.match(text.stdout, /^## review progress: 1 of 2 text\(s\) have a sidecar$/m);
  assert.match(text.stdout, /^b +0 +0 +0 +0 +\d+ +0%  \(no sidecar\)$/m);
  assert.match(text.stdout, /^total +0 +1 +1 +0 +\d+ +\d+%$/m);
  // No sidecar anywhere: the overview is as before, without a progress section.
  const plain = spawnSync(process.execPath, [cli, 'stats', '--json', join(dir, 'texts', 'b.txt')], { encoding: 'utf8' });
  assert.equal(JSON.parse(plain.stdout).progress, undefined);
  // A sidecar that cannot be read whole: located error, exit 2, nothing on stdout.
  writeFileSync(join(dir, 'texts', 'b.txt.annotations.jsonl'), '{"format":"policy-annotator-sidecar","version":9,"document":"b.txt","textHash":"x"}\n');
  const bad = spawnSync(process.execPath, [cli, 'stats', join(dir, 'texts')], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, /b\.txt\.annotations\.jsonl:1:\d+: sidecar format version 9 is newer/);
});
