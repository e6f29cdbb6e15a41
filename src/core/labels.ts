// Label order: one rule for every list of labels a user sees (status bar, tree, export summaries,
// export configuration files).
import type { BuiltinLabel } from './types';

/** The built-in labels, in the order they are shown and written. */
export const BUILTIN_LABELS: readonly BuiltinLabel[] = ['NUM', 'ORG', 'TERM'];

/**
 * `labels` without repeats in display order: built-ins first (NUM, ORG, TERM), then custom
 * categories alphabetically. It orders what it is given and adds nothing: a label set that must
 * always name the built-ins (an export's label configuration) passes them in.
 */
export function orderLabels(labels: Iterable<string>): string[] {
  const set = new Set(labels);
  const builtin = BUILTIN_LABELS.filter((l) => set.has(l));
  const custom = [...set].filter((l) => !(BUILTIN_LABELS as readonly string[]).includes(l)).sort();
  return [...builtin, ...custom];
}
