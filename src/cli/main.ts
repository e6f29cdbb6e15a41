// policy-annotator: the engine as a command-line tool.
import { docId } from './io';
import { UsageError, jsonlRecords, loadGlossaryArgs, readInput } from './inputs';
import { createEngine, compileWithDefault, OffsetMap } from '../core';
import { score, formatScoreTable, type ScoredDoc } from '../core/eval/score';
import { cmdExport } from './export';
import { cmdImport } from './import';
import { cmdStats } from './stats';

const USAGE = `usage:
  policy-annotator tag [--glossary FILE]... [--format gold-jsonl] FILE...
  policy-annotator eval [--json] GOLD.jsonl PRED.jsonl
  policy-annotator stats [--glossary FILE]... [--label L]... [--top N] [--json] [--group-by FIELD [--bucket N]] PATH...
  policy-annotator export --help | import …   (see README)
`;

function takeOption(args: string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < args.length; ) {
    if (args[i] === name) {
      if (i + 1 >= args.length) throw new UsageError(`${name} needs a value`);
      values.push(args[i + 1]);
      args.splice(i, 2);
    } else if (args[i].startsWith(name + '=')) {
      values.push(args[i].slice(name.length + 1));
      args.splice(i, 1);
    } else i++;
  }
  return values;
}

function cmdTag(args: string[]): number {
  const glossaries = takeOption(args, '--glossary');
  const format = takeOption(args, '--format').pop() ?? 'gold-jsonl';
  if (format !== 'gold-jsonl' && format !== 'jsonl') throw new UsageError(`unknown --format ${format}`);
  if (args.length === 0) throw new UsageError('tag needs at least one FILE');
  const engine = createEngine(compileWithDefault(loadGlossaryArgs(glossaries)));
  for (const file of args) {
    const text = readInput(file);
    const map = new OffsetMap(text);
    const spans = engine.tag(text).map((s) => ({
      start: map.toCodePoint(s.start),
      end: map.toCodePoint(s.end),
      label: s.label,
      ...(s.value ? { value: s.value } : {}),
    }));
    process.stdout.write(JSON.stringify({ id: docId(file), text, spans }) + '\n');
  }
  return 0;
}

function readJsonl(path: string): ScoredDoc[] {
  const out: ScoredDoc[] = [];
  for (const { line, value } of jsonlRecords(path)) {
    const d = value as Partial<ScoredDoc> | null;
    if (d === null || typeof d !== 'object' || d.id === undefined || !Array.isArray(d.spans)) {
      throw new UsageError(`${path}:${line}:1: each line needs "id" and a "spans" list`);
    }
    out.push(d as ScoredDoc);
  }
  return out;
}

function cmdEval(args: string[]): number {
  const json = args.includes('--json');
  const rest = args.filter((a) => a !== '--json');
  if (rest.length !== 2) throw new UsageError('eval needs GOLD.jsonl PRED.jsonl');
  const rows = score(readJsonl(rest[0]), readJsonl(rest[1]));
  process.stdout.write((json ? JSON.stringify(rows) : formatScoreTable(rows)) + '\n');
  return 0;
}

export const COMMANDS: Record<string, (args: string[]) => number | Promise<number>> = {
  tag: cmdTag,
  eval: cmdEval,
  export: cmdExport,
  import: cmdImport,
  stats: cmdStats,
};

async function main(argv: string[]): Promise<number> {
  const [cmd, ...args] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h') {
    process.stdout.write(USAGE);
    return cmd ? 0 : 2;
  }
  const run = COMMANDS[cmd];
  if (!run) throw new UsageError(`unknown command ${cmd}`);
  return run(args);
}

/** Entry used by bin/policy-annotator.js; sets the exit code instead of exiting so output flushes. */
export function cliMain(argv: string[]): Promise<void> {
  return main(argv).then(
    (code) => { process.exitCode = code; },
    (e) => {
      process.stderr.write(e instanceof UsageError ? `policy-annotator: ${e.message}\n` : `policy-annotator: internal error: ${(e as Error).stack}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) void cliMain(process.argv.slice(2));
