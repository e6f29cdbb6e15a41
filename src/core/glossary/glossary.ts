// Merging parsed glossary files and compiling them into one matcher.
import type { GlossaryEntry, GlossaryRejection, Label, Problem } from '../types';
import { mixedMatcherSteps, scratchTables, type Matcher, type MatcherOptions, type Scratch } from './matcher';
import { runSteps, runStepsSliced, type Steps } from '../steps';
import { withoutJsWhitespace } from '../text/char-class';
import type { CategoryDef, ParsedGlossary } from './load';
import { referenceIndex, type ReferenceIndex } from './reference';

export interface Glossary {
  entries: GlossaryEntry[];
  categories: CategoryDef[];
  problems: Problem[];
  /** Surfaces suppressed for a label (`rejected:` lists, docs/learning.md), after merging. */
  rejected: GlossaryRejection[];
}

/** The key of a surface under a label, as rejections are matched: whitespace (PDF line breaks)
 *  removed, as the matcher removes it; nothing else folded. */
export function rejectionKey(label: Label, surface: string): string {
  return `${label}\u0000${withoutJsWhitespace(surface)}`;
}

/**
 * Later files override earlier ones entry by entry, keyed by (category, term): default < user <
 * workspace < learned. A file's rejection of a surface suppresses it whatever file defines it;
 * a later file's entry with that very term lifts an earlier file's rejection of it.
 */
export function mergeGlossaries(parts: readonly ParsedGlossary[]): Glossary {
  const byKey = new Map<string, GlossaryEntry>();
  const cats = new Map<string, CategoryDef>();
  const problems: Problem[] = [];
  const rejected = new Map<string, GlossaryRejection>();
  for (const p of parts) {
    if (rejected.size > 0) for (const e of p.entries) rejected.delete(rejectionKey(e.category, e.term));
    for (const r of p.rejected ?? []) rejected.set(rejectionKey(r.category, r.term), r);
    // A file that asks for other matching than the default passes it to its entries.
    const m = p.matching;
    const match = m && (!m.foldCase || !m.foldWidth) ? { foldCase: m.foldCase, foldWidth: m.foldWidth } : undefined;
    for (const e of p.entries) {
      const key = `${e.category}\u0000${e.term}`;
      const prev = byKey.get(key);
      byKey.delete(key); // re-insert so order follows the latest definition
      // A term learned from the annotator's tagging brings a define-only entry into tagging and
      // keeps its definition (the learned entry has none of its own).
      const next = e.learned && prev?.defineOnly && !e.definition ? { ...prev, learned: e.learned, defineOnly: undefined } : e;
      byKey.set(key, match ? { ...next, match } : next);
    }
    for (const c of p.categories) cats.set(c.name, { ...cats.get(c.name), ...c });
    for (const x of p.problems) problems.push(x); // not push(...): 200,000 problems would overflow the stack
  }
  return { entries: [...byKey.values()], categories: [...cats.values()], problems, rejected: [...rejected.values()] };
}

/** One matchable surface form: a term or one of its aliases. */
export interface Surface {
  entry: GlossaryEntry;
  surface: string;
}

export interface CompiledGlossary {
  readonly glossary: Glossary;
  readonly matcher: Matcher;
  readonly surfaces: readonly Surface[];
  /** Entry by canonical term or alias (exact string). */
  lookup(text: string): GlossaryEntry | undefined;
  /** rejectionKey(label, surface) of every rejected surface: the engine drops every candidate
   *  span with one of these keys (glossary, rule or quote), and rejected glossary surfaces are
   *  left out of the matcher, so a shorter or other surface can match there instead. */
  readonly rejected: ReadonlySet<string>;
  /** Define-only entries (`show: hover`): left out of the matcher, found by hovers (reference.ts). */
  readonly references: ReferenceIndex;
  /** Define-only entry by surface (whitespace ignored), as `lookup` finds the tagged ones: the
   *  rules ask it so as not to tag or name what such an entry says is a plain term. */
  defineOnly(text: string): GlossaryEntry | undefined;
  /** True when a candidate span of `label` over text[start, end) is dropped: its surface is in
   *  `rejected`, or is a define-only entry's of that category (unless a tagged entry of that
   *  category shares the surface). Labels with nothing suppressed answer without slicing. */
  suppresses(label: Label, text: string, start: number, end: number): boolean;
}

export function compileGlossary(glossary: Glossary): CompiledGlossary {
  return runSteps(compileGlossarySteps(glossary, scratchTables()));
}

/** compileGlossary in slices (src/core/steps.ts): the editor's way to compile a large term base. */
export function compileGlossaryAsync(glossary: Glossary, pause?: () => Promise<void>, sliceMs?: number): Promise<CompiledGlossary> {
  return runStepsSliced(compileGlossarySteps(glossary, scratchTables()), pause, sliceMs);
}

/** `scratch`: the matcher's per-unit tables for this compilation (matcher.ts). */
function* compileGlossarySteps(glossary: Glossary, scratch: Scratch): Steps<CompiledGlossary> {
  const surfaces: Surface[] = [];
  // Surface (whitespace removed) → its index in `surfaces`: the matcher's patterns and the
  // lookup's index at once. When two entries share a surface the later (higher-priority) wins.
  const bySurface = new Map<string, number>();
  const rejected = new Set((glossary.rejected ?? []).map((r) => rejectionKey(r.category, r.term)));
  const add = (entry: GlossaryEntry, s: string) => {
    const key = withoutJsWhitespace(s);
    if (!key) return;
    if (rejected.size > 0 && rejected.has(rejectionKey(entry.category, key))) return;
    const prev = bySurface.get(key);
    if (prev !== undefined) surfaces[prev] = { entry, surface: s };
    else {
      bySurface.set(key, surfaces.length);
      surfaces.push({ entry, surface: s });
    }
  };
  let n = 0;
  const defineOnly: GlossaryEntry[] = [];
  for (const entry of glossary.entries) {
    if ((++n & 0x3fff) === 0) yield;
    if (entry.defineOnly) { defineOnly.push(entry); continue; }
    add(entry, entry.term);
    for (const a of entry.aliases) add(entry, a);
  }
  // Each surface folded as its file asks (`matching:`); one automaton when all fold alike.
  const matcher = yield* mixedMatcherSteps(surfaces.map((s) => s.surface), surfaces.map((s) => s.entry.match ?? DEFAULT_MATCH), scratch);
  const references = referenceIndex(defineOnly);
  const suppressed = new Set(rejected);
  // The labels that have a suppressed surface: a candidate of another label (most are NUM) is
  // never looked up, so the bundled define-only TERM entries cost the numbers nothing.
  const suppressedLabels = new Set<Label>((glossary.rejected ?? []).map((r) => r.category));
  for (const [key, e] of references.bySurface) {
    const tagged = bySurface.get(key);
    if (tagged === undefined || surfaces[tagged].entry.category !== e.category) {
      suppressed.add(rejectionKey(e.category, key));
      suppressedLabels.add(e.category);
    }
  }
  return {
    glossary,
    matcher,
    surfaces,
    rejected,
    references,
    suppresses: (label, text, start, end) => suppressedLabels.has(label) && suppressed.has(rejectionKey(label, text.slice(start, end))),
    defineOnly: (text) => references.bySurface.get(withoutJsWhitespace(text)),
    // The ORG rules look up dozens of substrings of the whitespace-free view per document: a
    // text without whitespace is its own key, with no regex pass over it.
    lookup: (text) => {
      const k = bySurface.get(withoutJsWhitespace(text));
      return k === undefined ? undefined : surfaces[k].entry;
    },
  };
}

const DEFAULT_MATCH: Partial<MatcherOptions> = {};

