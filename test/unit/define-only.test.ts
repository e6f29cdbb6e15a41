// Define-only glossary entries (`show: hover`): explained where they occur, never tagged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileWithDefault, createEngine, parseGlossary } from '../../src/core';
import { parseGlossaryWith } from '../../src/core/glossary/load';
import { referenceAt } from '../../src/core/glossary/reference';
import { EMPTY_LEARNED, knownIn, learn, learnedLayer } from '../../src/core/learning';

const FILE = [
  'version: 1',
  'entries:',
  '  - term: 甲乙体制改革',
  '    category: TERM',
  '    show: hover',
  '    definition: 一个自明的描述，读者可能想看解释，但标注规范不标。',
  '  - term: 甲乙体制',
  '    category: TERM',
  '    definition: 一个需要解释的术语。',
  '  - term: 丙丁工程',
  '    category: TERM',
  '    show: highlight',
  '    aliases: [丙丁]',
  '    definition: 显式的默认值。',
].join('\n');

const ctx = { file: 'a.txt', author: 'li', time: '2024-05-01T09:30:00Z' };

test('show: hover makes an entry define-only, read the same by the plain reader and the YAML library', () => {
  for (const plainReader of [true, false]) {
    const g = parseGlossaryWith(FILE, 'x.yaml', { plainReader });
    assert.deepEqual(g.problems, []);
    assert.deepEqual(g.entries.map((e) => [e.term, e.defineOnly ?? false]), [['甲乙体制改革', true], ['甲乙体制', false], ['丙丁工程', false]]);
  }
});

test('a show value other than highlight or hover is a located warning and the entry stays tagged', () => {
  const g = parseGlossary('version: 1\nentries:\n  - term: 甲乙体制\n    category: TERM\n    show: hidden\n    definition: x\n', 'bad.yaml');
  assert.equal(g.entries[0].defineOnly, undefined);
  assert.equal(g.problems.length, 1);
  assert.deepEqual([g.problems[0].file, g.problems[0].line, g.problems[0].column, g.problems[0].severity], ['bad.yaml', 5, 11, 'warning']);
  assert.match(g.problems[0].message, /`show` must be `highlight`.*or `hover`/);
});

test('a define-only entry is never tagged: the shorter term inside it is, and nothing else changes', () => {
  const engine = createEngine(compileWithDefault([parseGlossary(FILE, 'x.yaml')]));
  const text = '今年要深化甲乙体制改革，推进丙丁工程。';
  assert.deepEqual(engine.tag(text).map((s) => `${text.slice(s.start, s.end)}:${s.label}`), ['甲乙体制:TERM', '丙丁工程:TERM']);
});

test('the hover finds the longest define-only surface under the cursor, across a PDF line break', () => {
  const { references } = compileWithDefault([parseGlossary(FILE, 'x.yaml')]);
  const text = '今年要深化甲乙体\n\n制改革，推进丙丁工程。';
  for (const at of [text.indexOf('甲'), text.indexOf('体'), text.indexOf('革')]) {
    const hit = referenceAt(references, text, at);
    assert.equal(hit?.entry.term, '甲乙体制改革', `at ${at}`);
    assert.equal(text.slice(hit!.start, hit!.end), '甲乙体\n\n制改革');
  }
  assert.equal(referenceAt(references, text, text.indexOf('年')), undefined);
  assert.equal(referenceAt(references, text, text.indexOf('\n')), undefined, 'not on the line break itself');
  assert.equal(referenceAt(references, text, text.indexOf('丙')), undefined, 'a tagged entry is not a reference');
  // A window of the document that cuts the surface finds nothing rather than a wrong entry.
  assert.equal(referenceAt(references, text.slice(text.indexOf('乙')), 0), undefined);
});

test('tagging a define-only term by hand is learned, and the learned entry keeps the definition', () => {
  const glossary = parseGlossary(FILE, 'x.yaml');
  const known = knownIn(compileWithDefault([glossary]).glossary);
  assert.equal(known('甲乙体制改革', 'TERM'), false, 'define-only surfaces are not already suggested');
  const set = learn(EMPTY_LEARNED, { kind: 'tag', surface: '甲乙体制改革', label: 'TERM' }, ctx, known);
  const engine = createEngine(compileWithDefault([glossary, learnedLayer(set, 'learned.yaml')]));
  const text = '今年要深化甲乙体制改革。';
  const spans = engine.tag(text);
  assert.deepEqual(spans.map((s) => text.slice(s.start, s.end)), ['甲乙体制改革']);
  assert.equal(spans[0].entry?.definition, '一个自明的描述，读者可能想看解释，但标注规范不标。');
  assert.equal(spans[0].entry?.learned?.action, 'tagged');
});
