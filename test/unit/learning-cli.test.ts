import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from './helpers';
import { runSimulate } from '../../src/cli/simulate';

const root = resolve(__dirname, '../../..');
const cli = join(root, 'bin/policy-annotator.js');
const built = existsSync(join(root, 'dist/cli.js'));
const skip = !built && 'run npm run build first';
const run = (args: string[], cwd?: string) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd });

const LEARNED = `version: 1
rejected:
  - term: 南瑞集团
    category: ORG
entries:
  - term: 甲乙工程
    category: TERM
    learned: { file: a.txt, action: tagged, author: li, time: 2024-05-01T09:30:00Z, count: 1 }
`;
const TEXT = '南瑞集团实施甲乙工程。';
const surfaces = (stdout: string) => {
  const doc = JSON.parse(stdout.trim().split('\n')[0]);
  return doc.spans.map((s: { start: number; end: number; label: string }) => `${[...doc.text].slice(s.start, s.end).join('')}:${s.label}`);
};

function workspace(t: Parameters<typeof tempDir>[1]): { ws: string; file: string } {
  const ws = tempDir('pa-learned-', t);
  mkdirSync(join(ws, '.policy-annotator'));
  writeFileSync(join(ws, '.policy-annotator/learned.glossary.yaml'), LEARNED);
  mkdirSync(join(ws, 'texts/deep'), { recursive: true });
  const file = join(ws, 'texts/deep/doc.txt');
  writeFileSync(file, TEXT);
  return { ws, file };
}

test('tag and export find the workspace learned file above the input; --no-learned turns it off', { skip }, (t) => {
  const { ws, file } = workspace(t);
  assert.deepEqual(surfaces(run(['tag', file]).stdout), ['甲乙工程:TERM']);
  assert.deepEqual(surfaces(run(['tag', '--no-learned', file]).stdout), ['南瑞集团:ORG']);
  const exported = run(['export', '--format', 'native', '--out', '-', join(ws, 'texts')]);
  assert.equal(exported.status, 0, exported.stderr);
  assert.deepEqual(surfaces(exported.stdout), ['甲乙工程:TERM'], 'export gives the spans tag gives');
  const other = join(tempDir('pa-learned-2-', t), 'x.txt');
  writeFileSync(other, TEXT);
  assert.deepEqual(surfaces(run(['tag', '--learned', join(ws, '.policy-annotator/learned.glossary.yaml'), other]).stdout), ['甲乙工程:TERM']);
});

test('a bad learned file: file:line:col on stderr, exit 2, no output', { skip }, (t) => {
  const { ws, file } = workspace(t);
  writeFileSync(join(ws, '.policy-annotator/learned.glossary.yaml'), LEARNED.replace('count: 1', 'count: 0'));
  const r = run(['tag', file]);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /learned\.glossary\.yaml:8:92: error: `learned\.count` must be a whole number of 1 or more/);
  const out = join(ws, 'out');
  const e = run(['export', '--format', 'native', '--out', out, join(ws, 'texts')]);
  assert.equal(e.status, 2);
  assert.equal(existsSync(out), false);
});

test('learned list shows the items with provenance; forget rewrites the file without one', { skip }, (t) => {
  const { ws } = workspace(t);
  const list = run(['learned', 'list'], join(ws, 'texts'));
  assert.equal(list.status, 0, list.stderr);
  assert.equal(list.stdout, 'rejected\tORG\t南瑞集团\t\t\t\t\t\nentry\tTERM\t甲乙工程\ta.txt\ttagged\tli\t2024-05-01T09:30:00Z\t1\n');
  assert.equal(run(['learned', 'forget', '--label', 'ORG', '甲乙工程'], ws).status, 2, 'no such item: nothing written');
  const f = run(['learned', 'forget', '--rejected', '--label', 'ORG', '南瑞集团'], ws);
  assert.equal(f.status, 0, f.stderr);
  const after = readFileSync(join(ws, '.policy-annotator/learned.glossary.yaml'), 'utf8');
  assert.doesNotMatch(after, /南瑞集团/);
  assert.match(after, /term: 甲乙工程/);
});

test('simulate reads texts and gold from a folder and ends with the verdict line', (t) => {
  const dir = tempDir('pa-sim-', t);
  const texts = { a: '实施甲乙工程，推动发展。', b: '推进甲乙工程。甲乙工程。' };
  const gold = Object.entries(texts).map(([id, text]) => JSON.stringify({ id, text, spans: [...text.matchAll(/甲乙工程/g)].map((m) => ({ start: m.index, end: m.index! + 4, label: 'TERM' })) }));
  mkdirSync(join(dir, 'dev'));
  for (const [id, text] of Object.entries(texts)) writeFileSync(join(dir, 'dev', `${id}.txt`), text);
  writeFileSync(join(dir, 'dev.gold.jsonl'), gold.join('\n') + '\n');
  let out = '';
  let err = '';
  assert.equal(runSimulate(['dev'], (s) => (out += s), (s) => (err += s), dir), 0, err);
  assert.equal(out.trim().split('\n').at(-1), 'simulate: 2 actions with learning, 3 without (33.3% fewer)');
  assert.match(out, /learning from earlier files only/);
  assert.equal(runSimulate([], (s) => (out += s), (s) => (err += s), dir), 2);
  assert.match(err, /pass a folder/);
  assert.ok(readdirSync(dir).length === 2);
});
