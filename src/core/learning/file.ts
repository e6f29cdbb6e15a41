// The learned file: `.policy-annotator/learned.glossary.yaml` in a workspace, in the glossary
// format (docs/glossary-format.md) with per-item `learned:` provenance and a `rejected:` list
// (docs/learning.md). Read by the one glossary loader, so a bad file gets the same located
// problems as any glossary; written whole, sorted (a stable diff in git) and atomically. A file
// that has errors is refused: it is never written over (a hand edit gone wrong must not be lost).
import { Document, isMap, isSeq, type Node } from 'yaml';
import type { GlossaryEntry, GlossaryRejection, LearnedProvenance, Problem } from '../types';
import { parseGlossary, type ParsedGlossary } from '../glossary/load';
import { decodeText } from '../files/decode';
import { FileType, errorReason, isNotFound, joinPath, parentPath, type FileSystem } from '../files/file-system';
import { writeAtomic } from '../files/atomic-write';
import type { LearnedSet } from './model';

/** Where a workspace keeps what it learned, relative to the workspace (or any folder above the texts). */
export const LEARNED_FILE = '.policy-annotator/learned.glossary.yaml';

/** The learned set of a parsed learned file (origins point into the file). */
export function learnedFromParsed(parsed: ParsedGlossary): LearnedSet {
  return { entries: parsed.entries, rejected: parsed.rejected ?? [], categories: parsed.categories };
}

/** Parses a learned file with the glossary loader; problems located (file:line:column). */
export function parseLearned(text: string, file: string): { set: LearnedSet; parsed: ParsedGlossary; problems: Problem[] } {
  const parsed = parseGlossary(text, file);
  return { set: learnedFromParsed(parsed), parsed, problems: parsed.problems };
}

/** The set as a glossary layer, to be merged last (over every other glossary): the one way
 *  what was learned reaches the engine, in the editor and the CLI alike. */
export function learnedLayer(set: LearnedSet, file: string): ParsedGlossary {
  return { file, entries: [...set.entries], categories: [...set.categories], problems: [], rejected: [...set.rejected] };
}

const HEADER = ` What Policy Annotator learned from the annotators' decisions (docs/learning.md).
 Entries are suggested wherever their term stands as a word; rejected items are never suggested.
 Review it like code; edit it by hand or with \`policy-annotator learned list|forget\`.`;

const byKey = (a: { category: string; term: string }, b: { category: string; term: string }) =>
  a.category < b.category ? -1 : a.category > b.category ? 1 : a.term < b.term ? -1 : a.term > b.term ? 1 : 0;

/** The file's content: categories, rejected items, then entries, each sorted by (category,
 *  term) in code-unit order, one provenance per line; the same set always gives the same bytes. */
export function serializeLearned(set: LearnedSet): string {
  const content: Record<string, unknown> = { version: 1 };
  if (set.categories.length) {
    content.categories = [...set.categories].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)).map((c) => ({
      name: c.name, ...(c.color ? { color: c.color } : {}), ...(c.description ? { description: c.description } : {}),
    }));
  }
  // `rejected:` before `entries:`, so the loader reads the file in its fast shape (entries last).
  content.rejected = [...set.rejected].sort(byKey).map(rejectionItem);
  content.entries = [...set.entries].sort(byKey).map(entryItem);
  const doc = new Document(content);
  doc.commentBefore = HEADER;
  // Provenance as a one-line flow mapping: one line per decision in a diff.
  for (const list of ['rejected', 'entries']) {
    const seq = doc.get(list, true) as Node | undefined;
    if (!isSeq(seq)) continue;
    for (const item of seq.items) {
      const p = isMap(item) ? item.get('learned', true) : undefined;
      if (isMap(p)) p.flow = true;
    }
  }
  return doc.toString({ lineWidth: 0, indentSeq: true });
}

function provenanceItem(p: LearnedProvenance): Record<string, unknown> {
  return { file: p.file, action: p.action, ...(p.author !== undefined ? { author: p.author } : {}), ...(p.time !== undefined ? { time: p.time } : {}), count: p.count };
}

function rejectionItem(r: GlossaryRejection): Record<string, unknown> {
  return { term: r.term, category: r.category, ...(r.learned ? { learned: provenanceItem(r.learned) } : {}) };
}

function entryItem(e: GlossaryEntry): Record<string, unknown> {
  return {
    term: e.term,
    category: e.category,
    ...(e.aliases.length ? { aliases: e.aliases } : {}),
    definition: e.definition,
    ...(e.source ? { source: e.source } : {}),
    ...(e.seeAlso.length ? { see_also: e.seeAlso } : {}),
    ...(e.learned ? { learned: provenanceItem(e.learned) } : {}),
  };
}

export type LearnedRead =
  | { kind: 'missing' }
  | { kind: 'read'; set: LearnedSet; parsed: ParsedGlossary; problems: Problem[] }
  /** Unreadable, not UTF-8, or with errors: used by nobody and never written over. */
  | { kind: 'refused'; problems: Problem[] };

/** Reads a learned file; `displayPath` names it in problems (default `path`). Warnings (an
 *  unknown field) keep it usable; any error refuses it. */
export async function readLearnedFile(fs: FileSystem, path: string, displayPath = path): Promise<LearnedRead> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (e) {
    if (isNotFound(e)) return { kind: 'missing' };
    return { kind: 'refused', problems: [{ file: displayPath, line: 1, column: 1, severity: 'error', message: `cannot read the learned file: ${errorReason(e)}` }] };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { kind: 'refused', problems: [{ file: displayPath, line: decoded.line, column: decoded.column, severity: 'error', message: decoded.reason }] };
  const r = parseLearned(decoded.text, displayPath);
  if (r.problems.some((p) => p.severity === 'error')) return { kind: 'refused', problems: r.problems };
  return { kind: 'read', ...r };
}

/** Writes the set atomically (creating `.policy-annotator/` when needed). The caller must not
 *  write over a file it read as refused. */
export async function writeLearnedFile(fs: FileSystem, path: string, set: LearnedSet): Promise<void> {
  await writeAtomic(fs, path, serializeLearned(set));
}

/**
 * The learned file that applies to a text in `folder`: `.policy-annotator/learned.glossary.yaml`
 * in that folder or the nearest folder above it that has one, like git finds its repository;
 * the search stops at the root. `folder` should be absolute; `cache` (folder → answer) saves
 * the look-ups when many texts share folders.
 */
export async function findLearnedFile(fs: FileSystem, folder: string, cache?: Map<string, string | undefined>): Promise<string | undefined> {
  const seen: string[] = [];
  let found: string | undefined;
  for (let dir = folder; ; ) {
    if (cache?.has(dir)) {
      found = cache.get(dir);
      break;
    }
    seen.push(dir);
    const candidate = joinPath(dir, LEARNED_FILE);
    if (await isFile(fs, candidate)) {
      found = candidate;
      break;
    }
    const up = parentPath(dir);
    if (up === dir) break;
    dir = up;
  }
  if (cache) for (const d of seen) cache.set(d, found);
  return found;
}

async function isFile(fs: FileSystem, path: string): Promise<boolean> {
  try {
    return ((await fs.stat(path)).type & FileType.File) !== 0;
  } catch {
    return false;
  }
}
