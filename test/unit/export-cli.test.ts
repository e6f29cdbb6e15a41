// The real CLI (dist/, as shipped) on a generated folder of 1,000 files: sidecar files, engine
// files, and files that must be skipped with a reason; the summary must add up exactly.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync, existsSync, statSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { createEngine, compileWithDefault } from '../../src/core/engine';
import { toSidecarData, serializeSidecar } from '../../src/core/annotations/sidecar';
import type { Annotation } from '../../src/core/annotations/model';
import { tempDir } from './helpers';

/** The repository root: the first folder upwards holding bin/policy-annotator.js (tests run from out/test/unit/). */
function findRoot(): string {
  for (let d = __dirname; ; d = dirname(d)) {
    if (existsSync(join(d, 'bin', 'policy-annotator.js'))) return d;
    if (dirname(d) === d) return process.cwd();
  }
}
const ROOT = findRoot();
const BIN = join(ROOT, 'bin', 'policy-annotator.js');

function newestSource(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newestSource(p));
    else if (/\.(ts|yaml)$/.test(e.name)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

before(() => {
  // The test drives the shipped bundle; rebuild it when sources are newer (npm run build).
  const cli = join(ROOT, 'dist', 'cli.js');
  if (!existsSync(cli) || !existsSync(join(ROOT, 'dist', 'worker.js')) || statSync(cli).mtimeMs < newestSource(join(ROOT, 'src'))) {
    const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  }
});

function run(args: string[], input?: string, cwd?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Parses the summary printed on stderr. */
function summary(stderr: string) {
  const num = (re: RegExp) => Number(re.exec(stderr)?.[1] ?? NaN);
  const spans: Record<string, number> = {};
  const spanLine = /\n {2}spans: (.*) \(total (\d+)\)/.exec(stderr);
  if (spanLine && spanLine[1] !== 'none') for (const part of spanLine[1].split(', ')) spans[part.split(' ')[0]] = Number(part.split(' ')[1]);
  const skipped = [...stderr.matchAll(/^ {4}(.+?): (.+)$/gm)].map((m) => [m[1], m[2]]);
  return {
    files: num(/: (?:CANCELLED — )?(\d+) file\(s\)/),
    exported: num(/exported: (\d+)/),
    fromSidecar: num(/from sidecars: (\d+)/),
    fromEngine: num(/from the engine: (\d+)/),
    total: Number(spanLine?.[2] ?? NaN),
    spans,
    skippedCount: num(/skipped: (\d+)/),
    skipped,
  };
}

const PHRASES = [
  '南京市江宁经济技术开发区创办于 1992 年，2010 年升级为国家级经开区。',
  '集聚南瑞集团、国电南自等企业😀，规上工业企业 646 家，高新技术企业 1066 家。',
  '坚持把重大项目作为关键支撑，推动高质量发展，𠀀培育专精特新企业 150 多家。',
  '打造“一主一特五新”创新型先进制造业集群，实施“智改数转”三年行动。',
];

test('export of a generated folder of 1,000 files: correct summary, every file accounted for', (t) => {
  const dir = tempDir('pa-export-', t);
  const input = join(dir, 'corpus');
  const engine = createEngine(compileWithDefault());
  const expected: Record<string, number> = {};
  const add = (list: { label: string }[]) => { for (const a of list) expected[a.label] = (expected[a.label] ?? 0) + 1; };
  let sidecars = 0;
  const texts = new Map<string, string>();
  for (let i = 0; i < 1000; i++) {
    const folder = join(input, `batch-${i % 7}`, i % 2 ? 'a' : 'b');
    mkdirSync(folder, { recursive: true });
    const text = `第${i}号文件。\n` + Array.from({ length: 1 + (i % 4) }, (_, k) => PHRASES[(i + k) % PHRASES.length]).join('\n');
    const name = `doc-${String(i).padStart(4, '0')}.${i % 10 === 9 ? 'md' : 'txt'}`;
    writeFileSync(join(folder, name), text);
    texts.set(`batch-${i % 7}/${i % 2 ? 'a' : 'b'}/${name.replace(/\.(txt|md)$/, '')}`, text);
    if (i % 10 === 3) {
      // A reviewed file: one manual tag, one accepted, one rejected (never exported).
      const at = (s: string) => text.indexOf(s);
      const anns: Annotation[] = [{ start: 0, end: text.indexOf('号') + 1, label: 'TERM', state: 'manual' }];
      const spans = engine.tag(text);
      if (spans[0]) anns.push({ start: spans[0].start, end: spans[0].end, label: spans[0].label, state: 'accepted' });
      if (spans[1]) anns.push({ start: spans[1].start, end: spans[1].end, label: spans[1].label, state: 'rejected' });
      void at;
      writeFileSync(join(folder, name + '.annotations.jsonl'), serializeSidecar(toSidecarData(text, name, anns)));
      add(anns.filter((a) => a.state !== 'rejected'));
      sidecars++;
    } else add(engine.tag(text));
  }
  // Files that must be skipped, each with its reason.
  writeFileSync(join(input, 'batch-0', 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
  writeFileSync(join(input, 'batch-1', 'binary.md'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
  writeFileSync(join(input, 'batch-2', 'future.txt'), '未来格式');
  writeFileSync(join(input, 'batch-2', 'future.txt.annotations.jsonl'), '{"format":"policy-annotator-sidecar","version":99,"document":"future.txt","textHash":"x"}\n');
  writeFileSync(join(input, 'batch-3', 'ignored.json'), '{}'); // not .txt/.md: not a candidate at all
  mkdirSync(join(input, '.git'));
  writeFileSync(join(input, '.git', 'HEAD.txt'), 'hidden folders are not searched');

  const out = join(dir, 'out');
  const t0 = Date.now();
  const r = run(['export', '--format', 'native', '--out', out, input]);
  const seconds = (Date.now() - t0) / 1000;
  process.stderr.write(`      1,000-file native export (one thread): ${seconds.toFixed(1)} s\n`);
  assert.equal(r.code, 0, r.stderr);
  const s = summary(r.stderr);
  assert.equal(s.files, 1003);
  assert.equal(s.exported, 1000);
  assert.equal(s.fromSidecar, sidecars);
  assert.equal(s.fromEngine, 1000 - sidecars);
  assert.deepEqual(s.spans, expected);
  assert.equal(s.total, Object.values(expected).reduce((a, b) => a + b, 0));
  assert.equal(s.skippedCount, 3);
  const reasons = Object.fromEntries(s.skipped.map(([p, why]) => [p.replace(input, '').replace(/\\/g, '/'), why]));
  assert.match(reasons['/batch-0/latin1.txt'], /not valid UTF-8 \(at byte 3\)/);
  assert.match(reasons['/batch-1/binary.md'], /binary file/);
  assert.match(reasons['/batch-2/future.txt'], /version 99 is newer/);

  // The dataset holds exactly those documents, ids from relative paths, spans slicing by code points.
  const lines = readFileSync(join(out, 'documents.jsonl'), 'utf8').trimEnd().split('\n');
  assert.equal(lines.length, 1000);
  let spanCount = 0;
  for (const line of lines) {
    const rec = JSON.parse(line);
    assert.equal(rec.text, texts.get(rec.id), rec.id);
    const cps = [...rec.text];
    for (const sp of rec.spans) {
      assert.ok(sp.end > sp.start && sp.end <= cps.length);
      spanCount++;
    }
  }
  assert.equal(spanCount, s.total);

  // Same folder with worker threads and another format: the same counts.
  const r2 = run(['export', '--format', 'conll', '--jobs', '2', '--out', join(dir, 'out-conll'), input]);
  assert.equal(r2.code, 0, r2.stderr);
  const s2 = summary(r2.stderr);
  assert.equal(s2.exported, 1000);
  assert.deepEqual(s2.spans, expected);
  assert.equal(s2.skippedCount, 3);
  assert.ok(existsSync(join(dir, 'out-conll', 'batch-3', 'a', 'doc-0003.conll')));
});

test('stdin JSONL → stdout JSONL (streaming step); ids that would escape --out are refused', (t) => {
  const docs = [
    { id: 'a', text: '😀南瑞集团成立于2021年。' },
    { id: 'b', text: '𠀀推动高质量发展', spans: [{ start: 3, end: 8, label: 'TERM', state: 'manual' }] },
  ];
  const input = docs.map((d) => JSON.stringify(d)).join('\n') + '\n';
  const r = run(['export', '--format', 'doccano', '--out', '-', '-'], input);
  assert.equal(r.code, 0, r.stderr);
  const out = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(out.map((o) => o.id), ['a', 'b']);
  assert.deepEqual(out[1].label, [[3, 8, 'TERM']]);
  const cps = [...docs[0].text];
  assert.ok(out[0].label.some(([s, e, l]: [number, number, string]) => l === 'ORG' && cps.slice(s, e).join('') === '南瑞集团'));

  const dir = tempDir('pa-escape-', t);
  const evil = ['../evil', '/tmp/evil-abs', 'ok'].map((id) => JSON.stringify({ id, text: '南瑞集团' })).join('\n');
  const r2 = run(['export', '--format', 'brat', '--out', join(dir, 'out'), '-'], evil);
  assert.equal(r2.code, 0, r2.stderr);
  assert.match(r2.stderr, /'\.\.' in id/);
  assert.match(r2.stderr, /absolute path as id/);
  assert.ok(!existsSync(join(dir, 'evil.txt')) && !existsSync('/tmp/evil-abs.txt'));
  assert.ok(existsSync(join(dir, 'out', 'ok.ann')));
});

test('import writes sidecars; exporting what was imported gives the same spans back (brat folder)', (t) => {
  const dir = tempDir('pa-import-', t);
  const brat = join(dir, 'brat');
  mkdirSync(brat);
  const text = '😀南瑞集团成立于2021年。\n上汽大\n众在江宁。';
  writeFileSync(join(brat, 'd1.txt'), text);
  writeFileSync(join(brat, 'd1.ann'), 'T1\tORG 1 5\t南瑞集团\nT2\tNUM 8 13\t2021年\nT3\tORG 15 18;19 20\t上汽大 众\n');
  const r = run(['import', '--format', 'brat', brat, '--into', join(dir, 'work')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /sidecars written: 1/);
  assert.equal(readFileSync(join(dir, 'work', 'd1.txt'), 'utf8'), text);
  const sidecar = readFileSync(join(dir, 'work', 'd1.txt.annotations.jsonl'), 'utf8');
  assert.equal(sidecar.trimEnd().split('\n').length, 4);
  const r2 = run(['export', '--format', 'brat', '--out', join(dir, 'again'), join(dir, 'work')]);
  assert.equal(r2.code, 0, r2.stderr);
  assert.equal(readFileSync(join(dir, 'again', 'd1.ann'), 'utf8'), readFileSync(join(brat, 'd1.ann'), 'utf8'));
});

test('--sidecar-folder: import writes sidecars under the folder by relative path; export finds them there', (t) => {
  const dir = tempDir('pa-sidecar-folder-', t);
  mkdirSync(join(dir, 'docs', 'sub'), { recursive: true });
  writeFileSync(join(dir, 'docs', 'sub', 'a.txt'), '😀南瑞集团成立于2021年。');
  const doc = JSON.stringify({ id: 'a', text: '😀南瑞集团成立于2021年。', spans: [{ start: 1, end: 5, label: 'TERM' }] });
  writeFileSync(join(dir, 'in.jsonl'), doc + '\n');
  const r = run(['import', '--format', 'native', 'in.jsonl', '--into', 'docs/sub', '--sidecar-folder', '.annotations'], undefined, dir);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(join(dir, '.annotations', 'docs', 'sub', 'a.txt.annotations.jsonl')));
  assert.ok(!existsSync(join(dir, 'docs', 'sub', 'a.txt.annotations.jsonl')));
  const e = run(['export', '--format', 'native', '--sidecar-folder', '.annotations', '--out', '-', 'docs'], undefined, dir);
  assert.equal(e.code, 0, e.stderr);
  assert.deepEqual(JSON.parse(e.stdout).spans, [{ start: 1, end: 5, label: 'TERM', state: 'manual' }]);
});

test('--jobs N gives byte-identical output to --jobs 1: the same dataset, in input order, on stdout too', (t) => {
  const dir = tempDir('pa-jobs-', t);
  const input = join(dir, 'in');
  const samples = ['南瑞集团2023年营收突破500亿元。', '推进“智改数转”，新增专精特新企业140多家。', '𠀀江宁经济技术开发区管理委员会发布十四五规划😀'];
  for (let k = 0; k < 120; k++) {
    mkdirSync(join(input, `part-${k % 4}`), { recursive: true });
    writeFileSync(join(input, `part-${k % 4}`, `doc-${String(k).padStart(3, '0')}.txt`), `${samples[k % 3]}第${k}段。`);
  }
  const outputs = [1, 2, 3].map((jobs) => {
    const out = join(dir, `out-${jobs}`);
    const r = run(['export', '--format', 'native', '--jobs', String(jobs), '--no-progress', '--out', out, input]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(summary(r.stderr).exported, 120);
    const streamed = run(['export', '--format', 'doccano', '--jobs', String(jobs), '--no-progress', '--out', '-', input]);
    assert.equal(streamed.code, 0, streamed.stderr);
    return { dataset: readFileSync(join(out, 'documents.jsonl'), 'utf8'), stdout: streamed.stdout };
  });
  assert.equal(outputs[0].dataset.split('\n').filter(Boolean).length, 120);
  for (const o of outputs.slice(1)) {
    assert.equal(o.dataset, outputs[0].dataset);
    assert.equal(o.stdout, outputs[0].stdout);
  }
});

test('Ctrl-C during an export: exit 130, CANCELLED, the earlier documents.jsonl untouched, no temporary file left', async (t) => {
  const dir = tempDir('pa-cancel-', t);
  const input = join(dir, 'in');
  const out = join(dir, 'out');
  mkdirSync(input);
  mkdirSync(out);
  // Enough work that the run is still going when the signal comes (about a second).
  for (let k = 0; k < 1500; k++) writeFileSync(join(input, `doc-${String(k).padStart(4, '0')}.txt`), PHRASES.join('\n').repeat(3));
  writeFileSync(join(out, 'documents.jsonl'), '{"id":"earlier"}\n');
  const child = spawn(process.execPath, [BIN, 'export', '--format', 'native', '--no-progress', '--out', out, input], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => { stderr += b; });
  const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
  // The records file is streamed into a temporary file from the start: signal once it exists.
  const temp = () => readdirSync(out).filter((f) => f.startsWith('.documents.jsonl.') && f.endsWith('.tmp'));
  for (let waited = 0; temp().length === 0; waited += 10) {
    assert.ok(waited < 20_000, 'the export never started its records file');
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGINT');
  assert.equal(await exited, 130, stderr);
  assert.match(stderr, /CANCELLED/);
  assert.ok(summary(stderr).exported < 1500, 'cancelled before the end');
  assert.equal(readFileSync(join(out, 'documents.jsonl'), 'utf8'), '{"id":"earlier"}\n');
  assert.deepEqual(readdirSync(out), ['documents.jsonl']);
});
