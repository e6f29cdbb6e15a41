// `npm run simulate` (docs/learning.md): the gold of a corpus replayed as an annotator would
// review the engine's suggestions, file after file, once with learning and once without, to
// measure what learning saves rather than claim it.
//
// The annotator, per file (spans compared by start, end and label):
// - a suggestion equal to a gold span is right: after the wrong ones are dealt with, every
//   remaining suggestion is taken with one "Accept All in File" (one action per file, when any
//   right one that is not optional remains);
// - a suggestion over a gold span of the same label with other boundaries is fixed by removing
//   it and tagging the gold span (2 actions; 1 more tag per further gold span it covered);
// - any other suggestion is rejected (1 action);
// - a gold span nobody suggested is tagged (1 action);
// - a gold span marked optional costs nothing: suggested or not, both are fine.
// Learning takes only these actions (the Accept All teaches nothing, as in the editor): from the
// files reviewed before the current one, or (withinFile) from each decision as it is made.
import type { Label, Span } from '../types';
import type { ParsedGlossary } from '../glossary/load';
import { compileWithDefault, createEngine, type Engine } from '../engine';
import { EMPTY_LEARNED, knownIn, learn, type DecisionContext, type LearnedSet, type LearningDecision } from './model';
import { learnedLayer } from './file';

/** A gold span in UTF-16 offsets of its text. */
export interface GoldSpan {
  start: number;
  end: number;
  label: Label;
  optional?: boolean;
}

export interface SimulatedDocument {
  id: string;
  text: string;
  gold: readonly GoldSpan[];
}

/** The actions one file took. */
export interface FileActions {
  id: string;
  /** 1 when an Accept All in File was needed, else 0. */
  acceptAll: number;
  /** Right suggestions (not optional) the Accept All took: the actions if each were accepted alone. */
  accepted: number;
  rejected: number;
  /** Suggestions removed to fix a boundary (each followed by a tag, counted in `tagged`). */
  removed: number;
  tagged: number;
  /** acceptAll + rejected + removed + tagged. */
  total: number;
  /** The total if every accept were a separate action. */
  totalSeparate: number;
  /** Every action but the Accept All, in the order taken (what repeats is what learning can save). */
  log: ActionRecord[];
}

/** One action of the replay: a wrong suggestion rejected, a boundary fixed (remove + tag), a gold span tagged. */
export interface ActionRecord {
  kind: 'reject' | 'fix' | 'tag';
  surface: string;
  label: Label;
}

export interface SimulationRun {
  files: FileActions[];
  total: number;
  totalSeparate: number;
  /** What was learned by the end (empty without learning). */
  learned: LearnedSet;
}

export interface SimulationOptions {
  learning: boolean;
  /** Glossaries used with the bundled one (as `--glossary` would give them). */
  glossaries?: readonly ParsedGlossary[];
  /** Learn from each decision as it is made, the current file included (as the editor does);
   *  false: from the files reviewed before the current one only. */
  withinFile?: boolean;
  /** Name of the in-memory learned layer (shows in entries' origins). */
  learnedFile?: string;
}

/** Replays `documents` in the order given. */
export function simulate(documents: readonly SimulatedDocument[], options: SimulationOptions): SimulationRun {
  const extra = options.glossaries ?? [];
  const file = options.learnedFile ?? 'learned.glossary.yaml';
  let learned = EMPTY_LEARNED;
  let engine: Engine | undefined;
  // The engine with what was learned so far (the editor recompiles per decision likewise).
  const current = () => (engine ??= createEngine(compileWithDefault([...extra, learnedLayer(learned, file)])));
  const files: FileActions[] = [];
  for (const doc of documents) {
    const context: DecisionContext = { file: doc.id, author: 'simulate', time: '2000-01-01T00:00:00Z' };
    const teach = (decisions: readonly LearningDecision[]) => {
      if (!options.learning || decisions.length === 0) return;
      const known = knownIn(current().glossary.glossary);
      for (const d of decisions) learned = learn(learned, d, context, known);
      engine = undefined;
    };
    files.push(reviewFile(doc, () => current().tag(doc.text), options.learning && options.withinFile ? teach : undefined, teach));
  }
  return {
    files,
    total: files.reduce((n, f) => n + f.total, 0),
    totalSeparate: files.reduce((n, f) => n + f.totalSeparate, 0),
    learned,
  };
}

const key = (s: { start: number; end: number; label: Label }) => `${s.start}:${s.end}:${s.label}`;
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/**
 * One file reviewed from top to bottom. `suggest` gives the engine's current spans; `teachNow`
 * (learning within the file) takes each decision as it is made, after which the suggestions are
 * asked for again; `teachAtEnd` takes the file's decisions once it is done (learning from earlier
 * files only). The annotator handles the first open matter after the last one handled (a wrong
 * suggestion, a missing gold span), and at the end goes over what appeared above (suggestions
 * learned later in the file) before the one Accept All.
 */
function reviewFile(doc: SimulatedDocument, suggest: () => Span[], teachNow: ((d: LearningDecision[]) => void) | undefined, teachAtEnd: (d: LearningDecision[]) => void): FileActions {
  const target = (s: { start: number; end: number; label: Label }) => ({ surface: doc.text.slice(s.start, s.end), label: s.label });
  const goldByKey = new Map(doc.gold.map((g) => [key(g), g]));
  const done: LearningDecision[] = [];
  const tags: GoldSpan[] = []; // the annotator's tags: suggestions over them are hidden, as in the editor
  const rejectedKeys = new Set<string>(); // rejected suggestions stay hidden, as in the editor
  const covered = new Set<string>(); // gold spans tagged
  let rejected = 0;
  let removed = 0;
  let tagged = 0;
  const log: ActionRecord[] = [];
  const record = (kind: ActionRecord['kind'], x: { start: number; end: number; label: Label }) => log.push({ kind, surface: doc.text.slice(x.start, x.end).replace(/\s+/g, ''), label: x.label });
  const visible = (spans: Span[]) => spans.filter((s) => !rejectedKeys.has(key(s)) && !tags.some((t) => overlaps(t, s)));
  let shown = visible(suggest());
  const decide = (d: LearningDecision[]) => {
    done.push(...d);
    if (teachNow) {
      teachNow(d);
      shown = visible(suggest());
    } else shown = visible(shown);
  };
  for (let cursor = 0; ; ) {
    const suggested = new Set(shown.map(key));
    // Open matters: wrong suggestions, gold spans neither suggested nor tagged.
    const wrong = shown.filter((s) => !goldByKey.has(key(s)));
    const missing = doc.gold.filter((g) => !g.optional && !covered.has(key(g)) && !suggested.has(key(g)));
    const next = (from: number) => [...wrong.map((s) => ({ at: s.start, s, g: undefined })), ...missing.map((g) => ({ at: g.start, s: undefined, g }))]
      .filter((m) => m.at >= from).sort((a, b) => a.at - b.at)[0];
    const m = next(cursor) ?? next(0);
    if (!m) break;
    cursor = m.at;
    if (m.g) {
      tagged++;
      record('tag', m.g);
      covered.add(key(m.g));
      tags.push(m.g);
      decide([{ kind: 'tag', ...target(m.g) }]);
      continue;
    }
    const s = m.s!;
    rejectedKeys.add(key(s));
    const fixes = doc.gold.filter((g) => !g.optional && g.label === s.label && overlaps(g, s) && !covered.has(key(g)) && !suggested.has(key(g)));
    if (fixes.length === 0) {
      rejected++;
      record('reject', s);
      decide([{ kind: 'reject', ...target(s) }]);
      continue;
    }
    removed++;
    record('fix', s);
    tagged += fixes.length;
    for (const g of fixes) (covered.add(key(g)), tags.push(g));
    decide(fixes.map((g, i): LearningDecision => (i === 0 ? { kind: 'change', from: target(s), to: target(g) } : { kind: 'tag', ...target(g) })));
  }
  // What is left is right (or optional): one Accept All, which takes the optional ones too.
  const accepted = shown.filter((s) => !goldByKey.get(key(s))!.optional).length;
  const acceptAll = accepted > 0 ? 1 : 0;
  // The Accept All teaches nothing, as in the editor (annotationCommands.ts): it confirms the
  // engine's spans in the contexts its rules chose, not each surface for every context.
  if (!teachNow) teachAtEnd(done);
  const total = acceptAll + rejected + removed + tagged;
  return { id: doc.id, acceptAll, accepted, rejected, removed, tagged, total, totalSeparate: total - acceptAll + accepted, log };
}

/** The report `npm run simulate` prints; its last line is the verdict. */
export function formatSimulation(withLearning: SimulationRun, without: SimulationRun): string {
  const rows: string[] = [];
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  const width = Math.max(4, ...withLearning.files.map((f) => f.id.length));
  rows.push(`${'file'.padEnd(width)}  ${pad('with learning', 13)}  ${pad('without', 7)}   (with: accept-all/reject/remove/tag; without: the same)`);
  withLearning.files.forEach((f, i) => {
    const g = without.files[i];
    const parts = (x: FileActions) => `${x.acceptAll}/${x.rejected}/${x.removed}/${x.tagged}`;
    rows.push(`${f.id.padEnd(width)}  ${pad(f.total, 13)}  ${pad(g.total, 7)}   (${parts(f)}; ${parts(g)})`);
  });
  rows.push(`${'total'.padEnd(width)}  ${pad(withLearning.total, 13)}  ${pad(without.total, 7)}`);
  rows.push(`if every accept were its own action: ${withLearning.totalSeparate} with learning, ${without.totalSeparate} without (${percentFewer(withLearning.totalSeparate, without.totalSeparate)}% fewer)`);
  rows.push(`learned: ${withLearning.learned.entries.length} entries, ${withLearning.learned.rejected.length} rejections`);
  rows.push(`simulate: ${withLearning.total} actions with learning, ${without.total} without (${percentFewer(withLearning.total, without.total)}% fewer)`);
  return rows.join('\n') + '\n';
}

/**
 * Where the actions of a run go: per file, the actions by kind and label; then every action
 * whose surface + label + kind occurs more than once in the run (within a file or across files),
 * with the files — the most learning could save is each repeat after the first.
 */
export function formatBreakdown(run: SimulationRun): string {
  const rows: string[] = [];
  for (const f of run.files) {
    const counts = new Map<string, number>();
    for (const a of f.log) counts.set(`${a.kind} ${a.label}`, (counts.get(`${a.kind} ${a.label}`) ?? 0) + 1);
    rows.push(`${f.id}: ${[...counts].sort().map(([k, n]) => `${k} ${n}`).join(', ') || 'nothing'}`);
  }
  const by = new Map<string, string[]>();
  for (const f of run.files) for (const a of f.log) by.set(`${a.kind} ${a.label} ${a.surface}`, [...(by.get(`${a.kind} ${a.label} ${a.surface}`) ?? []), f.id]);
  const repeated = [...by].filter(([, files]) => files.length > 1).sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  const all = run.files.reduce((n, f) => n + f.log.length, 0);
  rows.push(`${all} actions besides Accept All, ${by.size} distinct (kind, label, surface); repeated:`);
  for (const [k, files] of repeated) rows.push(`  ${files.length}× ${k}  (${files.join(', ')})`);
  rows.push(`at most ${repeated.reduce((n, [, f]) => n + f.length - 1, 0)} actions are repeats a perfect memory of surfaces could save`);
  return rows.join('\n') + '\n';
}

/** Per file, the actions one run took and the other did not: what learning saved (−) and what
 *  it cost (+), so a wrong generalisation shows by name. */
export function formatDifferences(withLearning: SimulationRun, without: SimulationRun): string {
  const rows: string[] = [];
  const name = (a: ActionRecord) => `${a.kind} ${a.label} ${a.surface}`;
  withLearning.files.forEach((f, i) => {
    const left = new Map<string, number>();
    for (const a of without.files[i].log) left.set(name(a), (left.get(name(a)) ?? 0) + 1);
    const added: string[] = [];
    for (const a of f.log) {
      const n = left.get(name(a)) ?? 0;
      if (n > 0) left.set(name(a), n - 1);
      else added.push(name(a));
    }
    const saved = [...left].flatMap(([k, n]) => Array<string>(n).fill(k));
    if (saved.length || added.length) rows.push(`${f.id}: ${[...saved.map((k) => `−${k}`), ...added.map((k) => `+${k}`)].join('; ')}`);
  });
  return rows.join('\n') + (rows.length ? '\n' : '');
}

function percentFewer(withLearning: number, without: number): string {
  return without === 0 ? '0.0' : ((100 * (without - withLearning)) / without).toFixed(1);
}
