// TERM (and custom-category) spans: glossary matches, plus quoted slogans.
// Policy prose puts its slogans and coined terms in quotation marks (“智改数转”, “一主一特五新”,
// “龙头引领、链式布局、集群发展”); a quoted phrase of the right shape is a TERM candidate even
// when no glossary knows it. Candidates lose to glossary and rule spans of the same extent. A
// phrase quoted once is a term where it recurs unquoted (quotedElsewhereSpan; the engine finds
// the occurrences, with ORG's in one pass: names-matcher.ts).
import type { Span } from '../types';
import type { CompiledGlossary } from '../glossary/glossary';
import { hasWhitespaceCode, isSkippableSpace } from '../text/char-class';
import { compactView, toOriginalRange, type CompactView } from '../text/compact';
import { CHAR, PACKAGE_CN, PACKAGE_DIGIT, isLatinLetter, markChars } from '../text/char-class';
import { cutAfterStopWords } from './boundary';
import { isOrdinaryWord, localOfficeStart } from './name-words';
import { tokens } from '../lexicon/segment';
import { NextUnit } from '../text/search';
import { programmes } from './programmes';
import { formulas } from './formulas';
import { regionalGoals } from './regional-goals';

/** TERM spans of every rule but propagation, and the quoted phrases to propagate. */
export function termCandidates(text: string, g: CompiledGlossary, view: CompactView = compactView(text)): { spans: Span[]; surfaces: Set<string> } {
  const out: Span[] = [];
  for (const m of g.matcher.scan(text)) {
    const s = g.surfaces[m.pattern];
    if (s.entry.category === 'ORG' && insideWord(text, m.start, m.end)) continue;
    if (insideLatinWord(text, m.start, m.end)) continue;
    // 高新技术产业 + 化, 人民公社 + 化: a term followed by 化 is the stem of a derived word
    // (产业化, 公社化 — a process, not the term), and the span would end inside that word.
    if (s.entry.category === 'TERM' && text[nextVisible(text, m.end)] === '化') continue;
    // 乡村振兴战略 → 乡村振兴: a trailing 战略/建设/事业 is left out when the shorter form is itself
    // a term of the glossary (the long form of a fixed name, 振兴东北地区等老工业基地战略, has none).
    // A learned entry (src/core/learning/) is exactly what an annotator marked: never stretched.
    const adjust = s.entry.category === 'TERM' && !s.entry.learned;
    let end = adjust && !fixedLongForm(g, s.surface, s.entry) ? withoutTrailingKind(g, text, m.start, m.end) : m.end;
    // 利率市场化 + 改革, 耕地占补平衡 + 制度: the reform or the system of a term is the longer term.
    if (end === m.end && adjust) {
      end = withKindAfter(text, end);
      // A define-only entry says the longer form is not tagged (国有企业改革): the term stays itself.
      if (end !== m.end && g.defineOnly(text.slice(m.start, end))?.category === 'TERM') end = m.end;
    }
    const entry = end === m.end ? s.entry : g.lookup(text.slice(m.start, end)) ?? s.entry;
    // 省 + 发改委, 盐城市 + 发改委: a known office written with its province or city is that local office.
    const start = s.entry.category === 'ORG' && !s.entry.learned ? localOfficeStart(text, m.start) : m.start;
    out.push({ start, end, label: s.entry.category, origin: 'glossary', entry, matched: end === m.end && start === m.start ? s.surface : text.slice(start, end) });
  }
  const quoted = quotedTerms(text, view);
  const isTerm = (w: string) => g.lookup(w)?.category === 'TERM';
  // Loops, not push(...list): a spread of a few hundred thousand spans (a 50 MB text) overflows the stack.
  for (const list of [quoted, numberedPackages(text, view), designations(text, view), systems(view, isTerm), programmes(view), formulas(view, isTerm), regionalGoals(view, g)]) for (const s of list) out.push(s);
  return { spans: out, surfaces: quotedSurfaces(text, quoted) };
}

const TRAILING_KIND = /(?:战略|建设|事业)$/;

/**
 * A long form with an entry of its own is a fixed name that keeps its 战略/建设/事业
 * (生态文明建设, 振兴东北地区等老工业基地战略 and its alias 东北地区等老工业基地振兴战略); one
 * written as an alias of the shorter term (乡村振兴战略 of 乡村振兴) is that term with its kind
 * word, which is left out.
 */
function fixedLongForm(g: CompiledGlossary, surface: string, entry: { term: string }): boolean {
  if (!TRAILING_KIND.test(entry.term) || !TRAILING_KIND.test(surface)) return false;
  const shorter = g.lookup(surface.slice(0, -2));
  return shorter !== undefined && shorter !== entry;
}

/** End of a TERM hit without its trailing 战略/建设/事业 when what is left is a glossary TERM. */
function withoutTrailingKind(g: CompiledGlossary, text: string, start: number, end: number): number {
  const hit = text.slice(start, end);
  if (!TRAILING_KIND.test(hit) || hit.length < 4) return end;
  // The hit may hold the whitespace the matcher skips (a PDF line break); the two characters of
  // the kind word are the last two others.
  let cut = end;
  for (let n = 0; n < 2 && cut > start; ) if (!isSkippableSpace(text.charCodeAt(--cut))) n++;
  while (cut > start && isSkippableSpace(text.charCodeAt(cut - 1))) cut--;
  const isTerm = (a: number, b: number) => g.lookup(text.slice(a, b))?.category === 'TERM';
  if (isTerm(start, cut)) return cut;
  // 积极应对人口老龄化 + 国家战略.
  if (text.endsWith('国家', cut) && cut - 2 > start && isTerm(start, cut - 2)) return cut - 2;
  return end;
}

/** End past a 改革, 制度 or 机制 that follows a term as a word of its own (改革开放, 改革方向 and
 *  制度化 are other words). Not 政策 or 体系: the annotated texts keep those outside a term too. */
function withKindAfter(text: string, end: number): number {
  const at = nextVisible(text, end);
  // 劳动合同制 + 度: a system written with 制度 is the same system, and 制度 is one word.
  if (text[end - 1] === '制' && text[at] === '度') return text[nextVisible(text, at + 1)] === '化' ? end : at + 1;
  // 兴边富民行动 + 规划, 京津冀协同发展 + 规划纲要, 广播电视村村通 + 工程: the programme or the
  // document of a term is a named thing of its own, and the annotated reports keep the head word.
  const head = PROGRAMME_HEAD.exec(text.slice(at, at + 6));
  if (head && !/(?:计划|规划|纲要)$/.test(text.slice(end - 2, end))) return at + head[0].length;
  // 生态补偿 + 机制: the mechanism built on a term is the term the annotated texts mark (none of
  // them leaves 机制 out; 体系 is left out where the term is a force the system is made of:
  // 国家战略科技力量 + 体系).
  // 抗美援朝 + 运动, 全民健身 + 运动: a campaign named by a term keeps 运动 (运动员, 运动会 are other words).
  if (!/^(?:改革|制度|机制|运动)/.test(text.slice(at, at + 2))) return end;
  // 商品经济 + 运动的内在规律: the motion of an economy, not a campaign.
  if (text.startsWith('运动', at) && /^(?:的)?(?:内在|规律|过程|形式)/.test(text.slice(at + 2, at + 5))) return end;
  const next = text.charCodeAt(at + 2);
  const wordGoesOn = next >= 0x4e00 && next <= 0x9fff && !REFORM_MAY_PRECEDE.has(text[at + 2]);
  return wordGoesOn ? end : at + 2;
}
// A programme's or a plan document's head word, not followed by what makes it another word
// (工程师, 计划生育, 计划经济, 规划建设, 行动起来) or another phrase (行动方案 is a document of its own).
const PROGRAMME_HEAD = /^(?:规划纲要|发展纲要|行动纲要|行动计划|纲要|规划|计划|工程|行动)(?![师院兵局司委部]|生育|经济|单列|内|外|建设|设计|起来|方案)/;

/** First position at or after `at` that is not a skippable space (a PDF line break). */
function nextVisible(text: string, at: number): number {
  while (at < text.length && isSkippableSpace(text.charCodeAt(at))) at++;
  return at;
}

// Characters after which 改革 or 制度 has ended: conjunctions, particles, 试点 of a reform pilot.
const REFORM_MAY_PRECEDE = new Set(['的', '和', '与', '及', '并', '等', '试', '取', '不', '已', '要', '也', '都', '在', '向', '进', '步']);

/**
 * Ministry names end in characters that also start common words: 科技部 + 门 is 科技部门 (a
 * department), 中 + 央行 + 政 is 中央行政. Such a glossary hit is inside a larger word.
 */
function insideWord(text: string, start: number, end: number): boolean {
  const next = text[end] ?? '';
  const last = text[end - 1];
  if (last === '部' && next === '门') return true;
  if (last === '行' && /[政使业动]/.test(next)) return true;
  // 中国石油 is a company, 中国石油产量 China's oil output: a 中国 + product name followed by what is
  // measured of a product reads as the country's product.
  if (text.startsWith('中国', start) && PRODUCT_MEASURE.test(text.slice(end, end + 2))) return true;
  return false;
}
const PRODUCT_MEASURE = /^(?:产量|产品|工业|行业|储量|资源|消费|进口|出口|需求|价格|总量|产能|供应)/;

/**
 * A glossary hit that starts or ends with a Latin letter glued to another Latin letter is part
 * of a longer word: AI in maintain, GDP in GDPR. Chinese has no spaces between words, but Latin
 * words inside Chinese text keep theirs (AI赋能, 5G网络 stay).
 */
function insideLatinWord(text: string, start: number, end: number): boolean {
  return (isLatinLetter(text.charCodeAt(start)) && isLatinLetter(text.charCodeAt(start - 1))) || (isLatinLetter(text.charCodeAt(end - 1)) && isLatinLetter(text.charCodeAt(end)));
}

const QUOTE_PAIRS: Record<string, string> = { '“': '”', '‘': '’', '「': '」', '『': '』', '"': '"' };
const QUOTE_OPENERS = Object.keys(QUOTE_PAIRS);
const MIN_QUOTED = 3;
const MAX_QUOTED = 24;
// Sentence punctuation inside quotes means a quotation, not a term; 、 and + join slogan parts.
const SENTENCE_PUNCT = /[，。；：！？,.;:!?《》（）()]/;

// Two-character quoted phrases are abbreviations when they open with a count: “六五” (the sixth
// five-year plan), “三农”, “两基”, “六稳”, “双创”. Other two-character quotes are mostly ordinary
// words set off for emphasis (“瓶颈”, “热点”).
const NUMBERED_PAIR = /^[一二三四五六七八九十两双][\u4e00-\u9fff]$/;
// “5+4+5”, “2+4”, “1+N”: an industrial system or policy package named by a formula of counts
// (GUIDELINES lists 5+4+5), quoted without a Chinese character in it.
const PLUS_FORMULA = /^(?:\d{1,3}|[A-Za-z])(?:\+(?:\d{1,3}|[A-Za-z])){1,5}$/;
const IRONY_BEFORE = /(?:所谓|所謂|叫做|叫作|什么|甚么|美其名曰)的?$/;
// Words put in an opponent's mouth: 污蔑为“全面复辟”, 诬蔑我国是“侵略者”, 说什么经济“崩溃了”，大跃进
// “失败了”. The verb governs every quote up to the end of its sentence, so the look-back runs to the
// last sentence stop, not to the nearest comma.
const SCARE_VERB = /(?:污蔑|诬蔑|诬陷|诬称|污称|诽谤|咒骂|叫嚷|叫嚣|胡说|说什么|攻击|造谣|说成|打着)[^。！？；!?;]*$/;
const SCARE_LOOKBACK = 40;
// A quoted verb phrase with 了 (“垮台了”, “破产了”) reports what someone said, it is not a coined term.
const REPORTED_SPEECH = /了$/;

/**
 * “稳住一头，放开一片”, “厉行节约，反对浪费”: a slogan of two to four clauses of the same length
 * (two to eight characters each, nothing but Chinese characters) is one coined term even with a
 * comma inside; parallel clauses are how policy slogans are built, while a quotation of speech
 * runs on in clauses of any length.
 */
export function parallelClauses(inner: string): boolean {
  const parts = inner.split(/[，,]/);
  if (parts.length < 2 || parts.length > 4) return false;
  const n = parts[0].length;
  return n >= 2 && n <= 8 && parts.every((p) => p.length === n && /^[\u4e00-\u9fff]+$/.test(p));
}

/** “扫黄”“打非”: a two-character quote right next to another is one of a pair of slogans. With 、
 *  between (“和平”、“裁军”, “自由”、“民主”) they are mostly words held at a distance: not these. */
function pairInSeries(s: string, open: number, close: number, closer: string): boolean {
  if (close - open !== 3 || !/^[\u4e00-\u9fff]{2}$/.test(s.slice(open + 1, close))) return false;
  const before = open - 1;
  const after = close + 1;
  const pairBefore = s[before] === closer && s[before - 3] === s[open] && /^[\u4e00-\u9fff]{2}$/.test(s.slice(before - 2, before));
  const pairAfter = s[after] === s[open] && s[after + 3] === closer && /^[\u4e00-\u9fff]{2}$/.test(s.slice(after + 1, after + 3));
  return pairBefore || pairAfter;
}

const CRAFT_NAME = /(?:[一二三四五六七八九十\d]+号|[—\-－][ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩA-Z\d]+)$/;
// Titles quoted instead of put in 《》: papers (关于…的问题) and treaties, pacts and charters
// (「东南亚集体防务条约」), which the guidelines leave untagged as titles.
const QUOTED_TITLE = /^关于|的(?:问题|問題|决定|決定|意见|意見|通知|报告|報告|讲话|講話)$|(?:条约|條約|公约|公約|宪章|憲章|协定|協定)$/;
const CRAFT_AFTER = /^(?:号|卫星|飞船|探测器|火箭|巨型计算机|计算机|超级计算机|潜水器|客机|运输机|航母|舰)/;

/** Quoted phrases that look like coined policy terms. */
export function quotedTerms(text: string, v: CompactView = compactView(text)): Span[] {
  const s = v.text;
  const out: Span[] = [];
  // Openers found by indexOf: quotes are a few per paragraph.
  const openers = new NextUnit(s, QUOTE_OPENERS);
  for (let from = 0; ; ) {
    const i = openers.from(from);
    if (i < 0) break;
    const close = QUOTE_PAIRS[s[i]];
    // The closer is looked for only as far as a term can reach: an opener whose closer is far
    // away (a long quotation, a stray mark) must not decide how later quotes pair. This keeps the
    // rule local, which incremental re-tagging relies on, and linear on texts full of stray “.
    const j = s.slice(i + 1, i + 2 + MAX_QUOTED).indexOf(close) + i + 1;
    if (j === i) { from = i + 1; continue; }
    const inner = s.slice(i + 1, j);
    // 所谓“…”, 叫做“…”: the marks distance the writer from the words (irony), not coin a slogan.
    if (IRONY_BEFORE.test(s.slice(Math.max(0, i - 4), i)) || SCARE_VERB.test(s.slice(Math.max(0, i - SCARE_LOOKBACK), i)) || REPORTED_SPEECH.test(inner)) { from = j + 1; continue; }
    // “嫦娥五号”, “奋斗者”号, “银河—Ⅱ”巨型计算机: named craft and works, which are not terms.
    if (CRAFT_NAME.test(inner) || CRAFT_AFTER.test(s.slice(j + 1, j + 6))) { from = j + 1; continue; }
    // 「关于正确处理人民内部矛盾的问题」, 「东南亚集体防务条约」: a title quoted instead of put in 《》 is not tagged whole.
    if (QUOTED_TITLE.test(inner)) { from = j + 1; continue; }
    const shapeOk = (inner.length >= MIN_QUOTED || NUMBERED_PAIR.test(inner) || pairInSeries(s, i, j, close)) && !SENTENCE_PUNCT.test(inner);
    if (((shapeOk || parallelClauses(inner)) && inner.length <= MAX_QUOTED && /[\u4e00-\u9fff]/.test(inner) && !/^[\d.%\s]+$/.test(inner) && !/[“”‘’"]/.test(inner)) || PLUS_FORMULA.test(inner)) {
      const r = toOriginalRange(v, i + 1, j);
      out.push({ start: r.start, end: r.end, label: 'TERM', origin: 'quote', reason: 'quoted' });
    }
    from = j + 1;
  }
  return out;
}

// Numbered policy packages are one TERM with no NUM inside: 人才十策, 苏政40条, 科技型企业腾飞八条.
// Found from the tail character (条/策/招), then the numeral before it, and extended left to the
// name (a regex over the whole text for `numeral + 条` cost as much as the other TERM rules).
// The numerals a package is counted in: Arabic digits, or Chinese 一 … 十 (one kind per numeral).
markChars('0123456789', PACKAGE_DIGIT);
markChars('一二三四五六七八九十', PACKAGE_CN);
const packageNumeral = (c: number) => CHAR[c] & (PACKAGE_DIGIT | PACKAGE_CN); // NaN reads as 0
const PACKAGE_TAILS = ['条', '策', '招'];
const NOT_PACKAGE_AFTER = /^(?:[\u4e00-\u9fff]?(?:款|例|路|件|线|理)|[A-Za-zＡ-Ｚａ-ｚ])/; // 条款, 条例, 一条路, 6条PPP道路 (what is counted)

export function numberedPackages(text: string, v: CompactView = compactView(text)): Span[] {
  const s = v.text;
  const out: Span[] = [];
  const tails = new NextUnit(s, PACKAGE_TAILS);
  for (let k = tails.from(1); k >= 0; k = tails.from(k + 1)) {
    // The numeral: one to three units of one kind right before the tail, not inside a longer numeral.
    const kind = packageNumeral(s.charCodeAt(k - 1));
    if (kind === 0) continue;
    let numAt = k - 1;
    while (numAt > 0 && packageNumeral(s.charCodeAt(numAt - 1)) === kind) numAt--;
    if (k - numAt > 3 || (numAt > 0 && packageNumeral(s.charCodeAt(numAt - 1)) !== 0)) continue;
    if (NOT_PACKAGE_AFTER.test(s.slice(k + 1, k + 3))) continue;
    if (k - numAt === 1 && s.charCodeAt(numAt) === 0x4e00 /* 一 */) continue; // 走出一条路: a count, not a package
    let a = numAt;
    while (a > 0 && /[\u4e00-\u9fff]/.test(s[a - 1]) && numAt - a < 12) a--;
    const start = a + cutAfterStopWords(s.slice(a, numAt));
    const name = s.slice(start, numAt);
    // A plain count (共10条, 提出20条) has no name before the number.
    if (name.length < 2 || /^(?:共|计|合计|等|了|近|超|约|多|余|第|前|后|首|不|未|没|符合)/.test(name)) continue;
    // 发展 + 15条产业链: a verb before the count governs what is counted; a package has a name.
    const named = tokens(s, start, numAt);
    if (named.length === 1 && (named[0].pos === 'v' || named[0].pos === 'vn')) continue;
    const r = toOriginalRange(v, start, k + 1);
    out.push({ start: r.start, end: r.end, label: 'TERM', origin: 'rule', reason: 'numbered-package' });
  }
  return out;
}

/** The quoted phrases of a text, whitespace removed: the document-level facts of TERM. */
export function quotedSurfaces(text: string, quoted: readonly Span[] = quotedTerms(text)): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  for (const q of quoted) {
    const surface = quoteSurface(text, q);
    if (seen.has(surface)) continue;
    seen.add(surface);
    if (propagates(surface)) out.add(surface);
  }
  return out;
}

/**
 * Whether a phrase quoted once is looked for unquoted elsewhere: not when it is one ordinary word
 * of the lexicon (“社会主义”, “朋友圈”), which recurs unquoted in its ordinary sense.
 */
export function propagates(surface: string): boolean {
  return !isOrdinaryWord(surface);
}


/** The surface a quoted phrase is looked for by elsewhere in its document. */
export function quoteSurface(text: string, q: { start: number; end: number }): string {
  const surface = text.slice(q.start, q.end);
  return hasWhitespaceCode(surface) ? compactView(surface).text : surface; // the whitespace the rules skip, no other
}

/** A coined term quoted once (“高质量发展引领区”) is the same term where it appears unquoted: another
 *  occurrence of a phrase quoted in the same document. */
export function quotedElsewhereSpan(hit: { start: number; end: number }): Span {
  return { start: hit.start, end: hit.end, label: 'TERM', origin: 'quote', reason: 'quoted-elsewhere' };
}

// National and provincial designations are policy terms: 国家生态工业示范园区, 全国碳排放试点园区,
// 国家智能电网特色产业基地, 国家知识产权示范园区. They start with the awarding level and end with
// the kind of title; the middle must not contain a verb or function word.
const DESIGNATION = /(?:国家级|国家|全国|省级)[\u4e00-\u9fff]{2,14}?(?:示范园区|试点园区|示范区|示范基地|特色产业基地|产业基地|试点城市|示范城市|试验区|先行区|引领区)/g;

export function designations(text: string, v: CompactView = compactView(text)): Span[] {
  const out: Span[] = [];
  DESIGNATION.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = DESIGNATION.exec(v.text)); ) {
    const inner = m[0];
    if (cutAfterStopWords(inner.slice(2, -2)) > 0) { DESIGNATION.lastIndex = m.index + 1; continue; }
    const r = toOriginalRange(v, m.index, m.index + inner.length);
    out.push({ start: r.start, end: r.end, label: 'TERM', origin: 'rule', reason: 'designation' });
  }
  return out;
}

// Institutional systems named by what they make someone answerable for: 承包经营责任制, 厂长负责制,
// 行政问责制, 股份合作制, 岗位责任制. The annotated reports tag every such system as a term; the
// glossary cannot list them all (each sector coins its own). Found from the tail, the name runs
// left to the last function word, implementing verb or punctuation.
const SYSTEM_TAIL = /(?:责任制|负责制|问责制|承包制|合作制|聘任制|承诺制|任期制)/g;
const SYSTEM_REACH = 8;
// Words that say whose or which system without naming one (工作责任制 is any job's duties).
const GENERIC_MODIFIER = new Set(['工作', '安全', '地区', '工作人员', '各级', '领导']);
// Verbs that put a system into force (实行, 落实, 要严格 …): they stand before its name, never in it.
const IMPLEMENTING = /(?:实行|推行|试行|执行|健全|建立|完善|落实|坚持|推广|实施|严格|强化|(?<![重主需只想必])要)/g;

/** Systems (…责任制, …负责制) not already named by the glossary; `known` tells a glossary TERM. */
export function systems(v: CompactView, known: (surface: string) => boolean): Span[] {
  const s = v.text;
  const out: Span[] = [];
  SYSTEM_TAIL.lastIndex = 0;
  for (let t = SYSTEM_TAIL.exec(s); t; t = SYSTEM_TAIL.exec(s)) {
    const k = t.index;
    const end = k + t[0].length;
    if (s[end] === '度') continue; // 责任制度, 合作制度: a system in general, or 制度 of another phrase
    let a = k;
    while (a > 0 && k - a < SYSTEM_REACH && /[\u4e00-\u9fff]/.test(s[a - 1])) a--;
    let start = a + cutAfterStopWords(s.slice(a, k));
    const base = start;
    for (const m of s.slice(base, k).matchAll(IMPLEMENTING)) start = base + m.index! + m[0].length;
    // The first word of the name is a word of the sentence, not the tail of a word the reach cut.
    for (const w of tokens(s, Math.max(0, start - 4), k)) {
      if (w.start < start && w.end > start) start = w.end;
      else if (w.start >= start && FUNCTION_POS.has(w.pos ?? '')) start = w.end;
    }
    const modifier = s.slice(start, k);
    if (modifier.length < 2 || GENERIC_MODIFIER.has(modifier)) continue;
    // The glossary's own name wins: 投资 + 项目法人责任制 is the glossary's 项目法人责任制.
    let g = start;
    while (g < k && !known(s.slice(g, end))) g++;
    if (g < k) continue;
    const r = toOriginalRange(v, start, end);
    out.push({ start: r.start, end: r.end, label: 'TERM', origin: 'rule', reason: 'system' });
  }
  return out;
}
// Parts of speech after which a system's name starts: prepositions, conjunctions, particles,
// pronouns, adverbs and numerals (多种形式的, 各种, 这种).
const FUNCTION_POS = new Set(['p', 'c', 'u', 'uj', 'ul', 'uz', 'ud', 'ug', 'uv', 'r', 'rr', 'rz', 'd', 'm', 'q', 'mq']);
