// Document facts under edits: what document-level rules learn (a name found once is an ORG
// everywhere, a phrase quoted once a TERM everywhere), kept per place it is learned so that an
// edit re-learns only around itself (windows.ts), and the places a changed fact recurs.
import type { DocumentFacts, DocumentRules, Engine, LearnedFact } from './types';
import type { Text } from './text-chunks';
import { isWhitespaceCode } from '../text/char-class';
import { firstStartingAt } from '../text/search';
import { planPieces, replaceRange, type EditMap, type ItemOps, type Piece } from './windows';

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

/** The facts of a document: where each was learned (when the engine says, see learnAt) and how
 *  many places teach each key. */
export class Facts {
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
export function occurrences(text: Text, surfaces: readonly string[]): [number, number][] {
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
