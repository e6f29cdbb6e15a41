// Texts in traditional characters (the 1954 report, texts from Hong Kong or Taiwan) are tagged as
// their simplified form would be, at the same offsets, and the spans show the text as written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getDefaultEngine } from '../../src/core/engine';
import { foldTraditional } from '../../src/core/text/fold-traditional';

const spans = (text: string) => getDefaultEngine().tag(text).map((s) => `${s.label} ${text.slice(s.start, s.end)}`);

test('traditional text: the same spans as its simplified form, showing the characters as written', () => {
  // Sentences written for this test, once in each script.
  const simplified = '全国人民代表大会批准了鞍山钢铁公司的扩建，国家资本主义经济在第一个五年计划中增长了三成。';
  const traditional = '全國人民代表大會批准了鞍山鋼鐵公司的擴建，國家資本主義經濟在第一個五年計劃中增長了三成。';
  assert.equal(traditional.length, simplified.length);
  const s = getDefaultEngine().tag(simplified).map((x) => [x.start, x.end, x.label]);
  const t = getDefaultEngine().tag(traditional).map((x) => [x.start, x.end, x.label]);
  assert.ok(s.length >= 4, `the simplified sentence has its spans: ${spans(simplified)}`);
  assert.deepEqual(t, s);
  assert.ok(spans(traditional).includes('ORG 全國人民代表大會'));
  assert.ok(spans(traditional).includes('ORG 鞍山鋼鐵公司'));
});

test('traditional folding never touches simplified text, and keeps offsets', () => {
  const modern = '推动高质量发展，著力扩大内需，显著提升乾坤𠀀😀。';
  assert.equal(foldTraditional(modern), modern, '著 and 乾 are simplified characters too');
  assert.equal(foldTraditional('國家計劃𠀀會議').length, '國家計劃𠀀會議'.length);
  assert.equal(foldTraditional('國家計劃𠀀會議'), '国家计划𠀀会议');
});
