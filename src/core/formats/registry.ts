// Format names → exporters, so the CLI, the worker threads and the editor commands all pick
// formats the same way.
import { nativeExporter, importNative } from './native';
import { doccanoExporter, importDoccano, DOCCANO_OVERLAP_COUNTER, type DoccanoOptions } from './doccano';
import { labelStudioExporter, importLabelStudio } from './label-studio';
import { bratExporter } from './brat';
import { conllExporter, CONLL_SUMMARY_NOTE } from './conll';
import { BUILTIN_LABELS, orderLabels } from '../labels';
import { FORMAT_NAMES, unsafeIdReason, type Exporter, type FormatName, type ExportDocument, type ExportOptions, type OutputFile, type ImportResult } from './common';

export interface FormatOptions {
  doccano?: DoccanoOptions;
}

export function isFormatName(s: string): s is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(s);
}

export function exporterFor(name: FormatName, options: FormatOptions = {}): Exporter {
  switch (name) {
    case 'native':
      return nativeExporter;
    case 'doccano':
      return doccanoExporter(options.doccano);
    case 'label-studio':
      return labelStudioExporter;
    case 'brat':
      return bratExporter;
    case 'conll':
      return conllExporter;
  }
}

/**
 * Renders a whole export in memory: every document's files plus the collection files, ready to
 * be written under an output folder. For the editor's "Export this file" and small batches; the
 * CLI streams documents one by one instead.
 */
export function renderExport(
  name: FormatName,
  docs: Iterable<ExportDocument>,
  options: ExportOptions & FormatOptions & { labels?: readonly string[] } = {},
): { files: OutputFile[]; spansPerLabel: Record<string, number>; warnings: string[] } {
  const exporter = exporterFor(name, options);
  const files: OutputFile[] = [];
  const records: string[] = [];
  const warnings: string[] = [];
  const spansPerLabel: Record<string, number> = {};
  for (const doc of docs) {
    const reason = unsafeIdReason(doc.id);
    if (reason) {
      warnings.push(`${JSON.stringify(doc.id)}: ${reason}; not exported`);
      continue;
    }
    const out = exporter.document(doc, options);
    files.push(...out.files);
    records.push(...out.records);
    warnings.push(...out.warnings);
    for (const [l, n] of Object.entries(out.spansPerLabel)) spansPerLabel[l] = (spansPerLabel[l] ?? 0) + n;
  }
  files.push(...exporter.collection(records, orderLabels([...BUILTIN_LABELS, ...(options.labels ?? []), ...Object.keys(spansPerLabel)])));
  return { files, spansPerLabel, warnings };
}

/** Reads a single-file import (native, doccano, Label Studio); brat pairs go through importBrat. */
export function importContent(name: 'native' | 'doccano' | 'label-studio', content: string, file: string, options: FormatOptions = {}): ImportResult {
  if (name === 'native') return importNative(content, file);
  if (name === 'doccano') return importDoccano(content, file, options.doccano);
  return importLabelStudio(content, file);
}

/**
 * Lines for the export summary about what `format` could not hold in this run: CoNLL never holds
 * states or values; doccano's default project drops overlapping spans on import.
 */
export function summaryNotes(format: FormatName, counters: Readonly<Record<string, number>>): string[] {
  const notes: string[] = [];
  if (format === 'conll') notes.push(CONLL_SUMMARY_NOTE);
  const dropped = counters[DOCCANO_OVERLAP_COUNTER] ?? 0;
  if (format === 'doccano' && dropped) {
    notes.push(`${dropped} overlapping span(s) (see the warnings) are dropped on import by a doccano project without "Allow overlapping entity"; enable it in the project settings before importing`);
  }
  return notes;
}
