// `policy-annotator tag FILE...`: the engine's spans, one gold-shaped JSON object per file.
import { createEngine, compileWithDefault, OffsetMap, type Engine } from '../../core';
import type { Command } from './command';
import type { ParsedArgs } from '../args';
import { callError } from '../errors';
import { checkInputPaths, loadGlossaryArgs, readInput } from '../inputs';
import { docId } from '../io';
import { LEARNED_OPTIONS, learnedChoice, loadLearnedFor } from '../learned';

export const tagCommand: Command = {
  name: 'tag',
  summary: 'tag text files: one JSON object per file on stdout, offsets in code points',
  synopsis: ['[--glossary FILE]... [--learned FILE | --no-learned] [--format gold-jsonl] FILE...'],
  details: `  Prints {"id", "text", "spans": [{"start", "end", "label", "value"?}]} per FILE, in order.
  What annotators taught (docs/learning.md) applies as in the editor: the learned file's entries
  are suggested, its rejected surfaces are not.`,
  options: [
    { name: '--glossary', kind: 'repeatable', value: 'FILE', help: 'a YAML glossary used with the bundled one (repeatable)' },
    ...LEARNED_OPTIONS,
    { name: '--format', kind: 'string', value: 'gold-jsonl', help: 'the output format (gold-jsonl, the only one; jsonl is a synonym)' },
  ],
  run: runTag,
};

async function runTag(a: ParsedArgs): Promise<number> {
  const format = a.string('--format') ?? 'gold-jsonl';
  if (format !== 'gold-jsonl' && format !== 'jsonl') throw callError(`unknown --format ${format}`);
  if (a.operands.length === 0) throw callError('tag needs at least one FILE');
  // Every file is checked before the first line goes out: a missing one is exit 2 with nothing
  // on stdout, not half a result.
  checkInputPaths(a.operands, false);
  const learned = await loadLearnedFor(learnedChoice(a), a.operands);
  const glossaries = loadGlossaryArgs(a.list('--glossary'));
  // One engine per learned file (usually one, or none).
  const engines = new Map<string | undefined, Engine>();
  const engineFor = (file: string | undefined) => {
    let e = engines.get(file);
    if (!e) engines.set(file, (e = createEngine(compileWithDefault(file ? [...glossaries, learned.layers.get(file)!] : glossaries))));
    return e;
  };
  for (const file of a.operands) {
    const engine = engineFor(learned.fileOf.get(file));
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
