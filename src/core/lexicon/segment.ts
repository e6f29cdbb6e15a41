// Word boundaries from the lexicon: jieba's unigram segmentation (the path of words through a
// stretch of text whose probabilities multiply to the most), run on a small window around a
// candidate span. A span whose edge falls inside a word that this segmentation keeps whole is not
// a span of that sentence (民生 in 保障人民生命安全, 一汽 in 第一汽车制造厂).
import { getLexicon, type Lexicon } from './lexicon';

export interface Token {
  start: number;
  end: number;
  /** Part of speech; undefined for a character the lexicon does not know. */
  pos: string | undefined;
}

/**
 * Parts of speech of compound names (nt organization, ns place, nz other proper noun, j
 * abbreviation): jieba lists 中国外交部, 八届全国人大, 安理会常任理事国 as words, but a name inside a
 * compound name is still a name (外交部, 全国人大), so such a word never overrules an edge.
 */
const NAME_TAGS = new Set(['nt', 'ns', 'nz', 'j']);

/** True when s[a, b) is a compound name whose own parts have a boundary at each forbidden
 *  position inside it: 中国|外交部, not 中国人民政治协商|会|议. */
function nameAcross(lex: Lexicon, s: string, a: number, b: number, forbid: readonly number[]): boolean {
  const inside = forbid.filter((p) => a < p && p < b);
  const { prev } = bestPath(lex, s, a, b, undefined, [], b - a - 1);
  const cuts = new Set<number>();
  for (let j = b - a; j > 0; j = prev[j]) cuts.add(a + prev[j]);
  return inside.every((p) => cuts.has(p));
}

/** Longest word the segmenter tries (jieba's longest useful words are shorter). */
const MAX_WORD = 12;

interface Extra { start: number; end: number; cost: number }

/**
 * Best segmentation of s[lo, hi); `extra` is one more word the caller vouches for (a glossary term
 * or a name); `forbid` positions no word may cross. Returns the cost and the words' ends.
 */
function bestPath(lex: Lexicon, s: string, lo: number, hi: number, extra: Extra | undefined, forbid: readonly number[], maxWord = MAX_WORD): { cost: number; prev: Int32Array } {
  const n = hi - lo;
  const best = new Float64Array(n + 1).fill(Infinity);
  const prev = new Int32Array(n + 1).fill(-1);
  best[0] = 0;
  const crosses = (a: number, b: number) => {
    for (const p of forbid) if (a < p && p < b) return true;
    return false;
  };
  for (let i = lo; i < hi; i++) {
    const base = best[i - lo];
    if (base === Infinity) continue;
    const relax = (j: number, c: number) => {
      if (base + c < best[j - lo]) {
        best[j - lo] = base + c;
        prev[j - lo] = i - lo;
      }
    };
    let single = false;
    lex.wordsAt(s, i, Math.min(hi, i + maxWord), (j, c, tag) => {
      if (j === i + 1) single = true;
      else if (forbid.length > 0 && crosses(i, j) && !(NAME_TAGS.has(lex.tags[tag]) && nameAcross(lex, s, i, j, forbid))) return;
      relax(j, c);
    });
    if (!single) relax(i + 1, lex.unknownCost);
    if (extra && extra.start === i && extra.end <= hi) relax(extra.end, extra.cost);
  }
  return { cost: best[n], prev };
}

/** Cost given to a candidate span as a word: a glossary term or a name is a unit, as a word seen
 *  about 200 times in jieba's corpus would be; a word the lexicon knows better keeps its own. */
const CANDIDATE_FREQ_LOG = Math.log(200);
/** How much more likely a segmentation with a word across the edge must be to overrule the span. */
const MARGIN = 1.0;
const CONTEXT = 6;

/**
 * True when the lexicon keeps a word whole across an edge of s[start, end) in its context
 * s[lo, hi) (the clause around it): the span cuts a word of its sentence.
 */
export function cutsAWord(s: string, start: number, end: number, lo: number, hi: number): boolean {
  const lex = getLexicon();
  const a = Math.max(lo, start - CONTEXT);
  const b = Math.min(hi, end + CONTEXT);
  if (a >= start && b <= end) return false; // the span fills its clause
  // Most spans have no word of the lexicon across either edge: no segmentation to compare then.
  if (!wordAcross(lex, s, a, b, start) && !wordAcross(lex, s, a, b, end)) return false;
  const own = lex.cost(s.slice(start, end));
  const extra = { start, end, cost: Math.min(own ?? Infinity, lex.unknownCost - CANDIDATE_FREQ_LOG) };
  const free = bestPath(lex, s, a, b, extra, []);
  const kept = bestPath(lex, s, a, b, extra, [start, end]);
  return kept.cost - free.cost > MARGIN;
}

/** True when some word of the lexicon within s[lo, hi) starts before `p` and ends after it. */
function wordAcross(lex: Lexicon, s: string, lo: number, hi: number, p: number): boolean {
  if (p <= lo || p >= hi) return false;
  let found = false;
  for (let i = Math.max(lo, p - MAX_WORD + 1); i < p && !found; i++) lex.wordsAt(s, i, Math.min(hi, i + MAX_WORD), (j) => { if (j > p) found = true; });
  return found;
}

/** True when a word of the lexicon runs from the end of `left` into the start of `right`
 *  (上汽大 + 众, 实体 + 经济): two pieces of one line broken by PDF extraction. */
export function joinsAWord(left: string, right: string): boolean {
  const s = left.slice(-MAX_WORD) + right.slice(0, MAX_WORD);
  const p = Math.min(left.length, MAX_WORD);
  return wordAcross(getLexicon(), s, 0, s.length, p);
}

/** The words of s[lo, hi) in their best segmentation, with parts of speech. */
export function tokens(s: string, lo: number, hi: number): Token[] {
  const lex = getLexicon();
  const { prev } = bestPath(lex, s, lo, hi, undefined, []);
  const out: Token[] = [];
  for (let j = hi - lo; j > 0; j = prev[j]) {
    const w = s.slice(lo + prev[j], lo + j);
    out.push({ start: lo + prev[j], end: lo + j, pos: lex.pos(w) });
  }
  return out.reverse();
}
