// Glossary YAML → entries, with every problem located (file, line, column) and never thrown.
// A bad entry is skipped with a message; the valid entries of the same file still load.
import { LineCounter, parseDocument, visit, isMap, isSeq, isScalar, type Document, type Node } from 'yaml';
import type { GlossaryEntry, GlossaryRejection, Problem } from '../types';
import { readPlainItems } from './plain-items';
import { GLOSSARY_LIMITS, KNOWN_FIELDS, plainEntry, readEntry, readRejection, scalarString, yamlFields } from './read-entry';
import { runSteps, runStepsSliced, type Steps } from '../steps';

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
  /** The file's `matching:` (how its terms are matched), when it has one. */
  matching?: { foldCase: boolean; foldWidth: boolean };
  /** The file's `rejected:` list (surfaces it suppresses for a label; docs/learning.md). */
  rejected?: GlossaryRejection[];
}

export { GLOSSARY_LIMITS } from './read-entry';

const CATEGORY_NAME = /^[A-Z][A-Z0-9_-]{0,31}$/;

export function parseGlossary(rawText: string, file: string): ParsedGlossary {
  return parseGlossaryWith(rawText, file, { plainReader: true });
}

/**
 * parseGlossary, with the fast reader of plain entries (plain-items.ts) on or off: off, every
 * entry goes through the YAML library. Exported for the test that holds the two to the same result.
 */
export function parseGlossaryWith(rawText: string, file: string, options: { plainReader: boolean }): ParsedGlossary {
  return runSteps(glossarySteps(rawText, file, options));
}

/**
 * parseGlossary that gives the event loop back every ~`sliceMs` of work (between batches of
 * entries): a 200,000-entry term base no longer holds the editor's extension host for seconds.
 * `pause` (a turn of the event loop by default) is awaited between slices.
 */
export function parseGlossaryAsync(rawText: string, file: string, pause?: () => Promise<void>, sliceMs?: number): Promise<ParsedGlossary> {
  return runStepsSliced(glossarySteps(rawText, file, { plainReader: true }), pause, sliceMs);
}

/** The parse, as steps: it yields after each batch of entries (the file's head is one step). */
function* glossarySteps(rawText: string, file: string, options: { plainReader: boolean }): Steps<ParsedGlossary> {
  const problems: Problem[] = [];
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText; // BOM
  const lc = new LineCounter();
  /** Offset of the YAML document being read within `text` (entries may be parsed in chunks). */
  let base = 0;
  const at = (offset: number | undefined) => {
    const p = lc.linePos(base + (offset ?? 0));
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
  // Where the file has the usual shape (`entries:` on its own line, then `- ` items), the head
  // and the items are parsed separately: a syntax error stays inside its entry instead of
  // taking every later entry with it, and a huge glossary never holds one giant syntax tree.
  const split = splitEntries(text);
  const parse = (source: string, lineCounter?: LineCounter): Document.Parsed | undefined => {
    try {
      return parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true, customTags: [] });
    } catch (e) {
      problems.push({ file, ...at(0), message: `YAML could not be parsed: ${(e as Error).message}`, severity: 'error' });
      return undefined;
    }
  };
  const reportParse = (d: Document.Parsed, source: string) => {
    // The parser reports an unclosed quote where the string ends (often the start of the next
    // entry); the place to fix is where it opens.
    const quoteStarts = new Map<number, number>();
    if (d.errors.some((err) => err.code === 'MISSING_CHAR')) {
      visit(d, { Scalar: (_, n) => { if ((n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE') && n.range) quoteStarts.set(n.range[1], n.range[0]); } });
    }
    for (const err of d.errors) {
      const opened = err.code === 'MISSING_CHAR' && /^Missing closing ['"]quote/.test(err.message) ? quoteStarts.get(err.pos[0]) : undefined;
      if (opened !== undefined) report(null, `${err.message.split('\n')[0]}: the string opened here is never closed`, 'error', opened);
      else report(null, err.message.split('\n')[0], 'error', err.pos[0]);
    }
    for (const w of d.warnings) report(null, w.message.split('\n')[0], 'warning', w.pos[0]);
    // Aliases are never expanded here (entries are read from the syntax tree), so an alias
    // bomb cannot eat memory; expanding with a budget tells whether the file is one.
    let alias: Node | undefined;
    if (source.includes('*')) visit(d, { Alias: (_, n) => { alias = n; return visit.BREAK; } });
    if (alias && d.errors.length === 0) {
      try {
        d.toJS({ maxAliasCount: GLOSSARY_LIMITS.yamlAliases });
      } catch (e) {
        report(alias, `YAML aliases not expanded: ${(e as Error).message}`);
      }
    }
  };
  let doc: Document.Parsed | undefined;
  if (split) {
    lc.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
    doc = parse(text.slice(0, split.head));
    // Not the shape it seemed (the head is broken, or `entries:` was not a top-level key): read the file whole.
    const head = doc?.contents;
    const e = isMap(head) ? head.get('entries', true) : undefined;
    if (!doc || doc.errors.length > 0 || !isScalar(e) || e.value !== null) {
      split.items.length = 0;
      lc.lineStarts.length = 0;
      doc = undefined;
    }
  }
  const chunked = doc !== undefined;
  doc ??= parse(text, lc);
  if (bad >= 0) report(null, 'file is not valid UTF-8 (replacement character found); check its encoding', 'warning', bad);
  if (!doc) return result;
  reportParse(doc, text);
  if (doc.errors.length > 0 && !isMap(doc.contents)) return result;

  const contents = doc.contents;
  if (!isMap(contents)) {
    report(contents, 'a glossary must be a mapping with `version` and `entries`');
    return result;
  }
  const versionNode = contents.get('version', true) as Node | undefined;
  const version = isScalar(versionNode) ? versionNode.value : versionNode;
  if (version !== undefined && version !== 1) {
    report(versionNode, `unsupported glossary version ${String(version)} (this release reads version 1)`);
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

  // matching: how this file's terms are matched (default: Latin case ignored, full-width forms folded)
  const matchNode = contents.get('matching', true) as Node | undefined;
  if (matchNode !== undefined) {
    if (!isMap(matchNode)) report(matchNode, '`matching` must be a mapping with `case` (sensitive | insensitive) and/or `width` (exact | fold)');
    else {
      const m = { foldCase: true, foldWidth: true };
      for (const pair of matchNode.items) {
        const k = isScalar(pair.key) ? String(pair.key.value) : '';
        const v = isScalar(pair.value) ? pair.value.value : undefined;
        if (k === 'case' && (v === 'sensitive' || v === 'insensitive')) m.foldCase = v === 'insensitive';
        else if (k === 'width' && (v === 'exact' || v === 'fold')) m.foldWidth = v === 'fold';
        else if (k === 'case') report((pair.value ?? pair.key) as Node, '`matching.case` must be `sensitive` or `insensitive`; Latin case stays ignored');
        else if (k === 'width') report((pair.value ?? pair.key) as Node, '`matching.width` must be `exact` or `fold`; full-width forms stay folded');
        else report(pair.key as Node, `unknown field \`${k}\` under \`matching\` (expected case, width)`, 'warning');
      }
      result.matching = m;
    }
  }

  // rejected: surfaces this file suppresses for a label (a learned glossary's rejections)
  const rejNode = contents.get('rejected', true) as Node | undefined;
  if (rejNode !== undefined && rejNode !== null) {
    if (!isSeq(rejNode)) report(rejNode, '`rejected` must be a list of `- term: …` items with `category`');
    else {
      result.rejected = [];
      for (const item of rejNode.items) {
        if (!isMap(item)) { report(item as Node, 'a rejected item must be a mapping with `term` and `category`'); continue; }
        const r = readRejection(yamlFields(item), customCats, report, at, file);
        if (r) result.rejected.push(r);
      }
    }
  }

  const seen = new Map<string, number>();
  /** Adds a read entry; `offset` (in the current document) is where a duplicate is reported. */
  const addEntry = (entry: GlossaryEntry, offset: number | undefined): void => {
    const key = `${entry.category}\u0000${entry.term}`;
    const prev = seen.get(key);
    if (prev !== undefined) {
      if (result.entries[prev].definition !== entry.definition)
        report(null, `duplicate term "${entry.term}" (first at line ${result.entries[prev].origin.line}) with a different definition; the later one wins`, 'warning', offset ?? 0);
      result.entries[prev] = entry;
    } else {
      seen.set(key, result.entries.length);
      result.entries.push(entry);
    }
  };
  /** Reads one item of `entries`; false once the entry limit is reached. */
  const addItem = (item: unknown): boolean => {
    if (result.entries.length >= GLOSSARY_LIMITS.entries) {
      report(item as Node, `more than ${GLOSSARY_LIMITS.entries} entries; the rest are ignored`);
      return false;
    }
    if (!isMap(item)) { report(item as Node, 'an entry must be a mapping with `term`, `category` and `definition`'); return true; }
    const entry = readEntry(yamlFields(item), customCats, report, at, file);
    if (entry) addEntry(entry, item.range?.[0]);
    return true;
  };
  /** The batch's entries when the plain reader takes every one of them without a problem to report. */
  const plainBatch = (from: number, to: number): { entry: GlossaryEntry; offset: number }[] | undefined => {
    if (!options.plainReader) return undefined;
    const items = readPlainItems(text, from, to, KNOWN_FIELDS);
    if (!items || result.entries.length + items.length > GLOSSARY_LIMITS.entries) return undefined;
    const out: { entry: GlossaryEntry; offset: number }[] = [];
    for (const item of items) {
      const entry = plainEntry(item, customCats, file, at);
      if (!entry) return undefined;
      out.push({ entry, offset: item.start });
    }
    return out;
  };

  if (chunked && split) {
    // Items in batches; a batch with a syntax error is read again item by item.
    const bounds = [...split.items, text.length];
    const readChunk = (from: number, to: number, retry: boolean): boolean => {
      base = 0; // the plain reader's offsets are in the whole text
      const plain = plainBatch(bounds[from], bounds[to]);
      if (plain) {
        for (const { entry, offset } of plain) addEntry(entry, offset);
        return true;
      }
      base = bounds[from];
      const source = text.slice(bounds[from], bounds[to]);
      const d = parse(source);
      if (d && d.errors.length > 0 && retry && to - from > 1) {
        for (let k = from; k < to; k++) if (!readChunk(k, k + 1, false)) return false;
        return true;
      }
      if (!d) return true;
      reportParse(d, source);
      const c = d.contents;
      if (c === null) return true; // blank lines and comments only
      if (!isSeq(c)) {
        if (d.errors.length === 0) report(c, '`entries` must be a list: expected an item `- term: …` here');
        return true;
      }
      for (const item of c.items) if (!addItem(item)) return false;
      return true;
    };
    for (let k = 0; k < split.items.length; k += ENTRY_BATCH) {
      if (!readChunk(k, Math.min(k + ENTRY_BATCH, split.items.length), true)) break;
      yield;
    }
    base = 0;
    return result;
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
  for (const item of entriesNode.items) if (!addItem(item)) break;
  return result;
}

/** Entries parsed per YAML document when the file is read in chunks. */
const ENTRY_BATCH = 256;

/**
 * Where the items of a top-level `entries:` block sequence start, when the file has the plain
 * shape: an `entries:` line at column 0, then items `- …` at one indentation up to the end of
 * the file (comments, blank lines, more-indented and stray lines in between; a top-level key or
 * a document marker after them is another shape). `head` is the offset
 * just after the `entries:` line; a preamble before the first item counts as an item, so its
 * problems are reported. Undefined when the shape is anything else: the file is read whole.
 */
function splitEntries(text: string): { head: number; items: number[] } | undefined {
  let head = -1;
  let indent = -1;
  const items: number[] = [];
  for (let p = 0; p < text.length; ) {
    let q = text.indexOf('\n', p);
    if (q < 0) q = text.length;
    const lineEnd = q > p && text.charCodeAt(q - 1) === 0x0d ? q - 1 : q;
    if (head < 0) {
      if (/^entries:[ \t]*(?:#.*)?$/.test(text.slice(p, lineEnd))) {
        if (q >= text.length) return undefined;
        head = q + 1;
      }
    } else {
      let s = p;
      while (s < lineEnd && text.charCodeAt(s) === 0x20) s++;
      const c = text.charCodeAt(s);
      const blank = s === lineEnd || c === 0x23; // # comment
      const dash = c === 0x2d && (s + 1 === lineEnd || text.charCodeAt(s + 1) === 0x20 || text.charCodeAt(s + 1) === 0x09);
      if (!blank) {
        if (dash && (indent < 0 || s - p === indent)) {
          indent = s - p;
          items.push(p);
        } else if (s === p && /^(?:---|\.\.\.)(?:[ \t\r]|$)|^[^\s#-][^\n]*?:(?:[ \t\r]|$)/.test(text.slice(p, Math.min(lineEnd, p + 1000)))) {
          return undefined; // another top-level key, a document marker: read the file whole
        } else if (indent < 0 && items.length === 0) items.push(head); // a preamble before the first item
      }
    }
    p = q + 1;
  }
  return head >= 0 && indent >= 0 ? { head, items } : undefined;
}

