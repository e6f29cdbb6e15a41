// policy-annotator stats: the corpus overview, driven through the built CLI as a user runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { corpusStats } from '../../src/core/eval/stats';
import { getDefaultEngine } from '../../src/core/engine';

const root = resolve(__dirname, '../../..');
const cli = join(root, 'bin/policy-annotator.js');
const built = existsSync(join(root, 'dist/cli.js'));
const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

test('corpusStats: surfaces per label, counted across documents, whitespace of PDF breaks left out', () => {
  const engine = getDefaultEngine();
  const docs = [
    { id: 'a', text: '国务院部署工作。国务院要求推动高质量发展。', group: '2020' },
    { id: 'b', text: '会议指出，要把工作做得更加扎实，国务\n院常务会议强调高质量发展。', group: '2010' },
  ];
  const stats = corpusStats(docs, (t) => engine.tag(t));
  const org = stats.labels.find((l) => l.label === 'ORG')!;
  assert.deepEqual(org.surfaces.map((s) => [s.surface, s.count, s.documents]), [['国务院', 3, 2]]);
  assert.equal(org.surfaces[0].example.id, 'a');
  assert.match(org.surfaces[0].example.context, /【国务院】部署/);
  const term = stats.labels.find((l) => l.label === 'TERM')!;
  assert.deepEqual(term.surfaces.map((s) => [s.surface, s.count]), [['高质量发展', 2]]);
  assert.deepEqual(stats.groups.map((g) => [g.group, g.documents]), [['2020', 1], ['2010', 1]]);
});

test('stats over folders and a .jsonl corpus, grouped by decade, as text and JSON', { skip: !built && 'run npm run build first' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pa-stats-'));
  try {
    mkdirSync(join(dir, 'texts'));
    writeFileSync(join(dir, 'texts', 'one.txt'), '紫金山实验室与东南大学合作。');
    const corpus = join(dir, 'reports.jsonl');
    writeFileSync(corpus, [
      JSON.stringify({ title: 'r1984', year: 1984, content: '国务院决定，国家计委负责综合平衡。' }),
      JSON.stringify({ title: 'r1998', year: 1998, content: '国务院机构改革方案经全国人大批准。' }),
    ].join('\n') + '\n');
    const r = run(['stats', '--json', '--label', 'ORG', '--group-by', 'year', '--bucket', '10', join(dir, 'texts'), corpus]);
    assert.equal(r.status, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.equal(s.documents, 3);
    assert.deepEqual(s.labels.map((l: { label: string }) => l.label), ['ORG']);
    const surfaces = s.labels[0].surfaces.map((x: { surface: string; count: number }) => `${x.surface}×${x.count}`);
    assert.deepEqual(surfaces.sort(), ['东南大学×1', '全国人大×1', '国务院×2', '国家计委×1', '紫金山实验室×1']);
    assert.deepEqual(s.groups.map((g: { group: string }) => g.group), ['(none)', '1980', '1990']);
    const text = run(['stats', '--top', '1', '--label', 'ORG', corpus]);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^2 documents, \d+ characters\n\n## ORG: 4 spans, 3 distinct surfaces \(the 1 most frequent shown\)\n +2 +2 docs  国务院\tglossary\tr1984: 【国务院】决定/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('stats: a bad record is a located error, exit 2, and nothing on stdout', { skip: !built && 'run npm run build first' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pa-stats-'));
  try {
    const corpus = join(dir, 'bad.jsonl');
    writeFileSync(corpus, '{"text": "国务院"}\n{"text": 1}\n');
    const r = run(['stats', corpus]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /bad\.jsonl:2:1: a record needs a "text" or "content" string/);
    const u = run(['stats', '--nope', corpus]);
    assert.equal(u.status, 2);
    assert.match(u.stderr, /unknown option --nope/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
