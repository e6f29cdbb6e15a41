// The CLI organised by command (issue 15, item 5), driven through the built CLI as users run it:
// help and version forms, unknown commands and options, input errors that write nothing, and
// the one rule for --glossary problems in every command that takes it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const cli = join(root, 'bin/policy-annotator.js');
const skip = !existsSync(join(root, 'dist/cli.js')) && 'run npm run build first';
const run = (args: string[], options: { input?: string; cwd?: string } = {}) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', ...options });

const COMMANDS = ['tag', 'eval', 'stats', 'export', 'import', 'agree'];
const dirs: string[] = [];
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'pa-cli-commands-'));
  dirs.push(d);
  return d;
}

test('--help, -h and help print the overview naming every command, on stdout, exit 0', { skip }, () => {
  const outputs = ['--help', '-h', 'help'].map((form) => {
    const r = run([form]);
    assert.equal(r.status, 0, `${form}: ${r.stderr}`);
    assert.equal(r.stderr, '', form);
    return r.stdout;
  });
  assert.equal(outputs[1], outputs[0]);
  assert.equal(outputs[2], outputs[0]);
  assert.match(outputs[0], /^usage: policy-annotator COMMAND/);
  for (const c of COMMANDS) assert.match(outputs[0], new RegExp(`^  ${c} +\\S`, 'm'), c);
  assert.match(outputs[0], /--version/);
});

test('help CMD, CMD --help and CMD -h print the same usage of that command, exit 0', { skip }, () => {
  for (const c of COMMANDS) {
    const forms = [['help', c], [c, '--help'], [c, '-h'], [c, '--wrong', '--help']].map((args) => {
      const r = run(args);
      assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stderr, '');
      return r.stdout;
    });
    for (const f of forms) assert.equal(f, forms[0], c);
    assert.ok(forms[0].startsWith(`usage: policy-annotator ${c} `), forms[0]);
    assert.match(forms[0], /^options:\n/m);
    assert.match(forms[0], /-h, --help/);
  }
});

test('--version and -V print the version of package.json', { skip }, () => {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  for (const form of ['--version', '-V']) {
    const r = run([form]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${version}\n`);
  }
});

test('an unknown command, help for one, or no command at all: the overview on stderr, exit 2', { skip }, () => {
  for (const args of [['frobnicate'], ['help', 'frobnicate'], [], ['--frob']]) {
    const r = run(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^policy-annotator: (unknown command frobnicate|a COMMAND is needed|unknown option --frob)\nusage: policy-annotator COMMAND/);
  }
});

test('an unknown option is refused by name with the command\'s usage, exit 2, for every command', { skip }, () => {
  const dir = tempDir();
  const file = join(dir, 'a.txt');
  writeFileSync(file, '国务院');
  for (const c of COMMANDS) {
    const r = run([c, '--nope', file]);
    assert.equal(r.status, 2, c);
    assert.equal(r.stdout, '', c);
    assert.ok(r.stderr.startsWith(`policy-annotator ${c}: unknown option --nope\nusage: policy-annotator ${c} `), r.stderr);
  }
});

test('tag --wrong-flag FILE: the flag is an unknown option, not a file to read', { skip }, () => {
  const dir = tempDir();
  const file = join(dir, 'a.txt');
  writeFileSync(file, '国务院');
  const r = run(['tag', '--wrong-flag', file]);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^policy-annotator tag: unknown option --wrong-flag\nusage: policy-annotator tag /);
  assert.doesNotMatch(r.stderr, /cannot read/);
});

test('--opt=value works like --opt value, and -- lets a file name start with a dash', { skip }, () => {
  const dir = tempDir();
  writeFileSync(join(dir, '-dash.txt'), '推进链长制。');
  const glossary = join(dir, 'g.yaml');
  writeFileSync(glossary, 'version: 1\nentries:\n  - term: 链长制\n    category: TERM\n');
  const a = run(['tag', `--glossary=${glossary}`, '--', '-dash.txt'], { cwd: dir });
  const b = run(['tag', '--glossary', glossary, '--', '-dash.txt'], { cwd: dir });
  assert.equal(a.status, 0, a.stderr);
  assert.equal(a.stdout, b.stdout);
  const doc = JSON.parse(a.stdout);
  assert.equal(doc.id, '-dash');
  assert.ok(doc.spans.some((s: { start: number; end: number; label: string }) => s.label === 'TERM' && [...doc.text].slice(s.start, s.end).join('') === '链长制'));
});

test('bad option values are usage errors, exit 2', { skip }, () => {
  const dir = tempDir();
  const file = join(dir, 'a.txt');
  writeFileSync(file, '国务院');
  for (const [args, message] of [
    [['export', '--format', 'native', '--out', '-', '--jobs', '0', file], /--jobs needs a whole number from 1 to 256, not "0"/],
    [['stats', '--top', 'many', file], /--top needs a whole number 1 or more/],
    [['export', '--format', 'csv', '--out', '-', file], /unknown --format csv/],
    [['tag', file, '--glossary'], /--glossary needs a value/],
    [['eval', file], /eval needs GOLD\.jsonl PRED\.jsonl/],
  ] as const) {
    const r = run([...args]);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, message);
    assert.match(r.stderr, new RegExp(`\nusage: policy-annotator ${args[0]} `));
  }
});

test('export of a missing path: exit 2, one line naming it, and nothing written', { skip }, () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a.txt'), '国务院');
  // With and without an existing file beside it: a mistyped path never gives a partial dataset.
  for (const paths of [['missing'], ['missing', 'a.txt'], ['a.txt', 'missing/']]) {
    const r = run(['export', '--format', 'doccano', '--out', 'out', ...paths], { cwd: dir });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr, `policy-annotator: ${paths.find((p) => p.startsWith('missing'))}: cannot read: no such file\n`);
    assert.ok(!existsSync(join(dir, 'out')), 'no output folder');
  }
  // An existing output folder keeps its earlier dataset byte for byte.
  mkdirSync(join(dir, 'out'));
  writeFileSync(join(dir, 'out', 'doccano.jsonl'), '{"id":"earlier"}\n');
  const r = run(['export', '--format', 'doccano', '--out', 'out', 'missing'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.deepEqual(readdirSync(join(dir, 'out')), ['doccano.jsonl']);
  assert.equal(readFileSync(join(dir, 'out', 'doccano.jsonl'), 'utf8'), '{"id":"earlier"}\n');
  // --out naming a file is an input error too.
  const f = run(['export', '--format', 'doccano', '--out', 'a.txt', 'a.txt'], { cwd: dir });
  assert.equal(f.status, 2);
  assert.equal(f.stderr, 'policy-annotator: a.txt: --out must be a folder\n');
  assert.equal(readFileSync(join(dir, 'a.txt'), 'utf8'), '国务院');
});

test('export where every file is skipped: exit 1, and no empty dataset replaces an earlier one', { skip }, () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'in'));
  writeFileSync(join(dir, 'in', 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
  const fresh = run(['export', '--format', 'doccano', '--no-progress', '--out', 'out', 'in'], { cwd: dir });
  assert.equal(fresh.status, 1, fresh.stderr);
  assert.match(fresh.stderr, /latin1\.txt: not valid UTF-8/);
  assert.ok(!existsSync(join(dir, 'out')), 'no output folder, no 0-byte doccano.jsonl');
  mkdirSync(join(dir, 'out'));
  writeFileSync(join(dir, 'out', 'doccano.jsonl'), '{"id":"earlier"}\n');
  const again = run(['export', '--format', 'doccano', '--no-progress', '--out', 'out', 'in'], { cwd: dir });
  assert.equal(again.status, 1);
  assert.deepEqual(readdirSync(join(dir, 'out')), ['doccano.jsonl']);
  assert.equal(readFileSync(join(dir, 'out', 'doccano.jsonl'), 'utf8'), '{"id":"earlier"}\n');
});

test('input errors of every command: exit 2, one line naming the input, nothing on stdout', { skip }, () => {
  const dir = tempDir();
  const good = join(dir, 'a.txt');
  writeFileSync(good, '国务院');
  const missing = join(dir, 'missing.txt');
  for (const args of [
    ['tag', good, missing], // the good file first: still no output at all
    ['stats', good, missing],
    ['eval', missing, good],
    ['import', '--format', 'native', missing, '--into', join(dir, 'work')],
    ['export', '--format', 'native', '--out', '-', good, missing],
  ]) {
    const r = run(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '', args[0]);
    assert.equal(r.stderr, `policy-annotator: ${missing}: cannot read: no such file\n`, args[0]);
  }
  assert.ok(!existsSync(join(dir, 'work')));
  const folder = run(['tag', dir]);
  assert.equal(folder.status, 2);
  assert.equal(folder.stderr, `policy-annotator: ${dir}: cannot read: is a folder\n`);
});

test('one rule for --glossary in tag, stats and export: problems located on stderr, valid entries used, exit 0; an unreadable file exits 2 and writes nothing', { skip }, () => {
  const dir = tempDir();
  const text = join(dir, 'doc.txt');
  writeFileSync(text, '推进链长制，培育专精特新企业。');
  const glossary = join(dir, 'bad.glossary.yaml');
  writeFileSync(glossary, 'version: 1\nentries:\n  - term: 链长制\n    category: TERM\n  - term: 坏条目\n    category: NOPE\n');
  const problem = `${glossary}:6:15: error: unknown category "NOPE" for "坏条目": use TERM, ORG or declare it under \`categories\``;
  const out = join(dir, 'out');
  const calls: Record<string, string[]> = {
    tag: ['tag', '--glossary', glossary, text],
    stats: ['stats', '--json', '--label', 'TERM', '--glossary', glossary, text],
    export: ['export', '--format', 'native', '--no-progress', '--glossary', glossary, '--out', out, text],
  };
  for (const [name, args] of Object.entries(calls)) {
    const r = run(args);
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
    const lines = r.stderr.split('\n').filter((l) => /:\d+:\d+: (error|warning): /.test(l));
    assert.deepEqual(lines, [problem], `${name}: each problem once, located`);
    const output = name === 'export' ? readFileSync(join(out, 'documents.jsonl'), 'utf8') : r.stdout;
    assert.match(output, /链长制/, `${name}: the valid entry is used`);
    if (name !== 'stats') assert.ok(JSON.parse(output).spans.some((s: { label: string; start: number }) => s.label === 'TERM' && s.start === 2), name);
  }
  rmSync(out, { recursive: true });
  const missing = join(dir, 'missing.yaml');
  for (const args of Object.values(calls)) {
    const withMissing = args.map((a) => (a === glossary ? missing : a));
    const r = run(withMissing);
    assert.equal(r.status, 2, args[0]);
    assert.equal(r.stdout, '', args[0]);
    assert.equal(r.stderr, `policy-annotator: ${missing}: cannot read: no such file\n`, args[0]);
  }
  assert.ok(!existsSync(out), 'export wrote nothing');
});

test('every command still runs: tag, eval, stats, export, import', { skip }, () => {
  const dir = tempDir();
  const text = join(dir, 'd1.txt');
  writeFileSync(text, '😀南瑞集团成立于2021年。');
  const tagged = run(['tag', text]);
  assert.equal(tagged.status, 0, tagged.stderr);
  const pred = join(dir, 'pred.jsonl');
  writeFileSync(pred, tagged.stdout);
  const evaluated = run(['eval', '--json', pred, pred]);
  assert.equal(evaluated.status, 0, evaluated.stderr);
  const rows = Object.values(JSON.parse(evaluated.stdout) as Record<string, { f1: number }>);
  assert.ok(rows.length > 0 && rows.every((row) => row.f1 === 1), evaluated.stdout);
  const stats = run(['stats', '--json', text]);
  assert.equal(stats.status, 0, stats.stderr);
  assert.equal(JSON.parse(stats.stdout).documents, 1);
  const exported = run(['export', '--format', 'native', '--no-progress', '--out', join(dir, 'ds'), text]);
  assert.equal(exported.status, 0, exported.stderr);
  const imported = run(['import', '--format', 'native', join(dir, 'ds', 'documents.jsonl'), '--into', join(dir, 'work')]);
  assert.equal(imported.status, 0, imported.stderr);
  assert.ok(existsSync(join(dir, 'work', 'd1.txt.annotations.jsonl')));
});

test('export --first-line numbers stdin as lines of a larger input: unnamed ids and Label Studio task ids', { skip }, () => {
  const input = [JSON.stringify({ text: '南瑞集团集聚企业 140 多家。' }), '{"text": 5}', ''].join('\n');
  const r = run(['export', '--format', 'label-studio', '--no-progress', '--first-line', '41', '--out', '-', '-'], { input });
  assert.equal(r.status, 0, r.stderr);
  const task = JSON.parse(r.stdout.trim().split('\n')[0]);
  assert.equal(task.id, 41, 'the task id is its line in the whole input');
  assert.equal(task.data.doc_id, 'line-41');
  assert.match(r.stderr, /stdin:42/, 'the skipped record is named by its line in the whole input');
});
