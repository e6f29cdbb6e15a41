// Re-tagging without re-reading the whole text: after an edit (keystroke, paste) only windows
// around it are tagged again; huge texts are tagged in slices that yield to the event loop.
//
// Locality. Whether a span is found depends, for most rules, on the text within some context
// radius C around it (C counted in non-whitespace code units, because the recognizers skip PDF
// line breaks inside words). A window of text tagged on its own is then right everywhere except
// within C of its ends. Two taggings that are both right over a stretch (a "zone") agree there,
// and are joined at a point of the zone that no span of either crosses.
// Locality is checked, not trusted: both taggings must be identical over the whole zone, with a
// point no span crosses. When not (a cascade of overlap decisions, a long quote, a rule with a
// wide view), the window doubles and is tagged again — at worst until it is the whole text.
//
// Document-level rules are not local: a phrase quoted once is a term wherever it recurs, a name
// found once is an ORG wherever it recurs. An engine with such rules offers `DocumentRules`:
// the facts its rules learn from the whole text, and tagging a part under given facts. Then
// parts are tagged under the whole document's facts, and when an edit changes the facts, the
// places where the changed surfaces occur are re-tagged too. With it (or for an engine without
// document-level rules) the results equal engine.tag on the whole text; an engine with such rules
// but without DocumentRules gets window results that can miss their spans (see RetagResult).
import type { Engine } from './engine';
import type { Span } from './types';
import { compileMatcher, isSkippableSpace } from './glossary/matcher';

/** [start, end) of the text before the edit is replaced by newText (UTF-16 offsets). Same shape
 *  as annotations' TextEdit and VS Code's content changes (offset form). */
export interface TextChange {
  start: number;
  end: number;
  newText: string;
}

/** What document-level rules learn anywhere in a text and apply everywhere in it: a key per
 *  fact (e.g. 'TERM\u0000高质量发展引领区'), mapped to the surface the rule looks for. */
export type DocumentFacts = ReadonlyMap<string, string>;

/** Offered by an engine whose spans depend on the whole document. */
export interface DocumentRules {
  /** The facts of a whole text. */
  learn(text: string): DocumentFacts;
  /** The spans of `part` as tagged inside a document whose facts are `facts`; for a whole text,
   *  tagWith(text, learn(text)) must equal tag(text). */
  tagWith(part: string, facts: DocumentFacts): Span[];
}

export function hasDocumentRules(engine: Engine): engine is Engine & DocumentRules {
  const e = engine as Partial<DocumentRules>;
  return typeof e.learn === 'function' && typeof e.tagWith === 'function';
}

export interface RetagOptions {
  /** Context radius C in non-whitespace code units (default: see defaultContext). */
  context?: number;
}

export interface RetagResult {
  text: string;
  spans: Span[];
  /** Ranges of the new text whose spans were recomputed (sorted, disjoint); outside them spans
   *  were kept, shifted after the edit. Several when the edit changed document facts. */
  windows: { start: number; end: number }[];
  /** How many times a window had to grow because its zones disagreed (0 normally). */
  widenings: number;
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
function contextOf(engine: Engine, options: RetagOptions): number {
  if (options.context !== undefined) return Math.max(1, Math.floor(options.context));
  let c = contextCache.get(engine);
  if (c === undefined) contextCache.set(engine, (c = defaultContext(engine)));
  return c;
}

/** Spans of the text after `change`, from the spans of the text before it. Pure: the inputs are
 *  not touched (spans after the edit are copied with shifted offsets). */
export function retag(engine: Engine, oldText: string, oldSpans: readonly Span[], change: TextChange, options: RetagOptions = {}): RetagResult {
  const p = planRetag(engine, oldText, oldSpans, change, options, undefined);
  const spans: Span[] = [];
  let i = 0;
  for (const w of p.pieces) {
    for (; i < w.removeFrom; i++) spans.push(p.shifted(oldSpans[i]));
    for (const s of w.fresh) spans.push(s);
    i = w.removeTo;
  }
  for (; i < oldSpans.length; i++) spans.push(p.shifted(oldSpans[i]));
  return { text: p.text, spans, windows: p.pieces.map((w) => ({ start: w.pl, end: w.pr })), widenings: p.widenings };
}

/** Keeps a text and its spans up to date edit by edit. The spans array and the kept span
 *  objects are updated in place (offsets after an edit shifted), so an edit costs O(window)
 *  plus a cheap pass over the spans after it, instead of a copy of every span. */
export class IncrementalTagger {
  text: string;
  spans: Span[];
  private facts: DocumentFacts | undefined;

  constructor(readonly engine: Engine, text: string, spans?: Span[], private readonly options: RetagOptions = {}) {
    this.text = text;
    this.spans = spans ?? engine.tag(text);
    if (hasDocumentRules(engine)) this.facts = engine.learn(text);
  }

  /** Applies one change to the current text. */
  apply(change: TextChange): Omit<RetagResult, 'text' | 'spans'> {
    const p = planRetag(this.engine, this.text, this.spans, change, this.options, this.facts);
    const spans = this.spans;
    if (p.delta !== 0) {
      // spans after the edit that survive: shift in place (removed ones do not matter)
      for (let i = firstStartingAt(spans, 0, p.oldEditEnd); i < spans.length; i++) {
        spans[i].start += p.delta;
        spans[i].end += p.delta;
      }
    }
    for (let k = p.pieces.length - 1; k >= 0; k--) {
      const w = p.pieces[k];
      replaceRange(spans, w.removeFrom, w.removeTo, w.fresh);
    }
    this.text = p.text;
    this.facts = p.facts;
    return { windows: p.pieces.map((w) => ({ start: w.pl, end: w.pr })), widenings: p.widenings };
  }

  /** Applies changes one after the other, each in the coordinates of the text the previous one
   *  left (VS Code reports simultaneous changes against the old text: apply those by
   *  descending start). */
  applyAll(changes: readonly TextChange[]): void {
    for (const c of changes) this.apply(c);
  }
}

// ---------------------------------------------------------------------------------------------
// Planning a re-tag: which ranges of the new text to tag again, and where to join.

/** A re-tagged range: new spans in [pl, pr) replace old spans [removeFrom, removeTo). */
interface Piece {
  /** The dirty range it was made for (new coordinates). */
  a: number;
  b: number;
  pl: number;
  pr: number;
  fresh: Span[];
  removeFrom: number;
  removeTo: number;
}

interface Plan {
  text: string;
  delta: number;
  /** End of the replaced range in old coordinates: kept old spans starting there or later move
   *  by delta. */
  oldEditEnd: number;
  pieces: Piece[];
  facts: DocumentFacts | undefined;
  widenings: number;
  shifted(s: Span): Span;
}

function planRetag(engine: Engine, oldText: string, oldSpans: readonly Span[], change: TextChange, options: RetagOptions, oldFacts: DocumentFacts | undefined): Plan {
  const s = clamp(change.start, 0, oldText.length);
  const e = clamp(change.end, s, oldText.length);
  const text = oldText.slice(0, s) + change.newText + oldText.slice(e);
  const delta = change.newText.length - (e - s);
  const insEnd = s + change.newText.length;
  const dirty: [number, number][] = [[s, insEnd]];
  let tagPart = (part: string) => engine.tag(part);
  let facts: DocumentFacts | undefined;
  if (hasDocumentRules(engine)) {
    const now = engine.learn(text);
    facts = now;
    tagPart = (part) => engine.tagWith(part, now);
    for (const r of occurrences(text, changedSurfaces(oldFacts ?? engine.learn(oldText), now))) dirty.push(r);
    dirty.sort((x, y) => x[0] - y[0]);
  }
  const map = { s, insEnd, delta };
  const { pieces, widenings } = planPieces(text, oldSpans, map, dirty, tagPart, contextOf(engine, options));
  for (const w of pieces) {
    // a piece lies left of the edit, holds it, or lies right of it (strictly: see planPieces)
    w.removeFrom = firstStartingAt(oldSpans, 0, w.pl <= s ? w.pl : w.pl - delta);
    w.removeTo = firstStartingAt(oldSpans, 0, w.pr >= insEnd ? w.pr - delta : w.pr);
  }
  return {
    text,
    delta,
    oldEditEnd: e,
    pieces,
    facts,
    widenings,
    shifted: (x) => (delta === 0 || x.start < e ? x : { ...x, start: x.start + delta, end: x.end + delta }),
  };
}

/** Where the edit sits: [s, insEnd) in new coordinates replaced [s, s + insEnd - s - delta). */
interface EditMap {
  s: number;
  insEnd: number;
  delta: number;
}

/** Offset that turns old spans around zone [zs, ze) (outside the edit) into new coordinates. */
function offsetAt(m: EditMap, ze: number): number {
  return ze <= m.s ? 0 : m.delta;
}

/**
 * One piece per group of dirty ranges (new coordinates, sorted). Each window reaches 3C beyond
 * its dirty range on either side: burn-in [L, zs), zone [zs, ze), then C up to the range (where
 * the change may alter spans); mirrored on the right. Windows whose zones would touch a
 * neighbouring dirty range or piece are merged with it.
 */
function planPieces(text: string, oldSpans: readonly Span[], m: EditMap, dirty: readonly [number, number][], tagPart: (part: string) => Span[], c0: number): { pieces: Piece[]; widenings: number } {
  const pieces: Piece[] = [];
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
      const pl = L === 0 ? 0 : findCut(oldSpans, offsetAt(m, ze), w, 0, zs, ze);
      const pr = R === text.length ? text.length : findCut(w, 0, oldSpans, offsetAt(m, re), rs, re);
      if (pl < 0 || pr < 0) { // zones disagree: not local at this radius
        c *= 2;
        widenings++;
        continue;
      }
      pieces.push({ a, b, pl, pr, fresh: within(w, pl, pr), removeFrom: 0, removeTo: 0 });
      break;
    }
  }
  return { pieces, widenings };
}

/** Surfaces whose facts appeared or disappeared. */
function changedSurfaces(before: DocumentFacts, after: DocumentFacts): string[] {
  const out = new Set<string>();
  for (const [k, v] of before) if (after.get(k) !== v) out.add(v);
  for (const [k, v] of after) if (before.get(k) !== v) out.add(v);
  return [...out].filter((x) => x.length > 0);
}

/** Ranges around every place a changed surface may match (whitespace inside tolerated, as the
 *  recognizers match), padded by the longest surface so overlapping occurrences are covered. */
function occurrences(text: string, surfaces: string[]): [number, number][] {
  if (surfaces.length === 0) return [];
  const pad = Math.max(...surfaces.map((x) => x.length));
  return compileMatcher(surfaces).scan(text).map((h): [number, number] => [Math.max(0, h.start - pad), Math.min(text.length, h.end + pad)]);
}

// ---------------------------------------------------------------------------------------------
// Tagging in slices

export interface SliceOptions {
  /** Code units per slice (default 65,536). */
  sliceSize?: number;
  /** Tagged first (e.g. the visible range), then the slices around it, outwards. */
  priorityRange?: { start: number; end: number };
  /** Awaited between slices to give the event loop a turn (default: setImmediate, or
   *  setTimeout 0 where there is none). */
  yieldFn?: () => Promise<void>;
  context?: number;
}

/** Final spans of [start, end) of the text (see tagInSlices). */
export interface SliceUpdate {
  start: number;
  end: number;
  spans: Span[];
}

/**
 * Tags a large text slice by slice, yielding to the event loop between slices, the priority
 * range (visible part) first. Each update gives the final spans of a range; ranges tile the text
 * and normally do not overlap. Only if neighbouring slices disagree (see the top of this file)
 * are they tagged again together, and an update may then cover a range already reported:
 * consumers replace the spans lying in an update's range. The return value is the whole
 * result, equal to engine.tag(text) (for an engine with document-level rules, when it offers
 * DocumentRules: the facts are learned from the whole text first).
 */
export async function* tagInSlices(engine: Engine, text: string, options: SliceOptions = {}): AsyncGenerator<SliceUpdate, Span[], void> {
  const size = Math.max(1, Math.floor(options.sliceSize ?? 65_536));
  const pause = options.yieldFn ?? defaultYield;
  const c = contextOf(engine, options);
  const n = text.length;
  let tagPart = (part: string) => engine.tag(part);
  if (hasDocumentRules(engine)) {
    const facts = engine.learn(text);
    tagPart = (part) => engine.tagWith(part, facts);
  }
  const cores = planSlices(text, size, options.priorityRange);
  for (;;) {
    let next: Slice | undefined;
    for (const k of cores) if (!k.spans && (!next || k.rank < next.rank)) next = k;
    if (!next) break;
    let k = next;
    tagSlice(tagPart, text, k, c);
    // Join with tagged neighbours; a disagreement merges the two and tags the union again.
    for (let settled = false; !settled; ) {
      settled = true;
      const i = cores.indexOf(k);
      for (const j of [i - 1, i + 1]) {
        const nb = cores[j];
        if (!nb?.spans) continue;
        const [left, right] = j < i ? [nb, k] : [k, nb];
        if (join(text, c, left, right)) continue;
        const merged: Slice = { start: left.start, end: right.end, rank: Math.min(left.rank, right.rank), final: false };
        cores.splice(Math.min(i, j), 2, merged);
        tagSlice(tagPart, text, merged, c);
        k = merged;
        settled = false;
        break;
      }
    }
    if (k.start === 0) k.leftCut = 0;
    if (k.end === n) k.rightCut = n;
    for (const x of cores) {
      if (x.final || !x.spans || x.leftCut === undefined || x.rightCut === undefined) continue;
      x.final = true;
      yield { start: x.leftCut, end: x.rightCut, spans: within(x.spans, x.leftCut, x.rightCut) };
    }
    await pause();
  }
  const out: Span[] = [];
  for (const x of cores) for (const s of within(x.spans!, x.leftCut!, x.rightCut!)) out.push(s);
  return out;
}

interface Slice {
  /** The slice proper; its window (the text tagged) reaches 2C further on each side. */
  start: number;
  end: number;
  /** Order of tagging (0 first). */
  rank: number;
  spans?: Span[];
  /** Where it joins its neighbours, once both are tagged and agree. */
  leftCut?: number;
  rightCut?: number;
  final: boolean;
}

function planSlices(text: string, size: number, priority?: { start: number; end: number }): Slice[] {
  const n = text.length;
  if (n === 0) return [{ start: 0, end: 0, rank: 0, final: false }];
  let p0 = priority ? pairStart(text, clamp(priority.start, 0, n)) : 0;
  let p1 = priority ? pairEnd(text, clamp(priority.end, p0, n)) : pairEnd(text, Math.min(n, size));
  if (p1 === p0) {
    // an empty priority range: the slice around its position
    p0 = pairStart(text, Math.max(0, p0 - (size >> 1)));
    p1 = pairEnd(text, Math.min(n, p0 + size));
  }
  const cores: Slice[] = [{ start: p0, end: p1, rank: 0, final: false }];
  for (let e = p0, r = 2; e > 0; r += 2) { // left of the priority range: even ranks
    const s = pairStart(text, Math.max(0, e - size));
    cores.unshift({ start: s, end: e, rank: r, final: false });
    e = s;
  }
  for (let s = p1, r = 1; s < n; r += 2) { // right of it: odd ranks (right first, then left)
    const e = pairEnd(text, Math.min(n, s + size));
    cores.push({ start: s, end: e, rank: r, final: false });
    s = e;
  }
  return cores;
}

/** Agrees on where left ends and right begins; a slice already reported whose cut moves (only
 *  after a merge next to it) is reported again. */
function join(text: string, c: number, left: Slice, right: Slice): boolean {
  const b = left.end;
  const cut = findCut(left.spans!, 0, right.spans!, 0, back(text, b, c), fwd(text, b, c));
  if (cut < 0) return false;
  if (left.rightCut !== cut) { left.rightCut = cut; left.final = false; }
  if (right.leftCut !== cut) { right.leftCut = cut; right.final = false; }
  return true;
}

function tagSlice(tagPart: (part: string) => Span[], text: string, k: Slice, c: number): void {
  const ws = pairStart(text, back(text, k.start, 2 * c));
  const we = pairEnd(text, fwd(text, k.end, 2 * c));
  k.spans = tagWindow(tagPart, text, ws, we);
}

const defaultYield = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

// ---------------------------------------------------------------------------------------------
// Shared pieces

/** Tags text[lo, hi), offsets moved to the whole text (on copies: the engine's own objects are
 *  not ours to change). */
function tagWindow(tagPart: (part: string) => Span[], text: string, lo: number, hi: number): Span[] {
  if (lo === 0 && hi === text.length) return tagPart(text);
  const spans = tagPart(text.slice(lo, hi));
  return lo === 0 ? spans : spans.map((s) => ({ ...s, start: s.start + lo, end: s.end + lo }));
}

/**
 * A point in [zs, ze] where two taggings can be joined: a's spans before it, b's after. Both
 * lists are sorted and non-overlapping; offsets get aOff/bOff added. Requires the spans lying
 * within the zone to be identical in both, and the point to be inside no span of either.
 * Returns -1 when there is no such point.
 */
function findCut(a: readonly Span[], aOff: number, b: readonly Span[], bOff: number, zs: number, ze: number): number {
  let i = firstStartingAt(a, aOff, zs);
  let j = firstStartingAt(b, bOff, zs);
  for (;;) {
    const x = i < a.length && a[i].end + aOff <= ze ? a[i] : undefined;
    const y = j < b.length && b[j].end + bOff <= ze ? b[j] : undefined;
    if (!x && !y) break;
    if (!x || !y || !sameSpan(x, aOff, y, bOff)) return -1;
    i++;
    j++;
  }
  // The first point from zs on that no span crosses (step over the crossing ones).
  let p = zs;
  for (let moved = true; moved && p <= ze; ) {
    moved = false;
    for (const [list, off] of [[a, aOff], [b, bOff]] as const) {
      const k = firstEndingAfter(list, off, p);
      if (k < list.length && list[k].start + off < p) {
        p = list[k].end + off;
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

/** Index of the first span (sorted, non-overlapping) with end + off > p. */
function firstEndingAfter(spans: readonly Span[], off: number, p: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end + off <= p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first span with start + off >= p. */
function firstStartingAt(spans: readonly Span[], off: number, p: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start + off < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function within(spans: readonly Span[], start: number, end: number): Span[] {
  const out: Span[] = [];
  for (let i = firstStartingAt(spans, 0, start); i < spans.length && spans[i].end <= end; i++) out.push(spans[i]);
  return out;
}

/** Position before `pos` with `n` non-whitespace code units in between (or 0). */
function back(text: string, pos: number, n: number): number {
  let i = pos;
  while (i > 0 && n > 0) if (!isSkippableSpace(text.charCodeAt(--i))) n--;
  return i;
}

/** Position after `pos` with `n` non-whitespace code units in between (or the text's end). */
function fwd(text: string, pos: number, n: number): number {
  let i = pos;
  while (i < text.length && n > 0) if (!isSkippableSpace(text.charCodeAt(i++))) n--;
  return i;
}

/** Never start a window between the halves of a surrogate pair… */
function pairStart(text: string, i: number): number {
  return i > 0 && i < text.length && isLow(text.charCodeAt(i)) && isHigh(text.charCodeAt(i - 1)) ? i - 1 : i;
}
/** …nor end one there. */
function pairEnd(text: string, i: number): number {
  return i > 0 && i < text.length && isLow(text.charCodeAt(i)) && isHigh(text.charCodeAt(i - 1)) ? i + 1 : i;
}
const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.floor(x)));
}

/** arr[from, to) := items, in place. */
function replaceRange<T>(arr: T[], from: number, to: number, items: readonly T[]): void {
  if (items.length <= 4096) {
    arr.splice(from, to - from, ...items);
    return;
  }
  const tail = arr.slice(to); // too many for spread arguments
  arr.length = from;
  for (const x of items) arr.push(x);
  for (const x of tail) arr.push(x);
}
