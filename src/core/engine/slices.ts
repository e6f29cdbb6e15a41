// Tagging a long text in slices that yield to the event loop, the visible range first; slices
// are tagged in windows and joined as windows.ts explains.
import type { DocumentFacts, Engine } from './types';
import { hasDocumentRules } from './types';
import type { Span } from '../types';
import { yieldToEventLoop } from '../steps';
import { back, clamp, contextOf, findCut, fwd, pairEnd, pairStart, SPANS, tagWindow, within } from './windows';

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
 * and normally do not overlap. Only if neighbouring slices disagree (see windows.ts)
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
