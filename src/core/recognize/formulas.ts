// Fixed formulas written without quotation marks (TERM): 全覆盖、保基本、多层次、可持续;
// 稳定大局、统筹协调、分类施策、精准拆弹; 调整、改革、整顿、提高. Policy prose coins a principle
// as three or more parallel items of one length joined by 、, put in force by a verb (坚持, 按照,
// 贯彻 …) and usually named as a 方针, 原则 or 要求 after it. GUIDELINES: a fixed formula stays one
// span, while a list of slogans that are terms each (稳增长、促改革、调结构) is one span per item —
// so a run whose items are glossary terms is left to the glossary.
import type { Span } from '../types';
import { toOriginalRange, type CompactView } from '../text/compact';
import { isIdeograph } from '../text/char-class';

// The verb a formula is put in force by, right before its first item.
const IN_FORCE = /(?:坚持|按照|遵循|贯彻|本着|实行|落实|体现|做到|秉持|执行|根据|实现|依照|依据)$/;
// What may follow the last item: the end of the clause, or the word naming the formula. Not 和/与:
// a run that goes on with 和 is an enumeration (农业、工业、国防和科学技术).
const AFTER = /^(?:[，。；：”）\n]|的|方针|原则|要求|思路|方向|目标|总要求|理念|精神|$)/;

export function formulas(v: CompactView, isTerm: (surface: string) => boolean): Span[] {
  const s = v.text;
  const out: Span[] = [];
  for (const [runStart, runEnd] of enumerationRuns(s)) {
    const run = s.slice(runStart, runEnd);
    const parts = run.split('、');
    const n = parts[1].length;
    // Every inner item has the length of the others; the first and last are cut to it (the run
    // takes the verb before and the words after along).
    if (n < 2 || n > 6 || parts.slice(1, -1).some((p) => p.length !== n)) continue;
    const first = parts[0];
    const last = parts[parts.length - 1];
    if (first.length < n || last.length < n) continue;
    const start = runStart + first.length - n;
    const end = runEnd - last.length + n;
    if (!IN_FORCE.test(s.slice(Math.max(0, start - 3), start)) || !AFTER.test(s.slice(end, end + 3))) continue;
    const items = s.slice(start, end).split('、');
    if (items.filter(isTerm).length >= 2) continue;
    const r = toOriginalRange(v, start, end);
    out.push({ start: r.start, end: r.end, label: 'TERM', origin: 'rule', reason: 'formula' });
  }
  return out;
}

/**
 * Runs of three to seven ideograph words joined by 、 (what /[\u4e00-\u9fff]+(?:、[\u4e00-\u9fff]+){2,6}/g
 * finds), as [start, end). Walked from each 、 rather than by that regex: the regex tried every
 * position of every run of ideographs and read the run to its end each time, quadratic in the
 * length of a run and a tenth of the whole pipeline's time on report prose.
 */
export function* enumerationRuns(s: string): Generator<[number, number]> {
  let from = 0;
  for (let k = s.indexOf('、'); k >= 0; k = s.indexOf('、', Math.max(k + 1, from))) {
    let a = k;
    while (a > from && isIdeograph(s.charCodeAt(a - 1))) a--;
    if (a === k) continue;
    let items = 0;
    let end = k;
    for (let p = k; items < 6 && s.charCodeAt(p) === 0x3001; ) {
      let q = p + 1;
      while (q < s.length && isIdeograph(s.charCodeAt(q))) q++;
      if (q === p + 1) break;
      items++;
      end = p = q;
    }
    if (items < 2) continue;
    yield [a, end];
    from = end;
  }
}
