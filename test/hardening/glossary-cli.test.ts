// Hostile glossaries through the CLI (`tag --glossary`): every problem is one stderr line
// `file:line:column: severity: message`, and the text is still tagged with the valid entries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NEEDS_BUILD, runCli, tempDir, codePointSlice } from './helpers';
import { EXPECTED_PROBLEMS, HOSTILE_GLOSSARIES, PROBE_TEXT } from './glossary-fixtures';

const LINE = /^(.+):(\d+):(\d+): (error|warning): (.+)$/;

test('CLI tag --glossary: each hostile glossary gives located stderr lines and the text is still tagged', { skip: NEEDS_BUILD }, () => {
  const dir = tempDir();
  const textFile = join(dir, 'doc.txt');
  writeFileSync(textFile, PROBE_TEXT);
  for (const [name, content] of Object.entries(HOSTILE_GLOSSARIES)) {
    const g = join(dir, name);
    writeFileSync(g, content);
    const r = runCli(['tag', '--glossary', g, textFile]);
    assert.equal(r.status, 0, `${name}: exit ${r.status}\n${r.stderr}`);
    const lines = r.stderr.split('\n').filter(Boolean);
    for (const l of lines) {
      const m = LINE.exec(l);
      assert.ok(m, `${name}: stderr line is not file:line:column: severity: message — ${l.slice(0, 200)}`);
      assert.equal(m![1], g);
    }
    const want = EXPECTED_PROBLEMS[name];
    assert.ok(want, `${name}: no expected problem in glossary-fixtures.ts`);
    const hit = lines.map((l) => LINE.exec(l)!).find((m) => Number(m[2]) === want.line && Number(m[3]) === want.column && m[4] === want.severity && want.pattern.test(m[5]));
    assert.ok(hit, `${name}: expected ${want.severity} at ${want.line}:${want.column} matching ${want.pattern}; got\n${lines.join('\n').slice(0, 2000)}`);
    const doc = JSON.parse(r.stdout);
    const found = doc.spans.map((s: { start: number; end: number; label: string }) => [codePointSlice(doc.text, s.start, s.end), s.label]);
    assert.deepEqual(found.filter(([, l]: string[]) => l === 'TERM'), [['链长制', 'TERM'], ['专精特新企业', 'TERM']], `${name}: the valid entry and the bundled glossary still tag`);
  }
});

test('CLI tag --glossary: a missing glossary or a folder is a one-line error, exit 2', { skip: NEEDS_BUILD }, () => {
  const dir = tempDir();
  const textFile = join(dir, 'doc.txt');
  writeFileSync(textFile, PROBE_TEXT);
  for (const g of [join(dir, 'missing.yaml'), dir]) {
    const r = runCli(['tag', '--glossary', g, textFile]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^policy-annotator: .+: cannot read: (no such file|is a folder)\n$/);
  }
});
