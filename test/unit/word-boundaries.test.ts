// The boundary rules of the ORG and TERM recognizers (issue: tagging that holds on unseen texts),
// on sentences written for these tests. Each assertion names a kind of error a reader saw in the
// national Government Work Reports before the lexicon decided word edges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine, compileWithDefault, getDefaultEngine } from '../../src/core/engine';
import { parseGlossary } from '../../src/core/glossary/load';
import { tokens } from '../../src/core/lexicon/segment';
import { structureBreaks } from '../../src/core/text/structure';
import { compactView } from '../../src/core/text/compact';

const engine = getDefaultEngine();
type TagEngine = ReturnType<typeof getDefaultEngine>;
const taggedBy = (e: TagEngine, text: string, label: string) => e.tag(text).filter((s) => s.label === label).map((s) => text.slice(s.start, s.end));
const tagged = (text: string, label: string) => taggedBy(engine, text, label);
/** The default engine with a workspace glossary of the given YAML entries. */
const engineWith = (entries: string) => createEngine(compileWithDefault([parseGlossary(`version: 1\nentries:\n${entries}`, 't.glossary.yaml')]));

test('lexicon: jieba segmentation with parts of speech, built from the embedded dictionary', () => {
  const s = '我们要保障人民生命安全';
  const words = tokens(s, 0, s.length).map((t) => s.slice(t.start, t.end) + '/' + t.pos);
  assert.deepEqual(words, ['我们/r', '要/v', '保障/v', '人民/n', '生命/vn', '安全/an']);
});

test('ORG: a name begins at a name, never at a verb, adverb, pronoun, preposition or conjunction', () => {
  assert.deepEqual(tagged('会议决定，继续办好江北新区和滨江开发区。', 'ORG'), ['江北新区', '滨江开发区']);
  assert.deepEqual(tagged('本报告请全国政协委员提出意见。', 'ORG'), ['全国政协']);
  assert.deepEqual(tagged('我们将筹建丝路清洁能源研究院。', 'ORG'), ['丝路清洁能源研究院']);
  assert.deepEqual(tagged('今年我国政府多次表明立场。', 'ORG'), []);
  assert.deepEqual(tagged('学校用市场化机制与东南大学开展合作。', 'ORG'), ['东南大学']);
});

test('ORG: a coordination of two names is two spans', () => {
  assert.deepEqual(tagged('去年，中国科学院同苏联科学院签订了合作协议。', 'ORG'), ['中国科学院', '苏联科学院']);
});

test('ORG: sector words, descriptions and generic references are not organizations', () => {
  // Enumerations of sectors before 等 + a head noun, and the same words elsewhere.
  assert.deepEqual(tagged('加快交通、能源、水利等重大项目建设，能源保障有力。', 'ORG'), []);
  // A list of places is where, not who.
  assert.deepEqual(tagged('在大连、天津、青岛等港口企业推广经验。', 'ORG'), []);
  // One ordinary word before a head describes a kind of body.
  assert.deepEqual(tagged('发挥行业协会的作用，规范会计师事务所的审计。', 'ORG'), []);
  assert.deepEqual(tagged('县和乡政府要减轻农民负担。', 'ORG'), []);
  // 银行 as a modifier or after a verb is no bank's name.
  assert.deepEqual(tagged('要减轻银行信贷压力，调整银行利息。', 'ORG'), []);
});

test('ORG: a factory is named by a place and what it makes; a kind of factory is not a name', () => {
  assert.deepEqual(tagged('新建成投产的有鞍山重型机器厂，兰州炼油厂，武汉锅炉厂，等等。', 'ORG'), ['鞍山重型机器厂', '兰州炼油厂', '武汉锅炉厂']);
  assert.deepEqual(tagged('太原第一机床厂今年提前完成计划。', 'ORG'), ['太原第一机床厂']);
  assert.deepEqual(tagged('各地钢厂普遍增产，山东的大型碱厂也已投产。', 'ORG'), []);
  assert.deepEqual(tagged('中国工厂的订单增加，上海厂房租金上涨，厂长们很忙。', 'ORG'), []);
  // A define-only term is a term, not a name, whatever head follows it.
  const e = engineWith('  - term: 甲乙融资平台\n    category: TERM\n    show: hover\n    definition: x\n');
  assert.deepEqual(taggedBy(e, '清理规范甲乙融资平台公司。', 'ORG'), []);
});

test('ORG: foreign parliaments, coalition governments and armies are named bodies; the army in general is not', () => {
  assert.deepEqual(tagged('法国国民议会否决了条约，欧洲议会和美国国会也有讨论。', 'ORG'), ['法国国民议会', '欧洲议会', '美国国会']);
  assert.deepEqual(tagged('支持民主柬埔寨联合政府，中国人民志愿军和朝鲜人民军并肩作战。', 'ORG'), ['民主柬埔寨联合政府', '中国人民志愿军', '朝鲜人民军']);
  assert.deepEqual(tagged('加强人民军队建设，各方同意成立联合政府。', 'ORG'), []);
});

test('ORG: a list of firms before 等项目 starts after the verb that governs it; “the only one” is a description', () => {
  assert.deepEqual(tagged('全力突破外资项目，密切跟踪华光精工、远东新材等项目。', 'ORG'), ['华光精工', '远东新材']);
  assert.deepEqual(tagged('被列为全省综合改革试点唯一省级开发区。', 'ORG'), []);
  // A listed project names its firm without the phase or a capacity in figures.
  assert.deepEqual(tagged('新投产华光精密二期、远东新材3GW光伏电池等亿元以上项目。', 'ORG'), ['华光精密', '远东新材']);
});

test('ORG: a university the lexicon knows whole is a name; a level of zones or a time word is not part of one', () => {
  assert.deepEqual(tagged('同时对接华侨大学和黎明大学，发展综合大学的理科。', 'ORG'), ['华侨大学', '黎明大学']);
  assert.deepEqual(tagged('中国省级开发区分化加剧。“十三五”期间市高新区转型升级。', 'ORG'), []);
});

test('ORG: the longest name wins', () => {
  assert.deepEqual(tagged('人民解放军指战员向全国人民致敬。', 'ORG'), ['人民解放军']);
});

test('ORG/TERM: no span starts or ends inside a word the sentence keeps whole', () => {
  // 民生 would cut 人民|生命; 一汽 would cut 第一|汽车 (the factory is a name whole); 联合国 would cut 联合|国际.
  const text = '保障人民生命安全。长春第一汽车制造厂投产。我们要联合国际力量。';
  assert.deepEqual(engine.tag(text).filter((s) => s.label !== 'NUM').map((s) => text.slice(s.start, s.end)), ['长春第一汽车制造厂']);
  // A glossary term inside a longer word of the sentence is not that term.
  const g = engineWith('  - term: 专项债\n    category: TERM\n    definition: 地方政府专项债券。\n');
  const hits = (t: string) => taggedBy(g, t, 'TERM');
  assert.deepEqual(hits('盘活专项债务结存限额。'), []);
  assert.deepEqual(hits('发行专项债，支持项目。'), ['专项债']);
});

test('ORG/TERM: a name inside a compound name of the lexicon is still a name', () => {
  assert.deepEqual(tagged('按照八届全国人大一次会议的部署。', 'ORG'), ['全国人大']);
  // … and propagates to the member title (GUIDELINES: 全国人大代表 → 全国人大).
  assert.deepEqual(tagged('五届人大二次会议以来，人大代表积极履职。', 'ORG'), ['人大', '人大']);
  assert.deepEqual(tagged('今年三月中国外交部发表声明。', 'ORG'), ['外交部']);
});

test('ORG: a name broken by a PDF line break still joins', () => {
  const text = '近年来，全区坚持把科技创新作为发展的第一动力，依托紫金山实\n\n验室开展网络通信与安全领域的研究，取得了一批重大成果。';
  assert.deepEqual(tagged(text, 'ORG'), ['紫金山实\n\n验室']);
});

test('structure: no ORG or TERM span crosses a title, a byline or a heading', () => {
  const text = '推动产业融合集群发展\n\n王小明\n\n江苏省人民政府研究室近日发布报告，强调高质量发展。';
  const v = compactView(text);
  assert.ok(structureBreaks(v).length >= 2);
  assert.deepEqual(tagged(text, 'ORG'), ['江苏省人民政府研究室']);
  // A long line broken by PDF extraction is not a heading: the name across it joins.
  const pdf = '近年来，全区坚持创新驱动，围绕上汽大\n\n众、长安马自达等整车企业集聚配套企业 140 多家，形成完整链条。';
  assert.deepEqual(structureBreaks(compactView(pdf)).length, 0);
  // A line ending in an opening bracket goes on in the next one.
  assert.deepEqual(structureBreaks(compactView('全国人大通过了《\n国防法\n》，意义重大。')).length, 0);
});

test('TERM: quotation marks after 所谓/叫做 are irony, not a slogan', () => {
  assert.deepEqual(tagged('他们鼓吹所谓“绝对自由主义”，实际上另有所图。', 'TERM'), []);
  assert.deepEqual(tagged('全面推行“首席服务官”制度。', 'TERM'), ['首席服务官']);
});

test('TERM: a quoted slogan of parallel clauses is one term, commas and all; a quotation of speech is not', () => {
  // Sentences written for this test.
  assert.deepEqual(tagged('县里按照“守住底线，放活市场”的思路推进改革。', 'TERM'), ['守住底线，放活市场']);
  assert.deepEqual(tagged('企业提出“降本增效，提质扩量，转型升级”的目标。', 'TERM'), ['降本增效，提质扩量，转型升级']);
  // Clauses of different lengths are a quotation, not a slogan.
  assert.deepEqual(tagged('他说“这件事要抓紧，不能拖”。', 'TERM'), []);
});

test('TERM: quoted names of craft and works are not terms (GUIDELINES: named works and craft)', () => {
  // Sentences written for this test.
  assert.deepEqual(tagged('“鹊桥二号”顺利入轨，“深海勇士”号完成下潜，“天河—Ⅲ”计算机投用。', 'TERM'), []);
  assert.deepEqual(tagged('推广“最多跑一次”改革。', 'TERM'), ['最多跑一次']);
  // A system or package named by a formula of counts (GUIDELINES: 5+4+5) is a term in quotation marks.
  assert.deepEqual(tagged('构建“2+4”现代化产业体系，实施“1+N”政策，增长“3.5”个百分点。', 'TERM'), ['2+4', '现代化产业体系', '1+N']);
  assert.deepEqual(tagged('学习“关于加强基层治理的意见”。', 'TERM'), [], 'a title in quotation marks is not tagged whole');
  assert.deepEqual(tagged('「北大西洋公约」的签字国和“海洋法协定”都提到了。', 'TERM'), [], 'nor is a treaty or agreement');
});

test('TERM: a named programme or plan document put in force is one term; counted plans and unnamed actions are not', () => {
  // Sentences written for this test.
  assert.deepEqual(tagged('今年要深入实施城乡供水安全保障三年行动，制定实施新一轮湿地保护行动计划。', 'TERM'), ['城乡供水安全保障三年行动', '湿地保护行动计划']);
  assert.deepEqual(tagged('各地开展专项行动，完成年度计划，采取实际行动。', 'TERM'), []);
  assert.deepEqual(tagged('制定2035年前海洋保护行动方案。', 'TERM'), [], 'where a name cut after a year starts is unknown');
});

test('TERM: an unquoted formula of parallel items put in force is one term; an enumeration or a list of terms is not', () => {
  // Sentences written for this test.
  assert.deepEqual(tagged('各地要坚持早发现、早报告、早处置、早化解的原则。', 'TERM'), ['早发现、早报告、早处置、早化解']);
  assert.deepEqual(tagged('实现钢铁、煤炭、电力和石油的稳定供应。', 'TERM'), [], 'a list that goes on with 和 is an enumeration');
  assert.deepEqual(tagged('调查显示，钢铁、煤炭、电力、石油都有增长。', 'TERM'), [], 'no verb puts it in force');
  // Items that are terms each keep their own spans (GUIDELINES: 稳增长、促改革、调结构).
  assert.deepEqual(tagged('坚持稳增长、促改革、调结构。', 'TERM'), ['稳增长', '促改革', '调结构']);
});

test('TERM: two-character quotes side by side are a pair of slogans; set apart by 、 they are words held at a distance', () => {
  assert.deepEqual(tagged('各地开展“清源”“护苗”专项行动。', 'TERM'), ['清源', '护苗']);
  assert.deepEqual(tagged('他们宣扬“民主”、“人权”的空话。', 'TERM'), []);
  assert.deepEqual(tagged('要解决“瓶颈”问题。', 'TERM'), [], 'a lone two-character quote is emphasis');
});

test('TERM: words put in an opponent\'s mouth are not terms; the verb reaches every quote of its sentence', () => {
  // Invented sentences in the style of the early reports' polemics.
  assert.deepEqual(tagged('有人把整顿企业污蔑为“倒退复旧”，这是毫无根据的。', 'TERM'), []);
  assert.deepEqual(tagged('外电胡说什么工厂“停工了”，农村“凋敝了”，完全是造谣。', 'TERM'), []);
  assert.deepEqual(tagged('他们打着“支援兄弟国家”的旗号到处伸手。', 'TERM'), []);
  assert.deepEqual(tagged('某些报刊说我们的工作“失败了”。', 'TERM'), [], 'a quoted verb phrase with 了 is reported speech');
  // A sentence stop ends the verb's reach: the next sentence's slogan is a term again.
  assert.deepEqual(tagged('他们攻击改革。我们坚持“科教兴国”。', 'TERM'), ['科教兴国']);
});

test('TERM: a numbered package has a name, not a verb phrase before its count', () => {
  assert.deepEqual(tagged('对不符合八条要求的项目，一律停建。', 'TERM'), []);
  assert.deepEqual(tagged('省里出台了科技创新十条。', 'TERM'), ['科技创新十条']);
});

test('TERM: the longest term wins, and a trailing 战略/建设 is left out when the short form is a term', () => {
  assert.ok(tagged('实施乡村振兴战略，推进美丽中国建设。', 'TERM').includes('乡村振兴'));
  assert.ok(tagged('实施乡村振兴战略，推进美丽中国建设。', 'TERM').includes('美丽中国'));
  assert.deepEqual(tagged('我们将实施积极应对人口老龄化国家战略。', 'TERM'), ['积极应对人口老龄化'], 'a trailing 国家战略 too');
});

test('TERM: the reform or system of a term is the longer term; 改革 inside another word is not', () => {
  assert.deepEqual(tagged('深化利率市场化改革，推进股票发行注册制改革试点。', 'TERM'), ['利率市场化改革', '股票发行注册制改革']);
  assert.ok(!tagged('坚持供给侧结构性改革开放的方针。', 'TERM').some((t) => t.endsWith('改革开放')));
  assert.deepEqual(tagged('坚持利率市场化改革方向。', 'TERM'), ['利率市场化'], '改革方向 is another word');
  assert.deepEqual(tagged('完善耕地占补平衡制度。', 'TERM'), ['耕地占补平衡制度'], 'and so is its system');
});

test('TERM: a title in 《》 is not tagged whole; a term inside a longer title is', () => {
  assert.deepEqual(tagged('学习《乡村振兴》一书。', 'TERM'), []);
  assert.deepEqual(tagged('印发《关于推进乡村振兴的意见》。', 'TERM'), ['乡村振兴']);
});

test('TERM: a quoted two-character abbreviation that opens with a count is a term; other pairs are emphasis', () => {
  assert.deepEqual(tagged('“六五”期间成绩显著，“瓶颈”依然存在。', 'TERM'), ['六五']);
});

test('ORG: 经 before a name is “through”, not part of it', () => {
  assert.deepEqual(tagged('该法已经全国人大常委会审议通过。', 'ORG'), ['全国人大常委会']);
});

test('ORG: kinds of institution, abstract programmes and political cliques are not names', () => {
  assert.deepEqual(tagged('对乡镇卫生院和部分县医院进行改造，发展广播电视大学。', 'ORG'), []);
  assert.deepEqual(tagged('推进智慧海关建设，粉碎林彪反党集团。', 'ORG'), []);
  assert.deepEqual(tagged('支持南瑞集团做强。', 'ORG'), ['南瑞集团']);
  assert.deepEqual(tagged('历史上曾粉碎某某反党联盟，迫使帝国主义战争集团让步。', 'ORG'), []);
});

test('ORG: a leading group is a body; a fixed formula written with 、 is one TERM', () => {
  assert.deepEqual(tagged('国务院进出口领导小组要督促检查。', 'ORG'), ['国务院进出口领导小组']);
  assert.deepEqual(tagged('国民经济实行调整、改革、整顿、提高的方针。', 'TERM'), ['调整、改革、整顿、提高']);
});

test('ORG: words before a known name are part of it only when they name too', () => {
  // 报, 高度评价: words of the sentence, glued to a name of the glossary by the suffix rule.
  assert.deepEqual(tagged('行政长官人选，报中央人民政府任命。', 'ORG'), ['中央人民政府']);
  assert.deepEqual(tagged('我们高度评价七十七国集团的努力。', 'ORG'), ['七十七国集团']);
  // A place, a party and an ordinal do name: the longer name stays.
  assert.deepEqual(tagged('中国共产党第八届中央委员会通过决议。', 'ORG'), ['中国共产党第八届中央委员会']);
  // An idiom and a verbal noun leading the words before the head are not the name.
  assert.deepEqual(tagged('有步骤地发展区域性商业银行。', 'ORG'), [], 'nor is a kind named by an adjective in 性');
});

test('ORG: a 中国 + product company name followed by what is measured of a product is the country\'s product', () => {
  assert.deepEqual(tagged('去年中国石油产量稳定增长。', 'ORG'), []);
  assert.deepEqual(tagged('中国石油在海外新建了炼厂。', 'ORG'), ['中国石油']);
});

test('TERM: a system named by what it makes someone answerable for is a term, without the verb that puts it in force', () => {
  assert.deepEqual(tagged('各地要普遍推行岗位责任制。', 'TERM'), ['岗位责任制']);
  assert.deepEqual(tagged('全县继续实行粮食生产目标责任制。', 'TERM'), ['粮食生产目标责任制']);
  assert.deepEqual(tagged('对小型商店试行租赁承包制。', 'TERM'), ['租赁承包制']);
  assert.deepEqual(tagged('要建立健全工作责任制度。', 'TERM'), [], '责任制度 is a system in general');
  assert.deepEqual(tagged('层层落实工作责任制。', 'TERM'), [], 'a job\'s duties name no system');
});

test('TERM: a formula of several parts is one term, whether its parts are set off by 、 or by ，', () => {
  assert.deepEqual(tagged('各级干部要解放思想，实事求是，开拓进取。', 'TERM'), ['解放思想，实事求是']);
  assert.deepEqual(tagged('各级干部要解放思想、实事求是、开拓进取。', 'TERM'), ['解放思想、实事求是']);
  // A list of slogans that is no fixed formula stays one span per item.
  assert.deepEqual(tagged('坚持稳增长、促改革、调结构。', 'TERM'), ['稳增长', '促改革', '调结构']);
});

test('TERM: a term is not the stem of a derived word, and a system written with 制度 keeps it', () => {
  // 产业化, 公社化: the process of becoming, not the term; the span would end inside the word.
  assert.deepEqual(tagged('由于农村人民公社化的实现，生产迅速发展。', 'TERM'), []);
  assert.deepEqual(tagged('巩固和发展农村人民公社。', 'TERM'), ['农村人民公社']);
  // 劳动合同制 + 度: 制度 is one word, and the system is the same.
  assert.deepEqual(tagged('全面推行劳动合同制度，保障劳动者权益。', 'TERM'), ['劳动合同制度']);
  assert.deepEqual(tagged('企业普遍实行劳动合同制。', 'TERM'), ['劳动合同制']);
});

test('TERM: a programme or plan document keeps its head word; the word that makes it another thing does not join', () => {
  assert.deepEqual(tagged('今年要继续实施退耕还林工程，巩固成果。', 'TERM'), ['退耕还林工程']);
  assert.deepEqual(tagged('制定并实施兴边富民行动规划。', 'TERM'), ['兴边富民行动规划']);
  // 工程师 is a person, 规划建设 a verb: the term ends where it did.
  assert.deepEqual(tagged('退耕还林工程师们到了现场。', 'TERM'), ['退耕还林']);
});

test('TERM: a campaign named by a term keeps 运动; the motion of an economy and the athlete do not', () => {
  assert.deepEqual(tagged('全国开展了批林批孔运动。', 'TERM'), ['批林批孔运动']);
  assert.deepEqual(tagged('研究社会主义商品经济运动的内在规律。', 'TERM'), ['社会主义商品经济']);
  assert.deepEqual(tagged('批林批孔运动员大会', 'TERM'), ['批林批孔']);
});

test('TERM: a programme named by what it does is put in force (就业促进计划), counted or planned ones are not', () => {
  assert.deepEqual(tagged('要落实好退役军人就业促进计划，实施青年创业引领计划。', 'TERM'), ['退役军人就业促进计划', '青年创业引领计划']);
  assert.deepEqual(tagged('完善各种专业培养计划，编制国民经济发展计划。', 'TERM'), []);
});

test('TERM: the verb that builds is not part of the term it builds', () => {
  assert.deepEqual(tagged('更好地为建设有中国特色社会主义服务。', 'TERM'), ['有中国特色社会主义']);
  assert.deepEqual(tagged('学习建设有中国特色社会主义理论。', 'TERM'), ['建设有中国特色社会主义理论'], 'the fixed name of the theory stays whole');
});

test('TERM: a strategy whose name keeps 战略 is whole, and the bare description is not the strategy', () => {
  assert.deepEqual(tagged('继续实施市场多元化战略，扩大出口。', 'TERM'), ['市场多元化战略']);
  assert.deepEqual(tagged('推进重要战略物资进口市场多元化。', 'TERM'), []);
});

test('TERM: the mechanism built on a term is the term', () => {
  assert.deepEqual(tagged('健全生态补偿机制，加强环境保护。', 'TERM'), ['生态补偿机制']);
});

test('TERM: a trailing 战略/建设 is left out of a term, but a fixed long form with an entry of its own keeps it', () => {
  assert.deepEqual(tagged('实施乡村振兴战略和科教兴国战略。', 'TERM'), ['乡村振兴', '科教兴国']);
  assert.deepEqual(tagged('统筹推进经济建设和生态文明建设。', 'TERM'), ['生态文明建设']);
  assert.deepEqual(tagged('实施新一轮东北地区等老工业基地振兴战略。', 'TERM'), ['东北地区等老工业基地振兴战略']);
  // A workspace glossary that writes the long form as an alias gets the shorter term.
  const g = engineWith('  - term: 甲乙协同\n    category: TERM\n    aliases: [甲乙协同战略]\n    definition: 测试用的条目。\n');
  assert.deepEqual(taggedBy(g, '实施甲乙协同战略。', 'TERM'), ['甲乙协同']);
});

test('ORG: a firm named by trade name and trade without a head word is a name, wherever it recurs', () => {
  assert.deepEqual(tagged('今年，瑞嘉生物产销两旺，成为全国最大的原料药企业。瑞嘉生物将扩建二期。', 'ORG'), ['瑞嘉生物', '瑞嘉生物']);
  assert.deepEqual(tagged('总投资12亿元的德润钢构项目开工，伍达生化就合作稳步推进。', 'ORG'), ['德润钢构', '伍达生化']);
  assert.deepEqual(tagged('世界500强企业鑫源(青岛)实业有限公司落户。', 'ORG'), ['鑫源(青岛)实业有限公司'], 'a ranking before the name is not part of it');
  // Trades inside common words and phrases are not names.
  assert.deepEqual(tagged('全市光伏、风电装机增长，区内电子企业达50家，镇上食品加工兴起，一要保能源、交通建设。', 'ORG'), []);
  assert.deepEqual(tagged('大力发展智能网联新能源汽车，推动生物医药、电子信息产业和海洋生物发展。', 'ORG'), []);
});

test('TERM: a numbered package is not a count of things named after it', () => {
  assert.deepEqual(tagged('园区6条PPP道路项目顺利推进，出台人才新政10条。', 'TERM').filter((t) => /条/.test(t)), ['人才新政10条']);
});

test('ORG: a zone named by a city or county the lexicon tags as a common noun is a name', () => {
  // 合肥/n, 保定/v and 射阳/n in jieba; the bundled list of cities tags the cities as places.
  assert.deepEqual(tagged('合肥高新区发布了新品，保定经开区签约三个项目，射阳经开区作为全县经济主板块。', 'ORG'), ['合肥高新区', '保定经开区', '射阳经开区']);
  assert.deepEqual(tagged('各开发区要加强管理，沿海开发区和经济开发区发展迅速。', 'ORG'), []);
});

test('ORG: a known office with its province or city is the local office; a title or a board is not a second body', () => {
  assert.deepEqual(tagged('记者从省发改委获悉，盐城市发改委也表示，江苏省科技厅将支持。', 'ORG'), ['省发改委', '盐城市发改委', '江苏省科技厅']);
  assert.deepEqual(tagged('全省发改委系统开展培训。', 'ORG'), ['发改委'], '省 of 全省 does not open the name');
  assert.deepEqual(tagged('滨江区科技局局长周明说，远力实业集团董事局主席李青说。', 'ORG'), ['滨江区科技局', '远力实业集团']);
});

test('ORG: a place or body the lexicon knows is not cut at a function word inside it; a zone keeps its merged district', () => {
  assert.deepEqual(tagged('今年以来，成都高新区已推动三个项目。', 'ORG'), ['成都高新区'], '都 of 成都 is not “all”');
  assert.deepEqual(tagged('杭州高新区(滨江)获表彰，高新区(滨江)党委书记说。', 'ORG'), ['杭州高新区(滨江)', '高新区(滨江)党委']);
});

test('TERM: a local version of a national goal is a term; a verb before a count is no package name', () => {
  assert.deepEqual(tagged('落实工业强省、制造强市的部署，建设科技强县。', 'TERM'), ['工业强省', '制造强市', '科技强县']);
  assert.deepEqual(tagged('综合实力强市，经济大县。', 'TERM'), []);
  assert.deepEqual(tagged('聚力发展15条产业链，出台人才新政10条。', 'TERM'), ['产业链', '人才新政10条']);
});

test('TERM: a statistical scope is explained, not tagged; a named kind of cluster is a term', () => {
  assert.deepEqual(tagged('规上工业总产值增长5%，规上工业企业达300家。', 'TERM'), ['规上工业企业']);
  assert.deepEqual(tagged('全省县域特色产业集群营收增长。', 'TERM'), ['县域特色产业集群']);
});

test('ORG: a local body named by its level alone is a body where one body is meant, not where a level of government is', () => {
  assert.deepEqual(tagged('按照省委、省政府统一部署，郭峰(县委副书记)出席，根据市政府部署推进。', 'ORG'), ['省委', '省政府', '县委', '市政府']);
  assert.deepEqual(tagged('省、市、县政府部门公布权责清单，城市防洪由市政府负责，各市政府要落实。', 'ORG'), []);
  assert.deepEqual(tagged('福通控股集团投资的项目开工，搞好有色金属三个国家控股公司的试点。', 'ORG'), ['福通控股集团']);
});

test('ORG: a list before 等企业 names firms even when a trade name is an ordinary word, and goes on past an item that is no name', () => {
  assert.deepEqual(tagged('以中天优特钢、华通焊丝、强力电子、晨光金属涂料等企业为依托。', 'ORG'), ['中天优特钢', '华通焊丝', '强力电子', '晨光金属涂料']);
  assert.deepEqual(tagged('培育发展了纬创、立讯、三一等13家产业链龙头企业。', 'ORG'), ['纬创', '立讯']);
  assert.deepEqual(tagged('使工业、农业、交通运输业和商业等企业单位拥有自主权；以能源、交通、水利等企业为主。', 'ORG'), []);
});
