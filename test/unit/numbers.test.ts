import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recognizeNumbers } from '../../src/core/recognize/numbers';
import { parseChinese } from '../../src/core/recognize/numerals';

/** Surfaces of NUM spans found in `text`, with whitespace as written. */
function nums(text: string): string[] {
  return recognizeNumbers(text).map((s) => text.slice(s.start, s.end));
}
function one(text: string) {
  const spans = recognizeNumbers(text);
  assert.equal(spans.length, 1, `expected one span in ${text}, got ${JSON.stringify(spans.map((s) => text.slice(s.start, s.end)))}`);
  return { surface: text.slice(spans[0].start, spans[0].end), value: spans[0].value! };
}

test('Chinese numerals parse to their values', () => {
  assert.equal(parseChinese('三千二百七十二'), 3272);
  assert.equal(parseChinese('两万'), 20000);
  assert.equal(parseChinese('十'), 10);
  assert.equal(parseChinese('十五'), 15);
  assert.equal(parseChinese('一百零五'), 105);
  assert.equal(parseChinese('千亿'), 1e11);
  assert.equal(parseChinese('一万亿'), 1e12);
  assert.equal(parseChinese('三亿五千万'), 3.5e8);
  assert.equal(parseChinese('二〇二一'), 2021);
  assert.equal(parseChinese('壹佰贰拾叁'), 123);
});

test('money with magnitude is normalized to 元', () => {
  const a = one('实现营收 3272.01 亿元，');
  assert.equal(a.surface, '3272.01 亿元');
  assert.deepEqual([a.value.value, a.value.unit, a.value.kind], [327201000000, '元', 'money']);
  const b = one('产值突破千亿元，');
  assert.equal(b.surface, '千亿元');
  assert.equal(b.value.value, 1e11);
  assert.equal(b.value.approx, 'over', '突破 is read as a lower bound');
  assert.equal(one('设立 150亿元的产业基金').value.value, 1.5e10);
  assert.equal(one('总额１２３万元').value.value, 1.23e6, 'full-width digits');
  assert.equal(one('投资1,250万元').value.value, 1.25e7, 'thousands separators');
});

test('approximate infixes stay inside, qualifiers stay outside but set approx', () => {
  const a = one('配套企业 140 多家，');
  assert.equal(a.surface, '140 多家');
  assert.equal(a.value.approx, 'over');
  assert.equal(one('引进20余家企业').surface, '20余家');
  assert.equal(one('促成十几家企业').surface, '十几家');
  const c = one('面积近5000 亩');
  assert.equal(c.surface, '5000 亩');
  assert.equal(c.value.approx, 'under');
  const d = one('超 5000 万元的项目');
  assert.equal(d.surface, '5000 万元');
  assert.equal(d.value.approx, 'over');
  const e = one('增长2%左右。');
  assert.equal(e.surface, '2%');
  assert.equal(e.value.approx, 'about');
  assert.equal(one('不低于30%').value.approx, 'at-least');
  assert.equal(one('以上，达到10%以上').value.approx, 'at-least');
});

test('percentages, percentage points, fractions', () => {
  assert.equal(one('占比 12.6%，').value.value, 12.6);
  assert.equal(one('达到百分之二十').value.value, 20);
  const p = one('提高五个百分点');
  assert.equal(p.surface, '五个百分点');
  assert.equal(p.value.kind, 'percent');
  assert.equal(one('提高5个百分点').value.value, 5);
  assert.ok(Math.abs(one('占全区 1/3，').value.value - 1 / 3) < 1e-12);
  assert.ok(Math.abs(one('约三分之一的企业').value.value - 1 / 3) < 1e-12);
  // The nearest double, written shortest-round-trip: JSON (Python's json, JS) gives 1/3 back exactly.
  assert.equal(JSON.stringify(one('占全区 1/3，').value.value), '0.3333333333333333');
  assert.equal(one('约三分之一的企业').value.value, 1 / 3);
  assert.equal(one('约三分之二的企业').value.value, 2 / 3);
  assert.equal(one('吸引了一半的企业').surface, '一半');
});

test('dates, date ranges and parts of the year', () => {
  assert.deepEqual(one('2021年6月4日，举行').value.date, '2021-06-04');
  assert.equal(one('于2010年11月升级').value.date, '2010-11');
  assert.equal(one('截至2023-12-08，').value.date, '2023-12-08');
  const r = one('2015年—2021 年，新区');
  assert.equal(r.surface, '2015年—2021 年');
  assert.deepEqual([r.value.value, r.value.upper], [2015, 2021]);
  assert.equal(one('到2021年底，').value.part, '底');
  assert.equal(one('2022 年上半年，').surface, '2022 年上半年');
  assert.equal(one('今年一季度增长').surface, '一季度');
  assert.equal(one('今年 6月，新区').value.kind, 'date');
  assert.equal(one('创办于 1992 年，').surface, '1992 年');
  assert.equal(one('二〇二一年发布').value.value, 2021);
});

test('durations, ranks, levels and ranges', () => {
  assert.equal(one('连续六年位居').value.kind, 'duration');
  assert.equal(one('30 年磨一剑').surface, '30 年');
  assert.equal(one('7年多来').surface, '7年多');
  assert.equal(one('七载春秋').value.unit, '年');
  assert.equal(one('位列全国第六位，').value.kind, 'ordinal');
  assert.equal(one('位居第 3 位').surface, '第 3 位');
  assert.equal(one('排名全国第六。').surface, '第六');
  assert.equal(one('全国第二大城市').surface, '第二大');
  const l = one('打造千亿级产业');
  assert.equal(l.surface, '千亿级');
  assert.deepEqual([l.value.kind, l.value.value], ['level', 1e11]);
  assert.equal(one('5000亿级产业集群').value.value, 5e11);
  const r = one('引进20-30家企业');
  assert.deepEqual([r.surface, r.value.value, r.value.upper], ['20-30家', 20, 30]);
  assert.equal(one('翻了两番。').surface, '两番');
  assert.equal(one('培育 3 万名人才').value.value, 30000);
  assert.equal(one('面积7.7平方公里').value.kind, 'area');
  const area = one('建成250万平方米载体');
  assert.deepEqual([area.value.value, area.value.unit], [2.5e6, '平方米']);
});

test('counts before scale levels are separate spans', () => {
  assert.deepEqual(nums('形成1个万亿级、2个5000亿级产业集群'), ['1个', '万亿级', '2个', '5000亿级']);
});

test('idioms, slogans and names with numerals are not numbers', () => {
  for (const t of ['一批企业', '建设一流园区', '一体化发展', '一站式服务', '统一大市场', '唯一的', '“十四五”时期', '党的二十大', '坚持一手抓', '第一动力', '万物互联', '5G基站', '建设一个平台', '第三方机构', '五十五所', '千家万户', '一次发证', '实施“5+4+5”计划', '建设51010工程'])
    assert.deepEqual(nums(t), [], t);
});

test('numbers broken by PDF line breaks stay one span', () => {
  const text = '拥有规上工业企业 646\n\n家，境内外上市企业 53家';
  assert.deepEqual(nums(text), ['646\n\n家', '53家']);
  const t2 = '签约项目总投资 3272.01\n亿元';
  assert.equal(one(t2).value.value, 327201000000);
});

test('Chinese numerals with an infix before the last magnitude', () => {
  const a = one('粮食产量达到四亿零七百多万吨，');
  assert.deepEqual([a.surface, a.value.value, a.value.approx], ['四亿零七百多万吨', 407000000, 'over']);
  // A decade keeps its part, as dates keep theirs (GUIDELINES, settled cases: 2021年底).
  assert.equal(one('八十年代初').surface, '八十年代初');
});

test('第二、 opening a clause is a discourse marker, not a rank', () => {
  assert.deepEqual(nums('第二、统一制度。'), []);
  assert.deepEqual(nums('位居全国第六，'), ['第六']);
});

test('every unit family normalizes to its base unit and kind', () => {
  const cases: [string, string, number, string, string][] = [
    ['投资5亿元', '5亿元', 5e8, '元', 'money'],
    ['吸引外资3.2亿美元', '3.2亿美元', 3.2e8, '美元', 'money'],
    ['建成12万平方米', '12万平方米', 1.2e5, '平方米', 'area'],
    ['规划面积7.7平方公里', '7.7平方公里', 7.7, '平方公里', 'area'],
    ['盘活土地500亩', '500亩', 500, '亩', 'area'],
    ['新增企业646家', '646家', 646, '家', 'quantity'],
    ['建成3个平台', '3个', 3, '个', 'quantity'],
    ['取得10项成果', '10项', 10, '项', 'quantity'],
    ['集聚人才3万名', '3万名', 30000, '名', 'quantity'],
    ['增长1.5倍', '1.5倍', 1.5, '倍', 'quantity'],
    ['产量800万吨', '800万吨', 8e6, '吨', 'quantity'],
    ['装机200万千瓦', '200万千瓦', 2e6, '千瓦', 'quantity'],
    ['服务24小时', '24小时', 24, '小时', 'duration'],
    ['压缩至3个工作日', '3个工作日', 3, '个工作日', 'duration'],
    ['建党100周年', '100周年', 100, '年', 'duration'],
    ['提高0.2个百分点', '0.2个百分点', 0.2, '个百分点', 'percent'],
  ];
  for (const [text, surface, value, unit, kind] of cases) {
    const r = one(text);
    assert.deepEqual([r.surface, r.value.value, r.value.unit, r.value.kind], [surface, value, unit, kind], text);
  }
});

test('older reports: the white-circle zero, decades with their part, multiples of one', () => {
  // 一九八○年 writes its zero as U+25CB, as the 1980s reports do.
  assert.deepEqual(one('比一九八○年增加了很多').value, { value: 1980, unit: '年', kind: 'date', date: '1980' });
  assert.deepEqual(nums('七十年代末和八十年代初期的水平'), ['七十年代末', '八十年代初期']);
  // 一倍 and (翻了)一番 are multiples, not an article; 三点一倍 is 3.1 times, not 一倍.
  assert.deepEqual(nums('产值增长一倍，收入翻了一番'), ['一倍', '一番']);
  assert.deepEqual(nums('是一九四九年的三点一倍'), ['一九四九年', '三点一倍']);
});

test('a measure word that begins the noun after the number stays with the noun', () => {
  // GUIDELINES: 13亿(人口); the lexicon, not a list, says 人口 and 家庭 are words here.
  assert.deepEqual(nums('我们这样一个13亿人口的大国，惠及2900多万家庭，凝聚十亿人民的力量。'), ['13亿', '2900多万', '十亿']);
  // … but a measure word before an ordinary noun stays inside the number.
  assert.deepEqual(nums('新建5所学校，招收3000名学生，新增就业1100万人，三十年来变化巨大。'), ['5所', '3000名', '1100万人', '三十年']);
  assert.deepEqual(nums('建成百万吨级乙烯和万吨级泊位。'), ['百万吨级', '万吨级'], 'a scale level keeps its unit and its 级 (GUIDELINES: scale levels)');
  const p = one('今后若干年保持百分之八至百分之九的增长率。');
  assert.equal(p.surface, '百分之八至百分之九', 'a range of Chinese percentages is one span');
  assert.deepEqual([p.value.value, p.value.upper, p.value.unit], [8, 9, '%']);
  assert.equal(one('粮食产量保持在1.3万亿斤以上。').surface, '1.3万亿斤');
  assert.deepEqual(nums('要把握好以下三点，抓好七方面工作。'), ['三点', '七方面']);
});

test('approximate and percentage ranges are one span', () => {
  const a = one('每年多耗电二、三百亿度。');
  assert.equal(a.surface, '二、三百亿度', 'two neighbouring digits joined by 、');
  assert.deepEqual([a.value.value, a.value.upper, a.value.unit], [2e10, 3e10, '度']);
  assert.deepEqual(nums('一、二、三等奖和第一、二期工程'), [], 'list markers and ordinals are not ranges');
  assert.deepEqual(nums('节约煤和电百分之二到三，收购价提高41.7%到86.7%。'), ['百分之二到三', '41.7%到86.7%']);
  assert.equal(one('收购价提高41.7%到86.7%。').value.upper, 86.7);
});

test('几/数 before a magnitude counts as the number; ordinals of counted events and parts', () => {
  assert.deepEqual(nums('取得科技成果几万项，其中数千项，投入数十亿元。'), ['几万项', '数千项', '数十亿元']);
  assert.equal(one('投入数十亿元。').value.approx, 'about');
  assert.deepEqual(nums('充分释放十几亿人口的潜力。'), ['十几亿']);
  assert.deepEqual(nums('启动第三次全国土壤普查，制定第一部法律。'), ['第三次', '第一部']);
  assert.deepEqual(nums('省第十四次党代会和第十二次全国代表大会召开。'), [], 'an ordinal inside a congress name');
});

test('a range of years is one span even when a count follows it; a year in Chinese digits needs no 年', () => {
  assert.deepEqual(nums('而1965年到1976年11年中，农民收入增加很少。'), ['1965年到1976年', '11年']);
  // 两 is never a digit of a year: it starts the count after it.
  assert.deepEqual(nums('制订了一九八一和一九八二两个年度计划。'), ['一九八一', '一九八二', '两个']);
  assert.equal(one('一九八一和计划。').value.date, '1981');
  assert.deepEqual(nums('一九八一年的计划'), ['一九八一年']);
});

test('a month keeps its part (四月初, 6月底, 3月中旬); centuries and the old weight unit 担 are measures', () => {
  assert.deepEqual(nums('今年四月初召开会议，6月底前完成，3月中旬再议。'), ['四月初', '6月底', '3月中旬']);
  assert.deepEqual(nums('着眼于二十一世纪，棉花产量一亿担。'), ['二十一世纪', '一亿担']);
});

test('the year a report looks back on is a period (过去一年, 一年来); 5月份 is a month; 公尺 is the old metre', () => {
  assert.deepEqual(nums('过去一年，经济平稳运行。一年来，改革不断深化。'), ['一年', '一年']);
  assert.deepEqual(nums('这是关键的一年，也是一个重要阶段。'), [], '一 as an article');
  assert.deepEqual(nums('据本年5月份的统计，住宅达到1,310万平方公尺。'), ['5月份', '1,310万平方公尺']);
});

test('a session\'s ordinal belongs to its name; other editions and counts of 届 are numbers', () => {
  // Sentences written for this test.
  assert.deepEqual(nums('第五届全国少年运动会在本市举行，已连续举办6届。'), ['第五届', '6届']);
  assert.deepEqual(nums('十四届全国人大二次会议和党的二十届三中、四中全会精神'), []);
  assert.deepEqual(nums('政治协商会议第三届全国委员会'), []);
  assert.deepEqual(nums('报告的第二部分讲外交，第三部门另议。'), ['第二部分']);
});

test('Chinese digits ending in 万 or 亿 count before a plain noun; compound and older units', () => {
  assert.deepEqual(nums('全省三千二百万农民，十亿以上人口。'), ['三千二百万', '十亿']);
  assert.deepEqual(nums('千万不能放松警惕。'), [], '千万 as an adverb');
  assert.deepEqual(nums('货物周转量达到2400亿吨公里，电话增加300万门，出生率下降3个千分点。'), ['2400亿吨公里', '300万门', '3个千分点']);
  assert.deepEqual(nums('蓄水四十亿立方公尺，棉布八千万匹，印书三十亿册。'), ['四十亿立方公尺', '八千万匹', '三十亿册']);
  assert.deepEqual(nums('税率由四档减为三档，两次下调利率。'), ['四档', '三档', '两次']);
  assert.deepEqual(nums('不到一年就完成了，整整一年没有休息。'), ['一年', '一年']);
  assert.deepEqual(nums('三门峡水利枢纽'), [], '三门峡 is a place');
});

test('Chinese decimals before a unit, seasons of a year, 倍多, schools counted with 所, ranges with the unit on both ends', () => {
  // Sentences written for this test.
  const d = one('产量增长三点六倍。');
  assert.deepEqual([d.surface, d.value.value], ['三点六倍', 3.6]);
  assert.equal(one('储量达到二点五亿吨。').value.value, 2.5e8);
  assert.deepEqual(nums('提出三点意见。'), ['三点'], 'three points, no decimal');
  assert.deepEqual(nums('一九六二年秋季开始，一九六三年春完成，一九六三年春节前后，一九六四年夏征任务。'), ['一九六二年秋季', '一九六三年春', '一九六三年', '一九六四年']);
  assert.deepEqual(nums('收入增长三倍多。'), ['三倍多']);
  assert.deepEqual(nums('高等学校由三百一十所增加到四百二十所，五十五所研制成功。'), ['三百一十所', '四百二十所']);
  assert.deepEqual(nums('上百万农民和近千万职工'), ['百万', '千万']);
  const r = one('年收入50万元至80万元的部分');
  assert.deepEqual([r.surface, r.value.value, r.value.upper], ['50万元至80万元', 5e5, 8e5]);
  assert.deepEqual(nums('企业由3家增加到5家，由20家到30家。'), ['3家', '5家', '20家', '30家'], 'a change, not a range');
});

test('a scale level of a physical size keeps 级; the year of a budget or plan keeps 度; a season is not the Winter Games', () => {
  assert.deepEqual(nums('新建成两个千万吨级炼油基地和一批30万千瓦级机组，新增万吨级以上泊位40个。'), ['两个', '千万吨级', '30万千瓦级', '万吨级', '40个']);
  assert.deepEqual(nums('分为5个级别，升到第5个级别。'), ['5个', '第5个']);
  assert.deepEqual(nums('提交审议的一九五六年度国家预算和2019年度决算。'), ['一九五六年度', '2019年度']);
  assert.deepEqual(nums('办好2030年冬奥会和2030年冬季残奥会，从2030年冬季开始。'), ['2030年', '2030年', '2030年冬季']);
  assert.deepEqual(nums('工程提前一年完成，补贴政策延长一年。'), ['一年', '一年']);
});

test('a rate keeps its second unit, a date its time of day; 规上 is a word, so 11家 stays a count', () => {
  assert.deepEqual(nums('预计新增销售45.1亿元/年，投资强度不低于160万元/亩。'), ['45.1亿元/年', '160万元/亩']);
  assert.deepEqual(nums('3月26日上午举行签约活动，5月下旬开工。'), ['3月26日', '5月下旬'], 'the part of the day is left out');
  assert.deepEqual(nums('2022年1-7月，产销增长；1-9月，新注册企业增加。前三季度增长4%。'), ['2022年1-7月', '1-9月', '前三季度', '4%']);
  assert.deepEqual(nums('以科伦药业等11家规上企业为支柱。'), ['11家']);
  // Not a rate: a slash between two figures, or an ordinary word after it.
  assert.deepEqual(nums('完成120亿元/项目库'), ['120亿元']);
});

test('tenths, counted events and a rank at the end of a ranking clause are numbers', () => {
  assert.deepEqual(nums('占全市比重超四成，完成目标的五成以上。'), ['四成', '五成']);
  assert.deepEqual(nums('招商模式历经三次迭代，三次产业协调发展。'), ['三次']);
  assert.deepEqual(nums('综合实力位居全国经开区第一。第一，要稳增长。'), ['第一']);
  assert.deepEqual(nums('成千成万的家庭。'), []);
});

test('a century keeps its part; pairs, rolls and bits are measure words; a rank closes a clause with ASCII punctuation too', () => {
  assert.deepEqual(nums('到21世纪初,年产36.9万对零部件、4000万卷壁纸,接入176比特计算机。'), ['21世纪初', '36.9万对', '4000万卷', '176比特']);
  assert.deepEqual(nums('出口额均列全省第一,分别增长。一对一帮扶,扩大对外开放。'), ['第一']);
});

