// `policy-annotator stats PATH...`: what the engine tags in a whole corpus, surface by surface.
import { createEngine, compileWithDefault } from '../../core';
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
  synopsis: ['[--glossary FILE]... [--label L]... [--top N] [--json]', '[--group-by FIELD [--bucket N]] PATH...'],
  details: `  PATH: .txt/.md files, folders (searched for them), or .jsonl files of records with a "text"
  (or "content") field and an optional "id" (or "title"); --group-by reports each value of a
  record field apart (--bucket 10 turns years into decades).`,
  options: [
    { name: '--glossary', kind: 'repeatable', value: 'FILE', help: 'a YAML glossary used with the bundled one (repeatable)' },
    { name: '--label', kind: 'repeatable', value: 'L', help: 'report only this label (repeatable)' },
    { name: '--top', kind: 'number', value: 'N', min: 1, help: 'show the N most frequent surfaces per label' },
    { name: '--json', kind: 'flag', help: 'print JSON instead of tables' },
    { name: '--group-by', kind: 'string', value: 'FIELD', help: 'report each value of this .jsonl record field apart' },
    { name: '--bucket', kind: 'number', value: 'N', min: 1, help: 'with --group-by: numbers in buckets of N (10: decades)' },
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
  function* documents(): Generator<StatsDocument> {
    for (const t of tasks) yield { id: t.id, text: readInput(t.path), group: groupBy === undefined ? undefined : '(none)' };
    for (const p of jsonl) yield* jsonlDocuments(p, groupBy, bucket);
  }
  const stats = limitStats(corpusStats(documents(), (t) => engine.tag(t)), top, labels.length ? new Set(labels) : undefined);
  process.stdout.write(a.flag('--json') ? JSON.stringify(stats) + '\n' : formatStats(stats));
  return 0;
}
