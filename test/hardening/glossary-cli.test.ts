// Hostile glossaries through the CLI (`tag --glossary`): every problem is one stderr line
// `file:line:column: severity: message`, and the text is still tagged with the valid entries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NEEDS_BUILD, runCli, tempDir, codePointSlice } from './helpers';

const VALID = '  - term: 链长制\n    category: TERM\n    definition: 由地方党政主要负责同志担任“链长”的工作机制。\n';
const TEXT = '推行链长制，培育专精特新企业。';
const LINE = /^(.+):(\d+):(\d+): (error|warning): (.+)$/;

const GLOSSARIES: Record<string, string | Buffer> = {
  'malformed.yaml': `version: 1\nentries:\n  - term: "unterminated\n    category: TERM\n${VALID}  - term: [x\n`,
  'types.yaml': `version: 1\nentries:\n  - term: {a: 1}\n    category: TERM\n  - term: 甲乙\n    category: 5\n${VALID}`,
  'duplicate.yaml': `version: 1\nentries:\n${VALID}  - term: 链长制\n    category: TERM\n    definition: 另一个定义\n`,
  'empty-term.yaml': `version: 1\nentries:\n  - term: ""\n    category: TERM\n${VALID}`,
  'long-term.yaml': `version: 1\nentries:\n  - term: ${'长'.repeat(10_000)}\n    category: TERM\n${VALID}`,
  'big-definition.yaml': `version: 1\nentries:\n  - term: 大定义\n    category: TERM\n    definition: "${'定'.repeat(1_000_000)}"\n${VALID}`,
  'alias-bomb.yaml': `a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nversion: 1\nentries:\n${VALID}`,
  'custom-tags.yaml': `version: 1\nentries:\n  - term: !!js/function "function () { process.exit(99) }"\n    category: TERM\n  - term: !custom 丙丁\n    category: TERM\n${VALID}`,
  // Latin-1 bytes (é = 0xE9) and a truncated UTF-8 sequence: invalid UTF-8.
  'latin1.yaml': Buffer.concat([Buffer.from('version: 1\nentries:\n  - term: caf'), Buffer.from([0xe9, 0xe5, 0x88]), Buffer.from(`\n    category: TERM\n${VALID}`)]),
  'bom.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`version: 1\nentries:\n  - term: 坏\n    category: NOPE\n${VALID}`)]),
  'tab.yaml': `version: 1\nentries:\n\t- term: 制表\n${VALID}`,
};

/** Where a problem must be reported (line, and optionally column), per file. */
const EXPECTED: Record<string, { line: number; column?: number; severity: 'error' | 'warning'; pattern: RegExp }> = {
  'types.yaml': { line: 6, column: 15, severity: 'error', pattern: /unknown category "5"/ },
  'duplicate.yaml': { line: 6, column: 5, severity: 'warning', pattern: /duplicate term "链长制"/ },
  'empty-term.yaml': { line: 3, column: 11, severity: 'error', pattern: /`term` is missing or empty/ },
  'long-term.yaml': { line: 3, column: 11, severity: 'error', pattern: /10000 characters long/ },
  'big-definition.yaml': { line: 5, column: 17, severity: 'warning', pattern: /cut to 20000/ },
  'alias-bomb.yaml': { line: 2, severity: 'error', pattern: /alias/i },
  'custom-tags.yaml': { line: 3, severity: 'warning', pattern: /Unresolved tag/ },
  'latin1.yaml': { line: 3, column: 14, severity: 'warning', pattern: /not valid UTF-8/ },
  'bom.yaml': { line: 4, column: 15, severity: 'error', pattern: /unknown category "NOPE"/ },
  'tab.yaml': { line: 3, column: 1, severity: 'error', pattern: /Tabs/ },
  'malformed.yaml': { line: 3, severity: 'error', pattern: /./ },
};

test('CLI tag --glossary: each hostile glossary gives located stderr lines and the text is still tagged', { skip: NEEDS_BUILD }, () => {
  const dir = tempDir();
  const textFile = join(dir, 'doc.txt');
  writeFileSync(textFile, TEXT);
  for (const [name, content] of Object.entries(GLOSSARIES)) {
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
    const want = EXPECTED[name];
    if (want) {
      const hit = lines.map((l) => LINE.exec(l)!).find((m) => Number(m[2]) === want.line && (want.column === undefined || Number(m[3]) === want.column) && m[4] === want.severity && want.pattern.test(m[5]));
      assert.ok(hit, `${name}: expected ${want.severity} at ${want.line}:${want.column ?? '*'} matching ${want.pattern}; got\n${lines.join('\n').slice(0, 2000)}`);
    }
    const doc = JSON.parse(r.stdout);
    const found = doc.spans.map((s: { start: number; end: number; label: string }) => [codePointSlice(doc.text, s.start, s.end), s.label]);
    assert.deepEqual(found.filter(([, l]: string[]) => l === 'TERM'), [['链长制', 'TERM'], ['专精特新企业', 'TERM']], `${name}: the valid entry and the bundled glossary still tag`);
  }
});

test('CLI tag --glossary: a missing glossary or a folder is a one-line error, exit 2', { skip: NEEDS_BUILD }, () => {
  const dir = tempDir();
  const textFile = join(dir, 'doc.txt');
  writeFileSync(textFile, TEXT);
  for (const g of [join(dir, 'missing.yaml'), dir]) {
    const r = runCli(['tag', '--glossary', g, textFile]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^policy-annotator: .+: cannot read: (no such file|is a folder)\n$/);
  }
});
