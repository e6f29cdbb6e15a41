// A corpus overview: per label, the distinct surfaces the engine tags, how often, in how many
// documents, and one context each. It is how a reader (or a developer) sees at a glance what the
// engine does to a whole corpus, long tail included, where its errors live.
import type { Span } from '../types';
import { isWhitespaceCode } from '../text/char-class';

export interface StatsDocument {
  id: string;
  text: string;
  /** Documents with the same group (e.g. a decade) are also counted together. */
  group?: string;
}

export interface SurfaceStat {
  surface: string;
  count: number;
  documents: number;
  /** One occurrence, the first seen: its document and a line of text around it. */
  example: { id: string; context: string };
  /** How the engine found it (glossary, a rule's reason), most frequent first. */
  reasons: string[];
}

export interface LabelStats {
  label: string;
  spans: number;
  /** Distinct surfaces in all (`surfaces` may be cut to the most frequent). */
  distinct: number;
  surfaces: SurfaceStat[];
}

export interface CorpusStats {
  documents: number;
  characters: number;
  labels: LabelStats[];
  /** The same figures per group, in order of first appearance. */
  groups: { group: string; documents: number; labels: LabelStats[] }[];
}

interface Acc {
  count: number;
  docs: Set<string>;
  example: { id: string; context: string };
  reasons: Map<string, number>;
}
type Table = Map<string, Map<string, Acc>>; // label → surface → counts

const CONTEXT = 12;

/** Surface as a reader would name it: the span's text with PDF line breaks and spaces removed. */
export function surfaceOf(text: string, s: Pick<Span, 'start' | 'end'>): string {
  let out = '';
  for (let i = s.start; i < s.end; i++) if (!isWhitespaceCode(text.charCodeAt(i))) out += text[i];
  return out;
}

/** The span in its line-broken-free neighbourhood, marked 【like this】. */
export function contextOf(text: string, s: Pick<Span, 'start' | 'end'>): string {
  const flat = (a: number, b: number) => text.slice(a, b).replace(/\s+/g, ' ');
  return flat(Math.max(0, s.start - CONTEXT), s.start) + '【' + flat(s.start, s.end) + '】' + flat(s.end, Math.min(text.length, s.end + CONTEXT));
}

function add(table: Table, doc: StatsDocument, s: Span): void {
  let bySurface = table.get(s.label);
  if (!bySurface) table.set(s.label, (bySurface = new Map()));
  const surface = surfaceOf(doc.text, s);
  let acc = bySurface.get(surface);
  if (!acc) bySurface.set(surface, (acc = { count: 0, docs: new Set(), example: { id: doc.id, context: contextOf(doc.text, s) }, reasons: new Map() }));
  acc.count++;
  acc.docs.add(doc.id);
  const why = s.origin === 'glossary' ? 'glossary' : s.reason ?? s.origin;
  acc.reasons.set(why, (acc.reasons.get(why) ?? 0) + 1);
}

function finish(table: Table): LabelStats[] {
  const order = ['NUM', 'ORG', 'TERM'];
  const labels = [...table.keys()].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));
  return labels.map((label) => {
    const rows = [...table.get(label)!].map(([surface, a]): SurfaceStat => ({
      surface,
      count: a.count,
      documents: a.docs.size,
      example: a.example,
      reasons: [...a.reasons].sort((x, y) => y[1] - x[1]).map(([r]) => r),
    }));
    // Most frequent first; equal counts in code point order, so the output is stable.
    rows.sort((x, y) => y.count - x.count || (x.surface < y.surface ? -1 : x.surface > y.surface ? 1 : 0));
    return { label, spans: rows.reduce((n, r) => n + r.count, 0), distinct: rows.length, surfaces: rows };
  });
}

/** Tags every document with `tag` and gathers the overview. */
export function corpusStats(docs: Iterable<StatsDocument>, tag: (text: string) => Span[]): CorpusStats {
  const all: Table = new Map();
  const groups = new Map<string, { table: Table; docs: number }>();
  let documents = 0;
  let characters = 0;
  for (const doc of docs) {
    documents++;
    characters += doc.text.length;
    let g: { table: Table; docs: number } | undefined;
    if (doc.group !== undefined) {
      g = groups.get(doc.group);
      if (!g) groups.set(doc.group, (g = { table: new Map(), docs: 0 }));
      g.docs++;
    }
    for (const s of tag(doc.text)) {
      add(all, doc, s);
      if (g) add(g.table, doc, s);
    }
  }
  return {
    documents,
    characters,
    labels: finish(all),
    groups: [...groups].map(([group, g]) => ({ group, documents: g.docs, labels: finish(g.table) })),
  };
}

/** Keeps the first `top` surfaces of each label (all when top is undefined). */
export function limitStats(stats: CorpusStats, top: number | undefined, labels?: ReadonlySet<string>): CorpusStats {
  const cut = (ls: LabelStats[]) => ls.filter((l) => !labels || labels.has(l.label)).map((l) => ({ ...l, surfaces: top === undefined ? l.surfaces : l.surfaces.slice(0, top) }));
  return { ...stats, labels: cut(stats.labels), groups: stats.groups.map((g) => ({ ...g, labels: cut(g.labels) })) };
}

/** A plain-text report: one block per label (and per group), one line per surface. */
export function formatStats(stats: CorpusStats): string {
  const lines: string[] = [`${stats.documents} documents, ${stats.characters} characters`];
  const block = (title: string, ls: LabelStats[]) => {
    for (const l of ls) {
      lines.push('', `## ${title}${l.label}: ${l.spans} spans, ${l.distinct} distinct surfaces` + (l.surfaces.length < l.distinct ? ` (the ${l.surfaces.length} most frequent shown)` : ''));
      for (const r of l.surfaces) lines.push(`${String(r.count).padStart(6)}  ${String(r.documents).padStart(4)} docs  ${r.surface}\t${r.reasons.join(',')}\t${r.example.id}: ${r.example.context}`);
    }
  };
  block('', stats.labels);
  for (const g of stats.groups) block(`[${g.group}, ${g.documents} documents] `, g.labels);
  return lines.join('\n') + '\n';
}
