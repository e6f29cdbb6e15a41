// Leftovers of a killed save (issue 8, item 3): writeAtomic (src/cli/io.ts) writes
// `.NAME.PID.TIME.tmp` and renames it; a writer killed in between leaves that file. The next save
// of the same target (and `import`, when it loads a sidecar) removes such files whose writer is
// dead — and nothing else: not a live writer's file, not a file of another target, not a name
// that merely resembles ours, not a folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeStaleTemps, tempPathFor, writeAtomic } from '../../src/cli/io';
import { SIDECAR_SUFFIX } from '../../src/core/annotations/sidecar';
import { NEEDS_BUILD, runCli, tempDir } from './helpers';

/** The PID of a process that has exited (and been reaped). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  assert.ok(r.pid && r.pid > 0);
  assert.throws(() => process.kill(r.pid, 0), /ESRCH/, 'the process is gone');
  return r.pid;
}

test('writeAtomic: removes temporary files of dead writers of the same target, and only those', async () => {
  const dir = tempDir('pa-stale-');
  // Regular-expression characters in the name must be taken literally.
  const target = join(dir, 'a+b (1).txt' + SIDECAR_SUFFIX);
  writeFileSync(target, 'old');
  const dead = deadPid();
  const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  try {
    const livePid = live.pid!;
    const now = Date.now();
    const started = now - process.uptime() * 1000;
    const stale = [
      tempPathFor(target, dead, now - 5000),
      tempPathFor(target, process.pid, Math.floor(started) - 60_000), // our PID, but written before this process started
    ];
    const kept = [
      tempPathFor(target, livePid, now - 5000), // a live writer (another process)
      tempPathFor(target, process.pid, now), // this process's own (a save in progress)
      tempPathFor(join(dir, 'other.txt' + SIDECAR_SUFFIX), dead, now), // another target
      join(dir, `.aXb (1).txt${SIDECAR_SUFFIX}.${dead}.${now}.tmp`), // `+` taken as a pattern would match this
      join(dir, `a+b (1).txt${SIDECAR_SUFFIX}.${dead}.${now}.tmp`), // no leading dot
      join(dir, `.a+b (1).txt${SIDECAR_SUFFIX}.${dead}.tmp`), // no time
      join(dir, `.a+b (1).txt${SIDECAR_SUFFIX}.${dead}.${now}.tmp.bak`),
      join(dir, `.a+b (1).txt${SIDECAR_SUFFIX}.0.${now}.tmp`), // PID 0 would signal our own process group
      join(dir, `.a+b (1).txt${SIDECAR_SUFFIX}.x${dead}.${now}.tmp`),
    ];
    for (const f of [...stale, ...kept]) writeFileSync(f, 'partial');
    const folder = tempPathFor(target, dead, now - 1); // a folder with our exact name is not ours
    mkdirSync(folder);
    writeFileSync(join(folder, 'inside'), 'x');

    writeAtomic(target, 'new');
    assert.equal(readFileSync(target, 'utf8'), 'new');
    for (const f of stale) assert.ok(!existsSync(f), `removed: ${f}`);
    for (const f of kept) assert.ok(existsSync(f), `kept: ${f}`);
    assert.ok(existsSync(join(folder, 'inside')), 'a folder is never removed');
    // Nothing else appeared or went: exactly the kept files, the folder and the target remain.
    assert.deepEqual(readdirSync(dir).sort(), [...kept.map((f) => f.slice(dir.length + 1)), folder.slice(dir.length + 1), 'a+b (1).txt' + SIDECAR_SUFFIX].sort());
    assert.deepEqual(removeStaleTemps(target), [], 'a second pass finds nothing more');
  } finally {
    live.kill('SIGKILL');
  }
});

test('removeStaleTemps: a missing folder or a target without leftovers is fine', () => {
  const dir = tempDir('pa-stale-');
  assert.deepEqual(removeStaleTemps(join(dir, 'nope', 'x.jsonl')), []);
  assert.deepEqual(removeStaleTemps(join(dir, 'x.jsonl')), []);
});

test('CLI import: leftovers of a killed import next to the sidecar are removed on the next import', { skip: NEEDS_BUILD }, () => {
  const dir = tempDir('pa-stale-');
  const into = join(dir, 'into');
  mkdirSync(into);
  const input = join(dir, 'in.jsonl');
  writeFileSync(input, JSON.stringify({ id: 'doc', text: '南瑞集团', spans: [{ start: 0, end: 4, label: 'ORG' }] }) + '\n');
  const sidecar = join(into, 'doc.txt' + SIDECAR_SUFFIX);
  const dead = deadPid();
  const leftover = tempPathFor(sidecar, dead, Date.now() - 1000);
  const foreign = join(into, 'notes.tmp');
  writeFileSync(leftover, '{"truncated');
  writeFileSync(foreign, 'mine');
  const r = runCli(['import', '--format', 'native', input, '--into', into]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(sidecar));
  assert.ok(!existsSync(leftover), 'the dead writer\'s temporary file is gone');
  assert.equal(readFileSync(foreign, 'utf8'), 'mine', 'other files are left alone');
  assert.deepEqual(readdirSync(into).filter((f) => f.endsWith('.tmp')), ['notes.tmp']);
});

test('CLI export: the streamed records file of a killed export is removed by the next export; a live one stays', { skip: NEEDS_BUILD }, () => {
  const dir = tempDir('pa-stale-');
  const input = join(dir, 'in');
  const out = join(dir, 'out');
  mkdirSync(input);
  mkdirSync(out);
  writeFileSync(join(input, 'a.txt'), '南瑞集团投资150亿元。');
  const target = join(out, 'documents.jsonl');
  const leftover = tempPathFor(target, deadPid(), Date.now() - 1000);
  const live = tempPathFor(target, process.pid, Date.now() + 60_000); // this test runner: alive, and newer than the export
  writeFileSync(leftover, '{"id":"half');
  writeFileSync(live, '{"id":"still being written');
  const r = runCli(['export', '--format', 'native', '--no-progress', '--out', out, input]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(target, 'utf8').trimEnd().split('\n').length, 1);
  assert.ok(!existsSync(leftover), "the killed export's temporary file is gone");
  assert.ok(existsSync(live), "a running writer's temporary file stays");
});
