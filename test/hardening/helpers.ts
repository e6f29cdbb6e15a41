// Shared pieces of the hardening suite: span invariants, exact code point checks, temp folders,
// the built CLI, and fast-check settings (runs, seed and path for replaying a failure).
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import type { Span, Problem } from '../../src/core/types';
import { OffsetMap } from '../../src/core/text/offsets';

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

/** A fresh temporary folder, removed when the process exits. */
export function tempDir(prefix = 'pa-hardening-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
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
// fast-check

/** Runs per property: FC_RUNS, default 10,000 (the minimum in CI; more locally). */
export const FC_RUNS = Math.max(1, Number(process.env.FC_RUNS ?? 10_000) || 10_000);

/**
 * fc.check with the suite's settings; on failure the assertion message starts with the command
 * that replays exactly the failing case (FC_SEED and FC_PATH), then fast-check's own report.
 * `runs` lets a slow property scale its share (as a fraction of FC_RUNS, never below 1).
 */
export function checkProperty<Ts>(name: string, property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>, options: { runsFactor?: number } = {}): void | Promise<void> {
  const params: fc.Parameters<Ts> = { numRuns: Math.max(1, Math.round(FC_RUNS * (options.runsFactor ?? 1))) };
  if (process.env.FC_SEED !== undefined) params.seed = Number(process.env.FC_SEED);
  if (process.env.FC_PATH !== undefined) params.path = process.env.FC_PATH;
  const report = (d: fc.RunDetails<Ts>) => {
    if (!d.failed) return;
    const replay = `FC_SEED=${d.seed} FC_PATH=${d.counterexamplePath ?? ''} npm run test:unit`;
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

/** Random text mixing policy fragments, numbers, hostile characters and whitespace. */
export function policyText(maxParts = 40): fc.Arbitrary<string> {
  const part = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...POLICY_FRAGMENTS) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 1_000_000 }).map(String) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_CHARS) },
    { weight: 2, arbitrary: fc.constantFrom(...WHITESPACE) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
  );
  return fc.array(part, { maxLength: maxParts }).map((parts) => parts.join(''));
}
