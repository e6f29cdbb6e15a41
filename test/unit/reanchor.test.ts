import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reanchor, type AnchorInput } from '../../src/core/annotations/reanchor';
import { quoteOf } from '../../src/core/annotations/quote';
import { OffsetMap } from '../../src/core/text/offsets';

/** Stored form of the first occurrence (or the n-th) of `exact` in `text`, as a sidecar keeps it. */
function stored(text: string, exact: string, label = 'ORG', nth = 0): AnchorInput {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = text.indexOf(exact, at + 1);
  assert.ok(at >= 0, `${exact} in text`);
  const map = new OffsetMap(text);
  return { start: map.toCodePoint(at), end: map.toCodePoint(at + exact.length), label, quote: quoteOf(text, at, at + exact.length) };
}

function anchoredText(text: string, r: ReturnType<typeof reanchor>[number]): string | undefined {
  return r.anchored ? text.slice(r.start, r.end) : undefined;
}

// Astral characters before spans make code point and UTF-16 offsets differ, which is exactly
// where a wrong conversion would shift every span.
const BASE = '𠀀😀序言。\n\n江宁开发区集聚了南瑞集团等企业😀，高新技术企业 1066 家。\n\n南瑞集团在此设立研发中心。';

test('unchanged text: every annotation stays at its stored offsets (astral characters before)', () => {
  const items = [stored(BASE, '南瑞集团'), stored(BASE, '1066 家', 'NUM'), stored(BASE, '南瑞集团', 'ORG', 1)];
  const rs = reanchor(BASE, items);
  for (const [i, r] of rs.entries()) {
    assert.ok(r.anchored && r.how === 'offsets', `item ${i}`);
    assert.equal(anchoredText(BASE, r), items[i].quote.exact);
  }
  // The second 南瑞集团 is the one after the paragraph break, not the first.
  assert.ok(rs[2].anchored && rs[2].start === BASE.lastIndexOf('南瑞集团'));
});

test('text inserted before the span (with 𠀀 and emoji in it): found by quote, right copy', () => {
  const item = stored(BASE, '南瑞集团', 'ORG', 1);
  const changed = BASE.replace('序言。', '序言。新增一段😀😀𠀀说明文字。');
  const [r] = reanchor(changed, [item]);
  assert.ok(r.anchored && r.how === 'quote');
  assert.equal(r.start, changed.lastIndexOf('南瑞集团'));
  assert.equal(anchoredText(changed, r), '南瑞集团');
});

test('span moved to another paragraph keeps its label on the moved copy', () => {
  const text = '第一段：推进产业基础高级化。\n\n第二段：江宁开发区坚持招商引资，集聚南瑞集团🚀等企业。\n\n第三段：完善营商环境。';
  const item = stored(text, '南瑞集团');
  // Move the sentence of paragraph 2 to the end of paragraph 3.
  const moved = '第一段：推进产业基础高级化。\n\n第二段：（略）\n\n第三段：完善营商环境。江宁开发区坚持招商引资，集聚南瑞集团🚀等企业。';
  const [r] = reanchor(moved, [item]);
  assert.ok(r.anchored);
  assert.equal(r.start, moved.indexOf('南瑞集团'));
});

test('span deleted: orphaned, even though a copy of the quote exists elsewhere with another context', () => {
  const text = '😀江宁开发区集聚了南瑞集团等企业。\n\n另据报道，南瑞集团发布年报。';
  const item = stored(text, '南瑞集团'); // the first one
  const deleted = '😀江宁开发区集聚了多家企业。\n\n另据报道，南瑞集团发布年报。';
  const [r] = reanchor(deleted, [item]);
  assert.equal(r.anchored, false);
  assert.match((r as { reason: string }).reason, /context/);
});

test('span deleted with no copy left: orphaned with a reason', () => {
  const item = stored(BASE, '1066 家', 'NUM');
  const [r] = reanchor(BASE.replace('高新技术企业 1066 家。', ''), [item]);
  assert.equal(r.anchored, false);
  assert.match((r as { reason: string }).reason, /no longer/);
});

test('duplicates of the quote elsewhere: context picks the right copy; two annotations never share one place', () => {
  const text = '甲：南瑞集团成立于1973年。乙：𠀀南瑞集团总部在南京。丙：南瑞集团上市。';
  const items = [stored(text, '南瑞集团', 'ORG', 0), stored(text, '南瑞集团', 'ORG', 1), stored(text, '南瑞集团', 'ORG', 2)];
  const changed = '前言😀😀。' + text.replace('乙：', '乙方补充：');
  const rs = reanchor(changed, items);
  const starts = rs.map((r) => (r.anchored ? r.start : -1));
  let at = -1;
  const expected = [0, 1, 2].map(() => (at = changed.indexOf('南瑞集团', at + 1)));
  assert.deepEqual(starts, expected);
});

test('a different copy landing exactly on the stored offsets is not mistaken for the annotated one', () => {
  // Annotate the second 南瑞集团; then delete exactly the text between the copies so the first
  // copy now sits at the second one's old offsets, and remove the second copy.
  const text = 'AB南瑞集团CDEFG。后文：南瑞集团发布年报😀。';
  const item = stored(text, '南瑞集团', 'ORG', 1);
  const shift = text.indexOf('南瑞集团', 3) - text.indexOf('南瑞集团');
  const changed = 'x'.repeat(shift) + 'AB南瑞集团CDEFG。后文：发布年报😀。';
  assert.equal(changed.slice(text.indexOf('南瑞集团', 3), text.indexOf('南瑞集团', 3) + 4), '南瑞集团');
  const [r] = reanchor(changed, [item]);
  assert.equal(r.anchored, false);
});

test('whitespace re-wrapping in the context does not prevent re-anchoring', () => {
  const text = '一、总体要求\n\n坚持把重大项目作为关键支撑，推动高质量发展，在产业发展能级上求跃升。\n高质量发展是首要任务。';
  const item = stored(text, '高质量发展', 'TERM');
  const rewrapped = '一、总体要求\n\n坚持把重大项目作为关键\n支撑，推动 高质量发展，在产业发展\n能级上求跃升。\n高质量发展是首要任务。';
  const [r] = reanchor(rewrapped, [item]);
  assert.ok(r.anchored);
  assert.equal(r.start, rewrapped.indexOf('高质量发展'));
});

test('span inside which astral characters sit is re-found with correct UTF-16 extent', () => {
  const text = '开头😀😀。企业名称：𠀀星😀科技有限公司，成立。';
  const item = stored(text, '𠀀星😀科技有限公司');
  const changed = '新的开头𠀀𠀀𠀀。' + text;
  const [r] = reanchor(changed, [item]);
  assert.ok(r.anchored);
  assert.equal(anchoredText(changed, r), '𠀀星😀科技有限公司');
});
