import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// These tests drive the built CLI (npm run build) the way users and the scorer do.
const root = resolve(__dirname, '../../..');
const cli = join(root, 'bin/policy-annotator.js');
const built = existsSync(join(root, 'dist/cli.js'));
const run = (args: string[], input?: string) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input });

test('tag prints one gold-shaped JSON object per file with code point offsets', { skip: !built && 'run npm run build first' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pa-cli-'));
  const f = join(dir, 'doc-1.txt');
  writeFileSync(f, '𠀀😀南瑞集团集聚企业 140 多家，推动高质量发展。');
  const r = run(['tag', f]);
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout.trim());
  assert.equal(doc.id, 'doc-1');
  const cps = [...doc.text];
  const surfaces = doc.spans.map((s: { start: number; end: number; label: string }) => [cps.slice(s.start, s.end).join(''), s.label]);
  assert.deepEqual(surfaces, [['南瑞集团', 'ORG'], ['140 多家', 'NUM'], ['高质量发展', 'TERM']]);
  assert.equal(doc.spans[0].start, 2, 'code points: 𠀀 and 😀 count once each');
  assert.deepEqual(doc.spans[1].value, { value: 140, unit: '家', kind: 'quantity', approx: 'over' });
});

test('a missing file is a one-line error naming it, exit code 2', { skip: !built && 'run npm run build first' }, () => {
  const r = run(['tag', '/nonexistent/x.txt']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^policy-annotator: \/nonexistent\/x\.txt: cannot read: no such file\n$/);
});

test('eval prints exactly what shared/corpus/score.py prints', { skip: (!built && 'run npm run build first') || (spawnSync('python3', ['--version']).status !== 0 && 'no python3') }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pa-eval-'));
  const gold = join(dir, 'gold.jsonl');
  const pred = join(dir, 'pred.jsonl');
  writeFileSync(gold, [
    JSON.stringify({ id: 'a', spans: [{ start: 0, end: 2, label: 'NUM' }, { start: 3, end: 5, label: 'ORG', optional: true }, { start: 6, end: 9, label: 'TERM' }] }),
    JSON.stringify({ id: 'b', spans: [{ start: 1, end: 4, label: 'ORG' }] }),
  ].join('\n') + '\n');
  writeFileSync(pred, [
    JSON.stringify({ id: 'a', spans: [{ start: 0, end: 2, label: 'NUM' }, { start: 3, end: 5, label: 'ORG' }, { start: 6, end: 8, label: 'TERM' }] }),
    JSON.stringify({ id: 'b', spans: [{ start: 1, end: 4, label: 'ORG' }, { start: 5, end: 6, label: 'NUM' }] }),
  ].join('\n') + '\n');
  const ours = run(['eval', gold, pred]);
  assert.equal(ours.status, 0, ours.stderr);
  const scorer = [join(root, '../shared/corpus/score.py')].find(existsSync);
  if (scorer) {
    const py = spawnSync('python3', [scorer, gold, pred], { encoding: 'utf8' });
    assert.equal(ours.stdout, py.stdout);
  }
  // Independent of the reference scorer: NUM 1 tp 1 fp, TERM 1 fp 1 fn, ORG 1 tp (optional ignored).
  assert.match(ours.stdout, /^NUM\s+0\.500\s+1\.000\s+0\.667\s+1\s+1\s+0$/m);
  assert.match(ours.stdout, /^ORG\s+1\.000\s+1\.000\s+1\.000\s+1\s+0\s+0$/m);
  assert.match(ours.stdout, /^TERM\s+0\.000\s+0\.000\s+0\.000\s+0\s+1\s+1$/m);
});
