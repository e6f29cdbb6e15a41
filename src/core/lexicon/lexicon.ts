// jieba's segmentation lexicon (word, frequency, part of speech), embedded at build time in every
// bundle (scripts/lib/lexicon-plugin.mjs) and turned into a table on first use: the rules decide
// where words begin and end with a real dictionary of Chinese, not with hand-kept word lists.
// Cost of the first use: about 60 ms and 10 MB of heap (112,000 entries); nothing before it.
import data from './jieba.lexicon';

export interface Lexicon {
  /** -ln P(word) in jieba's unigram model; undefined for a string that is not a word. */
  cost(word: string): number | undefined;
  /** jieba's part-of-speech tag (n, v, ns, nt, p, c …); undefined for a string that is not a word. */
  pos(word: string): string | undefined;
  /** Longest word (in code units) that starts with this code unit; 0 when none does. */
  maxLength(code: number): number;
  /** Cost of a character that is not in the lexicon. */
  readonly unknownCost: number;
}

let lexicon: Lexicon | undefined;

/** The lexicon, built from the embedded data on first call. */
export function getLexicon(): Lexicon {
  lexicon ??= buildLexicon(data);
  return lexicon;
}

/** Reads the compact format of scripts/lib/lexicon-plugin.mjs: "total N", then "POS STEP word …". */
export function buildLexicon(compact: string): Lexicon {
  const entries = new Map<string, number>(); // word → step * 64 + part-of-speech index
  const tags: string[] = [];
  const longest = new Uint8Array(65536);
  let logTotal = 0;
  for (const line of compact.split('\n')) {
    const parts = line.split(' ');
    if (parts[0] === 'total') {
      logTotal = Math.log(Number(parts[1]));
      continue;
    }
    let tag = tags.indexOf(parts[0]);
    if (tag < 0) tag = tags.push(parts[0]) - 1;
    const packed = Number(parts[1]) * 64 + tag;
    for (let k = 2; k < parts.length; k++) {
      const w = parts[k];
      // The most frequent reading wins when a word has two tags (lines come in tag order).
      const old = entries.get(w);
      if (old === undefined || old >> 6 < packed >> 6) entries.set(w, packed);
      const c = w.charCodeAt(0);
      if (w.length > longest[c]) longest[c] = Math.min(w.length, 255);
    }
  }
  return {
    cost(word) {
      const p = entries.get(word);
      return p === undefined ? undefined : logTotal - (p >> 6) / 4;
    },
    pos(word) {
      const p = entries.get(word);
      return p === undefined ? undefined : tags[p & 63];
    },
    maxLength: (code) => longest[code],
    unknownCost: logTotal,
  };
}
