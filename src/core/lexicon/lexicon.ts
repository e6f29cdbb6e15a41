// jieba's segmentation lexicon (word, frequency, part of speech), embedded at build time in every
// bundle (scripts/lib/lexicon-plugin.mjs) and turned into a table on first use: the rules decide
// where words begin and end with a real dictionary of Chinese, not with hand-kept word lists.
//
// The table is a trie in one open-addressing hash (node, code unit) → child, so the segmenter
// walks the words that start at a position without making a string per candidate (a Map of
// strings cost a third of the whole pipeline). First use: about 40 ms and 12 MB.
import data from './jieba.lexicon';

export interface Lexicon {
  /** -ln P(word) in jieba's unigram model; undefined for a string that is not a word. */
  cost(word: string): number | undefined;
  /**
   * The words of s that start at `i` and end at or before `hi`, shortest first, written into
   * `ends`, `costs` and `tagIds` (room for `hi - i` of them); returns how many. No callback and
   * no string per word: the segmenter calls this at every position of every window.
   */
  wordsAt(s: string, i: number, hi: number, ends: Int32Array, costs: Float64Array, tagIds: Uint8Array): number;
  /** End of the longest word of s that starts at `i` and ends at or before `hi`; `i` when none. */
  longestEnd(s: string, i: number, hi: number): number;
  /** jieba's parts of speech (n, v, ns, nt, p, c …) by the index wordsAt gives. */
  readonly tags: readonly string[];
  /** Cost of a character that is not in the lexicon. */
  readonly unknownCost: number;
}

let lexicon: Lexicon | undefined;

/** The lexicon, built from the embedded data on first call. */
export function getLexicon(): Lexicon {
  lexicon ??= buildLexicon(data);
  return lexicon;
}

const NO_WORD = -1;

/** Reads the compact format of scripts/lib/lexicon-plugin.mjs: "total N", then "POS STEP word …". */
export function buildLexicon(compact: string): Lexicon {
  const lines = compact.split('\n');
  let units = 0;
  for (const line of lines) units += line.length;
  // Slots: a power of two above twice the number of trie edges (at most one per code unit).
  let size = 1 << 10;
  while (size < units * 2) size <<= 1;
  const mask = size - 1;
  const keyNode = new Int32Array(size).fill(-1);
  const keyCode = new Uint16Array(size);
  const child = new Int32Array(size);
  let nodes = 1; // node 0 is the root
  let step = new Int16Array(1 << 16).fill(NO_WORD); // per node: frequency step, NO_WORD for none
  let tagOf = new Uint8Array(1 << 16);
  const tags: string[] = [];
  let logTotal = 0;

  const slot = (node: number, code: number) => {
    let h = (Math.imul(node, 0x9e3779b1) ^ code) & mask;
    while (keyNode[h] !== -1 && (keyNode[h] !== node || keyCode[h] !== code)) h = (h + 1) & mask;
    return h;
  };
  const next = (node: number, code: number) => {
    const h = slot(node, code);
    return keyNode[h] === -1 ? -1 : child[h];
  };

  for (const line of lines) {
    const parts = line.split(' ');
    if (parts[0] === 'total') {
      logTotal = Math.log(Number(parts[1]));
      continue;
    }
    let tag = tags.indexOf(parts[0]);
    if (tag < 0) tag = tags.push(parts[0]) - 1;
    const wordStep = Number(parts[1]);
    for (let k = 2; k < parts.length; k++) {
      const w = parts[k];
      let node = 0;
      for (let j = 0; j < w.length; j++) {
        const h = slot(node, w.charCodeAt(j));
        if (keyNode[h] === -1) {
          keyNode[h] = node;
          keyCode[h] = w.charCodeAt(j);
          child[h] = nodes++;
          if (nodes > step.length) {
            const s2 = new Int16Array(step.length * 2).fill(NO_WORD);
            s2.set(step);
            step = s2;
            const t2 = new Uint8Array(tagOf.length * 2);
            t2.set(tagOf);
            tagOf = t2;
          }
        }
        node = child[h];
      }
      // The most frequent reading wins when a word has two tags.
      if (step[node] === NO_WORD || step[node] < wordStep) {
        step[node] = wordStep;
        tagOf[node] = tag;
      }
    }
  }
  // The root's children in a flat table: every walk starts there, so the first step of each is
  // one array read instead of a probe of the hash.
  const rootChild = new Int32Array(65536).fill(-1);
  for (let h = 0; h < size; h++) if (keyNode[h] === 0) rootChild[keyCode[h]] = child[h];
  const nodeOf = (word: string) => {
    let node = 0;
    for (let j = 0; j < word.length && node >= 0; j++) node = next(node, word.charCodeAt(j));
    return node > 0 && step[node] !== NO_WORD ? node : -1;
  };
  return {
    cost(word) {
      const n = nodeOf(word);
      return n < 0 ? undefined : logTotal - step[n] / 4;
    },
    wordsAt(s, i, hi, ends, costs, tagIds) {
      let node = 0;
      let n = 0;
      for (let j = i; j < hi; j++) {
        node = node === 0 ? rootChild[s.charCodeAt(j)] : next(node, s.charCodeAt(j));
        if (node < 0) break;
        if (step[node] !== NO_WORD) {
          ends[n] = j + 1;
          costs[n] = logTotal - step[node] / 4;
          tagIds[n++] = tagOf[node];
        }
      }
      return n;
    },
    longestEnd(s, i, hi) {
      let node = 0;
      let end = i;
      for (let j = i; j < hi; j++) {
        node = node === 0 ? rootChild[s.charCodeAt(j)] : next(node, s.charCodeAt(j));
        if (node < 0) break;
        if (step[node] !== NO_WORD) end = j + 1;
      }
      return end;
    },
    tags,
    unknownCost: logTotal,
  };
}
