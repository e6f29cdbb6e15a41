// policy-annotator stats: what the engine tags in a whole corpus, surface by surface.
import { createEngine, compileWithDefault } from '../core';
import { corpusStats, formatStats, limitStats, type StatsDocument } from '../core/eval/stats';
import { collectTasks, parseOptions, ExportUsageError } from './export';
import { jsonlRecords, readInput, loadGlossaryArgs, UsageError } from './inputs';
import { docId } from './io';

export const STATS_USAGE = `usage: policy-annotator stats [--glossary FILE]... [--label L]... [--top N] [--json]
                             [--group-by FIELD [--bucket N]] PATH...
  PATH: .txt/.md files, folders (searched for them), or .jsonl files of records with a "text"
  (or "content") field and an optional "id" (or "title"); --group-by reports each value of a
  record field apart (--bucket 10 turns years into decades).
`;

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

export function cmdStats(argv: string[]): number {
  let o;
  try {
    o = parseOptions(argv, ['--glossary', '--label', '--top', '--group-by', '--bucket'], ['--json', '--help']);
  } catch (e) {
    if (e instanceof ExportUsageError) throw new UsageError(`${e.message}\n${STATS_USAGE}`);
    throw e;
  }
  if (o.flags.has('--help')) {
    process.stdout.write(STATS_USAGE);
    return 0;
  }
  if (o.rest.length === 0) throw new UsageError(`stats needs at least one PATH\n${STATS_USAGE}`);
  const num = (name: string) => {
    const v = o.values.get(name)?.pop();
    if (v === undefined) return undefined;
    if (!/^[1-9]\d*$/.test(v)) throw new UsageError(`${name} needs a positive whole number, not ${v}`);
    return Number(v);
  };
  const top = num('--top');
  const bucket = num('--bucket');
  const groupBy = o.values.get('--group-by')?.pop();
  const labels = o.values.get('--label');
  const engine = createEngine(compileWithDefault(loadGlossaryArgs(o.values.get('--glossary') ?? [])));
  const jsonl = o.rest.filter((p) => p.endsWith('.jsonl'));
  const { tasks, skipped } = collectTasks(o.rest.filter((p) => !p.endsWith('.jsonl')), undefined);
  if (skipped.length > 0) throw new UsageError(`${skipped[0].path}: ${skipped[0].reason}`);
  function* documents(): Generator<StatsDocument> {
    for (const t of tasks) yield { id: t.id, text: readInput(t.path), group: groupBy === undefined ? undefined : '(none)' };
    for (const p of jsonl) yield* jsonlDocuments(p, groupBy, bucket);
  }
  const stats = limitStats(corpusStats(documents(), (t) => engine.tag(t)), top, labels ? new Set(labels) : undefined);
  process.stdout.write(o.flags.has('--json') ? JSON.stringify(stats) + '\n' : formatStats(stats));
  return 0;
}
