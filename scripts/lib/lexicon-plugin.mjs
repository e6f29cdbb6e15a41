// esbuild plugin: `import data from './jieba.lexicon'` is jieba's segmentation dictionary (dict.txt,
// MIT, as shipped by the @node-rs/jieba package) turned at build time into a compact string that
// src/core/lexicon/lexicon.ts reads lazily: the same data in the Node, browser and CLI bundles, no
// file access at run time.
//
// What is kept, and why: every single character (the segmenter needs their frequencies), and words
// of 2+ characters seen at least 5 times in jieba's corpus; person names (nr, nrt, nrfg: 80,000
// entries, mostly rare) only from 10 times on, which keeps the brand and place names jieba tags as
// persons (华为, 紫金山) whole. About 115,000 of 349,000 entries, 0.95 MB in the bundle. Frequencies are kept as ln(freq) in quarter steps, which is all the
// precision a comparison of segmentations needs.
//
// Format: one line per (part of speech, frequency step): "POS STEP word word …".
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PERSON_POS = new Set(['nr', 'nrt', 'nrfg']);
const MIN_FREQ = 5;
const MIN_PERSON_FREQ = 10;

export function compactLexicon(dictText, places = new Set()) {
  const groups = new Map();
  let total = 0;
  for (const line of dictText.split('\n')) {
    const [word, f, tag = 'x'] = line.trim().split(/\s+/);
    if (!word || !f) continue;
    const freq = Number(f);
    total += freq;
    const pos = places.has(word) ? 'ns' : tag;
    if ([...word].length > 1 && freq < (PERSON_POS.has(pos) ? MIN_PERSON_FREQ : MIN_FREQ)) continue;
    const key = `${pos} ${Math.round(Math.log(freq) * 4)}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(word);
  }
  const lines = [`total ${total}`];
  for (const [key, words] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) lines.push(`${key} ${words.join(' ')}`);
  return lines.join('\n');
}

// Words of policy prose jieba's dictionary lacks, where the lack cuts a span wrongly: 规上 (规模以上,
// above the size threshold) is read as 家规 + 上 after a count (11家规上企业), which takes 家 out of
// the number. Frequency and part of speech as jieba would give an abbreviation (j).
const SUPPLEMENT = ['规上 3000 j'];

// City and province names jieba tags as something else (合肥/n, 大连/d, 保定/v): tagged ns, so that a
// body named after one (合肥高新区) is a name, not a description. Names that are also everyday words
// of policy prose keep jieba's tag (白银 silver, 安康 well-being, 惠民 benefiting the people, 大同,
// 长治, 日照, 来宾, 渡口, 朝阳, 阿里 of Alibaba …).
const PLACE_WORDS_KEPT = new Set(['白银', '安康', '大同', '大庆', '普洱', '三明', '四平', '长治', '来宾', '日照', '阿里', '惠民', '渡口', '朝阳']);

function placeNames(tsv) {
  const out = new Set();
  for (const line of tsv.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const short = line.split('\t')[1];
    if (short && !PLACE_WORDS_KEPT.has(short)) out.add(short);
  }
  return out;
}

export const lexiconPlugin = {
  name: 'jieba-lexicon',
  setup(build) {
    build.onResolve({ filter: /\.lexicon$/ }, (args) => ({ path: args.path, namespace: 'jieba-lexicon' }));
    build.onLoad({ filter: /.*/, namespace: 'jieba-lexicon' }, () => {
      const req = createRequire(import.meta.url);
      const dictPath = join(dirname(req.resolve('@node-rs/jieba/package.json')), 'dict.txt');
      const placesPath = fileURLToPath(new URL('../../src/core/lexicon/places.tsv', import.meta.url));
      const places = placeNames(readFileSync(placesPath, 'utf8'));
      return { contents: compactLexicon(readFileSync(dictPath, 'utf8') + '\n' + SUPPLEMENT.join('\n'), places), loader: 'text', watchFiles: [dictPath, placesPath] };
    });
  },
};
