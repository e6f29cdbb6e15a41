// The one engine call: "what spans are in this text". Everything else is a view of its result.
import type { Span } from './types';
import { bundledGlossary } from './glossary/bundled';
import { compileGlossary, mergeGlossaries, type CompiledGlossary } from './glossary/glossary';
import type { ParsedGlossary } from './glossary/load';
import { recognizeNumbers } from './recognize/numbers';
import { recognizeOrganizations } from './recognize/organizations';
import { recognizeTerms } from './recognize/terms';
import { resolveOverlaps } from './annotations/resolve';

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
      const candidates: Span[] = [
        ...recognizeTerms(text, glossary),
        ...recognizeOrganizations(text, glossary),
        ...recognizeNumbers(text),
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
  const orgs = candidates.filter((c) => c.label === 'ORG');
  if (orgs.length === 0) return candidates;
  return candidates.filter((c) => c.origin !== 'quote' || !orgs.some((o) => o.start >= c.start && o.end <= c.end && o.end - o.start < c.end - c.start));
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
