// `policy-annotator learned list|forget`: review and forget what annotators taught (the learned
// file, docs/learning.md). The file is found like tag and export find it, from the current folder.
import type { Command } from './command';
import type { ParsedArgs } from '../args';
import { UsageError, callError } from '../errors';
import { nodeFileSystem } from '../node-fs';
import { findLearnedFile, forget, learnedFromParsed, writeLearnedFile, LEARNED_FILE, type LearnedSet } from '../../core/learning';
import { loadLearned } from '../learned';
import { resolve } from 'node:path';

export const learnedCommand: Command = {
  name: 'learned',
  summary: 'review (list) or forget what annotators taught: the learned file',
  synopsis: ['list [--learned FILE]', 'forget [--learned FILE] [--rejected] --label LABEL SURFACE...'],
  details: `  list: one line per item, tab-separated: kind (entry|rejected), label, surface, and where it
  was learned: file, action, author, time, count. forget: removes the entries (with --rejected:
  the rejections) of SURFACE with LABEL and rewrites the file atomically.
  Default file: ${LEARNED_FILE} in the current folder or the nearest folder above it.`,
  options: [
    { name: '--learned', kind: 'string', value: 'FILE', help: 'the learned file (default: found from the current folder)' },
    { name: '--label', kind: 'string', value: 'LABEL', help: 'forget: the label of the surfaces (TERM, ORG …)' },
    { name: '--rejected', kind: 'flag', help: 'forget: forget rejections instead of entries' },
  ],
  run: runLearned,
};

async function runLearned(a: ParsedArgs): Promise<number> {
  const [sub, ...surfaces] = a.operands;
  if (sub !== 'list' && sub !== 'forget') throw callError(sub ? `unknown subcommand ${sub} (list or forget)` : 'list or forget is needed');
  const path = a.string('--learned') ?? (await findLearnedFile(nodeFileSystem, process.cwd()));
  if (!path) throw new UsageError(`no ${LEARNED_FILE} in ${process.cwd()} or a folder above it; give --learned FILE`);
  const set = learnedFromParsed(await loadLearned(resolve(path)));
  if (sub === 'list') {
    if (surfaces.length) throw callError('list takes no SURFACE');
    process.stdout.write(listLearned(set));
    return 0;
  }
  const label = a.string('--label');
  if (!label) throw callError('forget needs --label LABEL');
  if (surfaces.length === 0) throw callError('forget needs at least one SURFACE');
  let next = set;
  for (const s of surfaces) {
    const after = forget(next, { surface: s, label }, a.flag('--rejected'));
    if (after === next) throw new UsageError(`${path}: no ${a.flag('--rejected') ? 'rejection' : 'entry'} of ${JSON.stringify(s)} as ${label}; nothing was written`);
    next = after;
  }
  await writeLearnedFile(nodeFileSystem, resolve(path), next);
  process.stderr.write(`policy-annotator learned: forgot ${surfaces.length} item(s) in ${path}\n`);
  return 0;
}

/** The `list` output: rejections, then entries, in the file's order. */
export function listLearned(set: LearnedSet): string {
  const rows: string[] = [];
  const row = (kind: string, label: string, term: string, p?: { file: string; action: string; author?: string; time?: string; count: number }) =>
    rows.push([kind, label, term, p?.file ?? '', p?.action ?? '', p?.author ?? '', p?.time ?? '', p ? String(p.count) : ''].join('\t'));
  for (const r of set.rejected) row('rejected', r.category, r.term, r.learned);
  for (const e of set.entries) row('entry', e.category, e.term, e.learned);
  return rows.length ? rows.join('\n') + '\n' : '';
}
