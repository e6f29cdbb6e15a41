// The extension's pure presentation helpers: number readings, rule reasons, Markdown safety,
// and the glossary insertion used by "Add selection to glossary".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGlossary } from '../../src/core';
import { describeLearned, describeNumber, describeReason, escapeMarkdown, formatNumber, sanitizeDefinition, withAlpha, collapseSpace } from '../../src/extension/present';
import { planGlossaryInsert } from '../../src/extension/glossaryEdit';

test('numbers read as in the issue: 3272.01 亿元 = 327,201,000,000 元; 140 多家 → more than 140', () => {
  assert.equal(formatNumber(3272.01 * 1e8), '327,201,000,000');
  assert.equal(describeNumber('3272.01 亿元', { value: 3272.01 * 1e8, unit: '元', kind: 'money' }), '3272.01 亿元 = 327,201,000,000 元');
  assert.match(describeNumber('140 多家', { value: 140, unit: '家', kind: 'quantity', approx: 'over' }), /^140 多家 → more than 140/);
  assert.equal(describeNumber('12.6%', { value: 12.6, unit: '%', kind: 'percent' }), '12.6% = 12.6%');
  assert.equal(describeNumber('20-30家', { value: 20, upper: 30, unit: '家', kind: 'quantity' }), '20-30家 = 20–30 家');
  assert.equal(describeNumber('2021年6月4日', { value: 2021, unit: '年', kind: 'date', date: '2021-06-04' }), '2021年6月4日 = 2021-06-04');
  assert.equal(describeNumber('2021年底', { value: 2021, unit: '年', kind: 'date', date: '2021', part: '底' }), '2021年底 = 2021 (底)');
  assert.equal(describeNumber('1/3', { value: 1 / 3, unit: '', kind: 'quantity' }), '1/3 = 0.33333333');
  assert.equal(formatNumber(0.1 + 0.2), '0.3');
});

test('rule reasons are explained; unknown ones shown as they are', () => {
  assert.match(describeReason('org-suffix:集团'), /集团/);
  assert.equal(describeReason('weird-rule'), 'weird-rule');
});

test('PDF line breaks inside a span collapse for display', () => {
  assert.equal(collapseSpace('上汽大\n\n众'), '上汽大众');
  assert.equal(collapseSpace('140  多家'), '140 多家');
});

test('glossary Markdown cannot act: no images, no command/file/data links, no HTML', () => {
  const md = sanitizeDefinition('see ![x](https://evil/p.png) [run](command:workbench.action.terminal.new) [web](https://gov.cn) <img src=x onerror=alert(1)> <b>b</b> [f](file:///etc/passwd) [d](data:text/html,x)\n[r]: command:foo');
  assert.doesNotMatch(md, /!\[|command:|file:|data:|<img|<b>/);
  assert.match(md, /\[web\]\(https:\/\/gov\.cn\)/);
  assert.match(md, /&lt;img/);
});

test('escapeMarkdown keeps a term literal', () => {
  assert.equal(escapeMarkdown('[x](command:y)'), '\\[x\\](command:y)');
  assert.equal(escapeMarkdown('# 标题'), '\\# 标题');
  assert.equal(escapeMarkdown('1. 一'), '1\\. 一');
  assert.equal(escapeMarkdown('3272.01 亿元'), '3272.01 亿元');
});

test('withAlpha turns glossary colours into translucent backgrounds', () => {
  assert.equal(withAlpha('#2e7d32', 0.3), '#2e7d324d');
  assert.equal(withAlpha('#abc', 1), '#aabbccff');
  assert.equal(withAlpha('red', 1), undefined);
});

function applyPlan(src: string, term: string, cat: string) {
  const p = planGlossaryInsert(src, term, cat);
  const out = src.slice(0, p.start) + p.text + src.slice(p.end);
  return { p, out };
}

test('planGlossaryInsert appends after the last entry, keeps comments and indentation, cursor at the definition', () => {
  const src = 'version: 1\n# my terms\nentries:\n  - term: 甲\n    category: TERM\n    definition: |\n      第一行\n      第二行\n\n# tail comment\n';
  const { p, out } = applyPlan(src, '智改数转', 'TERM');
  assert.equal(p.existing, false);
  assert.ok(out.includes('# my terms') && out.includes('# tail comment'));
  const g = parseGlossary(out, 'x.yaml');
  assert.deepEqual(g.problems, []);
  assert.deepEqual(g.entries.map((e) => e.term), ['甲', '智改数转']);
  assert.equal(out.slice(p.cursor - 'definition: "'.length, p.cursor + 1), 'definition: ""');
  assert.equal(out.indexOf('# tail comment') > out.indexOf('智改数转'), true);
});

test('planGlossaryInsert: empty file, flow list, missing entries, tricky terms, existing entry', () => {
  for (const src of ['', 'version: 1\nentries: []\n', 'version: 1\n', 'version: 1\nentries:\n- term: a\n  category: ORG\n  definition: x']) {
    for (const term of ['5+4+5', '“智改数转”', 'a: b', '51010', '#tag']) {
      const { out } = applyPlan(src, term, 'TERM');
      const g = parseGlossary(out, 'x.yaml');
      assert.deepEqual(g.problems.filter((x) => x.severity === 'error'), [], `${JSON.stringify(src)} + ${term}:\n${out}`);
      assert.ok(g.entries.some((e) => e.term === term && e.category === 'TERM'), `${term} in\n${out}`);
    }
  }
  const src = 'version: 1\nentries:\n  - term: 甲\n    category: TERM\n    definition: 定义\n';
  const p = planGlossaryInsert(src, '甲', 'TERM');
  assert.equal(p.existing, true);
  assert.equal(src.slice(p.cursor, p.cursor + 2), '定义');
  assert.throws(() => planGlossaryInsert('entries: [\n', 'x', 'TERM'));
});

test('a learned suggestion says where it comes from; one\'s own decisions read "by you"', () => {
  const p = { file: '2023.txt', action: 'tagged' as const, author: 'li', time: '2024-05-01T09:30:00Z', count: 1 };
  assert.equal(describeLearned(p, 'li'), 'learned from 2023.txt, tagged by you on 2024-05-01');
  assert.equal(describeLearned({ ...p, action: 'reboundaried', count: 3 }, 'wang'), 'learned from 2023.txt, boundaries corrected by li on 2024-05-01 (3 decisions)');
  assert.equal(describeLearned({ file: 'x.txt', action: 'accepted', count: 1 }), 'learned from x.txt, accepted');
});
