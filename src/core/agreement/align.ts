// Putting two annotators' work on the same documents side by side for agreement.ts: documents are
// matched by their path (or id) relative to A and to B, each side's annotations are placed on
// one text by the sidecar loading rule (offsets when the text is the one they were saved for,
// else found again by quote), and only the states that count are kept. Pure.
import { AnnotatedDocument } from '../annotations/document';
import { REVIEWED_STATES, type AnnotationState } from '../annotations/model';
import { toSidecarData, type SidecarData } from '../annotations/sidecar';
import type { ImportedDocument } from '../formats/common';
import { OffsetMap } from '../text/offsets';
import type { AgreementDocument, AgreementSpan } from './agreement';

/** One annotator's copy of a document. */
export interface SideDocument {
  /** The text the annotations are on, when it was found (a sidecar's text may be missing). */
  text?: string;
  /** The annotations as stored (a sidecar, or an import turned into one by {@link sideFromImport}). */
  data: SidecarData;
}

export interface Alignment {
  documents: AgreementDocument[];
  /** Documents only one side has (by path or id), sorted. */
  onlyA: string[];
  onlyB: string[];
  /** What a reader of the figures should know about a document, e.g. that it was not compared. */
  notes: { document: string; message: string }[];
}

/**
 * The states whose annotations count: manual and accepted (what an export writes by default);
 * with suggestions, also `auto` (suggestions imported and not reviewed). `rejected` never counts.
 */
export function countedStates(includeSuggestions: boolean): AnnotationState[] {
  return includeSuggestions ? [...REVIEWED_STATES, 'auto'] : [...REVIEWED_STATES];
}

export function sideFromImport(doc: ImportedDocument): SideDocument {
  return { text: doc.text, data: toSidecarData(doc.text, doc.id, doc.annotations) };
}

/** Matches documents by key and aligns each pair (A's key order, which callers sort). */
export function alignSides(a: ReadonlyMap<string, SideDocument>, b: ReadonlyMap<string, SideDocument>, states: readonly AnnotationState[]): Alignment {
  const out: Alignment = { documents: [], onlyA: [], onlyB: [], notes: [] };
  for (const [id, sa] of a) {
    const sb = b.get(id);
    if (!sb) {
      out.onlyA.push(id);
      continue;
    }
    const r = alignDocument(id, sa, sb, states);
    for (const message of r.notes) out.notes.push({ document: id, message });
    if (r.document) out.documents.push(r.document);
  }
  for (const id of b.keys()) if (!a.has(id)) out.onlyB.push(id);
  out.onlyA.sort();
  out.onlyB.sort();
  return out;
}

/**
 * One document of both sides in code points. With a text (A's, else B's), each side's
 * annotations are loaded onto it as the editor loads a sidecar: at their offsets when the side
 * was saved for this very text, else found again by quote and context; what cannot be found is
 * left out and noted. Without any text, the sidecars must be of the same text (same hash) and
 * give its length; surfaces then come from the stored quotes and there is no context.
 */
export function alignDocument(id: string, a: SideDocument, b: SideDocument, states: readonly AnnotationState[]): { document?: AgreementDocument; notes: string[] } {
  const notes: string[] = [];
  const text = a.text ?? b.text;
  if (text === undefined) {
    const ha = a.data.header;
    const hb = b.data.header;
    if (ha.textHash !== hb.textHash) return { notes: ['no text found and the two sidecars were saved for different texts (textHash): not compared'] };
    const length = ha.codePoints ?? hb.codePoints;
    if (length === undefined) return { notes: ['no text found and the sidecar headers give no length (codePoints): not compared'] };
    notes.push('text not found: length from the sidecar header, surfaces from the stored quotes, no context');
    const stored = (d: SidecarData): AgreementSpan[] =>
      d.annotations.filter((s) => states.includes(s.state)).map((s) => ({ start: s.start, end: s.end, label: s.label, surface: s.quote.exact }));
    return { document: { id, length, a: stored(a.data), b: stored(b.data) }, notes };
  }
  const map = new OffsetMap(text);
  const place = (side: SideDocument, name: 'A' | 'B'): AgreementSpan[] => {
    const { document, report } = AnnotatedDocument.fromSidecar(text, { ...side.data, problems: [], unreadable: [] }, { now: () => '' });
    if (report.textChanged) {
      notes.push(side.text === undefined || side.text === text
        ? `${name}'s annotations were saved for another version of the text: found again by quote`
        : `${name}'s text differs from A's: ${name}'s annotations were placed on A's text by quote`);
    }
    const lost = document.orphans().length;
    if (lost) notes.push(`${lost} annotation(s) of ${name} are orphans (their text was not found) and are left out`);
    return document.all().filter((x) => states.includes(x.state)).map((x) => ({ start: map.toCodePoint(x.start), end: map.toCodePoint(x.end), label: x.label }));
  };
  // Only B can have a text of its own that differs: A's text, when found, is the one used.
  return { document: { id, length: map.codePointLength, text, a: place(a, 'A'), b: place(b, 'B') }, notes };
}
