// The words around a number: units and measure words (with the kind of value they measure),
// the qualifiers read into a value's `approx`, and words written with numerals that are not numbers.
// Data for the NUM recognizer (numbers.ts), kept apart so the rules there read as rules.
import type { Approx, NumberKind } from '../types';

export interface UnitInfo {
  kind: NumberKind;
  /** Base unit after folding a leading magnitude: 万平方米 → 平方米 × 1e4. */
  base?: string;
  factor?: number;
}

// Units and measure words, longest first in the alternation. Kinds drive normalization.
export const UNITS: Record<string, UnitInfo> = {
  元: { kind: 'money' }, 美元: { kind: 'money' }, 欧元: { kind: 'money' }, 港元: { kind: 'money' }, 日元: { kind: 'money' }, 英镑: { kind: 'money' },
  平方公里: { kind: 'area' }, 平方千米: { kind: 'area', base: '平方公里' }, 平方米: { kind: 'area' }, 平米: { kind: 'area', base: '平方米' }, 平方公尺: { kind: 'area', base: '平方米' },
  亩: { kind: 'area' }, 公顷: { kind: 'area' },
  '%': { kind: 'percent' }, '‰': { kind: 'percent' }, 个百分点: { kind: 'percent' }, 百分点: { kind: 'percent' }, 个千分点: { kind: 'percent' }, 千分点: { kind: 'percent' },
  周年: { kind: 'duration', base: '年' }, 年代: { kind: 'date' }, 世纪: { kind: 'date' }, 年: { kind: 'duration' }, 载: { kind: 'duration', base: '年' }, 个月: { kind: 'duration' }, 周: { kind: 'duration' }, 天: { kind: 'duration' },
  日: { kind: 'duration', base: '天' }, 小时: { kind: 'duration' }, 分钟: { kind: 'duration' }, 秒: { kind: 'duration' }, 个工作日: { kind: 'duration' }, 工作日: { kind: 'duration' },
  公里: { kind: 'quantity' }, 千米: { kind: 'quantity' }, 公尺: { kind: 'quantity', base: '米' }, 米: { kind: 'quantity' }, 厘米: { kind: 'quantity' }, 毫米: { kind: 'quantity' }, 纳米: { kind: 'quantity' },
  立方公尺: { kind: 'quantity', base: '立方米' }, 土方: { kind: 'quantity' }, 吨公里: { kind: 'quantity' }, 人公里: { kind: 'quantity' }, 吨: { kind: 'quantity' }, 千克: { kind: 'quantity' }, 公斤: { kind: 'quantity' }, 克: { kind: 'quantity' }, 立方米: { kind: 'quantity' }, 升: { kind: 'quantity' },
  千瓦时: { kind: 'quantity' }, 千瓦: { kind: 'quantity' }, 兆瓦: { kind: 'quantity' }, 吉瓦: { kind: 'quantity' }, 瓦: { kind: 'quantity' }, 千伏: { kind: 'quantity' }, 度: { kind: 'quantity' }, 标准箱: { kind: 'quantity' }, 标箱: { kind: 'quantity' },
  家: { kind: 'quantity' }, 个: { kind: 'quantity' }, 项: { kind: 'quantity' }, 名: { kind: 'quantity' }, 人: { kind: 'quantity' }, 人次: { kind: 'quantity' }, 位: { kind: 'quantity' },
  座: { kind: 'quantity' }, 宗: { kind: 'quantity' }, 台: { kind: 'quantity' }, 套: { kind: 'quantity' }, 件: { kind: 'quantity' }, 所: { kind: 'quantity' },
  只: { kind: 'quantity' }, 辆: { kind: 'quantity' }, 户: { kind: 'quantity' }, 次: { kind: 'quantity' }, 批: { kind: 'quantity' }, 篇: { kind: 'quantity' }, 部: { kind: 'quantity' },
  本: { kind: 'quantity' }, 间: { kind: 'quantity' }, 张: { kind: 'quantity' }, 处: { kind: 'quantity' }, 栋: { kind: 'quantity' }, 幢: { kind: 'quantity' }, 层: { kind: 'quantity' },
  架: { kind: 'quantity' }, 艘: { kind: 'quantity' }, 列: { kind: 'quantity' }, 款: { kind: 'quantity' }, 类: { kind: 'quantity' }, 种: { kind: 'quantity' }, 株: { kind: 'quantity' },
  头: { kind: 'quantity' }, 支: { kind: 'quantity' }, 组: { kind: 'quantity' }, 轮: { kind: 'quantity' }, 场: { kind: 'quantity' }, 倍: { kind: 'quantity' },
  番: { kind: 'quantity' }, 份: { kind: 'quantity' }, 块: { kind: 'quantity' }, 片: { kind: 'quantity' }, 颗: { kind: 'quantity' }, 笔: { kind: 'quantity' }, 单: { kind: 'quantity' },
    册: { kind: 'quantity' }, 枚: { kind: 'quantity' }, 匹马力: { kind: 'quantity' }, 印张: { kind: 'quantity' }, 匹: { kind: 'quantity' }, 尺: { kind: 'quantity' }, 届: { kind: 'quantity' }, 档: { kind: 'quantity' }, 门: { kind: 'quantity' }, 岁: { kind: 'quantity' }, 元钱: { kind: 'money', base: '元' }, 斤: { kind: 'quantity' }, 担: { kind: 'quantity' }, 方面: { kind: 'quantity' }, 点: { kind: 'quantity' },
  // 五成, 超四成: tenths (GUIDELINES: `五成` is NUM).
  成: { kind: 'quantity' },
  对: { kind: 'quantity' }, 卷: { kind: 'quantity' }, 比特: { kind: 'quantity' },
};
// A single Chinese digit before these is too often a word (三次产业, 两地, 五类) to count as a number.
export const UNITS_NOT_AFTER_SINGLE_CN = new Set(['门', '次', '类', '种', '部', '省', '市', '县', '镇', '村', '所', '头', '支', '度', '位', '场', '单', '份', '片', '块', '本', '周', '列', '张', '处', '层', '名', '只', '台', '间']);
export const TIME_UNITS = new Set(['年', '载', '个月', '周', '天', '日', '小时', '分钟', '秒']);

// Qualifiers read into `approx`, never inside the span.
export const BEFORE: [string, Approx][] = [
  ['超过', 'over'], ['突破', 'over'], ['高达', 'over'], ['超', 'over'], ['逾', 'over'], ['多达', 'over'],
  ['将近', 'under'], ['接近', 'under'], ['不足', 'under'], ['不到', 'under'], ['近', 'under'],
  ['大约', 'about'], ['约', 'about'], ['大概', 'about'],
  ['不低于', 'at-least'], ['不少于', 'at-least'], ['至少', 'at-least'],
  ['不超过', 'at-most'], ['不高于', 'at-most'], ['最多', 'at-most'],
];
export const AFTER: [string, Approx][] = [['左右', 'about'], ['上下', 'about'], ['以上', 'at-least'], ['以下', 'at-most'], ['以内', 'at-most'], ['之内', 'at-most']];

// Words that contain numerals but are not numbers (idioms, fixed words, slogans).
export const NOT_NUMBERS = [
  '一批', '一流', '一体', '一站式', '一次性', '统一', '唯一', '一手抓', '第一动力', '第一时间', '第一要务', '第一资源', '万物', '一些', '一起', '一直', '一定', '一般', '一致',
  '一样', '一切', '一方面', '进一步', '千家万户', '千方百计', '百花齐放', '万无一失', '一心一意', '千军万马', '万水千山', '百舸争流', '千载难逢', '一马当先',
  '一以贯之', '一张蓝图', '一揽子', '一把手', '万众一心', '四面八方', '五湖四海', '千千万万', '一鼓作气', '三令五申', '七上八下', '乱七八糟', '十全十美',
  '一带一路', '一国两制', '三农', '两岸', '两会', '双一流', '百姓', '百强', '千亿计', '数以万计', '成千上万', '一举', '一道', '一同', '一旦', '一再', '一度',
  '百家', '亿万', '千百万', '成千成万', '千成万', '三番五次', '九牛一毛', '百年未有之大变局', '十四五', '十三五', '十五五', '十二五', '十一五', '二十大', '十九大', '十八大', '一号文件', '五位一体', '四个全面',
];
