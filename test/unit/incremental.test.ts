import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileWithDefault, getDefaultEngine, type Engine } from '../../src/core/engine';
import type { CompiledGlossary } from '../../src/core/glossary/glossary';
import type { ParsedGlossary } from '../../src/core/glossary/load';
import { compileMatcher } from '../../src/core/glossary/matcher';
import type { GlossaryEntry, Span } from '../../src/core/types';
import { resolveOverlaps } from '../../src/core/annotations/resolve';
import { recognizeNumbers } from '../../src/core/recognize/numbers';
import { numberedPackages, designations } from '../../src/core/recognize/terms';
import { compactView, toOriginalRange, type CompactView } from '../../src/core/text/compact';
import { retag, IncrementalTagger, tagInSlices, hasDocumentRules, type SliceUpdate, type DocumentFacts, type DocumentRules, type LearnedFact } from '../../src/core/engine';
import type { TextEdit } from '../../src/core/types';
import { mulberry32 } from './helpers';
import { CORPUS_DIR, fixtureCorpus } from '../fixtures/fixtures';

const SEED = Number(process.env.INCREMENTAL_SEED ?? Date.now() % 1_000_000);
const LIMIT = { timeout: 120_000 };


// Real texts: the fixture corpus in the repository (excerpts of five Government Work Reports).
const SAMPLES: string[] = fixtureCorpus().map((f) => f.text);

function glossaryOf(terms: readonly string[]): ParsedGlossary {
  const entry = (term: string): GlossaryEntry => ({ term, category: 'TERM', aliases: [], definition: '', seeAlso: [], origin: { file: 'test', line: 1, column: 1 } });
  return { file: 'test', entries: terms.map(entry), categories: [], problems: [] };
}

/** Many overlapping terms cut from the samples: dense, competing spans. */
function denseTerms(r: () => number): string[] {
  const terms = new Set<string>();
  for (const text of SAMPLES) {
    for (let k = 0; k < 800; k++) {
      const at = Math.floor(r() * text.length);
      const t = text.slice(at, at + 2 + Math.floor(r() * 5)).replace(/\s+/g, '');
      if (t.length >= 2) terms.add(t);
    }
  }
  return [...terms];
}

/** Every pair of letters a–c is a term: leftmost-longest pairing flips along whole runs after an
 *  edit (a cascade no fixed context covers), which forces windows to widen. */
const CASCADE = ['aa', 'ab', 'ac', 'ba', 'bb', 'bc', 'ca', 'cb', 'cc'];

/** Quoted phrases, like the engine's quotedTerms but pairing a quote only with a closing quote
 *  at most 25 units on (the engine's pairs with the next one anywhere, so one stray quote
 *  re-pairs every quote after it: not local). */
function localQuotes(v: CompactView): Span[] {
  const pairs: Record<string, string> = { '“': '”', '‘': '’', '「': '」', '『': '』' };
  const s = v.text;
  const out: Span[] = [];
  for (let i = 0; i < s.length; i++) {
    const close = pairs[s[i]];
    if (!close) continue;
    const j = s.indexOf(close, i + 1);
    if (j < 0 || j - i - 1 > 24) continue;
    const inner = s.slice(i + 1, j);
    if (inner.length < 3 || /[，。；：！？,.;:!?《》（）()“”‘’「」『』]/.test(inner) || !/[\u4e00-\u9fff]/.test(inner)) continue;
    const r = toOriginalRange(v, i + 1, j);
    out.push({ start: r.start, end: r.end, label: 'TERM', origin: 'quote', reason: 'quoted' });
    i = j;
  }
  return out;
}

/**
 * The engine's own recognizers that only look at nearby text (glossary, numbered packages,
 * designations, numbers; quoted phrases as above), resolved like the engine does — plus,
 * optionally, the document-level rule "a phrase quoted once is a term wherever it recurs"
 * offered through DocumentRules, the way the engine can offer it.
 */
function rulesEngine(g: CompiledGlossary, documentLevel: false | 'learn' | 'learnAt'): Engine {
  const local = (text: string): Span[] => {
    const view = compactView(text);
    const out: Span[] = g.matcher.scan(text).map((m) => ({ start: m.start, end: m.end, label: g.surfaces[m.pattern].entry.category, origin: 'glossary' as const, entry: g.surfaces[m.pattern].entry, matched: g.surfaces[m.pattern].surface }));
    for (const list of [localQuotes(view), numberedPackages(text, view), designations(text, view), recognizeNumbers(text, view)]) for (const s of list) out.push(s);
    return out;
  };
  const learnAt = (text: string): LearnedFact[] => localQuotes(compactView(text)).map((q) => {
    const name = text.slice(q.start, q.end).replace(/\s+/g, '');
    return { start: q.start, end: q.end, key: `TERM\u0000${name}`, surface: name };
  });
  const learn = (text: string): DocumentFacts => new Map(learnAt(text).map((f) => [f.key, f.surface]));
  const tagWith = (part: string, facts: DocumentFacts): Span[] => {
    const out = local(part);
    const names = [...new Set(facts.values())];
    if (names.length) for (const h of compileMatcher(names, { foldWidth: false, foldCase: false }).scan(part)) out.push({ start: h.start, end: h.end, label: 'TERM', origin: 'quote', reason: 'quoted-elsewhere' });
    return resolveOverlaps(out);
  };
  if (documentLevel === false) return { glossary: g, tag: (text) => resolveOverlaps(local(text)) };
  const e: Engine & DocumentRules = { glossary: g, tag: (text) => tagWith(text, learn(text)), learn, tagWith };
  if (documentLevel === 'learnAt') e.learnAt = learnAt;
  return e;
}

function engines(r: () => number): [string, Engine][] {
  const dense = compileWithDefault([glossaryOf(denseTerms(r))]);
  return [
    ['local rules', rulesEngine(compileWithDefault(), false)],
    ['local rules, dense glossary', rulesEngine(dense, false)],
    ['cascade', rulesEngine(compileWithDefault([glossaryOf(CASCADE)]), false)],
    ['document rules (DocumentRules.learn)', rulesEngine(dense, 'learn')],
    ['document rules (DocumentRules.learnAt)', rulesEngine(dense, 'learnAt')],
  ];
}

const PIECES = ['', 'a', 'b', 'c', '十', '亿元', '2021年', '%', '国家', '\n', '\n\n', ' ', '　', '𠀀', '“', '”', '集团', '发展改革委', '第', '五', '.', '，', '“高质量发展”'];

function randomChange(r: () => number, text: string, sample: string): TextEdit {
  const start = Math.floor(r() * (text.length + 1));
  const kind = r();
  let end = start;
  let newText = '';
  if (kind < 0.4) newText = PIECES[Math.floor(r() * PIECES.length)]; // insert
  else if (kind < 0.7) end = Math.min(text.length, start + 1 + Math.floor(r() * (r() < 0.8 ? 3 : 400))); // delete
  else {
    end = Math.min(text.length, start + Math.floor(r() * 6));
    const at = Math.floor(r() * sample.length);
    newText = r() < 0.5 ? PIECES[Math.floor(r() * PIECES.length)] : sample.slice(at, at + Math.floor(r() * 30)); // replace
  }
  return { start, end, newText };
}

/** deepEqual on span lists, with a short message: the first spans that differ, not 2,000 lines. */
function assertSameSpans(got: readonly Span[], want: readonly Span[], message: string): void {
  if (isDeepEqual(got, want)) return;
  const show = (s: Span | undefined) => (s ? `[${s.start},${s.end}) ${s.label} ${s.origin}${s.reason ? ' ' + s.reason : ''}${s.matched ? ' ' + s.matched : ''}` : '-');
  let i = 0;
  while (i < got.length && i < want.length && isDeepEqual(got[i], want[i])) i++;
  assert.fail(`${message}\n  first difference at #${i}: got ${show(got[i])}, want ${show(want[i])} (got ${got.length} spans, want ${want.length})`);
}

function apply(text: string, c: TextEdit): string {
  return text.slice(0, c.start) + c.newText + text.slice(c.end);
}

function randomString(r: () => number, n: number): string {
  let s = '';
  while (s.length < n) s += PIECES[Math.floor(r() * PIECES.length)];
  return s;
}

test('samples are available', () => {
  assert.ok(SAMPLES.length >= 3 && SAMPLES.every((t) => t.length > 3000), `expected the fixture corpus at ${CORPUS_DIR}`);
});

test(`retag equals a full tag after random edits (seed ${SEED})`, LIMIT, () => {
  const r = mulberry32(SEED);
  let widened = 0;
  for (const [name, engine] of engines(r)) {
    const texts = [...SAMPLES, randomString(r, 3000), 'abcabcabcabca'.repeat(200)];
    for (let n = 0; n < 150; n++) {
      const text = texts[n % texts.length];
      const spans = engine.tag(text);
      const change = randomChange(r, text, texts[(n + 1) % texts.length]);
      const got = retag(engine, text, spans, change);
      const next = apply(text, change);
      assert.equal(got.text, next);
      assertSameSpans(got.spans, engine.tag(next), `seed ${SEED}, ${name} case ${n}: ${JSON.stringify(change)}`);
      assertSameSpans(spans, engine.tag(text), 'inputs untouched');
      widened += got.widenings;
    }
  }
  assert.ok(widened > 0, 'the cascade engine should have made some windows widen');
});

test(`IncrementalTagger stays equal to a full tag over a session of edits (seed ${SEED})`, LIMIT, () => {
  const r = mulberry32(SEED ^ 0x1234567);
  for (const [name, engine] of engines(r)) {
    const tagger = new IncrementalTagger(engine, SAMPLES[0] ?? 'abc');
    for (let n = 0; n < 120; n++) {
      const before = tagger.text;
      const change = randomChange(r, before, SAMPLES[n % SAMPLES.length] ?? 'abc');
      tagger.apply(change);
      assert.equal(tagger.text, apply(before, change));
      assertSameSpans(tagger.spans, engine.tag(tagger.text), `seed ${SEED}, ${name} edit ${n}: ${JSON.stringify(change)}`);
    }
  }
});

for (const how of ['learn', 'learnAt'] as const) test(`document facts (${how}): quoting a phrase re-tags its occurrences far from the edit`, () => {
  const engine = rulesEngine(compileWithDefault(), how);
  assert.ok(hasDocumentRules(engine));
  const filler = '各地区各部门要认真落实。\n'.repeat(200);
  const text = `建设高质量发展引领区。\n${filler}打造高质量发展引领区。${filler}推进高质量发展引领区建设`;
  const spans = engine.tag(text);
  const quoting = [{ start: 2, end: 2, newText: '“' }, { start: 11, end: 11, newText: '”' }];
  let t = text;
  let s = spans;
  for (const c of quoting) {
    const got = retag(engine, t, s, c);
    t = got.text;
    s = got.spans;
    assertSameSpans(s, engine.tag(t), JSON.stringify(c));
  }
  assert.equal(s.filter((x) => x.reason === 'quoted-elsewhere').length, 2, JSON.stringify(s));
  const back = retag(engine, t, s, { start: 11, end: 12, newText: '' }); // unquote again
  assertSameSpans(back.spans, engine.tag(back.text), 'unquote');
  assert.ok(back.windows.length >= 2, 'the far occurrences were re-tagged in windows of their own');
});

test('a keystroke re-tags a small window, not the document', () => {
  const engine = getDefaultEngine();
  const text = SAMPLES.join('\n').repeat(10);
  const mid = text.length >> 1;
  const got = retag(engine, text, engine.tag(text), { start: mid, end: mid, newText: '国' });
  assert.equal(got.windows.length, 1);
  assert.ok(got.windows[0].end - got.windows[0].start < 3000, JSON.stringify(got.windows));
});

test('edits at the very ends and whole-text replacement', () => {
  const engine = engines(mulberry32(1))[0][1];
  const text = SAMPLES[1] ?? '国家发展改革委';
  for (const change of [
    { start: 0, end: 0, newText: '国家' },
    { start: text.length, end: text.length, newText: '发展改革委' },
    { start: 0, end: text.length, newText: SAMPLES[2] ?? 'x' },
    { start: 0, end: text.length, newText: '' },
    { start: 5, end: 2, newText: 'x' }, // reversed range: treated as an insertion at 5
  ]) {
    const got = retag(engine, text, engine.tag(text), change);
    assertSameSpans(got.spans, engine.tag(got.text), JSON.stringify(change).slice(0, 80));
  }
  const empty = retag(engine, '', [], { start: 0, end: 0, newText: text });
  assertSameSpans(empty.spans, engine.tag(text), 'from empty');
});

// The shipped engine has document-level rules (quoted phrases, ORG names propagate through the
// document): without DocumentRules, window results can miss their spans.
const DEFAULT_TODO = hasDocumentRules(getDefaultEngine()) ? undefined : 'the engine needs DocumentRules (learn/tagWith)';
test('the default engine: retag equals a full tag', { todo: DEFAULT_TODO, ...LIMIT }, () => {
  const r = mulberry32(SEED ^ 0x2468);
  const engine = getDefaultEngine();
  let wrong = 0;
  for (let n = 0; n < 100; n++) {
    const text = SAMPLES[n % SAMPLES.length];
    const change = randomChange(r, text, SAMPLES[(n + 1) % SAMPLES.length]);
    const got = retag(engine, text, engine.tag(text), change);
    if (!isDeepEqual(got.spans, engine.tag(got.text))) wrong++;
  }
  assert.equal(wrong, 0, `${wrong} of 100 random edits differ from a full tag`);
});

function isDeepEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

async function collect(engine: Engine, text: string, opts: Parameters<typeof tagInSlices>[2]): Promise<{ updates: SliceUpdate[]; result: Span[] }> {
  const updates: SliceUpdate[] = [];
  const it = tagInSlices(engine, text, opts);
  for (;;) {
    const step = await it.next();
    if (step.done) return { updates, result: step.value };
    updates.push(step.value);
  }
}

test(`tagInSlices equals a full tag; updates replayed give the same (seed ${SEED})`, LIMIT, async () => {
  const r = mulberry32(SEED ^ 0x7777);
  let yields = 0;
  for (const [name, engine] of engines(r)) {
    const texts = [...SAMPLES, SAMPLES.join('\n'), randomString(r, 5000), 'ab'.repeat(3000) + '\n' + 'abc'.repeat(500), ''];
    for (const text of texts) {
      for (const sliceSize of [150, 1000, 7000]) {
        const p = Math.floor(r() * text.length);
        const priorityRange = r() < 0.7 ? { start: p, end: Math.min(text.length, p + Math.floor(r() * 2000)) } : undefined;
        const { updates, result } = await collect(engine, text, { sliceSize, priorityRange, yieldFn: async () => { yields++; } });
        const full = engine.tag(text);
        const where = `seed ${SEED}, ${name}: slices of ${sliceSize}, ${JSON.stringify(priorityRange)}`;
        assertSameSpans(result, full, where);
        // a consumer that replaces the spans in each update's range ends with the same
        let shown: Span[] = [];
        for (const u of updates) shown = [...shown.filter((s) => s.start < u.start || s.start >= u.end), ...u.spans];
        shown.sort((a, b) => a.start - b.start);
        assertSameSpans(shown, full, where);
        if (name !== 'cascade' && priorityRange && priorityRange.end > priorityRange.start && updates.length > 1) {
          // the priority range is final once it and its two neighbours are tagged (unless slices
          // had to be merged, as the cascade engine makes them)
          const mid = (priorityRange.start + priorityRange.end) >> 1;
          assert.ok(updates.slice(0, 3).some((u) => u.start <= mid && mid < u.end), `priority range first: ${where}`);
        }
      }
    }
  }
  assert.ok(yields > 0);
});

test('tagInSlices yields to the event loop between slices by default', LIMIT, async () => {
  const engine = getDefaultEngine();
  const text = SAMPLES.join('\n').repeat(4);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  try {
    let updates = 0;
    const it = tagInSlices(engine, text, { sliceSize: 2000 });
    for (;;) {
      const step = await it.next();
      if (step.done) break;
      updates++;
    }
    assert.ok(updates > 5);
    assert.ok(ticks > 0, 'a timer ran while slicing');
  } finally {
    clearInterval(timer);
  }
});

test('document facts recur across any whitespace the rules skip (em space, zero-width space, ideographic space)', () => {
  // The rules read a whitespace-free view, so a phrase quoted once recurs across an em space or a
  // zero-width space as well as a line break; incremental re-tagging must look for recurrences
  // the same way, or removing the quoted occurrence leaves a stale TERM on the others.
  const engine = getDefaultEngine();
  for (const gap of ['\u2003', '\u200b', '\u3000', '\n', '\ufeff']) {
    const phrase = `蓝绿${gap}橙紫`;
    const text = `提出“蓝绿橙紫”战略。${'其他内容。'.repeat(200)}坚持${phrase}方向。`;
    const inc = new IncrementalTagger(engine, text);
    const at = text.indexOf('“');
    // Remove the quoted occurrence: the fact is gone, so is the TERM on the recurrence.
    inc.apply({ start: at, end: at + '“蓝绿橙紫”'.length, newText: '' });
    assert.deepEqual(inc.spans.map((s) => [s.start, s.end, s.label]), engine.tag(inc.text).map((s) => [s.start, s.end, s.label]), `gap U+${gap.charCodeAt(0).toString(16)}`);
    // And back: quoting it again marks the recurrence again.
    inc.apply({ start: at, end: at, newText: '“蓝绿橙紫”' });
    assert.deepEqual(inc.spans.map((s) => [s.start, s.end, s.label]), engine.tag(inc.text).map((s) => [s.start, s.end, s.label]), `gap U+${gap.charCodeAt(0).toString(16)} restored`);
  }
});

test('tagWith marks only the document\'s facts: a name cut by the part\'s edge is not propagated', () => {
  // Found by the incremental property test: a window starting inside 江宁经济技术开发区管理委员会
  // found the cut name 术开发区管理委员会 at its edge and marked it far away, where the full text
  // has no name (the window's own edge results are discarded, but not what they propagated).
  const engine = getDefaultEngine();
  const doc = `》江宁经济技术开发区管理委员会紫金山实验室。${'其他内容。'.repeat(40)}\u{f6129}术开发区管理委员会和第六位。`;
  const far = doc.lastIndexOf('术开发区');
  const orgAtFar = (spans: readonly Span[], offset: number) => spans.filter((s) => s.label === 'ORG' && s.start + offset <= far + 4 && s.end + offset > far);
  assert.deepEqual(orgAtFar(engine.tag(doc), 0), [], 'the full text has no ORG there');
  const facts = engine.learn(doc);
  for (let cut = doc.indexOf('江'); cut <= doc.indexOf('管'); cut++) {
    assert.deepEqual(orgAtFar(engine.tagWith(doc.slice(cut), facts), cut), [], `part from ${cut} (${doc.slice(cut, cut + 3)}…)`);
  }
});
