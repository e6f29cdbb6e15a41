// A province's, city's or county's version of a national goal (TERM): 工业强省, 制造强市, 科技强区,
// 教育强县 are what 制造强国, 科技强国, 教育强国 are for the country. Local plans coin them freely,
// so they are derived from the glossary's X强国 entries rather than listed: X + 强 + 省/市/区/县
// is a term when X强国 is one.
import type { Span } from '../types';
import type { CompiledGlossary } from '../glossary/glossary';
import { toOriginalRange, type CompactView } from '../text/compact';

const GOAL = /强[省市区县]/g;
/** Lengths of X tried, longest first (知识产权 + 强省). */
const PREFIX_LENGTHS = [4, 3, 2];
/** Sectors whose national goal has another name (工业强国 is 制造强国's older wording). */
const SAME_AS = new Map([['工业', '制造']]);

export function regionalGoals(v: CompactView, g: CompiledGlossary): Span[] {
  const s = v.text;
  const out: Span[] = [];
  GOAL.lastIndex = 0;
  for (let m = GOAL.exec(s); m; m = GOAL.exec(s)) {
    const k = m.index;
    for (const len of PREFIX_LENGTHS) {
      if (k < len) continue;
      const sector = s.slice(k - len, k);
      if (!/^[\u4e00-\u9fff]+$/.test(sector)) continue;
      const national = g.lookup(`${SAME_AS.get(sector) ?? sector}强国`);
      if (national?.category !== 'TERM') continue;
      const r = toOriginalRange(v, k - len, k + 2);
      out.push({ start: r.start, end: r.end, label: 'TERM', origin: 'rule', reason: 'regional-goal' });
      break;
    }
  }
  return out;
}
