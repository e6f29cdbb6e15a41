// ORG rule 5: factories named by a place and what they make (哈尔滨锅炉厂, 吉林肥料厂,
// 西安电力电容器厂, 长春第一汽车制造厂), as the reports of the 1950s list the works built.
// 厂 alone is no head for rule 1: 各地钢厂, 山东的大型碱厂 and 工厂 are kinds, not names. A
// factory is a name here only when its first word is a place the lexicon knows and every word
// between the place and 厂 is a noun (or a number or attribute word) naming the product.
import { tokens } from '../lexicon/segment';

/** Words for what a factory makes: nouns, attributes (重型), set phrases (人造纤维), ordinals (第一). */
const PRODUCT_POS = new Set(['n', 'b', 'l', 'm', 'nz', 'vn']);
/** Places that make a description, not a name (中国工厂, 全国钢厂). */
const NOT_A_FACTORY_PLACE = /^(?:中国|全国|外国|國外|国外|我国|本国|各国|本地|当地|各地|内地|沿海|农村|城市|城乡)$/;
/** The longest place + product before 厂 looked at. */
const REACH = 12;

/** [start, end) of each factory name in the whitespace-free text `s`. */
export function factoryNames(s: string): [number, number][] {
  const out: [number, number][] = [];
  for (let k = s.indexOf('厂'); k >= 0; k = s.indexOf('厂', k + 1)) {
    const lo = Math.max(0, k - REACH);
    const words = tokens(s, lo, Math.min(s.length, k + 3));
    const last = words.findIndex((w) => w.end === k + 1);
    if (last < 0) continue; // 厂 starts a word (厂房, 厂长): not the end of a name
    const head = s.slice(words[last].start, k + 1);
    if (head === '工厂' || (words[last].pos !== 'n' && words[last].pos !== 'zg')) continue;
    // Left over the product's words to the place; something must be made (上海厂 is no name).
    let made = head.length - 1;
    let place = -1;
    for (let j = last - 1; j >= 0 && j >= last - 5; j--) {
      const w = words[j];
      if (w.start === lo && lo > 0) break; // the window's first word may be cut
      if (w.pos === 'ns' && w.end - w.start >= 2) { place = j; break; }
      if (!PRODUCT_POS.has(w.pos ?? '')) break;
      made += w.end - w.start;
    }
    if (place < 0 || made === 0 || NOT_A_FACTORY_PLACE.test(s.slice(words[place].start, words[place].end))) continue;
    out.push([words[place].start, k + 1]);
  }
  return out;
}
