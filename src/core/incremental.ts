// Re-tagging without re-reading the whole text: after an edit (keystroke, paste) only windows
// around it are tagged again; huge texts are tagged in slices that yield to the event loop.
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
// remove away from the window.
import type { Engine } from './engine';
import type { Span } from './types';
import { isSkippableSpace } from './glossary/matcher';
// The recognizers' whitespace (the compact view's): facts recur, and context is counted, across
// exactly what the rules skip. A narrower set here missed recurrences across an em space.
import { isWhitespaceCode } from './text/compact';
import { yieldToEventLoop } from './steps';

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

/** A fact and where it is learned (the quoted phrase, the name a rule found). */
export interface LearnedFact {
  start: number;
  end: number;
  key: string;
  surface: string;
}

/** Offered by an engine whose spans depend on the whole document. */
export interface DocumentRules {
  /** The facts of a whole text. */
  learn(text: string): DocumentFacts;
  /** The spans of `part` as tagged inside a document whose facts are `facts`; for a whole text,
   *  tagWith(text, learn(text)) must equal tag(text). */
  tagWith(part: string, facts: DocumentFacts): Span[];
  /** Optional, for speed: the facts of a text with where each is learned, found from nearby
   *  text like spans are (its keys and surfaces must be exactly those of learn). With it an edit
   *  re-learns only around itself; without it every edit calls learn on the whole text. */
  learnAt?(text: string): LearnedFact[];
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
  const p = planRetag(engine, oldText, oldSpans, change, options, hasDocumentRules(engine) ? Facts.of(engine, oldText) : undefined);
  const spans: Span[] = [];
  let i = 0;
  for (const w of p.pieces) {
    for (; i < w.removeFrom; i++) spans.push(p.shifted(oldSpans[i]));
    for (const s of w.fresh) spans.push(s);
    i = w.removeTo;
  }
  for (; i < oldSpans.length; i++) spans.push(p.shifted(oldSpans[i]));
  return { text: p.text.toString(), spans, windows: p.pieces.map((w) => ({ start: w.pl, end: w.pr })), widenings: p.widenings };
}

/** Keeps a text and its spans up to date edit by edit. The spans array and the kept span
 *  objects are updated in place (offsets after an edit shifted), and the text is kept in chunks,
 *  so an edit costs O(window) plus a cheap pass over the spans after it — never a copy of the
 *  whole text or of every span. */
export class IncrementalTagger {
  spans: Span[];
  private doc: ChunkedText;
  private facts: Facts | undefined;

  constructor(readonly engine: Engine, text: string, spans?: Span[], private readonly options: RetagOptions = {}) {
    this.doc = ChunkedText.from(text);
    this.spans = spans ?? engine.tag(text);
    if (hasDocumentRules(engine)) this.facts = Facts.of(engine, text);
  }

  /** The current text (joined from its chunks on first read after an edit). */
  get text(): string {
    return this.doc.toString();
  }

  /** Applies one change to the current text. */
  apply(change: TextChange): Omit<RetagResult, 'text' | 'spans'> {
    const p = planRetag(this.engine, this.doc, this.spans, change, this.options, this.facts);
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
    this.doc = p.text as ChunkedText;
    this.facts = p.facts?.commit();
    return { windows: p.pieces.map((w) => ({ start: w.pl, end: w.pr })), widenings: p.widenings };
  }

  /** Applies changes one after the other, each in the coordinates of the text the previous one
   *  left (VS Code reports simultaneous changes against the old text: apply those by
   *  descending start). */
  applyAll(changes: readonly TextChange[]): void {
    for (const c of changes) this.apply(c);
  }
}

/** What the planning reads of a text: a JS string, or the tagger's chunks. */
interface Text {
  readonly length: number;
  charCodeAt(i: number): number;
  slice(start: number, end: number): string;
  indexOf(unit: string, from: number): number;
  toString(): string;
}

/** A text as chunks of about CHUNK code units: an edit rebuilds one chunk (versions share the
 *  others), reads near a position touch one chunk, and the whole string is joined only when
 *  asked for. */
class ChunkedText implements Text {
  static readonly CHUNK = 16_384;
  private joined: string | undefined;
  private last = 0; // chunk of the previous lookup: reads cluster

  private constructor(private readonly chunks: readonly string[], private readonly ends: Int32Array, readonly length: number) {}

  static from(s: string): ChunkedText {
    const chunks: string[] = [];
    for (let i = 0; i < s.length; i += ChunkedText.CHUNK) chunks.push(s.slice(i, i + ChunkedText.CHUNK));
    const t = ChunkedText.of(chunks.length ? chunks : ['']);
    t.joined = s;
    return t;
  }

  private static of(chunks: string[]): ChunkedText {
    const ends = new Int32Array(chunks.length);
    let n = 0;
    for (let k = 0; k < chunks.length; k++) ends[k] = n += chunks[k].length;
    return new ChunkedText(chunks, ends, n);
  }

  private find(i: number): number {
    const ends = this.ends;
    let k = this.last;
    if (i < ends[k] && (k === 0 || i >= ends[k - 1])) return k;
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] <= i) lo = mid + 1;
      else hi = mid;
    }
    return (this.last = lo);
  }

  private startOf(k: number): number {
    return k === 0 ? 0 : this.ends[k - 1];
  }

  charCodeAt(i: number): number {
    if (i < 0 || i >= this.length) return NaN;
    const k = this.find(i);
    return this.chunks[k].charCodeAt(i - this.startOf(k));
  }

  slice(start: number, end: number): string {
    if (this.joined !== undefined) return this.joined.slice(start, end);
    start = Math.max(0, start);
    end = Math.min(this.length, end);
    if (start >= end) return '';
    let k = this.find(start);
    let out = '';
    for (let at = start; at < end; k++) {
      const s0 = this.startOf(k);
      const piece = this.chunks[k].slice(at - s0, end - s0);
      out += piece;
      at = s0 + this.chunks[k].length;
    }
    return out;
  }

  /** Next position of a single code unit (the native search, chunk by chunk). */
  indexOf(unit: string, from: number): number {
    if (this.joined !== undefined) return this.joined.indexOf(unit, from);
    if (from >= this.length) return -1;
    for (let k = this.find(Math.max(0, from)); k < this.chunks.length; k++) {
      const s0 = this.startOf(k);
      const i = this.chunks[k].indexOf(unit, Math.max(0, from - s0));
      if (i >= 0) return s0 + i;
    }
    return -1;
  }

  toString(): string {
    return (this.joined ??= this.chunks.join(''));
  }

  /** A new version with [s, e) replaced by ins. */
  edit(s: number, e: number, ins: string): ChunkedText {
    const a = this.find(Math.min(s, Math.max(0, this.length - 1)));
    const b = this.find(Math.min(Math.max(e - 1, s), Math.max(0, this.length - 1)));
    const merged = this.chunks[a].slice(0, s - this.startOf(a)) + ins + this.chunks[b].slice(e - this.startOf(b));
    // Split only what grew past two chunks (typing at one place must not shed tiny chunks).
    const mid: string[] = [];
    if (merged.length <= 2 * ChunkedText.CHUNK) mid.push(merged);
    else for (let i = 0; i < merged.length; i += ChunkedText.CHUNK) mid.push(merged.slice(i, i + ChunkedText.CHUNK));
    const chunks = [...this.chunks.slice(0, a), ...mid, ...this.chunks.slice(b + 1)].filter((c) => c.length > 0);
    return ChunkedText.of(chunks.length ? chunks : ['']);
  }
}

// ---------------------------------------------------------------------------------------------
// Planning a re-tag: which ranges of the new text to tag again, and where to join.

/** A re-tagged range: new items in [pl, pr) replace old items [removeFrom, removeTo). */
interface Piece<T> {
  /** The dirty range it was made for (new coordinates). */
  a: number;
  b: number;
  pl: number;
  pr: number;
  fresh: T[];
  removeFrom: number;
  removeTo: number;
}

interface Plan {
  text: Text;
  delta: number;
  /** End of the replaced range in old coordinates: kept old spans starting there or later move
   *  by delta. */
  oldEditEnd: number;
  pieces: Piece<Span>[];
  facts: Facts | undefined;
  widenings: number;
  shifted(s: Span): Span;
}

function planRetag(engine: Engine, oldText: Text, oldSpans: readonly Span[], change: TextChange, options: RetagOptions, oldFacts: Facts | undefined): Plan {
  const s = clamp(change.start, 0, oldText.length);
  const e = clamp(change.end, s, oldText.length);
  const text: Text = oldText instanceof ChunkedText ? oldText.edit(s, e, change.newText) : oldText.slice(0, s) + change.newText + oldText.slice(e, oldText.length);
  const delta = change.newText.length - (e - s);
  const insEnd = s + change.newText.length;
  const map = { s, insEnd, delta };
  const c = contextOf(engine, options);
  const dirty: [number, number][] = [[s, insEnd]];
  let tagPart = (part: string) => engine.tag(part);
  let facts: Facts | undefined;
  let widenings = 0;
  if (oldFacts && hasDocumentRules(engine)) {
    // Facts first: what the document knows after the edit decides how every part is tagged.
    const f = oldFacts.update(engine, text, map, c);
    facts = f.facts;
    widenings += f.widenings;
    const now = facts.map;
    tagPart = (part) => engine.tagWith(part, now);
    if (f.changed.length) {
      for (const r of occurrences(text, f.changed)) dirty.push(r);
      dirty.sort((x, y) => x[0] - y[0]);
    }
  }
  const planned = planPieces(text, oldSpans, map, dirty, tagPart, c, SPANS);
  return {
    text,
    delta,
    oldEditEnd: e,
    pieces: planned.pieces,
    facts,
    widenings: widenings + planned.widenings,
    shifted: (x) => (delta === 0 || x.start < e ? x : { ...x, start: x.start + delta, end: x.end + delta }),
  };
}

/** Where the edit sits: [s, insEnd) in new coordinates replaced [s, s + insEnd - s - delta). */
interface EditMap {
  s: number;
  insEnd: number;
  delta: number;
}

/** Offset that turns old items around zone [zs, ze) (outside the edit) into new coordinates. */
function offsetAt(m: EditMap, ze: number): number {
  return ze <= m.s ? 0 : m.delta;
}

/** How planning compares and steps over the items of a list (spans, or learned facts). */
interface ItemOps<T extends Item> {
  same(x: T, xOff: number, y: T, yOff: number): boolean;
  /** The end (plus off) of an item of the sorted list that contains p strictly inside, or -1. */
  crossing(list: readonly T[], off: number, p: number): number;
}

interface Item {
  start: number;
  end: number;
}

const SPANS: ItemOps<Span> = {
  same: sameSpan,
  // spans do not overlap: their ends are sorted too
  crossing(list, off, p) {
    const k = firstEndingAfter(list, off, p);
    return k < list.length && list[k].start + off < p ? list[k].end + off : -1;
  },
};

/** Learned facts may overlap (a quoted name that is also an ORG name), so the ones that may
 *  contain p are looked for among those starting at most MAX_FACT before it. */
const MAX_FACT = 4096;
const FACTS: ItemOps<LearnedFact> = {
  same: (x, xo, y, yo) => x.start + xo === y.start + yo && x.end + xo === y.end + yo && x.key === y.key && x.surface === y.surface,
  crossing(list, off, p) {
    let end = -1;
    for (let k = firstStartingAt(list, off, p) - 1; k >= 0 && list[k].start + off > p - MAX_FACT; k--) {
      if (list[k].end + off > p && list[k].end + off > end) end = list[k].end + off;
    }
    return end;
  },
};

/**
 * One piece per group of dirty ranges (new coordinates, sorted). Each window reaches 3C beyond
 * its dirty range on either side: burn-in [L, zs), zone [zs, ze), then C up to the range (where
 * the change may alter items); mirrored on the right. Windows whose zones would touch a
 * neighbouring dirty range or piece are merged with it. Old items are given in old coordinates
 * and sorted by start; the removal ranges of the pieces index them.
 */
function planPieces<T extends Item>(text: Text, old: readonly T[], m: EditMap, dirty: readonly [number, number][], tagPart: (part: string) => T[], c0: number, ops: ItemOps<T>): { pieces: Piece<T>[]; widenings: number } {
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

/** The facts of a document: where each was learned (when the engine says, see learnAt) and how
 *  many places teach each key. */
class Facts {
  private constructor(
    /** Positioned facts sorted by start (learnAt engines), else undefined. */
    readonly learned: LearnedFact[] | undefined,
    /** key → [surface, how many places teach it]. */
    private readonly counts: Map<string, [string, number]>,
    /** key → surface of every key taught somewhere: what tagWith gets. */
    readonly map: DocumentFacts,
    /** Pending in-place update of `learned` (see commit). */
    private readonly pending?: { pieces: Piece<LearnedFact>[]; delta: number; oldEditEnd: number },
  ) {}

  static of(engine: Engine & DocumentRules, text: Text): Facts {
    if (!engine.learnAt) return Facts.whole(engine.learn(text.toString()));
    const learned = sortFacts(engine.learnAt(text.toString()).map((f) => ({ ...f })));
    const counts = new Map<string, [string, number]>();
    for (const f of learned) {
      const c = counts.get(f.key);
      if (c) c[1]++;
      else counts.set(f.key, [f.surface, 1]);
    }
    return new Facts(learned, counts, new Map([...counts].map(([k, [v]]) => [k, v])));
  }

  private static whole(map: DocumentFacts): Facts {
    return new Facts(undefined, new Map(), map);
  }

  /** The facts after an edit, and the surfaces whose facts appeared or disappeared. Does not
   *  change this object (retag is pure); commit() applies it in place for the tagger. */
  update(engine: Engine & DocumentRules, text: Text, m: EditMap, c: number): { facts: Facts; changed: string[]; widenings: number } {
    if (!this.learned || !engine.learnAt) {
      const now = engine.learn(text.toString());
      return { facts: Facts.whole(now), changed: changedSurfaces(this.map, now), widenings: 0 };
    }
    const learnAt = engine.learnAt.bind(engine);
    const { pieces, widenings } = planPieces(text, this.learned, m, [[m.s, m.insEnd]], (part) => sortFacts(learnAt(part)), c, FACTS);
    const delta = new Map<string, [string, number]>();
    const bump = (f: LearnedFact, by: number) => {
      const d = delta.get(f.key);
      if (d) d[1] += by;
      else delta.set(f.key, [f.surface, by]);
    };
    for (const w of pieces) {
      for (let i = w.removeFrom; i < w.removeTo; i++) bump(this.learned[i], -1);
      for (const f of w.fresh) bump(f, +1);
    }
    const counts = new Map(this.counts);
    const changed: [string, string, boolean][] = [];
    for (const [key, [surface, d]] of delta) {
      if (d === 0) continue;
      const before = counts.get(key)?.[1] ?? 0;
      const after = before + d;
      if (after > 0) counts.set(key, [surface, after]);
      else counts.delete(key);
      if ((before > 0) !== (after > 0)) changed.push([key, surface, after > 0]);
    }
    // The same map object while the facts stay the same, so an engine can cache what it
    // derives from them (e.g. its matcher of known names) by identity.
    let map = this.map;
    if (changed.length) {
      const m2 = new Map(this.map);
      for (const [key, surface, present] of changed) {
        if (present) m2.set(key, surface);
        else m2.delete(key);
      }
      map = m2;
    }
    const oldEditEnd = m.insEnd - m.delta;
    return { facts: new Facts(this.learned, counts, map, { pieces, delta: m.delta, oldEditEnd }), changed: changed.map((c) => c[1]), widenings };
  }

  /** Applies the pending update to the positioned facts in place (the tagger's copy only). */
  commit(): Facts {
    const p = this.pending;
    if (!p || !this.learned) return this;
    const list = this.learned;
    if (p.delta !== 0) {
      for (let i = firstStartingAt(list, 0, p.oldEditEnd); i < list.length; i++) {
        list[i].start += p.delta;
        list[i].end += p.delta;
      }
    }
    for (let k = p.pieces.length - 1; k >= 0; k--) replaceRange(list, p.pieces[k].removeFrom, p.pieces[k].removeTo, p.pieces[k].fresh);
    return new Facts(list, this.counts, this.map);
  }
}

function sortFacts(list: LearnedFact[]): LearnedFact[] {
  return list.sort((x, y) => x.start - y.start || x.end - y.end || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}

/** Surfaces whose facts appeared or disappeared. */
function changedSurfaces(before: DocumentFacts, after: DocumentFacts): string[] {
  const out = new Set<string>();
  for (const [k, v] of before) if (after.get(k) !== v) out.add(v);
  for (const [k, v] of after) if (before.get(k) !== v) out.add(v);
  return [...out].filter((x) => x.length > 0);
}

/** Ranges around every place a changed surface occurs as written, whitespace inside skipped
 *  (as the recognizers match), padded by the longest surface so overlapping occurrences are
 *  covered. The native search for each surface's first unit does the scanning: an edit that
 *  changes a fact costs one fast pass over the text. */
function occurrences(text: Text, surfaces: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  const pad = Math.max(0, ...surfaces.map((x) => x.length));
  for (const surface of surfaces) {
    const units: number[] = [];
    for (let i = 0; i < surface.length; i++) if (!isWhitespaceCode(surface.charCodeAt(i))) units.push(surface.charCodeAt(i));
    if (units.length === 0) continue;
    const first = String.fromCharCode(units[0]);
    for (let i = text.indexOf(first, 0); i >= 0; i = text.indexOf(first, i + 1)) {
      let j = i + 1;
      let k = 1;
      while (k < units.length && j < text.length) {
        const c = text.charCodeAt(j);
        if (isWhitespaceCode(c)) { j++; continue; }
        if (c !== units[k]) break;
        j++;
        k++;
      }
      if (k === units.length) out.push([Math.max(0, i - pad), Math.min(text.length, j + pad)]);
    }
  }
  return out;
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
  const pause = options.yieldFn ?? yieldToEventLoop;
  const c = contextOf(engine, options);
  const n = text.length;
  let tagPart = (part: string) => engine.tag(part);
  if (hasDocumentRules(engine)) {
    // The whole document's facts come first (every slice is tagged under them): learned slice
    // by slice too when the engine says where it learns them, each fact kept by the slice it
    // starts in.
    let facts: DocumentFacts;
    if (engine.learnAt) {
      const map = new Map<string, string>();
      for (let a = 0; a < n; ) {
        const b = pairEnd(text, Math.min(n, a + size));
        const ws = pairStart(text, back(text, a, 2 * c));
        for (const f of engine.learnAt(text.slice(ws, pairEnd(text, fwd(text, b, 2 * c))))) {
          if (f.start + ws >= a && f.start + ws < b) map.set(f.key, f.surface);
        }
        a = b;
        await pause();
      }
      facts = map;
    } else facts = engine.learn(text);
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
  const cut = findCut(left.spans!, 0, right.spans!, 0, back(text, b, c), fwd(text, b, c), SPANS);
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

// ---------------------------------------------------------------------------------------------
// Shared pieces

/** Tags text[lo, hi), offsets moved to the whole text (on copies: the engine's own objects are
 *  not ours to change). */
function tagWindow<T extends Item>(tagPart: (part: string) => T[], text: Text, lo: number, hi: number): T[] {
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
function findCut<T extends Item>(a: readonly T[], aOff: number, b: readonly T[], bOff: number, zs: number, ze: number, ops: ItemOps<T>): number {
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

/** Index of the first span (sorted, non-overlapping) with end + off > p. */
function firstEndingAfter(spans: readonly Item[], off: number, p: number): number {
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
function firstStartingAt(spans: readonly Item[], off: number, p: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start + off < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Items (sorted by start, maybe overlapping) lying within [start, end) once off is added. */
function within<T extends Item>(list: readonly T[], start: number, end: number, off = 0): T[] {
  const out: T[] = [];
  for (let i = firstStartingAt(list, off, start); i < list.length && list[i].start + off < end; i++) if (list[i].end + off <= end) out.push(list[i]);
  return out;
}

/** Position before `pos` with `n` non-whitespace code units in between (or 0). */
function back(text: Text, pos: number, n: number): number {
  let i = pos;
  while (i > 0 && n > 0) if (!isWhitespaceCode(text.charCodeAt(--i))) n--;
  return i;
}

/** Position after `pos` with `n` non-whitespace code units in between (or the text's end). */
function fwd(text: Text, pos: number, n: number): number {
  let i = pos;
  while (i < text.length && n > 0) if (!isWhitespaceCode(text.charCodeAt(i++))) n--;
  return i;
}

/** Never start a window between the halves of a surrogate pair… */
function pairStart(text: Text, i: number): number {
  return i > 0 && i < text.length && isLow(text.charCodeAt(i)) && isHigh(text.charCodeAt(i - 1)) ? i - 1 : i;
}
/** …nor end one there. */
function pairEnd(text: Text, i: number): number {
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
