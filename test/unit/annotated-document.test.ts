import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AnnotatedDocument } from '../../src/core/annotations/document';
import { parseSidecar } from '../../src/core/annotations/sidecar';
import type { Span } from '../../src/core/types';

const TEXT = '😀江宁开发区集聚南瑞集团等企业，𠀀推动高质量发展，企业 646 家。';
const r = (s: string, nth = 0) => {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = TEXT.indexOf(s, at + 1);
  return { start: at, end: at + s.length };
};
const span = (s: string, label: string): Span => ({ ...r(s), label, origin: 'rule' });
const ENGINE: Span[] = [span('江宁开发区', 'ORG'), span('南瑞集团', 'ORG'), span('高质量发展', 'TERM'), span('646 家', 'NUM')];

function fresh() {
  let t = 0;
  const doc = new AnnotatedDocument(TEXT, [], { author: 'li', now: () => `2024-01-01T00:00:0${t++}.000Z` });
  doc.merge(ENGINE);
  return doc;
}
const view = (doc: AnnotatedDocument) => doc.all().map((a) => `${doc.text.slice(a.start, a.end)}/${a.label}/${a.state}`);

test('merge: manual and accepted win over overlapping auto spans; rejected hides the identical span only', () => {
  const doc = new AnnotatedDocument(TEXT, [
    { ...r('南瑞集团等'), label: 'ORG', state: 'manual' },
    { ...r('高质量发展'), label: 'TERM', state: 'rejected' },
    { ...r('江宁开发区'), label: 'TERM', state: 'rejected' },
  ]);
  doc.merge(ENGINE);
  assert.deepEqual(view(doc), ['江宁开发区/ORG/auto', '江宁开发区/TERM/rejected', '南瑞集团等/ORG/manual', '高质量发展/TERM/rejected', '646 家/NUM/auto']);
  assert.deepEqual(doc.visible().map((a) => a.state), ['auto', 'manual', 'auto']);
});

test('tag, changeLabel, remove, accept, reject, acceptAll, and undo of each', () => {
  const doc = fresh();
  const before = view(doc);

  const { annotation, replaced } = doc.tag(r('发展'), 'TERM');
  assert.equal(annotation.state, 'manual');
  assert.equal(annotation.author, 'li');
  assert.deepEqual(replaced, []);
  assert.ok(!view(doc).includes('高质量发展/TERM/auto'), 'overlapping suggestion hidden by manual work');
  assert.equal(doc.undo(), 'tag');
  assert.deepEqual(view(doc), before, 'undo restores the suggestion');

  // Tagging exactly a suggestion accepts it.
  assert.equal(doc.tag(r('南瑞集团'), 'ORG').annotation.state, 'accepted');
  doc.undo();

  const changed = doc.changeLabel(r('南瑞集团').start + 1, 'TERM');
  assert.equal(changed?.state, 'manual');
  assert.ok(view(doc).includes('南瑞集团/TERM/manual') && !view(doc).includes('南瑞集团/ORG/auto'));
  doc.undo();

  // remove on a suggestion rejects it (so it is not offered again); on manual work it deletes.
  doc.remove(r('646 家').start);
  assert.ok(view(doc).includes('646 家/NUM/rejected'));
  doc.merge(ENGINE);
  assert.ok(!view(doc).includes('646 家/NUM/auto'), 'rejected span stays suppressed after re-tagging');
  doc.undo();
  doc.merge(ENGINE);
  doc.tag(r('企业', 0), 'TERM');
  doc.remove(r('企业', 0).start);
  assert.ok(!view(doc).some((v) => v.startsWith('企业/')), 'manual tag removed without trace');
  doc.undo();
  assert.ok(view(doc).includes('企业/TERM/manual'));
  doc.undo();

  assert.equal(doc.accept(r('高质量发展').start)?.state, 'accepted');
  assert.equal(doc.reject(r('高质量发展').start)?.state, 'rejected', 'an accepted span can still be rejected');
  doc.undo();
  doc.undo();
  assert.deepEqual(view(doc), before);

  assert.equal(doc.acceptAll(), 4);
  assert.deepEqual(doc.visible().map((a) => a.state), ['accepted', 'accepted', 'accepted', 'accepted']);
  assert.equal(doc.undo(), 'acceptAll');
  assert.deepEqual(view(doc), before);
  assert.equal(doc.undo(), undefined);
});

test('tagging over existing manual work replaces it (fixing a boundary)', () => {
  const doc = fresh();
  doc.tag(r('南瑞集'), 'ORG');
  const { replaced } = doc.tag(r('南瑞集团'), 'ORG');
  assert.equal(replaced.length, 1);
  assert.deepEqual(view(doc).filter((v) => v.includes('ORG/manual') || v.includes('ORG/accepted')), ['南瑞集团/ORG/accepted']);
});

test('annotationAt prefers reviewed work, falls back to a tag ending at the cursor', () => {
  const doc = fresh();
  const end = r('南瑞集团').end;
  assert.equal(doc.annotationAt(end)?.label, 'ORG');
  assert.equal(doc.annotationAt(r('等企业').start + 1), undefined);
});

test('next/previous unreviewed suggestion with wrap-around', () => {
  const doc = fresh();
  const starts = ENGINE.map((s) => s.start);
  assert.equal(doc.nextUnreviewed(0)?.start, starts[0]);
  assert.equal(doc.nextUnreviewed(starts[0])?.start, starts[1]);
  assert.equal(doc.nextUnreviewed(starts[3])?.start, starts[0], 'wraps');
  assert.equal(doc.nextUnreviewed(starts[3], false), undefined);
  assert.equal(doc.previousUnreviewed(starts[1])?.start, starts[0]);
  assert.equal(doc.previousUnreviewed(starts[0])?.start, starts[3], 'wraps');
  doc.accept(starts[1]);
  assert.equal(doc.nextUnreviewed(starts[0])?.start, starts[2], 'accepted ones are skipped');
});

test('applyEdit: typing before a span moves it, inside grows it, deleting its text drops and reports it', () => {
  const doc = fresh();
  doc.tag(r('南瑞集团'), 'ORG');
  doc.tag(r('646 家'), 'NUM', { value: { value: 646, unit: '家', kind: 'quantity' } });
  // Type an emoji (two UTF-16 units) at the very start.
  doc.applyEdit({ start: 0, end: 0, newText: '🎉' });
  assert.ok(view(doc).includes('南瑞集团/ORG/accepted'));
  // Type inside the NUM span: it grows and loses its stale value.
  const num = doc.all().find((a) => a.label === 'NUM')!;
  doc.applyEdit({ start: num.start + 2, end: num.start + 2, newText: '0' });
  const num2 = doc.all().find((a) => a.label === 'NUM')!;
  assert.equal(doc.text.slice(num2.start, num2.end), '6406 家');
  assert.equal(num2.value, undefined);
  // Typing right before/after a span does not extend it.
  const org = doc.all().find((a) => a.label === 'ORG' && a.state === 'accepted')!;
  doc.applyEdit({ start: org.end, end: org.end, newText: '股份' });
  doc.applyEdit({ start: org.start, end: org.start, newText: '国网' });
  const org2 = doc.all().find((a) => a.label === 'ORG' && a.state === 'accepted')!;
  assert.equal(doc.text.slice(org2.start, org2.end), '南瑞集团');
  // Delete the whole span text: dropped and reported with its quote.
  const res = doc.applyEdit({ start: org2.start - 1, end: org2.end + 1, newText: '' });
  assert.equal(res.dropped.length, 1);
  assert.equal(res.dropped[0].quote.exact, '南瑞集团');
  assert.ok(!view(doc).includes('南瑞集团/ORG/accepted'));
  // The editor undoes the deletion; restore puts the annotation back where its quote is.
  doc.applyEdit({ start: org2.start - 1, end: org2.start - 1, newText: doc.text === '' ? '' : `国南瑞集团股` });
  const { restored, notFound } = doc.restore(res.dropped);
  assert.equal(notFound.length, 0);
  assert.equal(doc.text.slice(restored[0].start, restored[0].end), '南瑞集团');
});

test('an edit overlapping a span boundary keeps the surviving part', () => {
  const doc = new AnnotatedDocument('前言南瑞集团后记', [{ start: 2, end: 6, label: 'ORG', state: 'manual' }]);
  const res = doc.applyEdit({ start: 1, end: 4, newText: 'XY' }); // replaces 言南瑞
  assert.deepEqual(res.dropped, []);
  const [a] = doc.all();
  assert.equal(doc.text.slice(a.start, a.end), '集团');
  const doc2 = new AnnotatedDocument('前言南瑞集团后记', [{ start: 2, end: 6, label: 'ORG', state: 'manual' }]);
  doc2.applyEdit({ start: 4, end: 7, newText: '' }); // removes 集团后
  const [b] = doc2.all();
  assert.equal(doc2.text.slice(b.start, b.end), '南瑞');
});

test('undo after later text edits replays the edits onto the restored state', () => {
  const doc = fresh();
  doc.tag(r('南瑞集团'), 'TERM');
  doc.applyEdit({ start: 0, end: 0, newText: '新增𠀀' });
  doc.undo();
  const org = doc.all().find((a) => doc.text.slice(a.start, a.end) === '南瑞集团');
  assert.equal(org?.state, 'auto', 'suggestion back, at its shifted place');
  assert.equal(org?.label, 'ORG');
});

test('sidecar round trip through the document, with re-anchoring when the text changed outside', () => {
  const doc = fresh();
  doc.tag(r('南瑞集团'), 'ORG');
  doc.reject(r('646 家').start);
  doc.tag(r('高质量发展'), 'TERM');
  const saved = doc.serialize('doc.txt');
  // Same text: everything at its offsets.
  const same = AnnotatedDocument.fromSidecar(TEXT, parseSidecar(saved, 'doc.txt.annotations.jsonl'));
  assert.equal(same.report.textChanged, false);
  assert.equal(same.report.atOffsets, 3);
  assert.deepEqual(view(same.document), view(doc).filter((v) => !v.endsWith('/auto')));
  // Changed outside: text inserted before, 高质量发展 deleted.
  const changed = '前言😀😀。\n' + TEXT.replace('推动高质量发展，', '');
  const moved = AnnotatedDocument.fromSidecar(changed, parseSidecar(saved, 'doc.txt.annotations.jsonl'), { now: () => 'T' });
  assert.equal(moved.report.textChanged, true);
  assert.equal(moved.report.moved, 2);
  assert.equal(moved.report.orphaned.length, 1);
  assert.equal(moved.report.orphaned[0].annotation.quote.exact, '高质量发展');
  assert.deepEqual(moved.document.orphans().map((o) => o.orphanedAt), ['T']);
  // Orphans survive a save and come back when the text does.
  const resaved = moved.document.serialize('doc.txt');
  assert.ok(resaved.includes('"orphanedAt":"T"'));
  const back = AnnotatedDocument.fromSidecar(TEXT, parseSidecar(resaved, 'f'));
  assert.equal(back.report.recovered, 1);
  assert.equal(back.document.orphans().length, 0);
});

test('a refused sidecar cannot be loaded (so it cannot be overwritten by mistake)', () => {
  const p = parseSidecar('{"format":"policy-annotator-sidecar","version":99,"document":"d","textHash":"x"}\n', 'f');
  assert.throws(() => AnnotatedDocument.fromSidecar('x', p), /version 99 is newer/);
});

test('undo after edits: a rejected suggestion comes back at its moved place; orphans re-attach and undo', () => {
  const doc = fresh();
  doc.reject(r('高质量发展').start);
  doc.applyEdit({ start: 0, end: 0, newText: '𠀀𠀀' });
  doc.undo();
  const back = doc.suggestions().find((a) => a.label === 'TERM');
  assert.equal(back && doc.text.slice(back.start, back.end), '高质量发展');
  assert.ok(!doc.all().some((a) => a.state === 'rejected'));

  const changed = TEXT.replace('南瑞集团', '某公司');
  const saved = (() => { const d = fresh(); d.tag(r('南瑞集团'), 'ORG'); return d.serialize('d.txt'); })();
  const { document } = AnnotatedDocument.fromSidecar(changed, parseSidecar(saved, 'f'));
  const [orphan] = document.orphans();
  assert.equal(orphan.quote.exact, '南瑞集团');
  const at = changed.indexOf('某公司');
  const a = document.reattachOrphan(orphan, { start: at, end: at + 3 });
  assert.equal(a?.state, 'accepted');
  assert.equal(document.orphans().length, 0);
  assert.equal(document.undo(), 'orphans');
  assert.equal(document.orphans().length, 1);
  assert.ok(!document.all().some((x) => x.start === at));
});
