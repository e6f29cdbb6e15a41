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
