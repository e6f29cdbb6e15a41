// Where a name begins, by the lexicon (src/core/lexicon): an organization's name starts at a word,
// never at a verb, adverb, pronoun, preposition or conjunction, and two names joined by a
// conjunction or preposition are two names (中国科学院同苏联科学院 → …, 苏联科学院).
import { tokens, type Token } from '../lexicon/segment';

/** Parts of speech that never begin a name (jieba's tags: verbs, adverbs, pronouns, particles …). */
const NOT_A_NAME_START = new Set(['v', 'vd', 'vi', 'vg', 'd', 'ad', 'df', 'dg', 'p', 'c', 'u', 'uj', 'ul', 'uz', 'ud', 'ug', 'uv', 'r', 'rr', 'rz', 'rg', 'y', 'e', 'o', 'zg', 'l', 'i']);
/** One-character direction words and adjectives that never begin a name here (中 and 新 do);
 *  经 before a name is “through” (经全国人大常委会审议), whatever jieba tags it. */
const LEADING_SINGLE = '上下前后里内外好';
/** Parts of speech that join two names, or a modifier to a name: the name starts after them
 *  (中国科学院同苏联科学院, 山东的大型碱厂). */
const JOINS = new Set(['c', 'p', 'uj', 'ul']);
/** Proper nouns and abbreviations of names: a word of these is a name, not a description. */
const PROPER = new Set(['nt', 'ns', 'nz', 'j', 'nr', 'nrt', 'nrfg']);
/** Verbs that are words of firms' names (福通 + 控股 + 集团), not verbs governing them. */
const NAME_VERBS = new Set(['控股', '置业', '创投']);
/** How far left of the name the segmenter looks, so the name's first word is seen whole. */
const LEFT_CONTEXT = 4;

/**
 * The start of the name in s[from, headStart), or undefined when nothing of it is left.
 * `keepAnd`: an office named by two functions (规划和自然资源局, 发展和改革委员会) keeps 和/与.
 */
export function nameStart(s: string, from: number, headStart: number, office: boolean, keepAnd: boolean): number | undefined {
  if (headStart - from < 1) return undefined;
  const lo = Math.max(0, from - LEFT_CONTEXT);
  let start = from;
  const words = tokens(s, lo, headStart);
  // A name cannot start inside a word: 各级革命委员会 is not 级革命委员会.
  for (const w of words) if (w.start < start && w.end > start) start = w.end;
  // Coordinations: the last joining word before the head ends the name on the left.
  for (const w of words) {
    if (w.start < start || !JOINS.has(w.pos ?? '')) continue;
    const word = s.slice(w.start, w.end);
    if (keepAnd && (word === '和' || word === '与') && w.start > start) continue;
    start = w.end;
  }
  // A verb of two or more characters before the head ends the name on the left (筹建亚洲基础设施
  // 投资银行, 吸收外商投资开发洋浦经济开发区); offices are named by what they do (行政审批局), so
  // not for them.
  // A one-character verb or adverb after a word does too (中学到大学, 大病才上医院), but not
  // after a single character, which is how the lexicon sees a name it lacks (雄|安 新区).
  // A verbal noun before more words of the name (发展 + 广播电视 + 大学) does too, but not before
  // the head alone (建设 + 银行 is the bank's short name).
  if (!office) {
    words.forEach((w, k) => {
      if (w.start < start) return;
      const len = w.end - w.start;
      if (len >= 2 && w.pos === 'v' && !NAME_VERBS.has(s.slice(w.start, w.end))) start = w.end;
      // Not after a place, where a name the lexicon lacks begins (四川 + 启|赛 + 微电子有限公司).
      else if (len === 1 && (w.pos === 'v' || w.pos === 'd') && k > 0 && words[k - 1].end - words[k - 1].start >= 2 && words[k - 1].pos !== 'ns') start = w.end;
    });
    start = afterVerbalNoun(words, start);
  }
  // Leading verbs, adverbs, pronouns …; a time or direction word before a place (当前 + 美国政府,
  // 最近 + 江苏省政府); a one-character direction word or adjective (上, 下, 好) before more.
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (w.start < start) continue;
    const beforePlace = (w.pos === 't' || w.pos === 'f') && words[k + 1]?.pos === 'ns';
    const single = w.end - w.start === 1 && k + 1 < words.length && ((LEADING_SINGLE.includes(s[w.start]) && (w.pos === 'f' || w.pos === 'a')) || s[w.start] === '经');
    if (w.start > start || !(NOT_A_NAME_START.has(w.pos ?? '') || beforePlace || single)) break;
    start = w.end;
  }
  // Once the leading words are gone, a verbal noun may lead (有步骤地 + 发展 + 区域性商业银行).
  if (!office) start = afterVerbalNoun(words, start);
  return start < headStart ? start : undefined;
}

/** Past a verbal noun that leads more words of the name (发展 + 广播电视 + 大学), not one that
 *  stands before the head alone (建设 + 银行 is the bank's short name). */
function afterVerbalNoun(words: readonly Token[], start: number): number {
  const rest = words.filter((w) => w.start >= start);
  return rest.length >= 2 && rest[0].start === start && rest[0].pos === 'vn' ? rest[0].end : start;
}

/**
 * True when an item of an enumeration before 等 (A、B、C等企业) cannot be a name: one ordinary word
 * of the lexicon (能源, 交通, 水利 …) or only ordinary words (危房改造, 轨道交通).
 */
export function isOrdinaryWords(item: string): boolean {
  return tokens(item, 0, item.length).every(isOrdinary);
}

/** True when the item is one place name of the lexicon (天津, 四川). */
export function isPlace(item: string): boolean {
  return soleWord(item)?.pos === 'ns';
}

/** Proper names, places, numerals and ordinals, and what the lexicon lacks (a name it does not
 *  know, 第八届 read as 第|八|届): what may stand before a known name as part of a longer one. */
const NAMING = new Set([...PROPER, 'm', 'mq', 'q', 'f', 's']);

/** True when s[a, b) is made only of naming words (see NAMING). */
export function namesOnly(s: string, a: number, b: number): boolean {
  return tokens(s, a, b).every((w) => w.pos === undefined || NAMING.has(w.pos) || (w.end - w.start === 1 && /[省市县区州盟旗镇乡村]/.test(s[w.start])));
}

/** A word of two or more characters that the lexicon knows and does not tag as a name. */
function isOrdinary(w: Token): boolean {
  return w.end - w.start >= 2 && w.pos !== undefined && !PROPER.has(w.pos);
}

/** True when `text` is one noun of two or three characters in the lexicon (射阳/n, 原阳/n). */
export function isOneNoun(text: string): boolean {
  const w = soleWord(text);
  return w !== undefined && text.length <= 3 && (w.pos === 'n' || w.pos === 'ns' || w.pos === 'nz');
}

/** The one word `text` is in the lexicon's segmentation, if it is one word. */
function soleWord(text: string): Token | undefined {
  const words = tokens(text, 0, text.length);
  return words.length === 1 ? words[0] : undefined;
}

/** Names that open with these are national bodies named by their field (国家第三代半导体技术创新中心). */
const NATIONAL = /^(?:国家|中国|全国|中华)/;

/**
 * True when s[a, b) (a name without its head) is made only of ordinary words of two or more
 * characters (行业 + 协会, 外资保险经纪 + 公司, 公立 + 医院): a description of a kind of body, not a
 * name. One-character words and words the lexicon lacks are what names are made of (南瑞, 紫金山).
 */
export function isDescription(s: string, a: number, b: number, committee = false, headEnd = b): boolean {
  const name = s.slice(a, b);
  if (NATIONAL.test(name)) return false;
  // The lexicon knows the whole name with its head as an organization (华侨大学/nt).
  // Not a kind of school named by an attribute (综合/b + 大学, 综合大学/nt all the same).
  if (soleWord(s.slice(a, headEnd))?.pos === 'nt' && !MODIFIER.has(soleWord(name)?.pos ?? '')) return false;
  // Kinds of bodies inside the name (行业协会 + 商会, 外资保险 + 公司) describe as the name does.
  const words = tokens(s, a, b).filter((w) => !KIND_NOUNS.has(s.slice(w.start, w.end)));
  if (words.length === 0) return true;
  const ordinary = words.every(isOrdinary);
  // Committees named by whom they gather (村民委员会, 农村村民委员会, 专家委员会).
  if (committee) return ordinary;
  if (!ordinary) return false;
  // One ordinary word (行业协会), or ordinary words after a modifier of kind, number or place
  // (公立 + 医院, 两个军事 + 集团, 国外石油 + 公司); several nouns may well be a name (未来网络研究院).
  return words.length === 1 || MODIFIER.has(words[0].pos!);
}
/** Nouns for kinds of bodies. */
const KIND_NOUNS = new Set(['协会', '商会', '公司', '企业', '集团', '机构', '单位', '组织', '学会', '联合会']);
/** Distinguishing words (公立, 民营), numerals, adjectives, places and directions (国外, 国内). */
const MODIFIER = new Set(['b', 'm', 'mq', 'a', 's', 'f']);

/** True when `phrase` is one word of the lexicon that is not a proper name or an idiom. */
export function isOrdinaryWord(phrase: string): boolean {
  const pos = soleWord(phrase)?.pos;
  return pos !== undefined && !PROPER.has(pos) && !FIXED.has(pos);
}
/** Idioms and fixed expressions (jieba's i, l): a quoted one is a slogan (“一刀切”, “大锅饭”). */
const FIXED = new Set(['i', 'l']);

/** True when `name` is a three-character word the lexicon tags as a person's name (蒋介石). */
export function isFullPersonName(name: string): boolean {
  return name.length === 3 && soleWord(name)?.pos === 'nr';
}

/** Administrative units a local office's name may open with (省 + 发改委, 盐城市 + 发改委). */
const ADMIN_UNIT = /[省市县区州]/;
/** How far left a place before the unit is looked for. */
const PLACE_REACH = 6;

/**
 * Start of a local office's name that ends in a known body's name at `start`: the unit written
 * before it (从 + 省 + 发改委), with its place (盐城市 + 发改委, 江苏省 + 科技厅); `start` when
 * nothing names a place there (全省 + 发改委系统: 省 belongs to 全省).
 */
export function localOfficeStart(text: string, start: number): number {
  if (start < 1 || !ADMIN_UNIT.test(text[start - 1])) return start;
  const lo = Math.max(0, start - 1 - PLACE_REACH);
  const words = tokens(text, lo, start);
  const unit = words.find((w) => w.end === start);
  if (!unit) return start;
  // A word at the window's start may be cut: only a whole one names the place.
  const whole = (w: Token) => w.start > lo || lo === 0;
  // 盐城市, 江苏省 read as one word, or a place then its unit.
  if (unit.start < start - 1) return unit.pos === 'ns' && whole(unit) ? unit.start : start;
  const k = words.indexOf(unit);
  const before = words[k - 1];
  if (before && before.pos === 'ns' && before.end - before.start >= 2 && whole(before)) return before.start;
  // The unit alone (从省发改委): after a break or a word that governs it, not inside a word.
  return !before || GOVERNING.has(before.pos ?? '') || !/[\u4e00-\u9fff]/.test(text[start - 2] ?? '') ? start - 1 : start;
}
/** Parts of speech of a word right before which a name may open: verbs, prepositions,
 *  conjunctions, 的 (从 + 省发改委, 以 + 金风科技). */
export const GOVERNING: ReadonlySet<string> = new Set(['v', 'p', 'c', 'uj']);
