import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from './helpers';

// These tests drive the built CLI (npm run build) the way users and the scorer do.
const root = resolve(__dirname, '../../..');
const cli = join(root, 'bin/policy-annotator.js');
const built = existsSync(join(root, 'dist/cli.js'));
const run = (args: string[], input?: string) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input });

test('tag prints one gold-shaped JSON object per file with code point offsets', { skip: !built && 'run npm run build first' }, (t) => {
  const dir = tempDir('pa-cli-', t);
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

// The pair in test/fixtures/eval is hand-made (the README's eval example runs on it too), so the
// expected figures below are computed by hand, not taken from another scorer.
test('eval prints P/R/F1 per label, hand-computed; byte-equal to score.py when a copy sits beside the project', { skip: !built && 'run npm run build first' }, (t) => {
  const gold = join(root, 'test/fixtures/eval/gold.jsonl');
  const pred = join(root, 'test/fixtures/eval/pred.jsonl');
  const ours = run(['eval', gold, pred]);
  assert.equal(ours.status, 0, ours.stderr);
  // NUM 1 tp 1 fp, TERM 1 fp 1 fn, ORG 1 tp (the optional gold span neither credited nor penalized).
  assert.equal(ours.stdout, [
    'label       P      R     F1   tp   fp   fn',
    'NUM     0.500  1.000  0.667    1    1    0',
    'ORG     1.000  1.000  1.000    1    0    0',
    'TERM    0.000  0.000  0.000    0    1    1',
    'ALL     0.500  0.667  0.571    2    2    1',
    '',
  ].join('\n'));
  // An extra check for developers who have the corpus folder ../shared (not part of this
  // repository): the output is also what its reference scorer prints. The assertions above
  // never depend on it.
  const scorer = join(root, '../shared/corpus/score.py');
  if (existsSync(scorer) && spawnSync('python3', ['--version']).status === 0) {
    const py = spawnSync('python3', [scorer, gold, pred], { encoding: 'utf8' });
    assert.equal(ours.stdout, py.stdout);
    t.diagnostic('also compared with ../shared/corpus/score.py');
  }
});
