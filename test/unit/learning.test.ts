import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileWithDefault, createEngine, parseGlossary } from '../../src/core';
import { decisionsForAccept, decisionsForLabel, decisionsForRemoval, decisionsForTag, type DecidedSpan } from '../../src/core/learning';
import { EMPTY_LEARNED, forget, learn, learnedLayer, parseLearned, readLearnedFile, serializeLearned, writeLearnedFile, findLearnedFile, knownIn, type LearnedSet } from '../../src/core/learning';
import { formatBreakdown, formatDifferences, simulate, type SimulatedDocument } from '../../src/core/learning/simulate';
import { MemoryFileSystem } from '../../src/core/files/memory-fs';

const ctx = { file: 'a.txt', author: 'li', time: '2024-05-01T09:30:00Z' };
/** The surfaces (with label, * for learned) the engine suggests in `text` with `set` applied. */
const tagged = (set: LearnedSet, text: string) =>
  createEngine(compileWithDefault([learnedLayer(set, 'learned.glossary.yaml')])).tag(text).map((s) => `${text.slice(s.start, s.end)}:${s.label}${s.entry?.learned ? '*' : ''}`);

test('a tagged surface is suggested in another text where it stands as a word, not inside a word', () => {
  const set = learn(EMPTY_LEARNED, { kind: 'tag', surface: '民生', label: 'TERM' }, ctx);
  assert.deepEqual(tagged(EMPTY_LEARNED, '改善民生。保障人民生命安全。'), []);
  assert.deepEqual(tagged(set, '改善民生。保障人民生命安全。'), ['民生:TERM*'], '人民生命 keeps 民生 out: the engine\'s word-edge rule');
  // A PDF line break inside the surface does not stop it (the matcher skips whitespace).
  assert.deepEqual(tagged(set, '改善民\n生。'), ['民\n生:TERM*']);
});

test('the suggestion carries where it was learned, for the hover', () => {
  const set = learn(EMPTY_LEARNED, { kind: 'tag', surface: '民生工程', label: 'TERM' }, ctx);
  const [span] = createEngine(compileWithDefault([learnedLayer(set, 'l.yaml')])).tag('实施民生工程。');
  assert.deepEqual(span.entry?.learned, { file: 'a.txt', action: 'tagged', author: 'li', time: '2024-05-01T09:30:00Z', count: 1 });
});

test('a rejection suppresses the surface everywhere, whichever rule found it; tagging it again lifts it', () => {
  const text = '南瑞集团集聚企业，推动高质量发展。';
  assert.deepEqual(tagged(EMPTY_LEARNED, text), ['南瑞集团:ORG', '高质量发展:TERM']);
  const rejected = learn(learn(EMPTY_LEARNED, { kind: 'reject', surface: '高质量发展', label: 'TERM' }, ctx), { kind: 'reject', surface: '南瑞集团', label: 'ORG' }, ctx);
  assert.deepEqual(tagged(rejected, text), []);
  assert.deepEqual(tagged(rejected, '推动高质量\n发展'), [], 'whitespace-insensitive as the matcher is');
  const lifted = learn(rejected, { kind: 'tag', surface: '高质量发展', label: 'TERM' }, ctx, knownIn(compileWithDefault().glossary));
  assert.equal(lifted.rejected.length, 1);
  assert.equal(lifted.entries.length, 0, 'the bundled glossary knows it: nothing to add, so its entry (and definition) stays');
  assert.deepEqual(tagged(lifted, text), ['高质量发展:TERM']);
});

test('a changed label rejects the old label and learns the new one', () => {
  const set = learn(EMPTY_LEARNED, { kind: 'change', from: { surface: '南瑞集团', label: 'ORG' }, to: { surface: '南瑞集团', label: 'TERM' } }, ctx);
  assert.equal(set.rejected[0].learned?.action, 'relabeled');
  assert.deepEqual(tagged(set, '南瑞集团集聚企业。'), ['南瑞集团:TERM*']);
});

test('a changed boundary rejects the old surface and learns the new one, which the rejected span no longer hides', () => {
  const set = learn(EMPTY_LEARNED, { kind: 'change', from: { surface: '高质量发展', label: 'TERM' }, to: { surface: '质量发展', label: 'TERM' } }, ctx);
  assert.deepEqual(tagged(set, '推动高质量发展。'), ['质量发展:TERM*']);
  assert.equal(set.entries[0].learned?.action, 'reboundaried');
});

test('learning again counts; NUM is not learned; forget removes one item', () => {
  let set = learn(EMPTY_LEARNED, { kind: 'tag', surface: '民生工程', label: 'TERM' }, ctx);
  set = learn(set, { kind: 'accept', surface: '民生\n工程', label: 'TERM' }, { file: 'b.txt' });
  assert.deepEqual(set.entries.map((e) => [e.term, e.learned?.count, e.learned?.file]), [['民生工程', 2, 'a.txt']]);
  assert.equal(learn(set, { kind: 'tag', surface: '三项', label: 'NUM' }, ctx), set);
  assert.equal(forget(set, { surface: '民生工程', label: 'ORG' }), set);
  assert.deepEqual(forget(set, { surface: '民生工程', label: 'TERM' }).entries, []);
  const rejecting = learn(set, { kind: 'reject', surface: '民生工程', label: 'TERM' }, ctx);
  assert.deepEqual([rejecting.entries.length, rejecting.rejected.length], [0, 1], 'the latest decision wins');
  assert.deepEqual(forget(rejecting, { surface: '民生工程', label: 'TERM' }, true).rejected, []);
  // Accepting what the bundled glossary suggests teaches nothing.
  assert.equal(learn(EMPTY_LEARNED, { kind: 'accept', surface: '高质量发展', label: 'TERM' }, ctx, knownIn(compileWithDefault().glossary)), EMPTY_LEARNED);
});

test('the file: sorted, stable, read back by the glossary loader into the same set', () => {
  let set = learn(EMPTY_LEARNED, { kind: 'tag', surface: '乙项目', label: 'PLACE' }, ctx);
  set = learn(set, { kind: 'tag', surface: '甲工程', label: 'TERM' }, ctx);
  set = learn(set, { kind: 'reject', surface: '五大', label: 'TERM' }, ctx);
  set = learn(set, { kind: 'tag', surface: '丙办', label: 'ORG' }, ctx);
  const text = serializeLearned(set);
  assert.match(text, /categories:\n {2}- name: PLACE\nrejected:\n {2}- term: 五大\n {4}category: TERM\n {4}learned: \{ file: a\.txt, action: rejected, author: li, time: 2024-05-01T09:30:00Z, count: 1 \}\nentries:\n {2}- term: 丙办\n {4}category: ORG/);
  const parsed = parseGlossary(text, 'learned.glossary.yaml');
  assert.deepEqual(parsed.problems, []);
  const again = parseLearned(text, 'learned.glossary.yaml');
  assert.equal(serializeLearned(again.set), text);
  assert.deepEqual(again.set.entries.map((e) => e.term), ['丙办', '乙项目', '甲工程']);
});

test('a bad learned file is refused with located errors and never written over', async () => {
  const fs = new MemoryFileSystem();
  await fs.createDirectory('/ws/.policy-annotator');
  const bad = 'version: 1\nrejected:\n  - term: 五大\n    category: TERM\n    learned: { file: a.txt, action: guessed, count: 1 }\nentries: []\n';
  await fs.writeFile('/ws/.policy-annotator/learned.glossary.yaml', new TextEncoder().encode(bad));
  const read = await readLearnedFile(fs, '/ws/.policy-annotator/learned.glossary.yaml', 'learned.glossary.yaml');
  assert.equal(read.kind, 'refused');
  assert.deepEqual(read.kind === 'refused' && read.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`), [
    'learned.glossary.yaml:5:37: `learned.action` must be tagged, accepted, relabeled, reboundaried or rejected',
  ]);
  assert.equal(await findLearnedFile(fs, '/ws/a/b'), '/ws/.policy-annotator/learned.glossary.yaml');
  assert.equal(await findLearnedFile(fs, '/other'), undefined);
  const set = learn(EMPTY_LEARNED, { kind: 'tag', surface: '甲工程', label: 'TERM' }, ctx);
  await writeLearnedFile(fs, '/w2/.policy-annotator/learned.glossary.yaml', set);
  const back = await readLearnedFile(fs, '/w2/.policy-annotator/learned.glossary.yaml');
  assert.equal(back.kind === 'read' && back.set.entries[0].term, '甲工程');
});

test('simulate: learning saves the repeated work of later files, and only uses what the annotator did', () => {
  // Two files; 甲乙工程 (unknown to the glossary) must be tagged in the first; learned, it is
  // suggested in the second, where one Accept All takes it. 高质量发展 is wrong in this gold.
  const doc = (id: string, text: string): SimulatedDocument => {
    const gold = [...text.matchAll(/甲乙工程/g)].map((m) => ({ start: m.index!, end: m.index! + 4, label: 'TERM' }));
    return { id, text, gold };
  };
  const docs = [doc('a', '实施甲乙工程，推动高质量发展。'), doc('b', '推进甲乙工程。甲乙工程，高质量发展。')];
  const without = simulate(docs, { learning: false });
  const withLearning = simulate(docs, { learning: true });
  assert.deepEqual(without.files.map((f) => [f.tagged, f.rejected, f.acceptAll, f.total]), [[1, 1, 0, 2], [2, 1, 0, 3]]);
  assert.deepEqual(withLearning.files.map((f) => [f.tagged, f.rejected, f.acceptAll, f.total]), [[1, 1, 0, 2], [0, 0, 1, 1]]);
  assert.equal(withLearning.files[1].totalSeparate, 2, 'two accepts if each were its own action');
  const within = simulate([doc('b', '推进甲乙工程。甲乙工程，高质量发展。')], { learning: true, withinFile: true });
  assert.deepEqual(within.files.map((f) => [f.tagged, f.rejected, f.acceptAll]), [[1, 1, 1]], 'the first tag teaches the rest of the same file');
});

test('what editing operations teach: a tag, a tag over a suggestion (a correction), an accept, a removal, a label change', () => {
  const text = '推进三链融合工程建设。';
  const span = (surface: string, label: string, state: DecidedSpan['state']) => ({ start: text.indexOf(surface), end: text.indexOf(surface) + surface.length, label, state });
  assert.deepEqual(decisionsForTag(text, span('三链融合', 'TERM', 'manual'), []), [{ kind: 'tag', surface: '三链融合', label: 'TERM' }]);
  assert.deepEqual(decisionsForTag(text, span('三链融合', 'TERM', 'accepted'), []), [{ kind: 'accept', surface: '三链融合', label: 'TERM' }]);
  // Tagged over a suggestion of other boundaries: the suggestion's surface is rejected, the tag learned.
  assert.deepEqual(decisionsForTag(text, span('三链融合', 'TERM', 'manual'), [span('三链融合工程', 'TERM', 'auto'), span('工程建设', 'ORG', 'auto')]), [
    { kind: 'change', from: { surface: '三链融合工程', label: 'TERM' }, to: { surface: '三链融合', label: 'TERM' } },
  ]);
  // Several overlapped, none of the label: which one was corrected is a guess, so only the tag is learned.
  assert.deepEqual(decisionsForTag(text, span('三链融合', 'TERM', 'manual'), [span('推进三链', 'ORG', 'auto'), span('融合工程', 'ORG', 'auto')]), [{ kind: 'tag', surface: '三链融合', label: 'TERM' }]);
  assert.deepEqual(decisionsForRemoval(text, span('工程建设', 'ORG', 'auto')), [{ kind: 'reject', surface: '工程建设', label: 'ORG' }]);
  assert.deepEqual(decisionsForRemoval(text, span('工程建设', 'ORG', 'accepted')), [{ kind: 'reject', surface: '工程建设', label: 'ORG' }]);
  assert.deepEqual(decisionsForRemoval(text, span('工程建设', 'ORG', 'manual')), [], 'removing one\'s own tag is a slip, not a judgement');
  assert.deepEqual(decisionsForLabel(text, span('三链融合', 'ORG', 'auto'), 'TERM'), [{ kind: 'change', from: { surface: '三链融合', label: 'ORG' }, to: { surface: '三链融合', label: 'TERM' } }]);
  assert.deepEqual(decisionsForAccept(text, [span('三链融合', 'TERM', 'auto')]), [{ kind: 'accept', surface: '三链融合', label: 'TERM' }]);
});

test('a widened span teaches the longer surface and rejects nothing: the shorter one stays right elsewhere', () => {
  const widened = learn(EMPTY_LEARNED, { kind: 'change', from: { surface: '产业链', label: 'TERM' }, to: { surface: '产业链党建联盟', label: 'TERM' } }, ctx);
  assert.deepEqual(widened.rejected, []);
  assert.deepEqual(widened.entries.map((e) => [e.term, e.learned?.action]), [['产业链党建联盟', 'reboundaried']]);
  const text = '组建产业链党建联盟，推动产业链现代化。融入全球产业链。';
  assert.ok(tagged(widened, text).includes('产业链党建联盟:TERM*'));
  assert.ok(tagged(widened, text).includes('产业链:TERM'), tagged(widened, text).join());
  // Narrowing or shifting still says the old surface is wrong as such.
  const narrowed = learn(EMPTY_LEARNED, { kind: 'change', from: { surface: '产业链党建联盟', label: 'TERM' }, to: { surface: '产业链', label: 'TERM' } }, ctx);
  assert.deepEqual(narrowed.rejected.map((r) => r.term), ['产业链党建联盟']);
});

test('simulate: the breakdown names the repeated actions and the differences learning made', () => {
  const doc = (id: string, text: string): SimulatedDocument => ({ id, text, gold: [...text.matchAll(/甲乙工程/g)].map((m) => ({ start: m.index!, end: m.index! + 4, label: 'TERM' })) });
  const docs = [doc('a', '实施甲乙工程。'), doc('b', '推进甲乙工程。')];
  const without = simulate(docs, { learning: false });
  const withLearning = simulate(docs, { learning: true, withinFile: true });
  assert.match(formatBreakdown(without), /a: tag TERM 1\nb: tag TERM 1\n2 actions besides Accept All, 1 distinct \(kind, label, surface\); repeated:\n  2× tag TERM 甲乙工程  \(a, b\)\nat most 1 actions/);
  assert.equal(formatDifferences(withLearning, without), 'b: −tag TERM 甲乙工程\n');
});
