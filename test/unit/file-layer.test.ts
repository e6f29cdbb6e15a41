// The file layer (src/core/files/): the same scenarios (test/fixtures/file-scenarios.ts) through
// the in-memory adapter and Node's (src/cli/node-fs.ts) give the same results, and those results
// are the documented rules. test/integration/suite/file-layer.test.ts runs them through
// vscode.workspace.fs in a real VS Code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryFileSystem } from '../../src/core/files/memory-fs';
import { nodeFileSystem } from '../../src/cli/node-fs';
import { runFileScenarios } from '../fixtures/file-scenarios';
import { readSidecarFile } from '../../src/core/files/sidecar-store';
import { writeAtomic } from '../../src/core/files/atomic-write';

async function inMemory(): Promise<Record<string, unknown>> {
  const fs = new MemoryFileSystem({ pid: nodeFileSystem.writer.pid, startedAt: nodeFileSystem.writer.startedAt, processRuns: () => undefined });
  await fs.createDirectory('/root');
  return runFileScenarios(fs, '/root', { symlink: async (target, path) => fs.symlink(target, path) });
}

async function onDisk(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'pa-files-'));
  try {
    return await runFileScenarios(nodeFileSystem, dir, { symlink: async (target, path) => symlinkSync(target, path) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('file layer: the same scenarios give the same results in memory and on disk (Node)', async () => {
  const memory = await inMemory();
  const disk = await onDisk();
  assert.deepEqual(disk, memory);
});

test('file layer: the results are the documented rules', async () => {
  const r = await inMemory();
  assert.equal(r.missing, 'missing');
  assert.deepEqual(r.good, { kind: 'read', annotations: 1 });
  assert.deepEqual(r.brokenLine, { kind: 'read', problems: ['3:13'], kept: 1 }, 'a broken line in the middle is located and kept verbatim, not refused');
  assert.deepEqual(r['refused:newer-version'], { kind: 'refused', at: 'newer-version:1:38', matches: true });
  assert.deepEqual(r['refused:gbk'], { kind: 'refused', at: 'gbk:2:1', matches: true });
  assert.deepEqual(r['refused:binary'], { kind: 'refused', at: 'binary:1:2', matches: true });
  assert.equal((r['refused:half-written'] as { kind: string }).kind, 'refused');
  assert.equal(r.folderInTheWay, true);
  assert.deepEqual(r.afterWrite, { content: 'new\n', files: ['.a.jsonl.OWN.TIME.tmp', 'a.jsonl', 'notes.tmp'] }, "the dead writer's file is gone; the live one and notes.tmp stay");
  assert.deepEqual(r.recovered, { kind: 'read', files: ['doc.txt.annotations.jsonl'] });
  assert.deepEqual(r.halfTemp, { kind: 'missing', files: [] });
  assert.deepEqual(r.linkTypes, ['linked-folder:dir+link', 'linked.txt:file+link']);
  assert.deepEqual(r.walk, {
    files: ['corpus/a.txt → a.txt', 'corpus/b.MD → b.MD', 'corpus/linked.txt → linked.txt', 'corpus/sub/c.txt → sub/c.txt'],
    skipped: ['missing: cannot read: FileNotFound'],
  });
  const exp = r.export as string[];
  assert.match(exp[0], /^with: sidecar \{"ORG":1\}$/);
  assert.match(exp[1], /^without: engine /);
  assert.equal(exp[2], 'gbk: skipped: not valid UTF-8 (at byte 0)');
  assert.match(exp[3], /^refused: skipped: refused\.txt\.annotations\.jsonl:1:38: sidecar format version 7 is newer/);
  assert.equal(r.refusedBytesKept, true);
});

test('sidecar store: a sidecar that exists but cannot be read is refused, not taken as missing', async () => {
  const fs = new MemoryFileSystem();
  await fs.createDirectory('/d');
  await writeAtomic(fs, '/d/x.jsonl', 'x');
  fs.unreadable.set('/d/x.jsonl', 'NoPermissions');
  const r = await readSidecarFile(fs, '/d/x.jsonl', { recover: true });
  assert.equal(r.kind, 'refused');
  assert.match(r.kind === 'refused' ? r.reason : '', /cannot read the sidecar: NoPermissions; the sidecar was left untouched/);
});

test('sidecar store: a refusal names its kind and variable part, so an editor can say it in its own language', async () => {
  const { interpretSidecar, sayRefusal } = await import('../../src/core/files/sidecar-store');
  const { refusedSidecars } = await import('../fixtures/file-scenarios');
  const kinds = refusedSidecars().map((r) => {
    const read = interpretSidecar(r.bytes, 'a.txt.annotations.jsonl');
    assert.equal(read.kind, 'refused');
    return read.kind === 'refused' ? [read.code, read.detail] : [];
  });
  // newer-version declares 7; the GBK bytes start after the header line; the NUL is byte 1.
  assert.deepEqual(kinds.map((k) => k[0]), ['newer-version', 'not-utf8', 'binary', 'cut-off']);
  assert.equal(kinds[0][1], '7');
  assert.equal(kinds[2][1], '1');
  assert.match(kinds[1][1], /^\d+$/);
  const read = interpretSidecar(refusedSidecars()[0].bytes, 'a.txt.annotations.jsonl');
  if (read.kind !== 'refused') throw new Error('refused');
  const said = sayRefusal(read, (code, detail) => `«${code} ${detail}»`);
  assert.equal(said.reason, '«newer-version 7»');
  assert.equal(said.problem.message, '«newer-version 7»', 'the Problems entry says it too');
  assert.deepEqual([said.problem.line, said.problem.column], [read.problem.line, read.problem.column], 'at the same place');
  assert.equal(said.problems[0], said.problem);
});
