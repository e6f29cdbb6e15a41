import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine, compileWithDefault, getDefaultEngine } from '../../src/core/engine';
import { parseGlossary } from '../../src/core/glossary/load';
import { OffsetMap } from '../../src/core/text/offsets';

const engine = getDefaultEngine();
function tagged(text: string, label?: string): string[] {
  return engine.tag(text).filter((s) => !label || s.label === label).map((s) => text.slice(s.start, s.end));
}

test('ORG: suffix heads with a left boundary at verbs and function words', () => {
  assert.deepEqual(tagged('集聚南瑞集团、国电南自等130 多家重点企业', 'ORG'), ['南瑞集团', '国电南自']);
  assert.deepEqual(tagged('由江宁经济技术开发区管理委员会主办', 'ORG'), ['江宁经济技术开发区管理委员会']);
  assert.deepEqual(tagged('南京市江宁经济技术开发区创办于 1992 年', 'ORG'), ['南京市江宁经济技术开发区']);
  assert.deepEqual(tagged('依托紫金山实验室建设', 'ORG'), ['紫金山实验室']);
  assert.deepEqual(tagged('深化与西藏拉萨经开区的合作', 'ORG'), ['西藏拉萨经开区']);
  assert.deepEqual(tagged('组织经济发展局、规划和自然资源局、行政审批局等单位联合办公', 'ORG'), ['经济发展局', '规划和自然资源局', '行政审批局']);
});

test('ORG: generic references are not names', () => {
  assert.deepEqual(tagged('全国 217 家国家级经开区', 'ORG'), []);
  assert.deepEqual(tagged('充分发挥经开区的作用，服务龙头企业和高校', 'ORG'), []);
  assert.deepEqual(tagged('形成新的发展格局和产业布局', 'ORG'), []);
});

test('ORG: enumerations, short forms and repeated names', () => {
  const text = '围绕上汽大众、长安马自达等整车制造企业，引入福特、马自达等全球性研发中心。福特表示';
  assert.deepEqual(tagged(text, 'ORG'), ['上汽大众', '长安马自达', '福特', '马自达', '福特']);
  assert.deepEqual(tagged('江宁经济技术开发区（简称“江宁开发区”）创办于1992年。江宁开发区', 'ORG'), ['江宁经济技术开发区', '江宁开发区', '江宁开发区']);
});

test('ORG: a name broken across a PDF line break is one span', () => {
  const text = '围绕上汽大\n\n众、长安马自达等整车制造企业';
  assert.deepEqual(tagged(text, 'ORG'), ['上汽大\n\n众', '长安马自达']);
});

test('TERM: glossary terms, longest match, quoted slogans without the marks', () => {
  assert.ok(tagged('推动高质量发展', 'TERM').includes('高质量发展'));
  assert.deepEqual(tagged('培育“专精特新”企业', 'TERM'), ['专精特新']);
  assert.deepEqual(tagged('形成“一主一特五新”创新型先进制造业集群', 'TERM')[0], '一主一特五新');
  assert.deepEqual(tagged('走出一条“龙头引领、链式布局、集群发展”的路径', 'TERM'), ['龙头引领、链式布局、集群发展']);
  assert.deepEqual(tagged('“十四五”期间', 'NUM'), []);
  assert.deepEqual(tagged('出台人才十策', 'TERM'), ['人才十策']);
  assert.deepEqual(tagged('建设战略性新兴产业集群', 'TERM'), ['战略性新兴产业集群']);
});

test('TERM: a term split by a PDF line break still matches', () => {
  // A line of running prose broken by PDF extraction (a short line standing alone would be a
  // heading, which no span crosses: word-boundaries.test.ts).
  assert.deepEqual(tagged('近年来，全区坚持以制造业为根本，坚持壮大实体\n\n经济。', 'TERM'), ['实体\n\n经济']);
});

test('custom glossary entries override the default and add categories', () => {
  const extra = parseGlossary('version: 1\ncategories:\n  - name: PLACE\n    color: "#00aa00"\nentries:\n  - term: 江北\n    category: PLACE\n    definition: 南京长江以北地区\n  - term: 鱼快创领\n    category: ORG\n    definition: 一家企业\n', 'team.glossary.yaml');
  assert.deepEqual(extra.problems, []);
  const e = createEngine(compileWithDefault([extra]));
  const text = '引入鱼快创领，发展大江北';
  const spans = e.tag(text).map((s) => [text.slice(s.start, s.end), s.label, s.entry?.origin.file]);
  assert.deepEqual(spans, [['鱼快创领', 'ORG', 'team.glossary.yaml'], ['江北', 'PLACE', 'team.glossary.yaml']]);
});

test('code point offsets stay exact after characters outside the BMP', () => {
  const text = '𠀀😀企业 140 多家，南瑞集团推动高质量发展';
  const spans = engine.tag(text);
  const map = new OffsetMap(text);
  const cps = [...text];
  for (const s of spans) {
    const cpStart = map.toCodePoint(s.start);
    const cpEnd = map.toCodePoint(s.end);
    assert.equal(cps.slice(cpStart, cpEnd).join(''), text.slice(s.start, s.end));
  }
  assert.equal(map.toCodePoint(text.indexOf('140')), 5); // 𠀀 😀 企 业 and a space
});

test('spans never overlap and are sorted', () => {
  const text = '2021年，江宁经济技术开发区管理委员会推动“智改数转”，培育专精特新企业 140 多家，产值突破千亿元。';
  const spans = engine.tag(text);
  for (let i = 1; i < spans.length; i++) assert.ok(spans[i - 1].end <= spans[i].start);
});

test('ORG: names with 和 inside stay whole after punctuation', () => {
  assert.deepEqual(tagged('。江苏省工业和信息化厅、南京市发展和改革委员会对本措施的实施给予指导', 'ORG'), ['江苏省工业和信息化厅', '南京市发展和改革委员会']);
  assert.deepEqual(tagged('推动工业和信息化融合', 'ORG'), []);
});

test('TERM: national designations are terms', () => {
  assert.deepEqual(tagged('获批国家生态工业示范园区、全国碳排放试点园区。', 'TERM'), ['国家生态工业示范园区', '全国碳排放试点园区']);
  assert.deepEqual(tagged('推动国家加快建设', 'TERM'), []);
});

test('ORG: local government and Party bodies', () => {
  assert.deepEqual(tagged('经南京市政府同意，南京市人大常委会审议通过。', 'ORG'), ['南京市政府', '南京市人大常委会']);
  assert.deepEqual(tagged('南京海关、江宁区政协联合开展调研', 'ORG'), ['南京海关', '江宁区政协']);
  assert.deepEqual(tagged('各级政府要过紧日子，地方政府债务风险可控，政府工作报告指出', 'ORG'), []);
});

test('ORG: a date or a count before a name is not part of it', () => {
  assert.deepEqual(tagged('。一九五四年八月十一日中央人民政府发表声明', 'ORG'), ['中央人民政府']);
  assert.deepEqual(tagged('位列全国 217 家国家级经开区第六位', 'ORG'), []);
  assert.deepEqual(tagged('任何外国政府', 'ORG'), []);
});
