// Windows and joins: the locality argument that lets incremental re-tagging (retag.ts) and
// tagging in slices (slices.ts) tag parts of a text and still equal engine.tag on the whole.
//
// Locality. Whether a span is found depends, for most rules, on the text within some context
// radius C around it (C counted in non-whitespace code units, because the recognizers skip PDF
// line breaks inside words). A window of text tagged on its own is then right everywhere except
// within C of its ends. Two taggings that are both right over a stretch (a "zone") agree there,
// and are joined at a point of the zone that no span of either crosses.
// Locality is checked, not trusted: both taggings must be identical over the whole zone, with a
// point no span crosses. When not (a cascade of overlap decisions, a rule with a wide view), the
// window doubles and is tagged again — at worst until it is the whole text. The check sees what
// shows in the zone's spans; hidden state that leaves no span there (a quote that pairs with one
// arbitrarily far away) can slip through, so rules should keep their view bounded.
//
// Document-level rules are not local at all: a phrase quoted once is a term wherever it recurs,
// a name found once is an ORG wherever it recurs. An engine with such rules offers
// `DocumentRules`: the facts its rules learn from the whole text, and tagging a part under given
// facts. Parts are then tagged under the whole document's facts, and when an edit changes the
// facts, the places where the changed surfaces occur are re-tagged too. With it (or without
// document-level rules) the results equal engine.tag on the whole text; an engine with such
// rules but without DocumentRules gets window results that miss spans those rules would add or
import type { Engine } from './types';
import type { Span } from '../types';
import type { Text } from './text-chunks';
// The recognizers' whitespace (the compact view's): context is counted across exactly what the
// rules skip. A narrower set here missed recurrences across an em space. Surfaces are measured
// with the glossary matcher's own spaces, the ones it steps over inside a surface.
import { isSkippableSpace, isWhitespaceCode } from '../text/char-class';
import { firstEndingAfter, firstStartingAt } from '../text/search';

export interface RetagOptions {
  /** Context radius C in non-whitespace code units (default: see defaultContext). */
  context?: number;
}

/** Longest glossary surface ×2, at least 128: the longest span plus the context rules look at on
 *  either side (qualifiers like 超过/左右, the enumeration after 等, paragraph breaks). */
export function defaultContext(engine: Engine): number {
  let longest = 0;
  for (const s of engine.glossary.surfaces) {
    let n = 0;
    for (let i = 0; i < s.surface.length; i++) if (!isSkippableSpace(s.surface.charCodeAt(i))) n++;
    if (n > longest) longest = n;
  }
  return Math.max(128, 2 * longest);
}

const contextCache = new WeakMap<Engine, number>();
export function contextOf(engine: Engine, options: RetagOptions): number {
  if (options.context !== undefined) return Math.max(1, Math.floor(options.context));
  let c = contextCache.get(engine);
  if (c === undefined) contextCache.set(engine, (c = defaultContext(engine)));
  return c;
}



/** A re-tagged range: new items in [pl, pr) replace old items [removeFrom, removeTo). */
export interface Piece<T> {
  /** The dirty range it was made for (new coordinates). */
  a: number;
  b: number;
  pl: number;
  pr: number;
  fresh: T[];
  removeFrom: number;
  removeTo: number;
}

/** Where the edit sits: [s, insEnd) in new coordinates replaced [s, s + insEnd - s - delta). */
export interface EditMap {
  s: number;
  insEnd: number;
  delta: number;
}

/** Offset that turns old items around zone [zs, ze) (outside the edit) into new coordinates. */
export function offsetAt(m: EditMap, ze: number): number {
  return ze <= m.s ? 0 : m.delta;
}

/** How planning compares and steps over the items of a list (spans, or learned facts). */
export interface ItemOps<T extends Item> {
  same(x: T, xOff: number, y: T, yOff: number): boolean;
  /** The end (plus off) of an item of the sorted list that contains p strictly inside, or -1. */
  crossing(list: readonly T[], off: number, p: number): number;
}

export interface Item {
  start: number;
  end: number;
}

export const SPANS: ItemOps<Span> = {
  same: sameSpan,
  // spans do not overlap: their ends are sorted too
  crossing(list, off, p) {
    const k = firstEndingAfter(list, off, p);
    return k < list.length && list[k].start + off < p ? list[k].end + off : -1;
  },
};



/**
 * One piece per group of dirty ranges (new coordinates, sorted). Each window reaches 3C beyond
 * its dirty range on either side: burn-in [L, zs), zone [zs, ze), then C up to the range (where
 * the change may alter items); mirrored on the right. Windows whose zones would touch a
 * neighbouring dirty range or piece are merged with it. Old items are given in old coordinates
 * and sorted by start; the removal ranges of the pieces index them.
 */
export function planPieces<T extends Item>(text: Text, old: readonly T[], m: EditMap, dirty: readonly [number, number][], tagPart: (part: string) => T[], c0: number, ops: ItemOps<T>): { pieces: Piece<T>[]; widenings: number } {
  const pieces: Piece<T>[] = [];
  let widenings = 0;
  let i = 0;
  while (i < dirty.length) {
    let [a, b] = dirty[i++];
    let c = c0;
    for (;;) {
      const ze = back(text, a, c);
      const zs = back(text, ze, c);
      const rs = fwd(text, b, c);
      const re = fwd(text, rs, c);
      const prev = pieces[pieces.length - 1];
      if (prev && zs <= prev.pr) { // our left zone would touch re-tagged text
        pieces.pop();
        a = prev.a;
        continue;
      }
      if (i < dirty.length && dirty[i][0] <= re) { // the next dirty range touches our right zone
        b = Math.max(b, dirty[i++][1]);
        continue;
      }
      const L = pairStart(text, back(text, zs, c));
      const R = pairEnd(text, fwd(text, re, c));
      const w = tagWindow(tagPart, text, L, R);
      const pl = L === 0 ? 0 : findCut(old, offsetAt(m, ze), w, 0, zs, ze, ops);
      const pr = R === text.length ? text.length : findCut(w, 0, old, offsetAt(m, re), rs, re, ops);
      if (pl < 0 || pr < 0) { // zones disagree: not local at this radius
        c *= 2;
        widenings++;
        continue;
      }
      pieces.push({ a, b, pl, pr, fresh: within(w, pl, pr), removeFrom: 0, removeTo: 0 });
      break;
    }
  }
  for (const w of pieces) {
    // a piece lies left of the edit, holds it, or lies right of it (strictly: see above)
    w.removeFrom = firstStartingAt(old, 0, w.pl <= m.s ? w.pl : w.pl - m.delta);
    w.removeTo = firstStartingAt(old, 0, w.pr >= m.insEnd ? w.pr - m.delta : w.pr);
  }
  return { pieces, widenings };
}


/** Tags text[lo, hi), offsets moved to the whole text (on copies: the engine's own objects are
 *  not ours to change). */
export function tagWindow<T extends Item>(tagPart: (part: string) => T[], text: Text, lo: number, hi: number): T[] {
  if (lo === 0 && hi === text.length) return tagPart(text.toString());
  const spans = tagPart(text.slice(lo, hi));
  return lo === 0 ? spans : spans.map((s) => ({ ...s, start: s.start + lo, end: s.end + lo }));
}

/**
 * A point in [zs, ze] where two taggings can be joined: a's items before it, b's after. Both
 * lists are sorted by start; offsets get aOff/bOff added. Requires the items lying within the
 * zone to be identical in both, and the point to be inside no item of either. Returns -1 when
 * there is no such point.
 */
export function findCut<T extends Item>(a: readonly T[], aOff: number, b: readonly T[], bOff: number, zs: number, ze: number, ops: ItemOps<T>): number {
  const inA = within(a, zs, ze, aOff);
  const inB = within(b, zs, ze, bOff);
  if (inA.length !== inB.length) return -1;
  for (let k = 0; k < inA.length; k++) if (!ops.same(inA[k], aOff, inB[k], bOff)) return -1;
  // The first point from zs on that no item crosses (step over the crossing ones).
  let p = zs;
  for (let moved = true; moved && p <= ze; ) {
    moved = false;
    for (const [list, off] of [[a, aOff], [b, bOff]] as const) {
      const end = ops.crossing(list, off, p);
      if (end > p) {
        p = end;
        moved = true;
      }
    }
  }
  return p <= ze ? p : -1;
}

/** Same span, offsets aside; every other field compared by value (entries by identity first). */
function sameSpan(x: Span, xOff: number, y: Span, yOff: number): boolean {
  if (x.start + xOff !== y.start + yOff || x.end + xOff !== y.end + yOff) return false;
  const kx = Object.keys(x);
  if (kx.length !== Object.keys(y).length) return false;
  const rx = x as unknown as Record<string, unknown>;
  const ry = y as unknown as Record<string, unknown>;
  for (const k of kx) if (k !== 'start' && k !== 'end' && !sameValue(rx[k], ry[k])) return false;
  return true;
}

function sameValue(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return Number.isNaN(x) && Number.isNaN(y);
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  const kx = Object.keys(x);
  if (kx.length !== Object.keys(y).length) return false;
  for (const k of kx) if (!sameValue((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k])) return false;
  return true;
}

/** Items (sorted by start, maybe overlapping) lying within [start, end) once off is added. */
export function within<T extends Item>(list: readonly T[], start: number, end: number, off = 0): T[] {
  const out: T[] = [];
  for (let i = firstStartingAt(list, off, start); i < list.length && list[i].start + off < end; i++) if (list[i].end + off <= end) out.push(list[i]);
  return out;
}

/** Position before `pos` with `n` non-whitespace code units in between (or 0). */
export function back(text: Text, pos: number, n: number): number {
  let i = pos;
  while (i > 0 && n > 0) if (!isWhitespaceCode(text.charCodeAt(--i))) n--;
  return i;
}

/** Position after `pos` with `n` non-whitespace code units in between (or the text's end). */
export function fwd(text: Text, pos: number, n: number): number {
  let i = pos;
  while (i < text.length && n > 0) if (!isWhitespaceCode(text.charCodeAt(i++))) n--;
  return i;
}

/** Never start a window between the halves of a surrogate pair… */
export function pairStart(text: Text, i: number): number {
  return i > 0 && i < text.length && isLow(text.charCodeAt(i)) && isHigh(text.charCodeAt(i - 1)) ? i - 1 : i;
}
/** …nor end one there. */
export function pairEnd(text: Text, i: number): number {
  return i > 0 && i < text.length && isLow(text.charCodeAt(i)) && isHigh(text.charCodeAt(i - 1)) ? i + 1 : i;
}
const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.floor(x)));
}

/** arr[from, to) := items, in place. */
export function replaceRange<T>(arr: T[], from: number, to: number, items: readonly T[]): void {
  if (items.length <= 4096) {
    arr.splice(from, to - from, ...items);
    return;
  }
  const tail = arr.slice(to); // too many for spread arguments
  arr.length = from;
  for (const x of items) arr.push(x);
  for (const x of tail) arr.push(x);
}
