// Matching "as the glossary asks" (issue 7): a glossary file's `matching:` chooses Latin case
// and full-width folding for its own terms, next to files that fold. Checked against a
// brute-force reference that folds each pattern its own way, and through the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileMixedMatcher, foldChar, type MatcherOptions } from '../../src/core/glossary/matcher';
import { isSkippableSpace } from '../../src/core/text/char-class';
import { parseGlossary } from '../../src/core/glossary/load';
import { createEngine, compileWithDefault } from '../../src/core/engine';
import { mulberry32 } from './helpers';

/** Leftmost-longest, non-overlapping; each pattern folded its own way; lowest index on a tie. */
function reference(patterns: readonly string[], options: readonly MatcherOptions[], text: string): { start: number; end: number; pattern: number }[] {
  const keys = patterns.map((p, k) => [...p].filter((c) => !isSkippableSpace(c.charCodeAt(0))).map((c) => foldChar(c.charCodeAt(0), options[k])));
  const out: { start: number; end: number; pattern: number }[] = [];
  for (let i = 0; i < text.length; ) {
    let best = 0;
    let bestEnd = i;
    let pattern = -1;
    if (!isSkippableSpace(text.charCodeAt(i))) {
      keys.forEach((key, k) => {
        if (key.length === 0) return;
        let j = i;
        let m = 0;
        while (m < key.length && j < text.length) {
          const c = text.charCodeAt(j);
          if (isSkippableSpace(c)) { j++; continue; }
          if (foldChar(c, options[k]) !== key[m]) break;
          m++;
          j++;
        }
        if (m === key.length && (key.length > best || (key.length === best && k < pattern))) { best = key.length; bestEnd = j; pattern = k; }
      });
    }
    if (pattern < 0) { i++; continue; }
    out.push({ start: i, end: bestEnd, pattern });
    i = bestEnd;
  }
  return out;
}

test('mixed folding: 3,000 random pattern sets, each pattern folded its own way, equal the brute-force reference', () => {
  const rnd = mulberry32(7);
  const units = ['a', 'A', 'ａ', 'Ａ', 'b', 'B', '１', '1', '中', '文', ' ', '\n'];
  const pick = () => units[Math.floor(rnd() * units.length)];
  let matches = 0;
  for (let run = 0; run < 3000; run++) {
    const patterns = Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => Array.from({ length: 1 + Math.floor(rnd() * 4) }, pick).join(''));
    const options = patterns.map((): MatcherOptions => ({ foldCase: rnd() < 0.5, foldWidth: rnd() < 0.5 }));
    const text = Array.from({ length: Math.floor(rnd() * 60) }, pick).join('');
    const want = reference(patterns, options, text);
    assert.deepEqual(compileMixedMatcher(patterns, options).scan(text), want, `run ${run}: ${JSON.stringify({ patterns, options, text })}`);
    matches += want.length;
  }
  assert.ok(matches > 5000, `${matches} matches compared`);
});

test('a glossary with `matching: case: sensitive` tags AI but not ai; other files still fold; a bad value is located', () => {
  const sensitive = parseGlossary('version: 1\nmatching:\n  case: sensitive\n  width: exact\nentries:\n  - term: AI\n    category: TERM\n    definition: 人工智能\n', 'ai.glossary.yaml');
  assert.deepEqual(sensitive.problems, []);
  assert.deepEqual(sensitive.matching, { foldCase: false, foldWidth: false });
  const folding = parseGlossary('version: 1\nentries:\n  - term: GDP\n    category: TERM\n    definition: 国内生产总值\n', 'gdp.glossary.yaml');
  const engine = createEngine(compileWithDefault([sensitive, folding]));
  const tagged = (text: string) => engine.tag(text).filter((s) => s.label === 'TERM' && s.origin === 'glossary').map((s) => text.slice(s.start, s.end));
  assert.deepEqual(tagged('发展AI产业，ai与ＡＩ不算；gdp和ＧＤＰ都算。'), ['AI', 'gdp', 'ＧＤＰ']);
  const plain = createEngine(compileWithDefault([parseGlossary('version: 1\nentries:\n  - term: AI\n    category: TERM\n    definition: 人工智能\n', 'x.yaml')]));
  assert.equal(plain.tag('ai与ＡＩ').filter((s) => s.origin === 'glossary').length, 2, 'without `matching`, case and width fold');

  const bad = parseGlossary('version: 1\nmatching:\n  case: maybe\n  colour: red\nentries:\n  - term: AI\n    category: TERM\n    definition: x\n', 'bad.glossary.yaml');
  assert.deepEqual(bad.problems.map((p) => [p.line, p.column, p.severity]), [[3, 9, 'error'], [4, 3, 'warning']]);
  assert.match(bad.problems[0].message, /`matching.case` must be `sensitive` or `insensitive`/);
  assert.deepEqual(bad.matching, { foldCase: true, foldWidth: true }, 'a bad value keeps the default');
  assert.equal(bad.entries.length, 1);
});

test('a Latin glossary term is not tagged inside a longer Latin word (AI in maintain, GDP in GDPR), but is next to Chinese', () => {
  const g = parseGlossary('version: 1\nentries:\n  - term: AI\n    category: TERM\n    definition: 人工智能\n  - term: GDP\n    category: TERM\n    definition: 国内生产总值\n', 'latin.glossary.yaml');
  const engine = createEngine(compileWithDefault([g]));
  const text = 'We maintain AI systems; GDPR与GDP；AI赋能，ｍａｉｎ，５G。';
  const hits = engine.tag(text).filter((s) => s.origin === 'glossary').map((s) => text.slice(s.start, s.end));
  assert.deepEqual(hits, ['AI', 'GDP', 'AI']);
});
