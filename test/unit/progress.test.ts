import { test } from 'node:test';
import assert from 'node:assert/strict';
import { progressBar } from '../../src/cli/progress';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 80, write: (s: string) => (writes.push(s), true) } as unknown as NodeJS.WriteStream };
}

test('progress bar: drawn on a terminal (throttled, final state always drawn), cleared at the end', () => {
  const { writes, stream } = fakeStream(true);
  const p = progressBar(1000, stream);
  for (let i = 1; i <= 1000; i++) p.tick(i, `corpus/doc-${i}.txt`);
  p.done();
  assert.ok(writes.length >= 2 && writes.length < 100, `throttled: ${writes.length} writes`);
  assert.match(writes[writes.length - 2], /^\r\[█+\] 1000\/1000 100% [\d.]+s .*doc-1000\.txt\x1b\[K$/);
  assert.equal(writes[writes.length - 1], '\r\x1b[K');
});

test('progress bar: nothing at all when stderr is not a terminal (logs, pipes)', () => {
  const { writes, stream } = fakeStream(false);
  const p = progressBar(10, stream);
  for (let i = 1; i <= 10; i++) p.tick(i);
  p.done();
  assert.deepEqual(writes, []);
});
