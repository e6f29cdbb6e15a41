// Property-based tests (issue 8, item 5) with fast-check: random policy-like texts with random
// Unicode, random glossaries (as data and as YAML), random annotations and random edits.
//
// Runs per property: FC_RUNS (default 10,000; more locally, e.g. FC_RUNS=100000). A failure
// prints the command that replays it:
//   FC_PROPERTY='<name>' FC_SEED=<seed> FC_PATH=<path> npm run test:unit
// (only that property takes the seed and path; the others run as usual).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createEngine, getDefaultEngine } from '../../src/core/engine';
import { compileGlossary, mergeGlossaries } from '../../src/core/glossary/glossary';
import { parseGlossary, type ParsedGlossary } from '../../src/core/glossary/load';
import { foldChar } from '../../src/core/glossary/matcher';
import { enumerationRuns } from '../../src/core/recognize/formulas';
import { isSkippableSpace } from '../../src/core/text/char-class';
import { OffsetMap, codePointLength } from '../../src/core/text/offsets';
import { IncrementalTagger, hasDocumentRules } from '../../src/core/engine';
import { AnnotatedDocument } from '../../src/core/annotations/document';
import { parseSidecar } from '../../src/core/annotations/sidecar';
import { compareAnnotations, type Annotation, type AnnotationState } from '../../src/core/annotations/model';
import type { GlossaryEntry, NumberValue, Span } from '../../src/core/types';
import { nativeExporter, importNative } from '../../src/core/formats/native';
import { doccanoExporter, importDoccano } from '../../src/core/formats/doccano';
import { labelStudioExporter, importLabelStudio } from '../../src/core/formats/label-studio';
import { bratExporter, importBrat } from '../../src/core/formats/brat';
import { checkProperty, checkSpans, checkLocated, policyText, FC_RUNS, POLICY_FRAGMENTS, HOSTILE_CHARS, WHITESPACE, PY_SPLITLINES } from './helpers';

// ---------------------------------------------------------------------------------------------
// Generators

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
/** Strings of any code units and code points: the worst a decoder or a PDF extractor can hand over. */
const anyText = fc.array(fc.oneof(codeUnit, fc.string({ unit: 'binary', maxLength: 3 }), fc.constantFrom(...HOSTILE_CHARS)), { maxLength: 60 }).map((a) => a.join(''));

/** Glossary terms: policy fragments, CJK, Latin, digits, astral characters, inner spaces. */
const termPart = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...POLICY_FRAGMENTS.filter((f) => f.trim().length > 0)) },
  { weight: 3, arbitrary: fc.integer({ min: 0x4e00, max: 0x4e40 }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.constantFrom('A', 'b', 'Ｚ', '１', '7', '😀', '𠀀', ' ', '\u3000', '-', '·') },
);
const term = fc.array(termPart, { minLength: 1, maxLength: 6 }).map((p) => p.join('').trim()).filter((t) => t.length > 0 && t.length <= 200);

const entry = (t: string, category: string, aliases: string[] = []): GlossaryEntry =>
  ({ term: t, category, aliases, definition: '', seeAlso: [], origin: { file: 'prop', line: 1, column: 1 } });

const randomGlossary = fc.array(fc.record({ term, category: fc.constantFrom('TERM', 'ORG', 'PLACE'), aliases: fc.array(term, { maxLength: 2 }) }), { maxLength: 12 })
  .map((list): ParsedGlossary => ({ file: 'prop', entries: list.map((e) => entry(e.term, e.category, e.aliases)), categories: [{ name: 'PLACE' }], problems: [] }));

/** A text that contains the glossary's terms among random policy text. */
const textWith = (g: ParsedGlossary) => fc.array(fc.oneof(
  { weight: 3, arbitrary: policyText(4) },
  { weight: 3, arbitrary: g.entries.length ? fc.constantFrom(...g.entries.flatMap((e) => [e.term, ...e.aliases])) : fc.constant('') },
  { weight: 1, arbitrary: fc.constantFrom(...WHITESPACE) },
), { maxLength: 16 }).map((p) => p.join(''));

/** Random annotations on `text`, generated in code points (so no surrogate pair is ever cut). */
function annotationsOn(text: string, labels = ['NUM', 'ORG', 'TERM', 'PLACE']): fc.Arbitrary<Annotation[]> {
  const map = new OffsetMap(text);
  const n = map.codePointLength;
  if (n === 0) return fc.constant([]);
  const value: fc.Arbitrary<NumberValue> = fc.record({ value: fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => v + 0 /* no -0: JSON has none */), unit: fc.constantFrom('元', '家', '%', ''), kind: fc.constantFrom('quantity', 'money', 'percent', 'date') as fc.Arbitrary<NumberValue['kind']> });
  const one = fc.record({
    a: fc.integer({ min: 0, max: n - 1 }),
    len: fc.integer({ min: 1, max: Math.min(n, 12) }),
    label: fc.constantFrom(...labels),
    state: fc.constantFrom<AnnotationState>('manual', 'accepted', 'auto', 'rejected'),
    value: fc.option(value, { nil: undefined }),
  }).map(({ a, len, label, state, value }): Annotation => {
    const e = Math.min(n, a + len);
    // fast-check records have no prototype; imported values are plain objects.
    return { start: map.toUtf16(a), end: map.toUtf16(e), label, state, ...(value && label === 'NUM' ? { value: { ...value } } : {}) };
  });
  return fc.array(one, { maxLength: 10 });
}

/** The same, at most one annotation per extent and label (what the editor and the importers keep). */
const distinctAnnotationsOn = (text: string) => annotationsOn(text).map((list) => list.filter((a, i) => list.findIndex((b) => key(b) === key(a)) === i));

const key = (a: { start: number; end: number; label: string }) => `${a.start}:${a.end}:${a.label}`;
const sortDedupe = <T extends Annotation>(list: readonly T[]): T[] => {
  const seen = new Set<string>();
  return [...list].sort(compareAnnotations).filter((a) => !seen.has(key(a)) && (seen.add(key(a)), true));
};
const plain = (a: Annotation) => ({ start: a.start, end: a.end, label: a.label, state: a.state, ...(a.value ? { value: a.value } : {}) });
const DOC_IDS = ['doc', 'sub/doc-1', '江宁/报告', '123', 'a.b'];

// ---------------------------------------------------------------------------------------------
// Properties

test(`property: engine spans stay inside the text, never overlap, convert exactly (${FC_RUNS} runs)`, () => {
  const engine = getDefaultEngine();
  checkProperty('engine spans', fc.property(fc.oneof(policyText(40), anyText), (text) => {
    checkSpans(text, engine.tag(text));
  }));
});

test(`property: the walk over 、-joined runs finds exactly what the regex it replaced finds (${FC_RUNS} runs)`, () => {
  // The regex is quadratic on long runs of ideographs; the walk must not change a single run.
  const reference = (s: string) => [...s.matchAll(/[\u4e00-\u9fff]+(?:、[\u4e00-\u9fff]+){2,6}/g)].map((m) => [m.index, m.index + m[0].length]);
  const piece = fc.constantFrom('坚持', '稳', '国', '，', 'a', '1', '𠀀', ' ', '\n', '', '改革开放');
  const list = fc.array(piece, { minLength: 1, maxLength: 12 }).map((a) => a.join('、'));
  checkProperty('enumeration runs', fc.property(fc.oneof(fc.array(fc.oneof(piece, list), { maxLength: 6 }).map((a) => a.join('')), anyText), (text) => {
    assert.deepEqual([...enumerationRuns(text)], reference(text));
  }));
});

test(`property: random glossaries — every span valid, every glossary match is its surface (${FC_RUNS} runs)`, () => {
  const fold = (s: string) => Array.from(s).filter((c) => !isSkippableSpace(c.charCodeAt(0))).map((c) => String.fromCharCode(...Array.from(c, (u) => foldChar(u.charCodeAt(0), { foldWidth: true, foldCase: true })))).join('');
  checkProperty('random glossaries', fc.property(randomGlossary.chain((g) => fc.tuple(fc.constant(g), textWith(g))), ([g, text]) => {
    const compiled = compileGlossary(mergeGlossaries([g]));
    const spans = createEngine(compiled).tag(text);
    checkSpans(text, spans);
    for (const s of spans) {
      if (s.origin !== 'glossary') continue;
      assert.equal(fold(text.slice(s.start, s.end)), fold(s.matched!), `glossary span [${s.start}, ${s.end}) is "${s.matched}" up to whitespace and width`);
      assert.ok(!isSkippableSpace(text.charCodeAt(s.start)) && !isSkippableSpace(text.charCodeAt(s.end - 1)), 'no whitespace at a match end');
    }
  }));
});

test(`property: YAML glossaries — never throws, every problem located, every valid entry loads whatever breaks around it (${FC_RUNS} runs)`, () => {
  // Valid entries are written as JSON strings (valid YAML double-quoted scalars); broken ones
  // get one of the mistakes people make by hand.
  const SAFE = fc.array(fc.oneof(fc.constantFrom(...POLICY_FRAGMENTS.filter((f) => /^[\u4e00-\u9fffA-Za-z0-9]+$/.test(f))), fc.constantFrom('😀', '𠀀', 'x', '1')), { minLength: 1, maxLength: 4 }).map((p) => p.join(''));
  const broken = fc.tuple(anyText, fc.constantFrom(
    (t: string) => `  - term: "${t}\n    category: TERM`,               // unterminated quote
    (t: string) => `\t- term: ${JSON.stringify(t)}\n    category: TERM`, // tab indentation
    (t: string) => `  - term: [${JSON.stringify(t)}\n    category: TERM`, // unterminated flow
    (t: string) => `  - term: ${JSON.stringify(t)}\n    category: NOPE`, // unknown category
    (t: string) => `  - term: *nowhere\n    category: TERM\n    definition: ${JSON.stringify(t)}`, // unknown alias
    (t: string) => `  - ${t}`,                                          // anything at all
    (t: string) => `  - term: ${JSON.stringify(t)}\n  category: TERM`,  // bad indentation
    (t: string) => `  - term: ${JSON.stringify(t)}\n    term: x\n    category: TERM`, // duplicate key
  )).map(([t, f]) => f(t));
  const item = fc.oneof(
    { weight: 3, arbitrary: fc.record({ term: SAFE, def: anyText }).map((e) => ({ valid: e.term, yaml: `  - term: ${JSON.stringify(e.term)}\n    category: TERM\n    definition: ${JSON.stringify(e.def)}` })) },
    { weight: 1, arbitrary: broken.map((yaml) => ({ valid: undefined as string | undefined, yaml })) },
  );
  checkProperty('YAML glossaries', fc.property(fc.array(item, { maxLength: 10 }), fc.boolean(), (items, crlf) => {
    let text = ['version: 1', 'entries:', ...items.map((i) => i.yaml)].join('\n') + '\n';
    if (crlf) text = text.replace(/\n/g, '\r\n');
    const g = parseGlossary(text, 'prop.yaml');
    checkLocated(g.problems, 'prop.yaml', text.replace(/\r\n/g, '\n'));
    const loaded = new Set(g.entries.map((e) => e.term));
    const valid = items.map((i) => i.valid).filter((t): t is string => t !== undefined);
    for (const t of valid) assert.ok(loaded.has(t), `valid entry ${JSON.stringify(t)} loaded (got ${JSON.stringify([...loaded])}; problems ${JSON.stringify(g.problems.map((p) => `${p.line}:${p.column} ${p.message}`))})`);
  }));
});

test(`property: UTF-16 ⇄ code point offsets are exact, lone surrogates included (${FC_RUNS} runs)`, () => {
  checkProperty('offsets', fc.property(fc.oneof(anyText, policyText(20)), (text) => {
    const map = new OffsetMap(text);
    const cps = Array.from(text); // lone surrogates count as one code point each, as here
    assert.equal(map.codePointLength, cps.length);
    assert.equal(codePointLength(text), cps.length);
    const utf16At: number[] = [];
    let u = 0;
    for (const c of cps) { utf16At.push(u); u += c.length; }
    utf16At.push(text.length);
    for (let cp = 0; cp <= cps.length; cp++) {
      assert.equal(map.toUtf16(cp), utf16At[cp], `toUtf16(${cp})`);
      assert.equal(map.toCodePoint(utf16At[cp]), cp, `toCodePoint(${utf16At[cp]})`);
    }
    for (let i = 0; i <= text.length; i++) {
      const cp = map.toCodePoint(i);
      assert.ok(utf16At[cp] <= i && (cp === cps.length || i < utf16At[cp + 1]), `toCodePoint(${i}) = ${cp}: the code point that holds it`);
    }
    assert.equal(map.toUtf16(-5), 0);
    assert.equal(map.toUtf16(cps.length + 5), text.length);
  }));
});

test(`property: export → import is the identity for native, doccano, Label Studio and brat (${FC_RUNS} runs)`, () => {
  // One annotation per extent and label, as the editor and every importer keep them.
  const doc = fc.tuple(fc.oneof(policyText(20), anyText), fc.constantFrom(...DOC_IDS)).chain(([text, id]) => fc.tuple(fc.constant(text), fc.constant(id), distinctAnnotationsOn(text)));
  const opts = { states: ['manual', 'accepted', 'auto'] as AnnotationState[] };
  checkProperty('export/import identity', fc.property(doc, ([text, id, annotations]) => {
    const d = { id, text, annotations };
    const out = sortDedupe(annotations.filter((a) => a.state !== 'rejected'));

    // native: spans, states and values
    const rec = nativeExporter.document(d, opts).records[0];
    const n = importNative(rec, 'p.jsonl');
    assert.deepEqual(n.problems, []);
    assert.deepEqual([n.documents[0].id, n.documents[0].text], [id, text]);
    assert.deepEqual(n.documents[0].annotations.map(plain), out.map(plain), 'native');
    assert.equal(nativeExporter.document(n.documents[0], opts).records[0], rec, 'native re-export is byte-identical');

    // doccano (both offset units): spans; everything a person made there is manual
    for (const offsetUnit of ['codepoint', 'utf16'] as const) {
      const r = doccanoExporter({ offsetUnit }).document(d, opts).records[0];
      const back = importDoccano(r, 'p.jsonl', { offsetUnit });
      assert.deepEqual(back.problems, []);
      assert.deepEqual(back.documents[0].annotations.map(key), out.map(key), `doccano ${offsetUnit}`);
      assert.equal(back.documents[0].text, text);
    }

    // Label Studio: reviewed work comes back manual, suggestions as suggestions, NUM values kept
    const task = labelStudioExporter.document(d, opts).records[0];
    const ls = importLabelStudio(labelStudioExporter.collection([task], [])[0].content, 'tasks.json');
    assert.deepEqual(ls.problems.filter((p) => p.severity === 'error'), []);
    const human = out.filter((a) => a.state !== 'auto').map((a) => ({ ...plain(a), state: 'manual' as const }));
    const auto = out.filter((a) => a.state === 'auto' && !human.some((h) => key(h) === key(a)));
    const lsExpected = sortDedupe([...human, ...auto].map((a) => ({ ...a, ...(a.label === 'NUM' && a.value ? {} : { value: undefined }) })));
    assert.deepEqual(ls.documents[0].annotations.map(plain), lsExpected.map(plain), 'Label Studio');

    // brat: spans that neither start nor end with a line break (brat's text field cannot hold
    // one; those are covered, with their warning, by the text tests); suggestions via the
    // Suggestion attribute, values via AnnotatorNotes
    const brk = (i: number) => PY_SPLITLINES.test(text[i]);
    const bratable = annotations.filter((a) => !brk(a.start) && !brk(a.end - 1));
    const b = bratExporter.document({ ...d, annotations: bratable }, opts);
    assert.deepEqual(b.warnings, []);
    const ann = b.files.find((f) => f.path === `${id}.ann`)!.content;
    const back = importBrat(id, text, ann, `${id}.ann`);
    assert.deepEqual(back.problems.filter((p) => p.severity === 'error'), []);
    const bratOut = sortDedupe(bratable.filter((a) => a.state !== 'rejected')).map((a) => ({ ...plain(a), state: a.state === 'auto' ? 'auto' : 'manual' }));
    assert.deepEqual(back.documents[0].annotations.map(plain), sortDedupe(bratOut as Annotation[]).map(plain), 'brat');
  }));
});

test(`property: annotation edits keep every annotation on the text; the sidecar reads back the same (${FC_RUNS} runs)`, () => {
  const edit = fc.record({ a: fc.nat(), b: fc.nat({ max: 8 }), newText: fc.oneof(fc.constant(''), policyText(2), anyText.map((s) => s.slice(0, 6))) });
  const doc = fc.oneof(policyText(20), anyText).chain((text) => fc.tuple(fc.constant(text), distinctAnnotationsOn(text), fc.array(edit, { maxLength: 6 })));
  checkProperty('edits and sidecar', fc.property(doc, ([text, annotations, edits]) => {
    const d = new AnnotatedDocument(text, annotations, { now: () => '2024-01-01T00:00:00.000Z' });
    for (const e of edits) {
      const len = d.text.length;
      let start = len === 0 ? 0 : e.a % (len + 1);
      let end = Math.min(len, start + e.b);
      // Edits come from an editor: never between the halves of a surrogate pair.
      const cut = (i: number) => i > 0 && i < d.text.length && /[\udc00-\udfff]/.test(d.text[i]) && /[\ud800-\udbff]/.test(d.text[i - 1]);
      if (cut(start)) start--;
      if (cut(end)) end++;
      // …nor joining two lone halves into a new pair (an annotation on one half would then cut it).
      const high = (c: number) => c >= 0xd800 && c <= 0xdbff;
      const low = (c: number) => c >= 0xdc00 && c <= 0xdfff;
      const joined = e.newText === '' ? high(d.text.charCodeAt(start - 1)) && low(d.text.charCodeAt(end)) : (high(d.text.charCodeAt(start - 1)) && low(e.newText.charCodeAt(0))) || (high(e.newText.charCodeAt(e.newText.length - 1)) && low(d.text.charCodeAt(end)));
      if (joined) continue;
      d.applyEdit({ start, end, newText: e.newText });
      for (const a of d.all()) assert.ok(a.start >= 0 && a.start < a.end && a.end <= d.text.length, `annotation [${a.start}, ${a.end}) inside a text of ${d.text.length}`);
    }
    const saved = d.serialize('doc.txt');
    const parsed = parseSidecar(saved, 'doc.txt.annotations.jsonl');
    assert.deepEqual(parsed.problems, []);
    const { document, report } = AnnotatedDocument.fromSidecar(d.text, parsed);
    assert.equal(report.textChanged, false);
    assert.deepEqual(report.orphaned, []);
    const strip = (a: Annotation) => ({ ...plain(a), author: a.author, time: a.time });
    assert.deepEqual(document.all().map(strip), d.all().filter((a) => a.state !== 'auto' || (a as { pinned?: boolean }).pinned).map(strip), 'sidecar round trip');
    assert.equal(document.serialize('doc.txt'), saved, 'saving again changes nothing');
  }));
});

// Until the engine offers DocumentRules (src/core/engine/types.ts: a phrase quoted once is a
// term wherever it recurs, a name found once an ORG wherever it recurs), incremental results can
// keep or miss such spans — e.g. deleting the only “蓝绿橙紫” leaves a stale TERM on a later
// 蓝绿橙紫. The property is then reported as a todo (it runs, stops at its first failure and is
// printed, without failing the suite); with DocumentRules it is a test like the others.
const INCREMENTAL_TODO = hasDocumentRules(getDefaultEngine()) ? undefined : 'the default engine has no DocumentRules yet: document-level spans can go stale';

test(`property: incremental re-tagging equals tagging from scratch after every edit (${FC_RUNS} runs)`, { todo: INCREMENTAL_TODO }, () => {
  // With the engine's own context radius (the contract: a radius below the engine's reach is
  // documented to give wrong answers). The texts (300–450 parts, about 1,000–1,500 characters)
  // are long enough for the re-tagged window to be a part of the text, not always all of it.
  const engine = getDefaultEngine();
  const change = fc.record({ a: fc.nat(), b: fc.nat({ max: 12 }), newText: fc.oneof(fc.constant(''), policyText(3), fc.constantFrom(...WHITESPACE), anyText.map((s) => s.slice(0, 4))) });
  const comparable = (spans: readonly Span[]) => spans.map(({ entry, ...s }) => ({ ...s, entry: entry?.term }));
  checkProperty('incremental', fc.property(policyText(450, 300), fc.array(change, { minLength: 1, maxLength: 2 }), (text, changes) => {
    const inc = new IncrementalTagger(engine, text);
    for (const c of changes) {
      const len = inc.text.length;
      const start = len === 0 ? 0 : c.a % (len + 1);
      inc.apply({ start, end: Math.min(len, start + c.b), newText: c.newText });
      const scratch = engine.tag(inc.text);
      checkSpans(inc.text, inc.spans);
      assert.deepEqual(comparable(inc.spans), comparable(scratch), `after ${JSON.stringify(c)} (text of ${inc.text.length})`);
    }
  }), { endOnFailure: INCREMENTAL_TODO !== undefined });
});
