// Traditional characters read as simplified, for the rules only. The lexicon, the glossary and the
// rules are written in simplified Chinese; the 1954 report and texts from Hong Kong or Taiwan are
// not (全國人民代表大會, 鞍山鋼鐵公司). Folding one code unit to one code unit keeps every offset,
// so spans found on the folded text are spans of the original, which is what is shown and exported.
import { TRADITIONAL_PAIRS } from './traditional-table';

const SIMPLIFIED = new Uint16Array(0x10000);
const TRADITIONAL = new Map<number, number[]>(); // 发 → 發, 髮
for (let i = 0; i < TRADITIONAL_PAIRS.length; i += 2) {
  const t = TRADITIONAL_PAIRS.charCodeAt(i);
  const s = TRADITIONAL_PAIRS.charCodeAt(i + 1);
  SIMPLIFIED[t] = s;
  const list = TRADITIONAL.get(s);
  if (list) list.push(t);
  else TRADITIONAL.set(s, [t]);
}

/** The simplified form of a code unit, or the unit itself. */
export function simplifiedUnit(c: number): number {
  return SIMPLIFIED[c] || c;
}

/** The traditional forms that fold to a simplified code unit (none for most). */
export function traditionalUnits(c: number): readonly number[] {
  return TRADITIONAL.get(c) ?? NONE;
}
const NONE: readonly number[] = [];

/** `text` with traditional characters replaced by their simplified forms; the same string (no
 *  copy) when it has none, which is the case of nearly every text in mainland policy prose. */
export function foldTraditional(text: string): string {
  let i = 0;
  const n = text.length;
  while (i < n && SIMPLIFIED[text.charCodeAt(i)] === 0) i++;
  if (i === n) return text;
  const parts: string[] = [text.slice(0, i)];
  let from = i;
  for (; i < n; i++) {
    const s = SIMPLIFIED[text.charCodeAt(i)];
    if (s === 0) continue;
    if (i > from) parts.push(text.slice(from, i));
    parts.push(String.fromCharCode(s));
    from = i + 1;
  }
  parts.push(text.slice(from));
  return parts.join('');
}
