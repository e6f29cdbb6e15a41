// `policy-annotator export`: files and folders (or a JSONL stream on stdin) → a dataset folder
// (or a JSONL stream on stdout). See docs/export.md.
import { existsSync, rmdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from './command';
import type { ParsedArgs } from '../args';
import { callError, UsageError } from '../errors';
import { checkInputPaths, loadGlossaryArgs } from '../inputs';
import { LEARNED_OPTIONS, learnedChoice, loadLearnedFor } from '../learned';
import { collectTasks } from '../find-files';
import { runInProcess, runInWorkers, type OnResult } from '../run-jobs';
import { pathUnder, stdoutWriter, streamLine, writeUnder } from '../export-output';
import { exportStdin } from '../export-stdin';
import { RecordsFileWriter } from '../records-writer';
import { progressBar } from '../progress';
import type { JobConfig, FileTask, FileResult } from '../export-job';
import { ExportCollector, formatSummary } from '../../core/formats/export-run';
import { REVIEWED_STATES } from '../../core/annotations/model';
import { exporterFor, isFormatName, type FormatOptions } from '../../core/formats/registry';
import { FORMAT_NAMES, unsafeIdReason } from '../../core/formats/common';

export const exportCommand: Command = {
  name: 'export',
  summary: 'export texts and their annotations as a dataset: native, doccano, Label Studio, brat, CoNLL',
  synopsis: [
    '--format native|doccano|label-studio|brat|conll --out DIR|-',
    '[--glossary FILE]... [--learned FILE | --no-learned] [--include-suggestions] [--jobs N]',
    '[--doccano-offsets codepoint|utf16] [--sidecar-folder DIR] [--no-progress] [--first-line N]',
    'PATH...|-',
  ],
  details: `  PATH: .txt/.md files or folders (searched recursively); '-' reads JSONL documents
  {"id","text","spans"?} from stdin. '--out -' writes one JSON line per document to stdout.
  Suggestions are the engine's with what annotators taught applied (docs/learning.md): the
  learned file given, else the nearest .policy-annotator/learned.glossary.yaml above each file
  (for stdin: above the current folder).
  Exit code: 0 when anything was exported, 1 when nothing was and files were skipped (nothing
  is written then), 2 for usage and input errors (nothing is written), 130 when cancelled.`,
  options: [
    { name: '--format', kind: 'string', value: 'FORMAT', help: 'native, doccano, label-studio, brat or conll (required)' },
    { name: '--out', kind: 'string', value: 'DIR|-', help: 'the dataset folder, or - for JSON lines on stdout (required)' },
    { name: '--glossary', kind: 'repeatable', value: 'FILE', help: 'a YAML glossary used with the bundled one (repeatable)' },
    ...LEARNED_OPTIONS,
    { name: '--include-suggestions', kind: 'flag', help: 'also export unreviewed suggestions' },
    { name: '--jobs', kind: 'number', value: 'N', min: 1, max: 256, help: 'tag on N threads (default 1)' },
    { name: '--doccano-offsets', kind: 'string', value: 'codepoint|utf16', help: 'offset unit of doccano records (default codepoint)' },
    { name: '--sidecar-folder', kind: 'string', value: 'DIR', help: 'read sidecars from DIR by relative path instead of next to the texts' },
    { name: '--no-progress', kind: 'flag', help: 'no progress bar, even on a terminal' },
    { name: '--first-line', kind: 'number', value: 'N', min: 1, max: 2 ** 31, help: "with '-': stdin's first line is line N of the whole input (a map step of a distributed job), so messages, unnamed ids and Label Studio task ids match one run over the whole input (default 1)" },
  ],
  run: runExport,
};

async function runExport(a: ParsedArgs): Promise<number> {
  const format = a.string('--format');
  if (!format || !isFormatName(format)) throw callError(format ? `unknown --format ${format} (one of ${FORMAT_NAMES.join(', ')})` : '--format is required');
  const out = a.string('--out');
  if (!out) throw callError('--out is required (a folder, or - for stdout)');
  const jobs = a.number('--jobs') ?? 1;
  const offsets = a.string('--doccano-offsets') ?? 'codepoint';
  if (offsets !== 'codepoint' && offsets !== 'utf16') throw callError('--doccano-offsets must be codepoint or utf16');
  const paths = a.operands;
  if (paths.length === 0) throw callError('give at least one PATH (or - for stdin)');
  if (paths.includes('-') && paths.length > 1) throw callError("'-' (stdin) cannot be combined with other paths");
  const toStdout = out === '-';
  // Every input is checked before anything is created under --out: a mistyped path is an error
  // (exit 2) that leaves the output folder as it was, not an empty dataset.
  if (!toStdout && existsSync(out) && !statSync(out).isDirectory()) throw new UsageError(`${out}: --out must be a folder`);
  if (paths[0] !== '-') checkInputPaths(paths, true);
  const glossaryFiles = a.list('--glossary');
  const glossaries = loadGlossaryArgs(glossaryFiles);
  // The files are found and every learned file that applies to one is read before anything is
  // written: a bad learned file is exit 2 with no output.
  const learned = learnedChoice(a);
  const collected = paths[0] === '-' ? undefined : await collectTasks(paths, toStdout ? undefined : out);
  await loadLearnedFor(learned, collected ? collected.tasks.map((t) => t.path) : ['-']);

  const includeSuggestions = a.flag('--include-suggestions');
  const sidecarFolder = a.string('--sidecar-folder');
  const config: JobConfig = {
    format,
    formatOptions: { doccano: { offsetUnit: offsets } } satisfies FormatOptions,
    states: includeSuggestions ? [...REVIEWED_STATES, 'auto'] : [...REVIEWED_STATES],
    includeSuggestions,
    glossaryFiles: glossaryFiles.map((f) => resolve(f)),
    sidecars: sidecarFolder ? { folder: resolve(sidecarFolder), root: process.cwd() } : {},
    learned,
  };
  const configuredLabels = glossaries.flatMap((g) => g.categories.map((c) => c.name));
  const started = Date.now();
  const outExisted = toStdout || existsSync(out);
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

    if (paths[0] === '-') {
      // Lines are handled one at a time, so results come in order.
      const accountStdin = (index: number, result: FileResult) => {
        account(index, result);
        if (result.ok) records?.append(result.output.records);
      };
      await exportStdin(config, exporter, accountStdin, write, () => cancelled, summary, a.number('--first-line') ?? 1);
    } else {
      const { tasks, skipped } = collected!;
      for (const k of skipped) collector.skip(k.path, k.reason);
      summary.files = tasks.length + skipped.length;
      const runnable: FileTask[] = [];
      for (const t of tasks) {
        const bad = unsafeIdReason(t.id);
        if (bad) collector.skip(t.path, bad);
        else runnable.push(t);
      }
      const progress = progressBar(runnable.length, process.stderr, process.stderr.isTTY === true && !a.flag('--no-progress'));
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
    // Collection files only for a complete run that exported something: a cancelled export must
    // not look finished, and one where every file was skipped must not replace an earlier
    // dataset with an empty one.
    if (!toStdout && !cancelled && !failed(summary)) {
      records?.commit();
      for (const f of collector.collection()) writeUnder(out, f);
    }
  } finally {
    records?.abort(); // after commit: nothing to do; otherwise the partial file goes
    // A folder this run created and left empty goes too (rmdir removes only empty folders).
    if (!outExisted && (cancelled || failed(summary))) try { rmdirSync(out); } catch { /* not empty, or gone */ }
    process.off('SIGINT', onSigint);
    summary.seconds = (Date.now() - started) / 1000;
  }
  process.stderr.write(formatSummary(summary));
  return summary.cancelled ? 130 : failed(summary) ? 1 : 0;
}

/** Nothing exported and something skipped: exit code 1, and no collection files. */
function failed(summary: { exported: number; skipped: readonly unknown[] }): boolean {
  return summary.exported === 0 && summary.skipped.length > 0;
}
