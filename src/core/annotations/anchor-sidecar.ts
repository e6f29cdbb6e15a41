// Loading a sidecar onto a text: its annotations at their stored offsets when the text is the
// one they were saved with, else found again by quote and context; what cannot be found is an
// orphan, kept and reported. Pure; AnnotatedDocument.fromSidecar (document.ts) builds on it.
import type { Annotation } from './model';
import { reanchor } from './reanchor';
import { textHash } from './hash';
import type { ParsedSidecar, StoredAnnotation } from './sidecar';
import type { LoadReport } from './document-types';

/** The sidecar's annotations placed on `text`: live ones (sorted as stored), orphans, and a
 *  report. `now` stamps annotations orphaned by this load. */
export function anchorSidecar(text: string, sidecar: ParsedSidecar, now: () => string): { live: Annotation[]; orphans: StoredAnnotation[]; report: LoadReport } {
  const orphans: StoredAnnotation[] = [];
  const textChanged = sidecar.header.textHash !== textHash(text);
  const items = [...sidecar.annotations, ...sidecar.orphans];
  // Offsets of live annotations are exact when the text is the one they were saved with;
  // orphans' offsets refer to an older text and are always checked.
  const results = reanchor(text, items.map((s) => ({ ...s, trustOffsets: !textChanged && s.orphanedAt === undefined })));
  const report: LoadReport = { atOffsets: 0, moved: 0, orphaned: [], recovered: 0, textChanged };
  const live: Annotation[] = [];
  results.forEach((r, i) => {
    const s = items[i];
    if (r.anchored) {
      if (s.orphanedAt !== undefined) report.recovered++;
      else if (r.how === 'offsets') report.atOffsets++;
      else report.moved++;
      live.push(placeStored(s, r));
    } else {
      const orphan = s.orphanedAt !== undefined ? s : { ...s, orphanedAt: now() };
      orphans.push(orphan);
      if (s.orphanedAt === undefined) report.orphaned.push({ annotation: orphan, reason: r.reason });
    }
  });
  return { live, orphans, report };
}

/** A stored annotation (or orphan) live again at `range`: its label, state, decision and value,
 *  nothing of where or when it was stored. The one rule for loading and for re-attaching. */
export function placeStored(s: StoredAnnotation, range: { start: number; end: number }): Annotation {
  return {
    start: range.start,
    end: range.end,
    label: s.label,
    state: s.state,
    ...(s.author !== undefined ? { author: s.author } : {}),
    ...(s.time !== undefined ? { time: s.time } : {}),
    ...(s.value !== undefined ? { value: s.value } : {}),
  };
}
