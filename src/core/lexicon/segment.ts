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
  // Its own scratch: this runs in the middle of the outer segmentation.
  const { prev } = bestPath(lex, s, a, b, undefined, [], b - a - 1, new Scratch(b - a));
  const cuts = new Set<number>();
  for (let j = b - a; j > 0; j = prev[j]) cuts.add(a + prev[j]);
  for (const p of forbid) if (a < p && p < b && !cuts.has(p)) return false;
  return true;
}

/** Longest word the segmenter tries (jieba's longest useful words are shorter). */
const MAX_WORD = 12;

interface Extra { start: number; end: number; cost: number }

/** Typed arrays for one segmentation, reused from call to call (windows are a few dozen units). */
class Scratch {
  best: Float64Array;
  prev: Int32Array;
  tag: Int16Array;
  readonly ends = new Int32Array(MAX_WORD);
  readonly costs = new Float64Array(MAX_WORD);
  readonly tagIds = new Uint8Array(MAX_WORD);
  constructor(n: number) {
    this.best = new Float64Array(n + 1);
    this.prev = new Int32Array(n + 1);
    this.tag = new Int16Array(n + 1);
  }
  fit(n: number): this {
    if (this.best.length < n + 1) {
      this.best = new Float64Array(2 * n + 2);
      this.prev = new Int32Array(2 * n + 2);
      this.tag = new Int16Array(2 * n + 2);
    }
    return this;
  }
}
const SHARED = new Scratch(64);

/**
 * Best segmentation of s[lo, hi); `extra` is one more word the caller vouches for (a glossary term
 * or a name); `forbid` positions no word may cross. Returns the cost, and per end offset (from
 * lo) the start of its word and the word's tag (-1 for a character the lexicon lacks), valid
 * until the next call.
 */
function bestPath(lex: Lexicon, s: string, lo: number, hi: number, extra: Extra | undefined, forbid: readonly number[], maxWord = MAX_WORD, scratch = SHARED): { cost: number; prev: Int32Array; tag: Int16Array } {
  const n = hi - lo;
  const { best, prev, tag, ends, costs, tagIds } = scratch.fit(n);
  best.fill(Infinity, 0, n + 1);
  best[0] = 0;
  for (let i = lo; i < hi; i++) {
    const base = best[i - lo];
    if (base === Infinity) continue;
    let single = false;
    const count = lex.wordsAt(s, i, Math.min(hi, i + maxWord), ends, costs, tagIds);
    for (let k = 0; k < count; k++) {
      const j = ends[k];
      if (j === i + 1) single = true;
      else if (forbid.length > 0 && crosses(forbid, i, j) && !(NAME_TAGS.has(lex.tags[tagIds[k]]) && nameAcross(lex, s, i, j, forbid))) continue;
      const c = base + costs[k];
      if (c < best[j - lo]) {
        best[j - lo] = c;
        prev[j - lo] = i - lo;
        tag[j - lo] = tagIds[k];
      }
    }
    if (!single && base + lex.unknownCost < best[i + 1 - lo]) {
      best[i + 1 - lo] = base + lex.unknownCost;
      prev[i + 1 - lo] = i - lo;
      tag[i + 1 - lo] = -1;
    }
    if (extra && extra.start === i && extra.end <= hi && base + extra.cost < best[extra.end - lo]) {
      best[extra.end - lo] = base + extra.cost;
      prev[extra.end - lo] = i - lo;
      tag[extra.end - lo] = -1;
    }
  }
  return { cost: best[n], prev, tag };
}

function crosses(forbid: readonly number[], a: number, b: number): boolean {
  for (const p of forbid) if (a < p && p < b) return true;
  return false;
}

/** Cost given to a candidate span as a word: a glossary term or a name is a unit, as a word seen
 *  about 200 times in jieba's corpus would be; a word the lexicon knows better keeps its own. */
const CANDIDATE_FREQ_LOG = Math.log(200);
/** How much more likely a segmentation with a word across the edge must be to overrule the span. */
const MARGIN = 1.0;
/** How many characters past each edge of a span the segmenter looks at. */
export const CONTEXT = 6;

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

/** How far left of an edge a word across it is looked for (words of up to 6 characters that
 *  start 1–5 before it); longer words are compound names, which never overrule an edge. */
const ACROSS_REACH = 5;

/** True when some word of the lexicon within s[lo, hi) starts before `p` and ends after it. */
function wordAcross(lex: Lexicon, s: string, lo: number, hi: number, p: number): boolean {
  if (p <= lo || p >= hi) return false;
  for (let i = Math.max(lo, p - ACROSS_REACH); i < p; i++) if (lex.longestEnd(s, i, Math.min(hi, i + MAX_WORD)) > p) return true;
  return false;
}

/** True when a word of the lexicon runs from the end of `left` into the start of `right`
 *  (上汽大 + 众, 实体 + 经济): two pieces of one line broken by PDF extraction. */
/**
 * True when the best segmentation of s[lo, hi) keeps a word whole across `at`, by the same margin
 * as cutsAWord: the 人 of 13亿人口 belongs to 人口, not to the number before it.
 */
export function keepsWordAcross(s: string, at: number, lo: number, hi: number): boolean {
  const lex = getLexicon();
  if (!wordAcross(lex, s, lo, hi, at)) return false;
  const free = bestPath(lex, s, lo, hi, undefined, []).cost;
  return bestPath(lex, s, lo, hi, undefined, [at]).cost - free > MARGIN;
}

export function joinsAWord(left: string, right: string): boolean {
  const s = left.slice(-MAX_WORD) + right.slice(0, MAX_WORD);
  const p = Math.min(left.length, MAX_WORD);
  return wordAcross(getLexicon(), s, 0, s.length, p);
}

/** The words of s[lo, hi) in their best segmentation, with parts of speech. */
export function tokens(s: string, lo: number, hi: number): Token[] {
  const lex = getLexicon();
  const { prev, tag } = bestPath(lex, s, lo, hi, undefined, []);
  const out: Token[] = [];
  for (let j = hi - lo; j > 0; j = prev[j]) out.push({ start: lo + prev[j], end: lo + j, pos: tag[j] < 0 ? undefined : lex.tags[tag[j]] });
  return out.reverse();
}
