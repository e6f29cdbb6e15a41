// Where a name begins, by the lexicon (src/core/lexicon): an organization's name starts at a word,
// never at a verb, adverb, pronoun, preposition or conjunction, and two names joined by a
// conjunction or preposition are two names (中国科学院同苏联科学院 → …, 苏联科学院).
import { tokens, type Token } from '../lexicon/segment';

/** Parts of speech that never begin a name (jieba's tags: verbs, adverbs, pronouns, particles …). */
const NOT_A_NAME_START = new Set(['v', 'vd', 'vi', 'vg', 'd', 'ad', 'df', 'dg', 'p', 'c', 'u', 'uj', 'ul', 'uz', 'ud', 'ug', 'uv', 'r', 'rr', 'rz', 'rg', 'y', 'e', 'o', 'zg']);
/** Parts of speech that join two names, or a modifier to a name: the name starts after them
 *  (中国科学院同苏联科学院, 山东的大型碱厂). */
const JOINS = new Set(['c', 'p', 'uj', 'ul']);
/** Proper nouns and abbreviations of names: a word of these is a name, not a description. */
const PROPER = new Set(['nt', 'ns', 'nz', 'j', 'nr', 'nrt', 'nrfg']);
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
  // A one-character verb or adverb between words does too (中学到大学, 大病才上医院), but not
  // inside a run of single characters, which is how the lexicon sees a name it lacks.
  if (!office) {
    words.forEach((w, k) => {
      if (w.start < start) return;
      const len = w.end - w.start;
      if (len >= 2 && w.pos === 'v') start = w.end;
      else if (len === 1 && (w.pos === 'v' || w.pos === 'd')) {
        const single = (x: Token | undefined) => x !== undefined && x.end - x.start === 1;
        if (!(single(words[k - 1]) && single(words[k + 1]))) start = w.end;
      }
    });
  }
  // Leading verbs, adverbs, pronouns …, and a time word before a place (当前 + 美国政府).
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (w.start < start) continue;
    const timeBeforePlace = w.pos === 't' && words[k + 1]?.pos === 'ns';
    if (w.start > start || !(NOT_A_NAME_START.has(w.pos ?? '') || timeBeforePlace)) break;
    start = w.end;
  }
  return start < headStart ? start : undefined;
}

/**
 * True when an item of an enumeration before 等 (A、B、C等企业) cannot be a name: one ordinary word
 * of the lexicon (能源, 交通, 水利 …) or only ordinary words (危房改造, 轨道交通).
 */
export function isOrdinaryWords(item: string): boolean {
  const words = tokens(item, 0, item.length);
  return words.every((w) => w.end - w.start >= 2 && w.pos !== undefined && !PROPER.has(w.pos));
}

/** True when the item is one place name of the lexicon (天津, 四川). */
export function isPlace(item: string): boolean {
  const words = tokens(item, 0, item.length);
  return words.length === 1 && words[0].pos === 'ns';
}

/** Names that open with these are national bodies named by their field (国家第三代半导体技术创新中心). */
const NATIONAL = /^(?:国家|中国|全国|中华)/;

/**
 * True when s[a, b) (a name without its head) is made only of ordinary words of two or more
 * characters (行业 + 协会, 外资保险经纪 + 公司, 公立 + 医院): a description of a kind of body, not a
 * name. One-character words and words the lexicon lacks are what names are made of (南瑞, 紫金山).
 */
export function isDescription(s: string, a: number, b: number, anyOneWord = false): boolean {
  const name = s.slice(a, b);
  if (NATIONAL.test(name)) return false;
  const words = tokens(s, a, b);
  if (anyOneWord) return words.length === 1 && words[0].pos !== undefined && !PROPER.has(words[0].pos);
  if (!words.every((w) => w.end - w.start >= 2 && w.pos !== undefined && !PROPER.has(w.pos))) return false;
  // One ordinary word (行业协会), or ordinary words after a modifier of kind, number or place
  // (公立 + 医院, 两个军事 + 集团, 国外石油 + 公司); several nouns may well be a name (未来网络研究院).
  return words.length === 1 || MODIFIER.has(words[0].pos!);
}
/** Distinguishing words (公立, 民营), numerals, adjectives, places and directions (国外, 国内). */
const MODIFIER = new Set(['b', 'm', 'mq', 'a', 's', 'f']);

