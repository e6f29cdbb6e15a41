// `npm run simulate [FOLDER]`: the replay of src/core/learning/simulate.ts on a folder of texts
// with gold (docs/learning.md). A developer's measurement, not a command of the CLI: it needs
// gold, which users do not have. FOLDER defaults to the dev corpus beside the project
// (../shared/corpus/dev), which is not part of the repository.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { readInput } from './inputs';
import { UsageError } from './errors';
import { OffsetMap } from '../core/text/offsets';
import { formatBreakdown, formatDifferences, formatSimulation, simulate, type GoldSpan, type SimulatedDocument } from '../core/learning/simulate';

export const DEFAULT_SIMULATE_FOLDER = '../shared/corpus/dev';

/** The gold files of `folder`: `FOLDER.gold.jsonl` beside it (dev → ../dev.gold.jsonl), else
 *  the `*.gold.jsonl` inside it. */
function goldFiles(folder: string): string[] {
  const beside = join(dirname(folder), `${basename(folder)}.gold.jsonl`);
  if (existsSync(beside)) return [beside];
  return readdirSync(folder).filter((n) => n.endsWith('.gold.jsonl')).sort().map((n) => join(folder, n));
}

/** The texts of `folder` (*.txt, in name order) with their gold spans in UTF-16 offsets. */
export function readSimulationFolder(folder: string): SimulatedDocument[] {
  const gold = new Map<string, { text: string; spans: GoldSpan[]; where: string }>();
  for (const file of goldFiles(folder)) {
    readInput(file).split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      const where = `${file}:${i + 1}:1`;
      let r: { id?: unknown; text?: unknown; spans?: unknown };
      try {
        r = JSON.parse(line);
      } catch (e) {
        throw new UsageError(`${where}: invalid JSON: ${(e as Error).message}`);
      }
      if (typeof r.text !== 'string' || !Array.isArray(r.spans) || (typeof r.id !== 'string' && typeof r.id !== 'number')) throw new UsageError(`${where}: expected {"id", "text", "spans": [{"start", "end", "label"}]}`);
      const map = new OffsetMap(r.text);
      const spans = (r.spans as { start: number; end: number; label: string; optional?: boolean }[]).map((s) => {
        if (!Number.isInteger(s.start) || !Number.isInteger(s.end) || typeof s.label !== 'string' || s.start < 0 || s.end <= s.start || s.end > map.codePointLength) throw new UsageError(`${where}: bad span ${JSON.stringify(s)}`);
        return { start: map.toUtf16(s.start), end: map.toUtf16(s.end), label: s.label, ...(s.optional ? { optional: true } : {}) };
      });
      gold.set(String(r.id), { text: r.text, spans, where });
    });
  }
  const texts = readdirSync(folder).filter((n) => n.endsWith('.txt')).sort();
  const docs: SimulatedDocument[] = [];
  for (const name of texts) {
    const id = name.slice(0, -'.txt'.length);
    const g = gold.get(id);
    if (!g) throw new UsageError(`${join(folder, name)}: no gold record with id ${JSON.stringify(id)} (looked in ${goldFiles(folder).join(', ') || 'no *.gold.jsonl'})`);
    const text = readInput(join(folder, name));
    if (text !== g.text) throw new UsageError(`${g.where}: the gold text of ${id} is not the text of ${join(folder, name)}`);
    docs.push({ id, text, gold: g.spans });
  }
  if (docs.length === 0) throw new UsageError(`${folder}: no *.txt files`);
  return docs;
}

/** Runs the replay with and without learning; returns the exit code (2 for a usage error). */
export function runSimulate(argv: readonly string[], out: (s: string) => void, err: (s: string) => void, cwd = process.cwd()): number {
  if (argv.length > 1 || argv[0]?.startsWith('-')) {
    err('usage: npm run simulate [-- FOLDER]   (a folder of *.txt with FOLDER.gold.jsonl beside it or *.gold.jsonl inside)\n');
    return 2;
  }
  const folder = resolve(cwd, argv[0] ?? DEFAULT_SIMULATE_FOLDER);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    err(argv[0]
      ? `simulate: ${argv[0]}: no such folder\n`
      : `simulate: the dev corpus ${DEFAULT_SIMULATE_FOLDER} is not there (it is not part of the repository): pass a folder of *.txt with gold, e.g. npm run simulate -- path/to/dev\n`);
    return 2;
  }
  try {
    const docs = readSimulationFolder(folder);
    const without = simulate(docs, { learning: false });
    const earlier = simulate(docs, { learning: true });
    out(`simulate: ${docs.length} file(s) of ${folder}\n\n— the actions without learning, and what repeats:\n`);
    out(formatBreakdown(without));
    out(`\n— learning from earlier files only:\n`);
    out(formatSimulation(earlier, without));
    out(`\n— learning from every decision as it is made (the current file included, as the editor does):\n`);
    const asMade = simulate(docs, { learning: true, withinFile: true });
    out(formatDifferences(asMade, without));
    out(formatSimulation(asMade, without));
    return 0;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`simulate: ${e.message}\n`);
    return 2;
  }
}

