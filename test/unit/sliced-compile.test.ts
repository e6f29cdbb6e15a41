// Compiling a large glossary in slices (the editor's way: src/core/steps.ts) must give exactly the
// glossary a straight compile gives, even when other compilations run in its pauses (the name
// propagation compiles small matchers while documents are tagged).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGlossary, compileGlossaryAsync, mergeGlossaries } from '../../src/core/glossary/glossary';
import { compileMatcher } from '../../src/core/glossary/matcher';
import type { GlossaryEntry } from '../../src/core/types';
import { mulberry32 } from './helpers';

test('sliced glossary compile: the same matches and lookups as a straight compile, with other compilations in its pauses', async () => {
  const rnd = mulberry32(20261122);
  const cjk = () => String.fromCharCode(0x4e00 + Math.floor(rnd() * 2500));
  const word = () => Array.from({ length: 2 + Math.floor(rnd() * 4) }, cjk).join('');
  const entries: GlossaryEntry[] = Array.from({ length: 60_000 }, (_, k) => ({
    term: word(), category: 'TERM', aliases: [word()], definition: `${k}`, seeAlso: [], origin: { file: 'big.glossary.yaml', line: 3 * k + 3, column: 5 },
  }));
  const glossary = mergeGlossaries([{ file: 'big.glossary.yaml', entries, categories: [], problems: [] }]);
  let pauses = 0;
  const pause = () => {
    pauses++;
    compileMatcher([word(), word(), word()]).scan(word()); // a straight compilation meanwhile
    return new Promise<void>((r) => setTimeout(r, 0));
  };
  const sliced = await compileGlossaryAsync(glossary, pause, 0);
  const straight = compileGlossary(glossary);
  assert.ok(pauses >= 10, `paused ${pauses} times`);
  const text = Array.from({ length: 300_000 }, cjk).join('');
  const hits = straight.matcher.scan(text);
  assert.ok(hits.length > 1000);
  assert.deepEqual(sliced.matcher.scan(text), hits);
  assert.equal(sliced.matcher.bytes, straight.matcher.bytes);
  for (const e of entries.slice(0, 500)) assert.equal(sliced.lookup(e.aliases[0]), straight.lookup(e.aliases[0]));
});
