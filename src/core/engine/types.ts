// The engine's contracts, on their own so that the engine (engine.ts) and incremental re-tagging
// (retag.ts, slices.ts, facts.ts) both depend on them and never on each other's code: the rules
// know nothing of windows, and the windows know the rules only through these interfaces.
import type { Span } from '../types';
import type { CompiledGlossary } from '../glossary/glossary';

export interface EngineOptions {
  /** Labels to produce (default: all). */
  labels?: readonly string[];
}

export interface Engine {
  readonly glossary: CompiledGlossary;
  /** All spans of `text` (UTF-16 offsets), sorted by start, non-overlapping. */
  tag(text: string): Span[];
}

/** What document-level rules learn anywhere in a text and apply everywhere in it: a key per
 *  fact (e.g. 'TERM\u0000高质量发展引领区'), mapped to the surface the rule looks for. */
export type DocumentFacts = ReadonlyMap<string, string>;

/** A fact and where it is learned (the quoted phrase, the name a rule found). */
export interface LearnedFact {
  start: number;
  end: number;
  key: string;
  surface: string;
}

/** Offered by an engine whose spans depend on the whole document. */
export interface DocumentRules {
  /** The facts of a whole text. */
  learn(text: string): DocumentFacts;
  /** The spans of `part` as tagged inside a document whose facts are `facts`; for a whole text,
   *  tagWith(text, learn(text)) must equal tag(text). */
  tagWith(part: string, facts: DocumentFacts): Span[];
  /** Optional, for speed: the facts of a text with where each is learned, found from nearby
   *  text like spans are (its keys and surfaces must be exactly those of learn). With it an edit
   *  re-learns only around itself; without it every edit calls learn on the whole text. */
  learnAt?(text: string): LearnedFact[];
}

/** An engine; its DocumentRules let incremental re-tagging equal a full tag (retag.ts). */
export type RuleEngine = Engine & DocumentRules & Required<Pick<DocumentRules, 'learnAt'>>;

export function hasDocumentRules(engine: Engine): engine is Engine & DocumentRules {
  const e = engine as Partial<DocumentRules>;
  return typeof e.learn === 'function' && typeof e.tagWith === 'function';
}
