// `policy-annotator eval GOLD.jsonl PRED.jsonl`: precision, recall and F1 per label, printed
// exactly as shared/corpus/score.py prints them.
import { score, formatScoreTable, type ScoredDoc } from '../../core/eval/score';
import type { Command } from './command';
import type { ParsedArgs } from '../args';
import { callError, UsageError } from '../errors';
import { jsonlRecords } from '../inputs';

export const evalCommand: Command = {
  name: 'eval',
  summary: 'score predictions against gold spans: P/R/F1 per label, as score.py',
  synopsis: ['[--json] GOLD.jsonl PRED.jsonl'],
  details: `  Each line of both files: {"id", "spans": [{"start", "end", "label", "optional"?}]}.`,
  options: [{ name: '--json', kind: 'flag', help: 'print the rows as JSON instead of a table' }],
  run: runEval,
};

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

function runEval(a: ParsedArgs): number {
  if (a.operands.length !== 2) throw callError('eval needs GOLD.jsonl PRED.jsonl');
  const rows = score(readJsonl(a.operands[0]), readJsonl(a.operands[1]));
  process.stdout.write((a.flag('--json') ? JSON.stringify(rows) : formatScoreTable(rows)) + '\n');
  return 0;
}
