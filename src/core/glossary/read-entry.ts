// One glossary entry (or one `rejected:` item) read from its fields, by the same rules whether the
// fields come from the YAML library's nodes or from the plain reader (plain-items.ts).
import { isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { GlossaryEntry, GlossaryRejection, Label, Problem } from '../types';
import { readProvenance } from './provenance';
import type { PlainItem } from './plain-items';

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
export const KNOWN_FIELDS = new Set(['term', 'category', 'aliases', 'definition', 'source', 'see_also', 'seeAlso', 'learned', 'show']);

export function scalarString(map: YAMLMap, key: string): string | undefined {
  const n = map.get(key, true);
  if (isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number')) return String(n.value);
  return undefined;
}

export type Report = (node: Node | undefined | null, msg: string, sev?: Problem['severity']) => void;

/**
 * An entry's fields as readEntry reads them, from the YAML library's nodes or from the plain
 * reader (plain-items.ts), so both readers take an entry by the same rules.
 */
interface EntryFields {
  /** Where the entry starts in the text (its origin). */
  readonly offset: number | undefined;
  /** The node a problem about the whole entry is reported at (none for plain fields). */
  readonly self: Node | undefined;
  /** Each field name as written, with the node a problem about the name is reported at. */
  names(): Iterable<[string, Node | undefined]>;
  /** The node a problem about field `key` is reported at (none for plain fields). */
  node(key: string): Node | undefined;
  has(key: string): boolean;
  /** Present with a value other than null. */
  present(key: string): boolean;
  /** The value as a string, when it is a string or a number. */
  string(key: string): string | undefined;
  /** The value as a list of strings (a lone scalar is a list of one); problems are reported. */
  list(key: string, report: Report): string[];
}

export function yamlFields(item: YAMLMap): EntryFields {
  return {
    offset: item.range?.[0],
    self: item,
    names: () => item.items.map((pair) => [isScalar(pair.key) ? String(pair.key.value) : '', pair.key as Node]),
    node: (key) => item.get(key, true) as Node | undefined,
    has: (key) => item.has(key),
    present: (key) => {
      const n = item.get(key, true);
      return n !== undefined && n !== null;
    },
    string: (key) => scalarString(item, key),
    list: (key, report) => stringList(item, key, report),
  };
}

function plainFields(item: PlainItem): EntryFields {
  const f = item.fields;
  return {
    offset: item.start,
    self: undefined,
    names: () => [...f.keys()].map((k): [string, Node | undefined] => [k, undefined]),
    node: () => undefined,
    has: (key) => f.has(key),
    present: (key) => f.has(key), // the plain reader takes no empty (null) values
    string: (key) => {
      const v = f.get(key);
      return typeof v === 'string' ? v : undefined;
    },
    list: (key) => {
      const v = f.get(key);
      return v === undefined ? [] : typeof v === 'string' ? [v] : v.map((x) => x.trim());
    },
  };
}

export function readEntry(
  fields: EntryFields,
  customCats: Set<string>,
  report: Report,
  at: (offset: number | undefined) => { line: number; column: number },
  file: string,
): GlossaryEntry | undefined {
  for (const [k, node] of fields.names()) {
    if (!KNOWN_FIELDS.has(k)) report(node, `unknown field \`${k}\` (expected term, category, aliases, definition, source, see_also, show, learned)`, 'warning');
  }
  const head = readTermAndCategory(fields, customCats, report);
  if (!head) return undefined;
  const { term, category } = head;
  const defNode = fields.node('definition');
  let definition = '';
  if (fields.present('definition')) {
    const d = fields.string('definition');
    if (d === undefined) report(defNode, '`definition` must be a string');
    else definition = d;
  }
  if (definition.length > GLOSSARY_LIMITS.definitionLength) {
    report(defNode, `\`definition\` is ${definition.length} characters long; cut to ${GLOSSARY_LIMITS.definitionLength}`, 'warning');
    definition = definition.slice(0, GLOSSARY_LIMITS.definitionLength) + '…';
  }
  const aliases = fields.list('aliases', report).filter((a) => {
    if (a.length > GLOSSARY_LIMITS.termLength) { report(fields.node('aliases'), `alias of ${a.length} characters skipped`); return false; }
    return a.trim().length > 0 && a !== term;
  });
  if (aliases.length > GLOSSARY_LIMITS.aliases) report(fields.node('aliases'), `more than ${GLOSSARY_LIMITS.aliases} aliases; the rest are ignored`, 'warning');
  const seeAlso = fields.list(fields.has('see_also') ? 'see_also' : 'seeAlso', report);
  const source = fields.string('source');
  const learned = fields.has('learned') ? readProvenance(fields.node('learned'), fields.self, report) : undefined;
  const defineOnly = readShow(fields, report);
  return {
    term,
    category,
    aliases: aliases.slice(0, GLOSSARY_LIMITS.aliases),
    definition,
    source: source?.trim() || undefined,
    seeAlso,
    origin: { file, ...at(fields.offset) },
    ...(learned ? { learned } : {}),
    ...(defineOnly ? { defineOnly } : {}),
  };
}

/**
 * `show: hover` makes an entry define-only: explained on hover where it occurs, never tagged.
 * Kept for words a reader may want explained that the annotation standard does not tag
 * (descriptions, categories, ordinary words that sound official). `show: highlight` is the default.
 */
function readShow(fields: EntryFields, report: Report): true | undefined {
  if (!fields.present('show')) return undefined;
  const v = fields.string('show')?.trim();
  if (v === 'hover') return true;
  if (v !== 'highlight') report(fields.node('show'), '`show` must be `highlight` (tagged, the default) or `hover` (defined only); the entry stays highlighted', 'warning');
  return undefined;
}

/** The `term` and `category` of an entry or a rejected item, checked the same way for both. */
function readTermAndCategory(fields: EntryFields, customCats: Set<string>, report: Report): { term: string; category: Label } | undefined {
  const termNode = fields.node('term');
  const term = fields.string('term')?.trim();
  if (!term) { report(termNode ?? fields.self, '`term` is missing or empty'); return undefined; }
  if (term.length > GLOSSARY_LIMITS.termLength) {
    report(termNode, `\`term\` is ${term.length} characters long (limit ${GLOSSARY_LIMITS.termLength}); entry skipped`);
    return undefined;
  }
  const catNode = fields.node('category');
  const category = (fields.string('category') ?? '').trim() as Label;
  if (!category) { report(catNode ?? fields.self, `\`category\` is missing for "${term}"`); return undefined; }
  if (!BUILTIN.has(category) && !customCats.has(category)) {
    report(catNode, `unknown category "${category}" for "${term}": use TERM, ORG or declare it under \`categories\``);
    return undefined;
  }
  return { term, category };
}

const REJECTED_FIELDS = new Set(['term', 'category', 'learned']);

/** One item of `rejected:`; its term is kept without whitespace, as it is matched. */
export function readRejection(fields: EntryFields, customCats: Set<string>, report: Report, at: (offset: number | undefined) => { line: number; column: number }, file: string): GlossaryRejection | undefined {
  for (const [k, node] of fields.names()) {
    if (!REJECTED_FIELDS.has(k)) report(node, `unknown field \`${k}\` in a rejected item (expected term, category, learned)`, 'warning');
  }
  const head = readTermAndCategory(fields, customCats, report);
  const learned = head && fields.has('learned') ? readProvenance(fields.node('learned'), fields.self, report) : undefined;
  return head && { term: head.term.replace(/\s+/g, ''), category: head.category, ...(learned ? { learned } : {}), origin: { file, ...at(fields.offset) } };
}

/**
 * The entry readEntry makes of a plain item, or undefined when it would report anything about it
 * (then the batch goes through the YAML library, which reports it in place).
 */
export function plainEntry(item: PlainItem, customCats: Set<string>, file: string, at: (offset: number | undefined) => { line: number; column: number }): GlossaryEntry | undefined {
  let problem = false;
  const entry = readEntry(plainFields(item), customCats, () => { problem = true; }, at, file);
  return problem ? undefined : entry;
}

function stringList(item: YAMLMap, key: string, report: Report): string[] {
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
