import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGlossary } from '../../src/core/glossary/load';
import { bundledGlossary } from '../../src/core/glossary/bundled';
import { mergeGlossaries, compileGlossary } from '../../src/core/glossary/glossary';

test('YAML syntax errors are located by line and column', () => {
  const g = parseGlossary('version: 1\nentries:\n  - term: 专精特新\n    category: TERM\n    definition: "unterminated\n', 'bad.yaml');
  assert.ok(g.problems.length > 0);
  assert.equal(g.problems[0].file, 'bad.yaml');
  assert.ok(g.problems[0].line >= 5, JSON.stringify(g.problems[0]));
});

test('schema errors point at the entry and valid entries still load', () => {
  const text = ['version: 1', 'entries:', '  - term: 营商环境', '    category: TERM', '    definition: ok', '  - term: 坏条目', '    category: NOPE', '    definition: x', '  - category: TERM', '    definition: no term', '  - term: 链主', '    category: TERM', '    definition: ok', '    aliases: 5'].join('\n');
  const g = parseGlossary(text, 'mixed.yaml');
  assert.deepEqual(g.entries.map((e) => e.term), ['营商环境', '链主']);
  const unknownCat = g.problems.find((p) => p.message.includes('unknown category'));
  assert.deepEqual([unknownCat?.line, unknownCat?.column], [7, 15]);
  const missing = g.problems.find((p) => p.message.includes('`term` is missing'));
  assert.equal(missing?.line, 9);
  assert.deepEqual(g.entries[1].aliases, ['5']);
});

test('duplicate terms with different definitions warn; the later wins', () => {
  const g = parseGlossary('entries:\n  - {term: 链主, category: TERM, definition: a}\n  - {term: 链主, category: TERM, definition: b}\n', 'dup.yaml');
  assert.equal(g.entries.length, 1);
  assert.equal(g.entries[0].definition, 'b');
  assert.equal(g.problems[0].severity, 'warning');
  assert.equal(g.problems[0].line, 3);
});

test('a YAML alias bomb is refused with a message instead of exhausting memory', () => {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]', 'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]', 'entries: [*f]'].join('\n');
  const g = parseGlossary(bomb, 'bomb.yaml');
  assert.equal(g.entries.length, 0);
  assert.ok(g.problems.some((p) => p.severity === 'error'));
});

test('a BOM is ignored and over-long terms are skipped with a message', () => {
  const g = parseGlossary('\uFEFFentries:\n  - term: ' + '长'.repeat(10000) + '\n    category: TERM\n    definition: x\n  - term: 链长制\n    category: TERM\n    definition: y\n', 'long.yaml');
  assert.deepEqual(g.entries.map((e) => e.term), ['链长制']);
  assert.ok(g.problems.some((p) => /10000 characters/.test(p.message) && p.line === 2));
});

test('the bundled default glossary loads without errors and has the promised size', () => {
  const parts = bundledGlossary();
  const errors = parts.flatMap((p) => p.problems.filter((x) => x.severity === 'error'));
  assert.deepEqual(errors, []);
  const merged = mergeGlossaries(parts);
  const terms = merged.entries.filter((e) => e.category === 'TERM');
  const orgs = merged.entries.filter((e) => e.category === 'ORG');
  assert.ok(terms.length >= 600, `${terms.length} TERM entries`);
  assert.ok(orgs.length >= 200, `${orgs.length} ORG entries`);
  for (const e of merged.entries) assert.ok(e.definition.trim().length > 0, `${e.term} has a definition`);
});

test('lookup ignores whitespace inside the text, every kind /\\s/ knows (PDF line breaks, NBSP, ideographic space, U+2028 …)', () => {
  const g = compileGlossary(mergeGlossaries([parseGlossary('version: 1\nentries:\n  - term: 南瑞集团\n    category: ORG\n    definition: 一家企业\n', 'g.yaml')]));
  assert.equal(g.lookup('南瑞集团')?.term, '南瑞集团');
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    if (/\s/.test(ch)) assert.equal(g.lookup(`南瑞${ch}集团`)?.term, '南瑞集团', `U+${c.toString(16)}`);
  }
  assert.equal(g.lookup('南瑞-集团'), undefined);
});
