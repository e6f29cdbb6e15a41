// NUM recognizer: quantities, money, areas, percentages, dates, durations, ranks and scale levels,
// written with Arabic, full-width or Chinese numerals, across PDF line breaks.
// Span rules follow shared/corpus/GUIDELINES.md: number + magnitude + approximation infix + unit
// inside; qualifiers (超, 近, 约, 左右, 以上 …) outside but read into the value's `approx`.
import type { NumberValue, Span } from '../types';
import { compactView, toOriginalRange, type CompactView } from '../text/compact';
import { CHAR, CN_NUMERAL, CN_YEAR_DIGIT, NUMERAL_RUN, NUM_AFTER_CN, NUM_START, groupByUnit, isIdeograph, isLatinLetter, markChars } from '../text/char-class';
import { CONTEXT, keepsWordAcross } from '../lexicon/segment';
import { withTail } from './number-tails';
import { clean, magnitudeValue, parseArabic, parseChinese, CN_NUMERAL_CHARS } from './numerals';
import { NOT_NUMBERS, TIME_UNITS, UNITS, UNITS_NOT_AFTER_SINGLE_CN } from './number-words';
import { readQualifiers, withApprox } from './number-qualifiers';

// Thousands separators: ASCII or full-width (the text is not width-folded wholesale, see foldForNumbers).
const AR = String.raw`\d+(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const CN = `[${CN_NUMERAL_CHARS}]+`;
const MAG = '(?:千万|百万|十万|万亿|千亿|百亿|亿|万|千|百)';
const INFIX = '(?:多|余|几|来)';

const UNIT_ALT = Object.keys(UNITS).sort((a, b) => b.length - a.length).map(escape).join('|');

// By first character, longest first: one table lookup per candidate instead of a regex exec.
const NOT_NUMBERS_BY_FIRST = groupByUnit([...NOT_NUMBERS].sort((a, b) => b.length - a.length));

/** Length of the not-a-number word starting at i (0 when none). */
function notNumberAt(s: string, i: number): number {
  const words = NOT_NUMBERS_BY_FIRST.get(s.charCodeAt(i));
  if (!words) return 0;
  // 一 alone starts some thirty of these words and is everywhere: the second unit rules most of
  // them out before a startsWith call is made.
  const second = s.charCodeAt(i + 1);
  for (const w of words) if ((w.length < 2 || w.charCodeAt(1) === second) && s.startsWith(w, i)) return w.length;
  return 0;
}

const YEAR = '(?:1[5-9]\\d\\d|20\\d\\d|2100)';
const CN_YEAR = '[〇零一二三四五六七八九]{4}';
const MONTH = '(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])';
const DAY = '(?:3[01]|[12]\\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])';
const PART = '(?:上半年|下半年|前三季度|第[一二三四1-4]季度|[一二三四1-4]季度|年底|年初|年末|年中|底|初|末|[春夏秋冬]季(?![奥运残])|[春夏秋冬](?![节耕播种收粮运装天征购夏秋冬奥残季])|度(?![过日假]))';
const RANGE_CHARS = '-—–~～至到';
// 1-9月, 2022年1-7月: a span of months is one date (GUIDELINES: ranges are one span); joined by a
// dash or a tilde only (至/到 join whole dates).
const MONTH_DASH = '[-—–~～]';
const MONTHS = `${MONTH}(?:${MONTH_DASH}${MONTH}(?=月))?`;
const DATE_ONE = `(?:${YEAR}|${CN_YEAR})年(?:${MONTHS}月(?:${DAY}[日号])?)?${PART}?`;
/** Units of physical size a scale level is measured in (万吨级 berths, 百万千瓦级 power stations). */
const SIZE_UNITS = /^(?:吨|万吨|亿吨|千瓦|万千瓦|兆瓦|吉瓦|千伏|伏|米|千米|公里|立方米|平方米|吨标准煤|标准箱)$/;
const RANGE_SEP = `[${RANGE_CHARS}]`;
// 上百万, 近千万: a bare magnitude after these counts (the qualifier stays outside the span).
const countedAfter = (s: string, i: number) => /[上近数几逾超]/.test(s[i - 1] ?? '');

const RE_DATE_RANGE = new RegExp(`(?:${DATE_ONE}|${YEAR})${RANGE_SEP}${DATE_ONE}`, 'y');
const RE_DATE = new RegExp(DATE_ONE, 'y');
const RE_ISO_DATE = new RegExp(`${YEAR}([-/.])(?:1[0-2]|0?[1-9])\\1(?:3[01]|[12]\\d|0?[1-9])(?!\\d)`, 'y');
// 四月初, 6月底, 3月中旬: a date keeps its part of the month, as 2021年底 keeps its part of the year;
// 5月份 is the month.
const RE_MONTH_DAY = new RegExp(`${MONTHS}月(?:${DAY}[日号]|[上中下]旬|初|底|末|份)?`, 'y');
const RE_MONTH_DASH = new RegExp(MONTH_DASH);
const RE_QUARTER = /第?[一二三四1-4]季度/y;
const PERCENT_CN = `百分之(?:${AR}|${CN})(?:点[${CN_NUMERAL_CHARS}]+)?`;
// 百分之八至百分之九 is one range, as 6.5%－7% is (GUIDELINES: ranges are one span).
// … and so is 百分之二到三, whose second bound leaves 百分之 out.
const RE_PERCENT_CN = new RegExp(`${PERCENT_CN}(?:${RANGE_SEP}(?:百分之)?(?:${AR}|${CN})(?:点[${CN_NUMERAL_CHARS}]+)?)?`, 'y');
// 41.7%到86.7%: the upper bound of a range of percentages.
const RE_CN_DECIMAL = new RegExp(`([${CN_NUMERAL_CHARS.replace('万亿', '')}]+点[〇零一二三四五六七八九]+)(${MAG})?(${UNIT_ALT})?`, 'y');
const RE_PERCENT_TAIL = new RegExp(`${RANGE_SEP}(${AR})%`, 'y');
const RE_FRACTION = new RegExp(`(?:${AR})/(?:${AR})|[${CN_NUMERAL_CHARS}]+分之[${CN_NUMERAL_CHARS}]+`, 'y');
const NUMBER_CORE = `(?:(${AR})(${INFIX})?(${MAG})?|(${CN}))`;
// 四亿零七百多万吨: a Chinese numeral may take its last magnitude after the infix.
const RE_QUANTITY = new RegExp(`(第)?${NUMBER_CORE}(${INFIX})?(?:${RANGE_SEP}${NUMBER_CORE})?((?<=[多余几来])[万亿])?(${UNIT_ALT})?(级|大|强)?`, 'y');

// Character tests on code units (a regex test per character was a fifth of this recognizer).
// The rules read width-folded text (foldForNumbers), so isLatinLetter only meets ASCII letters.
const isDigitCode = (c: number) => c >= 0x30 && c <= 0x39;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/%]/g, '\\$&');
}

// Characters that can start a number: a lookup (src/core/text/char-class.ts) keeps the scan loop
// cheap on prose.
for (const c of '0123456789第' + CN_NUMERAL_CHARS) markChars(c, NUM_START);
for (let c = 0xff10; c <= 0xff19; c++) CHAR[c] |= NUM_START; // full-width digits

// What may follow a run of Chinese numerals in any pattern above: a unit's first character, a
// date/percent/fraction/range/infix/level character, a digit. 一些, 统一, 进一步 stop here cheaply.
for (const u of Object.keys(UNITS)) markChars(u[0], NUM_AFTER_CN);
markChars('年月日号季分之点多余几来级大强-—–~～至到/%‰0123456789万亿', NUM_AFTER_CN);
markChars('0123456789.,，', NUMERAL_RUN); // digits and the separators inside Arabic numerals
markChars(CN_NUMERAL_CHARS, CN_NUMERAL);
markChars('〇零一二三四五六七八九', CN_YEAR_DIGIT);
const isCn = (c: number) => (CHAR[c] & CN_NUMERAL) !== 0; // NaN (past the end) reads as 0

/** Cheap test: can a number start at i? Skips lone numerals inside ordinary words. */
function mayStartNumber(s: string, i: number): boolean {
  if (s.charCodeAt(i) === 0x7b2c /* 第 */) return true; // ranks may stand bare: 全国第六。
  const c = s.charCodeAt(i);
  if (!isCn(c)) return (CHAR[c] & NUM_START) !== 0;
  if (s.startsWith('百分之', i) || s.startsWith('一半', i)) return true;
  let j = i;
  while (j < s.length && isCn(s.charCodeAt(j))) j++;
  if (s.charCodeAt(j - 1) === 0x4ebf /* 亿 */) return true; // bare magnitudes: 突破千亿，
  if (s.charCodeAt(j - 1) === 0x4e07 /* 万 */ && (j - i >= 3 || countedAfter(s, i))) return true; // 一亿二千万(农户), 上百万: quantity() decides
  if (j === i + 1 && s.charCodeAt(j) === 0x3001 /* 、 */) return true; // 二、三百亿度 (adjacentDigits)
  if (j === i + 4 && yearAt(s, i)) return true; // 一九八一和…: a year without 年 (RE_CN_BARE_YEAR)
  return j < s.length && (CHAR[s.charCodeAt(j)] & NUM_AFTER_CN) !== 0;
}

export function recognizeNumbers(text: string, view: CompactView = compactView(text)): Span[] {
  const raw = view.text;
  let s: string | undefined;
  const out: Span[] = [];
  let i = 0;
  while (i < raw.length) {
    if ((CHAR[raw.charCodeAt(i)] & NUM_START) === 0) { i++; continue; }
    s ??= foldForNumbers(raw); // folded lazily: texts without numbers never pay for it
    if (!mayStartNumber(s, i)) {
      let j = i + 1;
      while (j < s.length && isCn(s.charCodeAt(j))) j++;
      i = j;
      continue;
    }
    const word = notNumberAt(s, i);
    if (word) { i += word; continue; }
    const hit = matchAt(s, i);
    if (hit) {
      // 几万项, 数十亿元: 几/数 before a magnitude is the number's first digit, “several”.
      const several = (s[i - 1] === '几' || s[i - 1] === '数') && '十百千万亿'.includes(s[i]) && hit.value !== undefined;
      // 前三季度: the first three quarters, one period; without 前 the span would say Q3.
      const firstQuarters = s[i - 1] === '前' && hit.value?.unit === '季度';
      hit.end = withTail(s, hit.end, hit.value);
      const r = toOriginalRange(view, several || firstQuarters ? i - 1 : i, hit.end);
      const value = hit.value;
      if (value) readQualifiers(s, several ? i - 1 : i, hit.end, value);
      if (several) value!.approx = 'about';
      out.push({ start: r.start, end: r.end, label: 'NUM', origin: 'rule', value, reason: hit.reason, ...(hit.optional ? { optional: true } : {}) });
      i = hit.end;
    } else {
      // Skip the whole numeral run so a failed 十四五 is not retried as 四五.
      let j = i + 1;
      while (j < s.length && (CHAR[s.charCodeAt(j)] & (NUMERAL_RUN | CN_NUMERAL)) !== 0) j++;
      i = j;
    }
  }
  return out;
}

// Full-width forms the number rules read as ASCII: digits, Latin letters, ．－／％＋. Other
// full-width punctuation never decides a number, and the full-width comma (a thousands separator
// only between digits) is matched as itself, so ordinary Chinese text is not copied at all.
const FOLDED = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff0e\uff0d\uff0f\uff05\uff0b]/;
const FOLDED_ALL = new RegExp(FOLDED.source, 'g');
function foldForNumbers(s: string): string {
  if (!FOLDED.test(s)) return s;
  return s.replace(FOLDED_ALL, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

interface Hit {
  end: number;
  value?: NumberValue;
  reason: string;
  optional?: boolean;
}

function sticky(re: RegExp, s: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(s);
}

function matchAt(s: string, i: number): Hit | undefined {
  const prev = i > 0 ? s[i - 1] : '';
  // A digit glued to Latin letters or another digit is part of a code or model name (5G, G20, PM2.5).
  const pc = s.charCodeAt(i - 1); // NaN at 0: no class
  if (isDigitCode(s.charCodeAt(i)) && (isLatinLetter(pc) || isDigitCode(pc) || pc === 0x2e /* . */ || pc === 0x2b /* + */)) return undefined;

  // Cheap character tests first: most candidates are plain quantities, and each sticky regex
  // below costs far more than looking at the characters that could start or mark it.
  const c0 = s.charCodeAt(i);
  let m: RegExpExecArray | null;
  if (yearAt(s, i)) {
    m = sticky(RE_DATE_RANGE, s, i);
    if (m && dateEndsWell(s, i + m[0].length)) return dateHit(m[0], i, true);
    m = sticky(RE_ISO_DATE, s, i);
    if (m) return { end: i + m[0].length, reason: 'date', value: isoDateValue(m[0]) };
    m = sticky(RE_DATE, s, i);
    if (m && dateEndsWell(s, i + m[0].length)) return dateHit(m[0], i, false);
    // 一九八一和一九八二两个年度计划: a year in Chinese digits without 年, where 两 starts the count
    // that follows (两 is never a digit of a year).
    m = sticky(RE_CN_BARE_YEAR, s, i);
    if (m) {
      const year = parseChinese(m[0]); // positional: 一九八一 → 1981
      return { end: i + 4, reason: 'date', value: { value: year, unit: '年', kind: 'date', date: String(year) } };
    }
  }
  if (s.charCodeAt(i + 1) === 0x5b63 /* 季 */ || (c0 === 0x7b2c /* 第 */ && s.charCodeAt(i + 2) === 0x5b63)) {
    m = sticky(RE_QUARTER, s, i);
    if (m) return { end: i + m[0].length, reason: 'date', value: { value: parseQuarter(m[0]), unit: '季度', kind: 'date', part: m[0] } };
  }
  if (s.startsWith('百分之', i)) {
    m = sticky(RE_PERCENT_CN, s, i);
    if (m) {
      const [low, high] = m[0].slice(3).split(/[-—–~～至到](?:百分之)?/); // 百分之 low (mark high)
      const read = (body: string) => (/\d/.test(body) ? parseArabic(body) : parseChinese(body.split('点')[0]) + decimalCn(body));
      const nv: NumberValue = { value: clean(read(low)), unit: '%', kind: 'percent' };
      if (high !== undefined) nv.upper = clean(read(high));
      return { end: i + m[0].length, reason: 'percent', value: nv };
    }
  }
  if (fractionMarkAfter(s, i)) {
    m = sticky(RE_FRACTION, s, i);
    if (m && okAfter(s, i + m[0].length)) {
      return { end: i + m[0].length, reason: 'fraction', value: { value: clean(fractionValue(m[0])), unit: '', kind: 'quantity' } };
    }
  }
  if (s.startsWith('一半', i)) return { end: i + 2, reason: 'fraction', value: { value: 0.5, unit: '', kind: 'quantity' } };
  // 一点四倍, 六点五亿吨: a Chinese decimal is a number when a magnitude or unit follows it (三点 alone
  // is three points, 三点五 a time of day or a list).
  if (isCn(c0) && s.indexOf('点', i) > i && s.indexOf('点', i) < i + 6) {
    m = sticky(RE_CN_DECIMAL, s, i);
    if (m && (m[2] || m[3])) {
      const info = m[3] ? UNITS[m[3]] : undefined;
      const value = (parseChinese(m[1].split('点')[0]) + decimalCn(m[1])) * magnitudeValue(m[2] ?? '');
      return { end: i + m[0].length, reason: info?.kind ?? 'magnitude', value: { value: clean(value), unit: m[3] ?? '', kind: info?.kind ?? 'quantity' } };
    }
  }
  // Months (6月) are dates unless they are durations (6个月 is caught by the quantity rule below).
  if (s.charCodeAt(i + 1) === 0x6708 || s.charCodeAt(i + 2) === 0x6708 || s.charCodeAt(i + 3) === 0x6708 || s.charCodeAt(i + 4) === 0x6708 || s.charCodeAt(i + 5) === 0x6708 /* 月 */) {
    m = sticky(RE_MONTH_DAY, s, i);
    if (m && !(s[i] === '一' && m[0].length === 2 && !/\d/.test(prev)) && !isCn(prev.charCodeAt(0))) {
      const [monthStr, lastStr] = m[0].split('月')[0].split(RE_MONTH_DASH);
      const read = (x: string) => (/\d/.test(x) ? Number(x) : parseChinese(x));
      const month = read(monthStr);
      const last = lastStr === undefined ? undefined : read(lastStr);
      if (month >= 1 && month <= 12 && (last === undefined || (last > month && last <= 12))) {
        const value: NumberValue = { value: month, unit: '月', kind: 'date', date: `--${String(month).padStart(2, '0')}` };
        if (last !== undefined) value.upper = last; // 1-9月: January to September
        return { end: i + m[0].length, reason: last === undefined ? 'date' : 'date-range', value };
      }
    }
  }
  return adjacentDigits(s, i) ?? quantity(s, i);
}

/**
 * 二、三百亿度, 三、四十个: two neighbouring digits joined by 、 give an approximate range of the
 * quantity the second one starts (200–300亿度); a list marker (一、二、三) has no quantity after it.
 */
function adjacentDigits(s: string, i: number): Hit | undefined {
  if (s.charCodeAt(i + 1) !== 0x3001 /* 、 */ || s[i - 1] === '第') return undefined;
  const d = '一二三四五六七八'.indexOf(s[i]) + 1;
  if (d === 0 || s[i + 2] !== '二三四五六七八九'[d - 1]) return undefined;
  const hit = quantity(s, i + 2);
  if (!hit?.value || hit.value.upper !== undefined || !/[十百千万亿]/.test(s.slice(i + 3, hit.end)) && hit.value.unit === '') return undefined;
  const upper = hit.value.value;
  return { ...hit, value: { ...hit.value, value: clean((upper * d) / (d + 1)), upper } };
}

const RE_YEARS = new RegExp(`${YEAR}|${CN_YEAR}`, 'g');
const RE_RANGE_SEP = new RegExp(RANGE_SEP);
const RE_YEAR_MONTH_DAY_PREFIX = new RegExp(`^(?:${YEAR}|${CN_YEAR})年(?:${MONTH}月(?:${DAY}[日号])?)?`);


/** Four year digits (Arabic or Chinese) at i: every date pattern starts so. */
function yearAt(s: string, i: number): boolean {
  const cn = (CHAR[s.charCodeAt(i)] & CN_YEAR_DIGIT) !== 0;
  for (let k = i; k < i + 4; k++) {
    const c = s.charCodeAt(k);
    if (cn ? (CHAR[c] & CN_YEAR_DIGIT) === 0 : !isDigitCode(c)) return false;
  }
  return true;
}

/** A fraction's mark after the numeral run at i: 1/3, 三分之一. */
function fractionMarkAfter(s: string, i: number): boolean {
  let j = i;
  if (isCn(s.charCodeAt(i))) {
    while (j < s.length && isCn(s.charCodeAt(j))) j++;
    return s.startsWith('分之', j);
  }
  while (j < s.length && (CHAR[s.charCodeAt(j)] & NUMERAL_RUN) !== 0) j++;
  return s[j] === '/';
}

function dateHit(text: string, i: number, range: boolean): Hit {
  const yearOf = (x: string) => (/\d/.test(x) ? Number(x) : parseChinese(x));
  // A single date starts with its year, four units (YEAR or CN_YEAR), and holds no other: no
  // regex pass over it for that (dates are among the commonest numbers of a report).
  const years = range ? [...text.matchAll(RE_YEARS)].map((x) => yearOf(x[0])) : [yearOf(text.slice(0, 4))];
  const value: NumberValue = { value: years[0], unit: '年', kind: 'date' };
  if (range && years.length > 1) value.upper = years[years.length - 1];
  const first = range ? text.split(RE_RANGE_SEP)[0] : text;
  const md = /年(\d{1,2}|[一二三四五六七八九十]{1,3})月(?:(\d{1,2}|[一二三四五六七八九十]{1,3})[日号])?/.exec(first);
  const num = (x: string) => (/\d/.test(x) ? Number(x) : parseChinese(x));
  if (md) {
    value.date = `${years[0]}-${String(num(md[1])).padStart(2, '0')}` + (md[2] ? `-${String(num(md[2])).padStart(2, '0')}` : '');
  } else value.date = String(years[0]);
  const part = first.replace(RE_YEAR_MONTH_DAY_PREFIX, '');
  if (part && !range) value.part = part;
  return { end: i + text.length, reason: range ? 'date-range' : 'date', value };
}

function isoDateValue(text: string): NumberValue {
  const [y, mo, d] = text.split(/[-/.]/).map(Number);
  return { value: y, unit: '年', kind: 'date', date: `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

function parseQuarter(q: string): number {
  const c = q.replace(/[第季度]/g, '');
  return /\d/.test(c) ? Number(c) : parseChinese(c);
}

function decimalCn(body: string): number {
  const k = body.indexOf('点');
  if (k < 0) return 0;
  const digits = [...body.slice(k + 1)].map((c) => parseChinese(c)).join('');
  return Number(`0.${digits}`);
}

function fractionValue(t: string): number {
  if (t.includes('/')) {
    const [a, b] = t.split('/').map(parseArabic);
    return a / b;
  }
  const [den, numer] = t.split('分之').map(parseChinese);
  return numer / den;
}

/** A date may be followed by a digit when it ends in a word (1965年到1976年 + 11年中); only a date
 *  that ends in a digit is part of a longer run of digits then. */
function dateEndsWell(s: string, end: number): boolean {
  return !isDigitCode(s.charCodeAt(end - 1)) || okAfter(s, end);
}

// 一九xx / 二〇xx without 年, not followed by another numeral: a year named in a list.
const RE_CN_BARE_YEAR = /(?:一九|二〇|二零)[〇零一二三四五六七八九]{2}(?![〇零一二三四五六七八九十百千万亿年点])/y;

/** 过去一年, 一年来, 一年以来: 一年 as the period looked back on, not 一 as an article. */
const SESSION_OF = /^(?:全国(?:人大|人民代表大会|政协|委员会)|中央委员会|人大|政协|[一二三四五六七八九十]中|历次|代表大会|党代会|中共中央|中国共产党)/;

function yearLookedBack(s: string, i: number, end: number, unit: string | undefined): boolean {
  // 整整一年, 不到一年, 提前一年, 延长一年: a length of time measured, not an article.
  return unit === '年' && (s.startsWith('过去', i - 2) || /(?:整整|不到|将近|不足|仅仅|用了|提前|延长|推迟|缩短|延期|历时)$/.test(s.slice(Math.max(0, i - 2), i)) || /^(?:来|以来|多来)/.test(s.slice(end, end + 2)));
}

/** A span must not end in the middle of a run of digits or Latin letters. */
function okAfter(s: string, end: number): boolean {
  const n = s.charCodeAt(end);
  return !isDigitCode(n) && !isLatinLetter(n);
}

function quantity(s: string, i: number): Hit | undefined {
  const m = sticky(RE_QUANTITY, s, i);
  if (!m || m[0].length === 0) return undefined;
  const [whole, di, ar, arInfix, arMag, cn, infix2, ar2, , arMag2, cn2, lateMag, unit, suffix] = m;
  const ordinal = di === '第';
  let end = i + whole.length;
  let sfx: string | undefined = suffix;
  // 大/强 only make sense for ordinals and counted categories (第二大, 五大); 强 is never kept here.
  if (sfx === '强') { end -= 1; sfx = undefined; }
  if (sfx === '大' && !ordinal && !(cn && cn.length === 1 && !unit)) { end -= 1; sfx = undefined; }
  // 级别 is a word (第5个级别 ranks a level; 级 is not a scale level's suffix there).
  if (sfx === '级' && s[end] === '别') { end -= 1; sfx = undefined; }
  if ((isDigitCode(s.charCodeAt(end - 1)) || isLatinLetter(s.charCodeAt(end - 1))) && !okAfter(s, end)) return undefined;
  const infix = arInfix ?? infix2;
  const hasRange = ar2 !== undefined || cn2 !== undefined;
  let value = ar !== undefined ? parseArabic(ar) * magnitudeValue(arMag ?? '') : parseChinese(cn! + (lateMag ?? ''));
  if (ar !== undefined && lateMag) value *= magnitudeValue(lateMag);
  if (Number.isNaN(value)) return undefined;
  const upper = hasRange ? (ar2 !== undefined ? parseArabic(ar2) * magnitudeValue(arMag2 ?? '') : parseChinese(cn2!)) : undefined;
  const info = unit ? UNITS[unit] : undefined;
  const singleCn = cn !== undefined && cn.length === 1;
  const cnOnlyMagnitude = cn !== undefined && /^[十百千万亿]+$/.test(cn) && cn.length >= 1;

  // 十三届全国人大, 第一届全国人民代表大会, 十一届三中全会: a session's ordinal belongs to its name
  // (GUIDELINES: the body is ORG, the plenum at most TERM); 第三届进博会, 连续举办8届 are counts.
  if (unit === '届' && SESSION_OF.test(s.slice(end, end + 8))) return undefined;
  if (ordinal) {
    // 第六位, 第3位, 第二大; bare 第六 only before punctuation or the end (第三方 and 第一动力 are words).
    const next = s[end] ?? '';
    // 第一 alone is a rank only at the end of a clause that ranks (位居全国第一。).
    if (cn === '一' && !unit && !sfx && !(/^[。，；！,;!]/.test(next) && (/位居|位列|排名|排在|名列|居全|列全/.test(s.slice(Math.max(0, i - 12), i)) || /(?:全省|全国|全市|全区|全县|世界|全球)$/.test(s.slice(Math.max(0, i - 2), i))))) return undefined;
    if (!unit && !sfx && /[\u4e00-\u9fff]/.test(next)) return undefined;
    // 第二、 / 第二， opening a clause enumerates points of a speech; 全国第六， is a rank.
    if (!unit && !sfx && !/[\u4e00-\u9fff]/.test(i > 0 ? s[i - 1] : '')) return undefined;
    // 第十四次党代会: the ordinal belongs to the congress's name (a TERM at most), not a NUM.
    if (unit === '次' && /^(?:全国)?(?:党代会|代表大会|全体会议|全会|会议)/.test(s.slice(end, end + 6))) return undefined;
    // 第三部分 is the third part (部 + 分 is one measure word); 第三部门 is a sector, not a rank.
    if (unit === '部' && s[end] === '分') end += 1;
    else if (unit === '部' && /[门署长委]/.test(s[end] ?? '')) return undefined;
    if (unit && !['位', '名', '个', '批', '轮', '项', '家', '座', '年', '天', '季度', '次', '部', '届'].includes(unit)) {
      end -= unit.length;
      if (/[\u4e00-\u9fff]/.test(s[end] ?? '')) return undefined;
    }
    return { end, reason: 'ordinal', value: { value: clean(value), unit: '', kind: 'ordinal' } };
  }
  // 五大方向 (a count of a list) is optional in the guidelines and often left unannotated: not emitted.
  if (sfx === '大') return undefined;
  if (sfx === '级' && !unit) {
    if (singleCn && !cnOnlyMagnitude) return undefined; // 二级总部, 一级: grades, not scale levels
    return { end, reason: 'level', value: { value: clean(value), unit: '', kind: 'level' } };
  }
  // 万吨级, 百万千瓦级: a scale level of a physical size keeps its 级 (as 千亿级 does); after a
  // counting word (5个级) 级 is not a level.
  if (sfx === '级' && unit && SIZE_UNITS.test(unit)) return { end, reason: 'level', value: { value: clean(value), unit, kind: 'level' } };
  if (sfx === '级') end -= 1;

  if (!unit) {
    // Bare numbers count only with a magnitude: 1.2万亿, 千亿 (突破千亿); bare digits are left alone.
    if (ar !== undefined && arMag) return { end, reason: 'magnitude', value: withApprox({ value: clean(value), unit: '', kind: 'quantity' }, infix) };
    if (cn !== undefined && /^(?:千亿|百亿|万亿)$/.test(cn)) return { end, reason: 'magnitude', value: { value: clean(value), unit: '', kind: 'quantity' } };
    // 一亿二千万(农户), 十亿以上: Chinese digits with a magnitude of 万 or 亿 at the end count people
    // or things before a plain noun. Not 千万/万万 (adverbs: 千万不能), 亿万 and 千百万 (NOT_NUMBERS).
    // 上百万(赤脚医生), 近千万(知识青年): a bare magnitude after 上/近/数/几 counts too.
    const counted = /[一二三四五六七八九十两]/.test(cn ?? '') || countedAfter(s, i);
    if (cn !== undefined && /^[一二三四五六七八九十两百千万亿]+[万亿]$/.test(cn) && counted && cn.length >= 2) {
      return { end, reason: 'magnitude', value: withApprox({ value: clean(value), unit: '', kind: 'quantity' }, infix) };
    }
    return undefined;
  }
  // 三点五: 点 is a decimal point there, not the measure word of 以下三点.
  if (unit === '点' && (mayStartNumber(s, end) || isDigitCode(s.charCodeAt(end)))) return undefined;
  if (unit.length === 1 && !TIME_UNITS.has(unit) && nounAfterNumber(s, i, end)) {
    // 13亿人口, 100万家庭: the measure word is the first character of the noun after the number,
    // which keeps only number, magnitude and infix (GUIDELINES: `13亿`(人口)).
    end -= 1;
    if (!((ar !== undefined && arMag) || (cn !== undefined && ((/[万亿]$/.test(cn) && cn.length > 1) || lateMag !== undefined)))) return undefined;
    return { end, reason: 'magnitude', value: withApprox({ value: clean(value), unit: '', kind: 'quantity' }, infix) };
  }
  if (cn !== undefined) {
    // 一个, 一家: an article, not a count; 一倍, (翻)一番 are multiples; 过去一年, 一年来: the
    // year a report looks back on is a period.
    if ((cn === '一' || cn === '壹') && ((unit !== '倍' && unit !== '番') || /[点點.]/.test(s[i - 1] ?? '')) && !yearLookedBack(s, i, end, unit)) return undefined;
    // 两次 is a count; 三次(产业), 五类 read as words.
    // After a word that counts events (历经三次迭代, 先后五次), 次 counts too.
    const countsEvents = unit === '次' && /(?:历经|经过|经历|先后|累计|连续|共计)$/.test(s.slice(Math.max(0, i - 2), i));
    if (singleCn && !cnOnlyMagnitude && UNITS_NOT_AFTER_SINGLE_CN.has(unit) && !(cn === '两' && unit === '次') && !countsEvents) return undefined;
    // 五十五所 is an institute's name; 五百九十八所(学校) counts schools.
    if (unit === '所' && !/[百千万]/.test(cn) && !/^(?:学校|高校|高等|大学|中学|小学|医院|院校|幼儿园)/.test(s.slice(end, end + 2))) return undefined;
  }
  // 七十年代末, 八十年代初期, 21世纪初: a decade or century keeps its part, as dates do (GUIDELINES: 2021年底).
  if (unit === '年代' || unit === '世纪') {
    const part = /^(?:初期|前期|中期|后期|末期|中叶|初|末)/.exec(s.slice(end, end + 2));
    if (part) end += part[0].length;
  }
  // 2010年 is a date (handled above); 30年 / 三年 / 7载 are durations.
  const kind = info!.kind;
  const base = info!.base ?? unit;
  let baseUnit = base;
  let factor = 1;
  const folded = foldMagnitudeUnit(base);
  if (folded) { baseUnit = folded.unit; factor = folded.factor; }
  // Durations take a trailing 多/余 inside the span: 7年多.
  if ((TIME_UNITS.has(unit) || unit === '倍') && (s[end] === '多' || s[end] === '余')) end += 1;
  const nv: NumberValue = { value: clean(value * factor), unit: baseUnit, kind };
  if (upper !== undefined) nv.upper = clean(upper * factor);
  const tail = unit === '%' && upper === undefined ? sticky(RE_PERCENT_TAIL, s, end) : null;
  if (tail) {
    end += tail[0].length;
    nv.upper = clean(parseArabic(tail[1]));
  }
  // 100万元至300万元: a range whose both ends carry the unit is one span (GUIDELINES: ranges).
  // 由3家到5家 is a change from one number to another: two spans.
  if (nv.upper === undefined && RANGE_CHARS.includes(s[end] ?? '') && !/[由从從]/.test(s[i - 1] ?? '') && (mayStartNumber(s, end + 1) || isDigitCode(s.charCodeAt(end + 1)))) {
    const high = quantity(s, end + 1);
    if (high?.value && high.value.unit === nv.unit && high.value.kind === nv.kind && high.value.upper === undefined && high.value.value > nv.value) {
      end = high.end;
      nv.upper = high.value.value;
    }
  }
  return { end, reason: kind, value: withApprox(nv, infix ?? (s[end - 1] === '多' && TIME_UNITS.has(unit) ? '多' : undefined)) };
}

/** True when the character before `end` starts a word the lexicon keeps whole with what follows,
 *  judged on the clause from the number's start to a few characters past it. */
function nounAfterNumber(s: string, start: number, end: number): boolean {
  // 万吨级: a scale level, whose 级 the unit does not share with a word (吨级).
  if (!isIdeograph(s.charCodeAt(end)) || s.charCodeAt(end) === 0x7ea7 /* 级 */) return false;
  let hi = end;
  while (hi < s.length && hi - end < CONTEXT && isIdeograph(s.charCodeAt(hi))) hi++;
  return keepsWordAcross(s, end, start, hi);
}

function foldMagnitudeUnit(unit: string): { unit: string; factor: number } | undefined {
  if (unit.length < 2) return undefined;
  const c = unit.charCodeAt(0);
  if (c !== 0x4e07 /* 万 */ && c !== 0x4ebf /* 亿 */) return undefined;
  return { unit: unit.slice(1), factor: c === 0x4e07 ? 1e4 : 1e8 };
}
