// `export -`: JSON Lines documents from stdin, handled as they arrive.
import { createInterface } from 'node:readline';
import { formatProblem } from './errors';
import { streamLine } from './export-output';
import { engineCache, type JobConfig, type FileResult } from './export-job';
import { learnedFileFor } from './learned';
import { engineAnnotations, type ExportSummary } from '../core/formats/export-run';
import type { Engine } from '../core/engine';
import { AnnotatedDocument } from '../core/annotations/document';
import type { Annotation, AnnotationState } from '../core/annotations/model';
import { exporterFor } from '../core/formats/registry';
import { unsafeIdReason } from '../core/formats/common';
import { importNative } from '../core/formats/native';
import { parseJsonLocated, isObject } from '../core/annotations/json-located';

/**
 * Stdin mode: one JSON document per line, {"id","text","spans"?}. Lines are handled as they
 * arrive and written out at once, so the command works as a streaming step (Hadoop Streaming,
 * Spark RDD.pipe). With "spans" (native JSONL, code points) those are the annotations; without,
 * the engine tags the text.
 */
export async function exportStdin(
  config: JobConfig,
  exporter: ReturnType<typeof exporterFor>,
  account: (index: number, r: FileResult) => void,
  write: ((line: string) => Promise<void>) | undefined,
  cancelled: () => boolean,
  summary: ExportSummary,
  firstLine = 1,
): Promise<void> {
  // Stdin has no path: its learned file is looked for from the current folder (checked before the run).
  const learnedFile = await learnedFileFor(config.learned, '-', new Map());
  const engines = engineCache(config);
  let engine: Engine | undefined;
  const getEngine = () => engine!;
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  // Line numbers of the whole input when this is one partition of it (--first-line).
  let n = firstLine - 1;
  for await (const line of rl) {
    if (cancelled()) break;
    engine ??= await engines(learnedFile);
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
      annotations = engineAnnotations(getEngine(), text);
    }
    if (!write && unsafeIdReason(id)) {
      account(n, { ok: false, path: where, id, reason: `${unsafeIdReason(id)}: ${JSON.stringify(id)}` });
      continue;
    }
    const output = exporter.document({ id, text, annotations, ordinal: n }, { states });
    account(n, { ok: true, path: where, id, source, output, labels: Object.keys(output.spansPerLabel), notes: output.warnings });
    if (write) await write(streamLine(id, output));
  }
  rl.close();
}
