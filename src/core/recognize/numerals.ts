// Reading numerals: Arabic (with full-width digits, thousands separators, decimals) and Chinese
// (小写 一二三, 大写 壹贰叁, positional 二〇二一), plus magnitude words (万, 亿, 千亿 …).

const CN_DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const CN_SMALL_UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };

/** Every character that can be part of a Chinese numeral. */
export const CN_NUMERAL_CHARS = '零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿';

/**
 * Avoids binary floating-point noise: 3272.01 × 1e8 = 327201000000, not …000.00006, and
 * 0.1 + 0.2 = 0.3. Noise shows as a 15-significant-digit rendering that ends in zeros; a value
 * that needs all 15 digits there (1/3, 2/3) is no noise but the nearest double to the true
 * value, and is kept as it is — rounding it to 15 digits would write 0.333333333333333, which
 * Python, JSON and every reader parse as a different number than 1/3.
 */
export function clean(x: number): number {
  if (Number.isInteger(x) || !Number.isFinite(x)) return x;
  const fixed = x.toPrecision(15);
  // The mantissa's last digit, read in place (a split and three replaces per number were 2% of
  // the pipeline): sign, point and leading zeros never end it, and it always has a non-zero digit.
  const e = fixed.indexOf('e');
  return fixed.charCodeAt((e < 0 ? fixed.length : e) - 1) === 0x30 /* 0 */ ? Number(fixed) : x;
}

/** Parses an Arabic numeral string (half-width, separators allowed). */
export function parseArabic(s: string): number {
  // Most numerals are plain digits: no separators to strip, no string to rebuild.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x2c || c === 0xff0c || c === 0xff0e || c === 0xb7) return Number(s.replace(/[,，]/g, '').replace(/[．·]/g, '.'));
  }
  return Number(s);
}

// Code unit → digit value (0–9), or small unit (10, 100, 1000), or magnitude; -1 elsewhere.
const CN_DIGIT_OF = new Int8Array(65536).fill(-1);
for (const [c, v] of Object.entries(CN_DIGIT)) CN_DIGIT_OF[c.charCodeAt(0)] = v;
const CN_SMALL_UNIT_OF = new Int16Array(65536);
for (const [c, v] of Object.entries(CN_SMALL_UNIT)) CN_SMALL_UNIT_OF[c.charCodeAt(0)] = v;
const WAN = 0x4e07; // 万
const YI = 0x4ebf; // 亿

/** Parses a Chinese numeral: 三千二百七十二, 两万, 十几 (几 ignored), 二〇二一 (positional). NaN when not a numeral. */
export function parseChinese(s: string): number {
  if (!s) return NaN;
  // Positional digit strings: 二〇二一, 一九九二.
  if (s.length > 1) {
    let v = 0;
    let k = 0;
    for (; k < s.length; k++) {
      const d = CN_DIGIT_OF[s.charCodeAt(k)];
      if (d < 0) break;
      v = v * 10 + d;
    }
    if (k === s.length) return v;
  }
  let total = 0;
  let section = 0;
  let num = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    const d = CN_DIGIT_OF[c];
    if (d >= 0) num = d;
    else if (CN_SMALL_UNIT_OF[c]) {
      section += (num === 0 ? 1 : num) * CN_SMALL_UNIT_OF[c];
      num = 0;
    } else if (c === WAN) {
      total += (section + num || 1) * 1e4;
      section = num = 0;
    } else if (c === YI) {
      total = (total + section + num || 1) * 1e8;
      section = num = 0;
    } else return NaN;
  }
  return total + section + num;
}

/** Value of a magnitude word written after an Arabic number: 万 → 1e4, 千亿 → 1e11. */
export function magnitudeValue(m: string): number {
  if (!m) return 1;
  const v = parseChinese(m);
  return Number.isNaN(v) ? 1 : v;
}

