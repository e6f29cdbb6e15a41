// `policy-annotator export`: files and folders (or a JSONL stream on stdin) → a dataset folder
// (or a JSONL stream on stdout). See docs/export.md.
import { statSync, readdirSync, realpathSync, existsSync } from 'node:fs';
import { join, resolve, relative, basename, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createInterface } from 'node:readline';
import { writeAtomic, readText } from './io';
import { RecordsFileWriter } from './records-writer';
import { progressBar } from './progress';
import { createJobRunner, type JobConfig, type FileTask, type FileResult } from './export-job';
import { ExportCollector, IdAllocator, isExportableName, isSkippedEntry, formatSummary, type ExportSummary } from '../core/formats/export-run';
import type { WorkerRequest, WorkerResponse } from './worker';
import { parseGlossary } from '../core/glossary/load';
import { createEngine, compileWithDefault, type Engine } from '../core/engine';
import { AnnotatedDocument } from '../core/annotations/document';
import { REVIEWED_STATES, type Annotation, type AnnotationState } from '../core/annotations/model';
import { exporterFor, isFormatName, type FormatOptions } from '../core/formats/registry';
import { unsafeIdReason, type DocumentOutput, type OutputFile } from '../core/formats/common';
import { importNative } from '../core/formats/native';
import { parseJsonLocated, isObject } from '../core/annotations/json-located';
import type { Problem } from '../core/types';

export const EXPORT_USAGE = `usage:
  policy-annotator export --format native|doccano|label-studio|brat|conll --out DIR|-
                          [--glossary FILE]... [--include-suggestions] [--jobs N]
                          [--doccano-offsets codepoint|utf16] [--sidecar-folder DIR] [--no-progress]
                          PATH...|-
  PATH: .txt/.md files or folders (searched recursively); '-' reads JSONL documents
  {"id","text","spans"?} from stdin. '--out -' writes one JSON line per document to stdout.
`;

export class ExportUsageError extends Error {}

export { formatSummary, type ExportSummary };

/** Minimal option parser: `--name value`, `--name=value`, repeated options, flags. */
export function parseOptions(args: readonly string[], valued: readonly string[], flags: readonly string[]): { values: Map<string, string[]>; flags: Set<string>; rest: string[] } {
  const values = new Map<string, string[]>();
  const seen = new Set<string>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-' || !a.startsWith('--')) {
      rest.push(a);
      continue;
    }
    if (a === '--') {
      rest.push(...args.slice(i + 1));
      break;
    }
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(0, eq) : a;
    if (flags.includes(name) && eq < 0) {
      seen.add(name);
    } else if (valued.includes(name)) {
      const v = eq >= 0 ? a.slice(eq + 1) : args[++i];
      if (v === undefined) throw new ExportUsageError(`${name} needs a value`);
      values.set(name, [...(values.get(name) ?? []), v]);
    } else throw new ExportUsageError(`unknown option ${name}`);
  }
  return { values, flags: seen, rest };
}

// ---------------------------------------------------------------------------------------------
// Finding the files

/** Tasks for PATH arguments: files as given, folders searched for .txt/.md (hidden entries, node_modules and the output folder skipped). */
export function collectTasks(paths: readonly string[], outDir: string | undefined): { tasks: FileTask[]; skipped: { path: string; reason: string }[] } {
  const tasks: FileTask[] = [];
  const skipped: { path: string; reason: string }[] = [];
  const ids = new IdAllocator();
  const outReal = outDir && existsSync(outDir) ? realpathSync(outDir) : outDir ? resolve(outDir) : undefined;
  const add = (path: string, idBase: string) => tasks.push({ path, id: ids.next(idBase) });
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      skipped.push({ path: p, reason: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    if (st.isFile()) {
      add(p, basename(p));
      continue;
    }
    const root = p;
    const visited = new Set<string>();
    const walk = (dir: string) => {
      const real = realpathSync(dir);
      if (visited.has(real) || (outReal && (real === outReal || real.startsWith(outReal + sep)))) return;
      visited.add(real);
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch (e) {
        skipped.push({ path: dir, reason: `cannot list: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries) {
        if (isSkippedEntry(e.name)) continue;
        const full = join(dir, e.name);
        let isDir = e.isDirectory();
        let isFile = e.isFile();
        if (e.isSymbolicLink()) {
          try {
            const s = statSync(full);
            isDir = s.isDirectory();
            isFile = s.isFile();
          } catch {
            continue;
          }
        }
        if (isDir) walk(full);
        else if (isFile && isExportableName(e.name)) add(full, relative(root, full).split(sep).join('/'));
      }
    };
    walk(root);
  }
  return { tasks, skipped };
}

// ---------------------------------------------------------------------------------------------
// Running the jobs

type OnResult = (index: number, result: FileResult) => void;

async function runInProcess(tasks: readonly FileTask[], config: JobConfig, onResult: OnResult, cancelled: () => boolean): Promise<void> {
  const run = createJobRunner(config);
  for (let i = 0; i < tasks.length && !cancelled(); i++) {
    onResult(i, run(tasks[i]));
    // Let signals (Ctrl-C) and stream writes through between files.
    await new Promise((r) => setImmediate(r));
  }
}

/** Tasks kept queued at each worker: the next file is already there when one is done, so a
 *  worker never waits a message round trip for work (files take a fraction of a millisecond). */
const WORKER_QUEUE = 4;

/**
 * `--jobs N`: the main thread and N − 1 worker threads take files from one queue. The main thread
 * would otherwise sit idle while the workers work; working itself saves starting one more
 * thread (module load, engine, JIT warm-up: ~0.15 s each) and leaves the cores to the work.
 */
function runInWorkers(tasks: readonly FileTask[], config: JobConfig, jobs: number, workerFile: string, onResult: OnResult, onCancel: (stop: () => void) => void): Promise<void> {
  return new Promise((resolveAll) => {
    let next = 0;
    let finished = 0;
    let stopped = false;
    const retry: number[] = []; // queued at a worker that died before starting them
    const workers = new Set<Worker>();
    const queued = new Map<Worker, number[]>(); // per worker, in the order it works through them
    const stop = () => {
      stopped = true;
      for (const w of workers) void w.terminate();
      resolveAll();
    };
    onCancel(stop);
    const take = (): number | undefined => (retry.length ? retry.shift() : next < tasks.length ? next++ : undefined);
    const feed = (w: Worker) => {
      if (stopped) return;
      const q = queued.get(w)!;
      while (q.length < WORKER_QUEUE) {
        const index = take();
        if (index === undefined) break;
        q.push(index);
        w.postMessage({ index, task: tasks[index] } satisfies WorkerRequest);
      }
      if (q.length === 0) { // nothing left for it
        workers.delete(w);
        queued.delete(w);
        void w.terminate();
        if (finished === tasks.length) stop();
      }
    };
    const spawn = () => {
      const w = new Worker(workerFile, { workerData: config });
      workers.add(w);
      queued.set(w, []);
      w.on('message', (msg: WorkerResponse) => {
        const q = queued.get(w);
        if (q) q.splice(q.indexOf(msg.index), 1);
        finished++;
        onResult(msg.index, msg.result);
        if (finished === tasks.length) stop();
        else feed(w);
      });
      w.on('error', (err) => {
        // The file being processed when a worker died is reported; the files queued behind it
        // go to a fresh worker.
        const q = queued.get(w) ?? [];
        workers.delete(w);
        queued.delete(w);
        const index = q.shift();
        retry.push(...q);
        if (index !== undefined) {
          finished++;
          onResult(index, { ok: false, path: tasks[index].path, id: tasks[index].id, reason: `worker crashed: ${err.message}` });
        }
        if (stopped) return;
        if (finished === tasks.length) stop();
        else if (retry.length || next < tasks.length) feed(spawn());
      });
      return w;
    };
    let runLocal: ((task: FileTask) => FileResult) | undefined;
    const local = () => {
      if (stopped) return;
      const index = take();
      if (index === undefined) return; // the workers finish the rest
      runLocal ??= createJobRunner(config);
      const result = runLocal(tasks[index]);
      finished++;
      onResult(index, result);
      if (finished === tasks.length) stop();
      else setImmediate(local); // workers' messages and signals get through between files
    };
    if (tasks.length === 0) return stop();
    for (let k = 0; k < Math.min(jobs - 1, tasks.length); k++) feed(spawn());
    setImmediate(local);
  });
}

// ---------------------------------------------------------------------------------------------
// Output

/** Writes `file` under `outDir`, atomically; refuses any path that would land outside it. */
export function writeUnder(outDir: string, file: OutputFile): void {
  writeAtomic(pathUnder(outDir, file.path), file.content);
}

/** `path` resolved under `outDir`; throws for a path that would land outside it. */
function pathUnder(outDir: string, path: string): string {
  const root = resolve(outDir);
  const target = resolve(root, path);
  if (!target.startsWith(root + sep) || unsafeIdReason(path)) throw new Error(`refusing to write outside ${outDir}: ${path}`);
  return target;
}

/** One stdout line per document: the record itself for JSON formats, {"id","files"} for file formats. */
function streamLine(id: string, output: DocumentOutput): string {
  if (output.records.length) return output.records.join('\n');
  return JSON.stringify({ id, files: Object.fromEntries(output.files.map((f) => [f.path, f.content])) });
}

function stdoutWriter(): (line: string) => Promise<void> {
  let broken = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') broken = true; // the reader went away (e.g. `| head`): stop quietly
    else throw e;
  });
  return (line) => {
    if (broken) return Promise.resolve();
    return new Promise((r) => {
      if (process.stdout.write(line + '\n')) r();
      else process.stdout.once('drain', r);
    });
  };
}

// ---------------------------------------------------------------------------------------------
// The command

export async function cmdExport(args: string[]): Promise<number> {
  try {
    return await exportCommand(args);
  } catch (e) {
    if (e instanceof ExportUsageError) {
      process.stderr.write(`policy-annotator export: ${e.message}\n${EXPORT_USAGE}`);
      return 2;
    }
    throw e;
  }
}

async function exportCommand(args: string[]): Promise<number> {
  const o = parseOptions(args, ['--format', '--out', '--glossary', '--jobs', '--doccano-offsets', '--sidecar-folder'], ['--include-suggestions', '--no-progress']);
  const format = o.values.get('--format')?.pop();
  if (!format || !isFormatName(format)) throw new ExportUsageError(format ? `unknown --format ${format}` : '--format is required');
  const out = o.values.get('--out')?.pop();
  if (!out) throw new ExportUsageError('--out is required (a folder, or - for stdout)');
  const jobs = Number(o.values.get('--jobs')?.pop() ?? '1');
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new ExportUsageError('--jobs must be an integer from 1 to 256');
  const offsets = o.values.get('--doccano-offsets')?.pop() ?? 'codepoint';
  if (offsets !== 'codepoint' && offsets !== 'utf16') throw new ExportUsageError('--doccano-offsets must be codepoint or utf16');
  if (o.rest.length === 0) throw new ExportUsageError('give at least one PATH (or - for stdin)');
  if (o.rest.includes('-') && o.rest.length > 1) throw new ExportUsageError("'-' (stdin) cannot be combined with other paths");

  const glossaryFiles = o.values.get('--glossary') ?? [];
  const glossaries = glossaryFiles.map((f) => {
    try {
      return parseGlossary(readText(f), f);
    } catch (e) {
      throw new ExportUsageError(`${f}: cannot read glossary: ${(e as Error).message}`);
    }
  });
  for (const g of glossaries) for (const p of g.problems) process.stderr.write(formatProblem(p) + '\n');
  const includeSuggestions = o.flags.has('--include-suggestions');
  const sidecarFolder = o.values.get('--sidecar-folder')?.pop();
  const config: JobConfig = {
    format,
    formatOptions: { doccano: { offsetUnit: offsets } } satisfies FormatOptions,
    states: includeSuggestions ? [...REVIEWED_STATES, 'auto'] : [...REVIEWED_STATES],
    includeSuggestions,
    glossaryFiles: glossaryFiles.map((f) => resolve(f)),
    sidecars: sidecarFolder ? { folder: resolve(sidecarFolder), root: process.cwd() } : {},
  };
  const configuredLabels = glossaries.flatMap((g) => g.categories.map((c) => c.name));
  const started = Date.now();
  const toStdout = out === '-';
  const exporter = exporterFor(format, config.formatOptions);
  // The records file (documents.jsonl …) is streamed as documents finish (records-writer.ts):
  // the collector holds no records then, nor for stdout.
  const streamed = toStdout ? undefined : exporter.recordsFile;
  const collector = new ExportCollector(exporter, out, configuredLabels, !toStdout && !streamed);
  const summary = collector.summary;
  let cancelled = false;
  let stopWorkers: (() => void) | undefined;
  const onSigint = () => {
    if (cancelled) process.exit(130); // second Ctrl-C: leave now
    cancelled = true;
    stopWorkers?.();
  };
  process.on('SIGINT', onSigint);
  let records: RecordsFileWriter | undefined;
  try {
    const write = toStdout ? stdoutWriter() : undefined;
    if (streamed) records = new RecordsFileWriter(pathUnder(out, streamed.path), streamed);
    const account = (index: number, result: FileResult) => {
      const files = collector.add(index, result);
      if (!toStdout) for (const f of files) writeUnder(out, f);
    };

    if (o.rest[0] === '-') {
      // Lines are handled one at a time, so results come in order.
      const accountStdin = (index: number, result: FileResult) => {
        account(index, result);
        if (result.ok) records?.append(result.output.records);
      };
      await exportStdin(config, exporter, accountStdin, write, () => cancelled, summary);
    } else {
      const { tasks, skipped } = collectTasks(o.rest, toStdout ? undefined : out);
      for (const k of skipped) collector.skip(k.path, k.reason);
      summary.files = tasks.length + skipped.length;
      const runnable: FileTask[] = [];
      for (const t of tasks) {
        const bad = unsafeIdReason(t.id);
        if (bad) collector.skip(t.path, bad);
        else runnable.push(t);
      }
      const progress = progressBar(runnable.length, process.stderr, process.stderr.isTTY === true && !o.flags.has('--no-progress'));
      let done = 0;
      // Stdout and the records file keep input order: results arriving early from other workers
      // wait their turn.
      const pending = new Map<number, FileResult>();
      let nextOut = 0;
      let flushing = Promise.resolve();
      // What leaves in input order: a stdout line, or the records appended to the records file.
      const file = records;
      const emit = write
        ? (r: FileResult & { ok: true }) => write(streamLine(r.id, r.output))
        : file
          ? (r: FileResult & { ok: true }) => file.append(r.output.records)
          : undefined;
      const onResult: OnResult = (index, result) => {
        progress.tick(++done, result.path);
        account(index, result);
        if (emit) {
          pending.set(index, result);
          flushing = flushing.then(async () => {
            while (pending.has(nextOut)) {
              const r = pending.get(nextOut)!;
              pending.delete(nextOut++);
              if (r.ok) await emit(r);
            }
          });
        }
      };
      const workerFile = join(__dirname, 'worker.js');
      if (jobs > 1 && runnable.length > 1 && existsSync(workerFile)) {
        await runInWorkers(runnable, config, jobs, workerFile, onResult, (stop) => { stopWorkers = stop; if (cancelled) stop(); });
      } else {
        if (jobs > 1 && !existsSync(workerFile)) summary.warnings.push(`--jobs ${jobs}: ${workerFile} not found (run npm run build); ran in one thread`);
        await runInProcess(runnable, config, onResult, () => cancelled);
      }
      await flushing;
      progress.done();
    }
    summary.cancelled = cancelled;
    // Collection files only for a complete run: a cancelled export must not look finished.
    if (!toStdout && !cancelled) {
      records?.commit();
      for (const f of collector.collection()) writeUnder(out, f);
    }
  } finally {
    records?.abort(); // after commit: nothing to do; otherwise the partial file goes
    process.off('SIGINT', onSigint);
    summary.seconds = (Date.now() - started) / 1000;
  }
  process.stderr.write(formatSummary(summary));
  return summary.cancelled ? 130 : summary.exported === 0 && summary.skipped.length > 0 ? 1 : 0;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`;
}

/**
 * Stdin mode: one JSON document per line, {"id","text","spans"?}. Lines are handled as they
 * arrive and written out at once, so the command works as a streaming step (Hadoop Streaming,
 * Spark RDD.pipe). With "spans" (native JSONL, code points) those are the annotations; without,
 * the engine tags the text.
 */
async function exportStdin(
  config: JobConfig,
  exporter: ReturnType<typeof exporterFor>,
  account: (index: number, r: FileResult) => void,
  write: ((line: string) => Promise<void>) | undefined,
  cancelled: () => boolean,
  summary: ExportSummary,
): Promise<void> {
  let engine: Engine | undefined;
  const getEngine = () => (engine ??= createEngine(compileWithDefault(config.glossaryFiles.map((f) => parseGlossary(readText(f), f)))));
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    if (cancelled()) break;
    n++;
    if (line.trim() === '') continue;
    summary.files++;
    const where = `stdin:${n}`;
    const parsed = parseJsonLocated(line);
    if (!parsed.ok || !isObject(parsed.value) || typeof parsed.value.text !== 'string') {
      account(n, { ok: false, path: where, id: '', reason: parsed.ok ? 'expected {"id", "text", "spans"?}' : `invalid JSON at column ${parsed.offset + 1}: ${parsed.message}` });
      continue;
    }
    const rec = parsed.value;
    const id = typeof rec.id === 'string' || typeof rec.id === 'number' ? String(rec.id) : `line-${n}`;
    const text = rec.text as string;
    let annotations: Annotation[];
    let states: AnnotationState[] = config.states;
    let source: 'sidecar' | 'engine' = 'sidecar';
    if (rec.spans !== undefined) {
      const imported = importNative(line, where);
      const errors = imported.problems.filter((p) => p.severity === 'error');
      if (!imported.documents.length) {
        account(n, { ok: false, path: where, id, reason: errors[0]?.message ?? 'unreadable spans' });
        continue;
      }
      for (const p of errors) summary.warnings.push(formatProblem(p));
      const doc = new AnnotatedDocument(text, imported.documents[0].annotations);
      if (config.includeSuggestions) doc.merge(getEngine().tag(text));
      annotations = doc.all();
    } else {
      source = 'engine';
      states = ['auto'];
      annotations = getEngine().tag(text).map((s) => ({ start: s.start, end: s.end, label: s.label, state: 'auto' as const, ...(s.value ? { value: s.value } : {}) }));
    }
    if (!write && unsafeIdReason(id)) {
      account(n, { ok: false, path: where, id, reason: `${unsafeIdReason(id)}: ${JSON.stringify(id)}` });
      continue;
    }
    const output = exporter.document({ id, text, annotations }, { states });
    account(n, { ok: true, path: where, id, source, output, labels: Object.keys(output.spansPerLabel), notes: output.warnings });
    if (write) await write(streamLine(id, output));
  }
  rl.close();
}
