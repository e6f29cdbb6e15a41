// A glossary of 200,000 entries (issue 8, item 1): loads and compiles in bounded time, keeps
// every entry, and the compiled matcher finds them. The time bound is a generous sanity check
// (a hang or a quadratic step would blow it), not a performance target; times are printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGlossary } from '../../src/core/glossary/load';
import { compileWithDefault, createEngine } from '../../src/core/engine';
import { checkSpans } from './helpers';
import { bigGlossary, bigTerm } from './glossary-fixtures';

const N = 200_000;

test('glossary: 200,000 entries load and compile in bounded time, none dropped', (t) => {
  const text = bigGlossary(N);
  const heapBefore = process.memoryUsage().heapUsed;
  let started = Date.now();
  const g = parseGlossary(text, 'big.glossary.yaml');
  const parseMs = Date.now() - started;
  const heapAfterParse = process.memoryUsage().heapUsed;
  started = Date.now();
  const compiled = compileWithDefault([g]);
  const compileMs = Date.now() - started;
  t.diagnostic(`200k glossary (${(text.length / 1e6).toFixed(1)} M chars): parse ${parseMs} ms, compile with the default glossary ${compileMs} ms, heap after parse +${((heapAfterParse - heapBefore) / 1e6).toFixed(0)} MB`);

  assert.deepEqual(g.problems, []);
  assert.equal(g.entries.length, N);
  assert.deepEqual([g.entries[0].term, g.entries[N - 1].term, g.entries[N - 1].origin.line], [bigTerm(0), bigTerm(N - 1), 4 + 4 * (N - 1)]);
  assert.ok(parseMs + compileMs < 60_000, `load + compile took ${parseMs + compileMs} ms (sanity bound 60 s)`);

  const engine = createEngine(compiled);
  const probe = `推进${bigTerm(12345)}和别名199999项，培育专精特新企业。`;
  const spans = engine.tag(probe);
  checkSpans(probe, spans);
  assert.deepEqual(spans.map((s) => [probe.slice(s.start, s.end), s.label]), [[bigTerm(12345), 'ORG'], ['别名199999项', 'TERM'], ['专精特新企业', 'TERM']]);
});

test('glossary: 200,000 copies of one term (duplicates) stay linear', (t) => {
  const lines = ['version: 1', 'entries:'];
  for (let i = 0; i < N; i++) lines.push(`  - {term: 链长制, category: TERM, definition: 定义${i % 2}}`);
  const started = Date.now();
  const g = parseGlossary(lines.join('\n'), 'dups.yaml');
  const ms = Date.now() - started;
  t.diagnostic(`200k duplicates: ${ms} ms`);
  assert.equal(g.entries.length, 1);
  assert.equal(g.problems.length, N - 1);
  assert.equal(g.problems[N - 2].line, N + 2);
  assert.ok(ms < 60_000, `${ms} ms`);
  // 199,999 problems pass through the merge (a push(...problems) spread overflowed the stack).
  const compiled = compileWithDefault([g]);
  assert.ok(compiled.glossary.problems.length >= N - 1);
  assert.ok(compiled.lookup('链长制'));
});
