// ORG rule 7: firms named by their trade name and trade without a head word (威嘉生物, 伍星生化,
// 杭萧钢构, 中车电机), as local news and zone reports write them once the full registered name
// (…生物科技有限公司) has been dropped. A Chinese firm's name is place + trade name (字号) + trade
// (行业) + form (有限公司); the short form keeps the trade name and the trade. The trade name is
// what the lexicon does not know: two or three characters that it reads only one by one (威|嘉,
// 杭|萧), where ordinary prose has words (农业 + 和 + 生物, 发展 + 电子, 海洋 + 生物). So a name is
// found where a trade word is a word of the sentence, the two or three characters before it are
// single characters that are not function words, and a word or a break stands before those.
import { tokens, type Token } from '../lexicon/segment';
import { isNameBreak } from '../text/char-class';
import { GOVERNING } from './name-words';

/** Trades a short firm name ends in (the 行业 part of a registered name). */
const TRADE = /生物|生化|科技|电子|食品|药业|制药|医药|能源|电气|电器|电机|机械|新材|光电|光伏|股份|钢构|化工|纺织|纺机|环保|重工|精密|精工|微电子|半导体|智造/g;
/** Single characters that never make a trade name: numerals, measure words, pronouns,
 *  prepositions, conjunctions, particles, adverbs (两, 个, 其, 在, 和, 的, 都 …). */
const NOT_IN_TRADE_NAME = new Set(['m', 'mq', 'q', 'r', 'rr', 'rz', 'rg', 'p', 'c', 'u', 'uj', 'ul', 'uz', 'ud', 'ug', 'uv', 'd', 'df', 'dg', 'y', 'e', 'o', 'x', 'f']);
/** One-character verbs and auxiliaries of everyday prose (要保能源: "first, secure energy"). */
const COMMON_VERBS = /[要是有为把被让使将可能会应保抓促搞建办用加靠给]/;
/** Parts of speech of a two-character word that is a trade name by itself (proper names). */
const PROPER = new Set(['nr', 'nz', 'nrt', 'nrfg']);
/** A word a proper name may follow as a trade name: one that governs a name (name-words.ts), or
 *  punctuation and what the lexicon does not know (no part of speech). */
const governs = (pos: string | undefined) => pos === undefined || pos === 'x' || GOVERNING.has(pos);
/** Words after the trade that make it part of a longer common noun (生物 + 技术, 电子 + 信息). */
const CONTINUES = /^(?:技术|产业|工业|行业|领域|产品|企业|信息|基地|园区|园|材料|制造|装备|研发|创新|工程|设备|器件|安全|资源|经济|集群|科技|医药|健康|育种|质量|系统|部件|元件|零部件|特色|生产|汽车)/;
/** How far left the segmenter looks: a trade name and the word before it. */
const REACH = 8;

/** [start, end) of each short firm name (trade name + trade) in the whitespace-free text `s`. */
export function tradeNames(s: string): [number, number][] {
  const out: [number, number][] = [];
  TRADE.lastIndex = 0;
  for (let m = TRADE.exec(s); m; m = TRADE.exec(s)) {
    const k = m.index;
    const e = k + m[0].length;
    if (k < 2 || CONTINUES.test(s.slice(e, e + 3))) continue;
    const lo = windowStart(s, k);
    const words = tokens(s, lo, Math.min(s.length, e + 3));
    const name = tradeNameStart(s, words, k, e, lo);
    if (name !== undefined) out.push([name, e]);
  }
  return out;
}

/** Where the window begins: after the nearest break within reach, else `REACH` units back. */
function windowStart(s: string, k: number): number {
  for (let i = k - 1; i >= Math.max(0, k - REACH); i--) if (isNameBreak(s.charCodeAt(i))) return i + 1;
  return Math.max(0, k - REACH);
}

/** Start of the trade name before the trade word s[k, e), or undefined when there is none. */
function tradeNameStart(s: string, words: readonly Token[], k: number, e: number, lo: number): number | undefined {
  // The trade must begin and end at word edges of the sentence (钢|构 inside may split).
  const first = words.findIndex((w) => w.start === k);
  if (first < 0 || !words.some((w) => w.end === e)) return undefined;
  // The trade name: the single-character words right before the trade, two or three of them (中
  // opens many: 中车, 中电科), or one two-character word the lexicon tags as a proper name (金风/nz).
  let j = first;
  const single = (w: Token) => w.end - w.start === 1 && !NOT_IN_TRADE_NAME.has(w.pos ?? '');
  while (j > 0 && single(words[j - 1]) && first - j < 4) j--;
  if (j > 0 && first - j < 3 && s[words[j - 1].start] === '中' && words[j - 1].end - words[j - 1].start === 1) j--;
  const count = first - j;
  const proper = count === 0 && first > 0 && words[first - 1].end - words[first - 1].start === 2 && PROPER.has(words[first - 1].pos ?? '');
  // A proper name read as a trade name follows a break or a governing word (以 + 金风科技, 引进 +
  // …), not a modifier (绿色 + 智慧/nr + 能源 is green smart energy).
  if (proper && first > 1 && !governs(words[first - 2].pos)) return undefined;
  if (proper) j = first - 1;
  else if (count < 2 || count > 3) return undefined;
  // Before it stands a whole word (引进 + 汇川技术) or a break; at the window's start, the text's
  // start or a break.
  if (j === 0 && lo > 0 && !isNameBreak(s.charCodeAt(lo - 1))) return undefined;
  for (let t = j; t < first && !proper; t++) {
    const w = words[t];
    if (s[w.start] === '中' && t === j) continue; // 中 opens a name (中车), though a direction word
    if (NOT_IN_TRADE_NAME.has(w.pos ?? '') || !/[\u4e00-\u9fff]/.test(s[w.start]) || (w.pos === 'v' && COMMON_VERBS.test(s[w.start]))) return undefined;
  }
  return words[j].start;
}
