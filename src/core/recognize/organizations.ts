// ORG rules for names the glossary lacks:
//  1. suffix heads (集团, 实验室, 开发区, 管理委员会 …) with a left boundary that stops at verbs,
//     function words, punctuation and enumerations (集聚南瑞集团 → 南瑞集团);
//  2. enumerations of named units before 等 + a generic head (引入汇川技术、恒立等重大项目);
//  3. declared short forms: X（简称“Y”）;
//  4. propagation: a name found once is an ORG wherever else it occurs in the same document
//     (sameNameSpan; the engine finds the occurrences, with TERM's in one pass: names-matcher.ts);
//  5. factories named by place and product (哈尔滨锅炉厂: factories.ts);
//  6. 人大 in a session's name (五届人大一次会议).
// Rules 5 and 6 run before 3, whose short forms may follow any name found before them.
// All rules run on the whitespace-free view, so names broken by PDF line breaks survive.
import type { Span } from '../types';
import type { CompiledGlossary } from '../glossary/glossary';
import { compactView, toOriginalRange, type CompactView } from '../text/compact';
import { breakBetween } from '../text/structure';
import { CHAR, HEAD_FIRST, HEAD_SECOND, HEAD_SINGLE, groupByUnit, isNameBreak } from '../text/char-class';
import { STOP_MAX, cutAfterStopWords, stopWordsAt } from './boundary';
import { factoryNames } from './factories';
import { tradeNames } from './brands';
import { tokens, type Token } from '../lexicon/segment';
import { nameStart, namesOnly, isDescription, isOrdinaryWords, isOrdinaryWord, isPlace, isFullPersonName, isOneNoun } from './name-words';

// Longest first. Each head ends an organization name.
const HEADS = [
  '股份有限公司', '有限责任公司', '集团有限公司', '有限公司', '集团公司', '集团', '公司',
  '国家实验室', '重点实验室', '实验室', '研究院', '研究所', '科学院', '工程院', '设计院', '电科院', '大学', '学院', '医院', '银行',
  '管理委员会', '人大常委会', '常委会', '委员会', '管委会', '办公室', '办公厅', '研究室', '办事处', '人民政府', '政府', '人民法院', '人民检察院', '政协', '纪委监委', '纪委', '海关',
  '研究会', '促进会', '事务所', '分公司', '领导小组',
  '国民议会', '议会', '国会', '联合政府', '人民军',
  '市委', '区委', '县委', '省委', '党工委', '党委', '局', '厅',
  '国家级新区', '新区', '经济技术开发区', '高新技术产业开发区', '开发区', '经开区', '高新区', '工业园区', '产业园区', '科技园',
  '自由贸易试验区', '自贸试验区', '片区', '协会', '商会', '联合会', '基金会', '联盟', '技术创新中心', '工程技术研究中心',
];

// Heads by their first code unit, longest first: the head search is a table lookup per
// character (a regex alternation of these 70 heads cost more than the rest of the ORG rules).
const HEADS_BY_FIRST = groupByUnit([...HEADS].sort((a, b) => b.length - a.length));
// Per code unit (src/core/text/char-class.ts): HEAD_FIRST when a head of two or more units starts
// with it, HEAD_SINGLE when a one-unit head is it (局, 厅), HEAD_SECOND for the second units of
// the longer heads. Most characters that start a head (国, 大, 新, 工 …) start far more ordinary
// words, and the second test rules those out before any string is compared.
for (const h of HEADS) {
  if (h.length === 1) CHAR[h.charCodeAt(0)] |= HEAD_SINGLE;
  else {
    CHAR[h.charCodeAt(0)] |= HEAD_FIRST;
    CHAR[h.charCodeAt(1)] |= HEAD_SECOND;
  }
}

/** The first head at or after `from` (the longest one there), as the regex alternation found it. */
function nextHead(s: string, from: number): { index: number; head: string } | undefined {
  for (let i = from; i < s.length; i++) {
    const head = headAt(s, i);
    if (head) return { index: i, head };
  }
  return undefined;
}

/** The longest head starting at `i`, if one does. */
function headAt(s: string, i: number): string | undefined {
  const f = CHAR[s.charCodeAt(i)];
  if ((f & HEAD_SINGLE) === 0 && ((f & HEAD_FIRST) === 0 || (CHAR[s.charCodeAt(i + 1)] & HEAD_SECOND) === 0)) return undefined;
  for (const h of HEADS_BY_FIRST.get(s.charCodeAt(i))!) if (s.startsWith(h, i)) return h;
  return undefined;
}

// Words ending in 局 that are not organizations (布局, 格局 …).
const NOT_HEAD_WORDS = ['董事局', '格局', '布局', '大局', '全局', '开局', '结局', '当局', '政局', '变局', '破局', '定局', '僵局', '时局', '邮局', '书局', '棋局', '赌局', '新局', '残局', '出局', '骗局', '饭局', '胜局', '危局', '乱局'];


// Name prefixes that make a reference generic, not a name (国家级新区, 各开发区, 该公司).
const GENERIC_PREFIX = /^(?:任何|一切|中西部|东中西部|东部|西部|中部|东北|沿海|内地|外国|外國|这些|這些|那些|国家级|省级|市级|区级|县级|各级|相关|有关|这些|这个|那些|重点|龙头|头部|骨干|大型|中小|知名|优质|地方|全国|全省|全市|全区|其他|部分|多家|一批|首批|国有|民营|外资|跨国|上市|新|老|大|小|中|省|市|区|县|乡|镇|村|园|企|该|本|其|各|所属|下属|二级|重大|国际|世界|境内外|境外|海外|龙头企业)*/;
// Bare generic names: 企业集团, 管理委员会 … (what remains after the generic prefix must be a name).
const GENERIC_NAMES = new Set(['企业', '经济', '产业', '科技', '技术', '管理', '发展', '投资', '建设', '服务', '创新', '工业', '国家', '人民', '政府', '研究', '工作', '运营', '研发', '生产', '制造', '销售', '商务', '党建', '商圈', '贸易', '总部', '金融', '文化', '旅游', '物流', '城市', '港口', '研发生产', '全球性', '全球']);

const KIND_OF_INSTITUTION = /^(?:广播电视|电视|函授|职工|业余|老年|管理干部|干部|教师进修|行政|夜)(?:大学|学院|学校)$/;
const ABSTRACT_MODIFIER = /^(?:智慧|数字|绿色|平安|法治|阳光|文明|和谐|美丽|幸福|健康|廉洁|诚信|服务型|学习型)$/;
const CLIQUE = /反党|卖国|反动|反革命|侵略|军事|好战|阴谋|农奴主|叛乱|分裂|修正主义|战争|垄断|帝国主义/;

const MAX_NAME = 14;
const ZONE_HEADS = new Set(['经济技术开发区', '高新技术产业开发区', '开发区', '经开区', '高新区', '新区', '工业园区']);
// Generic business words: a name made only of these (基金管理公司, 创投公司) is a description;
// so is a kind named by an adjective in 性 (区域性商业银行, 地方性金融机构).
const ONLY_GENERIC = /^(?:[\u4e00-\u9fff]{1,2}性|基金|管理|投资|创投|科技|金融|服务|发展|建设|运营|咨询|担保|融资|租赁|贸易|物流|实业|控股|产业|企业|经济|技术|工程|信息|网络|数字|智能|资产|置业|开发|国际|中外|合资|独资|外资|民营|国有|相关|党建|党群|商圈|园区|平台|商业|社区|大型|一流|高水平|应用型|研究型|公立|定点|村镇|政策性|开发性|地方|综合性|综合|职业|高等|普通|所有|重点|国家|省属|市属|新型|专业|合作|农村|城市|中小|小微|互联网|科技型|创新型|股份制|上市|中央|人民|各类|高端|新兴|智库|一批|世界一流|双一流|特色|民办|公办|附属|直属|独立|开放|医学|理工|师范|财经|医科|农业|工业|商学|法学|艺术|体育|军事|旅游|文化|老年|社区卫生|卫生|传染病|专科|中医|儿童|妇幼)+$/;

// Enumerations: A、B、C等 … followed (within a few characters) by a generic head noun.
// Lists before 等部门 / 等单位 / 等机构 name kinds of offices (财政、税务等部门), not organizations.
const ENUM_HEADS = /^[\u4e00-\u9fff\d]{0,10}?(?:企业|项目|公司|集团|总部|研发中心|院所|高校|厂商|车企)/;
const ENUM_ITEM_MAX = 10;
/** What follows 等 when the list names firms: 等企业, 等13家企业, 等一批龙头企业. */
const FIRM_HEADS = /^(?:\d+|[一二三四五六七八九十百]+)?(?:多|余)?(?:家|个|批)?[\u4e00-\u9fff]{0,6}?(?:企业|公司|集团|车企|厂商)/;

/** 4. Propagation: another occurrence of a name found by rules 1–3. */
export function sameNameSpan(hit: { start: number; end: number }): Span {
  return { start: hit.start, end: hit.end, label: 'ORG', origin: 'rule', reason: 'org-same-name' };
}

/** Names found by rules 1–3 (whitespace removed), with their spans; the document-level facts of ORG. */
export function findOrganizationNames(text: string, g: CompiledGlossary, v: CompactView = compactView(text)): { found: Span[]; names: Set<string> } {
  const s = v.text;
  const found: Span[] = [];
  const names = new Set<string>();
  const add = (a: number, b: number, reason: string) => {
    if (b - a < 2) return;
    const r = toOriginalRange(v, a, b);
    found.push({ start: r.start, end: r.end, label: 'ORG', origin: 'rule', reason });
    names.add(s.slice(a, b));
  };

  // 1. Suffix heads.
  let from = 0;
  for (let m = nextHead(s, 0); m; m = nextHead(s, from)) {
    const headStart = m.index;
    const headEnd = headStart + m.head.length;
    from = headEnd;
    if (isTitleOfHead(s, headStart, m.head)) continue;
    if (m.head === '局' && (NOT_HEAD_WORDS.some((w) => s.startsWith(w, headEnd - w.length)) || /[面势勢部限促]/.test(s[headEnd] ?? ''))) continue; // 布局, 局面, 局势, 局部
    if (/^(?:委员|代表|工作|职能|部门|官员|机构|采购|投资|债务|引导|性|和)/.test(s.slice(headEnd, headEnd + 2)) && /政府|政协|常委会|委员会/.test(m.head)) continue; // 政协委员, 政府工作报告, 政府和社会资本
    // 公司法, 村民委员会组织法, 公司法人: a law's title or a legal term, not a body.
    if (/^(?:组织)?法|^条例|^章程/.test(s.slice(headEnd, headEnd + 3))) continue;
    // 人民军 + 队 is the army in general (人民军队), not a named force (朝鲜人民军).
    if (m.head === '人民军' && s[headEnd] === '队') continue;
    // 公司治理, 公司制改革, 银行业: the head is part of a longer common word.
    if ((m.head === '公司' && /^(?:治理|制(?![造作药品冷备]))/.test(s.slice(headEnd, headEnd + 2))) || (m.head === '银行' && s[headEnd] === '业')) continue;
    // 扩大 + 学前: a verb that runs into the head means the head is not a head.
    if (stopWordCrosses(s, headStart)) continue;
    const start = leftBoundary(v, headStart, m.head, g);
    if (start === undefined) continue;
    // Longest name wins: extend over a following head (江宁经济技术开发区 + 管理委员会).
    let end = headEnd;
    // Only a head right here: looking for the next head anywhere scanned the text twice.
    const next = headAt(s, headEnd);
    if (next && !isTitleOfHead(s, headEnd, next)) { end = headEnd + next.length; from = end; }
    // A branch of a named body: …技术创新中心 + 南京平台 / 分中心 / 分院.
    let branch = /^[\u4e00-\u9fff]{0,3}(?:平台|分中心|分院|分公司)/.exec(s.slice(end, end + 6));
    if (branch && /[或和及与]/.test(branch[0])) branch = null; // 科学院或者省分院: two bodies
    if (branch && m.head !== '局') { end += branch[0].length; from = end; }
    // 杭州高新区(滨江): a zone named with the district it is merged with, in brackets.
    const merged = ZONE_HEADS.has(m.head) ? /^[（(][\u4e00-\u9fff]{2,4}[)）]/.exec(s.slice(end, end + 7)) : null;
    if (merged) { end += merged[0].length; from = end; }
    if (isGlossaryTermAt(g, s, start, end)) continue;
    add(knownNameStart(g, s, start, end), end, `org-suffix:${m.head}`);
  }

  // 2. Enumerations before 等.
  for (let k = s.indexOf('等'); k >= 0; k = s.indexOf('等', k + 1)) {
    if (!ENUM_HEADS.test(s.slice(k + 1, k + 20))) continue;
    const firms = FIRM_HEADS.test(s.slice(k + 1, k + 12));
    const items = enumerationItems(s, k, g, firms);
    // A list mostly of places or ordinary words (大连、秦皇岛、天津、青岛等港口; 载人航天、探月工程、
    // 深海探测等项目) lists where and what, not who.
    // Before 等(N家)企业 the items are firms, whose trade names are often ordinary words (强力 +
    // 电子, 晨光 + 金属涂料): there only a place or a single word is plain.
    const plain = items.filter(([a, b]) => isPlace(s.slice(a, b)) || (firms ? isPlainForFirms(s.slice(a, b)) : isOrdinaryWords(s.slice(a, b)))).length;
    if (items.length >= 2 && plain * 2 <= items.length) for (const [a, b] of items) add(a, b, 'org-enumeration');
  }

  // 5. Factories named by place and product (factories.ts).
  for (const [a, b] of factoryNames(s)) if (!isGlossaryTermAt(g, s, a, b)) add(a, b, 'org-factory');

  // 7. Firms by trade name and trade (威嘉生物, 杭萧钢构: brands.ts).
  for (const [a, b] of tradeNames(s)) if (!isGlossaryTermAt(g, s, a, b) && !g.lookup(s.slice(a, b))) add(a, b, 'org-trade-name');

  // 8. The province's, city's or county's own bodies named by their level alone (按照省委、省政府
  // 部署; 县委副书记), as dev names offices by their function alone (经济发展局): a word of the
  // lexicon there, not the end of 全省政府 or 盐城市政府, and no 各/本/该 before it.
  for (const [a, b] of levelBodies(s)) add(a, b, 'org-level-body');

  // 6. 人大 in a session's name (五届人大一次会议) is the national congress, as 全国人大 is in
  // 十三届全国人大五次会议 (GUIDELINES: bodies inside a session name).
  for (let k = s.indexOf('届人大'); k >= 0; k = s.indexOf('届人大', k + 1)) {
    if (/^[一二三四五六七八九十\d]+次/.test(s.slice(k + 3, k + 7))) add(k + 1, k + 3, 'org-session');
  }

  // 3. Declared short forms: （简称“Y”） after a name.
  const abbr = /[（(]简称[“"‘]?([\u4e00-\u9fffA-Za-z0-9]{2,12})[”"’]?[）)]/g;
  const ends = new Set(found.map((f) => f.end)); // a set, not found.some(…): quadratic with many short forms
  for (let m: RegExpExecArray | null; (m = abbr.exec(s)); ) {
    const a = m.index + m[0].indexOf(m[1]);
    if (ends.has(v.toOriginal[m.index - 1] + 1) || isOrgEntryBefore(g, s, m.index)) {
      const n = found.length;
      add(a, a + m[1].length, 'org-abbreviation');
      if (found.length > n) ends.add(found[n].end);
    }
  }

  return { found, names };
}

/** Start of the name that ends at `headStart`, or undefined when no proper name precedes the head. */
function leftBoundary(v: CompactView, headStart: number, head: string, g: CompiledGlossary): number | undefined {
  const s = v.text;
  let a = headStart;
  while (a > 0 && headStart - a < MAX_NAME && !isNameBreak(s.charCodeAt(a - 1)) && !hardGapBefore(v, a)) a--;
  const wasPunct = a === 0 || isNameBreak(s.charCodeAt(a - 1));
  let seg = s.slice(a, headStart);
  // Start after the last stop word; 和/与 inside a short name right after punctuation stay (规划和自然资源局).
  let cut = 0;
  // A one-character stop word inside a place or body the lexicon knows is not one (都 of 成都).
  let words: Token[] | undefined;
  const inWord = (idx: number) => {
    words ??= tokens(s, a, headStart);
    return words.some((t) => t.start < a + idx + 1 && t.end > a + idx && t.end - t.start >= 2 && (t.pos === 'ns' || t.pos === 'nt'));
  };
  for (const [idx, w] of stopWordsIn(seg)) {
    if (w.length === 1 && inWord(idx)) continue;
    const before = seg.slice(0, idx);
    const keepConj = (w === '和' || w === '与') && wasPunct && idx <= 8 && idx >= 1 && !HEADS.some((h) => before.endsWith(h)) && !stopWordsIn(before).some(([, x]) => x.length > 1);
    if (!keepConj) cut = Math.max(cut, idx + w.length);
  }
  // A count, a date or a ranking before the name ends it (217家国家级经开区, 一九五四年八月十一日中央人民政府,
  // 世界500强 + 企业中化实业有限公司).
  const num = /.*(?:[0-9%０-９](?:[家个项名所座年月日号强]|多家|余家)?|[〇零一二三四五六七八九十]+[年月日号]|[一二三四五六七八九十两几多]+[个家项所批类])/.exec(seg.slice(cut));
  if (num) cut += num[0].length;
  // 经 + a name: 经南京市政府同意 (经 is not a stop word because of 经开区, 经济).
  if (/^经(?!开区|济)/.test(seg.slice(cut)) && seg.length - cut > 3) cut += 1;
  // An opening bracket without its closing one starts the name after it: 江北新区（自贸试验区.
  const open = Math.max(seg.lastIndexOf('（'), seg.lastIndexOf('('));
  if (open >= cut && seg.indexOf('）', open) < 0 && seg.indexOf(')', open) < 0) cut = open + 1;
  seg = seg.slice(cut);
  a += cut;
  // Numbers and policy terms to the left are not part of the name (130多家南瑞集团 is impossible; 第三代 is allowed inside).
  const generic = GENERIC_PREFIX.exec(seg)?.[0] ?? '';
  const core = seg.slice(generic.length);
  // Government offices are named by their function (经济发展局, 行政审批局): generic words are their names.
  const office = /^(?:局|厅|委员会|管理委员会|办公室|办公厅|研究室)$/.test(head);
  // A bare 政府 names a body only after a place: 南京市政府, 美国政府 (not 廉洁政府, 这些政府).
  if (head === '政府' && !/[省市区县州镇乡国國]$/.test(seg)) return undefined;
  if (core.length < 2 || GENERIC_NAMES.has(core) || (!office && ONLY_GENERIC.test(core))) return undefined;
  if (/^[\d.%]+/.test(core)) return undefined;
  // A glossary TERM that ends right at the head (产业链 + 党建联盟) marks a generic description.
  // 产业链 + 党建 + 联盟: a policy term plus generic words describes, it does not name.
  const describes = (termEnd: number) => {
    const rest = seg.slice(termEnd);
    return rest === '' || GENERIC_NAMES.has(rest) || ONLY_GENERIC.test(rest);
  };
  for (const m of g.matcher.scan(seg)) {
    if (g.surfaces[m.pattern].entry.category === 'TERM' && m.start === 0 && describes(m.end)) return undefined;
  }
  // A define-only term is a term too (地方政府融资平台 + 公司).
  for (const len of g.references.lengths) {
    if (len <= seg.length && g.defineOnly(seg.slice(0, len))?.category === 'TERM' && describes(len)) return undefined;
  }
  // 全省综合改革试点唯一省级开发区: “the only one” describes a body, it does not name it; so
  // does a level of bodies in a country (中国省级开发区).
  if (/唯一|首家|首个|第一家/.test(seg) || /^(?:中国|我国|全国)(?:省级|市级|县级|国家级)$/.test(seg)) return undefined;
  // “十三五”期间 + 市高新区: a time word ends the name on the left.
  const during = /^(?:期间|以来|之后|以后|之前|以前|其间)/.exec(seg);
  if (during && seg.length - during[0].length >= 1) a += during[0].length;
  // 国家级 stays (国家级光电技术创新中心 is the name as written); descriptive words do not.
  const desc = /^(?:龙头|重点|相关|有关|各|该|骨干|知名|优质|大型|企业)+/.exec(seg);
  if (desc) a += desc[0].length;
  // The lexicon has the last word: the name starts at a word, after any verb, adverb, pronoun,
  // preposition or conjunction (办好, 继续, 请, 筹建, 我国, 同, 与 …), and a name made of one
  // ordinary word before its head (行业协会, 社会集团, 会计师事务所) is a description.
  const named = nameStart(s, a, headStart, office, office && wasPunct);
  if (named === undefined) return undefined;
  const name = s.slice(named, headStart);
  if (name.length < 2) return undefined;
  // What is left after the cuts may be generic again (乡镇卫生院和部分县医院 → 部分县 + 医院).
  if (name.length - (GENERIC_PREFIX.exec(name)?.[0].length ?? 0) < 2) return undefined;
  // Kinds of institution (广播电视大学, 管理干部学院) and of abstract programme (智慧海关, 数字政府).
  if (KIND_OF_INSTITUTION.test(name + head) || ABSTRACT_MODIFIER.test(name)) return undefined;
  // Political cliques and blocs named by a charge (林彪反党集团, 饶漱石反党联盟, 帝国主义战争集团) or by a person's full name
  // (蒋介石集团; two-character words the lexicon tags as names include brands such as 华为).
  if ((head === '集团' || head === '联盟') && (CLIQUE.test(name) || isFullPersonName(name))) return undefined;
  // 民航发展基金 + 航空公司, 外贸进出口 + 公司: a fund before the name, trade as the name.
  if (/基金./.test(name) || (/进出口$/.test(name) && /公司|集团/.test(head))) return undefined;
  // A zone is named by its place, and the lexicon tags many a county as a noun (射阳/n, 原阳/n):
  // one word before a zone's head names it (generic ones were ruled out above).
  const zoneByPlace = ZONE_HEADS.has(head) && isOneNoun(name);
  if (!office && !zoneByPlace && isDescription(s, named, headStart, false, headStart + head.length)) return undefined;
  // A kind of committee (常务委员会, 居民委员会, 革命委员会) and a kind of firm before a head
  // (大公司大企业集团, 国有企业现代公司) are descriptions too.
  if (head === '委员会' && isDescription(s, named, headStart, true)) return undefined;
  if (/(?:企业|公司|单位|机构|部门)$/.test(name) || /两国|两党|两个|两级|各国|各方|直属|所属|下属|附属|主管/.test(name) || /母$/.test(name)) return undefined;
  if (GENERIC_NAMES.has(name) || (!office && ONLY_GENERIC.test(name))) return undefined;
  return named;
}

/**
 * Where the name s[start, end) really starts when it ends in a name of the glossary: words before
 * a known name are part of it only when they name too — a place, a name, an ordinal
 * (中华人民共和国 + 国务院, 中国共产党第八届 + 中央委员会) — not when they are the sentence's
 * (报 + 中央人民政府, 高度评价 + 七十七国集团, 整顿 + 非银行).
 */
function knownNameStart(g: CompiledGlossary, s: string, start: number, end: number): number {
  for (let k = start + 1; k <= end - 2; k++) {
    if (g.lookup(s.slice(k, end))?.category !== 'ORG') continue;
    return namesOnly(s, start, k) ? start : k;
  }
  return start;
}

/** 科技局 + 局长, 教育厅 + 厅长: the 局 or 厅 at `at` begins the title of the office's head, not a
 *  second office. */
function isTitleOfHead(s: string, at: number, head: string): boolean {
  return (head === '局' || head === '厅') && s[at + 1] === '长' && s[at - 1] === head;
}

function isGlossaryTermAt(g: CompiledGlossary, s: string, start: number, end: number): boolean {
  const surface = s.slice(start, end);
  // A define-only entry is still a term, not a name (地方政府融资平台公司).
  const e = g.lookup(surface) ?? g.defineOnly(surface);
  return e !== undefined && e.category !== 'ORG';
}

function isOrgEntryBefore(g: CompiledGlossary, s: string, at: number): boolean {
  for (let len = 2; len <= 20 && len <= at; len++) {
    const e = g.lookup(s.slice(at - len, at));
    if (e && e.category === 'ORG') return true;
  }
  return false;
}

/** True when a stop word of two or more characters starts before `at` and ends after it. */
function stopWordCrosses(s: string, at: number): boolean {
  for (let from = Math.max(0, at - STOP_MAX + 1); from < at; from++)
    for (const w of stopWordsAt(s, from)) if (from + w.length > at) return true;
  return false;
}

/** Every occurrence of a stop word in a short segment, as [index, word]. */
function stopWordsIn(seg: string): [number, string][] {
  const out: [number, string][] = [];
  for (let i = 0; i < seg.length; i++) for (const w of stopWordsAt(seg, i)) out.push([i, w]);
  return out;
}

/** Ideographic spaces, tabs and the line breaks around titles and bylines (text/structure.ts)
 *  separate names; other PDF line breaks (\n, spaces) do not. */
function hardGapBefore(v: CompactView, i: number): boolean {
  if (i <= 0 || v.toOriginal[i] - v.toOriginal[i - 1] === 1) return false; // nothing between them
  const gap = v.original.slice(v.toOriginal[i - 1] + 1, v.toOriginal[i]);
  return /[\u3000\t]/.test(gap) || breakBetween(v, v.toOriginal[i - 1], v.toOriginal[i]);
}

/** Length of the firm's name in a listed project: without its phase (丰佰智能电气 + 二期) and without
 *  a capacity in figures and Latin units and what follows it (阿特斯 + 3GW太阳能光伏电池). */
function firmPart(item: string): number {
  const spec = /^[\u4e00-\u9fff]{2,}?(?=\d+(?:\.\d+)?[A-Za-z]{1,3}[\u4e00-\u9fff])/.exec(item);
  if (spec) return spec[0].length;
  const phase = /[一二三四五六七八九十\d]期$/.exec(item);
  return phase && item.length - 2 >= 2 ? item.length - 2 : item.length;
}

/** Where a first list item starts after the verb that governs the list (密切跟踪 + 韩国PNG, 新投产 +
 *  华光精密): a verb of two or more characters first in the item or after one adverb or adjective.
 *  A verb further in is part of the name (叮咚买菜运营总部). */
function afterLeadingVerb(s: string, start: number, end: number): number {
  const words = tokens(s, start, end);
  for (let k = 0; k < Math.min(2, words.length - 1); k++) {
    const w = words[k];
    if (k === 1 && !['a', 'ad', 'd'].includes(words[0].pos ?? '')) break;
    if ((w.pos === 'v' || w.pos === 'vn') && w.end - w.start >= 2 && end - w.end >= 2) return w.end;
  }
  return start;
}

/** Items of `A、B、C等`: each 2–10 characters, the first cut after a verb or function word. */
function enumerationItems(s: string, dengAt: number, g: CompiledGlossary, firms: boolean): [number, number][] {
  const items: [number, number][] = [];
  let end = dengAt;
  for (let guard = 0; guard < 12; guard++) {
    let a = end;
    while (a > 0 && end - a < 24 && /[\u4e00-\u9fffA-Za-z0-9（）]/.test(s[a - 1])) a--;
    let start = a;
    const boundary = s[a - 1];
    if (boundary !== '、') {
      // first item: cut after the last stop word, then where the lexicon says the name starts
      // (密切跟踪 + 韩国PNG: a verb the stop words lack).
      start = a + cutAfterStopWords(s.slice(a, end));
      start = afterLeadingVerb(s, start, end);
    }
    const itemEnd = start + firmPart(s.slice(start, end));
    const item = s.slice(start, itemEnd);
    const nameLike = item.length >= 2 && item.length <= ENUM_ITEM_MAX && isNameLike(item, g, firms);
    // A list of firms goes on past an item that does not look like a name (纬创、立讯、三一等企业:
    // 三一 reads as numerals); any other list ends there.
    if (!nameLike && !(firms && boundary === '、' && item.length <= ENUM_ITEM_MAX)) return items.length >= 2 ? items : [];
    if (nameLike) items.unshift([start, itemEnd]);
    if (boundary !== '、') break;
    end = a - 1;
  }
  return items;
}

function isNameLike(item: string, g: CompiledGlossary, firms = false): boolean {
  if (/^(?:各|多|一|该|本|其|相关|有关|重点)/.test(item)) return false;
  // Numerals belong in a name only as an institute number (五十五所, 14所).
  if (/\d|[零一二两三四五六七八九十百千万亿]{2}/.test(item) && !/[所院厂]$/.test(item)) return false;
  if (GENERIC_NAMES.has(item)) return false;
  const e = g.lookup(item);
  // Sectors and activities (能源、交通、水利等项目) are ordinary words; names are not.
  // Before 等企业 a trade name may be an ordinary word (强力 + 电子): only one word is plain there.
  if (!e && (firms ? isPlainForFirms(item) : isOrdinaryWords(item))) return false;
  if (e && e.category !== 'ORG') return false;
  // A name rarely ends in these generic nouns (研发、制造、测试、物流 are activities).
  if (/(?:研发|制造|测试|物流|销售|生产|服务|产业|技术|领域|行业|方向|环节|平台|基地|中心|经济|政策|资金|人才|项目|电池|芯片|材料|装备|设备|系统|汽车|产品|药物|器件|模组|整车|软件|工程|探测|应用|建设|改造|航天|开发|治理|保护|利用|交通|运输|改革)$/.test(item) && !/(?:中心|技术)$/.test(item) && !(firms && /(?:材料|汽车|电池|装备|设备|软件)$/.test(item))) return false;
  return true;
}

const LEVEL_BODY = /[省市县区](?:委|政府|政协)/g;
const TITLE_OR_ACT = /^(?:副?书记|常委|副?主席|秘书长|副?省长|副?市长|副?县长|副?区长|部署|同意|批准|印发|出台|召开|举行|决定|办公厅|办公室)/;

/** [start, end) of each body named by its level alone (省委, 市政府, 县政协). */
function levelBodies(s: string): [number, number][] {
  const out: [number, number][] = [];
  LEVEL_BODY.lastIndex = 0;
  for (let m = LEVEL_BODY.exec(s); m; m = LEVEL_BODY.exec(s)) {
    const a = m.index;
    const b = a + m[0].length;
    const words = tokens(s, Math.max(0, a - 3), Math.min(s.length, b + 2));
    const k = words.findIndex((w) => w.start === a && w.end === b);
    if (k < 0) continue;
    const before = words[k - 1];
    if (before && (before.pos === 'r' || (before.end - before.start === 1 && /[全各本该每两多分副]/.test(s[before.start])))) continue;
    // Only where one body is meant: the Party committee and the government named together (省委、
    // 省政府), a member's title (县委副书记), or what the body does (省政府部署). A national report's
    // 省、市、县政府 or 由市政府负责 names a level of government, not a body.
    const after = s.slice(b, b + 4);
    const pair = /^[、和]?[省市县区](?:委|政府)/.test(after) || /[省市县区](?:委|政府)[、和]?$/.test(s.slice(Math.max(0, a - 4), a));
    if (!pair && !TITLE_OR_ACT.test(after)) continue;
    out.push([a, b]);
  }
  return out;
}

/** An item of a list of firms that names a sector, not a firm: one ordinary word (能源), or
 *  ordinary words ending in 业 (交通运输业和商业, 使工业). */
function isPlainForFirms(item: string): boolean {
  return isOrdinaryWord(item) || (/业$/.test(item) && isOrdinaryWords(item.replace(/^[使让把将对]/, '')));
}

