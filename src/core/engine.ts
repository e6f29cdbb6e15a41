// The one engine call: "what spans are in this text". Everything else is a view of its result.
import type { Span } from './types';
import { bundledGlossary } from './glossary/bundled';
import { compileGlossary, mergeGlossaries, type CompiledGlossary } from './glossary/glossary';
import type { ParsedGlossary } from './glossary/load';
import { recognizeNumbers } from './recognize/numbers';
import { recognizeOrganizations } from './recognize/organizations';
import { recognizeTerms } from './recognize/terms';
import { resolveOverlaps } from './annotations/resolve';
import { compactView } from './text/compact';

export interface EngineOptions {
  /** Labels to produce (default: all). */
  labels?: readonly string[];
}

export interface Engine {
  readonly glossary: CompiledGlossary;
  /** All spans of `text` (UTF-16 offsets), sorted by start, non-overlapping. */
  tag(text: string): Span[];
}

export function createEngine(glossary: CompiledGlossary, options: EngineOptions = {}): Engine {
  const labels = options.labels ? new Set(options.labels) : undefined;
  return {
    glossary,
    tag(text: string): Span[] {
      const view = compactView(text); // shared by every rule recognizer
      const candidates: Span[] = [
        ...recognizeTerms(text, glossary, view),
        ...recognizeOrganizations(text, glossary, view),
        ...recognizeNumbers(text, view),
      ];
      const spans = resolveOverlaps(dropQuotesAroundNames(candidates));
      return labels ? spans.filter((s) => labels.has(s.label)) : spans;
    },
  };
}

/**
 * A quotation that contains a whole organization name (“高标准建设江北新区”) is a quoted
 * instruction, not a coined term; the name inside is what a reader needs marked.
 */
function dropQuotesAroundNames(candidates: Span[]): Span[] {
  const orgs = candidates.filter((c) => c.label === 'ORG').sort((a, b) => a.start - b.start);
  if (orgs.length === 0) return candidates;
  const containsOrg = (q: Span): boolean => {
    let lo = 0;
    let hi = orgs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (orgs[mid].start < q.start) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < orgs.length && orgs[k].start < q.end; k++) {
      const o = orgs[k];
      if (o.end <= q.end && o.end - o.start < q.end - q.start) return true;
    }
    return false;
  };
  return candidates.filter((c) => c.origin !== 'quote' || !containsOrg(c));
}

/** Bundled default glossary merged with extra parsed files (later wins), compiled. */
export function compileWithDefault(extra: readonly ParsedGlossary[] = []): CompiledGlossary {
  return compileGlossary(mergeGlossaries([...bundledGlossary(), ...extra]));
}

let defaultEngine: Engine | undefined;
/** The engine on the bundled default glossary alone (compiled once). */
export function getDefaultEngine(): Engine {
  defaultEngine ??= createEngine(compileWithDefault());
  return defaultEngine;
}
