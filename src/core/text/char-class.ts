// One table of character classes for every per-character test of the recognizers.
//
// Several rules walk the text a code unit at a time and ask "can a number start here?", "can an
// organization head start here?", "does a name found in this document start here?". Each had its
// own 65,536-entry table; Chinese text touches such a table at thousands of scattered places (one
// cache line per distinct character), so eight tables kept evicting each other and every pass ran
// at a fraction of its speed alone. Here each code unit has one 32-bit word of flags: whatever a
// pass asks of a character sits in the same cache line.
//
// Bits 0–11 are fixed when the recognizer modules load; bits 12–23 are set and cleared per call
// by the name propagation (src/core/recognize/names-matcher.ts), four sets of names at a time.

export const CHAR = new Uint32Array(65536);

// NUM (src/core/recognize/numbers.ts)
export const NUM_START = 1 << 0; // a number can start with it
export const NUM_AFTER_CN = 1 << 1; // may follow a run of Chinese numerals in some number pattern
export const CN_NUMERAL = 1 << 2; // part of a Chinese numeral
export const NUMERAL_RUN = 1 << 3; // digits and separators inside an Arabic numeral
export const CN_YEAR_DIGIT = 1 << 4; // 〇零一 … 九: a year written in Chinese digits
// ORG heads (src/core/recognize/organizations.ts)
export const HEAD_FIRST = 1 << 5; // first unit of a head of two or more units
export const HEAD_SINGLE = 1 << 6; // a one-unit head (局, 厅)
export const HEAD_SECOND = 1 << 7; // second unit of a head of two or more units
// Stop words (src/core/recognize/boundary.ts)
export const STOP_FIRST = 1 << 8;
export const STOP_LAST = 1 << 9;
// Numbered policy packages (src/core/recognize/terms.ts)
export const PACKAGE_DIGIT = 1 << 10; // 0–9
export const PACKAGE_CN = 1 << 11; // 一 … 十
// Name propagation, four bits each (one per set of names b = 0–3): bit b of (CHAR[c] >>> SHIFT) & 0xf.
export const NAME_SETS = 4;
export const NAME_FIRST_SHIFT = 12; // a name of set b starts with c
export const NAME_SECOND_SHIFT = 16; // a name of set b has c second
export const NAME_ONE_SHIFT = 20; // a one-unit name of set b is c

// ---------------------------------------------------------------------------------------------
// Whitespace and word characters: the one home of "is this a space / can a word go on over it".
// The sets differ on purpose, and each says who uses it; they are built from each other so that
// a change to one is seen in the wider ones.

/** The spaces the glossary matcher steps over inside a surface (src/core/glossary/matcher.ts):
 *  ASCII space, tab and line breaks (U+0009–U+000D), NBSP and the ideographic space. */
export function isSkippableSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x3000;
}

/** The same set as a list, for the matcher's symbol table. */
export const SKIPPABLE_SPACES: readonly number[] = Array.from({ length: 0x3001 }, (_, c) => c).filter(isSkippableSpace);

/** Whitespace that PDF extraction leaves inside words, skipped by the rule recognizers (the
 *  compact view, src/core/text/compact.ts) and by incremental re-tagging, which counts context
 *  across exactly what the rules skip: isSkippableSpace plus U+2000–U+200B and U+FEFF. */
export function isWhitespaceCode(c: number): boolean {
  // Above U+3000 only U+FEFF: one comparison for every CJK character, most of a Chinese text.
  if (c > 0x3000) return c === 0xfeff;
  return isSkippableSpace(c) || (c >= 0x2000 && c <= 0x200b);
}

/** True when `text` has a character isWhitespaceCode accepts. */
export function hasWhitespaceCode(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isWhitespaceCode(text.charCodeAt(i))) return true;
  return false;
}

/** False only when `text` has no character that JavaScript's /\s/ matches (a superset is fine:
 *  callers then run the regex). Glossary keys are compared with /\s+/ removed. */
export function mayHaveJsWhitespace(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff) return true;
  }
  return false;
}

/** `text` without what JavaScript's /\s/ matches: the key glossary surfaces are compared by (a
 *  match may hold a PDF line break). A text without whitespace is returned as it is, uncopied. */
export function withoutJsWhitespace(text: string): string {
  return mayHaveJsWhitespace(text) ? text.replace(/\s+/g, '') : text;
}

/** A code point (one- or two-unit string) that JavaScript's /\s/u matches: what re-anchoring
 *  ignores when it compares contexts. */
export function isJsWhitespace(cp: string): boolean {
  return /\s/u.test(cp);
}

/** A CJK unified ideograph of the basic block (U+4E00–U+9FFF). */
export function isIdeograph(c: number): boolean {
  return c >= 0x4e00 && c <= 0x9fff;
}

/** An ASCII letter or digit. */
export function isAsciiAlnum(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

/** A character that ends a clause for the word-edge check (src/core/recognize/word-edges.ts):
 *  anything but ideographs (basic, extension A, astral halves), Latin letters and digits of
 *  either width. */
export function isClauseBreak(c: number): boolean {
  if (isIdeograph(c) || isAsciiAlnum(c)) return false;
  if (c >= 0xff10 && c <= 0xff5a) return false; // full-width digits and letters
  return !(c >= 0x3400 && c <= 0x4dbf) && !(c >= 0xd800 && c <= 0xdfff);
}

/** Not a basic ideograph, ASCII letter, digit or （）()·- : an organization name cannot extend
 *  back over it (src/core/recognize/organizations.ts). Narrower than isClauseBreak's words on
 *  purpose: names in the reports are written with basic ideographs and ASCII. */
export function isNameBreak(c: number): boolean {
  if (isIdeograph(c) || isAsciiAlnum(c)) return false;
  return c !== 0xff08 && c !== 0xff09 && c !== 0x28 && c !== 0x29 && c !== 0xb7 && c !== 0x2d; // （）()·-
}

/** A Latin letter, half- or full-width (matching folds case and width: a, A, ａ, Ａ). */
export function isLatinLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
}

/** `words` grouped by their first code unit (or last, `by: 'last'`), each group in the given order:
 *  the candidates to try with startsWith once a character's flag says one may be there. */
export function groupByUnit(words: Iterable<string>, by: 'first' | 'last' = 'first'): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const w of words) {
    const c = w.charCodeAt(by === 'first' ? 0 : w.length - 1);
    const group = out.get(c);
    if (group) group.push(w);
    else out.set(c, [w]);
  }
  return out;
}

/** Sets `flag` on every code unit of `chars`. */
export function markChars(chars: string, flag: number): void {
  for (let i = 0; i < chars.length; i++) CHAR[chars.charCodeAt(i)] |= flag;
}
