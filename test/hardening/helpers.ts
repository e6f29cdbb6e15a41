// Shared pieces of the hardening suite: span invariants, exact code point checks, temp folders,
// the built CLI, and fast-check settings (runs, seed and path for replaying a failure).
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestContext } from 'node:test';
import fc from 'fast-check';
import type { Span, Problem } from '../../src/core/types';
import { OffsetMap } from '../../src/core/text/offsets';
import type { Annotation, AnnotationState } from '../../src/core/annotations/model';
import { selectAnnotations, type ExportDocument } from '../../src/core/formats/common';
import { nativeExporter, importNative } from '../../src/core/formats/native';
import { doccanoExporter, importDoccano } from '../../src/core/formats/doccano';
import { labelStudioExporter, importLabelStudio } from '../../src/core/formats/label-studio';
import { bratExporter, importBrat } from '../../src/core/formats/brat';
import { conllExporter, conllEntities, isConllWhitespace } from '../../src/core/formats/conll';
import { tempDir as sharedTempDir } from '../fixtures/fixtures';

// ---------------------------------------------------------------------------------------------
// Paths and the CLI

/** The project root (the bundle runs from out/test/hardening). */
export const ROOT = resolve(__dirname, '../../..');
export const CLI = join(ROOT, 'bin/policy-annotator.js');
export const CLI_BUILT = existsSync(join(ROOT, 'dist/cli.js'));
export const NEEDS_BUILD = !CLI_BUILT && 'run npm run build first';

export function runCli(args: readonly string[], options: { input?: string | Buffer; cwd?: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8', input: options.input, cwd: options.cwd, maxBuffer: 1 << 30,
  });
}

/** A fresh temporary folder, removed after the test `t` (when given) and when the process exits. */
export function tempDir(prefix = 'pa-hardening-', t?: TestContext): string {
  return sharedTempDir(prefix, t);
}

// ---------------------------------------------------------------------------------------------
// Invariants

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** True when UTF-16 offset `i` falls between the two halves of a surrogate pair. */
export function splitsPair(text: string, i: number): boolean {
  return i > 0 && i < text.length && isLow(text.charCodeAt(i)) && isHigh(text.charCodeAt(i - 1));
}

/**
 * Engine output on `text`: every span inside the text, non-empty, sorted, non-overlapping,
 * never cutting a surrogate pair, and its code point offsets (what every export writes) slice
 * exactly the same text out of the code point array as the UTF-16 offsets do out of the string.
 */
export function checkSpans(text: string, spans: readonly Span[], where = ''): void {
  if (text.length > 1_000_000) return checkSpansLarge(text, spans, where);
  const map = new OffsetMap(text);
  const cps = Array.from(text);
  assert.equal(map.codePointLength, cps.length, `${where}code point length`);
  let prevEnd = 0;
  for (const s of spans) {
    const at = `${where}span [${s.start}, ${s.end}) ${s.label}`;
    assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end), `${at}: integer offsets`);
    assert.ok(s.start >= 0 && s.end <= text.length, `${at}: inside a text of length ${text.length}`);
    assert.ok(s.start < s.end, `${at}: non-empty`);
    assert.ok(s.start >= prevEnd, `${at}: sorted and not overlapping the previous span (ends at ${prevEnd})`);
    prevEnd = s.end;
    assert.ok(!splitsPair(text, s.start) && !splitsPair(text, s.end), `${at}: cuts a surrogate pair`);
    const cs = map.toCodePoint(s.start);
    const ce = map.toCodePoint(s.end);
    assert.equal(map.toUtf16(cs), s.start, `${at}: code point start converts back`);
    assert.equal(map.toUtf16(ce), s.end, `${at}: code point end converts back`);
    assert.equal(cps.slice(cs, ce).join(''), text.slice(s.start, s.end), `${at}: code point slice equals the UTF-16 slice`);
  }
}

/**
 * checkSpans for texts too large for a code point array: one walk over the text counts code
 * points independently of OffsetMap, and both conversions must agree with it at every span end.
 */
export function checkSpansLarge(text: string, spans: readonly Span[], where = ''): void {
  const map = new OffsetMap(text);
  let u = 0;
  let cp = 0;
  const cpAt = (target: number) => {
    assert.ok(target >= u, `${where}spans sorted`);
    while (u < target) {
      u += isHigh(text.charCodeAt(u)) && u + 1 < text.length && isLow(text.charCodeAt(u + 1)) ? 2 : 1;
      cp++;
    }
    assert.equal(u, target, `${where}offset ${target} cuts a surrogate pair`);
    return cp;
  };
  let prevEnd = 0;
  for (const s of spans) {
    const at = `${where}span [${s.start}, ${s.end}) ${s.label}`;
    assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= prevEnd && s.start < s.end && s.end <= text.length, `${at}: in bounds, sorted, non-overlapping (previous ends at ${prevEnd})`);
    prevEnd = s.end;
    for (const o of [s.start, s.end]) {
      const c = cpAt(o);
      assert.equal(map.toCodePoint(o), c, `${at}: UTF-16 ${o} → code point ${c}`);
      assert.equal(map.toUtf16(c), o, `${at}: code point ${c} → UTF-16 ${o}`);
    }
  }
  cpAt(text.length);
  assert.equal(map.codePointLength, cp, `${where}code point length`);
}

/** UTF-16 offsets of sorted code point offsets, by one independent walk over the text. */
export function utf16OfCodePoints(text: string, cps: readonly number[]): number[] {
  const out: number[] = [];
  let u = 0;
  let cp = 0;
  for (const target of cps) {
    assert.ok(target >= cp, 'code point offsets sorted');
    while (cp < target && u < text.length) {
      u += isHigh(text.charCodeAt(u)) && u + 1 < text.length && isLow(text.charCodeAt(u + 1)) ? 2 : 1;
      cp++;
    }
    assert.equal(cp, target, `code point offset ${target} beyond the text`);
    out.push(u);
  }
  return out;
}

/** Code point offsets in an exported record slice the same text as `expected` UTF-16 slices. */
export function codePointSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

/** Every problem is located: a file, line ≥ 1 and column ≥ 1 within the text, a message. */
export function checkLocated(problems: readonly Problem[], file: string, text?: string): void {
  const lines = text?.split('\n');
  for (const p of problems) {
    assert.equal(p.file, file, `problem file: ${JSON.stringify(p)}`);
    assert.ok(Number.isInteger(p.line) && p.line >= 1, `problem line: ${JSON.stringify(p)}`);
    assert.ok(Number.isInteger(p.column) && p.column >= 1, `problem column: ${JSON.stringify(p)}`);
    if (lines) {
      assert.ok(p.line <= lines.length, `problem line ${p.line} beyond the ${lines.length} lines: ${p.message}`);
      assert.ok(p.column <= lines[p.line - 1].length + 2, `problem column ${p.column} beyond line ${p.line}: ${p.message}`);
    }
    assert.ok(p.message.length > 0 && (p.severity === 'error' || p.severity === 'warning'));
  }
}

// ---------------------------------------------------------------------------------------------
// Exports

/**
 * Every format's offsets on `text`, by that format's own rule: native and doccano (code points,
 * and doccano's UTF-16 option), Label Studio (code points plus the span text), brat (code point
 * fragments that slice the text), CoNLL (one line per code point, whitespace skipped); the
 * importable formats read back to the same spans.
 */
export function checkExports(id: string, text: string, annotations: readonly Annotation[], where = ''): void {
  const doc: ExportDocument = { id, text, annotations };
  const opts = { states: ['manual', 'accepted', 'auto'] as AnnotationState[] };
  const selected = selectAnnotations(doc, opts);
  const key = (a: { start: number; end: number; label: string }) => `${a.start}:${a.end}:${a.label}`;
  const expected = selected.map(key);
  const cps = text.length > 1_000_000 ? undefined : Array.from(text);
  const cpSlice = (s: number, e: number) => (cps ? cps.slice(s, e).join('') : codePointSlice(text, s, e));

  const native = JSON.parse(nativeExporter.document(doc, opts).records[0]);
  assert.equal(native.text, text, `${where}native: text survives JSON`);
  native.spans.forEach((s: { start: number; end: number }, i: number) => assert.equal(cpSlice(s.start, s.end), text.slice(selected[i].start, selected[i].end), `${where}native span ${i}`));
  assert.deepEqual(importNative(nativeExporter.document(doc, opts).records[0], 'n.jsonl').documents[0].annotations.map(key), expected, `${where}native round trip`);

  for (const unit of ['codepoint', 'utf16'] as const) {
    const rec = doccanoExporter({ offsetUnit: unit }).document(doc, opts).records[0];
    const d = JSON.parse(rec);
    d.label.forEach(([s, e]: [number, number], i: number) => assert.equal(unit === 'codepoint' ? cpSlice(s, e) : text.slice(s, e), text.slice(selected[i].start, selected[i].end), `${where}doccano ${unit} span ${i}`));
    assert.deepEqual(importDoccano(rec, 'd.jsonl', { offsetUnit: unit }).documents[0].annotations.map(key), expected, `${where}doccano ${unit} round trip`);
  }

  const task = JSON.parse(labelStudioExporter.document(doc, opts).records[0]);
  const results = [...(task.annotations?.[0].result ?? []), ...(task.predictions?.[0].result ?? [])].filter((r: { type: string }) => r.type === 'labels');
  for (const r of results) assert.equal(cpSlice(r.value.start, r.value.end), r.value.text, `${where}Label Studio result ${r.id}`);
  const lsBack = importLabelStudio(labelStudioExporter.collection([JSON.stringify(task)], ['NUM', 'ORG', 'TERM'])[0].content, 'tasks.json');
  assert.deepEqual(lsBack.documents[0].annotations.map(key), expected, `${where}Label Studio round trip`);

  const brat = bratExporter.document(doc, opts);
  const ann = brat.files.find((f) => f.path.endsWith('.ann'))!.content;
  // brat reads the .ann with splitlines(): no line break but the '\n' ending each line.
  assert.ok(!PY_SPLITLINES.test(ann.replace(/\n/g, '')), `${where}brat .ann holds a character Python's splitlines() breaks at`);
  for (const line of ann.split('\n').filter((l) => l.startsWith('T'))) {
    const [, typeOffsets, ...rest] = line.split('\t');
    const surface = rest.join('\t');
    const frags = typeOffsets.split(' ').slice(1).join(' ').split(';').map((f) => f.split(' ').map(Number));
    assert.equal(frags.map(([s, e]) => cpSlice(s, e)).join(' '), surface, `${where}brat ${line.slice(0, 80)}`);
  }
  // brat cannot hold line breaks at a span's ends (nor spans of line breaks only): those come
  // back trimmed, each with a warning at export.
  const trimmed = bratExtents(selected, text);
  assert.deepEqual(importBrat(id, text, ann, 'doc.ann').documents[0].annotations.map(key), trimmed.map(key), `${where}brat round trip`);
  const changed = selected.filter((a) => !trimmed.some((t) => key(t) === key(a))).length;
  assert.equal(brat.warnings.length, changed, `${where}brat warns once per span it cannot hold exactly: ${brat.warnings.join('; ')}`);

  const conll = conllExporter.document(doc, opts);
  const strip = (s: string) => Array.from(s).filter((c) => !isConllWhitespace(c) && !/[\n\r\u2028\u2029\u0085\u000b\u000c\u001c-\u001e]/.test(c)).join('');
  const nonOverlapping = selected.filter((a, i) => i === 0 || a.start >= selected[i - 1].end);
  assert.deepEqual(conllEntities(conll.files[0].content).map((e) => `${e.label}:${e.text}`), nonOverlapping.map((a) => `${a.label}:${strip(text.slice(a.start, a.end))}`).filter((x) => !x.endsWith(':')), `${where}CoNLL entities`);
}

/** What brat keeps of each span: line breaks trimmed from both ends, spans of line breaks only dropped; sorted, deduplicated. */
/**
 * What Python's str.splitlines() breaks lines at (the documented list in Python's "str.splitlines"
 * reference), which is how brat's annotation.py reads .ann files (codecs readlines) and sources.
 */
export const PY_SPLITLINES = /[\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029]/;

export function bratExtents(selected: readonly Annotation[], text: string): { start: number; end: number; label: string }[] {
  const brk = (i: number) => PY_SPLITLINES.test(text[i]);
  const out = new Map<string, { start: number; end: number; label: string }>();
  for (const a of selected) {
    let s = a.start;
    let e = a.end;
    while (s < e && brk(s)) s++;
    while (e > s && brk(e - 1)) e--;
    if (s < e) out.set(`${s}:${e}:${a.label}`, { start: s, end: e, label: a.label });
  }
  return [...out.values()].sort((x, y) => x.start - y.start || x.end - y.end || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// fast-check

/** Runs per property: FC_RUNS, default 10,000 (the minimum in CI; more locally). */
export const FC_RUNS = Math.max(1, Number(process.env.FC_RUNS ?? 10_000) || 10_000);

/**
 * fc.check with the suite's settings; on failure the assertion message starts with the command
 * that replays exactly the failing case (FC_PROPERTY, FC_SEED and FC_PATH), then fast-check's
 * own report (counterexample, shrinks, the error).
 * `runs` lets a slow property scale its share (as a fraction of FC_RUNS, never below 1).
 */
export function checkProperty<Ts>(name: string, property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>, options: { runsFactor?: number; endOnFailure?: boolean } = {}): void | Promise<void> {
  const params: fc.Parameters<Ts> = { numRuns: Math.max(1, Math.round(FC_RUNS * (options.runsFactor ?? 1))), endOnFailure: options.endOnFailure };
  // FC_SEED/FC_PATH replay one property's failure; FC_PROPERTY names it (the others then run as usual).
  const mine = process.env.FC_PROPERTY === undefined || process.env.FC_PROPERTY === name;
  if (mine && process.env.FC_SEED !== undefined) params.seed = Number(process.env.FC_SEED);
  if (mine && process.env.FC_PATH !== undefined) params.path = process.env.FC_PATH;
  const report = (d: fc.RunDetails<Ts>) => {
    if (!d.failed) return;
    const replay = `FC_PROPERTY='${name}' FC_SEED=${d.seed} FC_PATH=${d.counterexamplePath ?? ''} npm run test:unit`;
    assert.fail(`property "${name}" failed (seed ${d.seed}, path ${d.counterexamplePath}); replay with: ${replay}\n${fc.defaultReportMessage(d)}`);
  };
  const r = fc.check(property as fc.IRawProperty<Ts>, params);
  if (r instanceof Promise) return r.then(report);
  report(r);
}

// ---------------------------------------------------------------------------------------------
// Generators

/** Fragments of policy prose: glossary terms, organizations, numbers with units, punctuation. */
export const POLICY_FRAGMENTS = [
  '高质量发展', '专精特新', '智改数转', '十四五', '新质生产力', '营商环境', '乡村振兴', '共同富裕',
  '南瑞集团', '国务院', '江宁经济技术开发区管理委员会', '紫金山实验室', '上汽大众', '南京大学',
  '150亿元', '140 多家', '2015年—2021 年', '第六位', '千亿级', '3.5%', '二〇二一年', '三分之一',
  '约 20 万平方米', '超过100家', '“龙头引领、链式布局、集群发展”', '（简称“江宁开发区”）',
  '，', '。', '、', '；', '：', '“', '”', '《', '》', '（', '）', '等', '和', '推动', '集聚', '企业',
  '１２３', 'ＡＢＣ', 'abc', 'GDP', '亿', '万', '元', '家', '年', '月', '日',
];

/** Characters from every Unicode plane and the awkward corners of UTF-16. */
export const HOSTILE_CHARS = [
  '\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u00a0',
  '\u200b', '\u200d', '\u2028', '\u2029', '\u3000', '\ufeff', '\ufffd', '\uffff', '\ufffe',
  '\ud800', '\udbff', '\udc00', '\udfff', // unpaired surrogates
  '😀', '𠀀', '𪚥', '\u{10000}', '\u{1F600}', '\u{2A6D6}', '\u{30000}', '\u{E0001}', '\u{F0000}', '\u{10FFFF}',
  'é', 'e\u0301', '١٢٣', '٣', '〇', '零', '壹', '佰', '㊀', '①', '½', '∞',
];

export const WHITESPACE = [' ', '\n', '\r\n', '\r', '\t', '\u3000', '\u00a0', '\n\n', '  '];

/** Random text mixing policy fragments, numbers, hostile characters and whitespace: from
 *  minParts to maxParts parts, spread over the whole range (not fast-check's default "small"). */
export function policyText(maxParts = 40, minParts = 0): fc.Arbitrary<string> {
  const part = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...POLICY_FRAGMENTS) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 1_000_000 }).map(String) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_CHARS) },
    { weight: 2, arbitrary: fc.constantFrom(...WHITESPACE) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
  );
  return fc.array(part, { minLength: minParts, maxLength: maxParts, size: 'max' }).map((parts) => parts.join(''));
}
