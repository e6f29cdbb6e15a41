// "Tag all occurrences" (issue 16): where a selected surface occurs again (as a word, across PDF
// line breaks), which occurrences a batch may tag, and the batch as one undoable step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findOccurrences, placesOf, planTagAll } from '../../src/core/corpus/occurrences';
import { AnnotatedDocument } from '../../src/core/annotations/document';
import type { ChangeEvent } from '../../src/core/annotations/document';

const found = (text: string, surface: string) => findOccurrences(text, surface).map((r) => text.slice(r.start, r.end));

test('occurrences: only where the surface stands as a word, by the rule names propagate by', () => {
  const text = '要改善民生，保障人民生命安全，民生为本。';
  // 人民生命 keeps 人民 and 生命 whole: the 民生 inside it is no occurrence.
  assert.deepEqual(found(text, '民生'), ['民生', '民生']);
  const at = findOccurrences(text, '民生');
  assert.deepEqual(at.map((r) => r.start), [3, 15]);
});

test('occurrences: a name broken by a PDF line break is found, and spaces in the selection are ignored', () => {
  const text = '江宁开发区管委会成立。江宁开\n\n发区位于南京，江宁 开发区。';
  assert.deepEqual(found(text, '江宁开发区'), ['江宁开发区', '江宁开\n\n发区', '江宁 开发区']);
  assert.deepEqual(found(text, '江宁开\n发区'), ['江宁开发区', '江宁开\n\n发区', '江宁 开发区']);
  assert.deepEqual(findOccurrences(text, ' \n'), []);
});

test('occurrences: places name the 1-based line and a context that marks the occurrence', () => {
  const text = '第一行\n推动高质量发展。\n\n坚持高质量发展';
  const places = placesOf(text, findOccurrences(text, '高质量发展'));
  assert.deepEqual(places.map((p) => p.line), [2, 4]);
  assert.match(places[0].context, /推动【高质量发展】。/);
});

test('plan: occurrences on reviewed work are skipped whatever their label, rejections of the label stay rejected', () => {
  const text = '南瑞集团、南瑞集团、南瑞集团、南瑞集团。';
  const occ = findOccurrences(text, '南瑞集团');
  assert.equal(occ.length, 4);
  const plan = planTagAll(
    [
      { start: 0, end: 2, label: 'TERM', state: 'manual' }, // overlaps the first
      { start: 5, end: 9, label: 'ORG', state: 'rejected' }, // the second, rejected as ORG
      { start: 10, end: 14, label: 'TERM', state: 'rejected' }, // the third, rejected as TERM only
      { start: 15, end: 19, label: 'ORG', state: 'auto' }, // a suggestion does not stop a tag
    ],
    occ,
    'ORG',
  );
  assert.deepEqual(plan.skipped.map((s) => [s.start, s.reason]), [[0, 'tagged'], [5, 'rejected']]);
  assert.deepEqual(plan.tag.map((r) => r.start), [10, 15]);
});

test('tagAll: every range tagged in one step (a suggestion of the same extent accepted), undone at once', () => {
  const text = '南瑞集团、南瑞集团和南瑞集团。';
  const doc = new AnnotatedDocument(text, [], { author: 'li', now: () => '2024-01-01T00:00:00.000Z' });
  doc.merge([{ start: 5, end: 9, label: 'ORG', origin: 'rule' }]);
  doc.tag({ start: 0, end: 2 }, 'TERM');
  const events: ChangeEvent[] = [];
  doc.onDidChange((e) => events.push(e));
  const plan = planTagAll(doc.all(), findOccurrences(text, '南瑞集团'), 'ORG');
  const tagged = doc.tagAll(plan.tag, 'ORG');
  assert.deepEqual(tagged.map((a) => `${a.start}/${a.state}/${a.author}`), ['5/accepted/li', '10/manual/li']);
  assert.deepEqual(doc.all().map((a) => `${a.start}-${a.end}/${a.label}/${a.state}`), ['0-2/TERM/manual', '5-9/ORG/accepted', '10-14/ORG/manual']);
  assert.equal(doc.undo(), 'tagAll');
  assert.deepEqual(events.map((e) => `${e.operation}${e.undone ? ':' + e.undone : ''}`), ['tagAll', 'undo:tagAll']);
  // Back to the state before the batch: the suggestion offered again, the earlier tag kept.
  assert.deepEqual(doc.all().map((a) => `${a.start}-${a.end}/${a.label}/${a.state}`), ['0-2/TERM/manual', '5-9/ORG/auto']);
  assert.deepEqual(doc.tagAll([], 'ORG'), []);
  assert.throws(() => doc.tagAll([{ start: 0, end: 99 }], 'ORG'), RangeError);
  assert.equal(doc.undo(), 'tag', 'an empty or refused batch is no undo step');
});
