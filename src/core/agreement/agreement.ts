// Inter-annotator agreement between two annotation sets A and B of the same documents: per-label
// precision, recall and F1 with A as the reference (exact spans, the eval scorer's rule), Cohen's
// kappa over characters, and the list of disagreements with their context. Pure; offsets are
// Unicode code points, as in sidecars and exports. docs/agreement.md is the user's description.
import { score, type ScoreRow } from '../eval/score';
import { orderLabels } from '../labels';

/** A span of one annotator, code point offsets, end exclusive. */
export interface AgreementSpan {
  start: number;
  end: number;
  label: string;
  /** Its text when the document's text is not known (the sidecar's stored quote). */
  surface?: string;
}

/** One document both annotators have, with everything needed to compare their spans. */
export interface AgreementDocument {
  id: string;
  /** Length in code points: every code point is one item of the kappa. */
  length: number;
  /** The text, when known: surfaces and context come from it. */
  text?: string;
  a: readonly AgreementSpan[];
  b: readonly AgreementSpan[];
}

export type DisagreementKind = 'only-a' | 'only-b' | 'label' | 'boundary' | 'label-boundary';

export interface DisagreementSide {
  start: number;
  end: number;
  label: string;
  surface: string;
}

export interface Disagreement {
  document: string;
  kind: DisagreementKind;
  a?: DisagreementSide;
  b?: DisagreementSide;
  /** Up to {@link CONTEXT} code points before and after the two spans together, and the text they
   *  cover; null when the document's text is not known. */
  context: { before: string; text: string; after: string } | null;
}

/** The eval scorer's row (tp: B's spans matching one of A's exactly), with the spans of each side. */
export interface LabelAgreement extends ScoreRow {
  label: string;
  /** Spans (distinct extents) of A and of B. */
  a: number;
  b: number;
  /** Cohen's kappa of "this label or not" over characters; null when undefined (see {@link kappa}). */
  kappa: number | null;
}

export interface KappaFigures {
  /** null when chance agreement is 1 (both annotators put every character in one same category). */
  kappa: number | null;
  observed: number;
  expected: number;
}

export interface AgreementReport {
  documents: number;
  characters: number;
  /** Over all categories (each label and O for "no span"). */
  kappa: KappaFigures;
  /** confusion[categoryOfA][categoryOfB] = characters (categories: labels and "O"). */
  confusion: Record<string, Record<string, number>>;
  /** One row per label, then "ALL" (micro-averaged P/R/F1; its kappa is the overall one). */
  labels: LabelAgreement[];
  /** Code points covered by more than one span of the same annotator (see {@link categoriesOf}). */
  overlapping: { a: number; b: number };
  disagreements: Disagreement[];
}

/** Characters of context shown on each side of a disagreement. */
export const CONTEXT = 10;
/** The category of a character no span covers. */
export const OUTSIDE = 'O';

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** kappa = (po − pe) / (1 − pe); undefined (null) when pe = 1. */
export function kappa(observed: number, expected: number): KappaFigures {
  return { kappa: expected >= 1 ? null : round4((observed - expected) / (1 - expected)), observed: round4(observed), expected: round4(expected) };
}

/**
 * The category of every code point for one annotator: index into `categories` (0 = O). Where
 * spans of one annotator overlap, the longest span covering a character gives its label (ties:
 * the one starting first, then label order) — one category per character, as kappa needs.
 * Returns the categories and how many code points more than one span covered.
 */
export function categoriesOf(length: number, spans: readonly AgreementSpan[], index: ReadonlyMap<string, number>): { cells: Uint16Array; overlapping: number } {
  const cells = new Uint16Array(length);
  const covered = new Uint8Array(length);
  let overlapping = 0;
  const order = [...spans].sort((x, y) => y.end - y.start - (x.end - x.start) || x.start - y.start || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0));
  for (const s of order) {
    const c = index.get(s.label)!;
    for (let i = Math.max(0, s.start); i < Math.min(length, s.end); i++) {
      if (covered[i] === 0) {
        covered[i] = 1;
        cells[i] = c;
      } else if (covered[i] === 1) {
        covered[i] = 2;
        overlapping++;
      }
    }
  }
  return { cells, overlapping };
}

const key = (s: AgreementSpan) => `${s.start}:${s.end}:${s.label}`;
const overlap = (x: AgreementSpan, y: AgreementSpan) => Math.min(x.end, y.end) - Math.max(x.start, y.start);

/** Distinct extents (start, end, label), sorted; the first of equal ones kept. */
function distinct(spans: readonly AgreementSpan[]): AgreementSpan[] {
  const seen = new Set<string>();
  const out: AgreementSpan[] = [];
  for (const s of [...spans].sort((x, y) => x.start - y.start || x.end - y.end || (x.label < y.label ? -1 : 1))) {
    if (seen.has(key(s))) continue;
    seen.add(key(s));
    out.push(s);
  }
  return out;
}

/**
 * The spans that are not in both sets, paired: first a span of B with exactly A's extent (the
 * label differs), then the B span overlapping it most with the same label (the boundary
 * differs), then the one overlapping most with another label (both differ). Each span is in at
 * most one pair; what is left is only in A or only in B.
 */
function pairUp(doc: AgreementDocument, a: AgreementSpan[], b: AgreementSpan[]): Disagreement[] {
  const inA = new Set(a.map(key));
  const inB = new Set(b.map(key));
  const restA = a.filter((s) => !inB.has(key(s)));
  const restB = b.filter((s) => !inA.has(key(s)));
  const used = new Set<AgreementSpan>();
  const out: Disagreement[] = [];
  let chars: string[] | undefined;
  const disagreement = (kind: DisagreementKind, sa: AgreementSpan | undefined, sb: AgreementSpan | undefined) =>
    describe(doc, (chars ??= doc.text === undefined ? undefined : Array.from(doc.text)), kind, sa, sb);
  const best = (s: AgreementSpan, ok: (t: AgreementSpan) => boolean) => {
    let pick: AgreementSpan | undefined;
    for (const t of restB) if (!used.has(t) && overlap(s, t) > 0 && ok(t) && (!pick || overlap(s, t) > overlap(s, pick))) pick = t;
    return pick;
  };
  const paired = new Set<AgreementSpan>();
  for (const pass of ['label', 'boundary', 'label-boundary'] as const) {
    for (const s of restA) {
      if (paired.has(s)) continue;
      const t =
        pass === 'label' ? best(s, (t) => t.start === s.start && t.end === s.end)
        : pass === 'boundary' ? best(s, (t) => t.label === s.label)
        : best(s, () => true);
      if (!t) continue;
      used.add(t);
      paired.add(s);
      out.push(disagreement(pass, s, t));
    }
  }
  for (const s of restA) if (!paired.has(s)) out.push(disagreement('only-a', s, undefined));
  for (const t of restB) if (!used.has(t)) out.push(disagreement('only-b', undefined, t));
  const at = (d: Disagreement) => Math.min(d.a?.start ?? Infinity, d.b?.start ?? Infinity);
  return out.sort((x, y) => at(x) - at(y) || (x.a?.end ?? x.b!.end) - (y.a?.end ?? y.b!.end));
}

/** One disagreement; `chars` are the document's code points when its text is known. */
function describe(doc: AgreementDocument, chars: string[] | undefined, kind: DisagreementKind, a: AgreementSpan | undefined, b: AgreementSpan | undefined): Disagreement {
  const side = (s: AgreementSpan): DisagreementSide => ({ start: s.start, end: s.end, label: s.label, surface: chars ? chars.slice(s.start, s.end).join('') : s.surface ?? '' });
  const from = Math.min(a?.start ?? Infinity, b?.start ?? Infinity);
  const to = Math.max(a?.end ?? -Infinity, b?.end ?? -Infinity);
  const context = chars
    ? { before: chars.slice(Math.max(0, from - CONTEXT), from).join(''), text: chars.slice(from, to).join(''), after: chars.slice(to, to + CONTEXT).join('') }
    : null;
  return { document: doc.id, kind, ...(a ? { a: side(a) } : {}), ...(b ? { b: side(b) } : {}), context };
}

/** The agreement of A and B over `documents` (A is the reference of precision and recall). */
export function agreement(documents: readonly AgreementDocument[]): AgreementReport {
  const labels = orderLabels(documents.flatMap((d) => [...d.a, ...d.b].map((s) => s.label)));
  const categories = [OUTSIDE, ...labels];
  const index = new Map(categories.map((c, i) => [c, i]));
  const k = categories.length;
  const confusion = new Float64Array(k * k);
  let characters = 0;
  const overlapping = { a: 0, b: 0 };
  const disagreements: Disagreement[] = [];
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  const inc = (m: Map<string, number>, l: string) => m.set(l, (m.get(l) ?? 0) + 1);
  for (const doc of documents) {
    const ca = categoriesOf(doc.length, doc.a, index);
    const cb = categoriesOf(doc.length, doc.b, index);
    overlapping.a += ca.overlapping;
    overlapping.b += cb.overlapping;
    for (let i = 0; i < doc.length; i++) confusion[ca.cells[i] * k + cb.cells[i]]++;
    characters += doc.length;
    const a = distinct(doc.a);
    const b = distinct(doc.b);
    for (const s of a) inc(countA, s.label);
    for (const s of b) inc(countB, s.label);
    disagreements.push(...pairUp(doc, a, b));
  }

  const n = characters;
  const row = (i: number) => { let t = 0; for (let j = 0; j < k; j++) t += confusion[i * k + j]; return t; };
  const col = (j: number) => { let t = 0; for (let i = 0; i < k; i++) t += confusion[i * k + j]; return t; };
  let agreed = 0;
  let chance = 0;
  for (let i = 0; i < k; i++) {
    agreed += confusion[i * k + i];
    chance += n ? (row(i) / n) * (col(i) / n) : 0;
  }
  const overall = n ? kappa(agreed / n, chance) : { kappa: null, observed: 0, expected: 0 };
  // Per label: the 2×2 table "label L" vs "anything else" folded out of the full confusion.
  const binary = (i: number): number | null => {
    if (!n) return null;
    const both = confusion[i * k + i];
    const ra = row(i) / n;
    const cb = col(i) / n;
    const po = (n - row(i) - col(i) + 2 * both) / n;
    return kappa(po, ra * cb + (1 - ra) * (1 - cb)).kappa;
  };

  const scored = score(
    documents.map((d) => ({ id: d.id, spans: distinct(d.a) })),
    documents.map((d) => ({ id: d.id, spans: distinct(d.b) })),
  );
  const zero = { tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0 };
  const rows: LabelAgreement[] = labels.map((label) => ({ label, a: countA.get(label) ?? 0, b: countB.get(label) ?? 0, ...(scored[label] ?? zero), kappa: binary(index.get(label)!) }));
  const sum = (m: Map<string, number>) => [...m.values()].reduce((x, y) => x + y, 0);
  rows.push({ label: 'ALL', a: sum(countA), b: sum(countB), ...(scored.ALL ?? zero), kappa: overall.kappa });

  const table: Record<string, Record<string, number>> = {};
  categories.forEach((ca, i) => {
    table[ca] = {};
    categories.forEach((cb, j) => (table[ca][cb] = confusion[i * k + j]));
  });
  return { documents: documents.length, characters, kappa: overall, confusion: table, labels: rows, overlapping, disagreements };
}
