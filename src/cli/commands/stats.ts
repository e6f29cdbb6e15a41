// `policy-annotator stats PATH...`: what the engine tags in a whole corpus, surface by surface,
// and, for texts that have a sidecar, how far their review has come (core/corpus/progress.ts).
import { resolve } from 'node:path';
import { createEngine, compileWithDefault, type Span } from '../../core';
import { AnnotatedDocument } from '../../core/annotations/document';
import { sidecarPathFor, type ParsedSidecar } from '../../core/annotations/sidecar';
import { progress, reviewedShare, sumProgress, type Progress } from '../../core/corpus/progress';
import { readSidecarStrict } from '../sidecars';
import { corpusStats, formatStats, limitStats, type StatsDocument } from '../../core/eval/stats';
import type { Command } from './command';
import type { ParsedArgs } from '../args';
import { callError, UsageError } from '../errors';
import { checkInputPaths, jsonlRecords, readInput, loadGlossaryArgs } from '../inputs';
import { collectTasks } from '../find-files';
import { docId } from '../io';

export const statsCommand: Command = {
  name: 'stats',
  summary: 'a corpus overview: per label, every distinct surface tagged, with counts and a context',
  synopsis: ['[--glossary FILE]... [--label L]... [--top N] [--json]', '[--group-by FIELD [--bucket N]] [--sidecar-folder DIR] PATH...'],
  details: `  PATH: .txt/.md files, folders (searched for them), or .jsonl files of records with a "text"
  (or "content") field and an optional "id" (or "title"); --group-by reports each value of a
  record field apart (--bucket 10 turns years into decades).
  When texts have sidecars, the review progress follows: per file and in total, annotations
  per state (manual, accepted, rejected, auto) and engine suggestions still unreviewed.`,
  options: [
    { name: '--glossary', kind: 'repeatable', value: 'FILE', help: 'a YAML glossary used with the bundled one (repeatable)' },
    { name: '--label', kind: 'repeatable', value: 'L', help: 'report only this label (repeatable)' },
    { name: '--top', kind: 'number', value: 'N', min: 1, help: 'show the N most frequent surfaces per label' },
    { name: '--json', kind: 'flag', help: 'print JSON instead of tables' },
    { name: '--group-by', kind: 'string', value: 'FIELD', help: 'report each value of this .jsonl record field apart' },
    { name: '--bucket', kind: 'number', value: 'N', min: 1, help: 'with --group-by: numbers in buckets of N (10: decades)' },
    { name: '--sidecar-folder', kind: 'string', value: 'DIR', help: 'sidecars are under DIR by relative path (as import writes them)' },
  ],
  run: runStats,
};

/** Documents of a .jsonl corpus file; a bad line is a located usage error. */
function* jsonlDocuments(path: string, groupBy: string | undefined, bucket: number | undefined): Generator<StatsDocument> {
  for (const { line, value } of jsonlRecords(path)) {
    const rec = (value ?? {}) as Record<string, unknown>;
    const text = typeof rec.text === 'string' ? rec.text : typeof rec.content === 'string' ? rec.content : undefined;
    if (text === undefined) throw new UsageError(`${path}:${line}:1: a record needs a "text" or "content" string`);
    const id = String(rec.id ?? rec.title ?? `${docId(path)}:${line}`);
    let group: string | undefined;
    if (groupBy !== undefined) {
      const v = rec[groupBy];
      const n = Number(v);
      group = v === undefined || v === null ? '(none)' : bucket && Number.isFinite(n) ? `${Math.floor(n / bucket) * bucket}` : String(v);
    }
    yield { id, text, group };
  }
}

async function runStats(a: ParsedArgs): Promise<number> {
  const paths = a.operands;
  if (paths.length === 0) throw callError('stats needs at least one PATH');
  checkInputPaths(paths, true);
  const top = a.number('--top');
  const bucket = a.number('--bucket');
  const groupBy = a.string('--group-by');
  const labels = a.list('--label');
  const engine = createEngine(compileWithDefault(loadGlossaryArgs(a.list('--glossary'))));
  const jsonl = paths.filter((p) => p.endsWith('.jsonl'));
  const { tasks, skipped } = await collectTasks(paths.filter((p) => !p.endsWith('.jsonl')), undefined);
  if (skipped.length > 0) throw new UsageError(`${skipped[0].path}: ${skipped[0].reason}`);
  // Sidecars are read before anything is tagged: one that cannot be read whole stops the run
  // (exit 2) before any output.
  const sidecarFolder = a.string('--sidecar-folder');
  const location = sidecarFolder ? { folder: resolve(sidecarFolder), root: process.cwd() } : {};
  const sidecars: (ParsedSidecar | undefined)[] = [];
  for (const t of tasks) sidecars.push(await readSidecarStrict(sidecarPathFor(sidecarFolder ? resolve(t.path) : t.path, location)));
  const only = labels.length ? new Set(labels) : undefined;
  const files: FileProgress[] = [];
  let current: { id: string; sidecar: ParsedSidecar | undefined } | undefined;
  // The engine tags each text once: the surfaces and the progress share its spans.
  const tag = (text: string): Span[] => {
    const spans = engine.tag(text);
    if (current) files.push(fileProgress(current.id, text, spans, current.sidecar, only));
    return spans;
  };
  function* documents(): Generator<StatsDocument> {
    for (let i = 0; i < tasks.length; i++) {
      current = { id: tasks[i].id, sidecar: sidecars[i] };
      yield { id: tasks[i].id, text: readInput(tasks[i].path), group: groupBy === undefined ? undefined : '(none)' };
    }
    current = undefined;
    for (const p of jsonl) yield* jsonlDocuments(p, groupBy, bucket);
  }
  const stats = limitStats(corpusStats(documents(), tag), top, only);
  // Progress is shown when there is some review to show: at least one text has a sidecar.
  const review = files.some((f) => f.sidecar) ? { files, total: sumProgress(files.map((f) => f.progress)) } : undefined;
  if (a.flag('--json')) process.stdout.write(JSON.stringify(review ? { ...stats, progress: review } : stats) + '\n');
  else process.stdout.write(formatStats(stats) + (review ? formatProgress(review.files, review.total) : ''));
  return 0;
}

export interface FileProgress {
  id: string;
  /** Whether the text has a sidecar (without one, every engine suggestion is unreviewed). */
  sidecar: boolean;
  /** Annotations of the sidecar whose text was not found (not counted in `progress`). */
  orphans: number;
  progress: Progress;
}

function fileProgress(id: string, text: string, spans: readonly Span[], sidecar: ParsedSidecar | undefined, only: ReadonlySet<string> | undefined): FileProgress {
  const keep = <T extends { label: string }>(list: readonly T[]) => (only ? list.filter((x) => only.has(x.label)) : list);
  if (!sidecar) return { id, sidecar: false, orphans: 0, progress: progress(text, keep(spans), []) };
  const { document } = AnnotatedDocument.fromSidecar(text, sidecar);
  return { id, sidecar: true, orphans: document.orphans().length, progress: progress(text, keep(spans), keep(document.all())) };
}

function formatProgress(files: readonly FileProgress[], total: Progress): string {
  const withSidecar = files.filter((f) => f.sidecar).length;
  const w = Math.max(5, ...files.map((f) => f.id.length), ...Object.keys(total.labels).map((l) => l.length + 2));
  const pct = (p: Progress) => (p.reviewed === null ? '—' : `${Math.floor(p.reviewed * 100)}%`);
  const row = (name: string, p: Progress, note = '') => {
    const c = p.total;
    return `${name.padEnd(w)} ${[c.manual, c.accepted, c.rejected, c.auto, c.unreviewed].map((n) => String(n).padStart(10)).join(' ')} ${pct(p).padStart(10)}${note}`;
  };
  const lines = ['', `## review progress: ${withSidecar} of ${files.length} text(s) have a sidecar`, `${'file'.padEnd(w)} ${['manual', 'accepted', 'rejected', 'auto', 'unreviewed', 'reviewed'].map((h) => h.padStart(10)).join(' ')}`];
  for (const f of files) lines.push(row(f.id, f.progress, !f.sidecar ? '  (no sidecar)' : f.orphans ? `  (${f.orphans} orphan(s) not counted)` : ''));
  lines.push(row('total', total));
  for (const [label, c] of Object.entries(total.labels)) lines.push(row(`  ${label}`, { total: c, labels: {}, reviewed: reviewedShare(c) }));
  return lines.join('\n') + '\n';
}
