// Left boundaries of names in running Chinese text. Without a segmenter (the core must run in a
// browser, so no native jieba), a name's start is found by cutting after the last verb or
// function word before it: 集聚南瑞集团 → 南瑞集团, 出台科技型企业腾飞八条 → 科技型企业腾飞八条.

// Words that end the name on the left: verbs and function words of policy prose.
import { CHAR, STOP_FIRST, STOP_LAST, groupByUnit } from '../text/char-class';

export const STOP_WORDS = [
  // function words
  '的', '是', '在', '于', '对', '向', '从', '由', '为', '将', '把', '被', '及', '并', '而', '或', '了', '着', '等', '据', '按', '和', '与', '暨',
  '也', '都', '还', '又', '已', '均', '仍', '就', '各', '该', '这', '那', '如', '像', '即', '所在', '以及', '其中', '包括', '例如', '比如',
  // verbs and adverbs of policy prose that commonly precede a name
  '集聚', '聚集', '聚焦', '聚力', '凝聚', '引进', '引入', '引育', '招引', '落户', '落地', '入驻', '围绕', '依托', '支持', '推动', '推进', '加快', '加速', '深化', '联合', '携手',
  '成立', '设立', '组建', '建设', '建成', '建立', '搭建', '共建', '创建', '创成', '打造', '获批', '获评', '获得', '成为', '拥有', '培育', '吸引', '组织', '要求', '提出',
  '发布', '印发', '出台', '批准', '批复', '同意', '启动', '新建', '签约', '服务', '通过', '开展', '实施', '参与', '参加', '主办', '承办', '举办', '召开', '牵头', '会同',
  '指导', '协调', '领导', '带领', '推出', '助力', '赋能', '帮助', '扶持', '包含', '拓展', '加强', '深入', '持续', '迅速', '全面', '积极', '大力', '率先', '正式', '首次',
  '先后', '分别', '共同', '相继', '成功', '已有', '现有', '目前', '今年', '去年', '位列', '位居', '领跑', '促成', '践行', '放大', '扛起', '植入', '优化', '升级', '争创',
  '做壮', '做强', '做大', '做优', '壮大', '发挥', '充分', '开创', '征程', '覆盖', '转型', '提升', '构建', '形成', '实现', '完成', '促进', '带动', '引领', '抢抓', '使命',
  '担当', '面向', '对接', '落实', '贯彻', '连续', '累计', '申报', '认定', '达到', '突破', '超过', '着力', '致力', '切实', '专门', '推荐', '授予', '命名', '评为', '入选',
  '列入', '纳入', '走进', '来到', '考察', '调研', '视察', '访问', '会见', '携', '鼓励', '引导', '要把',
  '坚持', '注重', '瞄准', '对标', '学习', '借鉴', '复制', '推广', '以', '向着', '跻身', '晋级', '跃升', '升格', '获', '经过', '经由', '联手', '牵手', '携同', '依靠',
  '查处', '清理', '规范', '完善', '抓紧', '重组', '扩大', '提供', '增设', '赋予', '布局', '整合', '改组', '组织实施', '推进实施', '支持建设', '鼓励', '要求', '督促',
  '指导', '监督', '审计', '检查', '整治', '治理', '保障', '保护', '发挥', '强化', '改善', '改进', '调整', '下放', '取消', '减少', '降低', '提高', '增强', '巩固', '稳定',
  '恢复', '扩容', '新设', '设置', '撤销', '合并', '划转', '委托', '授权', '依法', '按照', '根据', '针对', '对于', '关于', '除了', '由于', '因为', '所以', '如果', '虽然', '但是', '但', '然而', '而且', '并且', '同时', '此外', '另外', '尤其', '特别是', '其中', '通知', '决定', '意见',
  '代表', '响应', '提请', '接受', '处理', '处理好', '报请', '呈报', '上报', '请示', '缓和', '压缩', '挪用', '致使', '不许', '禁止', '严禁', '防止', '避免', '控制', '限制',
  // traditional-character forms seen in older reports
  '爲', '為', '對', '與', '從', '將', '進一步', '響應', '緩和', '關於', '們', '們的', '並', '及其', '认为', '表示', '指出', '强调', '宣布', '透露', '介绍', '来到', '前往', '同时期',
];

export const STOP_SET: ReadonlySet<string> = new Set(STOP_WORDS);
export const STOP_MAX = Math.max(...STOP_WORDS.map((w) => w.length));

// Stop words by their first and by their last code unit, shortest first. Name boundaries are
// looked for around every organization head, so these lookups replace slicing every substring
// of up to STOP_MAX units and hashing it into STOP_SET.
const SHORTEST_FIRST = [...STOP_SET].sort((a, b) => a.length - b.length);
const BY_FIRST = groupByUnit(SHORTEST_FIRST);
const BY_LAST = groupByUnit(SHORTEST_FIRST, 'last');
for (const c of BY_FIRST.keys()) CHAR[c] |= STOP_FIRST;
for (const c of BY_LAST.keys()) CHAR[c] |= STOP_LAST;

/** Stop words that start at `i` of `s` (shortest first). */
export function stopWordsAt(s: string, i: number): string[] {
  const c = s.charCodeAt(i);
  if ((CHAR[c] & STOP_FIRST) === 0) return NONE;
  const out: string[] = [];
  for (const w of BY_FIRST.get(c)!) if (s.startsWith(w, i)) out.push(w);
  return out;
}
const NONE: string[] = [];

/** True when a stop word of `s` ends exactly at `end`. */
function stopWordEndsAt(s: string, end: number): boolean {
  const c = s.charCodeAt(end - 1);
  if ((CHAR[c] & STOP_LAST) === 0) return false;
  for (const w of BY_LAST.get(c)!) if (end - w.length >= 0 && s.startsWith(w, end - w.length)) return true;
  return false;
}

/** Length of the prefix of `seg` up to and including its last stop word (0 when none). */
export function cutAfterStopWords(seg: string): number {
  // Scan end positions right to left: the first end position where a stop word ends is the cut.
  for (let end = seg.length; end > 0; end--) if (stopWordEndsAt(seg, end)) return end;
  return 0;
}
