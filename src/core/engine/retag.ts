// Re-tagging without re-reading the whole text: after an edit (keystroke, paste) only windows
// around it are tagged again (windows.ts says why that equals a full tag), under the document's
// facts as they are after the edit (facts.ts). retag is the pure form; IncrementalTagger keeps
// a text and its spans up to date edit by edit, in place.
import type { Engine } from './types';
import { hasDocumentRules } from './types';
import type { Span, TextEdit } from '../types';
import { ChunkedText, type Text } from './text-chunks';
import { Facts, occurrences } from './facts';
import { clamp, contextOf, planPieces, replaceRange, SPANS, type Piece, type RetagOptions } from './windows';
import { firstStartingAt } from '../text/search';

export interface RetagResult {
  text: string;
  spans: Span[];
  /** Ranges of the new text whose spans were recomputed (sorted, disjoint); outside them spans
   *  were kept, shifted after the edit. Several when the edit changed document facts. */
  windows: { start: number; end: number }[];
  /** How many times a window had to grow because its zones disagreed (0 normally). */
  widenings: number;
}

/** Spans of the text after `change`, from the spans of the text before it. Pure: the inputs are
 *  not touched (spans after the edit are copied with shifted offsets). */
export function retag(engine: Engine, oldText: string, oldSpans: readonly Span[], change: TextEdit, options: RetagOptions = {}): RetagResult {
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
  apply(change: TextEdit): Omit<RetagResult, 'text' | 'spans'> {
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
  applyAll(changes: readonly TextEdit[]): void {
    for (const c of changes) this.apply(c);
  }
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

function planRetag(engine: Engine, oldText: Text, oldSpans: readonly Span[], change: TextEdit, options: RetagOptions, oldFacts: Facts | undefined): Plan {
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

