// A fast reader for glossary entries written in the plain shape, the shape of every bundled file
// and of generated term bases:
//
//   - term: 专精特新
//     category: TERM
//     aliases: [专精特新企业, "小巨人"]
//     definition: 专业化、精细化、特色化、新颖化的中小企业。
//
// The YAML library builds a syntax tree with source ranges for every node, which costs about
// 65 µs per entry: 6.5 s for a term base of 100,000 entries, with the extension host frozen. This
// reader takes one line per field and understands only what it is sure of; anything else (a
// block list, a multi-line or escaped string, a comment after a value, a value YAML would read as
// a number, a boolean or null, an anchor, a tag …) makes it return undefined, and the caller reads
// that batch of entries with the YAML library as before. A differential test holds the two readers
// to the same entries, problems and locations (test/unit/glossary-plain.test.ts).

/** One entry as written: the offset of its first key (where YAML's map node starts) and its fields. */
export interface PlainItem {
  start: number;
  fields: Map<string, string | string[]>;
}

// Core-schema plain scalars that are not strings (YAML 1.2, the library's default).
const NOT_A_STRING = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
// Characters a plain scalar cannot start with, or that start something else (indicators, signs).
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`\s+.]/;
// Anything YAML might read as a number (123, 0x1F, 0o17, 1e3, 1.5): only number characters after
// a digit. Wider than the schema's patterns on purpose (2023-01-01 goes to the library too);
// 2023年… and 5G are text.
const NUMBER_LIKE = /^[0-9][0-9a-fA-FxXoO._eE+-]*$/;

/**
 * The items between `from` and `to` (offsets of line starts in `text`, `from` at an item's `- `
 * line), or undefined when any line is not of the plain shape.
 */
export function readPlainItems(text: string, from: number, to: number, knownKeys: ReadonlySet<string>): PlainItem[] | undefined {
  const items: PlainItem[] = [];
  let current: PlainItem | undefined;
  let dashIndent = -1;
  let keyIndent = -1;
  for (let p = from; p < to; ) {
    let q = text.indexOf('\n', p);
    if (q < 0 || q > to) q = to;
    let end = q > p && text.charCodeAt(q - 1) === 0x0d ? q - 1 : q;
    const next = q + 1;
    let s = p;
    while (s < end && text.charCodeAt(s) === 0x20) s++;
    if (s === end || text.charCodeAt(s) === 0x23 /* # */) { p = next; continue; } // blank line or comment
    let k = s;
    if (text.charCodeAt(s) === 0x2d /* - */ && text.charCodeAt(s + 1) === 0x20) {
      if (dashIndent >= 0 && s - p !== dashIndent) return undefined;
      dashIndent = s - p;
      k = s + 2;
      while (k < end && text.charCodeAt(k) === 0x20) k++;
      keyIndent = k - p;
      current = { start: k, fields: new Map() };
      items.push(current);
    } else if (!current || s - p !== keyIndent) return undefined;
    // key: value on this line
    const colon = text.indexOf(':', k);
    if (colon < 0 || colon >= end) return undefined;
    const key = text.slice(k, colon);
    if (!knownKeys.has(key) || current.fields.has(key)) return undefined;
    if (colon + 1 === end || text.charCodeAt(colon + 1) !== 0x20) return undefined; // an empty value (null) or `key:value`
    while (end > colon && (text.charCodeAt(end - 1) === 0x20)) end--;
    const value = readValue(text.slice(colon + 2, end).replace(/^ +/, ''));
    if (value === undefined) return undefined;
    current.fields.set(key, value);
    p = next;
  }
  return items;
}

/** A one-line value: a plain scalar, a simple quoted string, or a flow list of plain scalars. */
function readValue(v: string): string | string[] | undefined {
  if (v === '') return undefined;
  const c = v.charCodeAt(0);
  if (c === 0x22 /* " */) {
    const close = v.indexOf('"', 1);
    if (close !== v.length - 1 || v.includes('\\')) return undefined; // escapes, or text after the closing quote
    return simple(v.slice(1, -1));
  }
  if (c === 0x27 /* ' */) {
    const close = v.indexOf("'", 1);
    if (close !== v.length - 1) return undefined; // '' escapes, or text after the closing quote
    return simple(v.slice(1, -1));
  }
  if (c === 0x5b /* [ */) {
    if (v.charCodeAt(v.length - 1) !== 0x5d /* ] */) return undefined;
    const inner = v.slice(1, -1);
    if (inner.trim() === '') return [];
    const out: string[] = [];
    for (const raw of inner.split(',')) {
      const item = flowItem(raw.replace(/^ +| +$/g, ''));
      if (item === undefined) return undefined;
      out.push(item);
    }
    return out;
  }
  return plain(v);
}

/** An item of a flow list: a plain scalar without flow indicators, or a simple quoted string. */
function flowItem(v: string): string | undefined {
  const q = v.charCodeAt(0);
  if (q === 0x22 /* " */ || q === 0x27 /* ' */) {
    const inner = v.slice(1, -1);
    if (v.length < 2 || v.charCodeAt(v.length - 1) !== q || inner.includes(v[0]) || inner.includes('\\')) return undefined;
    return simple(inner);
  }
  return /[:#[\]{}"']/.test(v) ? undefined : plain(v);
}

/** A plain scalar YAML reads as this very string, or undefined. */
function plain(v: string): string | undefined {
  if (v === '' || INDICATOR_START.test(v) || NOT_A_STRING.test(v) || NUMBER_LIKE.test(v)) return undefined;
  if (v.includes(': ') || v.includes(' #') || v.endsWith(':')) return undefined; // a mapping, a comment
  return simple(v);
}

/** Text with no control character, tab or line break (YAML folds or rejects those). */
function simple(v: string): string | undefined {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0x9f) || c === 0xfeff || c === 0x2028 || c === 0x2029 || c === 0x85) return undefined;
  }
  return v;
}
