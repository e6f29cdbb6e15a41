// Named programmes and plan documents (TERM): 妇女儿童发展纲要, 农村人居环境整治三年行动,
// 大气污染防治行动计划, 国企改革三年行动方案, 高校毕业生就业促进计划, 创业引领计划. National reports name dozens of new ones every year,
// more than a glossary can keep up with; they are found by their head word and the verb that puts
// them in force (实施, 开展, 出台 …), the way `systems` finds …责任制. Plans counted by year or in
// general (年度计划, 五年计划, 发展规划) and programmes with no name of their own (专项行动,
// 重大工程) are not; nor are 工程 (works: a dam is not a term) and bare 计划/规划 (the planned
// economy's plans: 工业生产计划, 财政收支计划).
import type { Span } from '../types';
import { toOriginalRange, type CompactView } from '../text/compact';

const PROGRAMME_TAIL = /(?:行动计划|行动方案|行动纲要|规划纲要|发展纲要|三年行动|五年行动|专项行动|行动|(?:促进|引领|提升|支持|培养|培训|资助|援助|振兴)计划)(?=[，。；、：）」”\n]|的|和|与|及|等|草案|$)/g;
const REACH = 16;
// A name starts after these: the verbs that put a programme in force, and function words (和 too,
// though a name may hold it — 教育改革和发展规划纲要 — more often it joins two things).
const IN_FORCE = /(?:落实好|实施好|执行好|推进好|推出|完善|实现|提前|采取|拟定|修订|审议|讨论|研究|遵守|保证|超额|实施|开展|启动|出台|制定|落实|执行|贯彻|编制|颁布|印发|推进|推动|组织|部署|完成|做好|抓好|办好|继续|深入|扎实|稳步|全面|持续|加快|大力|发布|的|和|与|及|或|把|将|对|在|为|于|从|以|向|是|了|要|并|也|都|还|又|已|等|同|由|按照|根据|围绕|通过)/g;
// Openings that count or qualify programmes instead of naming one.
const NOT_A_NAME = /^(?:一批|一些|若干|各项|各类|各种|各个|多种|多项|这|该|此|上述|有关|相关|重大|重点|部分|本|今年|明年|年度|具体|总体|实际|联合|统一|共同|专项|见诸|付诸|携手|采取|有力|果断|一致|切实|集中)/;
// Qualifiers in front of a name that are not part of it: 新一轮妇女儿童发展纲要.
const ROUND = /^(?:新一轮|新一批|新一期|新的|新\d+年|新十年)/;

export function programmes(v: CompactView): Span[] {
  const s = v.text;
  const out: Span[] = [];
  PROGRAMME_TAIL.lastIndex = 0;
  for (let t = PROGRAMME_TAIL.exec(s); t; t = PROGRAMME_TAIL.exec(s)) {
    const k = t.index;
    const end = k + t[0].length;
    let a = k;
    // Digits are taken along so that 新10年 can be told from the name (and a year in it rejects it).
    while (a > 0 && k - a < REACH && /[\u4e00-\u9fff0-9]/.test(s[a - 1])) a--;
    // The name starts after the last verb that puts it in force or function word in reach, or at
    // the clause start. Not after any stop word: names hold 保障, 提升, 安全 … (城乡供水安全保障三年行动).
    let start = a;
    for (const m of s.slice(a, k).matchAll(IN_FORCE)) start = a + m.index! + m[0].length;
    if (start === a && k - a === REACH) continue; // no verb, function word or clause start in reach
    const round = ROUND.exec(s.slice(start, k));
    if (round) start += round[0].length;
    const name = s.slice(start, k);
    // 2030年前… : a name cut after a year's digits (where it starts is unknown); 见诸行动 is no programme.
    // A programme named by what it does (就业促进计划, 创业引领计划) may be short; an action needs more.
    const shortest = t[0].endsWith('计划') && !t[0].startsWith('行动') ? 2 : 4;
    if (name.length < shortest || NOT_A_NAME.test(name) || /各[种类项个]/.test(name) || name.endsWith('的') || /^年|[0-9]|见诸|付诸/.test(name)) continue;
    const r = toOriginalRange(v, start, end);
    out.push({ start: r.start, end: r.end, label: 'TERM', origin: 'rule', reason: 'programme' });
  }
  return out;
}
