// Glossary YAML → entries, with every problem located (file, line, column) and never thrown.
// A bad entry is skipped with a message; the valid entries of the same file still load.
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node, type YAMLMap } from 'yaml';
import type { GlossaryEntry, Label, Problem } from '../types';

export interface CategoryDef {
  name: string;
  color?: string;
  description?: string;
}

export interface ParsedGlossary {
  file: string;
  entries: GlossaryEntry[];
  categories: CategoryDef[];
  problems: Problem[];
}

/** Limits that keep a hostile glossary from freezing or exhausting the host. */
export const GLOSSARY_LIMITS = {
  termLength: 200,
  definitionLength: 20_000,
  aliases: 100,
  entries: 500_000,
  /** YAML alias expansions per document ("billion laughs" guard). */
  yamlAliases: 1000,
  fileBytes: 64 * 1024 * 1024,
};

const BUILTIN = new Set(['TERM', 'ORG']);
const CATEGORY_NAME = /^[A-Z][A-Z0-9_-]{0,31}$/;
const KNOWN_FIELDS = new Set(['term', 'category', 'aliases', 'definition', 'source', 'see_also', 'seeAlso']);

export function parseGlossary(rawText: string, file: string): ParsedGlossary {
  const problems: Problem[] = [];
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText; // BOM
  const lc = new LineCounter();
  const at = (offset: number | undefined) => {
    const p = lc.linePos(offset ?? 0);
    return { line: p.line, column: p.col };
  };
  const report = (node: Node | undefined | null, message: string, severity: Problem['severity'] = 'error', offset?: number) => {
    const o = offset ?? node?.range?.[0] ?? 0;
    problems.push({ file, ...at(o), message, severity });
  };
  const result: ParsedGlossary = { file, entries: [], categories: [], problems };

  if (text.length > GLOSSARY_LIMITS.fileBytes) {
    problems.push({ file, line: 1, column: 1, message: `glossary file is larger than ${GLOSSARY_LIMITS.fileBytes} bytes; not loaded`, severity: 'error' });
    return result;
  }
  const bad = text.indexOf('\uFFFD');
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, customTags: [] });
  } catch (e) {
    problems.push({ file, line: 1, column: 1, message: `YAML could not be parsed: ${(e as Error).message}`, severity: 'error' });
    return result;
  }
  if (bad >= 0) report(null, 'file is not valid UTF-8 (replacement character found); check its encoding', 'warning', bad);
  for (const err of doc.errors) report(null, err.message.split('\n')[0], 'error', err.pos[0]);
  for (const w of doc.warnings) report(null, w.message.split('\n')[0], 'warning', w.pos[0]);
  if (doc.errors.length > 0 && !isMap(doc.contents)) return result;

  let root: unknown;
  try {
    // toJS expands aliases; maxAliasCount makes alias bombs fail here instead of eating memory.
    root = doc.toJS({ maxAliasCount: GLOSSARY_LIMITS.yamlAliases });
  } catch (e) {
    report(doc.contents, `YAML could not be loaded: ${(e as Error).message}`);
    return result;
  }
  const contents = doc.contents;
  if (!isMap(contents) || typeof root !== 'object' || root === null || Array.isArray(root)) {
    report(contents, 'a glossary must be a mapping with `version` and `entries`');
    return result;
  }
  const version = (root as Record<string, unknown>).version;
  if (version !== undefined && version !== 1) {
    report(contents.get('version', true) as Node, `unsupported glossary version ${String(version)} (this release reads version 1)`);
    return result;
  }

  // categories
  const catNode = contents.get('categories', true) as Node | undefined;
  const customCats = new Set<string>();
  if (catNode !== undefined) {
    if (!isSeq(catNode)) report(catNode, '`categories` must be a list');
    else
      for (const item of catNode.items) {
        if (!isMap(item)) { report(item as Node, 'a category must be a mapping with `name`'); continue; }
        const name = scalarString(item, 'name');
        if (!name || !CATEGORY_NAME.test(name) || name === 'NUM') {
          report(item, '`name` must be an upper-case identifier such as PLACE (not NUM)');
          continue;
        }
        customCats.add(name);
        result.categories.push({ name, color: scalarString(item, 'color'), description: scalarString(item, 'description') });
      }
  }

  const entriesNode = contents.get('entries', true) as Node | undefined;
  if (entriesNode === undefined) {
    report(contents, 'missing `entries` list', 'warning');
    return result;
  }
  if (!isSeq(entriesNode)) {
    report(entriesNode, '`entries` must be a list');
    return result;
  }
  const seen = new Map<string, GlossaryEntry>();
  for (const item of entriesNode.items) {
    if (result.entries.length >= GLOSSARY_LIMITS.entries) {
      report(item as Node, `more than ${GLOSSARY_LIMITS.entries} entries; the rest are ignored`);
      break;
    }
    if (!isMap(item)) { report(item as Node, 'an entry must be a mapping with `term`, `category` and `definition`'); continue; }
    const entry = readEntry(item, customCats, report, at, file);
    if (!entry) continue;
    const key = `${entry.category}\u0000${entry.term}`;
    const prev = seen.get(key);
    if (prev) {
      if (prev.definition !== entry.definition)
        report(item, `duplicate term "${entry.term}" (first at line ${prev.origin.line}) with a different definition; the later one wins`, 'warning');
      result.entries[result.entries.indexOf(prev)] = entry;
    } else result.entries.push(entry);
    seen.set(key, entry);
  }
  return result;
}

function scalarString(map: YAMLMap, key: string): string | undefined {
  const n = map.get(key, true);
  if (isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number')) return String(n.value);
  return undefined;
}

function readEntry(
  item: YAMLMap,
  customCats: Set<string>,
  report: (node: Node | undefined | null, msg: string, sev?: Problem['severity']) => void,
  at: (offset: number | undefined) => { line: number; column: number },
  file: string,
): GlossaryEntry | undefined {
  for (const pair of item.items) {
    const k = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!KNOWN_FIELDS.has(k)) report(pair.key as Node, `unknown field \`${k}\` (expected term, category, aliases, definition, source, see_also)`, 'warning');
  }
  const termNode = item.get('term', true) as Node | undefined;
  const term = scalarString(item, 'term')?.trim();
  if (!term) { report(termNode ?? item, '`term` is missing or empty'); return undefined; }
  if (term.length > GLOSSARY_LIMITS.termLength) {
    report(termNode, `\`term\` is ${term.length} characters long (limit ${GLOSSARY_LIMITS.termLength}); entry skipped`);
    return undefined;
  }
  const catNode = item.get('category', true) as Node | undefined;
  const category = (scalarString(item, 'category') ?? '').trim() as Label;
  if (!category) { report(catNode ?? item, `\`category\` is missing for "${term}"`); return undefined; }
  if (!BUILTIN.has(category) && !customCats.has(category)) {
    report(catNode, `unknown category "${category}" for "${term}": use TERM, ORG or declare it under \`categories\``);
    return undefined;
  }
  const defNode = item.get('definition', true) as Node | undefined;
  let definition = '';
  if (defNode !== undefined && defNode !== null) {
    const d = scalarString(item, 'definition');
    if (d === undefined) report(defNode, '`definition` must be a string');
    else definition = d;
  }
  if (definition.length > GLOSSARY_LIMITS.definitionLength) {
    report(defNode, `\`definition\` is ${definition.length} characters long; cut to ${GLOSSARY_LIMITS.definitionLength}`, 'warning');
    definition = definition.slice(0, GLOSSARY_LIMITS.definitionLength) + '…';
  }
  const aliases = stringList(item, 'aliases', report).filter((a) => {
    if (a.length > GLOSSARY_LIMITS.termLength) { report(item.get('aliases', true) as Node, `alias of ${a.length} characters skipped`); return false; }
    return a.trim().length > 0 && a !== term;
  });
  if (aliases.length > GLOSSARY_LIMITS.aliases) report(item.get('aliases', true) as Node, `more than ${GLOSSARY_LIMITS.aliases} aliases; the rest are ignored`, 'warning');
  const seeAlso = stringList(item, item.has('see_also') ? 'see_also' : 'seeAlso', report);
  const source = scalarString(item, 'source');
  return {
    term,
    category,
    aliases: aliases.slice(0, GLOSSARY_LIMITS.aliases),
    definition,
    source: source?.trim() || undefined,
    seeAlso,
    origin: { file, ...at(item.range?.[0]) },
  };
}

function stringList(item: YAMLMap, key: string, report: (node: Node | undefined | null, msg: string, sev?: Problem['severity']) => void): string[] {
  const n = item.get(key, true) as Node | undefined;
  if (n === undefined || n === null) return [];
  if (isScalar(n)) return n.value === null ? [] : [String(n.value)];
  if (!isSeq(n)) { report(n, `\`${key}\` must be a list of strings`); return []; }
  const out: string[] = [];
  for (const x of n.items) {
    if (isScalar(x) && (typeof x.value === 'string' || typeof x.value === 'number')) out.push(String(x.value).trim());
    else report(x as Node, `\`${key}\` items must be strings`);
  }
  return out;
}
