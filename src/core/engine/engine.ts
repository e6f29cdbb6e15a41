// The one engine call: "what spans are in this text". Everything else is a view of its result.
import type { Span } from '../types';
import { bundledGlossary } from '../glossary/bundled';
import { compileGlossary, compileGlossaryAsync, mergeGlossaries, type CompiledGlossary } from '../glossary/glossary';
import type { ParsedGlossary } from '../glossary/load';
import { recognizeNumbers } from '../recognize/numbers';
import { findOrganizationNames, sameNameSpan } from '../recognize/organizations';
import { termCandidates, quotedElsewhereSpan, quoteSurface, quotedTerms, propagates } from '../recognize/terms';
import { findNameSets } from '../recognize/names-matcher';
import type { DocumentFacts, EngineOptions, LearnedFact, RuleEngine } from './types';
import { resolveOverlaps } from '../annotations/resolve';
import { compactView, foldedCompactView } from '../text/compact';
import { dropSpansCuttingWords } from '../recognize/word-edges';
import { firstStartingAt } from '../text/search';

// Facts keys: a name found once is an ORG everywhere in its document; a phrase quoted once is a
// TERM everywhere. Incremental re-tagging tags windows under the whole document's facts.
const ORG_FACT = 'ORG\u0000';
const TERM_FACT = 'TERM\u0000';

export function createEngine(glossary: CompiledGlossary, options: EngineOptions = {}): RuleEngine {
  const labels = options.labels ? new Set(options.labels) : undefined;
  // Rejected surfaces (a learned glossary's `rejected:`) go before overlaps are resolved, so a
  // candidate the rejected span beat (a shorter name inside it) is offered instead. A span's
  // surface depends on its own text only, so re-tagging windows stays equal to a full tag.
  // Define-only glossary surfaces are suppressed the same way (glossary.ts: `suppresses`).
  const kept = (c: Span, text: string) => !glossary.suppresses(c.label, text, c.start, c.end);
  /**
   * `facts` undefined: a whole text, whose names and quoted phrases are propagated. Given: a part
   * of a document, and only the document's facts are propagated — never what the rules find in
   * the part itself, since a name cut by the part's edge (…术开发区管理委员会 of
   * 江宁经济技术开发区管理委员会) would otherwise be marked all over the part.
   */
  const tagPart = (original: string, facts?: { names: readonly string[]; quoted: readonly string[] }): Span[] => {
    // Traditional characters folded (same offsets: the spans are the original's), whitespace
    // left out; the view is shared by every rule recognizer.
    const view = foldedCompactView(original);
    const text = view.original;
    // ORG and TERM rules; then both propagations (rule 4 of each) in one pass over the text.
    const { found: orgs, names: foundNames } = findOrganizationNames(text, glossary, view);
    const { spans: termSpans, surfaces: foundQuoted } = termCandidates(text, glossary, view);
    const [sameNames, quotedElsewhere] = findNameSets(view, facts ? [facts.names, facts.quoted] : [foundNames, foundQuoted]);
    for (const h of sameNames) orgs.push(sameNameSpan(h));
    for (const h of quotedElsewhere) termSpans.push(quotedElsewhereSpan(h));
    const terms = dropQuotesAroundNames(termSpans, orgs);
    const candidates: Span[] = dropSpansCuttingWords(view, terms);
    // Loops, not spreads: a 50 MB text has more spans than a spread may pass on the stack.
    for (const list of [dropSpansCuttingWords(view, orgs), recognizeNumbers(text, view)]) for (const s of list) candidates.push(s);
    const spans = resolveOverlaps(candidates.filter((c) => kept(c, text)));
    return labels ? spans.filter((s) => labels.has(s.label)) : spans;
  };
  // The same facts as learn, each with the place it is learned from, so an edit re-learns only
  // around itself (retag.ts) instead of re-reading the whole text per keystroke.
  const learnAt = (original: string): LearnedFact[] => {
    const view = foldedCompactView(original);
    const text = view.original;
    const out: LearnedFact[] = [];
    for (const f of findOrganizationNames(text, glossary, view).found) {
      const name = compactView(text.slice(f.start, f.end)).text; // the compact slice the ORG rules propagate
      out.push({ start: f.start, end: f.end, key: ORG_FACT + name, surface: name });
    }
    for (const q of quotedTerms(text, view)) {
      const surface = quoteSurface(text, q);
      if (propagates(surface)) out.push({ start: q.start, end: q.end, key: TERM_FACT + surface, surface });
    }
    return out;
  };
  return {
    glossary,
    learnAt,
    tag(text: string): Span[] {
      return tagPart(text);
    },
    // Derived from learnAt, so the two can never disagree on a key or a surface.
    learn(text: string): DocumentFacts {
      return new Map(learnAt(text).map((f) => [f.key, f.surface]));
    },
    tagWith(part: string, facts: DocumentFacts): Span[] {
      const orgs: string[] = [];
      const quoted: string[] = [];
      for (const [k, v] of facts) (k.startsWith(ORG_FACT) ? orgs : quoted).push(v);
      return tagPart(part, { names: orgs, quoted });
    },
  };
}

/**
 * A quotation that contains a whole organization name (“高标准建设江北新区”) is a quoted
 * instruction, not a coined term; the name inside is what a reader needs marked.
 */
function dropQuotesAroundNames(terms: Span[], ruleOrgs: readonly Span[]): Span[] {
  let quotes = 0;
  for (const t of terms) if (t.origin === 'quote') quotes++;
  if (quotes === 0) return terms;
  const orgs = [...ruleOrgs];
  for (const t of terms) if (t.label === 'ORG') orgs.push(t); // glossary ORG entries
  if (orgs.length === 0) return terms;
  const inside = (o: Span, q: Span) => o.start >= q.start && o.end <= q.end && o.end - o.start < q.end - q.start;
  let containsOrg: (q: Span) => boolean;
  if (quotes * orgs.length <= 4096) {
    // A few quotes and names (a normal document): look at every pair, no sorting.
    containsOrg = (q) => orgs.some((o) => inside(o, q));
  } else {
    const sorted = [...orgs].sort((a, b) => a.start - b.start);
    containsOrg = (q) => {
      for (let k = firstStartingAt(sorted, 0, q.start); k < sorted.length && sorted[k].start < q.end; k++) if (inside(sorted[k], q)) return true;
      return false;
    };
  }
  return terms.filter((c) => c.origin !== 'quote' || !containsOrg(c));
}

/** Bundled default glossary merged with extra parsed files (later wins), compiled. */
export function compileWithDefault(extra: readonly ParsedGlossary[] = []): CompiledGlossary {
  return compileGlossary(mergeGlossaries([...bundledGlossary(), ...extra]));
}

/** compileWithDefault in slices that await `pause` (a turn of the event loop by default) every
 *  few milliseconds (src/core/steps.ts). */
export function compileWithDefaultAsync(extra: readonly ParsedGlossary[], pause?: () => Promise<void>, sliceMs?: number): Promise<CompiledGlossary> {
  return compileGlossaryAsync(mergeGlossaries([...bundledGlossary(), ...extra]), pause, sliceMs);
}

let defaultEngine: RuleEngine | undefined;
/** The engine on the bundled default glossary alone (compiled once). */
export function getDefaultEngine(): RuleEngine {
  defaultEngine ??= createEngine(compileWithDefault());
  return defaultEngine;
}
