// Killing the process during a save (issue 8, item 3): a child process writes a large sidecar
// over and over with the CLI's atomic write (src/cli/io.ts writeAtomic, used by `import`); the
// test SIGKILLs it at random moments, 30 times, and after every kill the sidecar must parse as
// one complete version — the old one or a new one, byte for byte — never a mix or a truncation.
//
// The same bundled file is the child: with PA_KILL_WRITER set it writes instead of testing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../../src/cli/io';
import { parseSidecar, serializeSidecar, toSidecarData, SIDECAR_SUFFIX } from '../../src/core/annotations/sidecar';
import type { Annotation } from '../../src/core/annotations/model';
import { tempDir } from './helpers';

const PARAGRAPH = '南京市江宁经济技术开发区集聚南瑞集团等企业 646 家，推动高质量发展。😀\n';
const REPEAT = 6_000;

/**
 * One buffer holding the sidecar: its header carries the generation, and so does the author of
 * its last annotation, both as 8 fixed-width digits that are overwritten in place for each new
 * version (no allocation per write: the writer spends its time writing). A truncated or mixed
 * file cannot pass for a whole version.
 */
function template(): { buf: Buffer; at: number[] } {
  const text = PARAGRAPH.repeat(REPEAT);
  const annotations: Annotation[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const base = i * PARAGRAPH.length;
    annotations.push({ start: base + 14, end: base + 18, label: 'ORG', state: 'manual', author: 'li', time: '2024-05-01T08:00:00.000Z' });
    annotations.push({ start: base + 22, end: base + 27, label: 'NUM', state: 'accepted', value: { value: 646, unit: '家', kind: 'quantity' } });
  }
  const last = (REPEAT - 1) * PARAGRAPH.length;
  annotations.push({ start: last + 30, end: last + 35, label: 'TERM', state: 'manual', author: 'gen-GGGGGGGG' });
  const data = toSidecarData(text, 'doc.txt', annotations);
  data.header.extra = { generation: 'GGGGGGGG' };
  const buf = Buffer.from(serializeSidecar(data));
  return { buf, at: [buf.indexOf('GGGGGGGG'), buf.lastIndexOf('GGGGGGGG')] };
}

const digits = (g: number) => String(g).padStart(8, '0');

function versionOf(t: ReturnType<typeof template>, g: number): Buffer {
  for (const at of t.at) t.buf.write(digits(g), at, 'latin1');
  return t.buf;
}

if (process.env.PA_KILL_WRITER) {
  // Child: write generations first, first + 1, … until killed. The buffer is built once, so
  // nearly all the time is spent inside writeAtomic (where the kills should land).
  const target = process.env.PA_KILL_WRITER;
  const first = Number(process.env.PA_KILL_FIRST);
  const p = template();
  for (let g = first; ; g++) {
    writeAtomic(target, versionOf(p, g));
    process.stdout.write(`${g}\n`);
  }
} else {
  test('sidecar: SIGKILL during saves leaves the old or the new version whole (30 kills)', { timeout: 180_000 }, async (t) => {
    // On a disk file system most of a save is the rename (ext4 flushes the data there), on tmpfs
    // it is the write: alternating between the two puts kills in both steps.
    const folders = [tempDir('pa-kill-')];
    if (existsSync('/dev/shm')) {
      const shm = mkdtempSync('/dev/shm/pa-kill-');
      process.on('exit', () => rmSync(shm, { recursive: true, force: true }));
      folders.push(shm);
    }
    const p = template();
    const expected = (g: number) => Buffer.from(versionOf(p, g));
    const state = folders.map((dir) => {
      const target = join(dir, 'doc.txt' + SIDECAR_SUFFIX);
      writeFileSync(target, expected(0));
      return { dir, target, next: 1, midWrite: 0, seen: new Set<number>() };
    });
    for (let round = 0; round < 30; round++) {
      const st = state[round % state.length];
      const { target } = st;
      const child = spawn(process.execPath, [__filename], { env: { ...process.env, PA_KILL_WRITER: target, PA_KILL_FIRST: String(st.next) }, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      // Wait for the first completed write, then a random moment (often in the middle of one).
      await new Promise<void>((resolve) => {
        const check = () => (out.length > 0 ? resolve() : setTimeout(check, 5));
        check();
      });
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 120)));
      child.kill('SIGKILL');
      assert.equal(await exited, 'SIGKILL', 'the writer was killed, not finished');

      const bytes = readFileSync(target);
      const parsed = parseSidecar(bytes.toString('utf8'), target);
      assert.deepEqual(parsed.problems, [], `round ${round}: the sidecar parses without problems`);
      const g = Number(parsed.header.extra?.generation);
      assert.ok(Number.isInteger(g), `round ${round}: a whole header`);
      const written = out.split('\n').filter(Boolean).map(Number);
      const last = written[written.length - 1];
      // Either the last completed write, or the one in progress when the kill came (its rename
      // can complete before the "done" line is printed).
      assert.ok(g === last || g === last + 1, `round ${round}: generation ${g}, last completed ${last}`);
      assert.ok(bytes.equals(expected(g)), `round ${round}: generation ${g} is complete, byte for byte`);
      assert.equal(parsed.annotations.length, 2 * REPEAT + 1);
      assert.equal(parsed.annotations[parsed.annotations.length - 1].author, `gen-${digits(g)}`);
      st.seen.add(g);
      // Each writer first removes what the writers killed before it left (removeStaleTemps):
      // at most the last one's temporary file remains.
      const tmp = readdirSync(st.dir).filter((f) => f.endsWith('.tmp'));
      assert.ok(tmp.every((f) => f.includes(`.${child.pid}.`)), `round ${round}: only the last writer's leftover remains: ${tmp.join(', ')}`);
      if (tmp.length > 0) st.midWrite++;
      st.next = Math.max(last, g) + 1;
    }
    for (const st of state) {
      t.diagnostic(`${st.dir}: ${st.seen.size} generations seen on disk after as many kills; ${st.midWrite} kill(s) landed inside the write (a temporary file was left behind, the target stayed whole)`);
      assert.ok(st.seen.size > 1, 'the writer made progress between kills');
      // The next save (here, in this live process) cleans up after the last killed writer.
      writeAtomic(st.target, expected(st.next));
      assert.deepEqual(readdirSync(st.dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left after the next save');
    }
  });
}
