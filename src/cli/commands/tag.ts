// `policy-annotator tag FILE...`: the engine's spans, one gold-shaped JSON object per file.
import { createEngine, compileWithDefault, OffsetMap } from '../../core';
import type { Command } from './command';
import type { ParsedArgs } from '../args';
import { callError } from '../errors';
import { checkInputPaths, loadGlossaryArgs, readInput } from '../inputs';
import { docId } from '../io';

export const tagCommand: Command = {
  name: 'tag',
  summary: 'tag text files: one JSON object per file on stdout, offsets in code points',
  synopsis: ['[--glossary FILE]... [--format gold-jsonl] FILE...'],
  details: `  Prints {"id", "text", "spans": [{"start", "end", "label", "value"?}]} per FILE, in order.`,
  options: [
    { name: '--glossary', kind: 'repeatable', value: 'FILE', help: 'a YAML glossary used with the bundled one (repeatable)' },
    { name: '--format', kind: 'string', value: 'gold-jsonl', help: 'the output format (gold-jsonl, the only one; jsonl is a synonym)' },
  ],
  run: runTag,
};

function runTag(a: ParsedArgs): number {
  const format = a.string('--format') ?? 'gold-jsonl';
  if (format !== 'gold-jsonl' && format !== 'jsonl') throw callError(`unknown --format ${format}`);
  if (a.operands.length === 0) throw callError('tag needs at least one FILE');
  // Every file is checked before the first line goes out: a missing one is exit 2 with nothing
  // on stdout, not half a result.
  checkInputPaths(a.operands, false);
  const engine = createEngine(compileWithDefault(loadGlossaryArgs(a.list('--glossary'))));
  for (const file of a.operands) {
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
