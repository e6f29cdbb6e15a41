// Hostile glossaries (issue 8, item 1), through the loader the extension and the CLI share:
// every case gives located problems, never throws, and keeps the valid entries of the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGlossary, GLOSSARY_LIMITS, type ParsedGlossary } from '../../src/core/glossary/load';
import { compileWithDefault, createEngine } from '../../src/core/engine';
import { checkLocated, checkSpans } from './helpers';

/** A valid entry every case carries, and the text that proves it is matched after compiling. */
const VALID = ['  - term: 链长制', '    category: TERM', '    definition: 由地方党政主要负责同志担任产业链“链长”的工作机制。'];
const PROBE = '推行链长制，培育专精特新企业。';

function load(name: string, text: string): ParsedGlossary {
  let g: ParsedGlossary | undefined;
  assert.doesNotThrow(() => { g = parseGlossary(text, name); }, `${name}: parseGlossary threw`);
  checkLocated(g!.problems, name, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  return g!;
}

/** The valid entry is there, compiles with the bundled glossary and is found in text. */
function assertValidEntryWorks(g: ParsedGlossary): void {
  assert.ok(g.entries.some((e) => e.term === '链长制'), `${g.file}: the valid entry 链长制 was dropped (${g.entries.map((e) => e.term).join(', ')})`);
  const engine = createEngine(compileWithDefault([g]));
  const spans = engine.tag(PROBE);
  checkSpans(PROBE, spans, `${g.file}: `);
  assert.ok(spans.some((s) => PROBE.slice(s.start, s.end) === '链长制' && s.label === 'TERM'), `${g.file}: 链长制 not tagged`);
}

function problem(g: ParsedGlossary, pattern: RegExp, severity?: 'error' | 'warning') {
  const p = g.problems.find((x) => pattern.test(x.message) && (!severity || x.severity === severity));
  assert.ok(p, `${g.file}: no problem matching ${pattern}; got ${JSON.stringify(g.problems.map((x) => `${x.line}:${x.column} ${x.message}`))}`);
  return p!;
}

test('glossary: malformed YAML is located; the entries before and after it still load', () => {
  const text = [
    'version: 1', 'entries:',
    '  - term: "unterminated', '    category: TERM',
    '  - term: 甲乙工程', '    category: TERM',
    '  - term: [unclosed', '    category: TERM',
    ...VALID,
    '  - term: {a: 1', '    category: TERM',
    '  - term: 丙丁工程', '    category: TERM',
  ].join('\n');
  const g = load('malformed.yaml', text);
  assertValidEntryWorks(g);
  assert.deepEqual(g.entries.map((e) => e.term), ['甲乙工程', '链长制', '丙丁工程']);
  const lines = new Set(g.problems.filter((p) => p.severity === 'error').map((p) => p.line));
  for (const broken of [3, 7, 12]) assert.ok([broken, broken + 1, broken + 2].some((l) => lines.has(l)), `an error near line ${broken}: ${[...lines]}`);
});

test('glossary: not a mapping at all (a list, a scalar, an empty file, only a comment)', () => {
  for (const [name, text] of [['list.yaml', '- a\n- b\n'], ['scalar.yaml', 'hello'], ['empty.yaml', ''], ['comment.yaml', '# nothing\n']]) {
    const g = load(name, text);
    assert.equal(g.entries.length, 0);
    assert.ok(g.problems.length > 0, `${name}: says what is wrong`);
  }
});

test('glossary: wrong types are reported at the field, other entries load', () => {
  const text = [
    'version: 1', 'entries:',
    '  - term: {a: 1}', '    category: TERM',
    '  - term: 甲乙工程', '    category: 5',
    '  - term: 丙丁工程', '    category: TERM', '    aliases: {x: 1}', '    definition: [1, 2]', '    see_also: 7',
    '  - 42',
    '  - null',
    '  - [term, 链长制]',
    ...VALID,
  ].join('\n');
  const g = load('types.yaml', text);
  assertValidEntryWorks(g);
  assert.deepEqual([problem(g, /`term` is missing/).line, problem(g, /`term` is missing/).column], [3, 11]);
  assert.deepEqual([problem(g, /unknown category "5"/).line, problem(g, /unknown category "5"/).column], [6, 15]);
  assert.equal(problem(g, /`definition` must be a string/).line, 10);
  assert.equal(problem(g, /`aliases` must be a list/).line, 9);
  assert.equal(g.problems.filter((p) => /an entry must be a mapping/.test(p.message)).length, 3);
  // 丙丁工程 itself loads, without the bad fields.
  const bing = g.entries.find((e) => e.term === '丙丁工程');
  assert.deepEqual([bing?.aliases, bing?.definition], [[], '']);
});

test('glossary: `entries` of the wrong type, a newer version', () => {
  const g1 = load('entries-map.yaml', 'version: 1\nentries:\n  term: 链长制\n');
  problem(g1, /`entries` must be a list/);
  const g2 = load('v2.yaml', ['version: 2', 'entries:', ...VALID].join('\n'));
  assert.deepEqual([problem(g2, /unsupported glossary version 2/).line, g2.entries.length], [1, 0]);
});

test('glossary: a duplicate term with a different definition warns at the second; the later wins', () => {
  const text = ['version: 1', 'entries:', ...VALID, '  - term: 链长制', '    category: TERM', '    definition: 第二个定义'].join('\n');
  const g = load('dup.yaml', text);
  const p = problem(g, /duplicate term "链长制" \(first at line 3\)/, 'warning');
  assert.deepEqual([p.line, p.column], [6, 5]);
  assert.deepEqual(g.entries.map((e) => e.definition), ['第二个定义']);
  assertValidEntryWorks(g);
  // The same definition twice is not worth a message.
  const same = load('same.yaml', ['version: 1', 'entries:', ...VALID, ...VALID].join('\n'));
  assert.deepEqual(same.problems, []);
});

test('glossary: empty, blank and missing terms are errors at the entry', () => {
  const text = ['version: 1', 'entries:', '  - term: ""', '    category: TERM', '  - term: "   "', '    category: TERM', '  - term:', '    category: TERM', '  - category: TERM', ...VALID].join('\n');
  const g = load('empty-terms.yaml', text);
  assert.deepEqual(g.problems.filter((p) => /`term` is missing or empty/.test(p.message)).map((p) => p.line), [3, 5, 7, 9]);
  assert.equal(g.entries.length, 1);
  assertValidEntryWorks(g);
});

test('glossary: a 10,000-character term and alias are skipped with their position', () => {
  const text = ['version: 1', 'entries:', `  - term: ${'长'.repeat(10_000)}`, '    category: TERM', ...VALID, `    aliases: ["${'短'.repeat(10_000)}", 链长]`].join('\n');
  const g = load('long-term.yaml', text);
  assert.deepEqual([problem(g, /10000 characters long \(limit 200\)/).line, problem(g, /10000 characters long/).column], [3, 11]);
  assert.equal(problem(g, /alias of 10000 characters skipped/).line, 8);
  assert.deepEqual(g.entries.map((e) => [e.term, e.aliases]), [['链长制', ['链长']]]);
  assertValidEntryWorks(g);
});

test('glossary: 1 MB definitions are cut to the limit with a warning, the entry kept', () => {
  const mb = '定义'.repeat(500_000);
  const text = ['version: 1', 'entries:', '  - term: 大定义甲', '    category: TERM', `    definition: "${mb}"`, '  - term: 大定义乙', '    category: TERM', '    definition: |', `      ${mb}`, ...VALID].join('\n');
  const g = load('big-definitions.yaml', text);
  const warnings = g.problems.filter((p) => /`definition` is 100000[01] characters long; cut to 20000/.test(p.message));
  assert.deepEqual(warnings.map((p) => [p.line, p.severity]), [[5, 'warning'], [8, 'warning']]);
  for (const t of ['大定义甲', '大定义乙']) {
    const e = g.entries.find((x) => x.term === t);
    assert.ok(e && e.definition.length <= GLOSSARY_LIMITS.definitionLength + 1, `${t} kept and cut`);
  }
  assertValidEntryWorks(g);
});

test('glossary: a YAML alias bomb ("billion laughs") is refused in bounded time; the valid entries still load', () => {
  const rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (const [k, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f'], ['h', 'g'], ['i', 'h']]) {
    rows.push(`${k}: &${k} [${Array(10).fill(`*${prev}`).join(',')}]`);
  }
  const text = [...rows, 'version: 1', 'entries:', '  - term: *i', '    category: TERM', ...VALID].join('\n');
  const started = Date.now();
  const g = load('bomb.yaml', text);
  assert.ok(Date.now() - started < 10_000, 'bounded time (10^9 expansions would not finish)');
  const p = problem(g, /alias/i, 'error');
  assert.ok(p.line >= 2, `located at an alias, not at the top of the file: ${p.line}:${p.column}`);
  assert.ok(problem(g, /`term` is missing/).line === 12);
  assertValidEntryWorks(g);
});

test('glossary: custom tags (!!js/function, !custom) are never executed: warned, read as plain text', () => {
  const text = [
    'version: 1', 'entries:',
    '  - term: !!js/function "function () { globalThis.pwned = true; return 1 }"', '    category: TERM',
    '  - term: !custom 丙丁工程', '    category: TERM',
    '  - term: 戊己工程', '    category: !!js/regexp /TERM/', '    definition: !<tag:yaml.org,2002:js/undefined> x',
    ...VALID,
  ].join('\n');
  const g = load('tags.yaml', text);
  assert.equal((globalThis as Record<string, unknown>).pwned, undefined);
  for (const e of g.entries) assert.equal(typeof e.term, 'string');
  assert.deepEqual(g.problems.filter((p) => /tag/i.test(p.message)).map((p) => [p.line, p.severity]), [[3, 'warning'], [5, 'warning'], [8, 'warning'], [9, 'warning']]);
  assertValidEntryWorks(g);
});

test('glossary: a byte order mark is ignored, positions unchanged', () => {
  const g = load('bom.yaml', '\uFEFF' + ['version: 1', 'entries:', ...VALID, '  - term: 坏', '    category: NOPE'].join('\n'));
  assert.deepEqual(g.problems.map((p) => [p.line, p.column]), [[7, 15]]);
  assertValidEntryWorks(g);
});

test('glossary: text decoded from invalid UTF-8 (U+FFFD) warns at the first bad character', () => {
  const g = load('latin1.yaml', ['version: 1', 'entries:', '  - term: caf\uFFFD', '    category: TERM', ...VALID].join('\n'));
  const p = problem(g, /not valid UTF-8/, 'warning');
  assert.deepEqual([p.line, p.column], [3, 14]);
  assertValidEntryWorks(g);
});

test('glossary: deep nesting (100,000 brackets) is an error, not a stack overflow', () => {
  const text = ['version: 1', `x: ${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'entries:', ...VALID].join('\n');
  const g = load('deep.yaml', text);
  assert.ok(g.problems.some((p) => p.severity === 'error'));
  assertValidEntryWorks(g);
});

test('glossary: tabs, duplicate keys, control characters and NUL', () => {
  const text = ['version: 1', 'entries:', '\t- term: 制表', '  - term: 甲乙工程', '    term: 丙丁工程', '    category: TERM', '  - term: "a\u0000b"', '    category: TERM', '  - term: "\u0007\u001b"', '    category: TERM', ...VALID].join('\n');
  const g = load('odd.yaml', text);
  assert.ok(g.problems.some((p) => p.line === 3));
  assert.ok(g.problems.some((p) => /unique/i.test(p.message) && p.line === 5));
  assertValidEntryWorks(g);
});
