// TERM (and custom-category) spans: glossary matches, plus quoted slogans.
import type { Span } from '../types';
import type { CompiledGlossary } from '../glossary/glossary';

export function recognizeTerms(text: string, g: CompiledGlossary): Span[] {
  const out: Span[] = [];
  for (const m of g.matcher.scan(text)) {
    const s = g.surfaces[m.pattern];
    out.push({ start: m.start, end: m.end, label: s.entry.category, origin: 'glossary', entry: s.entry, matched: s.surface });
  }
  return out;
}
