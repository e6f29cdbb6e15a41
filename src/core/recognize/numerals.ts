// Reading numerals: Arabic (with full-width digits, thousands separators, decimals) and Chinese
// (小写 一二三, 大写 壹贰叁, positional 二〇二一), plus magnitude words (万, 亿, 千亿 …).

const CN_DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const CN_SMALL_UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };

/** Every character that can be part of a Chinese numeral. */
export const CN_NUMERAL_CHARS = '零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿';

/** Folds full-width ASCII (１２３％．) to half-width; one code unit in, one out (offsets are kept). */
export function foldWidth(s: string): string {
  // Most texts have no full-width ASCII: return them as they are, without allocating.
  if (!/[\uff01-\uff5e]/.test(s)) return s;
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Avoids binary floating-point noise: 3272.01 × 1e8 = 327201000000, not …000.00003. */
export function clean(x: number): number {
  return Number.isInteger(x) ? x : Number(x.toPrecision(15));
}

/** Parses an Arabic numeral string (half-width, separators allowed). */
export function parseArabic(s: string): number {
  return Number(s.replace(/[,，]/g, '').replace(/[．·]/g, '.'));
}

/** Parses a Chinese numeral: 三千二百七十二, 两万, 十几 (几 ignored), 二〇二一 (positional). NaN when not a numeral. */
export function parseChinese(s: string): number {
  if (!s) return NaN;
  // Positional digit strings: 二〇二一, 一九九二.
  if (s.length > 1 && [...s].every((c) => c in CN_DIGIT)) {
    let v = 0;
    for (const c of s) v = v * 10 + CN_DIGIT[c];
    return v;
  }
  let total = 0;
  let section = 0;
  let num = 0;
  let sawAny = false;
  for (const c of s) {
    if (c in CN_DIGIT) {
      num = CN_DIGIT[c];
      sawAny = true;
    } else if (c in CN_SMALL_UNIT) {
      section += (num === 0 ? 1 : num) * CN_SMALL_UNIT[c];
      num = 0;
      sawAny = true;
    } else if (c === '万') {
      total += (section + num || 1) * 1e4;
      section = num = 0;
      sawAny = true;
    } else if (c === '亿') {
      total = (total + section + num || 1) * 1e8;
      section = num = 0;
      sawAny = true;
    } else return NaN;
  }
  return sawAny ? total + section + num : NaN;
}

/** Value of a magnitude word written after an Arabic number: 万 → 1e4, 千亿 → 1e11. */
export function magnitudeValue(m: string): number {
  if (!m) return 1;
  const v = parseChinese(m);
  return Number.isNaN(v) ? 1 : v;
}

