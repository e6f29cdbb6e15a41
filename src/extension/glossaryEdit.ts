// "Add selection to glossary": where and what to insert into a glossary YAML file so that the
// user's formatting and comments stay as they are (a plain insertion after the last entry when the
// list is a block list; a re-serialization through the `yaml` Document API otherwise).
// Pure (no vscode import): unit-tested in Node.
import { parseDocument, stringify, isMap, isSeq, isScalar, type YAMLMap, type YAMLSeq } from 'yaml';

export interface GlossaryInsert {
  /** Replace text[start, end) with `text` (start === end for a plain insertion). */
  start: number;
  end: number;
  text: string;
  /** Offset in the resulting document where the definition is to be typed. */
  cursor: number;
  /** The entry already existed in this file: nothing to insert, `cursor` points at it. */
  existing: boolean;
}

function scalar(s: string): string {
  return stringify(s, { lineWidth: 0 }).trimEnd();
}

function entryLines(term: string, category: string, dashIndent: string, keyIndent: string): { text: string; cursorInText: number } {
  const head = `${dashIndent}- term: ${scalar(term)}\n${keyIndent}category: ${scalar(category)}\n${keyIndent}definition: "`;
  return { text: `${head}"\n`, cursorInText: head.length };
}

export function planGlossaryInsert(source: string, term: string, category: string): GlossaryInsert {
  const bom = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const text = source.slice(bom);
  if (text.trim() === '') {
    const prefix = 'version: 1\nentries:\n';
    const e = entryLines(term, category, '  ', '    ');
    return { start: 0, end: source.length, text: prefix + e.text, cursor: prefix.length + e.cursorInText, existing: false };
  }
  const doc = parseDocument(text);
  const root = doc.contents;
  if (doc.errors.length > 0 || !isMap(root)) return reserialize(source, bom, term, category);
  const entries = root.get('entries', true);
  if (isSeq(entries)) {
    const found = findExisting(entries, term, category);
    if (found !== undefined) return { start: 0, end: 0, text: '', cursor: found + bom, existing: true };
  }
  if (!isSeq(entries) || entries.flow || entries.items.length === 0 || !entries.range) return reserialize(source, bom, term, category);
  const first = entries.items[0] as YAMLMap;
  if (!isMap(first) || !first.range) return reserialize(source, bom, term, category);
  const lineStart = text.lastIndexOf('\n', first.range[0] - 1) + 1;
  const keyIndent = first.range[0] - lineStart;
  const dash = text.slice(lineStart, first.range[0]).indexOf('-');
  if (dash < 0) return reserialize(source, bom, term, category);
  let at = entries.range[1];
  let lead = '';
  if (at > 0 && text[at - 1] !== '\n') lead = '\n';
  // Keep trailing blank lines and comments after the list where they are: insert right after the last item.
  const e = entryLines(term, category, ' '.repeat(dash), ' '.repeat(keyIndent));
  at += bom;
  return { start: at, end: at, text: lead + e.text, cursor: at + lead.length + e.cursorInText, existing: false };
}

function findExisting(entries: YAMLSeq, term: string, category: string): number | undefined {
  for (const item of entries.items) {
    if (!isMap(item)) continue;
    const t = item.get('term', true);
    const c = item.get('category', true);
    if (isScalar(t) && String(t.value).trim() === term && isScalar(c) && String(c.value).trim() === category) {
      const d = item.get('definition', true);
      if (isScalar(d) && d.range) return d.range[0];
      return t.range?.[0] ?? item.range?.[0] ?? 0;
    }
  }
  return undefined;
}

function reserialize(source: string, bom: number, term: string, category: string): GlossaryInsert {
  const text = source.slice(bom);
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || (doc.contents !== null && !isMap(doc.contents))) {
    // Not something we can merge into safely: append a commented hint rather than break the file.
    throw new Error('glossary file has YAML errors or is not a mapping; fix it first');
  }
  if (doc.contents === null) doc.contents = doc.createNode({ version: 1, entries: [] }) as unknown as typeof doc.contents;
  const root = doc.contents as YAMLMap;
  if (!root.has('version')) root.set('version', 1);
  let s: unknown = root.get('entries', true);
  if (!isSeq(s)) {
    s = doc.createNode([]);
    root.set('entries', s);
  }
  if (!isSeq(s)) throw new Error('cannot create the entries list');
  s.flow = false;
  s.add(doc.createNode({ term, category, definition: '' }));
  const out = doc.toString({ lineWidth: 0 });
  // Find the new entry's definition in the re-serialized text.
  const again = parseDocument(out);
  const seq2 = (again.contents as YAMLMap).get('entries', true) as unknown as YAMLSeq;
  const last = seq2.items[seq2.items.length - 1] as YAMLMap;
  const def = last.get('definition', true);
  let cursor = isScalar(def) && def.range ? def.range[0] : out.length;
  if (out.slice(cursor, cursor + 2) === '""' || out.slice(cursor, cursor + 2) === "''") cursor += 1;
  return { start: 0, end: source.length, text: (bom ? '\ufeff' : '') + out, cursor: cursor + bom, existing: false };
}
