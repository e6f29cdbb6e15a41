// Format names → exporters, so the CLI, the worker threads and the editor commands all pick
// formats the same way.
import { nativeExporter } from './native';
import { doccanoExporter, type DoccanoOptions } from './doccano';
import { labelStudioExporter } from './label-studio';
import { bratExporter } from './brat';
import { conllExporter } from './conll';
import { FORMAT_NAMES, type Exporter, type FormatName } from './common';

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

/** Built-in labels first (in the editor's order), then the others alphabetically. */
export function orderLabels(labels: Iterable<string>): string[] {
  const builtin = ['NUM', 'ORG', 'TERM'];
  const others = [...new Set(labels)].filter((l) => !builtin.includes(l)).sort();
  return [...builtin, ...others];
}
