// Paths from data never decide where files go (issue 8, item 4, the CLI part): ids in imported
// files and in stdin records, and the `document` field of a sidecar, cannot make `import` or
// `export` write outside the folder the user chose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serializeSidecar, toSidecarData, SIDECAR_SUFFIX } from '../../src/core/annotations/sidecar';
import { NEEDS_BUILD, runCli, tempDir } from './helpers';

const HOSTILE_IDS = ['../escape', '../../etc/evil', '/tmp/pa-absolute-evil', 'a/../../b', 'C:\\Windows\\evil', 'ok/./x', '', 'nul\u0000byte', 'a//b', '..'];

/** Every file under `dir`, relative. */
function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

test('CLI import: ids with .., absolute paths or drive letters are skipped; nothing is written outside --into', { skip: NEEDS_BUILD }, () => {
  const root = tempDir();
  const into = join(root, 'into');
  mkdirSync(into);
  const input = join(root, 'in.jsonl');
  writeFileSync(input, [...HOSTILE_IDS, 'good'].map((id) => JSON.stringify({ id, text: '南瑞集团', spans: [{ start: 0, end: 4, label: 'ORG' }] })).join('\n') + '\n');
  const before = files(root);
  const r = runCli(['import', '--format', 'native', input, '--into', into]);
  assert.equal(r.status, 0, r.stderr);
  const after = files(root);
  const added = after.filter((f) => !before.includes(f));
  // The empty id (line 7) gets a generated, safe one.
  assert.deepEqual(added, ['into/good.txt', `into/good.txt${SIDECAR_SUFFIX}`, 'into/line-7.txt', `into/line-7.txt${SIDECAR_SUFFIX}`], r.stderr);
  assert.match(r.stderr, /skipped: 9\n/);
});

test('CLI export: hostile stdin ids and a sidecar whose `document` field climbs out write nothing outside --out', { skip: NEEDS_BUILD }, () => {
  const root = tempDir();
  const out = join(root, 'out');
  const stdin = [...HOSTILE_IDS, 'good'].map((id) => JSON.stringify({ id, text: '南瑞集团', spans: [{ start: 0, end: 4, label: 'ORG' }] })).join('\n') + '\n';
  for (const format of ['native', 'doccano', 'label-studio', 'brat', 'conll']) {
    const dir = join(out, format);
    const r = runCli(['export', '--format', format, '--out', dir, '--no-progress', '-'], { input: stdin });
    assert.ok(r.status === 0 || r.status === 1, `${format}: ${r.stderr}`);
    for (const f of files(root)) assert.ok(f.startsWith('out/'), `${format}: ${f} written outside --out`);
  }
  // A sidecar is data too: its header names the document, but that never becomes a path.
  const corpus = join(root, 'corpus');
  mkdirSync(corpus);
  const text = '南瑞集团在江宁。';
  writeFileSync(join(corpus, 'doc.txt'), text);
  writeFileSync(join(corpus, 'doc.txt' + SIDECAR_SUFFIX), serializeSidecar(toSidecarData(text, '../../../../etc/evil.txt', [{ start: 0, end: 4, label: 'ORG', state: 'manual' }])));
  const r = runCli(['export', '--format', 'brat', '--out', join(out, 'from-sidecar'), '--no-progress', corpus]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(files(join(out, 'from-sidecar')), ['annotation.conf', 'doc.ann', 'doc.txt']);
  for (const f of files(root)) assert.ok(f.startsWith('out/') || f.startsWith('corpus/'), `${f} written outside`);
});
