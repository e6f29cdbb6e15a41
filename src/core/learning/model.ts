// What the annotator teaches the tool (docs/learning.md): a pure, immutable model of learned
// entries. A positive entry (a surface with a label) is a glossary entry with provenance; a
// negative one (a rejected surface + label) suppresses that span everywhere. The editor and
// `npm run simulate` turn each decision into a LearningDecision and call learn(); the file
// (file.ts) is the glossary format, so applying what was learned is loading one more glossary
// layer (engine.ts drops rejected surfaces, the matcher finds learned ones).
import type { GlossaryEntry, GlossaryRejection, Label, LearnedAction, LearnedProvenance } from '../types';
import type { CategoryDef } from '../glossary/load';
import { rejectionKey, type Glossary } from '../glossary/glossary';
import { GLOSSARY_LIMITS } from '../glossary/load';

/** Everything learned in a workspace. Entries are glossary entries with `learned` provenance
 *  (fields edited by hand — a definition, aliases — are kept); rejected items likewise. */
export interface LearnedSet {
  readonly entries: readonly GlossaryEntry[];
  readonly rejected: readonly GlossaryRejection[];
  /** Custom categories the entries use (declared in the file so the glossary loader accepts it). */
  readonly categories: readonly CategoryDef[];
}

export const EMPTY_LEARNED: LearnedSet = { entries: [], rejected: [], categories: [] };

/** A surface with a label, as the annotator saw it in a text (whitespace is ignored). */
export interface Target {
  surface: string;
  label: Label;
}

/**
 * One decision of the annotator, in the terms learning needs:
 * - tag: a span tagged by hand → its surface is suggested everywhere;
 * - accept: a suggestion accepted → the same (nothing is learned when a glossary other than the
 *   learned one already suggests it: `known` below);
 * - reject: a suggestion rejected (or an accepted one removed) → suppressed everywhere;
 * - change: a tag replaced by another — another label (relabeled) and/or other boundaries
 *   (reboundaried): `from` is rejected, `to` learned.
 */
export type LearningDecision =
  | ({ kind: 'tag' | 'accept' | 'reject' } & Target)
  | { kind: 'change'; from: Target; to: Target };

/** Who took the decision, where and when. */
export interface DecisionContext {
  /** The document (workspace-relative path, as the caller wants it shown). */
  file: string;
  author?: string;
  /** ISO 8601; the caller's clock (tests and the simulation pass a fixed one). */
  time?: string;
}

/** Whether a glossary other than the learned one already suggests `surface` as `label`. */
export type Known = (surface: string, label: Label) => boolean;

/** Labels that are learned: NUM is left to the number rules (a number's surface says nothing
 *  about the next one, and a glossary cannot hold NUM). */
export function isLearnable(label: Label): boolean {
  return label !== 'NUM';
}

/** The surface as stored: whitespace (PDF line breaks) removed, as the matcher ignores it. */
export function storedSurface(surface: string): string {
  return surface.replace(/\s+/g, '');
}

/** The learned set after `decision`. Pure: the set given is not changed. The latest decision
 *  wins: learning a surface lifts its rejection and rejecting it forgets the entry. */
export function learn(set: LearnedSet, decision: LearningDecision, context: DecisionContext, known?: Known): LearnedSet {
  switch (decision.kind) {
    case 'tag':
      return addEntry(set, decision, provenance(context, 'tagged'), known);
    case 'accept':
      return addEntry(set, decision, provenance(context, 'accepted'), known);
    case 'reject':
      return addRejection(set, decision, provenance(context, 'rejected'));
    case 'change': {
      const action: LearnedAction = storedSurface(decision.from.surface) === storedSurface(decision.to.surface) ? 'relabeled' : 'reboundaried';
      if (action === 'relabeled' && decision.from.label === decision.to.label) return set;
      // A span widened (产业链 → 产业链党建联盟): the shorter surface was not wrong, only short
      // here — it stays right elsewhere, and the matcher prefers the longer learned surface
      // wherever that occurs. Only narrowing or shifting says the old surface is wrong as such.
      if (action === 'reboundaried' && decision.from.label === decision.to.label && storedSurface(decision.to.surface).includes(storedSurface(decision.from.surface))) {
        return addEntry(set, decision.to, provenance(context, action), known);
      }
      return addEntry(addRejection(set, decision.from, provenance(context, action)), decision.to, provenance(context, action), known);
    }
  }
}

/** The set without the entry (`rejected` false) or the rejection (`rejected` true) of `target`;
 *  the same set when there is none. */
export function forget(set: LearnedSet, target: Target, rejected = false): LearnedSet {
  const key = rejectionKey(target.label, storedSurface(target.surface));
  if (rejected) {
    const kept = set.rejected.filter((r) => rejectionKey(r.category, r.term) !== key);
    return kept.length === set.rejected.length ? set : { ...set, rejected: kept };
  }
  const kept = set.entries.filter((e) => rejectionKey(e.category, e.term) !== key);
  return kept.length === set.entries.length ? set : { ...set, entries: kept };
}

/** Whether `set` has an entry (or, with `rejected`, a rejection) for `target`. */
export function findLearned(set: LearnedSet, target: Target, rejected = false): GlossaryEntry | GlossaryRejection | undefined {
  const key = rejectionKey(target.label, storedSurface(target.surface));
  return (rejected ? set.rejected : set.entries).find((e) => rejectionKey(e.category, e.term) === key);
}

const knownCache = new WeakMap<Glossary, Set<string>>();

/**
 * `known` for learn(): the surfaces (terms and aliases) of `glossary`'s entries that were not
 * learned. Accepting a bundled glossary's suggestion then teaches nothing (it is suggested
 * everywhere already), and a learned entry never shadows a glossary entry of the same term,
 * whose definition the hover would lose. Rejections are not looked at: tagging a rejected
 * glossary surface lifts the rejection, which brings the glossary entry back.
 */
export function knownIn(glossary: Glossary): Known {
  let keys = knownCache.get(glossary);
  if (!keys) {
    keys = new Set();
    for (const e of glossary.entries) {
      if (e.learned || e.defineOnly) continue; // a define-only entry is not suggested: tagging it teaches
      keys.add(rejectionKey(e.category, e.term));
      for (const a of e.aliases) keys.add(rejectionKey(e.category, a));
    }
    knownCache.set(glossary, keys);
  }
  const k = keys;
  return (surface, label) => k.has(rejectionKey(label, surface));
}

function provenance(context: DecisionContext, action: LearnedAction): LearnedProvenance {
  return { file: context.file, action, ...(context.author ? { author: context.author } : {}), ...(context.time ? { time: context.time } : {}), count: 1 };
}

/** A surface learning takes: a learnable label, not empty, not longer than a glossary term may be. */
function usable(target: Target): string | undefined {
  const surface = storedSurface(target.surface);
  return surface && surface.length <= GLOSSARY_LIMITS.termLength && isLearnable(target.label) && target.label.trim() ? surface : undefined;
}

function addEntry(set: LearnedSet, target: Target, learned: LearnedProvenance, known?: Known): LearnedSet {
  const surface = usable(target);
  if (!surface) return set;
  const lifted = forget(set, target, true);
  const entries = recounted(lifted.entries, surface, target.label, learned);
  if (entries) return { ...lifted, entries };
  if (known?.(surface, target.label)) return lifted;
  const entry: GlossaryEntry = { term: surface, category: target.label, aliases: [], definition: '', seeAlso: [], origin: { file: '', line: 0, column: 0 }, learned };
  return { ...lifted, entries: [...lifted.entries, entry], categories: withCategory(lifted.categories, target.label) };
}

function addRejection(set: LearnedSet, target: Target, learned: LearnedProvenance): LearnedSet {
  const surface = usable(target);
  if (!surface) return set;
  const without = forget(set, target, false);
  const rejected = recounted(without.rejected, surface, target.label, learned);
  if (rejected) return { ...without, rejected };
  const rejection: GlossaryRejection = { term: surface, category: target.label, learned, origin: { file: '', line: 0, column: 0 } };
  return { ...without, rejected: [...without.rejected, rejection], categories: withCategory(without.categories, target.label) };
}

/** `list` with its item of `surface` + `label` taught once more (the count goes up, the first
 *  provenance stays: a stable diff), or undefined when it has none. */
function recounted<T extends { term: string; category: string; learned?: LearnedProvenance }>(list: readonly T[], surface: string, label: Label, learned: LearnedProvenance): T[] | undefined {
  const i = list.findIndex((x) => x.category === label && x.term === surface);
  if (i < 0) return undefined;
  return list.map((x, j) => (j === i ? { ...x, learned: { ...(x.learned ?? learned), count: (x.learned?.count ?? 0) + 1 } } : x));
}

function withCategory(categories: readonly CategoryDef[], label: Label): readonly CategoryDef[] {
  if (label === 'TERM' || label === 'ORG' || categories.some((c) => c.name === label)) return categories;
  return [...categories, { name: label }];
}
